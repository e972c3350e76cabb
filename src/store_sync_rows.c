/* store_sync_rows.c - the local side of `pbl sync`: the records of each
 * kind as rows of text in the hub's column order (what is pushed), and a
 * staging database the hub's rows are written into (what is pulled, then
 * merged by store_sync.c's rules). Rows name their session by its UUID,
 * never by a local row id, and the column lists here are the one place
 * that says what a hub row holds (hub_schema.c creates the tables with
 * these columns). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pbl/sync.h"
#include "store_impl.h"

struct sync_table_sql {
    const char *name;    /* the hub's table */
    const char *columns; /* the hub's columns, in row order */
    const char *select;  /* the local rows (s: the session), before WHERE */
    const char *insert;  /* one row into a staging database: ?1.. */
};

/* the rows of the residents chosen (r: the resident) */
#define ROSTER_WANT " WHERE r.uuid IN (SELECT uuid FROM temp.sync_roster_want)"
/* the local row id of resident X's UUID (in a staging database) */
#define RESIDENT_ID(x) "(SELECT id FROM residents WHERE uuid = " x ")"

/* the local row id of session ?1 and module position ?2 */
#define MODULE_ID                                                              \
    "(SELECT m.id FROM session_modules m JOIN sessions s"                      \
    " ON s.id = m.session_id WHERE s.uuid = ?1 AND m.position = ?2)"

