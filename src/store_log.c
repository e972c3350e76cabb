/* store_log.c - the append-only event log, the parking lot of learning
 * issues, and review comments. */
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* ---- events ---------------------------------------------------------- */

/* One event row at the session's current position, in the caller's
 * transaction; STORE_NOT_FOUND when the session does not exist. */
int store_event_tx(struct pbl_store *st, const char *uuid, const char *type,
                   const char *detail)
{
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    sqlite3_stmt *s = store_stmt(
        st, SQL_LOG_EVENT,
        "INSERT INTO events(session_id, at, type, modpos, stage, detail)"
        " SELECT id, ?2, ?3, cur_modpos, cur_stage, ?4 FROM sessions"
        " WHERE uuid = ?1");
    if (!s)
        return store_fail(st, "cannot log the event");
    store_bind_str(s, 1, uuid);
    store_bind_str(s, 2, now);
    store_bind_str(s, 3, type);
    store_bind_str(s, 4, detail);
    if (store_exec_stmt(st, s) != SQLITE_DONE)
        return store_fail(st, "cannot log the event");
    if (sqlite3_changes(st->db) == 0)
        return store_failv(st, STORE_NOT_FOUND, "no session %s", uuid);
    return STORE_OK;
}

/* Appends one event in its own transaction (the console's "resume",
 * "edit", ...). */
int store_log_event(struct pbl_store *st, const char *uuid, const char *type,
                    const char *detail)
{
    if (!type || !*type)
        return store_failv(st, STORE_ERROR, "an event needs a type");
    if (store_begin(st, "log the event") != STORE_OK)
        return STORE_ERROR;
    int rc = store_event_tx(st, uuid, type, detail);
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "log the event");
}

/* Frees what store_list_events() filled. */
void store_event_list_free(struct store_event_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].type);
        free(l->v[i].detail);
    }
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* One row of the events query. */
static bool fill_event(sqlite3_stmt *s, void *elem)
{
    struct store_event *e = elem;
    bool oom = false;
    e->id = sqlite3_column_int64(s, 0);
    store_col_copy(s, 1, e->at, sizeof e->at);
    e->type = store_col_dup(s, 2, &oom);
    e->modpos = store_col_range(s, 3, 0, STORE_MAX_INDEX, -1);
    store_col_copy(s, 4, e->stage, sizeof e->stage);
    e->detail = store_col_dup(s, 5, &oom);
    return !oom;
}

/* The session's events in the order they happened (by id: the
 * timestamps have whole seconds only). */
int store_list_events(struct pbl_store *st, const char *uuid,
                      struct store_event_list *out)
{
    struct store_rows rows = {0};
    int r = store_read_session_rows(
        st, uuid, SQL_LIST_EVENTS,
        "SELECT id, at, type, modpos, stage, detail FROM events"
        " WHERE session_id = ?1 ORDER BY id",
        "cannot read the events", &rows, sizeof *out->v, fill_event);
    out->v = rows.v;
    out->n = rows.n;
    if (r != STORE_OK)
        store_event_list_free(out);
    return r;
}

/* ---- parking lot ----------------------------------------------------- */

