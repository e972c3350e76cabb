/* store_snapshot.c - the copy of each module a session used, kept in
 * plain tables (session_modules, snapshot_questions, snapshot_points) so
 * that review and export show what the group saw even after the YAML file
 * changed or was deleted, and can query it with SQL joins. The module's
 * full YAML text is kept beside it (session_modules.source). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* The words stored for enum pbl_question_kind, in its order. */
static const char *const qkind_names[] = {"customers", "skills", "text"};

static const char *qkind_word(enum pbl_question_kind k)
{
    return (unsigned)k < 3 ? qkind_names[k] : "text";
}

/* The question kind stored as `w`; text for anything else. */
static enum pbl_question_kind qkind_from_word(const char *w)
{
    for (int i = 0; w && i < 3; i++)
        if (strcmp(w, qkind_names[i]) == 0)
            return (enum pbl_question_kind)i;
    return QKIND_TEXT;
}

/* A list of strings as a JSON array of strings (malloc'd), so that SQL
 * readers can use json_each(); NULL when out of memory. */
static char *json_array(const struct pbl_strv *v)
{
    size_t len = 3;
    for (size_t i = 0; i < v->n; i++)
        len += 3 + 6 * strlen(v->v[i] ? v->v[i] : "");
    char *out = malloc(len), *p = out;
    if (!out)
        return NULL;
    *p++ = '[';
    for (size_t i = 0; i < v->n; i++) {
        if (i)
            *p++ = ',';
        *p++ = '"';
        for (const unsigned char *c = (const unsigned char *)v->v[i]; c && *c;
             c++) {
            if (*c == '"' || *c == '\\') {
                *p++ = '\\';
                *p++ = (char)*c;
            } else if (*c < 0x20) {
                p += sprintf(p, "\\u%04x", *c);
            } else {
                *p++ = (char)*c;
            }
        }
        *p++ = '"';
    }
    *p++ = ']';
    *p = '\0';
    return out;
}

/* Inserts the questions of m (and their key points) under snapshot module
 * row `mod_row`. */
static int snapshot_questions(struct pbl_store *st, sqlite3_int64 mod_row,
                              const struct pbl_module *m)
{
    for (size_t i = 0; i < m->nquestions; i++) {
        const struct pbl_question *q = &m->questions[i];
        sqlite3_stmt *s = store_stmt(
            st, SQL_NEW_QUESTION,
            "INSERT INTO snapshot_questions(session_module_id, idx, prompt,"
            " kind, minutes, answer, notes, judge_skills)"
            " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)");
        if (!s)
            return STORE_ERROR;
        sqlite3_bind_int64(s, 1, mod_row);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
        store_bind_str(s, 3, q->prompt);
        store_bind_str(s, 4, qkind_word(q->kind));
        sqlite3_bind_int(s, 5, q->minutes);
        store_bind_str(s, 6, q->answer);
        store_bind_str(s, 7, q->notes);
        sqlite3_bind_int(s, 8, q->judge_skills);
        if (store_exec_stmt(st, s) != SQLITE_DONE)
            return STORE_ERROR;
        sqlite3_int64 q_row = sqlite3_last_insert_rowid(st->db);
        for (size_t k = 0; k < q->points.n; k++) {
            s = store_stmt(st, SQL_NEW_POINT,
                           "INSERT INTO snapshot_points(question_id, idx,"
                           " text) VALUES(?1, ?2, ?3)");
            if (!s)
                return STORE_ERROR;
            sqlite3_bind_int64(s, 1, q_row);
            sqlite3_bind_int64(s, 2, (sqlite3_int64)k);
            store_bind_str(s, 3, q->points.v[k] ? q->points.v[k] : "");
            if (store_exec_stmt(st, s) != SQLITE_DONE)
                return STORE_ERROR;
        }
    }
    return STORE_OK;
}

/* Copies module m into the snapshot tables as `position` of the session
 * row; the caller holds the transaction and rolls back on failure. */