static const struct sync_table_sql tables[SYNC_TABLES] = {
    {"sessions",
     "uuid, kind, group_name, facilitator, resident, participants, notes,"
     " started_at, ended_at, status, cur_modpos, cur_stage, target_minutes,"
     " frame, resident_uuid",
     "SELECT s.uuid, s.kind, s.group_name, s.facilitator, s.resident,"
     " s.participants, s.notes, s.started_at, s.ended_at, s.status,"
     " s.cur_modpos, s.cur_stage, s.target_minutes, s.frame, (SELECT r.uuid"
     " FROM residents r WHERE r.id = s.resident_id) FROM sessions s",
     "INSERT INTO sessions(uuid, kind, group_name, facilitator, resident,"
     " participants, notes, started_at, ended_at, status, cur_modpos,"
     " cur_stage, target_minutes, frame, resident_id) VALUES(?1, ?2, ?3, ?4,"
     " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, " RESIDENT_ID("?15") ")"},
    {"session_modules",
     "session_uuid, position, module_id, version, hash, path, title,"
     " summary, level, scenario, video_url, video_title, video_minutes,"
     " skills, customers, tags, source",
     "SELECT s.uuid, m.position, m.module_id, m.version, m.hash, m.path,"
     " m.title, m.summary, m.level, m.scenario, m.video_url, m.video_title,"
     " m.video_minutes, m.skills, m.customers, m.tags, m.source"
     " FROM session_modules m JOIN sessions s ON s.id = m.session_id",
     "INSERT INTO session_modules(session_id, position, module_id, version,"
     " hash, path, title, summary, level, scenario, video_url, video_title,"
     " video_minutes, skills, customers, tags, source) VALUES((SELECT id"
     " FROM sessions WHERE uuid = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
     " ?11, ?12, ?13, ?14, ?15, ?16, ?17)"},
    {"snapshot_questions",
     "session_uuid, position, idx, prompt, kind, minutes, answer, notes,"
     " judge_skills",
     "SELECT s.uuid, m.position, q.idx, q.prompt, q.kind, q.minutes,"
     " q.answer, q.notes, q.judge_skills FROM snapshot_questions q"
     " JOIN session_modules m ON m.id = q.session_module_id"
     " JOIN sessions s ON s.id = m.session_id",
     "INSERT INTO snapshot_questions(session_module_id, idx, prompt, kind,"
     " minutes, answer, notes, judge_skills) VALUES(" MODULE_ID ", ?3, ?4,"
     " ?5, ?6, ?7, ?8, ?9)"},
    {"snapshot_points", "session_uuid, position, qidx, idx, text",
     "SELECT s.uuid, m.position, q.idx, p.idx, p.text FROM snapshot_points p"
     " JOIN snapshot_questions q ON q.id = p.question_id"
     " JOIN session_modules m ON m.id = q.session_module_id"
     " JOIN sessions s ON s.id = m.session_id",
     "INSERT INTO snapshot_points(question_id, idx, text) VALUES((SELECT"
     " q.id FROM snapshot_questions q WHERE q.session_module_id = " MODULE_ID
     " AND q.idx = ?3), ?4, ?5)"},
    {"responses",
     "session_uuid, modpos, qidx, uuid, text, skills, points, revealed_at,"
     " rating, gave_up, draft, draft_saved_at, created_at, updated_at,"
     " customers, revealed_text",
     "SELECT s.uuid, r.modpos, r.qidx, r.uuid, r.text, r.skills, r.points,"
     " r.revealed_at, r.rating, r.gave_up, r.draft, r.draft_saved_at,"
     " r.created_at, r.updated_at, r.customers, r.revealed_text"
     " FROM responses r JOIN sessions s ON s.id = r.session_id",
     "INSERT INTO responses(session_id, modpos, qidx, uuid, text, skills,"
     " points, revealed_at, rating, gave_up, draft, draft_saved_at,"
     " created_at, updated_at, customers, revealed_text) VALUES((SELECT id"
     " FROM sessions WHERE uuid = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
     " ?11, ?12, ?13, ?14, ?15, ?16)"},
    {"stage_timings",
     "uuid, session_uuid, modpos, stage, planned_minutes, entered_at,"
     " left_at, seen_at",
     "SELECT t.uuid, s.uuid, t.modpos, t.stage, t.planned_minutes,"
     " t.entered_at, t.left_at, t.seen_at FROM stage_timings t"
     " JOIN sessions s ON s.id = t.session_id",
     "INSERT INTO stage_timings(uuid, session_id, modpos, stage,"
     " planned_minutes, entered_at, left_at, seen_at) VALUES(?1, (SELECT id"
     " FROM sessions WHERE uuid = ?2), ?3, ?4, ?5, ?6, ?7, ?8)"},
    {"parking",
     "uuid, session_uuid, text, raised_at, resolved_at,"
     " resolved_session_uuid, changed_at",
     "SELECT p.uuid, s.uuid, p.text, p.raised_at, p.resolved_at, (SELECT"
     " r.uuid FROM sessions r WHERE r.id = p.resolved_session_id),"
     " p.changed_at FROM parking p JOIN sessions s ON s.id = p.session_id",
     "INSERT INTO parking(uuid, session_id, text, raised_at, resolved_at,"
     " resolved_session_id, changed_at) VALUES(?1, (SELECT id FROM sessions"
     " WHERE uuid = ?2), ?3, ?4, ?5, (SELECT id FROM sessions WHERE uuid ="
     " ?6), ?7)"},
    {"events", "uuid, session_uuid, at, type, modpos, stage, detail",
     "SELECT e.uuid, s.uuid, e.at, e.type, e.modpos, e.stage, e.detail"
     " FROM events e JOIN sessions s ON s.id = e.session_id",
     "INSERT INTO events(uuid, session_id, at, type, modpos, stage, detail)"
     " VALUES(?1, (SELECT id FROM sessions WHERE uuid = ?2), ?3, ?4, ?5, ?6,"
     " ?7)"},
    {"review_comments", "uuid, session_uuid, text, created_at, updated_at",
     "SELECT c.uuid, s.uuid, c.text, c.created_at, c.updated_at"
     " FROM review_comments c JOIN sessions s ON s.id = c.session_id",
     "INSERT INTO review_comments(uuid, session_id, text, created_at,"
     " updated_at) VALUES(?1, (SELECT id FROM sessions WHERE uuid = ?2), ?3,"
     " ?4, ?5)"},
    /* who attended and spoke name the resident by UUID; a row whose
     * resident the hub did not show is not staged (OR IGNORE) */
    {"attendance",
     "session_uuid, resident_uuid, joined_at, left_at, changed_at",
     "SELECT s.uuid, r.uuid, a.joined_at, a.left_at, a.changed_at"
     " FROM attendance a JOIN sessions s ON s.id = a.session_id"
     " JOIN residents r ON r.id = a.resident_id",
     "INSERT OR IGNORE INTO attendance(session_id, resident_id, joined_at,"
     " left_at, changed_at) VALUES((SELECT id FROM sessions WHERE uuid ="
     " ?1), " RESIDENT_ID("?2") ", ?3, ?4, ?5)"},
    {"speakers", "session_uuid, modpos, qidx, resident_uuid, spoke, changed_at",
     "SELECT s.uuid, p.modpos, p.qidx, r.uuid, p.spoke, p.changed_at"
     " FROM speakers p JOIN sessions s ON s.id = p.session_id"
     " JOIN residents r ON r.id = p.resident_id",
     "INSERT OR IGNORE INTO speakers(session_id, modpos, qidx, resident_id,"
     " spoke, changed_at) SELECT a.session_id, ?2, ?3, a.resident_id, ?5,"
     " ?6 FROM attendance a WHERE a.session_id = (SELECT id FROM sessions"
     " WHERE uuid = ?1) AND a.resident_id = " RESIDENT_ID("?4")},
    /* the roster: a resident by UUID (the first of two the hub has under
     * one current name is staged), former names, the roster's log */
    {"residents",
     "uuid, name, name_key, class, email, active, added_at, retired_at,"
     " changed_at",
     "SELECT r.uuid, r.name, r.name_key, r.class, r.email, r.active,"
     " r.added_at, r.retired_at, r.changed_at FROM residents r",
     "INSERT OR IGNORE INTO residents(uuid, name, name_key, class, email,"
     " active, added_at, retired_at, changed_at) VALUES(?1, ?2, ?3, ?4, ?5,"
     " ?6, ?7, ?8, ?9)"},
    {"resident_names", "resident_uuid, name, name_key, until",
     "SELECT r.uuid, n.name, n.name_key, n.until FROM resident_names n"
     " JOIN residents r ON r.id = n.resident_id",
     "INSERT OR IGNORE INTO resident_names(resident_id, name, name_key,"
     " until) VALUES(" RESIDENT_ID("?1") ", ?2, ?3, ?4)"},
    {"roster_events", "uuid, resident_uuid, at, type, detail",
     "SELECT e.uuid, r.uuid, e.at, e.type, e.detail FROM roster_events e"
     " JOIN residents r ON r.id = e.resident_id",
     "INSERT OR IGNORE INTO roster_events(uuid, resident_id, at, type,"
     " detail) VALUES(?1, " RESIDENT_ID("?2") ", ?3, ?4, ?5)"},
};

