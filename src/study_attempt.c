/* study_attempt.c - a resident's unfinished attempts at a module: picking
 * the module again continues the latest one; starting over closes them
 * as abandoned (see study.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "pbl/study.h"

/* The resident's active self-study sessions that hold the module, newest
 * first. */
static const char unfinished_sql[] =
    "SELECT s.uuid, s.started_at FROM sessions s"
    " WHERE s.kind = 'self-study' AND s.status = 'active'"
    "   AND s.resident = ?1 AND EXISTS (SELECT 1 FROM session_modules m"
    "   WHERE m.session_id = s.id AND m.module_id = ?2)"
    " ORDER BY s.started_at DESC, s.id DESC";

/* *errmsg = "cannot read the attempts: <why>"; returns -1. */
static int db_fail(sqlite3 *db, char **errmsg)
{
    const char *why = sqlite3_errmsg(db);
    size_t n = strlen(why) + 64;
    if ((*errmsg = malloc(n)))
        snprintf(*errmsg, n, "cannot read the attempts: %s", why);
    return -1;
}

int study_unfinished_attempts(struct pbl_store *st, const char *resident,
                              const char *module_id, struct study_attempts *out,
                              char **errmsg)
{
    sqlite3 *db = store_db(st);
    sqlite3_stmt *s = NULL;
    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    if (!resident || !module_id)
        return 0;
    if (sqlite3_prepare_v2(db, unfinished_sql, -1, &s, NULL) != SQLITE_OK)
        return db_fail(db, errmsg);
    sqlite3_bind_text(s, 1, resident, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, module_id, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->n++ > 0)
            continue; /* only counted: the latest one is continued */
        snprintf(out->uuid, sizeof out->uuid, "%s",
                 (const char *)sqlite3_column_text(s, 0));
        snprintf(out->started_at, sizeof out->started_at, "%s",
                 (const char *)sqlite3_column_text(s, 1));
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        memset(out, 0, sizeof *out);
        return db_fail(db, errmsg);
    }
    return 0;
}

int study_start_over(struct pbl_store *st, const char *resident,
                     const char *module_id, int *abandoned, char **errmsg)
{
    struct study_attempts a;
    *abandoned = 0;
    /* one at a time, newest first, until none is left: each abandon is
     * its own transaction and logs its own "abandon" event */
    for (int guard = 0; guard < 1000; guard++) {
        if (study_unfinished_attempts(st, resident, module_id, &a, errmsg) < 0)
            return -1;
        if (a.n == 0)
            return 0;
        if (store_abandon_session(st, a.uuid) != STORE_OK) {
            *errmsg = strdup(store_error(st));
            return -1;
        }
        ++*abandoned;
    }
    return 0;
}
