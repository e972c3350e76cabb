/* test_session_plan.c - pacing (issue 14): the scenario's and the video's
 * time boxes and the video's local file, from a fresh start and from a
 * resumed snapshot alike; the session plan's target and how far behind
 * it a session is. The clock is PBL_NOW throughout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pbl/clock.h"
#include "pbl/session.h"
#include "test_session_util.h"

/* A module with a 3-minute scenario, an 8-minute video and two questions,
 * one with a 4-minute box and one with none. */
static const char paced[] =
    "schema: 1\nid: paced\ntitle: Paced\nversion: 1\nscenario: S.\n"
    "scenario_minutes: 3\n"
    "video: {url: https://example.org/v, minutes: 8, file: videos/p.mp4}\n"
    "questions:\n"
    "  - {prompt: Who?, answer: A, minutes: 4}\n"
    "  - {prompt: Else?, answer: B}\n";

/* Starts a group session on `text`, planned for `target` minutes, and
 * returns it on its first stage. */
static struct pbl_session *start_planned(struct fixture *f, const char *text,
                                         int target)
{
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse("paced", text, strlen(text), &d);
    diags_print(&d, stderr);
    diags_free(&d);
    assert_non_null(m);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Tuesday",
                                  .target_minutes = target,
                                  .modules = mods,
                                  .nmodules = 1};
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(session_start(f->st, &n, &s, &err), 0);
    strcpy(f->uuid, session_uuid(s));
    module_free(m);
    return s;
}

static struct pbl_session *start_on(struct fixture *f, const char *text)
{
    return start_planned(f, text, 0);
}

static void scenario_and_video_boxes_count_down(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start_on(f, paced);
    assert_int_equal(session_stage(s).kind, STAGE_SCENARIO);
    assert_int_equal(session_stage_minutes(s), 3);
    assert_int_equal(session_next(s), 0);
    assert_int_equal(session_stage(s).kind, STAGE_VIDEO);
    assert_int_equal(session_stage_minutes(s), 8);
    assert_int_equal(session_prev(s), 0);
    session_free(s);

    /* the snapshot keeps scenario_minutes (read again from its source) */
    char *err = NULL;
    assert_int_equal(session_resume(f->st, f->uuid, &s, &err), 0);
    assert_int_equal(session_stage(s).kind, STAGE_SCENARIO);
    assert_int_equal(session_stage_minutes(s), 3);
    assert_int_equal(session_module(s, 0)->scenario_minutes, 3);
    /* and the video's local file, with where it is written */
    assert_string_equal(session_module(s, 0)->video.file, "videos/p.mp4");
    assert_int_equal(session_module(s, 0)->video.file_line, 7);
    session_free(s);
}

/* A module that writes no scenario box shows no countdown there. */
static void no_written_box_no_countdown(void **state)
{
    struct fixture *f = *state;
    const struct pbl_module *mods[] = {f->minimal};
    struct store_session_new n = {
        .kind = STORE_GROUP, .group_name = "G", .modules = mods, .nmodules = 1};
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(session_start(f->st, &n, &s, &err), 0);
    assert_int_equal(session_stage(s).kind, STAGE_SCENARIO);
    assert_int_equal(session_stage_minutes(s), 0);
    session_free(s);
}

/* The form's target: empty is the default, else 1 to the maximum. */
static void target_length_is_parsed(void **state)
{
    (void)state;
    assert_int_equal(session_parse_target(""), SESSION_DEFAULT_TARGET_MINUTES);
    assert_int_equal(session_parse_target("  "),
                     SESSION_DEFAULT_TARGET_MINUTES);
    assert_int_equal(session_parse_target("45"), 45);
    assert_int_equal(session_parse_target(" 90 "), 90);
    assert_int_equal(session_parse_target("600"), 600);
    assert_int_equal(session_parse_target("601"), -1);
    assert_int_equal(session_parse_target("0"), -1);
    assert_int_equal(session_parse_target("-5"), -1);
    assert_int_equal(session_parse_target("4 5"), -1);
    assert_int_equal(session_parse_target("1h"), -1);
    assert_int_equal(session_parse_target("99999999999"), -1);
}

/* The plan counts each stage's box or default; the session is behind once
 * the time on screen passes the planned end of the current stage. The
 * target survives a resume. */
static void behind_the_plan_is_measured_against_the_stage_ends(void **state)
{
    struct fixture *f = *state;
    setenv("PBL_NOW", "2026-03-04T10:00:00Z", 1);
    struct pbl_session *s = start_planned(f, paced, 45);
    assert_int_equal(session_target_minutes(s), 45);
    assert_int_equal(session_planned_minutes(s),
                     3 + 8 + 4 + MODULE_DEFAULT_QUESTION_MINUTES);
    assert_int_equal(session_stage_plan(s, 0), 3);
    assert_int_equal(session_stage_plan(s, session_nstages(s) - 1), 0);
    setenv("PBL_NOW", "2026-03-04T10:02:00Z", 1);
    assert_true(session_behind_plan(s, clock_now()) <= 0);
    setenv("PBL_NOW", "2026-03-04T10:05:00Z", 1); /* scenario planned 3 */
    assert_int_equal(session_behind_plan(s, clock_now()), 120);
    assert_int_equal(session_next(s), 0); /* the video: planned end 11:00 */
    assert_int_equal(session_behind_plan(s, clock_now()), -6 * 60);
    session_free(s);

    char *err = NULL;
    assert_int_equal(session_resume(f->st, f->uuid, &s, &err), 0);
    assert_int_equal(session_target_minutes(s), 45);
    session_free(s);
    struct store_session info;
    assert_int_equal(store_get_session(f->st, f->uuid, &info), STORE_OK);
    assert_int_equal(info.target_minutes, 45);
    assert_int_equal(info.frame, 0);
    store_session_free(&info);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(scenario_and_video_boxes_count_down,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(no_written_box_no_countdown, setup,
                                        teardown),
        cmocka_unit_test(target_length_is_parsed),
        cmocka_unit_test_setup_teardown(
            behind_the_plan_is_measured_against_the_stage_ends, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
