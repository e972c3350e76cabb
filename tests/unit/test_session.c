/* test_session.c - the session state machine, driven without a terminal:
 * stage layout, moving, typing and drafts, reveal locking, tags and key
 * points, notes, resume, timings, the parking lot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pbl/library.h"
#include "pbl/review.h"
#include "pbl/session.h"
#include "test_session_util.h"

static struct pbl_session *start(struct fixture *f, enum store_kind kind)
{
    const struct pbl_module *mods[] = {f->sample, f->minimal};
    struct store_session_new n = {
        .kind = kind,
        .group_name = kind == STORE_GROUP ? "Tuesday" : NULL,
        .resident = kind == STORE_GROUP ? NULL : "Ana",
        .modules = mods,
        .nmodules = 2};
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(session_start(f->st, &n, &s, &err), 0);
    return s;
}

/* Moves forward to the stage of `kind` at (modpos, qidx). */
static void go_to(struct pbl_session *s, enum stage_kind kind, int modpos,
                  int qidx)
{
    for (size_t i = 0; i < session_nstages(s); i++) {
        struct session_stage g = session_stage_at(s, i);
        if (g.kind == kind && g.modpos == modpos && g.qidx == qidx) {
            assert_int_equal(session_goto(s, i), 0);
            return;
        }
    }
    fail_msg("no such stage");
}

static void stages_follow_the_modules(void **state)
{
    struct pbl_session *s = start(*state, STORE_GROUP);
    /* sample: scenario, video, 2 questions; minimal: scenario, 1 question */
    static const struct session_stage want[] = {
        {STAGE_SCENARIO, 0, -1}, {STAGE_VIDEO, 0, -1},
        {STAGE_QUESTION, 0, 0},  {STAGE_QUESTION, 0, 1},
        {STAGE_SCENARIO, 1, -1}, {STAGE_QUESTION, 1, 0},
        {STAGE_SUMMARY, -1, -1}};
    assert_int_equal(session_nstages(s), 7);
    for (size_t i = 0; i < 7; i++) {
        struct session_stage g = session_stage_at(s, i);
        assert_int_equal(g.kind, want[i].kind);
        assert_int_equal(g.modpos, want[i].modpos);
        assert_int_equal(g.qidx, want[i].qidx);
    }
    assert_int_equal(session_current(s), 0);
    assert_string_equal(session_module(s, 0)->title, "A sample module");
    session_free(s);
}

static void moving_stops_at_the_ends_and_is_recorded(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    assert_int_equal(session_prev(s), 0);
    assert_int_equal(session_current(s), 0);
    for (int i = 0; i < 10; i++)
        assert_int_equal(session_next(s), 0);
    assert_int_equal(session_current(s), 6);
    assert_int_equal(session_stage(s).kind, STAGE_SUMMARY);
    assert_int_equal(session_prev(s), 0);
    int modpos;
    char stage[STORE_STAGE_MAX];
    assert_int_equal(
        store_get_session_position(f->st, session_uuid(s), &modpos, stage), 0);
    assert_int_equal(modpos, 1);
    assert_string_equal(stage, "q1");
    session_free(s);
}

static void typed_text_survives_moving(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_int_equal(session_type(s, "the medicine resident", false), 0);
    /* not yet two seconds of typing: kept in memory, not yet a draft */
    struct store_response r;
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_NOT_FOUND);
    assert_int_equal(session_next(s), 0); /* moving saves the draft */
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_string_equal(r.draft, "the medicine resident");
    assert_null(r.text);
    store_response_free(&r);
    assert_int_equal(session_prev(s), 0);
    const struct session_answer *a = session_answer(s, 0, 0);
    assert_string_equal(a->text, "the medicine resident");
    assert_false(a->entered);
    assert_int_equal(session_enter(s), 0);
    assert_true(a->entered);
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_string_equal(r.text, "the medicine resident");
    assert_null(r.draft);
    store_response_free(&r);
    session_free(s);
}