/* A learning issue raised now in session `uuid`. */
int store_park_item(struct pbl_store *st, const char *uuid, const char *text,
                    int64_t *id)
{
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    if (!text || !*text)
        return store_failv(st, STORE_ERROR,
                           "a parking-lot item needs some text");
    if (store_begin(st, "park the item") != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_stmt(st, SQL_PARK,
                                 "INSERT INTO parking(session_id, text,"
                                 " raised_at) SELECT id, ?2, ?3"
                                 " FROM sessions WHERE uuid = ?1");
    int rc = STORE_OK;
    if (!s)
        rc = store_fail(st, "cannot park the item");
    if (rc == STORE_OK) {
        store_bind_str(s, 1, uuid);
        store_bind_str(s, 2, text);
        store_bind_str(s, 3, now);
        if (store_exec_stmt(st, s) != SQLITE_DONE)
            rc = store_fail(st, "cannot park the item");
        else if (sqlite3_changes(st->db) == 0)
            rc = store_failv(st, STORE_NOT_FOUND, "no session %s", uuid);
    }
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    sqlite3_int64 row = sqlite3_last_insert_rowid(st->db);
    if (store_commit(st, "park the item") != STORE_OK)
        return STORE_ERROR;
    if (id)
        *id = row;
    return STORE_OK;
}

/* Resolves an item now; `uuid` (may be NULL) is the session it was
 * resolved in, usually a later one of the same group. */
int store_resolve_park_item(struct pbl_store *st, int64_t id, const char *uuid)
{
    char now[STORE_TIME_LEN + 1];
    sqlite3_int64 sid = 0;
    clock_now_iso(now);
    if (store_begin(st, "resolve the item") != STORE_OK)
        return STORE_ERROR;
    int rc = uuid ? store_session_row(st, uuid, &sid) : STORE_OK;
    sqlite3_stmt *s = NULL;
    if (rc == STORE_OK) {
        s = store_stmt(st, SQL_RESOLVE,
                       "UPDATE parking SET resolved_at = ?2,"
                       " resolved_session_id = ?3 WHERE id = ?1");
        if (!s)
            rc = store_fail(st, "cannot resolve the item");
    }
    if (rc == STORE_OK) {
        sqlite3_bind_int64(s, 1, id);
        store_bind_str(s, 2, now);
        if (uuid)
            sqlite3_bind_int64(s, 3, sid);
        if (store_exec_stmt(st, s) != SQLITE_DONE)
            rc = store_fail(st, "cannot resolve the item");
        else if (sqlite3_changes(st->db) == 0)
            rc = store_failv(st, STORE_NOT_FOUND, "no parking-lot item %lld",
                             (long long)id);
    }
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "resolve the item");
}

/* Marks a resolved item open again (a reviewer's mistake undone). */
int store_reopen_park_item(struct pbl_store *st, int64_t id)
{
    if (store_begin(st, "reopen the item") != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_stmt(st, SQL_REOPEN,
                                 "UPDATE parking SET resolved_at = NULL,"
                                 " resolved_session_id = NULL WHERE id = ?1");
    int rc = s ? STORE_OK : store_fail(st, "cannot reopen the item");
    if (rc == STORE_OK) {
        sqlite3_bind_int64(s, 1, id);
        if (store_exec_stmt(st, s) != SQLITE_DONE)
            rc = store_fail(st, "cannot reopen the item");
        else if (sqlite3_changes(st->db) == 0)
            rc = store_failv(st, STORE_NOT_FOUND, "no parking-lot item %lld",
                             (long long)id);
    }
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "reopen the item");
}

