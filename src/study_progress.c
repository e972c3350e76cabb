/* study_progress.c - a resident's progress over the library, read from
 * their self-study sessions with one read-only query (sessions joined
 * with their modules and the responses to them). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "pbl/skills.h"
#include "pbl/study.h"

/* The union of the skills tagged on the responses `r` of an attempt. */
#define TAGGED PBL_SKILLS_UNION_SQL("r.skills")

/* One row per attempt (a module of a self-study session of the resident
 * that is active or finished), oldest start first: the session, its
 * status and times, the module's id and target skills as snapshotted, the
 * questions given up, the other questions rated got / partly / missed,
 * and the skills tagged on any of its questions (an OR of the bits, which
 * SQLite has no aggregate for: the max of each bit, OR-ed). */
static const char progress_sql[] =
    "SELECT s.uuid, s.status, s.started_at, coalesce(s.ended_at, ''),"
    "  m.module_id, m.skills,"
    "  coalesce(sum(r.gave_up), 0),"
    "  coalesce(sum(r.gave_up = 0 AND r.rating = 'got'), 0),"
    "  coalesce(sum(r.gave_up = 0 AND r.rating = 'partly'), 0),"
    "  coalesce(sum(r.gave_up = 0 AND r.rating = 'missed'), 0),"
    "  coalesce(" TAGGED ", 0)"
    " FROM sessions s"
    " JOIN session_modules m ON m.session_id = s.id"
    " LEFT JOIN responses r"
    "   ON r.session_id = s.id AND r.modpos = m.position"
    " WHERE s.kind = 'self-study' AND pbl_fold(s.resident) = pbl_fold(?1)"
    "   AND s.status IN ('active', 'finished')"
    " GROUP BY m.id"
    " ORDER BY s.started_at, s.id, m.position";

/* Column numbers of progress_sql. */
enum {
    COL_UUID,
    COL_STATUS,
    COL_STARTED,
    COL_ENDED,
    COL_MODULE,
    COL_TARGET,
    COL_GAVE_UP,
    COL_GOT,
    COL_PARTLY,
    COL_MISSED,
    COL_NAMED
};

/* The position in the library (sorted by id, see library.h) of the
 * module with this id, or -1 when the library no longer has it. */
static long library_index(const struct pbl_library *lib, const char *id)
{
    size_t lo = 0, hi = lib->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, lib->mods[mid]->id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

/* Column i of the current row as text, "" for NULL. */
static const char *column_text(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? (const char *)t : "";
}

/* The worst rating of a finished attempt's questions: given up or missed
 * is missed, then partly, then got; NONE when nothing was rated. */
static enum store_rating attempt_result(int gave_up, int got, int partly,
                                        int missed)
{
    if (gave_up > 0 || missed > 0)
        return STORE_RATING_MISSED;
    if (partly > 0)
        return STORE_RATING_PARTLY;
    if (got > 0)
        return STORE_RATING_GOT;
    return STORE_RATING_NONE;
}

/* Folds one attempt (the current row) into the progress. Rows come oldest
 * start first, so each one overwrites what an earlier attempt left: what
 * remains is the latest attempt, and the latest finished one. An attempt
 * of a module the library no longer has is skipped. */
static void add_attempt(struct study_progress *p, const struct pbl_library *lib,
                        sqlite3_stmt *s)
{
    long k = library_index(lib, column_text(s, COL_MODULE));
    if (k < 0)
        return;
    struct study_module_progress *mp = &p->v[k];
    bool finished = strcmp(column_text(s, COL_STATUS), "finished") == 0;
    const char *started = column_text(s, COL_STARTED);
    const char *ended = column_text(s, COL_ENDED);
    if (finished && !*ended) /* not expected: fall back on the start */
        ended = started;
    mp->state = finished ? STUDY_DONE : STUDY_IN_PROGRESS;
    snprintf(mp->last_uuid, sizeof mp->last_uuid, "%s",
             column_text(s, COL_UUID));
    snprintf(mp->last_date, sizeof mp->last_date, "%s",
             finished ? ended : started);
    if (!finished)
        return;
    mp->attempts++;
    mp->gave_up = sqlite3_column_int(s, COL_GAVE_UP);
    mp->got = sqlite3_column_int(s, COL_GOT);
    mp->partly = sqlite3_column_int(s, COL_PARTLY);
    mp->missed = sqlite3_column_int(s, COL_MISSED);
    mp->result = attempt_result(mp->gave_up, mp->got, mp->partly, mp->missed);
    time_t end = 0;
    if (clock_parse_iso(ended, &end) == 0)
        mp->due = end + (time_t)study_revisit_days(mp->result) * 86400;
    else
        mp->due = 0; /* an unreadable time: due at once */
    unsigned target = (unsigned)sqlite3_column_int(s, COL_TARGET);
    unsigned named = (unsigned)sqlite3_column_int(s, COL_NAMED);
    for (int b = 0; b < SKILL_COUNT; b++)
        if (target & SKILL_BIT(b)) {
            p->mattered[b]++;
            if (named & SKILL_BIT(b))
                p->named[b]++;
        }
}

/* Hands back a one-line message (malloc'd) when the caller wants it. */
static int progress_fail(struct study_progress *out, char **errmsg,
                         const char *why)
{
    study_progress_free(out);
    if (errmsg) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot read the study progress: %s", why);
        *errmsg = strdup(msg);
    }
    return -1;
}

/* Starts every library module as not started, then folds in the
 * resident's attempts from one query. */
int study_progress(struct pbl_store *st, const char *resident,
                   const struct pbl_library *lib, struct study_progress *out,
                   char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    memset(out, 0, sizeof *out);
    if (!st || !lib)
        return progress_fail(out, errmsg, "no database or no library");
    out->v = calloc(lib->n ? lib->n : 1, sizeof *out->v);
    if (!out->v)
        return progress_fail(out, errmsg, "out of memory");
    out->n = lib->n;
    for (size_t i = 0; i < lib->n; i++)
        out->v[i].module = lib->mods[i];
    if (!resident)
        return 0; /* nobody named: nothing started */

    sqlite3 *db = store_db(st);
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(db, progress_sql, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_text(s, 1, resident, -1, SQLITE_STATIC);
    while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        add_attempt(out, lib, s);
        rc = SQLITE_OK;
    }
    if (rc != SQLITE_DONE) {
        char why[256];
        snprintf(why, sizeof why, "%s", sqlite3_errmsg(db));
        sqlite3_finalize(s);
        return progress_fail(out, errmsg, why);
    }
    sqlite3_finalize(s);
    for (size_t i = 0; i < out->n; i++)
        if (out->v[i].attempts > 0)
            out->done++;
    return 0;
}

/* Frees the per-module array and leaves p empty; NULL is allowed. */
void study_progress_free(struct study_progress *p)
{
    if (!p)
        return;
    free(p->v);
    memset(p, 0, sizeof *p);
}
