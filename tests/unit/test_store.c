/* test_store.c - opening the session store: file and folder permissions,
 * clear errors for bad paths and bad files, migrations from every earlier
 * schema version, a newer database opened read-only, the check after an
 * unclean close, a full disk, settings, `db check` and `db backup`. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <grp.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "test_store_util.h"

/* mode bits of path, or -1 */
static int mode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        fail_msg("'%s' not in '%s'", needle, hay ? hay : "(null)");
}

/* Opening with STORE_CREATE under a given umask: folders 0700, the
 * database and its -wal and -shm 0600. */
static void check_modes(mode_t mask)
{
    char *dir = scratch_dir();
    char *db = path_in(dir, "a/b/pbl.db");
    mode_t old = umask(mask);
    struct pbl_store *st = NULL;
    char *err = NULL;
    assert_int_equal(store_open(db, STORE_CREATE, &st, &err), STORE_OK);
    assert_null(err);
    assert_int_equal(store_set_setting(st, "resident", "Ana"), STORE_OK);
    char *p = path_in(dir, "a");
    assert_int_equal(mode_of(p), 0700);
    free(p);
    p = path_in(dir, "a/b");
    assert_int_equal(mode_of(p), 0700);
    free(p);
    assert_int_equal(mode_of(db), 0600);
    p = path_in(dir, "a/b/pbl.db-wal");
    assert_int_equal(mode_of(p), 0600);
    free(p);
    p = path_in(dir, "a/b/pbl.db-shm");
    assert_int_equal(mode_of(p), 0600);
    free(p);
    store_close(st);
    umask(old);
    free(db);
    rm_tree(dir);
}

static void permissions_under_umask_022(void **state)
{
    (void)state;
    check_modes(022);
}

static void permissions_under_umask_277(void **state)
{
    (void)state;
    check_modes(0277);
}