static void forced_typing_saves_a_draft(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    go_to(s, STAGE_QUESTION, 0, 1);
    assert_int_equal(session_type(s, "he answered", true), 0);
    struct store_response r;
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 1, &r),
                     STORE_OK);
    assert_string_equal(r.draft, "he answered");
    store_response_free(&r);
    char uuid[STORE_UUID_LEN + 1];
    strcpy(uuid, session_uuid(s));
    assert_int_equal(session_type(s, "x", false), 0);
    session_free(s); /* freeing saves what is unsaved */
    assert_int_equal(store_get_response(f->st, uuid, 0, 1, &r), STORE_OK);
    assert_string_equal(r.draft, "x");
    store_response_free(&r);
}

/* A console hands its text over only when session_draft_due says a draft
 * would be saved: not on entering a question, nor right after a save; a
 * text handed over unforced meanwhile is kept in memory, not written. */
static void a_draft_is_due_only_after_the_interval(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    go_to(s, STAGE_QUESTION, 0, 1);
    assert_false(session_draft_due(s)); /* the question was just entered */
    assert_int_equal(session_type(s, "first", false), 0);
    assert_string_equal(session_answer(s, 0, 1)->text, "first");
    struct store_response r;
    int rc = store_get_response(f->st, session_uuid(s), 0, 1, &r);
    assert_true(rc == STORE_NOT_FOUND || (rc == STORE_OK && !r.draft));
    if (rc == STORE_OK)
        store_response_free(&r);
    assert_int_equal(session_type(s, "first and second", true), 0);
    assert_false(session_draft_due(s)); /* it was saved just now */
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 1, &r),
                     STORE_OK);
    assert_string_equal(r.draft, "first and second");
    store_response_free(&r);
    session_free(s);
}

static void group_reveal_is_always_allowed(void **state)
{
    struct pbl_session *s = start(*state, STORE_GROUP);
    assert_false(
        session_can_reveal(s)); /* on the scenario: nothing to reveal */
    assert_int_equal(session_reveal(s), -1);
    assert_non_null(strstr(session_error(s), "only a question"));
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_true(session_can_reveal(s));
    assert_int_equal(session_reveal(s), 0);
    assert_true(session_answer(s, 0, 0)->revealed);
    session_hide(s);
    assert_false(session_answer(s, 0, 0)->revealed);
    session_free(s);
}

static void self_study_reveal_waits_for_an_answer(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_SELF_STUDY);
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_false(session_can_reveal(s));
    assert_int_equal(session_reveal(s), -1);
    assert_non_null(strstr(session_error(s), "type your answer first"));
    assert_int_equal(session_type(s, "   \n", false), 0);
    assert_false(session_can_reveal(s)); /* blank does not count */
    assert_int_equal(session_type(s, "the trauma team", false), 0);
    assert_true(session_can_reveal(s));
    assert_int_equal(session_reveal(s), 0);
    struct store_response r;
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_string_equal(r.text, "the trauma team"); /* reveal entered it */
    assert_true(r.revealed_at[0] != '\0');
    store_response_free(&r);
    assert_int_equal(session_rate(s, STORE_RATING_PARTLY), 0);
    /* giving up reveals the next question's answer and is recorded */
    go_to(s, STAGE_QUESTION, 0, 1);
    assert_int_equal(session_rate(s, STORE_RATING_GOT), -1);
    assert_int_equal(session_give_up(s, false), 0);
    assert_true(session_answer(s, 0, 1)->revealed);
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 1, &r),
                     STORE_OK);
    assert_true(r.gave_up);
    store_response_free(&r);
    session_free(s);
}

/* Issue 11.5: an answered question is given up only when confirmed, and a
 * question is given up or rated, never both (the store refuses it too). */