/* See sync.h. */
const char *sync_table_name(enum sync_table t)
{
    return tables[t].name;
}

/* See sync.h. */
const char *sync_table_columns(enum sync_table t)
{
    return tables[t].columns;
}

/* The first module row of each content hash among the sessions chosen:
 * a snapshot is pushed once, whatever number of sessions used it. */
#define FIRST_OF_HASH                                                          \
    " WHERE m.id IN (SELECT min(m2.id) FROM session_modules m2"                \
    " JOIN sessions s2 ON s2.id = m2.session_id"                               \
    " WHERE s2.uuid IN (SELECT uuid FROM temp.sync_want) GROUP BY m2.hash)"

static const struct sync_table_sql snapshot_parts[SYNC_SNAP_PARTS] = {
    [SYNC_SNAP_REFS] = {"session_modules", "session_uuid, position, hash, path",
                        "SELECT s.uuid, m.position, m.hash, m.path"
                        " FROM session_modules m JOIN sessions s"
                        " ON s.id = m.session_id"
                        " WHERE s.uuid IN (SELECT uuid FROM temp.sync_want)",
                        NULL},
    [SYNC_SNAP_MODULES] = {"snapshots",
                           "hash, module_id, version, title, summary, level,"
                           " scenario, video_url, video_title, video_minutes,"
                           " skills, customers, tags, source",
                           "SELECT m.hash, m.module_id, m.version, m.title,"
                           " m.summary, m.level, m.scenario, m.video_url,"
                           " m.video_title, m.video_minutes, m.skills,"
                           " m.customers, m.tags, m.source"
                           " FROM session_modules m" FIRST_OF_HASH,
                           NULL},
    [SYNC_SNAP_QUESTIONS] = {"snapshot_questions",
                             "hash, idx, prompt, kind, minutes, answer, notes,"
                             " judge_skills",
                             "SELECT m.hash, q.idx, q.prompt, q.kind,"
                             " q.minutes, q.answer, q.notes, q.judge_skills"
                             " FROM snapshot_questions q JOIN session_modules m"
                             " ON m.id = q.session_module_id" FIRST_OF_HASH,
                             NULL},
    [SYNC_SNAP_POINTS] = {"snapshot_points", "hash, qidx, idx, text",
                          "SELECT m.hash, q.idx, p.idx, p.text"
                          " FROM snapshot_points p JOIN snapshot_questions q"
                          " ON q.id = p.question_id JOIN session_modules m"
                          " ON m.id = q.session_module_id" FIRST_OF_HASH,
                          NULL},
};