static void pragmas_are_set(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    assert_non_null(st);
    assert_int_equal(sql_int(st, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(sql_int(st, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(sql_int(st, "PRAGMA foreign_keys"), 1);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM pragma_journal_mode"
                                 " WHERE journal_mode = 'wal'"),
                     1);
    assert_false(store_readonly(st));
    assert_null(store_warning(st));
    assert_string_equal(store_error(st), "");
    store_close(st);
    rm_tree(dir);
}

/* Opens path with flags and expects failure with a message holding
 * `want`. */
static void expect_open_error(const char *path, unsigned flags,
                              const char *want)
{
    struct pbl_store *st = (struct pbl_store *)1;
    char *err = NULL;
    assert_int_equal(store_open(path, flags, &st, &err), STORE_ERROR);
    assert_null(st);
    assert_non_null(err);
    assert_contains(err, want);
    assert_null(strchr(err, '\n'));
    free(err);
}

/* Whether opening path fails with a one-line error containing want
 * (cmocka's assertions cannot be used in the child process below). */
static bool open_fails_with(const char *path, unsigned flags, const char *want)
{
    struct pbl_store *st = NULL;
    char *err = NULL;
    int rc = store_open(path, flags, &st, &err);
    bool ok = rc == STORE_ERROR && !st && err && strstr(err, want) &&
              !strchr(err, '\n');
    if (!ok)
        fprintf(stderr, "open %s: wanted '%s', got '%s'\n", path, want,
                err ? err : "(no error)");
    store_close(st);
    free(err);
    return ok;
}

/* A folder without write permission and a read-only database file in
 * dir: how many of their two checks failed. */
static int permission_checks(const char *dir)
{
    int bad = 0;
    char *p = path_in(dir, "locked");
    mkdir(p, 0500);
    char *q = path_in(dir, "locked/pbl.db");
    bad += !open_fails_with(q, STORE_CREATE, "Permission denied");
    free(q);
    free(p);
    p = path_in(dir, "ro.db");
    store_close(open_in(dir, "ro.db"));
    chmod(p, 0400);
    bad += !open_fails_with(p, 0, "read-only");
    free(p);
    return bad;
}

/* The permission checks as a user whom permissions stop: permissions do
 * not stop root, and CI runs as root, so then they run in a child process
 * that first drops to nobody (uid and gid 65534, no groups). */
static void expect_permission_errors(const char *dir)
{
    if (geteuid() != 0) {
        assert_int_equal(permission_checks(dir), 0);
        return;
    }
    assert_int_equal(chown(dir, 65534, 65534), 0);
    fflush(NULL);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* the verdict goes through the pipe, and the child ends by
         * SIGKILL: under valgrind an exit would run a leak check of the
         * parent's memory copied into the child, and fail the test */
        unsigned char verdict = 91;
        if (setgroups(0, NULL) != 0 || setgid(65534) != 0 ||
            setuid(65534) != 0 || geteuid() == 0)
            verdict = 90;
        else if (permission_checks(dir) == 0)
            verdict = 0;
        if (write(fds[1], &verdict, 1) != 1)
            _exit(92);
        raise(SIGKILL);
    }
    close(fds[1]);
    unsigned char verdict = 255;
    assert_int_equal(read(fds[0], &verdict, 1), 1);
    close(fds[0]);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_int_equal(verdict, 0); /* 90: could not drop root */
}

static void errors_on_bad_paths(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *file = path_in(dir, "plain");
    FILE *f = fopen(file, "w");
    fputs("x", f);
    fclose(f);

    char *p = path_in(dir, "plain/sub/pbl.db");
    expect_open_error(p, STORE_CREATE, "cannot create folder");
    expect_open_error(p, STORE_CREATE, "Not a directory");
    free(p);
    p = path_in(dir, "missing.db");
    expect_open_error(p, 0, "no database at");
    expect_open_error(p, STORE_READONLY, "no database at");
    assert_int_equal(mode_of(p), -1); /* not created without the flag */
    free(p);
    expect_open_error(dir, STORE_CREATE, "is a folder");
    expect_open_error("", STORE_CREATE, "no database path");
    expect_open_error("/dev/null", STORE_CREATE, "not a regular file");

    expect_permission_errors(dir);
    free(file);
    rm_tree(dir);
}

static void refuses_what_is_not_a_pbl_database(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "notes.txt");
    FILE *f = fopen(p, "w");
    for (int i = 0; i < 100; i++)
        fputs("These are notes, not a database.\n", f);
    fclose(f);
    expect_open_error(p, STORE_CREATE, "not a database");
    expect_open_error(p, STORE_READONLY, "not a database");
    free(p);

    p = path_in(dir, "other.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    expect_open_error(p, STORE_CREATE, "not a pbl one");
    free(p);
    rm_tree(dir);
}

/* Data written by a schema-1 binary (valid in every later schema, whose
 * constraints it meets). */
static const char v1_data[] =
    "INSERT INTO sessions(uuid, kind, group_name, started_at)"
    " VALUES('11111111-2222-4333-8444-555555555555', 'group', 'G',"
    " '2025-01-01T00:00:00Z');"
    "INSERT INTO session_modules(session_id, position, module_id, version,"
    " hash, title, scenario) VALUES(1, 0, 'm', 1, 'fnv1a64:00', 'T', 'S');"
    "INSERT INTO snapshot_questions(session_module_id, idx, prompt, kind,"
    " answer) VALUES(1, 0, 'P?', 'text', 'A.');"
    "INSERT INTO responses(session_id, modpos, qidx, text, created_at,"
    " updated_at) VALUES(1, 0, 0, 'said', '2025-01-01T00:00:00Z',"
    " '2025-01-01T00:00:00Z');"
    "INSERT INTO meta VALUES('clean_shutdown', '1');";

static void migrates_from_every_earlier_version(void **state)
{
    (void)state;
    const char *uuid = "11111111-2222-4333-8444-555555555555";
    /* from 1: a "version 0" database is an empty file, which pbl refuses
     * (test_store_file.c) */
    for (int k = 1; k < STORE_SCHEMA_VERSION; k++) {
        char *dir = scratch_dir();
        char *p = path_in(dir, "old.db");
        sqlite3 *db;
        char *err = NULL;
        assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
        assert_int_equal(store_migrate_to(db, k, &err), STORE_OK);
        assert_null(err);
        if (k >= 1)
            assert_int_equal(sqlite3_exec(db, v1_data, NULL, NULL, NULL),
                             SQLITE_OK);
        sqlite3_close(db);

        struct pbl_store *st = NULL;
        assert_int_equal(store_open(p, STORE_CREATE, &st, &err), STORE_OK);
        assert_int_equal(sql_int(st, "PRAGMA user_version"),
                         STORE_SCHEMA_VERSION);
        if (k >= 1) {
            struct store_response r;
            assert_int_equal(store_get_response(st, uuid, 0, 0, &r), STORE_OK);
            assert_string_equal(r.text, "said");
            store_response_free(&r);
            /* the answers are still checked against the snapshot */
            assert_int_equal(store_record_response(st, uuid, 0, 1, "no"),
                             STORE_NOT_FOUND);
            assert_int_equal(store_record_response(st, uuid, 0, 0, "again"),
                             STORE_OK);
            assert_int_equal(sql_int(st, "SELECT count(*) FROM responses"), 1);
            assert_int_equal(store_add_review_comment(st, uuid, "fine"),
                             STORE_OK);
        }
        char id[STORE_UUID_LEN + 1];
        assert_int_equal(new_session(st, "after", 2, id), STORE_OK);
        assert_int_equal(store_add_review_comment(st, id, "new"), STORE_OK);
        assert_int_equal(sql_int(st, "SELECT count(*) FROM sessions"),
                         k >= 1 ? 2 : 1);
        store_close(st);
        free(p);
        rm_tree(dir);
    }
}

static void migrate_hook_refuses_unknown_versions(void **state)
{
    (void)state;
    sqlite3 *db;
    char *err = NULL;
    assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
    assert_int_equal(store_migrate_to(db, STORE_SCHEMA_VERSION + 1, &err),
                     STORE_ERROR);
    assert_contains(err, "no schema version");
    free(err);
    assert_int_equal(store_migrate_to(db, STORE_SCHEMA_VERSION, &err),
                     STORE_OK);
    sqlite3_close(db);
}

/* Sets PRAGMA user_version of the file at path. */
static void set_version(const char *path, int v)
{
    sqlite3 *db;
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void newer_database_opens_read_only(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "new.db");
    struct pbl_store *st = open_in(dir, "new.db");
    assert_int_equal(store_set_setting(st, "k", "v"), STORE_OK);
    store_close(st);
    set_version(p, STORE_SCHEMA_VERSION + 1);

    char *err = NULL;
    assert_int_equal(store_open(p, STORE_CREATE, &st, &err), STORE_OK);
    assert_true(store_readonly(st));
    assert_contains(store_warning(st), "newer pbl");
    assert_contains(store_warning(st), "read-only");
    char *v = NULL;
    assert_int_equal(store_get_setting(st, "k", &v), STORE_OK);
    assert_string_equal(v, "v");
    free(v);
    assert_int_equal(store_set_setting(st, "k", "w"), STORE_ERROR);
    assert_contains(store_error(st), "read-only");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 1, id), STORE_ERROR);
    store_close(st);
    assert_int_equal(store_open(p, 0, &st, &err), STORE_OK);
    assert_int_equal(sql_int(st, "PRAGMA user_version"),
                     STORE_SCHEMA_VERSION + 1); /* untouched */
    store_close(st);
    free(p);
    rm_tree(dir);
}

