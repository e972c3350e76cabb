/* test_search.c - the review list's search (search.h): answers, review
 * comments and parking-lot items found through the full-text index (kept
 * in step by triggers, and back-filled by the migration), the
 * "self-study" kind word, wrong dates said, same-field terms as
 * alternatives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <cmocka.h>

#include "pbl/search.h"
#include "test_store_util.h"

struct fixture {
    char *dir;
    struct pbl_store *st;
    char g1[STORE_UUID_LEN + 1], g2[STORE_UUID_LEN + 1];
    char ana[STORE_UUID_LEN + 1], ben[STORE_UUID_LEN + 1];
    struct store_session_list l; /* newest first */
};

/* A self-study session of `resident` on a one-question module. */
static void new_study(struct pbl_store *st, const char *resident,
                      char uuid[static STORE_UUID_LEN + 1])
{
    struct pbl_module *m = make_module("delayed-lab", 1);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_SELF_STUDY,
                                  .resident = resident,
                                  .modules = mods,
                                  .nmodules = 1};
    assert_int_equal(store_create_session(st, &n, uuid), STORE_OK);
    free_module(m);
}

static void reload(struct fixture *f)
{
    store_session_list_free(&f->l);
    assert_int_equal(store_list_sessions(f->st, STORE_LIST_ALL, &f->l),
                     STORE_OK);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = scratch_dir();
    f->st = open_in(f->dir, "search.db");
    setenv("PBL_NOW", "2026-02-03T09:00:00Z", 1);
    assert_int_equal(new_session(f->st, "Tuesday group", 2, f->g1), STORE_OK);
    assert_int_equal(
        store_record_response(f->st, f->g1, 0, 0, "The Trauma team, naïvely"),
        STORE_OK);
    assert_int_equal(store_park_item(f->st, f->g1, "Read the ACR rules", NULL),
                     STORE_OK);
    setenv("PBL_NOW", "2026-02-10T09:00:00Z", 1);
    assert_int_equal(new_session(f->st, "Thursday group", 1, f->g2), STORE_OK);
    assert_int_equal(store_add_review_comment(f->st, f->g2, "callback missed"),
                     STORE_OK);
    setenv("PBL_NOW", "2026-02-11T09:00:00Z", 1);
    new_study(f->st, "Ana Rivera", f->ana);
    setenv("PBL_NOW", "2026-02-12T09:00:00Z", 1);
    new_study(f->st, "Ben Okafor", f->ben);
    assert_int_equal(store_record_response(f->st, f->ben, 0, 0, "the patient"),
                     STORE_OK);
    unsetenv("PBL_NOW");
    reload(f);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    store_session_list_free(&f->l);
    store_close(f->st);
    rm_tree(f->dir);
    free(f);
    return 0;
}

/* The query's matches as uuids, newest first, joined by spaces. */
static void expect_matches(struct fixture *f, const char *query,
                           const char *want0, const char *want1,
                           const char *want2)
{
    struct search_query q;
    char *err = NULL;
    bool match[8] = {0};
    assert_int_equal(search_parse(query, &q, &err), 0);
    assert_null(err);
    assert_int_equal(search_sessions(f->st, &q, &f->l, match, &err), 0);
    assert_null(err);
    search_query_free(&q);
    const char *want[] = {want0, want1, want2};
    size_t k = 0;
    for (size_t i = 0; i < f->l.n; i++) {
        if (!match[i])
            continue;
        if (k >= 3 || !want[k])
            fail_msg("'%s' also matches %s", query, f->l.v[i].uuid);
        if (strcmp(f->l.v[i].uuid, want[k]) != 0)
            fail_msg("'%s': match %zu is %s, not %s", query, k, f->l.v[i].uuid,
                     want[k]);
        k++;
    }
    if (k < 3 && want[k])
        fail_msg("'%s' does not match %s", query, want[k]);
}

/* Answers, comments and parking-lot items are searched, by the start of a
 * word, whatever the case and accents. */