/* Frees what the parking-lot lists filled. */
void store_park_list_free(struct store_park_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

#define PARK_COLS                                                              \
    "SELECT p.id, s.uuid, p.text, p.raised_at, p.resolved_at, r.uuid"          \
    " FROM parking p JOIN sessions s ON s.id = p.session_id"                   \
    " LEFT JOIN sessions r ON r.id = p.resolved_session_id"

/* One PARK_COLS row. */
static bool fill_park_item(sqlite3_stmt *s, void *elem)
{
    struct store_park_item *p = elem;
    bool oom = false;
    p->id = sqlite3_column_int64(s, 0);
    store_col_copy(s, 1, p->session, sizeof p->session);
    p->text = store_col_dup(s, 2, &oom);
    store_col_copy(s, 3, p->raised_at, sizeof p->raised_at);
    store_col_copy(s, 4, p->resolved_at, sizeof p->resolved_at);
    store_col_copy(s, 5, p->resolved_in, sizeof p->resolved_in);
    return !oom;
}

/* Hands what store_read_*rows read to *out, or frees it after an error. */
static int take_park(int r, struct store_rows *rows,
                     struct store_park_list *out)
{
    out->v = rows->v;
    out->n = rows->n;
    if (r != STORE_OK)
        store_park_list_free(out);
    return r;
}

/* The items raised in one session, for its export and summary. */
int store_list_park_items(struct pbl_store *st, const char *uuid,
                          struct store_park_list *out)
{
    struct store_rows rows = {0};
    int r = store_read_session_rows(
        st, uuid, SQL_LIST_PARK_SESSION,
        PARK_COLS " WHERE p.session_id = ?1 ORDER BY p.id",
        "cannot read the parking lot", &rows, sizeof *out->v, fill_park_item);
    return take_park(r, &rows, out);
}

/* See store.h: the review's rule (src/store_walk.c's sql_parking), raised
 * or resolved here, in the order the review text lists them. */
int store_list_park_items_review(struct pbl_store *st, const char *uuid,
                                 struct store_park_list *out)
{
    struct store_rows rows = {0};
    int r = store_read_session_rows(
        st, uuid, SQL_LIST_PARK_REVIEW,
        PARK_COLS " WHERE p.session_id = ?1 OR p.resolved_session_id = ?1"
                  " ORDER BY p.raised_at, p.id",
        "cannot read the parking lot", &rows, sizeof *out->v, fill_park_item);
    return take_park(r, &rows, out);
}

/* Open items of every session of the group, its name compared as
 * pbl_fold() does (spaces and case do not matter); a NULL group matches
 * the sessions that have none (self-study). */
int store_list_open_park_items(struct pbl_store *st, const char *group_name,
                               struct store_park_list *out)
{
    struct store_rows rows = {0};
    const char *what = "cannot read the parking lot";
    sqlite3_stmt *s =
        store_stmt(st, SQL_LIST_PARK_GROUP,
                   PARK_COLS " WHERE pbl_fold(s.group_name) IS pbl_fold(?1)"
                             " AND p.resolved_at IS NULL ORDER BY p.id");
    int r = STORE_ERROR;
    if (!s) {
        store_fail(st, "%s", what);
    } else {
        store_bind_str(s, 1, group_name);
        r = store_read_rows(st, s, what, &rows, sizeof *out->v, fill_park_item);
    }
    return take_park(r, &rows, out);
}

int store_group_did_module(struct pbl_store *st, const char *group_name,
                           const char *module_id, bool *done)
{
    *done = false;
    sqlite3_stmt *s = store_stmt(
        st, SQL_GROUP_DID_MODULE,
        "SELECT 1 FROM sessions s JOIN session_modules m"
        " ON m.session_id = s.id WHERE s.kind = 'group'"
        " AND s.group_name IS ?1 AND m.module_id = ?2"
        " AND (s.status = 'finished' OR s.cur_modpos > m.position) LIMIT 1");
    if (!s)
        return store_fail(st, "cannot read the sessions");
    store_bind_str(s, 1, group_name);
    store_bind_str(s, 2, module_id);
    int rc = store_step(st, s);
    store_done(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot read the sessions");
    *done = rc == SQLITE_ROW;
    return STORE_OK;
}

/* ---- review comments ------------------------------------------------- */

int store_add_review_comment(struct pbl_store *st, const char *uuid,
                             const char *text)
{
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    if (!text || !*text)
        return store_failv(st, STORE_ERROR, "a comment needs some text");
    if (store_begin(st, "save the comment") != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_stmt(st, SQL_ADD_COMMENT,
                                 "INSERT INTO review_comments(session_id,"
                                 " text, created_at) SELECT id, ?2, ?3"
                                 " FROM sessions WHERE uuid = ?1");
    int rc = STORE_OK;
    if (!s) {
        rc = store_fail(st, "cannot save the comment");
    } else {
        store_bind_str(s, 1, uuid);
        store_bind_str(s, 2, text);
        store_bind_str(s, 3, now);
        if (store_exec_stmt(st, s) != SQLITE_DONE)
            rc = store_fail(st, "cannot save the comment");
        else if (sqlite3_changes(st->db) == 0)
            rc = store_failv(st, STORE_NOT_FOUND, "no session %s", uuid);
    }
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "save the comment");
}
