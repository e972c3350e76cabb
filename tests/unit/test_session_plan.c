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
#include <sqlite3.h>

#include "pbl/clock.h"
#include "pbl/frame.h"
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

/* Starts a session of group `group` on the module `text`, planned for
 * `target` minutes, framed as `frame` says; returns it on its first stage. */
static struct pbl_session *start_with(struct fixture *f, const char *text,
                                      int target, unsigned frame,
                                      const char *group)
{
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse("paced", text, strlen(text), &d);
    diags_print(&d, stderr);
    diags_free(&d);
    assert_non_null(m);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = group,
                                  .target_minutes = target,
                                  .frame = frame,
                                  .modules = mods,
                                  .nmodules = 1};
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(session_start(f->st, &n, &s, &err), 0);
    strcpy(f->uuid, session_uuid(s));
    module_free(m);
    return s;
}

static struct pbl_session *start_planned(struct fixture *f, const char *text,
                                         int target)
{
    return start_with(f, text, target, 0, "Tuesday");
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

/* A framed session of the `paced` module for group `group`. */
static struct pbl_session *start_framed(struct fixture *f, const char *group)
{
    return start_with(f, paced, 60, STORE_FRAME_OPENING | STORE_FRAME_CLOSING,
                      group);
}

/* The frame's stages: the opening first, the closing before the summary,
 * recorded under their names, planned, and found again on resume. */
static void the_frame_opens_and_closes_the_session(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start_framed(f, "Framers");
    size_t n = session_nstages(s);
    assert_int_equal(n, 1 + 1 + 1 + 2 + 1 + 1);
    assert_int_equal(session_stage_at(s, 0).kind, STAGE_OPENING);
    assert_int_equal(session_stage_at(s, 0).modpos, -1);
    assert_int_equal(session_stage_at(s, 1).kind, STAGE_SCENARIO);
    assert_int_equal(session_stage_at(s, n - 2).kind, STAGE_CLOSING);
    assert_int_equal(session_stage_at(s, n - 1).kind, STAGE_SUMMARY);
    assert_int_equal(session_stage_minutes(s), 0); /* no countdown */
    assert_int_equal(session_planned_minutes(s),
                     SESSION_OPENING_MINUTES + 3 + 8 + 4 +
                         MODULE_DEFAULT_QUESTION_MINUTES +
                         SESSION_CLOSING_MINUTES);
    assert_int_equal(session_goto(s, n - 2), 0);
    session_free(s);

    char *err = NULL;
    assert_int_equal(session_resume(f->st, f->uuid, &s, &err), 0);
    assert_int_equal(session_stage(s).kind, STAGE_CLOSING);
    session_free(s);
    struct store_stage_list l;
    assert_int_equal(store_list_stages(f->st, f->uuid, &l), STORE_OK);
    assert_true(l.n >= 2);
    assert_string_equal(l.v[0].stage, "opening");
    assert_string_equal(l.v[1].stage, "closing");
    store_stage_list_free(&l);
}

/* What the opening shows: customer service, the kinds of customers and
 * the five skills from the vocabulary, and what the group carried in. */
static void the_opening_slide_comes_from_the_vocabulary(void **state)
{
    (void)state;
    struct pbl_vocabulary v;
    struct pbl_diags d = {0};
    assert_int_equal(vocabulary_load_file("modules/skills.yaml", &v, &d), 0);
    struct store_park_list carried = {0};
    struct store_park_item item = {.text = "Who pages overnight?"};
    carried.v = &item;
    carried.n = 1;
    struct frame_slide f;
    assert_int_equal(frame_opening(&v, &carried, &f), 0);
    assert_string_equal(f.v[0].text, "What customer service is");
    assert_int_equal(f.v[1].role, FRAME_TEXT);
    assert_string_equal(f.v[2].text, "Who the customers are");
    assert_string_equal(f.v[3].text, "External customers");
    assert_non_null(f.v[3].detail);
    assert_string_equal(f.v[4].text, "Internal customers");
    assert_string_equal(f.v[5].text, "The five skills");
    assert_string_equal(f.v[6].text, "Reliability");
    assert_string_equal(f.v[6].detail, v.skill[SKILL_RELIABILITY].definition);
    assert_string_equal(f.v[11].text, "Carried over from the last session");
    assert_string_equal(f.v[12].text, "Who pages overnight?");
    assert_int_equal(f.n, 13);
    frame_slide_free(&f);
    /* without a vocabulary: the skills' names only */
    assert_int_equal(frame_opening(NULL, NULL, &f), 0);
    assert_int_equal(f.n, 1 + SKILL_COUNT);
    assert_string_equal(f.v[1].text, "reliability");
    assert_null(f.v[1].detail);
    frame_slide_free(&f);
    vocabulary_free(&v);
}

/* What the closing shows: skills named and the targets missed across the
 * session, the open parking lot; the opening of the group's next session
 * shows what it carried in, never what it parked itself. */
static void the_closing_slide_sums_up_the_session(void **state)
{
    struct fixture *f = *state;
    static const char skilled[] =
        "schema: 1\nid: k\ntitle: K\nversion: 1\nscenario: S.\n"
        "skills: [empathy, tangibles]\n"
        "questions:\n"
        "  - {prompt: Which skills?, kind: skills, answer: B}\n";
    struct pbl_session *s = start_planned(f, skilled, 30);
    assert_int_equal(session_next(s), 0);
    assert_int_equal(session_toggle_skill(s, SKILL_EMPATHY), 0);
    assert_int_equal(session_toggle_skill(s, SKILL_RELIABILITY), 0);
    assert_int_equal(session_park(s, "Who pages overnight?"), 0);
    struct frame_slide c;
    assert_int_equal(frame_closing(s, &c), 0);
    assert_string_equal(c.title, "Final discussion");
    assert_string_equal(c.v[0].text, "Skills across the session");
    assert_int_equal(c.v[1].role, FRAME_NAMED);
    assert_string_equal(c.v[1].text, "reliability: named");
    assert_int_equal(c.v[2].role, FRAME_NAMED);
    assert_string_equal(c.v[2].text, "empathy: named");
    assert_int_equal(c.v[3].role, FRAME_MISSED);
    assert_string_equal(c.v[3].text, "tangibles: missed (module 1)");
    assert_string_equal(c.v[4].text, "Parking lot");
    assert_string_equal(c.v[5].text, "Who pages overnight?");
    frame_slide_free(&c);
    struct store_park_list l;
    assert_int_equal(session_carried_parking(s, &l), 0);
    assert_int_equal(l.n, 0); /* parked here: not carried in */
    store_park_list_free(&l);
    session_free(s);

    s = start_framed(f, "Tuesday"); /* the same group, a week later */
    assert_int_equal(session_carried_parking(s, &l), 0);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.v[0].text, "Who pages overnight?");
    store_park_list_free(&l);
    session_free(s);
}