static void written_text_is_searched(void **state)
{
    struct fixture *f = *state;
    expect_matches(f, "trauma", f->g1, NULL, NULL);
    expect_matches(f, "TRAU", f->g1, NULL, NULL);
    expect_matches(f, "naive", f->g1, NULL, NULL);
    expect_matches(f, "acr", f->g1, NULL, NULL);
    expect_matches(f, "callback", f->g2, NULL, NULL);
    expect_matches(f, "patient", f->ben, NULL, NULL);
    expect_matches(f, "patient trauma", NULL, NULL, NULL);
    expect_matches(f, "\"quoted", NULL, NULL, NULL); /* no FTS syntax error */
}

/* The list's own words: the kind as shown, names, the date, modules. */
static void list_fields_are_searched(void **state)
{
    struct fixture *f = *state;
    expect_matches(f, "self-study", f->ben, f->ana, NULL);
    expect_matches(f, "kind:study", f->ben, f->ana, NULL);
    expect_matches(f, "kind:group tuesday", f->g1, NULL, NULL);
    expect_matches(f, "2026-02-1", f->ben, f->ana, f->g2);
    expect_matches(f, "module:delayed", f->ben, f->ana, NULL);
    expect_matches(f, "  RIVERA  ", f->ana, NULL, NULL);
}

/* Same field: alternatives; different fields: all must hold. */
static void same_field_is_or_different_fields_and(void **state)
{
    struct fixture *f = *state;
    expect_matches(f, "resident:ana resident:ben", f->ben, f->ana, NULL);
    expect_matches(f, "resident:ana resident:ben module:nothing", NULL, NULL,
                   NULL);
    expect_matches(f, "group:tues group:thurs", f->g2, f->g1, NULL);
    expect_matches(f, "group:tues resident:ana", NULL, NULL, NULL);
    expect_matches(f, "from:2026-02-10 to:2026-02-11", f->ana, f->g2, NULL);
    expect_matches(f, "to:2026-02-03", f->g1, NULL, NULL);
}

/* A date that is not a date is said, not silently matched against. */
static void wrong_dates_are_said(void **state)
{
    (void)state;
    const char *bad[] = {"from:2026-13-01", "to:2026-02-30", "from:2026-1-1",
                         "to:yesterday", "from:"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct search_query q;
        char *err = NULL;
        assert_int_equal(search_parse(bad[i], &q, &err), -1);
        assert_non_null(err);
        assert_non_null(strstr(err, "is not a date"));
        assert_non_null(strstr(err, bad[i]));
        free(err);
        search_query_free(&q);
    }
    struct search_query q;
    char *err = NULL;
    assert_int_equal(search_parse("resident:", &q, &err), -1);
    assert_non_null(strstr(err, "resident: needs"));
    free(err);
    search_query_free(&q);
}

