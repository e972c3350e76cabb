/* store_fold.c - SQL functions pbl adds to its own connection.
 *
 * pbl_fold(x): the key names are compared by (text_name_key(): spaces
 * trimmed and collapsed, Unicode case folded), so that selection, report
 * grouping and the parking-lot carry-over treat " Ana  Rivera" and
 * "ana rivera" as one person. Only queries use it: nothing in the schema
 * (no index, view or trigger) names it, so the database stays readable
 * by the sqlite3 shell and by other programs.
 *
 * pbl_names_has(list, key): whether the free-text participants of an
 * older group session (list, e.g. "Ana Rivera, ben; Chen and Dee & Eve")
 * name the person whose pbl_fold() key is key. The list is split on
 * commas, semicolons, '&' and the word "and", each name folded as
 * pbl_fold() does. */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Whether s[i] begins the word "and" standing alone between spaces (or
 * the ends of the list). */
static bool and_at(const char *s, size_t i)
{
    return (i == 0 || isspace((unsigned char)s[i - 1])) &&
           strncasecmp(s + i, "and", 3) == 0 &&
           (s[i + 3] == '\0' || isspace((unsigned char)s[i + 3]));
}

/* Whether the name s[a..b) folds to key; -1 when out of memory. */
static int name_is(const char *s, size_t a, size_t b, const char *key)
{
    char *one = strndup(s + a, b - a);
    char *k = one ? text_name_key(one) : NULL;
    int same = k ? *k && strcmp(k, key) == 0 : -1;
    free(one);
    free(k);
    return same;
}

/* pbl_names_has(list, key): 1 when one name of the list folds to key, 0
 * when none does (or either is NULL). */
static void sql_names_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    const char *key = (const char *)sqlite3_value_text(argv[1]);
    int found = 0;
    for (size_t a = 0, i = 0; s && key && *key && !found; i++) {
        bool word = s[i] != '\0' && and_at(s, i);
        if (s[i] != '\0' && !strchr(",;&", s[i]) && !word)
            continue;
        found = name_is(s, a, i, key);
        if (found < 0) {
            sqlite3_result_error_nomem(ctx);
            return;
        }
        if (s[i] == '\0')
            break;
        i += word ? 2 : 0;
        a = i + 1;
    }
    sqlite3_result_int(ctx, found);
}

int store_add_functions(sqlite3 *db)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function_v2(db, "pbl_fold", 1, flags, NULL,
                                        sql_fold, NULL, NULL, NULL);
    return rc == SQLITE_OK
               ? sqlite3_create_function_v2(db, "pbl_names_has", 2, flags, NULL,
                                            sql_names_has, NULL, NULL, NULL)
               : rc;
}
