/* test_session_plan.c - pacing (issue 14): the scenario's and the video's
 * time boxes, written in the module, count down on their stages, from a
 * fresh start and from a resumed snapshot alike. The clock is PBL_NOW
 * throughout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pbl/session.h"
#include "test_session_util.h"

/* A module with a 3-minute scenario, an 8-minute video and two questions,
 * one with a 4-minute box and one with none. */
static const char paced[] =
    "schema: 1\nid: paced\ntitle: Paced\nversion: 1\nscenario: S.\n"
    "scenario_minutes: 3\n"
    "video: {url: https://example.org/v, minutes: 8}\n"
    "questions:\n"
    "  - {prompt: Who?, answer: A, minutes: 4}\n"
    "  - {prompt: Else?, answer: B}\n";

/* Starts a group session on `text` and returns it on its first stage. */
static struct pbl_session *start_on(struct fixture *f, const char *text)
{
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse("paced", text, strlen(text), &d);
    diags_print(&d, stderr);
    diags_free(&d);
    assert_non_null(m);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "Tuesday",
                                  .modules = mods,
                                  .nmodules = 1};
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(session_start(f->st, &n, &s, &err), 0);
    strcpy(f->uuid, session_uuid(s));
    module_free(m);
    return s;
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(scenario_and_video_boxes_count_down,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(no_written_box_no_countdown, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
