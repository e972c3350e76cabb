/* robust_damaged_db.c - damaged databases, one field at a time (see
 * tests/fuzz/db_readers.h); for tests/cli/robust_damaged_db.sh.
 *
 *   robust_damaged_db sweep FIXTURE WORKDIR
 *       for each column of each table and each of NULL, -1, 2^31-1,
 *       2^63-1 and '': a copy of FIXTURE with that value in the column
 *       (every row, else the first row when every row cannot take it),
 *       and every reader run on it. Prints "N damaged copies read"; a
 *       crash or a broken property aborts.
 *   robust_damaged_db damage FIXTURE OUT TABLE COLUMN VALUE [ROW]
 *       writes one damaged copy to OUT for the CLI tests; VALUE is null,
 *       -1, int32max, int64max, empty or text:WORDS; in every row, else
 *       (a unique column) the first, or in row ROW (0-based) only. */
#include "fuzz/db_readers.h"

static const char *const kind_names[] = {"null", "-1", "int32max", "int64max",
                                         "empty"};

/* Every column of every table, every damage; or, with `per_column`
 * below 5 (PBL_SWEEP_KINDS, which the script sets under the sanitizers,
 * where a case costs three times as much), that many damages a column,
 * rotating, so that every damage still meets a fifth of the columns or
 * more. */
static int sweep(const char *fixture, const char *work)
{
    const char *env = getenv("PBL_SWEEP_KINDS");
    int per_column = env ? atoi(env) : 5;
    if (per_column < 1 || per_column > 5)
        per_column = 5;
    char path[4096];
    snprintf(path, sizeof path, "%s/damaged.db", work);
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_open_v2(fixture, &db, SQLITE_OPEN_READONLY, NULL) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db,
                           "SELECT t.name, p.name FROM sqlite_schema t,"
                           " pragma_table_info(t.name) p WHERE t.type = 'table'"
                           " AND t.name NOT LIKE 'sqlite%' ORDER BY 1, p.cid",
                           -1, &s, NULL) != SQLITE_OK) {
        fprintf(stderr, "cannot read %s\n", fixture);
        sqlite3_close(db);
        return 1;
    }
    FILE *sink = fopen("/dev/null", "w");
    unsigned cases = 0, skipped = 0, columns = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *table = (const char *)sqlite3_column_text(s, 0);
        const char *column = (const char *)sqlite3_column_text(s, 1);
        columns++;
        for (int j = 0; j < per_column; j++) {
            int k = (int)((columns + (unsigned)j) % 5);
            if (dbm_copy(fixture, path) != 0) {
                fprintf(stderr, "cannot copy %s\n", fixture);
                return 1;
            }
            if (dbm_damage(path, table, column, -1, (enum dbm_kind)k, 0, NULL,
                           0) != 0 &&
                dbm_damage(path, table, column, 0, (enum dbm_kind)k, 0, NULL,
                           0) != 0) {
                skipped++;
                continue;
            }
            fprintf(stderr, "%s.%s = %s\n", table, column, kind_names[k]);
            dbm_run_readers(path, sink);
            cases++;
        }
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    if (sink)
        fclose(sink);
    printf("%u columns, %u damaged copies read (%u values the file cannot "
           "hold)\n",
           columns, cases, skipped);
    return cases > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "sweep") == 0)
        return sweep(argv[2], argv[3]);
    if ((argc == 7 || argc == 8) && strcmp(argv[1], "damage") == 0) {
        enum dbm_kind kind = DBM_TEXT;
        for (int k = 0; k < 5; k++)
            if (strcmp(argv[6], kind_names[k]) == 0)
                kind = (enum dbm_kind)k;
        const char *text = strncmp(argv[6], "text:", 5) == 0 ? argv[6] + 5 : "";
        long row = argc == 8 ? atol(argv[7]) : -1;
        if (dbm_copy(argv[2], argv[3]) != 0 ||
            (dbm_damage(argv[3], argv[4], argv[5], row, kind, 0, text,
                        strlen(text)) != 0 &&
             (row >= 0 || dbm_damage(argv[3], argv[4], argv[5], 0, kind, 0,
                                     text, strlen(text)) != 0))) {
            fprintf(stderr, "cannot damage %s.%s\n", argv[4], argv[5]);
            return 1;
        }
        return 0;
    }
    fprintf(stderr, "usage: robust_damaged_db sweep FIXTURE WORKDIR\n"
                    "       robust_damaged_db damage FIXTURE OUT TABLE COLUMN "
                    "VALUE [ROW]\n");
    return 2;
}