static void give_up_and_rating_exclude_each_other(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_SELF_STUDY);
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_false(session_give_up_asks(s)); /* nothing typed yet */
    assert_int_equal(session_type(s, "the trauma team", true), 0);
    assert_true(session_give_up_asks(s));
    assert_int_equal(session_give_up(s, false), -1);
    assert_non_null(strstr(session_error(s), "confirm"));
    assert_false(session_answer(s, 0, 0)->gave_up);
    assert_int_equal(session_give_up(s, true), 0);
    assert_true(session_answer(s, 0, 0)->revealed);
    assert_int_equal(session_rate(s, STORE_RATING_GOT), -1);
    assert_non_null(strstr(session_error(s), "gave up"));
    struct store_response r;
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_true(r.gave_up);
    assert_int_equal(r.rating, STORE_RATING_NONE);
    store_response_free(&r);
    /* rated first: giving up is refused */
    go_to(s, STAGE_QUESTION, 0, 1);
    assert_int_equal(session_type(s, "call back", true), 0);
    assert_int_equal(session_reveal(s), 0);
    assert_int_equal(session_rate(s, STORE_RATING_PARTLY), 0);
    assert_int_equal(session_give_up(s, true), -1);
    assert_non_null(strstr(session_error(s), "rated"));
    /* and the store refuses both, whoever writes */
    assert_int_equal(store_set_gave_up(f->st, session_uuid(s), 0, 1, true),
                     STORE_ERROR);
    assert_int_equal(
        store_set_rating(f->st, session_uuid(s), 0, 0, STORE_RATING_GOT),
        STORE_ERROR);
    assert_non_null(strstr(store_error(f->st), "given up"));
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 1, &r),
                     STORE_OK);
    assert_false(r.gave_up);
    assert_int_equal(r.rating, STORE_RATING_PARTLY);
    store_response_free(&r);
    session_free(s);
}

/* Issue 11.4: an answer changed after the model answer was shown keeps
 * the text as it stood at reveal, and is marked in review. */
static void an_answer_edited_after_reveal_is_marked(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_SELF_STUDY);
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_int_equal(session_type(s, "the trauma team", true), 0);
    assert_int_equal(session_reveal(s), 0);
    struct store_response r;
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_string_equal(r.revealed_text, "the trauma team");
    assert_false(r.edited_after_reveal);
    store_response_free(&r);
    /* a draft typed after the reveal already counts */
    assert_int_equal(
        session_type(s, "the trauma team and the medicine resident", true), 0);
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_true(r.edited_after_reveal);
    store_response_free(&r);
    assert_int_equal(session_enter(s), 0);
    assert_int_equal(session_reveal(s), 0); /* the first reveal counts */
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_string_equal(r.text, "the trauma team and the medicine resident");
    assert_string_equal(r.revealed_text, "the trauma team");
    assert_true(r.edited_after_reveal);
    store_response_free(&r);
    char uuid[STORE_UUID_LEN + 1];
    strcpy(uuid, session_uuid(s));
    session_free(s);
    char *text = NULL, *err = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(review_write(f->st, uuid, out, &err), 0);
    fclose(out);
    assert_non_null(strstr(text, "Edited after reveal: the model answer was "
                                 "shown when it read: the trauma team\n"));
    free(text);
}

/* Issue 13.6: the review text comes out as typed parts, so an answer
 * that reads like a heading or a question's title is still an answer,
 * every line of it; and the text written is the parts, one a line. */
static void review_parts_are_typed_not_sniffed(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_int_equal(session_type(s, "Question 1\n== x ==", true), 0);
    assert_int_equal(session_enter(s), 0);
    char uuid[STORE_UUID_LEN + 1];
    strcpy(uuid, session_uuid(s));
    session_free(s);
    struct review_parts p;
    char *err = NULL;
    assert_int_equal(review_parts(f->st, uuid, &p, &err), 0);
    int answers = 0, headings = 0, questions = 0, models = 0;
    for (size_t i = 0; i < p.n; i++) {
        const char *t = p.v[i].text;
        if (strstr(t, "== x")) /* the answer, whole, in one part */
            assert_int_equal(p.v[i].kind, REVIEW_ANSWER);
        switch (p.v[i].kind) {
        case REVIEW_ANSWER:
            answers++;
            if (strstr(t, "== x"))
                assert_string_equal(t, "Answer: Question 1\n== x ==");
            break;
        case REVIEW_HEADING:
            headings++;
            assert_true(strncmp(t, "== ", 3) == 0);
            assert_null(strstr(t, "== x"));
            break;
        case REVIEW_QUESTION:
            questions++;
            assert_true(strncmp(t, "Question ", 9) == 0);
            assert_non_null(strstr(t, " of "));
            break;
        case REVIEW_MODEL:
            models++;
            assert_true(strncmp(t, "Model answer: ", 14) == 0);
            break;
        default:
            break;
        }
    }
    assert_true(answers >= 1 && answers == questions && models == questions);
    assert_true(headings >= 3); /* modules, parking lot, comments */
    /* review_write is the parts' text, a newline after each */
    char *text = NULL, *want = NULL;
    size_t len = 0, wlen = 0;
    FILE *out = open_memstream(&text, &len);
    assert_int_equal(review_write(f->st, uuid, out, &err), 0);
    fclose(out);
    out = open_memstream(&want, &wlen);
    for (size_t i = 0; i < p.n; i++)
        fprintf(out, "%s\n", p.v[i].text);
    fclose(out);
    assert_string_equal(text, want);
    assert_non_null(strstr(text, "\nAnswer: Question 1\n== x ==\n"));
    free(text);
    free(want);
    review_parts_free(&p);
    assert_int_equal(p.n, 0);
}

