/* test_store_sync.c - what merging and syncing rely on: schema version 8
 * gives every record that can be made on two machines a UUID (old rows
 * in the migration, new rows on insert), and the merge rules of
 * store_sync.c (append-only records by UUID, last writer wins for a
 * parking-lot resolution and a review comment, the loser logged, a
 * second merge moving nothing). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "test_store_util.h"

/* Rows of a version-7 database: a session with a module, an answer, a
 * stage time, a parking-lot item (resolved), an event and a comment. */
static const char v7_data[] =
    "INSERT INTO sessions(uuid, kind, group_name, started_at)"
    " VALUES('11111111-2222-4333-8444-555555555555', 'group', 'G',"
    " '2025-01-01T00:00:00Z');"
    "INSERT INTO session_modules(session_id, position, module_id, version,"
    " hash, title, scenario) VALUES(1, 0, 'm', 1, 'fnv1a64:00', 'T', 'S');"
    "INSERT INTO snapshot_questions(session_module_id, idx, prompt, kind,"
    " answer) VALUES(1, 0, 'P?', 'text', 'A.'), (1, 1, 'Q?', 'text', 'B.');"
    "INSERT INTO responses(session_id, modpos, qidx, text, created_at,"
    " updated_at) VALUES(1, 0, 0, 'said', '2025-01-01T00:00:00Z',"
    " '2025-01-01T00:00:00Z'), (1, 0, 1, 'more', '2025-01-01T00:00:00Z',"
    " '2025-01-01T00:00:00Z');"
    "INSERT INTO stage_timings(session_id, modpos, stage, entered_at)"
    " VALUES(1, 0, 'scenario', '2025-01-01T00:00:00Z');"
    "INSERT INTO parking(session_id, text, raised_at, resolved_at)"
    " VALUES(1, 'open', '2025-01-01T00:00:01Z', NULL),"
    " (1, 'done', '2025-01-01T00:00:02Z', '2025-01-02T00:00:00Z');"
    "INSERT INTO events(session_id, at, type) VALUES(1,"
    " '2025-01-01T00:00:00Z', 'start');"
    "INSERT INTO review_comments(session_id, text, created_at)"
    " VALUES(1, 'good', '2025-01-03T00:00:00Z');"
    "INSERT INTO meta VALUES('clean_shutdown', '1');";

static const char *const uuid_tables[] = {
    "responses", "stage_timings", "parking", "events", "review_comments"};
#define NTABLES (sizeof uuid_tables / sizeof uuid_tables[0])

/* Every row of `table` has a version-4 UUID of its own. */
static void expect_uuids(struct pbl_store *st, const char *table)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM %s WHERE uuid IS NULL OR uuid NOT GLOB"
             " '[0-9a-f]*-*-4*-[89ab]*-*' OR length(uuid) <> 36",
             table);
    if (sql_int(st, sql) != 0)
        fail_msg("%s has rows without a good UUID", table);
    snprintf(sql, sizeof sql, "SELECT count(*) - count(DISTINCT uuid) FROM %s",
             table);
    assert_int_equal(sql_int(st, sql), 0);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    assert_true(sql_int(st, sql) > 0);
}

/* A database made by version 7, opened by this pbl: the migration gives
 * each old row a UUID, a parking-lot item its change time and a comment
 * its update time. */
static void migration_from_7_fills_uuids(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "old.db");
    sqlite3 *db;
    char *err = NULL;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(store_migrate_to(db, 7, &err), STORE_OK);
    assert_int_equal(sqlite3_exec(db, v7_data, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    struct pbl_store *st = NULL;
    assert_int_equal(store_open(p, STORE_CREATE, &st, &err), STORE_OK);
    assert_int_equal(sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    for (size_t i = 0; i < NTABLES; i++)
        expect_uuids(st, uuid_tables[i]);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM parking WHERE"
                                 " changed_at = coalesce(resolved_at,"
                                 " raised_at)"),
                     2);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM review_comments"
                                 " WHERE updated_at = created_at"),
                     1);
    store_close(st);
    free(p);
    rm_tree(dir);
}

/* Rows written by this pbl get a UUID as they are inserted, an answer
 * keeps its UUID through later edits, and resolving a parking-lot item
 * sets its change time. */
static void new_rows_get_uuids(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "new.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "G", 2, id), STORE_OK);
    assert_int_equal(store_record_response(st, id, 0, 0, "one"), STORE_OK);
    assert_int_equal(store_stage_enter(st, id, 0, "scenario", 5), STORE_OK);
    int64_t item = 0;
    assert_int_equal(store_park_item(st, id, "why?", &item), STORE_OK);
    assert_int_equal(store_log_event(st, id, "note", "x"), STORE_OK);
    assert_int_equal(store_add_review_comment(st, id, "ok"), STORE_OK);
    for (size_t i = 0; i < NTABLES; i++)
        expect_uuids(st, uuid_tables[i]);

    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(st),
                                        "SELECT uuid FROM responses", -1, &s,
                                        NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    char *first = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    assert_int_equal(store_record_response(st, id, 0, 0, "two"), STORE_OK);
    assert_int_equal(store_record_response(st, id, 0, 1, "other"), STORE_OK);
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM responses WHERE uuid = '%s' AND qidx = 0",
             first);
    assert_int_equal(sql_int(st, sql), 1);
    free(first);
    expect_uuids(st, "responses");

    assert_int_equal(sql_int(st, "SELECT count(*) FROM parking"
                                 " WHERE changed_at = raised_at"),
                     1);
    assert_int_equal(store_resolve_park_item(st, item, id), STORE_OK);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM parking"
                                 " WHERE changed_at = resolved_at"),
                     1);
    assert_int_equal(store_reopen_park_item(st, item), STORE_OK);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM parking WHERE"
                                 " resolved_at IS NULL AND changed_at IS NOT"
                                 " NULL"),
                     1);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM review_comments"
                                 " WHERE updated_at = created_at"),
                     1);
    store_close(st);
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migration_from_7_fills_uuids),
        cmocka_unit_test(new_rows_get_uuids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
