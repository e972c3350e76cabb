/* store_study.c - the rows self-study reads: a resident's attempts at
 * each module with their tallies (study progress), and their unfinished
 * attempts at one module (study attempts). The columns are read by name
 * into records (store_rows.h). */
#include <stdio.h>
#include <string.h>

#include "pbl/skills.h"
#include "store_impl.h"
#include "store_rows.h"

/* The union of the skills tagged on the responses `r` of an attempt. */
#define TAGGED PBL_SKILLS_UNION_SQL("r.skills")

/* One row per attempt (a module of a self-study session of the resident
 * that is active or finished), oldest start first: the session, its
 * status and times, the module's id and target skills as snapshotted, the
 * questions given up, the other questions rated got / partly / missed,
 * and the skills tagged on any of its questions (an OR of the bits, which
 * SQLite has no aggregate for: the max of each bit, OR-ed). */
static const char progress_sql[] =
    "SELECT s.uuid AS uuid, s.status AS status, s.started_at AS started_at,"
    "  coalesce(s.ended_at, '') AS ended_at,"
    "  m.module_id AS module_id, m.skills AS target,"
    "  coalesce(sum(r.gave_up), 0) AS gave_up,"
    "  coalesce(sum(r.gave_up = 0 AND r.rating = 'got'), 0) AS got,"
    "  coalesce(sum(r.gave_up = 0 AND r.rating = 'partly'), 0) AS partly,"
    "  coalesce(sum(r.gave_up = 0 AND r.rating = 'missed'), 0) AS missed,"
    "  coalesce(" TAGGED ", 0) AS named"
    " FROM sessions s"
    " JOIN session_modules m ON m.session_id = s.id"
    " LEFT JOIN responses r"
    "   ON r.session_id = s.id AND r.modpos = m.position"
    " WHERE s.kind = 'self-study' AND pbl_fold(s.resident) = pbl_fold(?1)"
    "   AND s.status IN ('active', 'finished')"
    " GROUP BY m.id"
    " ORDER BY s.started_at, s.id, m.position";

static const struct field attempt_fields[] = {
    FIELD(store_attempt, "uuid", F_TEXT, uuid),
    FIELD(store_attempt, "status", F_TEXT, status),
    FIELD(store_attempt, "started_at", F_TEXT, started_at),
    FIELD(store_attempt, "ended_at", F_TEXT, ended_at),
    FIELD(store_attempt, "module_id", F_TEXT, module_id),
    FIELD(store_attempt, "target", F_INT, target),
    FIELD(store_attempt, "named", F_INT, named),
    FIELD(store_attempt, "gave_up", F_INT, gave_up),
    FIELD(store_attempt, "got", F_INT, got),
    FIELD(store_attempt, "partly", F_INT, partly),
    FIELD(store_attempt, "missed", F_INT, missed),
    {NULL, F_TEXT, 0},
};

/* The resident's active self-study sessions that hold the module, newest
 * first. */
static const char unfinished_sql[] =
    "SELECT s.uuid AS uuid, s.started_at AS started_at FROM sessions s"
    " WHERE s.kind = 'self-study' AND s.status = 'active'"
    "   AND s.resident = ?1 AND EXISTS (SELECT 1 FROM session_modules m"
    "   WHERE m.session_id = s.id AND m.module_id = ?2)"
    " ORDER BY s.started_at DESC, s.id DESC";

static const struct field unfinished_fields[] = {
    FIELD(store_attempt, "uuid", F_TEXT, uuid),
    FIELD(store_attempt, "started_at", F_TEXT, started_at),
    {NULL, F_TEXT, 0},
};

/* Runs `sql` with the texts bound to ?1 and ?2 (b may be NULL: not
 * bound) and hands each row, read into a record, to fn. 0, or -1 with
 * SQLite's message in why. */
static int each_attempt(struct pbl_store *st, const char *sql,
                        const struct field *fields, const char *a,
                        const char *b, store_attempt_fn *fn, void *ctx,
                        char *why, size_t whysz)
{
    struct reader rd = {0};
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &rd.s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(rd.s, 1, a, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK && b)
        rc = sqlite3_bind_text(rd.s, 2, b, -1, SQLITE_STATIC);
    if (rc == SQLITE_OK)
        reader_bind(&rd, fields);
    while (rc == SQLITE_OK && (rc = sqlite3_step(rd.s)) == SQLITE_ROW) {
        struct store_attempt row = {0};
        reader_fill(&rd, &row);
        fn(ctx, &row);
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE)
        snprintf(why, whysz, "%s", sqlite3_errmsg(st->db));
    sqlite3_finalize(rd.s);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_study_attempts(struct pbl_store *st, const char *resident,
                         store_attempt_fn *fn, void *ctx, char *why,
                         size_t whysz)
{
    return each_attempt(st, progress_sql, attempt_fields, resident, NULL, fn,
                        ctx, why, whysz);
}

int store_unfinished_attempts(struct pbl_store *st, const char *resident,
                              const char *module_id, store_attempt_fn *fn,
                              void *ctx, char *why, size_t whysz)
{
    return each_attempt(st, unfinished_sql, unfinished_fields, resident,
                        module_id, fn, ctx, why, whysz);
}
