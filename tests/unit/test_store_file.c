/* test_store_file.c - the database file before SQLite opens it: existing
 * files that are not pbl databases are refused and left as they were, a
 * dangling link is named, loose permissions are tightened, a folder
 * others can write is warned about, names are never URIs, and a backup is
 * complete or absent. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "test_store_util.h"

/* mode bits of path, or -1 */
static int mode_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (int)(sb.st_mode & 07777) : -1;
}

/* size of path in bytes, or -1 */
static long long size_of(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        fail_msg("'%s' not in '%s'", needle, hay ? hay : "(null)");
}

/* Opening path with flags fails with a one-line message holding want. */
static void expect_refused(const char *path, unsigned flags, const char *want)
{
    struct pbl_store *st = NULL;
    char *err = NULL;
    assert_int_equal(store_open(path, flags, &st, &err), STORE_ERROR);
    assert_null(st);
    assert_contains(err, want);
    assert_null(strchr(err, '\n'));
    free(err);
}

/* Creates path with the given bytes (n may be 0). */
static void write_file(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    if (n)
        assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static void an_empty_file_is_never_made_a_database(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "empty.db");
    write_file(p, "", 0);
    expect_refused(p, STORE_CREATE, "is an empty file, not a pbl database");
    expect_refused(p, 0, "is an empty file");
    expect_refused(p, STORE_READONLY, "is an empty file");
    assert_int_equal(size_of(p), 0); /* left as it was */
    char *link = path_in(dir, "link.db");
    assert_int_equal(symlink("empty.db", link), 0);
    expect_refused(link, STORE_CREATE, "is an empty file");
    assert_int_equal(size_of(p), 0);
    free(link);
    free(p);
    rm_tree(dir);
}

static void a_file_that_is_not_sqlite_is_named(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "notes.db");
    write_file(p, "short", 5);
    expect_refused(p, STORE_CREATE, "not a database (not a SQLite file)");
    assert_int_equal(size_of(p), 5);
    free(p);

    /* a SQLite file without pbl's schema, with no tables at all */
    p = path_in(dir, "bare.db");
    sqlite3 *db;
    assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "PRAGMA user_version = 0; VACUUM", NULL, NULL, NULL),
        SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(db, "CREATE TABLE t(x); DROP TABLE t", NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    assert_true(size_of(p) > 0);
    expect_refused(p, STORE_CREATE, "a SQLite file without pbl's schema");
    free(p);
    rm_tree(dir);
}

static void a_dangling_link_is_named(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *link = path_in(dir, "pbl.db");
    assert_int_equal(symlink("gone/away.db", link), 0);
    expect_refused(link, STORE_CREATE, "is a dangling link to gone/away.db");
    expect_refused(link, 0, "dangling link");
    char *target = path_in(dir, "gone");
    assert_int_equal(mode_of(target), -1); /* nothing was created */
    free(target);
    free(link);
    rm_tree(dir);
}

static void a_new_database_is_built_whole(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *p = path_in(dir, "pbl.db");
    struct pbl_store *st = NULL;
    char *err = NULL;
    assert_int_equal(store_open(p, STORE_CREATE, &st, &err), STORE_OK);
    assert_null(store_warning(st));
    store_close(st);
    assert_int_equal(mode_of(p), 0600);
    /* nothing else is left in the folder: no temporary file */
    char cmd[700];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = pbl.db", dir);
    assert_int_equal(system(cmd), 0);
    free(p);
    rm_tree(dir);
}

