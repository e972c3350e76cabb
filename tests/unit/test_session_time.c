/* test_session_time.c - time on screen and what a quit saves (issue 11,
 * items 3 and 23): quitting and crashing are stage boundaries, so the
 * hours pbl is closed count for no stage; the countdown goes on across
 * visits of a stage; session_close() says what it could not save. The
 * clock is PBL_NOW throughout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "pbl/library.h"
#include "pbl/session.h"
#include "store_raw.h"
#include "test_session_util.h"

static void at(const char *iso)
{
    setenv("PBL_NOW", iso, 1);
}

/* A group session on the sample module, standing on its question 1 (a
 * 4-minute box) since 10:00:00. */
static struct pbl_session *on_question1(struct fixture *f)
{
    const struct pbl_module *mods[] = {f->sample};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Tuesday",
                                  .modules = mods,
                                  .nmodules = 1};
    struct pbl_session *s = NULL;
    char *err = NULL;
    at("2026-03-04T10:00:00Z");
    assert_int_equal(session_start(f->st, &n, &s, &err), 0);
    for (size_t i = 0; i < session_nstages(s); i++)
        if (session_stage_at(s, i).kind == STAGE_QUESTION) {
            assert_int_equal(session_goto(s, i), 0);
            break;
        }
    assert_int_equal(session_stage(s).qidx, 0);
    assert_int_equal(session_stage_minutes(s), 4);
    strcpy(f->uuid, session_uuid(s));
    return s;
}

static struct pbl_session *resume(struct fixture *f)
{
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(session_resume(f->st, f->uuid, &s, &err), 0);
    return s;
}

/* The left_at of visit `n` (0-based) of question 1. */
static void q1_left_at(struct fixture *f, size_t n, char *out)
{
    struct store_stage_list l;
    size_t seen = 0;
    out[0] = '\0';
    assert_int_equal(store_list_stages(f->st, f->uuid, &l), STORE_OK);
    for (size_t i = 0; i < l.n; i++)
        if (strcmp(l.v[i].stage, "q1") == 0 && seen++ == n)
            strcpy(out, l.v[i].left_at);
    store_stage_list_free(&l);
}

static bool has_event(struct fixture *f, const char *type)
{
    struct store_event_list l;
    bool found = false;
    assert_int_equal(store_list_events(f->st, f->uuid, &l), STORE_OK);
    for (size_t i = 0; i < l.n; i++)
        found |= strcmp(l.v[i].type, type) == 0;
    store_event_list_free(&l);
    return found;
}

/* Killed after typing at 10:01, resumed at 11:00: question 1 took one
 * minute, not an hour, and its countdown goes on from there. */
static void a_crash_ends_the_stage_at_its_last_activity(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = on_question1(f);
    at("2026-03-04T10:01:00Z");
    assert_int_equal(session_type(s, "the trauma team", true), 0);
    session_free(s); /* what kill -9 leaves: the stage still open */
    at("2026-03-04T11:00:00Z");
    s = resume(f);
    char left[STORE_TIME_LEN + 1];
    q1_left_at(f, 0, left);
    assert_string_equal(left, "2026-03-04T10:01:00Z");
    assert_true(has_event(f, "crash"));
    assert_int_equal(session_stage(s).qidx, 0);
    at("2026-03-04T11:00:30Z");
    assert_int_equal(session_stage_elapsed(s, clock_now()), 90);
    session_free(s);
}

/* The heartbeat counts as activity: a stage read for five minutes without
 * a key ends at its last heartbeat. */
static void a_heartbeat_keeps_the_time_on_screen(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = on_question1(f);
    at("2026-03-04T10:05:00Z");
    assert_int_equal(store_stage_seen(f->st, f->uuid), STORE_OK);
    session_free(s);
    at("2026-03-04T12:00:00Z");
    s = resume(f);
    char left[STORE_TIME_LEN + 1];
    q1_left_at(f, 0, left);
    assert_string_equal(left, "2026-03-04T10:05:00Z");
    session_free(s);
}

/* Quit at 10:02, resume at 12:00: the quit ended the stage; the countdown
 * after resume shows what is left of the 4-minute box. */
static void a_quit_is_a_stage_boundary(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = on_question1(f);
    char *err = NULL;
    at("2026-03-04T10:02:00Z");
    assert_int_equal(session_close(s, &err), 0);
    assert_null(err);
    assert_true(has_event(f, "quit"));
    char left[STORE_TIME_LEN + 1];
    q1_left_at(f, 0, left);
    assert_string_equal(left, "2026-03-04T10:02:00Z");
    at("2026-03-04T12:00:00Z");
    s = resume(f);
    assert_false(has_event(f, "crash")); /* nothing was left open */
    at("2026-03-04T12:01:00Z");
    assert_int_equal(session_stage_elapsed(s, clock_now()), 180);
    /* the session clock leaves out the two hours pbl was closed */
    assert_int_equal(session_elapsed(s, clock_now()), 180);
    assert_int_equal(session_stage_minutes(s) * 60 -
                         session_stage_elapsed(s, clock_now()),
                     60);
    /* moving away and back keeps adding to the same box */
    assert_int_equal(session_next(s), 0);
    at("2026-03-04T12:03:00Z");
    assert_int_equal(session_prev(s), 0);
    at("2026-03-04T12:03:10Z");
    assert_int_equal(session_stage_elapsed(s, clock_now()), 190);
    assert_int_equal(session_close(s, &err), 0);
}

/* A session deleted meanwhile (in review, in another window): the quit
 * says nothing of it was kept. */
static void closing_a_deleted_session_says_so(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = on_question1(f);
    assert_int_equal(session_type(s, "typed, not yet saved", false), 0);
    assert_int_equal(store_delete_session(f->st, f->uuid), STORE_OK);
    char *err = NULL;
    assert_int_equal(session_close(s, &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, "deleted meanwhile"));
    assert_non_null(strstr(err, "answer being typed"));
    free(err);
}

/* A draft the store refuses (a full disk, here a trigger): the quit names
 * the question whose answer was lost. */
static void closing_says_which_draft_was_not_saved(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = on_question1(f);
    assert_int_equal(session_type(s, "typed, not yet saved", false), 0);
    assert_int_equal(
        sqlite3_exec(store_db(f->st),
                     "CREATE TEMP TRIGGER full BEFORE INSERT ON main.responses"
                     " BEGIN SELECT RAISE(ABORT, 'database or disk is full');"
                     " END;",
                     NULL, NULL, NULL),
        SQLITE_OK);
    char *err = NULL;
    assert_int_equal(session_close(s, &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, "question 1 of module 1"));
    assert_non_null(strstr(err, "not saved"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            a_crash_ends_the_stage_at_its_last_activity, setup, teardown),
        cmocka_unit_test_setup_teardown(a_heartbeat_keeps_the_time_on_screen,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_quit_is_a_stage_boundary, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(closing_a_deleted_session_says_so,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(closing_says_which_draft_was_not_saved,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