static void tags_and_points_are_recorded(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    assert_int_equal(session_toggle_skill(s, SKILL_EMPATHY), -1);
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_int_equal(session_toggle_skill(s, SKILL_RELIABILITY), 0);
    assert_int_equal(session_toggle_skill(s, SKILL_EMPATHY), 0);
    assert_int_equal(session_toggle_skill(s, SKILL_EMPATHY), 0);
    assert_int_equal(session_toggle_point(s, 1), 0);
    assert_int_equal(session_toggle_point(s, 2), -1); /* only two points */
    struct store_response r;
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_int_equal(r.skills, SKILL_BIT(SKILL_RELIABILITY));
    assert_int_equal(r.points, 2);
    store_response_free(&r);
    unsigned named, missed;
    session_module_skills(s, 0, &named, &missed);
    assert_int_equal(named, SKILL_BIT(SKILL_RELIABILITY));
    assert_int_equal(missed, SKILL_BIT(SKILL_RESPONSIVENESS));
    session_free(s);
}

/* The facilitator's or resident's verdict on the customers named is
 * stored and comes back on resume; only the customers question takes it. */
static void customers_marked_survive_resume(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    go_to(s, STAGE_QUESTION, 0, 0); /* kind: customers, two customers */
    assert_int_equal(session_toggle_customer(s, 0), 0);
    assert_int_equal(session_toggle_customer(s, 1), 0);
    assert_int_equal(session_toggle_customer(s, 1), 0);
    assert_int_equal(session_toggle_customer(s, 2), -1); /* only two */
    assert_int_equal(session_answer(s, 0, 0)->customers, 1);
    struct store_response r;
    assert_int_equal(store_get_response(f->st, session_uuid(s), 0, 0, &r),
                     STORE_OK);
    assert_int_equal(r.customers, 1);
    store_response_free(&r);
    go_to(s, STAGE_QUESTION, 0, 1); /* "what went well": no customers */
    assert_int_equal(session_toggle_customer(s, 0), -1);
    char uuid[STORE_UUID_LEN + 1];
    snprintf(uuid, sizeof uuid, "%s", session_uuid(s));
    session_free(s);
    assert_int_equal(session_resume(f->st, uuid, &s, &(char *){NULL}), 0);
    assert_int_equal(session_answer(s, 0, 0)->customers, 1);
    session_free(s);
}

static void notes_hide_on_every_stage_change(void **state)
{
    struct pbl_session *s = start(*state, STORE_GROUP);
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_false(session_notes_visible(s));
    session_toggle_notes(s);
    assert_true(session_notes_visible(s));
    assert_int_equal(session_next(s), 0);
    assert_false(session_notes_visible(s));
    session_free(s);
}

static void resume_returns_exactly_where_it_stopped(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    char uuid[STORE_UUID_LEN + 1];
    strcpy(uuid, session_uuid(s));
    go_to(s, STAGE_QUESTION, 0, 0);
    assert_int_equal(session_type(s, "entered answer", false), 0);
    assert_int_equal(session_enter(s), 0);
    assert_int_equal(session_toggle_skill(s, SKILL_ASSURANCE), 0);
    assert_int_equal(session_reveal(s), 0);
    assert_int_equal(session_next(s), 0);
    assert_int_equal(session_type(s, "half a thou", true), 0);
    session_free(s); /* as if the lid closed */

    assert_int_equal(session_resume(f->st, uuid, &s, &(char *){NULL}), 0);
    struct session_stage g = session_stage(s);
    assert_int_equal(g.kind, STAGE_QUESTION);
    assert_int_equal(g.modpos, 0);
    assert_int_equal(g.qidx, 1);
    assert_string_equal(session_answer(s, 0, 1)->text, "half a thou");
    assert_false(session_answer(s, 0, 1)->entered);
    const struct session_answer *a = session_answer(s, 0, 0);
    assert_string_equal(a->text, "entered answer");
    assert_true(a->entered);
    assert_true(a->revealed);
    assert_int_equal(a->skills, SKILL_BIT(SKILL_ASSURANCE));
    assert_string_equal(session_group(s), "Tuesday");
    session_free(s);
}

