/* test_lock.c - a session open in one console is locked to it
 * (store_lock_*, session_open): a second console is told who has it and
 * since when, may follow it read-only or take it over; the console taken
 * over writes nothing more; a lock whose process is gone, or whose
 * heartbeat is old (PBL_NOW), is stale and taken without asking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "pbl/session.h"
#include "test_store_util.h"

struct fixture {
    char *dir;
    struct pbl_store *st;
    char uuid[STORE_UUID_LEN + 1];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = scratch_dir();
    f->st = open_in(f->dir, "lock.db");
    setenv("PBL_NOW", "2026-03-03T09:00:00Z", 1);
    assert_int_equal(new_session(f->st, "Tuesday group", 2, f->uuid), STORE_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    return scratch_session_end(f, f->st, f->dir);
}

/* The id of a process that has just ended (and was reaped). */
static long dead_pid(void)
{
    pid_t p = fork();
    if (p == 0)
        _exit(0);
    assert_true(p > 0);
    waitpid(p, NULL, 0);
    return (long)p;
}

/* One console holds the lock; another is told who and since when; a
 * take-over moves it; the old holder's renewal and check say so. */
static void second_console_is_told_and_may_take_over(void **state)
{
    struct fixture *f = *state;
    struct store_lock a, b, who;
    assert_int_equal(store_lock_self(&a), STORE_OK);
    assert_int_equal(store_lock_self(&b), STORE_OK);
    assert_string_not_equal(a.token, b.token);
    assert_int_equal(a.pid, (long)getpid());
    assert_int_equal(store_lock_session(f->st, f->uuid, &a, false, NULL),
                     STORE_OK);
    assert_int_equal(store_lock_session(f->st, f->uuid, &a, false, NULL),
                     STORE_OK); /* ours already */
    memset(&who, 0, sizeof who);
    assert_int_equal(store_lock_session(f->st, f->uuid, &b, false, &who),
                     STORE_LOCKED);
    assert_string_equal(who.token, a.token);
    assert_int_equal(who.pid, a.pid);
    assert_string_equal(who.host, a.host);
    assert_string_equal(who.tty, a.tty);
    assert_string_equal(who.since, "2026-03-03T09:00:00Z");
    char line[256];
    setenv("TZ", "HST10", 1); /* when it was taken, in local time */
    tzset();
    session_lock_describe(&who, line, sizeof line);
    assert_non_null(strstr(line, "since 2026-03-02 23:00 HST"));
    unsetenv("TZ");
    tzset();

    setenv("PBL_NOW", "2026-03-03T09:00:30Z", 1);
    assert_int_equal(store_lock_refresh(f->st, f->uuid, a.token, NULL),
                     STORE_OK);
    assert_int_equal(store_lock_holder(f->st, f->uuid, &who), STORE_OK);
    assert_string_equal(who.heartbeat, "2026-03-03T09:00:30Z");
    assert_string_equal(who.since, "2026-03-03T09:00:00Z");

    assert_int_equal(store_lock_session(f->st, f->uuid, &b, true, NULL),
                     STORE_OK);
    assert_int_equal(store_lock_check(f->st, f->uuid, a.token, &who),
                     STORE_LOCKED);
    assert_string_equal(who.token, b.token);
    assert_int_equal(store_lock_refresh(f->st, f->uuid, a.token, &who),
                     STORE_LOCKED);
    assert_int_equal(store_lock_check(f->st, f->uuid, b.token, NULL), STORE_OK);
    /* the old holder letting go does not free the new holder's lock */
    assert_int_equal(store_unlock_session(f->st, f->uuid, a.token), STORE_OK);
    assert_int_equal(store_lock_check(f->st, f->uuid, b.token, NULL), STORE_OK);
    assert_int_equal(store_unlock_session(f->st, f->uuid, b.token), STORE_OK);
    assert_int_equal(store_lock_holder(f->st, f->uuid, &who), STORE_NOT_FOUND);
    assert_int_equal(store_lock_session(f->st, "nope", &a, false, NULL),
                     STORE_NOT_FOUND);
}

/* Stale: the process is gone on this host, or the heartbeat is older than
 * STORE_LOCK_STALE_SECS; then the lock is taken without asking. */
static void stale_locks_are_taken(void **state)
{
    struct fixture *f = *state;
    struct store_lock a, b, gone;
    assert_int_equal(store_lock_self(&a), STORE_OK);
    assert_int_equal(store_lock_self(&b), STORE_OK);
    gone = a;
    gone.pid = dead_pid();
    setenv("PBL_NOW", "2026-03-03T10:00:00Z", 1);
    assert_int_equal(store_lock_session(f->st, f->uuid, &gone, false, NULL),
                     STORE_OK);
    assert_int_equal(store_lock_session(f->st, f->uuid, &b, false, NULL),
                     STORE_OK);
    /* a process that has exited but is not reaped yet (a zombie) */
    pid_t z = fork();
    if (z == 0)
        _exit(0);
    assert_true(z > 0);
    usleep(100000);
    gone.pid = (long)z;
    assert_int_equal(store_lock_session(f->st, f->uuid, &gone, true, NULL),
                     STORE_OK);
    assert_int_equal(store_lock_session(f->st, f->uuid, &b, false, NULL),
                     STORE_OK);
    waitpid(z, NULL, 0);
    /* a live process with an old heartbeat */
    setenv("PBL_NOW", "2026-03-03T11:00:00Z", 1);
    assert_int_equal(store_lock_session(f->st, f->uuid, &b, false, NULL),
                     STORE_OK);
    setenv("PBL_NOW", "2026-03-03T11:01:30Z", 1); /* 90 s: not yet stale */
    assert_int_equal(store_lock_session(f->st, f->uuid, &a, false, NULL),
                     STORE_LOCKED);
    setenv("PBL_NOW", "2026-03-03T11:01:31Z", 1);
    assert_int_equal(store_lock_session(f->st, f->uuid, &a, false, NULL),
                     STORE_OK);
    struct store_lock l = a;
    snprintf(l.heartbeat, sizeof l.heartbeat, "2026-03-03T11:01:31Z");
    assert_false(store_lock_stale(&l, clock_now()));
    snprintf(l.heartbeat, sizeof l.heartbeat, "garbage");
    assert_true(store_lock_stale(&l, clock_now()));
    assert_int_equal(store_unlock_session(f->st, f->uuid, a.token), STORE_OK);
}