/* The meta flag "clean_shutdown" of the file at path, read raw. */
static long long clean_flag(const char *path)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    long long v = -1;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db,
                           "SELECT value FROM meta"
                           " WHERE key = 'clean_shutdown'",
                           -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int64(s, 0);
        sqlite3_finalize(s);
    }
    sqlite3_close(db);
    return v;
}

static void clean_close_is_recorded(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "pbl.db");
    struct pbl_store *st = open_in(dir, "pbl.db");
    assert_int_equal(clean_flag(p), 0);
    store_close(st);
    assert_int_equal(clean_flag(p), 1);
    free(p);
    rm_tree(dir);
}

/* Fills a session with events, then (closed) marks the close unclean and
 * overwrites the header of the events table's root page. */
static void corrupt(const char *dir, const char *p)
{
    struct pbl_store *st = open_in(dir, "pbl.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 2, id), STORE_OK);
    for (int i = 0; i < 50; i++)
        assert_int_equal(store_log_event(st, id, "edit", "some detail text"),
                         STORE_OK);
    store_close(st);
    sqlite3 *db;
    sqlite3_stmt *s;
    long long root = 0, size = 0;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db,
                                  "UPDATE meta SET value = '0'"
                                  " WHERE key = 'clean_shutdown'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_prepare_v2(db,
                       "SELECT rootpage, (SELECT page_size FROM"
                       " pragma_page_size) FROM sqlite_master"
                       " WHERE name = 'events'",
                       -1, &s, NULL);
    assert_int_equal(sqlite3_step(s), SQLITE_ROW);
    root = sqlite3_column_int64(s, 0);
    size = sqlite3_column_int64(s, 1);
    sqlite3_finalize(s);
    sqlite3_close(db); /* the last close checkpoints the WAL */
    int fd = open(p, O_RDWR);
    assert_true(fd >= 0);
    static const char junk[16] = "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f"
                                 "\x7f\x7f\x7f\x7f\x7f\x7f\x7f";
    assert_int_equal(pwrite(fd, junk, sizeof junk, (root - 1) * size),
                     (ssize_t)sizeof junk);
    close(fd);
}

