/* test_study_attempts.c - a resident's unfinished attempts at a module
 * (issue 11, item 1): found newest first and counted, only the resident's
 * own and only that module's; starting over closes them all as abandoned
 * and keeps what was recorded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pbl/session.h"
#include "pbl/study.h"
#include "test_session_util.h"

/* A self-study attempt of `who` at module m, started at `when`, with a
 * draft typed; left unfinished. Its UUID goes to uuid. */
static void attempt(struct fixture *f, const char *who,
                    const struct pbl_module *m, const char *when,
                    char uuid[static STORE_UUID_LEN + 1])
{
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_SELF_STUDY,
                                  .resident = who,
                                  .modules = mods,
                                  .nmodules = 1};
    struct pbl_session *s = NULL;
    char *err = NULL;
    setenv("PBL_NOW", when, 1);
    assert_int_equal(session_start(f->st, &n, &s, &err), 0);
    strcpy(uuid, session_uuid(s));
    session_free(s);
}

static void the_latest_unfinished_attempt_is_found(void **state)
{
    struct fixture *f = *state;
    char old[STORE_UUID_LEN + 1], newer[STORE_UUID_LEN + 1],
        other[STORE_UUID_LEN + 1];
    struct study_attempts a;
    char *err = NULL;
    assert_int_equal(
        study_unfinished_attempts(f->st, "Ana", "sample-module", &a, &err), 0);
    assert_int_equal(a.n, 0);
    attempt(f, "Ana", f->sample, "2026-03-01T09:00:00Z", old);
    attempt(f, "Ana", f->sample, "2026-03-02T09:00:00Z", newer);
    attempt(f, "Ben", f->sample, "2026-03-03T09:00:00Z", other);
    attempt(f, "Ana", f->minimal, "2026-03-04T09:00:00Z", other);
    assert_int_equal(
        study_unfinished_attempts(f->st, "Ana", "sample-module", &a, &err), 0);
    assert_int_equal(a.n, 2);
    assert_string_equal(a.uuid, newer);
    assert_string_equal(a.started_at, "2026-03-02T09:00:00Z");
    /* a finished attempt is not unfinished */
    assert_int_equal(store_finish_session(f->st, newer), STORE_OK);
    assert_int_equal(
        study_unfinished_attempts(f->st, "Ana", "sample-module", &a, &err), 0);
    assert_int_equal(a.n, 1);
    assert_string_equal(a.uuid, old);
}

static void starting_over_abandons_every_unfinished_attempt(void **state)
{
    struct fixture *f = *state;
    char u1[STORE_UUID_LEN + 1], u2[STORE_UUID_LEN + 1],
        ben[STORE_UUID_LEN + 1];
    attempt(f, "Ana", f->sample, "2026-03-01T09:00:00Z", u1);
    attempt(f, "Ana", f->sample, "2026-03-02T09:00:00Z", u2);
    attempt(f, "Ben", f->sample, "2026-03-02T10:00:00Z", ben);
    int n = -1;
    char *err = NULL;
    assert_int_equal(study_start_over(f->st, "Ana", "sample-module", &n, &err),
                     0);
    assert_int_equal(n, 2);
    struct store_session s;
    assert_int_equal(store_get_session(f->st, u1, &s), STORE_OK);
    assert_int_equal(s.status, STORE_ABANDONED);
    store_session_free(&s);
    assert_int_equal(store_get_session(f->st, u2, &s), STORE_OK);
    assert_int_equal(s.status, STORE_ABANDONED);
    store_session_free(&s);
    assert_int_equal(store_get_session(f->st, ben, &s), STORE_OK);
    assert_int_equal(s.status, STORE_ACTIVE); /* someone else's */
    store_session_free(&s);
    struct study_attempts a;
    assert_int_equal(
        study_unfinished_attempts(f->st, "Ana", "sample-module", &a, &err), 0);
    assert_int_equal(a.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_latest_unfinished_attempt_is_found,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            starting_over_abandons_every_unfinished_attempt, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
