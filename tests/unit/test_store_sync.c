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

#include "pbl/hub.h"
#include "pbl/roster.h"
#include "pbl/sync.h"
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

/* Writes a database of schema `version` holding `rows` at path. */
static void write_old_file(const char *path, int version, const char *rows)
{
    sqlite3 *db;
    char *err = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(store_migrate_to(db, version, &err), STORE_OK);
    assert_int_equal(sqlite3_exec(db, rows, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* Writes a version-7 database holding v7_data at path. */
static void write_v7_file(const char *path)
{
    write_old_file(path, 7, v7_data);
}

/* Every row of `table` has a version-4 UUID of its own. */
static void expect_uuids(struct pbl_store *st, const char *table)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM %s WHERE uuid IS NULL OR uuid NOT GLOB"
             " '[0-9a-f]*-*-[48]*-[89ab]*-*' OR length(uuid) <> 36",
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
    write_v7_file(p);
    char *err = NULL;

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

/* Counts the UUIDs store_sync_changed gives. */
static int count_row(void *ctx, int n, const char *const *vals)
{
    (void)n;
    (void)vals;
    (*(int *)ctx)++;
    return 0;
}

/* The sessions written since mark `since`, by store_sync_changed. */
static int changed_since(struct pbl_store *st, long long since)
{
    int n = 0;
    assert_int_equal(store_sync_changed(st, since, count_row, &n), STORE_OK);
    return n;
}

/* Every kind of write a sync carries moves its session above the store's
 * last mark (schema 11), and nothing else does: after a mark, a second
 * session's answer, stage time, parking-lot item, event, comment,
 * attendance and speaker mark each make it the one session written
 * since. */
static void writes_move_their_session_past_the_mark(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "marks.db");
    char a[STORE_UUID_LEN + 1], b[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "A", 2, a), STORE_OK);
    assert_int_equal(new_session(st, "B", 2, b), STORE_OK);
    long long mark = -1, again = -1;
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_true(mark > 0);
    assert_int_equal(changed_since(st, mark), 0);
    assert_int_equal(changed_since(st, -1), 2);

    assert_int_equal(store_record_response(st, b, 0, 0, "one"), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(store_record_response(st, b, 0, 0, "two"), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(store_stage_enter(st, b, 0, "scenario", 5), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    int64_t item = 0;
    assert_int_equal(store_park_item(st, b, "why?", &item), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(store_resolve_park_item(st, item, b), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(store_log_event(st, b, "note", "x"), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(store_add_review_comment(st, b, "ok"), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    /* attendance and speaker marks (schema 12), unmarking too */
    int64_t rid = 0;
    assert_int_equal(roster_add(st, "Ana", "PGY1", NULL, &rid), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(roster_set_present(st, b, rid, true), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(roster_set_speaker(st, b, 0, 0, rid, true), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(roster_set_speaker(st, b, 0, 0, rid, false), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    assert_int_equal(store_sync_mark(st, &again), STORE_OK);
    assert_true(again > mark);
    /* and the one session written is B, not A */
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM sessions WHERE sync_rev > %lld"
             " AND uuid = '%s'",
             mark, b);
    assert_int_equal(sql_int(st, sql), 1);
    /* the hot path: the first write after a mark moves the session past
     * it; the next ones (a draft saved at every key) leave the clock
     * alone, the session being past every mark taken already */
    assert_int_equal(store_record_response(st, b, 0, 1, "again"), STORE_OK);
    assert_int_equal(changed_since(st, again), 1);
    long long tick = sql_int(st, "SELECT tick FROM sync_clock");
    assert_int_equal(store_record_response(st, b, 0, 1, "and again"), STORE_OK);
    assert_int_equal(store_record_response(st, b, 0, 1, "and more"), STORE_OK);
    assert_int_equal(sql_int(st, "SELECT tick FROM sync_clock"), tick);
    assert_int_equal(changed_since(st, again), 1);
    /* a deleted session takes no tick back: A, written after B (which
     * held the highest) is deleted, is still past the mark */
    assert_int_equal(store_sync_mark(st, &mark), STORE_OK);
    assert_int_equal(store_delete_session(st, b), STORE_OK);
    /* ... and leaves a tombstone (schema 13) with a tick past the mark,
     * for the incremental sync to push */
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM deleted_sessions WHERE sync_rev > %lld"
             " AND uuid = '%s' AND deleted_at <> ''",
             mark, b);
    assert_int_equal(sql_int(st, sql), 1);
    assert_int_equal(store_record_response(st, a, 0, 0, "late"), STORE_OK);
    assert_int_equal(changed_since(st, mark), 1);
    store_close(st);
    rm_tree(dir);
}

/* A version-7 file is merged through an upgraded copy: its records are
 * added, the file itself stays at version 7, and a second merge moves
 * nothing and says so. */
static void merge_upgrades_a_copy_of_an_older_file(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "old.db");
    write_v7_file(p);
    sqlite3 *db;

    struct pbl_store *st = open_in(dir, "here.db");
    struct sync_tally t;
    assert_int_equal(store_merge_file(st, p, &t), STORE_OK);
    assert_int_equal(t.added[SYNC_SESSIONS], 1);
    assert_int_equal(t.added[SYNC_MODULES], 1);
    assert_int_equal(t.added[SYNC_ANSWERS], 2);
    assert_int_equal(t.added[SYNC_STAGES], 1);
    assert_int_equal(t.added[SYNC_PARKING], 2);
    assert_int_equal(t.added[SYNC_EVENTS], 1);
    assert_int_equal(t.added[SYNC_COMMENTS], 1);
    assert_int_equal(t.updated + t.conflicts, 0);
    struct store_response r;
    assert_int_equal(store_get_response(
                         st, "11111111-2222-4333-8444-555555555555", 0, 1, &r),
                     STORE_OK);
    assert_string_equal(r.text, "more");
    store_response_free(&r);
    expect_uuids(st, "responses");

    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    sync_tally_print(f, "merged", &t);
    fclose(f);
    assert_string_equal(out, "merged: 1 session, 1 module snapshot, 2 answers,"
                             " 1 stage time, 2 parking-lot items, 1 event,"
                             " 1 review comment added\n");
    free(out);

    assert_int_equal(store_merge_file(st, p, &t), STORE_OK);
    assert_int_equal(sync_tally_total(&t) + t.conflicts, 0);
    f = open_memstream(&out, &len);
    sync_tally_print(f, "merged", &t);
    fclose(f);
    assert_string_equal(out, "merged: nothing moved\n");
    free(out);
    store_close(st);

    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    sqlite3_stmt *s = NULL;
    assert_int_equal(
        sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(s, 0), 7);
    sqlite3_finalize(s);
    sqlite3_close(db);
    free(p);
    rm_tree(dir);
}

/* The later answer wins; an answer edited here later than there stays. */
static void merge_keeps_the_later_answer(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *a = open_in(dir, "a.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(a, "G", 2, id), STORE_OK);
    assert_int_equal(store_record_response(a, id, 0, 0, "first"), STORE_OK);
    char *bp = path_in(dir, "b.db");
    assert_int_equal(store_backup(a, bp), STORE_OK);
    struct pbl_store *b = open_in(dir, "b.db");
    setenv("PBL_NOW", "2030-01-01T00:00:00Z", 1);
    assert_int_equal(store_record_response(b, id, 0, 0, "later"), STORE_OK);
    assert_int_equal(store_record_response(b, id, 0, 1, "new"), STORE_OK);
    unsetenv("PBL_NOW");
    store_close(b);
    struct sync_tally t;
    assert_int_equal(store_merge_file(a, bp, &t), STORE_OK);
    assert_int_equal(t.added[SYNC_ANSWERS], 1);
    assert_int_equal(t.updated, 1);
    struct store_response r;
    assert_int_equal(store_get_response(a, id, 0, 0, &r), STORE_OK);
    assert_string_equal(r.text, "later");
    store_response_free(&r);
    /* an earlier version does not come back */
    assert_int_equal(sqlite3_exec(store_db(a),
                                  "UPDATE responses SET text = 'here',"
                                  " updated_at = '2031-01-01T00:00:00Z'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(store_merge_file(a, bp, &t), STORE_OK);
    assert_int_equal(sync_tally_total(&t), 0);
    assert_int_equal(store_get_response(a, id, 0, 0, &r), STORE_OK);
    assert_string_equal(r.text, "here");
    store_response_free(&r);
    store_close(a);
    free(bp);
    rm_tree(dir);
}

/* Rows of a version-10 database: residents (Ana renamed from "Ana Old",
 * Bo, and Cy first added under a name Ana had before, "ana old"), a group
 * session with attendance and a speaker. */
static const char v10_roster[] =
    "INSERT INTO sessions(uuid, kind, group_name, started_at)"
    " VALUES('11111111-2222-4333-8444-555555555555', 'group', 'G',"
    " '2025-01-01T00:00:00Z');"
    "INSERT INTO residents(name, name_key, class, added_at) VALUES"
    " ('Ana New', 'ana new', 'PGY1', '2025-01-01T00:00:00Z'),"
    " ('Bo', 'bo', 'PGY2', '2025-01-02T00:00:00Z'),"
    " ('Ana Old', 'ana old', 'PGY3', '2025-03-01T00:00:00Z');"
    "INSERT INTO resident_names VALUES(1, 'Ana Old', 'ana old',"
    " '2025-02-01T00:00:00Z');"
    "UPDATE residents SET active = 0, retired_at = '2025-04-01T00:00:00Z'"
    " WHERE id = 2;"
    "INSERT INTO attendance VALUES(1, 1, '2025-01-01T00:00:05Z', NULL),"
    " (1, 2, '2025-01-01T00:00:06Z', '2025-01-01T00:30:00Z');"
    "INSERT INTO speakers VALUES(1, 0, 0, 1);";

/* Writes a version-10 database holding v10_roster at path, then opens
 * it with this pbl (which migrates it). */
static struct pbl_store *open_v10_roster(const char *path)
{
    write_old_file(path, 10, v10_roster);
    char *err = NULL;
    struct pbl_store *st = NULL;
    assert_int_equal(store_open(path, STORE_CREATE, &st, &err), STORE_OK);
    return st;
}

/* The text of the first row of sql. */
static char *sql_text(struct pbl_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    assert_int_equal(sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    char *v = strdup((const char *)sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    return v;
}

/* Migration 12 gives old residents the UUID of the name they were first
 * added under (the same in two copies upgraded apart, and the one a new
 * roster entry of that name gets), a second resident first added under
 * a used name one of its own; change times from what the rows say;
 * speakers are marks with a time. */
static void migration_from_10_derives_resident_uuids(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p1 = path_in(dir, "one.db"), *p2 = path_in(dir, "two.db");
    struct pbl_store *a = open_v10_roster(p1);
    struct pbl_store *b = open_v10_roster(p2);
    assert_int_equal(sql_int(a, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    const char *all = "SELECT group_concat(uuid || changed_at, ',')"
                      " FROM (SELECT * FROM residents ORDER BY id)";
    char *ua = sql_text(a, all), *ub = sql_text(b, all);
    assert_string_equal(ua, ub);
    free(ua);
    free(ub);
    assert_int_equal(sql_int(a, "SELECT count(DISTINCT uuid) FROM residents"
                                " WHERE length(uuid) = 36"),
                     3);

    char want[37];
    store_derived_uuid("residents", "ana old", want);
    char *ana = sql_text(a, "SELECT uuid FROM residents WHERE id = 1");
    assert_string_equal(ana, want);
    free(ana);
    struct pbl_store *c = open_in(dir, "new.db");
    assert_int_equal(roster_add(c, " ANA  old", "PGY1", NULL, NULL), STORE_OK);
    char *fresh = sql_text(c, "SELECT uuid FROM residents");
    assert_string_equal(fresh, want); /* the same person on every machine */
    free(fresh);
    store_close(c);
    /* Cy's name was Ana's first: a UUID of its own */
    char *cy = sql_text(a, "SELECT uuid FROM residents WHERE id = 3");
    assert_string_not_equal(cy, want);
    free(cy);
    /* a new resident of a name whose UUID is taken gets a random one */
    assert_int_equal(roster_rename(a, "Bo", "Bo Two"), STORE_OK);
    assert_int_equal(roster_add(a, "bo", "PGY1", NULL, NULL), STORE_OK);
    assert_int_equal(sql_int(a, "SELECT count(*) FROM residents WHERE"
                                " name = 'bo' AND substr(uuid, 15, 1) = '4'"),
                     1);

    assert_int_equal(sql_int(b, "SELECT count(*) FROM residents WHERE"
                                " (id = 1 AND changed_at ="
                                " '2025-02-01T00:00:00Z') OR (id = 2 AND"
                                " changed_at = '2025-04-01T00:00:00Z')"
                                " OR (id = 3 AND changed_at = added_at)"),
                     3);
    assert_int_equal(sql_int(b, "SELECT count(*) FROM attendance WHERE"
                                " changed_at = coalesce(left_at, joined_at)"),
                     2);
    assert_int_equal(sql_int(b, "SELECT count(*) FROM speakers WHERE spoke = 1"
                                " AND changed_at = '2025-01-01T00:00:05Z'"),
                     1);
    store_close(a);
    store_close(b);
    free(p1);
    free(p2);
    rm_tree(dir);
}

/* hub_redact(url) is want: the password gone, the rest kept. */
static void expect_redacted(const char *url, const char *want)
{
    char *got = hub_redact(url);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

/* A hub's URL as messages show it: never with its password. */
static void hub_urls_lose_their_password(void **state)
{
    (void)state;
    expect_redacted("postgresql://ana:s3cret@db.example.org:5432/pbl",
                    "postgresql://ana@db.example.org:5432/pbl");
    expect_redacted("postgres://ana:p%40ss@db/pbl?sslmode=require",
                    "postgres://ana@db/pbl?sslmode=require");
    expect_redacted("postgresql://ana@db/pbl", "postgresql://ana@db/pbl");
    expect_redacted("postgresql:///pbl?host=/tmp&user=ana&password=s3cret",
                    "postgresql:///pbl?host=/tmp&user=ana");
    expect_redacted("postgresql:///pbl?password=s3cret&user=ana",
                    "postgresql:///pbl?user=ana");
    expect_redacted("host=db dbname=pbl password=s3cret user=ana",
                    "host=db dbname=pbl user=ana");
    expect_redacted("host=db password = 'a b\\'c' user=ana",
                    "host=db user=ana");
    expect_redacted("host=db dbname=pbl", "host=db dbname=pbl");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migration_from_7_fills_uuids),
        cmocka_unit_test(new_rows_get_uuids),
        cmocka_unit_test(writes_move_their_session_past_the_mark),
        cmocka_unit_test(merge_upgrades_a_copy_of_an_older_file),
        cmocka_unit_test(merge_keeps_the_later_answer),
        cmocka_unit_test(migration_from_10_derives_resident_uuids),
        cmocka_unit_test(hub_urls_lose_their_password),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