static void corrupt_database_refused_after_unclean_close(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "pbl.db");
    corrupt(dir, p);
    expect_open_error(p, STORE_CREATE, "is corrupt");

    /* db check still opens it, and lists the problems */
    struct pbl_store *st = NULL;
    char *err = NULL;
    assert_int_equal(store_open(p, STORE_READONLY, &st, &err), STORE_OK);
    struct pbl_strv problems;
    int rc = store_integrity_check(st, &problems);
    if (rc == STORE_OK) {
        assert_true(problems.n > 0);
        store_strv_free(&problems);
    } else {
        assert_contains(store_error(st), "corrupt");
    }
    store_close(st);
    free(p);
    rm_tree(dir);
}

static void integrity_check_of_a_good_database(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 2, id), STORE_OK);
    struct pbl_strv problems;
    assert_int_equal(store_integrity_check(st, &problems), STORE_OK);
    assert_int_equal(problems.n, 0);
    store_strv_free(&problems);
    store_close(st);
    rm_tree(dir);
}

static void settings_round_trip(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    char *v = NULL;
    assert_int_equal(store_get_setting(st, "resident", &v), STORE_NOT_FOUND);
    assert_null(v);
    assert_contains(store_error(st), "resident");
    assert_int_equal(store_set_setting(st, "resident", "Ana"), STORE_OK);
    assert_int_equal(store_set_setting(st, "resident", "Bó"), STORE_OK);
    assert_int_equal(store_get_setting(st, "resident", &v), STORE_OK);
    assert_string_equal(v, "Bó");
    free(v);
    assert_int_equal(store_set_setting(st, "resident", NULL), STORE_OK);
    assert_int_equal(store_get_setting(st, "resident", &v), STORE_NOT_FOUND);
    store_close(st);
    rm_tree(dir);
}

/* A disk that fills up mid-write: SQLite's page limit stands in for it.
 * The write fails with a plain message and leaves nothing half-written. */
static void full_disk_leaves_no_half_record(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 2, id), STORE_OK);
    long long pages = sql_int(st, "PRAGMA page_count");
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA max_page_count = %lld", pages);
    sqlite3_exec(store_db(st), sql, NULL, NULL, NULL);

    struct pbl_module *m = make_module("big", 40);
    free(m->scenario);
    m->scenario = calloc(200000, 1);
    memset(m->scenario, 'x', 199999);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_SELF_STUDY,
                                  .resident = "Ana",
                                  .modules = mods,
                                  .nmodules = 1};
    char id2[STORE_UUID_LEN + 1];
    assert_int_equal(store_create_session(st, &n, id2), STORE_ERROR);
    assert_contains(store_error(st), "cannot save a copy of module big");
    assert_contains(store_error(st), "the disk is full");
    assert_string_equal(id2, "");
    assert_int_equal(sql_int(st, "SELECT count(*) FROM sessions"), 1);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM session_modules"), 1);
    assert_int_equal(sql_int(st, "SELECT count(*) FROM snapshot_questions"), 2);
    /* the store is still usable */
    assert_int_equal(store_record_response(st, id, 0, 1, "still here"),
                     STORE_OK);
    sqlite3_exec(store_db(st), "PRAGMA max_page_count = 1000000", NULL, NULL,
                 NULL);
    assert_int_equal(store_create_session(st, &n, id2), STORE_OK);
    free_module(m);
    store_close(st);
    rm_tree(dir);
}

