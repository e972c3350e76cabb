/* store_report_ms.c - the milestones the report's module discussions
 * serve: each distinct module text (its hash) of the selection is parsed
 * from its snapshot (session_modules.source) once, and its `milestones:`
 * written to a TEMP table (MS). A text that no longer parses serves none.
 * There are as many parses as distinct module texts, not discussions. */
#include <stdlib.h>
#include <string.h>

#include "pbl/module.h"
#include "store_report_impl.h"

/* Adds (hash, milestone) for each milestone of the module text `src`. */
static int add_milestones(sqlite3_stmt *ins, const char *hash, const char *src)
{
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse("snapshot", src, strlen(src), &d);
    int rc = SQLITE_DONE;
    for (size_t i = 0; m && rc == SQLITE_DONE && i < m->milestones.n; i++) {
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, m->milestones.v[i], -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(ins);
    }
    module_free(m);
    diags_free(&d);
    return rc == SQLITE_DONE ? 0 : -1;
}

int srp_make_milestones(sqlite3 *db, char **err)
{
    if (sqlite3_exec(db,
                     "CREATE TEMP TABLE pbl_report_ms(hash TEXT,"
                     " milestone TEXT, UNIQUE (hash, milestone))",
                     NULL, NULL, NULL) != SQLITE_OK)
        return ex_db_error(db, err);
    sqlite3_stmt *texts = NULL, *ins = NULL;
    int rc = sqlite3_prepare_v2(
        db,
        "SELECT m.hash, m.source FROM session_modules m WHERE m.id IN"
        " (SELECT min(id) FROM " DISC " GROUP BY hash)",
        -1, &texts, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(db,
                                "INSERT OR IGNORE INTO pbl_report_ms"
                                " VALUES (?1, ?2)",
                                -1, &ins, NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(texts)) == SQLITE_ROW) {
        const char *hash = (const char *)sqlite3_column_text(texts, 0),
                   *src = (const char *)sqlite3_column_text(texts, 1);
        rc = SQLITE_OK;
        if (hash && src && add_milestones(ins, hash, src) != 0)
            rc = SQLITE_ERROR;
    }
    sqlite3_finalize(texts);
    sqlite3_finalize(ins);
    return rc == SQLITE_DONE ? EXPORT_OK : ex_db_error(db, err);
}