/* The index follows edits and deletions (cascades included). */
static void index_follows_changes(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(store_record_response(f->st, f->ben, 0, 0, "the family"),
                     STORE_OK);
    expect_matches(f, "patient", NULL, NULL, NULL);
    expect_matches(f, "family", f->ben, NULL, NULL);
    /* answers are indexed when searched: two edits in between */
    assert_int_equal(store_record_response(f->st, f->ben, 0, 0, "alpha one"),
                     STORE_OK);
    assert_int_equal(store_record_response(f->st, f->ben, 0, 0, "beta two"),
                     STORE_OK);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM search_pending"), 1);
    expect_matches(f, "alpha", NULL, NULL, NULL);
    expect_matches(f, "family", NULL, NULL, NULL);
    expect_matches(f, "beta", f->ben, NULL, NULL);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM search_pending"), 0);
    assert_int_equal(store_delete_session(f->st, f->g1), STORE_OK);
    reload(f);
    expect_matches(f, "trauma", NULL, NULL, NULL);
    expect_matches(f, "acr", NULL, NULL, NULL);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM search_docs d"
                                    " WHERE NOT EXISTS (SELECT 1 FROM sessions"
                                    " s WHERE s.id = d.session_id)"),
                     0);
    assert_int_equal(sql_int(f->st,
                             "SELECT count(*) FROM search_fts WHERE search_fts"
                             " MATCH 'trauma'"),
                     0);
    /* FTS5's own check of the index against what it was told */
    assert_int_equal(sqlite3_exec(store_db(f->st),
                                  "INSERT INTO search_fts(search_fts, rank)"
                                  " VALUES('integrity-check', 0)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
}

/* Rows written by the schema before the index (raw SQL, as an older pbl
 * wrote them). */
static const char old_rows[] =
    "INSERT INTO sessions(uuid, kind, group_name, started_at)"
    " VALUES('11111111-2222-4333-8444-555555555555', 'group', 'Old group',"
    " '2025-01-01T00:00:00Z');"
    "INSERT INTO session_modules(session_id, position, module_id, version,"
    " hash, title, scenario) VALUES(1, 0, 'm', 1, 'fnv1a64:00', 'T', 'S');"
    "INSERT INTO snapshot_questions(session_module_id, idx, prompt, kind,"
    " answer) VALUES(1, 0, 'P?', 'text', 'A.');"
    "INSERT INTO responses(session_id, modpos, qidx, text, created_at,"
    " updated_at) VALUES(1, 0, 0, 'radiology backlog', '2025-01-01T00:00:00Z',"
    " '2025-01-01T00:00:00Z');"
    "INSERT INTO review_comments(session_id, text, created_at)"
    " VALUES(1, 'thorough discussion', '2025-01-02T00:00:00Z');"
    "INSERT INTO parking(session_id, text, raised_at)"
    " VALUES(1, 'escalation ladder', '2025-01-01T00:00:00Z');"
    "INSERT INTO meta VALUES('clean_shutdown', '1');";

/* The last schema version without the search index: migrates an empty
 * database one version at a time until search_fts appears, so that later
 * migrations do not move it. */
static int version_before_search(void)
{
    sqlite3 *db;
    char *err = NULL;
    int v = 0, found = 0;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    while (!found && v < STORE_SCHEMA_VERSION) {
        v++;
        assert_int_equal(store_migrate_to(db, v, &err), STORE_OK);
        sqlite3_stmt *q;
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "SELECT 1 FROM sqlite_master"
                                            " WHERE name = 'search_fts'",
                                            -1, &q, NULL),
                         SQLITE_OK);
        found = sqlite3_step(q) == SQLITE_ROW;
        sqlite3_finalize(q);
    }
    sqlite3_close(db);
    assert_true(found);
    return v - 1;
}

/* Opening a database of the schema before the index indexes the text it
 * holds (the migration back-fills). */
static void migration_indexes_existing_rows(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "old.db");
    sqlite3 *db;
    char *err = NULL;
    int before = version_before_search();
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(store_migrate_to(db, before, &err), STORE_OK);
    assert_int_equal(sqlite3_exec(db, old_rows, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    struct fixture f = {.dir = dir, .st = open_in(dir, "old.db")};
    assert_non_null(f.st);
    reload(&f);
    const char *uuid = "11111111-2222-4333-8444-555555555555";
    expect_matches(&f, "backlog", uuid, NULL, NULL);
    expect_matches(&f, "thorough", uuid, NULL, NULL);
    expect_matches(&f, "ladder", uuid, NULL, NULL);
    /* and then follows changes */
    assert_int_equal(store_record_response(f.st, uuid, 0, 0, "new words"),
                     STORE_OK);
    expect_matches(&f, "backlog", NULL, NULL, NULL);
    expect_matches(&f, "words", uuid, NULL, NULL);
    store_session_list_free(&f.l);
    store_close(f.st);
    free(p);
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(written_text_is_searched),
        cmocka_unit_test(list_fields_are_searched),
        cmocka_unit_test(same_field_is_or_different_fields_and),
        cmocka_unit_test(wrong_dates_are_said),
        cmocka_unit_test(index_follows_changes),
        cmocka_unit_test(migration_indexes_existing_rows),
    };
    return cmocka_run_group_tests_name("search", tests, setup, teardown);
}