static void backup_is_a_consistent_private_copy(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 2, id), STORE_OK);
    assert_int_equal(store_record_response(st, id, 0, 1, "kept"), STORE_OK);
    char *b = path_in(dir, "backup.db");
    mode_t old = umask(0);
    assert_int_equal(store_backup(st, b), STORE_OK);
    umask(old);
    assert_int_equal(mode_of(b), 0600);
    assert_int_equal(store_backup(st, b), STORE_ERROR);
    assert_contains(store_error(st), "already exists");
    char *bad = path_in(dir, "nowhere/backup.db");
    assert_int_equal(store_backup(st, bad), STORE_ERROR);
    assert_contains(store_error(st), "cannot create");
    free(bad);
    store_close(st);

    struct pbl_store *copy = NULL;
    char *err = NULL;
    assert_int_equal(store_open(b, 0, &copy, &err), STORE_OK);
    struct store_response r;
    assert_int_equal(store_get_response(copy, id, 0, 1, &r), STORE_OK);
    assert_string_equal(r.text, "kept");
    store_response_free(&r);
    store_close(copy);
    free(b);
    rm_tree(dir);
}

static void default_and_resolved_paths(void **state)
{
    (void)state;
    char *err = NULL, *p;
    setenv("XDG_DATA_HOME", "/data/home", 1);
    setenv("HOME", "/home/ana", 1);
    p = store_default_path(&err);
    assert_string_equal(p, "/data/home/pbl/pbl.db");
    free(p);
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    p = store_default_path(&err);
    assert_string_equal(p, "/home/ana/.local/share/pbl/pbl.db");
    free(p);
    unsetenv("XDG_DATA_HOME");
    p = store_default_path(&err);
    assert_string_equal(p, "/home/ana/.local/share/pbl/pbl.db");
    free(p);

    setenv("PBL_DB", "/env/pbl.db", 1);
    p = store_resolve_path("/flag/pbl.db", &err);
    assert_string_equal(p, "/flag/pbl.db");
    free(p);
    p = store_resolve_path(NULL, &err);
    assert_string_equal(p, "/env/pbl.db");
    free(p);
    setenv("PBL_DB", "", 1);
    p = store_resolve_path(NULL, &err);
    assert_string_equal(p, "/home/ana/.local/share/pbl/pbl.db");
    free(p);
    unsetenv("PBL_DB");
    assert_null(err);
}

/* Two stores on one file (as two pbl would be): each sees the other's
 * commits, and a write waits for the other's transaction to end rather
 * than failing. */
static void two_connections_share_the_database(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *a = open_in(dir, "pbl.db");
    struct pbl_store *b = open_in(dir, "pbl.db");
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(a, "g", 2, id), STORE_OK);
    assert_int_equal(store_save_draft(b, id, 0, 0, "typed in b"), STORE_OK);
    struct store_response r;
    assert_int_equal(store_get_response(a, id, 0, 0, &r), STORE_OK);
    assert_string_equal(r.draft, "typed in b");
    store_response_free(&r);
    store_close(b);
    store_close(a);
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(permissions_under_umask_022),
        cmocka_unit_test(permissions_under_umask_277),
        cmocka_unit_test(pragmas_are_set),
        cmocka_unit_test(errors_on_bad_paths),
        cmocka_unit_test(refuses_what_is_not_a_pbl_database),
        cmocka_unit_test(migrates_from_every_earlier_version),
        cmocka_unit_test(migrate_hook_refuses_unknown_versions),
        cmocka_unit_test(newer_database_opens_read_only),
        cmocka_unit_test(clean_close_is_recorded),
        cmocka_unit_test(corrupt_database_refused_after_unclean_close),
        cmocka_unit_test(integrity_check_of_a_good_database),
        cmocka_unit_test(settings_round_trip),
        cmocka_unit_test(full_disk_leaves_no_half_record),
        cmocka_unit_test(backup_is_a_consistent_private_copy),
        cmocka_unit_test(default_and_resolved_paths),
        cmocka_unit_test(two_connections_share_the_database),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
