/* fuzz_db.c - a damaged database, one field at a time: every reader
 * behind `pbl resume` (and --list), `pbl review`, `pbl export` (every
 * format) and `pbl report` (every format) on a copy of the export
 * fixture (tests/tools/export_fixture.c, built once per process) with
 * one field changed; see db_readers.h.
 *
 * Input: byte 0 picks the table (in name order, modulo their number),
 * byte 1 its column (modulo), byte 2 the row (255: every row), byte 3
 * the kind of value (NULL, -1, 2^31-1, 2^63-1, '', the integer in bytes
 * 4..11, or the text of bytes 4..). Properties: no crash, no sanitizer
 * report, a failure always has a message, and a module snapshot always
 * has its required text (db_readers.h). Run from the top of the
 * repository (the fixture loads tests/export/ and tests/fixtures/). */
#include <stdbool.h>
#include <unistd.h>

#include "fuzz/db_readers.h"

/* the fixture's own main(), renamed, builds the database */
int export_fixture_main(int argc, char **argv);
#define main export_fixture_main
#include "tools/export_fixture.c"
#undef main

static char dbf_dir[64], dbf_fixture[128], dbf_copy[128];

static void dbf_cleanup(void)
{
    char p[192];
    const char *const tails[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", dbf_fixture, tails[i]);
        unlink(p);
        snprintf(p, sizeof p, "%s%s", dbf_copy, tails[i]);
        unlink(p);
    }
    rmdir(dbf_dir);
}

/* Builds the fixture once, in a fresh temporary folder. */
static bool dbf_ready(void)
{
    static int state; /* 0 not yet, 1 ready, -1 failed */
    if (state)
        return state > 0;
    const char *tmp = getenv("TMPDIR");
    snprintf(dbf_dir, sizeof dbf_dir, "%s/pbl-fuzz-db.XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    state = -1;
    if (!mkdtemp(dbf_dir))
        return false;
    snprintf(dbf_fixture, sizeof dbf_fixture, "%s/fixture.db", dbf_dir);
    snprintf(dbf_copy, sizeof dbf_copy, "%s/damaged.db", dbf_dir);
    atexit(dbf_cleanup);
    char *argv[] = {"export_fixture", dbf_fixture, NULL};
    if (export_fixture_main(2, argv) != 0)
        return false;
    st = NULL; /* the fixture's store, closed */
    state = 1;
    return true;
}

/* The name of table number `t` (in name order) and of its column `c`
 * (modulo their counts), into the buffers; -1 when there is none. */
static int dbf_column(unsigned t, unsigned c, char *table, char *column,
                      size_t n)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int rc = -1;
    if (sqlite3_open_v2(dbf_fixture, &db, SQLITE_OPEN_READONLY, NULL) ==
            SQLITE_OK &&
        sqlite3_prepare_v2(
            db,
            "WITH t AS (SELECT name, row_number() OVER (ORDER BY name) - 1 k,"
            "  count(*) OVER () nt FROM sqlite_schema WHERE type = 'table'"
            "  AND name NOT LIKE 'sqlite%'),"
            " c AS (SELECT t.name tn, p.name cn, row_number() OVER"
            "  (ORDER BY p.cid) - 1 k, count(*) OVER () nc"
            "  FROM t, pragma_table_info(t.name) p WHERE t.k = ?1 % t.nt)"
            " SELECT tn, cn FROM c WHERE k = ?2 % nc",
            -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, t);
        sqlite3_bind_int64(s, 2, c);
        if (sqlite3_step(s) == SQLITE_ROW) {
            snprintf(table, n, "%s", (const char *)sqlite3_column_text(s, 0));
            snprintf(column, n, "%s", (const char *)sqlite3_column_text(s, 1));
            rc = 0;
        }
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 || !dbf_ready())
        return 0;
    char table[128], column[128];
    if (dbf_column(data[0], data[1], table, column, sizeof table) != 0)
        return 0;
    long row = data[2] == 255 ? -1 : data[2];
    enum dbm_kind kind = (enum dbm_kind)(data[3] % DBM_KINDS);
    long long ival = 0;
    for (size_t i = 4; i < 12 && i < size; i++)
        ival = (long long)((unsigned long long)ival << 8 | data[i]);
    if (dbm_copy(dbf_fixture, dbf_copy) != 0)
        return 0;
    if (dbm_damage(dbf_copy, table, column, row, kind, ival,
                   (const char *)data + 4, size - 4) != 0)
        return 0;
    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
        dbm_run_readers(dbf_copy, sink);
        fclose(sink);
    }
    return 0;
}