/* The all-answers overview: offered on a module's last question only;
 * each question's prompt, the group's answer (or none) and the model
 * answer. */
static void the_answers_overview_lists_every_question(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start_on(f, paced);
    assert_false(frame_answers_offered(s));  /* the scenario */
    assert_int_equal(session_goto(s, 2), 0); /* question 1 */
    assert_false(frame_answers_offered(s));
    assert_int_equal(session_type(s, "The patient.", true), 0);
    assert_int_equal(session_enter(s), 0);
    assert_int_equal(session_next(s), 0); /* question 2, the last */
    assert_true(frame_answers_offered(s));
    struct frame_slide a;
    assert_int_equal(frame_answers(s, 0, &a), 0);
    assert_string_equal(a.title, "All answers: Paced");
    assert_int_equal(a.n, 6);
    assert_string_equal(a.v[0].text, "1. Who?");
    assert_int_equal(a.v[1].role, FRAME_ANSWER);
    assert_string_equal(a.v[1].text, "The patient.");
    assert_int_equal(a.v[2].role, FRAME_MODEL);
    assert_string_equal(a.v[2].text, "A");
    assert_string_equal(a.v[3].text, "2. Else?");
    assert_string_equal(a.v[4].text, "No answer recorded.");
    assert_string_equal(a.v[5].text, "B");
    frame_slide_free(&a);
    assert_int_equal(frame_answers(s, 1, &a), -1); /* no such module */
    session_free(s);
}

/* A session recorded before sessions had plans (the schema version just
 * before the one that added them) reads back with no target and no frame,
 * and never warns. */
static void a_session_from_before_plans_has_none(void **state)
{
    struct fixture *f = *state;
    char path[128];
    snprintf(path, sizeof path, "%s/old.db", f->dir);
    sqlite3 *db;
    char *err = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(store_migrate_to(db, STORE_SCHEMA_VERSION - 1, &err),
                     STORE_OK);
    assert_int_equal(
        sqlite3_exec(db,
                     "INSERT INTO sessions(uuid, kind, group_name, started_at)"
                     " VALUES('00000000-0000-4000-8000-000000000001', 'group',"
                     " 'Old', '2026-01-01T09:00:00Z')",
                     NULL, NULL, NULL),
        SQLITE_OK);
    sqlite3_close(db);
    struct pbl_store *st = NULL;
    assert_int_equal(store_open(path, STORE_CREATE, &st, &err), STORE_OK);
    struct store_session info;
    assert_int_equal(
        store_get_session(st, "00000000-0000-4000-8000-000000000001", &info),
        STORE_OK);
    assert_int_equal(info.target_minutes, 0);
    assert_int_equal(info.frame, 0);
    store_session_free(&info);
    store_close(st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(scenario_and_video_boxes_count_down,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(no_written_box_no_countdown, setup,
                                        teardown),
        cmocka_unit_test(target_length_is_parsed),
        cmocka_unit_test_setup_teardown(the_frame_opens_and_closes_the_session,
                                        setup, teardown),
        cmocka_unit_test(the_opening_slide_comes_from_the_vocabulary),
        cmocka_unit_test_setup_teardown(the_closing_slide_sums_up_the_session,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            the_answers_overview_lists_every_question, setup, teardown),
        cmocka_unit_test_setup_teardown(a_session_from_before_plans_has_none,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            behind_the_plan_is_measured_against_the_stage_ends, setup,
            teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