static void loose_permissions_are_tightened(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    assert_non_null(st);
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 1, id), STORE_OK);
    char *p = path_in(dir, "pbl.db"), *wal = path_in(dir, "pbl.db-wal"),
         *shm = path_in(dir, "pbl.db-shm");
    /* while one connection keeps -wal and -shm, open them up */
    assert_int_equal(chmod(p, 0644), 0);
    assert_int_equal(chmod(wal, 0666), 0);
    assert_int_equal(chmod(shm, 0640), 0);
    struct pbl_store *st2 = NULL;
    char *err = NULL;
    assert_int_equal(store_open(p, STORE_CREATE, &st2, &err), STORE_OK);
    assert_int_equal(mode_of(p), 0600);
    assert_int_equal(mode_of(wal), 0600);
    assert_int_equal(mode_of(shm), 0600);
    store_close(st2);
    store_close(st);
    /* a read-only open tightens too */
    assert_int_equal(chmod(p, 0604), 0);
    assert_int_equal(store_open(p, STORE_READONLY, &st2, &err), STORE_OK);
    assert_int_equal(mode_of(p), 0600);
    store_close(st2);
    free(p);
    free(wal);
    free(shm);
    rm_tree(dir);
}

static void a_folder_others_can_write_is_warned_about(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char *open_dir = path_in(dir, "open");
    assert_int_equal(mkdir(open_dir, 0700), 0);
    assert_int_equal(chmod(open_dir, 0777), 0);
    char *p = path_in(open_dir, "pbl.db");
    struct pbl_store *st = NULL;
    char *err = NULL;
    assert_int_equal(store_open(p, STORE_CREATE, &st, &err), STORE_OK);
    assert_contains(store_warning(st), "others can write the folder");
    assert_contains(store_warning(st), "(mode 0777)");
    assert_false(store_readonly(st));
    store_close(st);
    assert_int_equal(chmod(open_dir, 0700), 0);
    assert_int_equal(store_open(p, 0, &st, &err), STORE_OK);
    assert_null(store_warning(st));
    store_close(st);
    free(p);
    free(open_dir);
    rm_tree(dir);
}

static void names_are_never_uris(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    struct pbl_store *st = NULL;
    char *err = NULL;
    assert_int_equal(store_open("file:uri.db", STORE_CREATE, &st, &err),
                     STORE_OK);
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(st, "g", 1, id), STORE_OK);
    assert_int_equal(store_backup(st, "file:copy.db?mode=memory"), STORE_OK);
    store_close(st);
    assert_int_equal(mode_of("file:uri.db"), 0600);
    assert_int_equal(mode_of("uri.db"), -1);
    assert_int_equal(mode_of("file:copy.db?mode=memory"), 0600);
    assert_true(size_of("file:copy.db?mode=memory") > 0);
    assert_int_equal(mode_of("copy.db"), -1);
    assert_int_equal(
        store_open("file:copy.db?mode=memory", STORE_READONLY, &st, &err),
        STORE_OK);
    struct pbl_strv problems;
    assert_int_equal(store_integrity_check(st, &problems), STORE_OK);
    assert_int_equal(problems.n, 0);
    store_close(st);
    assert_int_equal(chdir(cwd), 0);
    rm_tree(dir);
}

static void a_failed_backup_leaves_nothing(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    struct pbl_store *st = open_in(dir, "pbl.db");
    char *b = path_in(dir, "nowhere/backup.db");
    assert_int_equal(store_backup(st, b), STORE_ERROR);
    assert_contains(store_error(st), "does not exist");
    free(b);
    /* the target is taken meanwhile: refused, no temporary left */
    b = path_in(dir, "taken.db");
    write_file(b, "x", 1);
    assert_int_equal(store_backup(st, b), STORE_ERROR);
    assert_contains(store_error(st), "already exists");
    assert_int_equal(size_of(b), 1);
    store_close(st);
    char cmd[700];
    snprintf(cmd, sizeof cmd,
             "test \"$(ls -A '%s' | grep -v -x -e pbl.db -e taken.db)\" = ''",
             dir);
    assert_int_equal(system(cmd), 0);
    free(b);
    rm_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_empty_file_is_never_made_a_database),
        cmocka_unit_test(a_file_that_is_not_sqlite_is_named),
        cmocka_unit_test(a_dangling_link_is_named),
        cmocka_unit_test(a_new_database_is_built_whole),
        cmocka_unit_test(loose_permissions_are_tightened),
        cmocka_unit_test(a_folder_others_can_write_is_warned_about),
        cmocka_unit_test(names_are_never_uris),
        cmocka_unit_test(a_failed_backup_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
