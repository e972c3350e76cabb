/* store_fold.c - SQL functions pbl adds to its own connection.
 *
 * pbl_fold(x): the key names are compared by (text_name_key(): spaces
 * trimmed and collapsed, Unicode case folded), so that selection, report
 * grouping and the parking-lot carry-over treat " Ana  Rivera" and
 * "ana rivera" as one person. Only queries use it: nothing in the schema
 * (no index, view or trigger) names it, so the database stays readable
 * by the sqlite3 shell and by other programs. */
#include <stdlib.h>

#include "pbl/text.h"
#include "store_impl.h"

/* pbl_fold(x): NULL for NULL, else text_name_key(x). */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *s = sqlite3_value_text(argv[0]);
    if (!s) {
        sqlite3_result_null(ctx);
        return;
    }
    char *key = text_name_key((const char *)s);
    if (!key) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_text(ctx, key, -1, free);
}

int store_add_functions(sqlite3 *db)
{
    return sqlite3_create_function_v2(db, "pbl_fold", 1,
                                      SQLITE_UTF8 | SQLITE_DETERMINISTIC |
                                          SQLITE_INNOCUOUS,
                                      NULL, sql_fold, NULL, NULL, NULL);
}