int store_snapshot_module(struct pbl_store *st, sqlite3_int64 session_id,
                          int position, const struct pbl_module *m)
{
    if (!m || !m->id)
        return store_failv(st, STORE_ERROR,
                           "cannot save a module without an id");
    char *customers = json_array(&m->customers);
    char *tags = json_array(&m->tags);
    int rc = STORE_ERROR;
    sqlite3_stmt *s = NULL;
    if (!customers || !tags) {
        store_failv(st, STORE_ERROR, "out of memory");
        goto out;
    }
    s = store_stmt(st, SQL_NEW_MODULE,
                   "INSERT INTO session_modules(session_id, position,"
                   " module_id, version, hash, path, title, summary, level,"
                   " scenario, video_url, video_title, video_minutes, skills,"
                   " customers, tags, source) VALUES(?1,?2,?3,?4,?5,?6,?7,"
                   "?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)");
    if (!s)
        goto sql_fail;
    sqlite3_bind_int64(s, 1, session_id);
    sqlite3_bind_int(s, 2, position);
    store_bind_str(s, 3, m->id);
    sqlite3_bind_int(s, 4, m->version);
    /* hash is a fixed array that a full-length hash may fill up */
    char hash[32];
    module_hash(m, hash);
    sqlite3_bind_text(s, 5, hash, (int)strnlen(hash, sizeof hash),
                      SQLITE_TRANSIENT);
    store_bind_str(s, 6, m->path);
    store_bind_str(s, 7, m->title);
    store_bind_str(s, 8, m->summary);
    store_bind_str(s, 9, m->level);
    store_bind_str(s, 10, m->scenario);
    store_bind_str(s, 11, m->video.url);
    store_bind_str(s, 12, m->video.title);
    sqlite3_bind_int(s, 13, m->video.minutes);
    sqlite3_bind_int64(s, 14, (sqlite3_int64)m->skills);
    store_bind_str(s, 15, customers);
    store_bind_str(s, 16, tags);
    store_bind_str(s, 17, m->source);
    if (store_exec_stmt(st, s) != SQLITE_DONE)
        goto sql_fail;
    if (snapshot_questions(st, sqlite3_last_insert_rowid(st->db), m) !=
        STORE_OK)
        goto sql_fail;
    rc = STORE_OK;
    goto out;
sql_fail:
    store_fail(st, "cannot save a copy of module %s", m->id);
out:
    free(customers);
    free(tags);
    return rc;
}

/* ---- loading back ---------------------------------------------------- */

/* Appends column 0 of every row of s to v (NULL-terminated, even when
 * empty); -1 on a failure, recorded in st. */
static int read_strv(struct pbl_store *st, sqlite3_stmt *s, struct pbl_strv *v)
{
    int rc;
    bool oom = false;
    v->v = calloc(1, sizeof *v->v);
    v->n = 0;
    if (!v->v)
        oom = true;
    while (!oom && (rc = store_step(st, s)) == SQLITE_ROW) {
        char **nv = realloc(v->v, (v->n + 2) * sizeof *nv);
        if (!nv) {
            oom = true;
            break;
        }
        v->v = nv;
        nv[v->n] = store_col_dup(s, 0, &oom);
        if (!nv[v->n] && !oom)
            nv[v->n] = strdup("");
        if (!nv[v->n])
            oom = true;
        else
            nv[++v->n] = NULL;
    }
    store_done(s);
    if (oom) {
        store_failv(st, STORE_ERROR, "out of memory");
        return -1;
    }
    if (rc != SQLITE_DONE) {
        store_fail(st, "cannot read the module copy");
        return -1;
    }
    return 0;
}

/* A JSON array of strings (as stored by json_array) back into a list. */
static int json_strv(struct pbl_store *st, const char *json, struct pbl_strv *v)
{
    sqlite3_stmt *s =
        store_stmt(st, SQL_JSON_EACH, "SELECT value FROM json_each(?1)");
    if (!s) {
        store_fail(st, "cannot read the module copy");
        return -1;
    }
    store_bind_str(s, 1, json ? json : "[]");
    return read_strv(st, s, v);
}

/* The questions of snapshot module row `mod_row`, with their points. */
static int load_questions(struct pbl_store *st, sqlite3_int64 mod_row,
                          struct pbl_module *m)
{
    sqlite3_stmt *s = store_stmt(st, SQL_SNAP_QUESTIONS,
                                 "SELECT id, prompt, kind, minutes, answer,"
                                 " notes, judge_skills FROM snapshot_questions"
                                 " WHERE session_module_id = ?1"
                                 " ORDER BY idx");
    if (!s) {
        store_fail(st, "cannot read the module copy");
        return -1;
    }
    sqlite3_bind_int64(s, 1, mod_row);
    int rc;
    bool oom = false;
    sqlite3_int64 *ids = NULL;
    while (!oom && (rc = store_step(st, s)) == SQLITE_ROW) {
        struct pbl_question *q =
            store_grow(m->questions, m->nquestions, sizeof *q);
        sqlite3_int64 *ni = store_grow(ids, m->nquestions, sizeof *ni);
        if (q)
            m->questions = q;
        if (ni)
            ids = ni;
        if (!q || !ni) {
            oom = true;
            break;
        }
        q = &m->questions[m->nquestions++];
        memset(q, 0, sizeof *q);
        ids[m->nquestions - 1] = sqlite3_column_int64(s, 0);
        q->prompt = store_col_required(s, 1, &oom);
        q->kind = qkind_from_word((const char *)sqlite3_column_text(s, 2));
        q->minutes = store_col_range(s, 3, 0, STORE_MAX_MINUTES, 0);
        q->judge_skills = sqlite3_column_int(s, 6) != 0;
        q->answer = store_col_required(s, 4, &oom);
        q->notes = store_col_dup(s, 5, &oom);
    }
    store_done(s);
    if (oom || rc != SQLITE_DONE) {
        free(ids);
        if (oom)
            store_failv(st, STORE_ERROR, "out of memory");
        else
            store_fail(st, "cannot read the module copy");
        return -1;
    }
    for (size_t i = 0; i < m->nquestions; i++) {
        s = store_stmt(st, SQL_SNAP_POINTS,
                       "SELECT text FROM snapshot_points"
                       " WHERE question_id = ?1 ORDER BY idx");
        if (!s) {
            store_fail(st, "cannot read the module copy");
            free(ids);
            return -1;
        }
        sqlite3_bind_int64(s, 1, ids[i]);
        if (read_strv(st, s, &m->questions[i].points) != 0) {
            free(ids);
            return -1;
        }
    }
    free(ids);
    return 0;
}

