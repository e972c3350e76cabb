/* store_session.c - sessions: creating them (with their module
 * snapshots), finding, listing, finishing, deleting, and where each one
 * stands for resume. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "pbl/text.h"
#include "store_impl.h"

static const char *const kind_names[] = {"group", "self-study"};
static const char *const status_names[] = {"active", "finished", "abandoned"};

/* The word stored for a session kind. */
const char *store_kind_name(enum store_kind k)
{
    return (unsigned)k < 2 ? kind_names[k] : "group";
}

/* The word stored for a session status. */
const char *store_status_name(enum store_status s)
{
    return (unsigned)s < 3 ? status_names[s] : "active";
}

/* The status stored as `word`; 0, or -1 when it is none. */
int store_status_parse(const char *word, enum store_status *out)
{
    for (int i = 0; word && i < 3; i++)
        if (strcmp(status_names[i], word) == 0) {
            *out = (enum store_status)i;
            return 0;
        }
    return -1;
}

/* Index of `word` in names[0..n-1], or 0 (the column's CHECK keeps other
 * words out). */
static int name_index(const char *const *names, int n, const char *word)
{
    for (int i = 0; word && i < n; i++)
        if (strcmp(names[i], word) == 0)
            return i;
    return 0;
}

/* Random bytes from getrandom(), else /dev/urandom; -1 when neither. */
static int random_bytes(unsigned char *b, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(b + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (got == n)
        return 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    got = 0;
    while (got < n) {
        ssize_t r = read(fd, b + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    return got == n ? 0 : -1;
}

/* RFC 4122 version 4 (random) UUID, lower case. */
int store_uuid_v4(char uuid[static STORE_UUID_LEN + 1])
{
    unsigned char b[16];
    if (random_bytes(b, sizeof b) != 0)
        return STORE_ERROR;
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(uuid, STORE_UUID_LEN + 1,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10],
             b[11], b[12], b[13], b[14], b[15]);
    return STORE_OK;
}

/* Looks up the row id behind a UUID (one indexed lookup). */
int store_session_row(struct pbl_store *st, const char *uuid, sqlite3_int64 *id)
{
    sqlite3_stmt *s = store_stmt(st, SQL_SESSION_ID,
                                 "SELECT id FROM sessions WHERE uuid = ?1");
    if (!s)
        return store_fail(st, "cannot read the sessions");
    store_bind_str(s, 1, uuid);
    int rc = store_step(st, s);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(s, 0);
    store_done(s);
    if (rc == SQLITE_ROW)
        return STORE_OK;
    if (rc == SQLITE_DONE)
        return store_failv(st, STORE_NOT_FOUND, "no session %s",
                           uuid ? uuid : "(none)");
    return store_fail(st, "cannot read the sessions");
}

int store_read_rows(struct pbl_store *st, sqlite3_stmt *s, const char *what,
                    struct store_rows *rows, size_t size, store_fill_fn *fill)
{
    int rc;
    bool ok = true;
    while (ok && (rc = store_step(st, s)) == SQLITE_ROW) {
        char *v = store_grow(rows->v, rows->n, size);
        if (!v) {
            ok = false;
            break;
        }
        rows->v = v;
        void *elem = v + rows->n++ * size;
        memset(elem, 0, size);
        ok = fill(s, elem);
    }
    store_done(s);
    if (!ok)
        return store_failv(st, STORE_ERROR, "out of memory");
    if (rc != SQLITE_DONE)
        return store_fail(st, "%s", what);
    return STORE_OK;
}

int store_read_session_rows(struct pbl_store *st, const char *uuid,
                            enum store_stmt_id id, const char *sql,
                            const char *what, struct store_rows *rows,
                            size_t size, store_fill_fn *fill)
{
    sqlite3_int64 row;
    int r = store_session_row(st, uuid, &row);
    if (r != STORE_OK)
        return r;
    sqlite3_stmt *s = store_stmt(st, id, sql);
    if (!s)
        return store_fail(st, "%s", what);
    sqlite3_bind_int64(s, 1, row);
    return store_read_rows(st, s, what, rows, size, fill);
}

/* The body of store_create_session, inside its transaction. */
static int create_tx(struct pbl_store *st, const struct store_session_new *n,
                     const char *uuid)
{
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    sqlite3_stmt *s = store_stmt(
        st, SQL_NEW_SESSION,
        "INSERT INTO sessions(uuid, kind, group_name, facilitator, resident,"
        " participants, notes, started_at, target_minutes, frame)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    if (!s)
        return store_fail(st, "cannot start the session");
    store_bind_str(s, 1, uuid);
    store_bind_str(s, 2, store_kind_name(n->kind));
    /* names as stored: trimmed, inner spaces collapsed, empty is none */
    char *names[3] = {text_name(n->group_name), text_name(n->facilitator),
                      text_name(n->resident)};
    const char *given[3] = {n->group_name, n->facilitator, n->resident};
    for (int k = 0; k < 3; k++) {
        if (given[k] && !names[k]) {
            for (int j = 0; j < 3; j++)
                free(names[j]);
            return store_failv(st, STORE_ERROR, "out of memory");
        }
        if (names[k] && !*names[k]) {
            free(names[k]);
            names[k] = NULL;
        }
        store_bind_str(s, 3 + k, names[k]);
    }
    store_bind_str(s, 6, n->participants);
    store_bind_str(s, 7, n->notes);
    store_bind_str(s, 8, now);
    sqlite3_bind_int(s, 9, n->target_minutes);
    sqlite3_bind_int(s, 10, (int)(n->frame & 3u));
    int rc = store_exec_stmt(st, s);
    for (int k = 0; k < 3; k++)
        free(names[k]);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot start the session");
    sqlite3_int64 id = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < n->nmodules; i++)
        if (store_snapshot_module(st, id, (int)i, n->modules[i]) != STORE_OK)
            return STORE_ERROR;
    return store_event_tx(st, uuid, "create", NULL);
}

/* A new session and its snapshots commit together or not at all. */
int store_create_session(struct pbl_store *st,
                         const struct store_session_new *n,
                         char uuid[static STORE_UUID_LEN + 1])
{
    uuid[0] = '\0';
    char id[STORE_UUID_LEN + 1];
    if (store_uuid_v4(id) != STORE_OK)
        return store_failv(st, STORE_ERROR,
                           "cannot start the session: no random numbers");
    if (store_begin(st, "start the session") != STORE_OK)
        return STORE_ERROR;
    if (create_tx(st, n, id) != STORE_OK) {
        store_rollback(st);
        return STORE_ERROR;
    }
    if (store_commit(st, "start the session") != STORE_OK)
        return STORE_ERROR;
    memcpy(uuid, id, sizeof id);
    return STORE_OK;
}

/* Appends a module at the next free position of an existing session. */
int store_add_module(struct pbl_store *st, const char *uuid,
                     const struct pbl_module *m, int *modpos)
{
    sqlite3_int64 id;
    int pos = -1, rc;
    if (store_begin(st, "add the module") != STORE_OK)
        return STORE_ERROR;
    if ((rc = store_session_row(st, uuid, &id)) != STORE_OK)
        goto fail;
    sqlite3_stmt *s = store_stmt(st, SQL_NEXT_POSITION,
                                 "SELECT coalesce(max(position) + 1, 0)"
                                 " FROM session_modules"
                                 " WHERE session_id = ?1");
    if (s) {
        sqlite3_bind_int64(s, 1, id);
        if (store_step(st, s) == SQLITE_ROW)
            pos = sqlite3_column_int(s, 0);
        store_done(s);
    }
    if (pos < 0) {
        rc = store_fail(st, "cannot add the module");
        goto fail;
    }
    if ((rc = store_snapshot_module(st, id, pos, m)) != STORE_OK)
        goto fail;
    if (store_commit(st, "add the module") != STORE_OK)
        return STORE_ERROR;
    if (modpos)
        *modpos = pos;
    return STORE_OK;
fail:
    store_rollback(st);
    return rc;
}

#define SESSION_COLS                                                           \
    "SELECT uuid, kind, status, group_name, facilitator, resident,"            \
    " participants, notes, started_at, ended_at, cur_modpos, cur_stage, id,"   \
    " target_minutes, frame FROM sessions"

/* The module ids of a session, in position order. */
static int module_ids(struct pbl_store *st, sqlite3_int64 id,
                      struct pbl_strv *out)
{
    sqlite3_stmt *s = store_stmt(st, SQL_MODULE_IDS,
                                 "SELECT module_id FROM session_modules"
                                 " WHERE session_id = ?1 ORDER BY position");
    if (!s)
        return store_fail(st, "cannot read the session's modules");
    sqlite3_bind_int64(s, 1, id);
    int rc;
    bool oom = false;
    while (!oom && (rc = store_step(st, s)) == SQLITE_ROW) {
        char **v = store_grow(out->v, out->n + 1, sizeof *v);
        if (!v) {
            oom = true;
            break;
        }
        out->v = v;
        v[out->n] = store_col_required(s, 0, &oom); /* NULL: damaged */
        if (v[out->n])
            v[++out->n] = NULL;
    }
    store_done(s);
    if (oom)
        return store_failv(st, STORE_ERROR, "out of memory");
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot read the session's modules");
    if (!out->v) { /* an empty list is still NULL-terminated */
        out->v = calloc(1, sizeof *out->v);
        if (!out->v)
            return store_failv(st, STORE_ERROR, "out of memory");
    }
    return STORE_OK;
}

/* Copies the current SESSION_COLS row into *out (which owns nothing yet);
 * the module ids are read with a second statement. */
static int fill_session(struct pbl_store *st, sqlite3_stmt *s,
                        struct store_session *out)
{
    bool oom = false;
    memset(out, 0, sizeof *out);
    store_col_copy(s, 0, out->uuid, sizeof out->uuid);
    out->kind = (enum store_kind)name_index(
        kind_names, 2, (const char *)sqlite3_column_text(s, 1));
    out->status = (enum store_status)name_index(
        status_names, 3, (const char *)sqlite3_column_text(s, 2));
    out->group_name = store_col_dup(s, 3, &oom);
    out->facilitator = store_col_dup(s, 4, &oom);
    out->resident = store_col_dup(s, 5, &oom);
    out->participants = store_col_dup(s, 6, &oom);
    out->notes = store_col_dup(s, 7, &oom);
    store_col_copy(s, 8, out->started_at, sizeof out->started_at);
    store_col_copy(s, 9, out->ended_at, sizeof out->ended_at);
    out->modpos = store_col_range(s, 10, 0, STORE_MAX_INDEX, -1);
    store_col_copy(s, 11, out->stage, sizeof out->stage);
    out->target_minutes = store_col_range(s, 13, 0, STORE_MAX_MINUTES, 0);
    out->frame = (unsigned)store_col_range(s, 14, 0, 3, 0);
    if (oom)
        return store_failv(st, STORE_ERROR, "out of memory");
    return module_ids(st, sqlite3_column_int64(s, 12), &out->module_ids);
}

/* Frees the strings of a session filled here; s is left zeroed. */
void store_session_free(struct store_session *s)
{
    if (!s)
        return;
    free(s->group_name);
    free(s->facilitator);
    free(s->resident);
    free(s->participants);
    free(s->notes);
    store_strv_free(&s->module_ids);
    memset(s, 0, sizeof *s);
}

/* One session by its exact UUID (see store_find_session for
 * prefixes). */
int store_get_session(struct pbl_store *st, const char *uuid,
                      struct store_session *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s =
        store_stmt(st, SQL_GET_SESSION, SESSION_COLS " WHERE uuid = ?1");
    if (!s)
        return store_fail(st, "cannot read the session");
    store_bind_str(s, 1, uuid);
    int rc = store_step(st, s);
    if (rc == SQLITE_DONE) {
        store_done(s);
        return store_failv(st, STORE_NOT_FOUND, "no session %s", uuid);
    }
    if (rc != SQLITE_ROW)
        return store_fail(st, "cannot read the session");
    rc = fill_session(st, s, out);
    store_done(s);
    if (rc != STORE_OK)
        store_session_free(out);
    return rc;
}

/* Frees a list filled by store_list_sessions(). */
void store_session_list_free(struct store_session_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        store_session_free(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* Newest first; ties (same second) by creation order, newest first. */
int store_list_sessions(struct pbl_store *st, enum store_list_filter filter,
                        struct store_session_list *out)
{
    out->v = NULL;
    out->n = 0;
    sqlite3_stmt *s =
        filter == STORE_LIST_UNFINISHED
            ? store_stmt(st, SQL_LIST_ACTIVE,
                         SESSION_COLS " WHERE status = 'active'"
                                      " ORDER BY started_at DESC, id DESC")
            : store_stmt(st, SQL_LIST_ALL,
                         SESSION_COLS " ORDER BY started_at DESC, id DESC");
    if (!s)
        return store_fail(st, "cannot list the sessions");
    int rc, r = STORE_OK;
    while ((rc = store_step(st, s)) == SQLITE_ROW) {
        struct store_session *v = store_grow(out->v, out->n, sizeof *v);
        if (!v) {
            r = store_failv(st, STORE_ERROR, "out of memory");
            break;
        }
        out->v = v;
        r = fill_session(st, s, &v[out->n]);
        out->n++;
        if (r != STORE_OK)
            break;
    }
    store_done(s);
    if (r == STORE_OK && rc != SQLITE_DONE)
        r = store_fail(st, "cannot list the sessions");
    if (r != STORE_OK)
        store_session_list_free(out);
    return r;
}

/* A full UUID or a unique prefix of one, as typed after `pbl resume`. */
int store_find_session(struct pbl_store *st, const char *prefix,
                       char uuid[static STORE_UUID_LEN + 1])
{
    char key[STORE_UUID_LEN + 1];
    size_t n = prefix ? strlen(prefix) : 0;
    uuid[0] = '\0';
    if (n == 0 || n > STORE_UUID_LEN)
        return store_failv(st, STORE_NOT_FOUND, "no session matches '%s'",
                           prefix ? prefix : "");
    for (size_t i = 0; i <= n; i++)
        key[i] = (char)tolower((unsigned char)prefix[i]);
    sqlite3_stmt *s = store_stmt(st, SQL_FIND_PREFIX,
                                 "SELECT uuid FROM sessions"
                                 " WHERE substr(uuid, 1, ?2) = ?1 LIMIT 2");
    if (!s)
        return store_fail(st, "cannot read the sessions");
    store_bind_str(s, 1, key);
    sqlite3_bind_int(s, 2, (int)n);
    int found = 0, rc;
    while ((rc = store_step(st, s)) == SQLITE_ROW)
        if (found++ == 0)
            store_col_copy(s, 0, uuid, STORE_UUID_LEN + 1);
    store_done(s);
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot read the sessions");
    if (found == 1)
        return STORE_OK;
    uuid[0] = '\0';
    if (found == 0)
        return store_failv(st, STORE_NOT_FOUND, "no session matches '%s'",
                           prefix);
    return store_failv(st, STORE_AMBIGUOUS,
                       "'%s' matches several sessions; give more of the "
                       "UUID",
                       prefix);
}

/* Runs one UPDATE/DELETE keyed by uuid in its own transaction, with the
 * event `event` (if any) in the same transaction; STORE_NOT_FOUND when
 * no session has that uuid. */
static int session_write(struct pbl_store *st, sqlite3_stmt *s,
                         const char *uuid, const char *what, const char *event)
{
    int rc = STORE_OK;
    if (!s) {
        store_fail(st, "cannot %s", what);
        store_rollback(st);
        return STORE_ERROR;
    }
    if (store_exec_stmt(st, s) != SQLITE_DONE)
        rc = store_fail(st, "cannot %s", what);
    else if (sqlite3_changes(st->db) == 0)
        rc = store_failv(st, STORE_NOT_FOUND, "no session %s", uuid);
    else if (event)
        rc = store_event_tx(st, uuid, event, NULL);
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, what);
}

/* Finish or abandon: the status and end time change together with the
 * event that records it. */
static int set_status(struct pbl_store *st, const char *uuid,
                      enum store_status status, const char *what,
                      const char *event)
{
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    if (store_begin(st, what) != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_stmt(st, SQL_SET_STATUS,
                                 "UPDATE sessions SET status = ?2,"
                                 " ended_at = ?3 WHERE uuid = ?1");
    if (s) {
        store_bind_str(s, 1, uuid);
        store_bind_str(s, 2, store_status_name(status));
        store_bind_str(s, 3, now);
    }
    return session_write(st, s, uuid, what, event);
}

/* The session ended normally. */
int store_finish_session(struct pbl_store *st, const char *uuid)
{
    return set_status(st, uuid, STORE_FINISHED, "finish the session", "finish");
}

/* The session was given up; it is no longer offered for resume. */
int store_abandon_session(struct pbl_store *st, const char *uuid)
{
    return set_status(st, uuid, STORE_ABANDONED, "abandon the session",
                      "abandon");
}

/* Everything of the session goes with it (ON DELETE CASCADE); parking-lot
 * items it resolved elsewhere just lose that link. */
int store_delete_session(struct pbl_store *st, const char *uuid)
{
    if (store_begin(st, "delete the session") != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_stmt(st, SQL_DELETE_SESSION,
                                 "DELETE FROM sessions WHERE uuid = ?1");
    if (s)
        store_bind_str(s, 1, uuid);
    return session_write(st, s, uuid, "delete the session", NULL);
}

/* The resume point: which module and stage the session was at. */
int store_set_session_position(struct pbl_store *st, const char *uuid,
                               int modpos, const char *stage)
{
    if (modpos < 0 || !store_stage_valid(stage))
        return store_failv(st, STORE_ERROR, "no stage '%s' at position %d",
                           stage ? stage : "", modpos);
    if (store_begin(st, "save the position") != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_stmt(st, SQL_SET_POSITION,
                                 "UPDATE sessions SET cur_modpos = ?2,"
                                 " cur_stage = ?3 WHERE uuid = ?1");
    if (s) {
        store_bind_str(s, 1, uuid);
        sqlite3_bind_int(s, 2, modpos);
        store_bind_str(s, 3, stage);
    }
    return session_write(st, s, uuid, "save the position", NULL);
}

/* Where the session stopped: what resume returns to. */
int store_get_session_position(struct pbl_store *st, const char *uuid,
                               int *modpos, char stage[static STORE_STAGE_MAX])
{
    sqlite3_stmt *s = store_stmt(st, SQL_GET_POSITION,
                                 "SELECT cur_modpos, cur_stage FROM sessions"
                                 " WHERE uuid = ?1");
    if (!s)
        return store_fail(st, "cannot read the session");
    store_bind_str(s, 1, uuid);
    int rc = store_step(st, s);
    if (rc == SQLITE_ROW) {
        /* a damaged position resumes at the start */
        *modpos = store_col_range(s, 0, 0, STORE_MAX_INDEX, 0);
        store_col_copy(s, 1, stage, STORE_STAGE_MAX);
    }
    store_done(s);
    if (rc == SQLITE_ROW)
        return STORE_OK;
    if (rc == SQLITE_DONE)
        return store_failv(st, STORE_NOT_FOUND, "no session %s", uuid);
    return store_fail(st, "cannot read the session");
}