/* Sessions: a started session holds its lock; resuming it elsewhere is
 * refused with who has it; following writes nothing; taking over turns
 * the first console read-only; freeing lets only one's own lock go. */
static void sessions_follow_and_take_over(void **state)
{
    struct fixture *f = *state;
    struct pbl_module *m = make_module("promised-read", 2);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Thursday",
                                  .modules = mods,
                                  .nmodules = 1};
    struct pbl_session *a = NULL, *b = NULL, *c = NULL;
    struct store_lock who;
    char *err = NULL;
    setenv("PBL_NOW", "2026-03-04T09:00:00Z", 1);
    assert_int_equal(session_start(f->st, &n, &a, &err), 0);
    free_module(m);
    assert_int_equal(session_next(a), 0);
    assert_int_equal(session_next(a), 0); /* on Q1 */
    char uuid[STORE_UUID_LEN + 1];
    snprintf(uuid, sizeof uuid, "%s", session_uuid(a));
    assert_int_equal(store_lock_holder(f->st, uuid, &who), STORE_OK);
    assert_int_equal(who.pid, (long)getpid());

    assert_int_equal(session_open(f->st, uuid, SESSION_RESUME, &b, &who, &err),
                     1);
    assert_null(b);
    assert_null(err);
    assert_int_equal(session_resume(f->st, uuid, &b, &err), -1);
    assert_non_null(strstr(err, "open in another console"));
    free(err);
    err = NULL;

    assert_int_equal(session_open(f->st, uuid, SESSION_FOLLOW, &b, &who, &err),
                     0);
    assert_true(session_read_only(b));
    assert_int_equal(session_current(b), session_current(a));
    assert_int_equal(session_toggle_skill(b, SKILL_EMPATHY), -1);
    assert_non_null(strstr(session_error(b), "read-only"));
    assert_int_equal(session_next(b), -1);
    session_free(b);
    assert_int_equal(store_lock_check(f->st, uuid, "x", &who), STORE_LOCKED);
    assert_int_equal(who.pid, (long)getpid()); /* a's lock stands */

    assert_int_equal(
        session_open(f->st, uuid, SESSION_TAKE_OVER, &c, &who, &err), 0);
    assert_false(session_read_only(c));
    assert_int_equal(session_toggle_skill(a, SKILL_EMPATHY), -1);
    assert_non_null(strstr(session_error(a), "another console took"));
    assert_true(session_read_only(a));
    assert_int_equal(session_toggle_skill(c, SKILL_TANGIBLES), 0);
    assert_int_equal(session_lock_renew(c, &who), 0);
    session_free(a); /* does not let c's lock go */
    struct store_response r;
    assert_int_equal(store_get_response(f->st, uuid, 0, 0, &r), STORE_OK);
    assert_int_equal(r.skills, SKILL_BIT(SKILL_TANGIBLES));
    store_response_free(&r);
    assert_int_equal(store_lock_holder(f->st, uuid, &who), STORE_OK);
    session_free(c);
    assert_int_equal(store_lock_holder(f->st, uuid, &who), STORE_NOT_FOUND);
}

/* A console taken over notices it at its heartbeat too. */
static void heartbeat_notices_a_take_over(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *a = NULL, *b = NULL;
    struct store_lock who;
    char *err = NULL;
    assert_int_equal(
        session_open(f->st, f->uuid, SESSION_RESUME, &a, &who, &err), 0);
    assert_int_equal(session_lock_renew(a, &who), 0);
    assert_int_equal(
        session_open(f->st, f->uuid, SESSION_TAKE_OVER, &b, &who, &err), 0);
    memset(&who, 0, sizeof who);
    assert_int_equal(session_lock_renew(a, &who), 1);
    assert_true(session_read_only(a));
    assert_int_equal(who.pid, (long)getpid());
    session_free(a);
    /* the lock row gone (the session deleted in review meanwhile) */
    assert_int_equal(sqlite3_exec(store_db(f->st), "DELETE FROM session_locks",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(session_next(b), -1);
    assert_non_null(strstr(session_error(b), "no longer open here"));
    session_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(second_console_is_told_and_may_take_over),
        cmocka_unit_test(stale_locks_are_taken),
        cmocka_unit_test(sessions_follow_and_take_over),
        cmocka_unit_test(heartbeat_notices_a_take_over),
    };
    return cmocka_run_group_tests_name("lock", tests, setup, teardown);
}