/* See sync.h. */
const char *sync_snapshot_table(enum sync_snapshot_part p)
{
    return snapshot_parts[p].name;
}

/* See sync.h. */
const char *sync_snapshot_columns(enum sync_snapshot_part p)
{
    return snapshot_parts[p].columns;
}

/* See store_impl.h. */
int store_sync_each_row(struct pbl_store *st, const char *sql, int n,
                        const char *what, sync_row_fn fn, void *ctx)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    const char *vals[32];
    int r = STORE_OK;
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < n && i < 32; i++)
            vals[i] = (const char *)sqlite3_column_text(s, i);
        if (fn(ctx, n, vals) != 0) {
            r = STORE_ERROR;
            break;
        }
        rc = SQLITE_OK;
    }
    if (r == STORE_OK && rc != SQLITE_DONE) {
        store_note_sql(st, rc);
        r = store_fail(st, "cannot read the %s to sync", what);
    }
    sqlite3_finalize(s);
    return r;
}

/* The number of columns in a list "a, b, c". */
static int count_columns(const char *list)
{
    int n = 1;
    for (const char *p = list; *p; p++)
        n += *p == ',';
    return n;
}

/* See sync.h. */
int store_sync_snapshots(struct pbl_store *st, enum sync_snapshot_part p,
                         sync_row_fn fn, void *ctx)
{
    return store_sync_each_row(st, snapshot_parts[p].select,
                               count_columns(snapshot_parts[p].columns),
                               snapshot_parts[p].name, fn, ctx);
}

/* See sync.h. */
int sync_table_ncolumns(enum sync_table t)
{
    return count_columns(tables[t].columns);
}

/* See sync.h. */
int store_sync_rows(struct pbl_store *st, enum sync_table t, sync_row_fn fn,
                    void *ctx)
{
    char sql[2048];
    snprintf(sql, sizeof sql, "%s%s", tables[t].select,
             SYNC_T_ROSTER(t)
                 ? ROSTER_WANT
                 : " WHERE s.uuid IN (SELECT uuid FROM temp.sync_want)");
    return store_sync_each_row(st, sql, sync_table_ncolumns(t), tables[t].name,
                               fn, ctx);
}

/* A session's digest: what the sync rules move, summed up (the hub
 * computes the same text, hub_pull.c's HUB_DIGEST): two sides with the
 * same digest for a session have nothing to exchange about it. */