/* Fills m from the current SQL_SNAP_MODULE row; *mod_row gets its id. */
static int load_module_row(sqlite3_stmt *s, struct pbl_module *m,
                           sqlite3_int64 *mod_row, char **customers,
                           char **tags)
{
    bool oom = false;
    *mod_row = sqlite3_column_int64(s, 0);
    m->id = store_col_required(s, 1, &oom);
    m->version = store_col_range(s, 2, 0, INT32_MAX, 0);
    const char *hash = (const char *)sqlite3_column_text(s, 3);
    size_t hn = hash ? (size_t)sqlite3_column_bytes(s, 3) : 0;
    if (hn > sizeof m->hash)
        hn = sizeof m->hash;
    if (hash)
        memcpy(m->hash, hash, hn);
    m->title = store_col_required(s, 4, &oom);
    m->summary = store_col_dup(s, 5, &oom);
    m->level = store_col_dup(s, 6, &oom);
    m->scenario = store_col_required(s, 7, &oom);
    m->video.url = store_col_dup(s, 8, &oom);
    m->video.title = store_col_dup(s, 9, &oom);
    m->video.minutes = store_col_range(s, 10, 0, STORE_MAX_MINUTES, 0);
    m->skills = (unsigned)sqlite3_column_int64(s, 11) & SKILL_ALL;
    *customers = store_col_dup(s, 12, &oom);
    *tags = store_col_dup(s, 13, &oom);
    m->source = store_col_dup(s, 14, &oom);
    m->source_len = m->source ? strlen(m->source) : 0;
    m->origin = store_col_dup(s, 15, &oom);
    return oom ? -1 : 0;
}

/* See store.h: a module laid out as the loader lays it out, so the caller
 * frees it with module_free(). */
int store_load_snapshot(struct pbl_store *st, const char *uuid, int modpos,
                        struct pbl_module **out)
{
    *out = NULL;
    struct pbl_module *m = calloc(1, sizeof *m);
    char *customers = NULL, *tags = NULL;
    sqlite3_int64 mod_row = 0;
    if (!m)
        return store_failv(st, STORE_ERROR, "out of memory");
    sqlite3_stmt *s = store_stmt(
        st, SQL_SNAP_MODULE,
        "SELECT m.id, m.module_id, m.version, m.hash, m.title, m.summary,"
        " m.level, m.scenario, m.video_url, m.video_title, m.video_minutes,"
        " m.skills, m.customers, m.tags, m.source, m.path"
        " FROM session_modules m JOIN sessions s ON s.id = m.session_id"
        " WHERE s.uuid = ?1 AND m.position = ?2");
    int rc = STORE_ERROR;
    if (!s) {
        store_fail(st, "cannot read the module copy");
        goto out;
    }
    store_bind_str(s, 1, uuid);
    sqlite3_bind_int(s, 2, modpos);
    int step = store_step(st, s);
    if (step == SQLITE_DONE) {
        store_done(s);
        rc = store_failv(st, STORE_NOT_FOUND,
                         "session %s has no module at position %d", uuid,
                         modpos);
        goto out;
    }
    if (step != SQLITE_ROW) {
        store_fail(st, "cannot read the module copy");
        goto out;
    }
    int bad = load_module_row(s, m, &mod_row, &customers, &tags);
    store_done(s);
    char label[STORE_UUID_LEN + 64];
    snprintf(label, sizeof label, "snapshot:%s:%d", uuid, modpos);
    if (bad || !(m->path = strdup(label))) {
        store_failv(st, STORE_ERROR, "out of memory");
        goto out;
    }
    if (json_strv(st, customers, &m->customers) != 0 ||
        json_strv(st, tags, &m->tags) != 0 ||
        load_questions(st, mod_row, m) != 0)
        goto out;
    module_adopt_keys(m);
    *out = m;
    m = NULL;
    rc = STORE_OK;
out:
    free(customers);
    free(tags);
    module_free(m);
    return rc;
}