static void resume_of_an_unknown_session_fails_cleanly(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = NULL;
    char *err = NULL;
    assert_int_equal(
        session_resume(f->st, "00000000-0000-4000-8000-000000000000", &s, &err),
        -1);
    assert_null(s);
    assert_non_null(err);
    free(err);
}

static void stage_times_are_recorded_against_time_boxes(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    setenv("PBL_NOW", "2026-03-04T10:01:30Z", 1);
    assert_int_equal(session_next(s), 0); /* video, 3 minutes */
    assert_int_equal(session_stage_minutes(s), 3);
    setenv("PBL_NOW", "2026-03-04T10:02:00Z", 1);
    assert_int_equal(session_elapsed(s, clock_now()), 120);
    assert_int_equal(session_stage_elapsed(s, clock_now()), 30);
    assert_int_equal(session_next(s), 0); /* q1, 4 minutes */
    assert_int_equal(session_stage_minutes(s), 4);
    struct store_stage_list l;
    assert_int_equal(store_list_stages(f->st, session_uuid(s), &l), STORE_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.v[0].stage, "scenario");
    assert_string_equal(l.v[0].entered_at, "2026-03-04T10:00:00Z");
    assert_string_equal(l.v[0].left_at, "2026-03-04T10:01:30Z");
    assert_string_equal(l.v[1].stage, "video");
    assert_int_equal(l.v[1].planned_minutes, 3);
    assert_string_equal(l.v[1].left_at, "2026-03-04T10:02:00Z");
    assert_string_equal(l.v[2].stage, "q1");
    assert_int_equal(l.v[2].planned_minutes, 4);
    assert_string_equal(l.v[2].left_at, "");
    store_stage_list_free(&l);
    setenv("PBL_NOW", "2026-03-04T10:00:00Z", 1);
    session_free(s);
}

static void parking_lot_collects_issues(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    assert_int_equal(session_park(s, "  "), -1);
    assert_int_equal(session_park(s, "How do we page the medicine team?"), 0);
    struct store_park_list l;
    assert_int_equal(session_parking_lot(s, &l), 0);
    assert_true(l.n >= 1);
    assert_string_equal(l.v[l.n - 1].text, "How do we page the medicine team?");
    store_park_list_free(&l);
    session_free(s);
}

static void finished_sessions_are_not_resumable(void **state)
{
    struct fixture *f = *state;
    struct pbl_session *s = start(f, STORE_GROUP);
    char uuid[STORE_UUID_LEN + 1];
    strcpy(uuid, session_uuid(s));
    assert_int_equal(session_finish(s), 0);
    session_free(s);
    struct store_session_list l;
    assert_int_equal(store_list_sessions(f->st, STORE_LIST_UNFINISHED, &l),
                     STORE_OK);
    for (size_t i = 0; i < l.n; i++)
        assert_string_not_equal(l.v[i].uuid, uuid);
    store_session_list_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(stages_follow_the_modules, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            moving_stops_at_the_ends_and_is_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(typed_text_survives_moving, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(forced_typing_saves_a_draft, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_draft_is_due_only_after_the_interval,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(group_reveal_is_always_allowed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(self_study_reveal_waits_for_an_answer,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(give_up_and_rating_exclude_each_other,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(an_answer_edited_after_reveal_is_marked,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(tags_and_points_are_recorded, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(customers_marked_survive_resume, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(notes_hide_on_every_stage_change, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(resume_returns_exactly_where_it_stopped,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(
            resume_of_an_unknown_session_fails_cleanly, setup, teardown),
        cmocka_unit_test_setup_teardown(
            stage_times_are_recorded_against_time_boxes, setup, teardown),
        cmocka_unit_test_setup_teardown(parking_lot_collects_issues, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(review_parts_are_typed_not_sniffed,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(finished_sessions_are_not_resumable,
                                        setup, teardown),
    };
    return cmocka_run_group_tests_name("session", tests, NULL, NULL);
}