#define LOCAL_DIGEST                                                           \
    "s.status || '|' || coalesce(s.ended_at, '') || '|' ||"                    \
    " (SELECT count(*) FROM session_modules x WHERE x.session_id = s.id)"      \
    " || '|' || (SELECT count(*) || '/' || coalesce(max(updated_at), '')"      \
    " FROM responses x WHERE x.session_id = s.id) || '|' ||"                   \
    " (SELECT count(*) || '/' || count(left_at) FROM stage_timings x"          \
    " WHERE x.session_id = s.id) || '|' || (SELECT count(*) || '/' ||"         \
    " coalesce(max(changed_at), '') FROM parking x WHERE x.session_id = s.id)" \
    " || '|' || (SELECT count(*) FROM events x WHERE x.session_id = s.id)"     \
    " || '|' || (SELECT count(*) || '/' || coalesce(max(updated_at), '')"      \
    " FROM review_comments x WHERE x.session_id = s.id) || '|' ||"             \
    " (SELECT count(*) || '/' || count(left_at) || '/' ||"                     \
    " coalesce(max(changed_at), '') FROM attendance x"                         \
    " WHERE x.session_id = s.id) || '|' || (SELECT count(*) || '/' ||"         \
    " coalesce(sum(spoke), 0) || '/' || coalesce(max(changed_at), '')"         \
    " FROM speakers x WHERE x.session_id = s.id)"

/* Runs sql (statements that return no rows) for the comparison with the
 * hub: STORE_OK, or STORE_ERROR with "cannot compare with the hub: ...". */
static int compare_exec(struct pbl_store *st, const char *sql)
{
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        return STORE_OK;
    store_note_sql(st, rc);
    return store_fail(st, "cannot compare with the hub");
}

/* STORE_OK when the roster's part of the comparison succeeded (SQLite's
 * result code rc), else STORE_ERROR with "cannot compare with the hub". */
static int roster_compare(struct pbl_store *st, int rc)
{
    if (rc == SQLITE_OK)
        return STORE_OK;
    store_note_sql(st, rc);
    return store_fail(st, "cannot compare with the hub");
}

/* See sync.h. */
int store_sync_digest_reset(struct pbl_store *st)
{
    int rc = compare_exec(
        st, "CREATE TEMP TABLE IF NOT EXISTS sync_hub_digest("
            "  uuid TEXT PRIMARY KEY, digest TEXT NOT NULL) WITHOUT ROWID;"
            "CREATE TEMP TABLE IF NOT EXISTS sync_want("
            "  uuid TEXT PRIMARY KEY) WITHOUT ROWID;"
            "CREATE TEMP TABLE IF NOT EXISTS sync_local(uuid TEXT PRIMARY KEY,"
            "  kind TEXT, facilitator TEXT, resident TEXT, digest TEXT)"
            "  WITHOUT ROWID;"
            "DELETE FROM temp.sync_hub_digest; DELETE FROM temp.sync_want;");
    return rc == STORE_OK ? roster_compare(st, store_sync_roster_reset(st))
                          : rc;
}

/* See sync.h. */
int store_sync_digest_add(struct pbl_store *st, const char *uuid,
                          const char *digest)
{
    /* cached: called once per session the hub shows */
    sqlite3_stmt *s = store_stmt(st, SQL_SYNC_DIGEST_ADD,
                                 "INSERT OR REPLACE INTO temp.sync_hub_digest"
                                 " VALUES(?1, ?2)");
    if (s) {
        store_bind_str(s, 1, uuid);
        store_bind_str(s, 2, digest ? digest : "");
        if (store_exec_stmt(st, s) == SQLITE_DONE)
            return STORE_OK;
    }
    return store_fail(st, "cannot compare with the hub");
}

/* See sync.h. */
int store_sync_digest_local(struct pbl_store *st, long long since)
{
    char sql[4096];
    snprintf(sql, sizeof sql,
             "DELETE FROM temp.sync_local;"
             "INSERT INTO temp.sync_local SELECT s.uuid, s.kind,"
             " s.facilitator, s.resident, " LOCAL_DIGEST " FROM sessions s"
             " WHERE s.sync_rev > %lld UNION ALL SELECT s.uuid, s.kind,"
             " s.facilitator, s.resident, " LOCAL_DIGEST " FROM sessions s"
             " WHERE s.sync_rev <= %lld AND s.uuid IN"
             " (SELECT uuid FROM temp.sync_hub_digest)",
             since, since);
    int rc = compare_exec(st, sql);
    return rc == STORE_OK ? roster_compare(st, store_sync_roster_local(st))
                          : rc;
}

/* See sync.h. */
int store_sync_mark(struct pbl_store *st, long long *mark)
{
    sqlite3_stmt *s = NULL;
    /* taken: writes from now on must move their session past it */
    int rc = sqlite3_prepare_v2(
        st->db, "UPDATE sync_clock SET taken = tick RETURNING tick", -1, &s,
        NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW)
        *mark = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return STORE_OK;
    store_note_sql(st, rc);
    return store_fail(st, "cannot compare with the hub");
}

/* See sync.h. */
int store_sync_want(struct pbl_store *st, bool push,
                    const struct sync_scope *scope, long *n)
{
    const char *mine = "1";
    if (scope->kind == SYNC_SCOPE_GROUP)
        mine = "l.kind = 'group' AND l.facilitator = ?1";
    else if (scope->kind == SYNC_SCOPE_STUDY)
        mine = "l.kind = 'self-study' AND l.resident = ?1";
    char sql[1024];
    if (push)
        snprintf(sql, sizeof sql,
                 "INSERT INTO temp.sync_want SELECT l.uuid"
                 " FROM temp.sync_local l LEFT JOIN temp.sync_hub_digest h"
                 " ON h.uuid = l.uuid WHERE (%s) AND h.digest IS NOT l.digest",
                 mine);
    else
        snprintf(sql, sizeof sql,
                 "INSERT INTO temp.sync_want SELECT h.uuid"
                 " FROM temp.sync_hub_digest h LEFT JOIN temp.sync_local l"
                 " ON l.uuid = h.uuid WHERE l.digest IS NOT h.digest");
    sqlite3_stmt *s = NULL;
    int rc =
        sqlite3_exec(st->db, "DELETE FROM temp.sync_want", NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK && push && scope->kind != SYNC_SCOPE_ALL)
        store_bind_str(s, 1, scope->name);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_note_sql(st, rc);
        return store_fail(st, "cannot compare with the hub");
    }
    *n = sqlite3_changes(st->db);
    return STORE_OK;
}

/* See store_impl.h. */
int store_sync_each_uuid(struct pbl_store *st, const char *table,
                         sync_row_fn fn, void *ctx)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT uuid FROM temp.%s", table);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        if (fn(ctx, 1, &v) != 0) {
            sqlite3_finalize(s);
            return STORE_ERROR;
        }
        rc = SQLITE_OK;
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return STORE_OK;
    store_note_sql(st, rc);
    return store_fail(st, "cannot compare with the hub");
}

/* See sync.h. */
int store_sync_wanted(struct pbl_store *st, sync_row_fn fn, void *ctx)
{
    return store_sync_each_uuid(st, "sync_want", fn, ctx);
}

struct sync_stage {
    struct pbl_store *st;
    char *dir, *path;
    sqlite3_stmt *insert[SYNC_TABLES];
};

/* Drops every trigger of a staging database: the hub's rows come whole
 * (UUIDs, change times), and what the triggers keep (the search index,
 * the sync marks) is the merge's to write into the store, not the
 * staging copy's. A third of a large pull was spent on them. */
static int drop_triggers(struct pbl_store *st)
{
    sqlite3_stmt *s = NULL;
    char *sql = NULL;
    int rc = sqlite3_prepare_v2(
        st->db,
        "SELECT group_concat('DROP TRIGGER ' || quote(name) || ';', '')"
        " FROM sqlite_schema WHERE type = 'trigger'",
        -1, &s, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW &&
        sqlite3_column_text(s, 0))
        sql = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW && sql)
        rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK
                 ? SQLITE_ROW
                 : SQLITE_ERROR;
    free(sql);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return STORE_OK;
    store_note_sql(st, rc);
    return store_fail(st, "cannot prepare the staging database");
}

/* See sync.h. */
struct sync_stage *store_stage_open(char *err, size_t errsz)
{
    sync_sweep_temp();
    struct sync_stage *g = calloc(1, sizeof *g);
    const char *tmp = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/pbl-sync-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (!g || !mkdtemp(tmpl)) {
        snprintf(err, errsz, "cannot make a temporary folder in %s",
                 tmp && *tmp ? tmp : "/tmp");
        free(g);
        return NULL;
    }
    g->dir = strdup(tmpl);
    size_t n = strlen(tmpl) + 16;
    g->path = malloc(n);
    if (g->path)
        snprintf(g->path, n, "%s/hub.db", tmpl);
    char *e = NULL;
    if (!g->dir || !g->path ||
        store_open(g->path, STORE_CREATE, &g->st, &e) != STORE_OK ||
        drop_triggers(g->st) != STORE_OK ||
        store_begin(g->st, "stage the hub's rows") != STORE_OK) {
        snprintf(err, errsz, "%s",
                 e       ? e
                 : g->st ? store_error(g->st)
                         : "out of memory");
        free(e);
        store_stage_free(g);
        return NULL;
    }
    return g;
}

/* See sync.h. */
int store_stage_row(struct sync_stage *g, enum sync_table t, int n,
                    const char *const *vals)
{
    sqlite3_stmt **s = &g->insert[t];
    int rc = *s ? SQLITE_OK
                : sqlite3_prepare_v2(g->st->db, tables[t].insert, -1, s, NULL);
    for (int i = 0; rc == SQLITE_OK && i < n; i++)
        store_bind_str(*s, i + 1, vals[i]);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(*s);
    if (rc != SQLITE_DONE)
        store_note_sql(g->st, rc);
    if (*s)
        sqlite3_reset(*s);
    return rc == SQLITE_DONE
               ? STORE_OK
               : store_fail(g->st, "cannot stage a row of %s", tables[t].name);
}

/* See sync.h. */
struct pbl_store *store_stage_store(struct sync_stage *g)
{
    return g->st;
}

/* See sync.h. */
const char *store_stage_error(const struct sync_stage *g)
{
    return store_error(g->st);
}

/* See sync.h. */
int store_stage_merge(struct pbl_store *st, struct sync_stage *g,
                      struct sync_tally *t)
{
    for (int i = 0; i < SYNC_TABLES; i++) {
        sqlite3_finalize(g->insert[i]);
        g->insert[i] = NULL;
    }
    if (store_commit(g->st, "stage the hub's rows") != STORE_OK)
        return store_failv(st, STORE_ERROR, "%s", store_error(g->st));
    store_close(g->st);
    g->st = NULL;
    return store_merge_file(st, g->path, t);
}

/* See sync.h. */
void store_stage_free(struct sync_stage *g)
{
    if (!g)
        return;
    for (int i = 0; i < SYNC_TABLES; i++)
        sqlite3_finalize(g->insert[i]);
    if (g->st) {
        store_rollback(g->st);
        store_close(g->st);
    }
    if (g->path) {
        static const char *const ext[] = {"", "-wal", "-shm", "-journal"};
        for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
            char f[600];
            snprintf(f, sizeof f, "%s%s", g->path, ext[i]);
            unlink(f);
        }
    }
    if (g->dir)
        rmdir(g->dir);
    free(g->path);
    free(g->dir);
    free(g);
}
