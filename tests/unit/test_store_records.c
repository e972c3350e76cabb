/* test_store_records.c - every record type of the session store, written
 * and read back: sessions, responses and drafts, stage timings, the
 * parking lot, the event log and review comments; and deleting a session
 * takes all of it along. Timestamps come from PBL_NOW. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pbl/store_walk.h"
#include "test_store_util.h"

/* A database with one group session of 4 questions. */
static int setup(void **state)
{
    return store_fixture_setup(state, 4);
}

#define teardown store_fixture_teardown

static void assert_contains(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        fail_msg("'%s' not in '%s'", needle, hay ? hay : "(null)");
}

static void session_round_trip(void **state)
{
    struct store_fixture *f = *state;
    struct store_session s;
    assert_int_equal(strlen(f->uuid), 36);
    assert_int_equal(f->uuid[14], '4'); /* version 4 */
    assert_non_null(strchr("89ab", f->uuid[19]));
    assert_int_equal(store_get_session(f->st, f->uuid, &s), STORE_OK);
    assert_string_equal(s.uuid, f->uuid);
    assert_int_equal(s.kind, STORE_GROUP);
    assert_int_equal(s.status, STORE_ACTIVE);
    assert_string_equal(s.group_name, "Tuesday group");
    assert_string_equal(s.facilitator, "Dr. F");
    assert_string_equal(s.participants, "Ana, Ben");
    assert_null(s.resident);
    assert_null(s.notes);
    assert_string_equal(s.started_at, "2026-01-02T03:04:05Z");
    assert_string_equal(s.ended_at, "");
    assert_int_equal(s.modpos, 0);
    assert_string_equal(s.stage, "scenario");
    assert_int_equal(s.module_ids.n, 1);
    assert_string_equal(s.module_ids.v[0], "promised-read");
    assert_null(s.module_ids.v[1]);
    store_session_free(&s);

    assert_int_equal(set_session_notes(f->st, f->uuid, "Good talk."), STORE_OK);
    setenv("PBL_NOW", "2026-01-02T04:00:00Z", 1);
    assert_int_equal(store_finish_session(f->st, f->uuid), STORE_OK);
    assert_int_equal(store_get_session(f->st, f->uuid, &s), STORE_OK);
    assert_int_equal(s.status, STORE_FINISHED);
    assert_string_equal(s.ended_at, "2026-01-02T04:00:00Z");
    assert_string_equal(s.notes, "Good talk.");
    store_session_free(&s);

    assert_int_equal(store_get_session(f->st, "nope", &s), STORE_NOT_FOUND);
    assert_contains(store_error(f->st), "no session nope");
    assert_int_equal(store_finish_session(f->st, "nope"), STORE_NOT_FOUND);
    assert_int_equal(set_session_notes(f->st, "nope", "x"), STORE_NOT_FOUND);
    assert_string_equal(store_kind_name(STORE_SELF_STUDY), "self-study");
    assert_string_equal(store_status_name(STORE_ABANDONED), "abandoned");
}

static void list_and_find_sessions(void **state)
{
    struct store_fixture *f = *state;
    char ids[17][STORE_UUID_LEN + 1];
    for (int i = 0; i < 17; i++) {
        char now[32];
        snprintf(now, sizeof now, "2026-02-%02dT10:00:00Z", i + 1);
        setenv("PBL_NOW", now, 1);
        assert_int_equal(new_session(f->st, "g", 1, ids[i]), STORE_OK);
    }
    assert_int_equal(store_abandon_session(f->st, ids[16]), STORE_OK);
    assert_int_equal(store_finish_session(f->st, ids[15]), STORE_OK);

    struct store_session_list l;
    assert_int_equal(store_list_sessions(f->st, STORE_LIST_ALL, &l), STORE_OK);
    assert_int_equal(l.n, 18);
    assert_string_equal(l.v[0].uuid, ids[16]); /* newest first */
    assert_int_equal(l.v[0].status, STORE_ABANDONED);
    assert_string_equal(l.v[17].uuid, f->uuid);
    assert_string_equal(l.v[17].module_ids.v[0], "promised-read");
    store_session_list_free(&l);
    assert_int_equal(store_list_sessions(f->st, STORE_LIST_UNFINISHED, &l),
                     STORE_OK);
    assert_int_equal(l.n, 16);
    assert_string_equal(l.v[0].uuid, ids[14]);
    store_session_list_free(&l);

    char found[STORE_UUID_LEN + 1];
    assert_int_equal(store_find_session(f->st, ids[3], found), STORE_OK);
    assert_string_equal(found, ids[3]);
    char upper[STORE_UUID_LEN + 1];
    for (int i = 0; i <= STORE_UUID_LEN; i++)
        upper[i] =
            (char)(ids[3][i] >= 'a' && ids[3][i] <= 'f' ? ids[3][i] - 'a' + 'A'
                                                        : ids[3][i]);
    assert_int_equal(store_find_session(f->st, upper, found), STORE_OK);
    assert_string_equal(found, ids[3]);
    /* 18 sessions, 16 hex digits: some first digit is shared */
    int shared = -1;
    for (int i = 0; i < 17 && shared < 0; i++)
        for (int j = i + 1; j < 17; j++)
            if (ids[i][0] == ids[j][0])
                shared = i;
    char one[2] = {ids[shared][0], 0};
    assert_int_equal(store_find_session(f->st, one, found), STORE_AMBIGUOUS);
    assert_contains(store_error(f->st), "several sessions");
    assert_int_equal(store_find_session(f->st, "zzz", found), STORE_NOT_FOUND);
    assert_int_equal(store_find_session(f->st, "", found), STORE_NOT_FOUND);
    /* a unique prefix: the shortest that no other session shares */
    for (size_t n = 1; n <= STORE_UUID_LEN; n++) {
        char pre[STORE_UUID_LEN + 1];
        snprintf(pre, n + 1, "%s", ids[5]);
        if (store_find_session(f->st, pre, found) == STORE_OK) {
            assert_string_equal(found, ids[5]);
            break;
        }
    }
}

static void response_round_trip(void **state)
{
    struct store_fixture *f = *state;
    struct store_response r;
    assert_int_equal(store_get_response(f->st, f->uuid, 0, 1, &r),
                     STORE_NOT_FOUND);
    assert_int_equal(store_save_draft(f->st, f->uuid, 0, 1, "The ref"),
                     STORE_OK);
    setenv("PBL_NOW", "2026-01-02T03:04:07Z", 1);
    assert_int_equal(store_save_draft(f->st, f->uuid, 0, 1, "The referring"),
                     STORE_OK);
    assert_int_equal(store_get_response(f->st, f->uuid, 0, 1, &r), STORE_OK);
    assert_null(r.text);
    assert_string_equal(r.draft, "The referring");
    assert_string_equal(r.draft_saved_at, "2026-01-02T03:04:07Z");
    assert_string_equal(r.created_at, "2026-01-02T03:04:05Z");
    assert_string_equal(r.revealed_at, "");
    store_response_free(&r);

    setenv("PBL_NOW", "2026-01-02T03:05:00Z", 1);
    assert_int_equal(
        store_record_response(f->st, f->uuid, 0, 1, "The referring clinician."),
        STORE_OK);
    unsigned skills = SKILL_BIT(SKILL_EMPATHY) | SKILL_BIT(SKILL_TANGIBLES);
    assert_int_equal(store_set_skills(f->st, f->uuid, 0, 1, skills), STORE_OK);
    assert_int_equal(store_set_points(f->st, f->uuid, 0, 1, 0x5), STORE_OK);
    assert_int_equal(store_mark_revealed(f->st, f->uuid, 0, 1), STORE_OK);
    setenv("PBL_NOW", "2026-01-02T03:06:00Z", 1);
    assert_int_equal(store_mark_revealed(f->st, f->uuid, 0, 1), STORE_OK);
    assert_int_equal(
        store_set_rating(f->st, f->uuid, 0, 1, STORE_RATING_PARTLY), STORE_OK);
    /* rated, so it cannot be given up too */
    assert_int_equal(store_set_gave_up(f->st, f->uuid, 0, 1, true),
                     STORE_ERROR);
    assert_int_equal(store_get_response(f->st, f->uuid, 0, 1, &r), STORE_OK);
    assert_string_equal(r.text, "The referring clinician.");
    assert_null(r.draft); /* entering clears the draft */
    assert_string_equal(r.draft_saved_at, "");
    assert_int_equal(r.skills, skills);
    assert_int_equal(r.points, 0x5);
    assert_string_equal(r.revealed_at, "2026-01-02T03:05:00Z"); /* first */
    assert_int_equal(r.rating, STORE_RATING_PARTLY);
    assert_false(r.gave_up);
    assert_string_equal(r.created_at, "2026-01-02T03:04:05Z");
    assert_string_equal(r.updated_at, "2026-01-02T03:06:00Z");
    store_response_free(&r);

    /* editing after entering: a new draft beside the entered text */
    assert_int_equal(store_save_draft(f->st, f->uuid, 0, 1, "Edit"), STORE_OK);
    assert_int_equal(store_set_rating(f->st, f->uuid, 0, 1, STORE_RATING_NONE),
                     STORE_OK);
    assert_int_equal(store_get_response(f->st, f->uuid, 0, 1, &r), STORE_OK);
    assert_string_equal(r.text, "The referring clinician.");
    assert_string_equal(r.draft, "Edit");
    assert_int_equal(r.rating, STORE_RATING_NONE);
    store_response_free(&r);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM responses"), 1);
}

static void response_errors_are_clear(void **state)
{
    struct store_fixture *f = *state;
    assert_int_equal(store_record_response(f->st, f->uuid, 0, 4, "x"),
                     STORE_NOT_FOUND);
    assert_contains(store_error(f->st), "has no question 5 in module 0");
    assert_int_equal(store_save_draft(f->st, f->uuid, 1, 0, "x"),
                     STORE_NOT_FOUND);
    assert_int_equal(store_save_draft(f->st, "no-such", 0, 0, "x"),
                     STORE_NOT_FOUND);
    assert_contains(store_error(f->st), "no session no-such");
    assert_int_equal(store_save_draft(f->st, f->uuid, -1, 0, "x"), STORE_ERROR);
    assert_int_equal(store_set_skills(f->st, f->uuid, 0, 0, 1u << 7),
                     STORE_ERROR);
    assert_contains(store_error(f->st), "unknown skill");
    assert_int_equal(store_set_points(f->st, f->uuid, 0, 0, 1ull << 63),
                     STORE_ERROR);
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM responses"), 0);
    /* the store still works after each refusal */
    assert_int_equal(store_record_response(f->st, f->uuid, 0, 3, "ok"),
                     STORE_OK);
}

static void stage_timings_and_position(void **state)
{
    struct store_fixture *f = *state;
    char q[STORE_STAGE_MAX];
    store_stage_question(0, q);
    assert_string_equal(q, "q1");
    assert_true(store_stage_valid("q12"));
    assert_false(store_stage_valid("q0"));
    assert_false(store_stage_valid("q1x"));
    assert_false(store_stage_valid("intro"));
    assert_false(store_stage_valid(NULL));

    assert_int_equal(store_stage_enter(f->st, f->uuid, 0, "scenario", 5),
                     STORE_OK);
    setenv("PBL_NOW", "2026-01-02T03:10:00Z", 1);
    assert_int_equal(store_stage_enter(f->st, f->uuid, 0, "q1", 4), STORE_OK);
    setenv("PBL_NOW", "2026-01-02T03:15:30Z", 1);
    assert_int_equal(store_stage_leave(f->st, f->uuid, 0, "q1"), STORE_OK);
    assert_int_equal(store_stage_leave(f->st, f->uuid, 0, "q1"), STORE_OK);
    assert_int_equal(store_stage_enter(f->st, f->uuid, 0, "q2", 0), STORE_OK);
    assert_int_equal(store_stage_enter(f->st, f->uuid, 0, "bogus", 0),
                     STORE_ERROR);
    assert_int_equal(store_stage_enter(f->st, "nope", 0, "q1", 0),
                     STORE_NOT_FOUND);

    struct store_stage_list l;
    assert_int_equal(store_list_stages(f->st, f->uuid, &l), STORE_OK);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.v[0].stage, "scenario");
    assert_int_equal(l.v[0].planned_minutes, 5);
    assert_string_equal(l.v[0].entered_at, "2026-01-02T03:04:05Z");
    assert_string_equal(l.v[0].left_at, "2026-01-02T03:10:00Z");
    assert_string_equal(l.v[1].stage, "q1");
    assert_string_equal(l.v[1].left_at, "2026-01-02T03:15:30Z");
    assert_string_equal(l.v[2].stage, "q2");
    assert_string_equal(l.v[2].left_at, "");
    store_stage_list_free(&l);

    int pos;
    char stage[STORE_STAGE_MAX];
    assert_int_equal(store_get_session_position(f->st, f->uuid, &pos, stage),
                     STORE_OK);
    assert_int_equal(pos, 0);
    assert_string_equal(stage, "q2");
    assert_int_equal(store_set_session_position(f->st, f->uuid, 0, "summary"),
                     STORE_OK);
    assert_int_equal(store_get_session_position(f->st, f->uuid, &pos, stage),
                     STORE_OK);
    assert_string_equal(stage, "summary");
    assert_int_equal(store_set_session_position(f->st, f->uuid, 0, "x"),
                     STORE_ERROR);
    assert_int_equal(store_get_session_position(f->st, "nope", &pos, stage),
                     STORE_NOT_FOUND);
}

static void event_log(void **state)
{
    struct store_fixture *f = *state;
    assert_int_equal(store_stage_enter(f->st, f->uuid, 0, "video", 3),
                     STORE_OK);
    assert_int_equal(store_mark_revealed(f->st, f->uuid, 0, 2), STORE_OK);
    assert_int_equal(store_log_event(f->st, f->uuid, "resume", NULL), STORE_OK);
    assert_int_equal(store_log_event(f->st, f->uuid, "edit", "q3 answer"),
                     STORE_OK);
    assert_int_equal(store_log_event(f->st, f->uuid, "", NULL), STORE_ERROR);
    assert_int_equal(store_log_event(f->st, "nope", "x", NULL),
                     STORE_NOT_FOUND);
    assert_int_equal(store_finish_session(f->st, f->uuid), STORE_OK);

    struct store_event_list l;
    assert_int_equal(store_list_events(f->st, f->uuid, &l), STORE_OK);
    const char *types[] = {"create", "enter", "reveal",
                           "resume", "edit",  "finish"};
    assert_int_equal(l.n, 6);
    for (size_t i = 0; i < l.n; i++) {
        assert_string_equal(l.v[i].type, types[i]);
        assert_string_equal(l.v[i].at, "2026-01-02T03:04:05Z");
    }
    assert_string_equal(l.v[0].stage, "scenario");
    assert_string_equal(l.v[1].stage, "video"); /* where it happened */
    assert_string_equal(l.v[2].detail, "0/q3");
    assert_null(l.v[3].detail);
    assert_string_equal(l.v[4].detail, "q3 answer");
    assert_true(l.v[0].id < l.v[5].id);
    store_event_list_free(&l);
    assert_int_equal(store_list_events(f->st, "nope", &l), STORE_NOT_FOUND);
}

static void parking_lot_carries_over(void **state)
{
    struct store_fixture *f = *state;
    int64_t a, b;
    assert_int_equal(
        store_park_item(f->st, f->uuid, "Who owns the callback?", &a),
        STORE_OK);
    assert_int_equal(store_park_item(f->st, f->uuid, "Read the ACR rules", &b),
                     STORE_OK);
    assert_int_equal(store_park_item(f->st, f->uuid, "", NULL), STORE_ERROR);
    assert_int_equal(store_park_item(f->st, "nope", "x", NULL),
                     STORE_NOT_FOUND);
    assert_int_equal(store_finish_session(f->st, f->uuid), STORE_OK);

    char next[STORE_UUID_LEN + 1], other[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(f->st, "Tuesday group", 1, next), STORE_OK);
    assert_int_equal(new_session(f->st, "Other group", 1, other), STORE_OK);
    struct store_park_list l;
    assert_int_equal(store_list_open_park_items(f->st, "Tuesday group", &l),
                     STORE_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0].text, "Who owns the callback?");
    assert_string_equal(l.v[0].session, f->uuid);
    store_park_list_free(&l);
    assert_int_equal(store_list_open_park_items(f->st, "Other group", &l),
                     STORE_OK);
    assert_int_equal(l.n, 0);
    store_park_list_free(&l);
    /* the same group however its name is spaced or cased */
    assert_int_equal(
        store_list_open_park_items(f->st, "  TUESDAY   group ", &l), STORE_OK);
    assert_int_equal(l.n, 2);
    store_park_list_free(&l);

    setenv("PBL_NOW", "2026-01-09T03:04:05Z", 1);
    assert_int_equal(store_resolve_park_item(f->st, a, next), STORE_OK);
    assert_int_equal(store_resolve_park_item(f->st, 9999, next),
                     STORE_NOT_FOUND);
    assert_int_equal(store_resolve_park_item(f->st, b, "nope"),
                     STORE_NOT_FOUND);
    assert_int_equal(store_list_open_park_items(f->st, "Tuesday group", &l),
                     STORE_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.v[0].id, b);
    store_park_list_free(&l);
    assert_int_equal(store_list_park_items(f->st, f->uuid, &l), STORE_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0].resolved_at, "2026-01-09T03:04:05Z");
    assert_string_equal(l.v[0].resolved_in, next);
    assert_string_equal(l.v[0].raised_at, "2026-01-02T03:04:05Z");
    assert_string_equal(l.v[1].resolved_at, "");
    assert_string_equal(l.v[1].resolved_in, "");
    store_park_list_free(&l);
    assert_int_equal(store_resolve_park_item(f->st, b, NULL), STORE_OK);

    /* deleting the resolving session keeps the item, without the link */
    assert_int_equal(store_delete_session(f->st, next), STORE_OK);
    assert_int_equal(store_list_park_items(f->st, f->uuid, &l), STORE_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.v[0].resolved_in, "");
    store_park_list_free(&l);
}

/* The review comments a walk hands over (the first two). */
struct comments {
    int n;
    char text[2][32];
    char created_at[32];
};

static void take_comment(void *ctx, const struct walk_session *s,
                         const struct walk_comment *c)
{
    struct comments *got = ctx;
    if (got->n < 2)
        snprintf(got->text[got->n], sizeof got->text[0], "%s", c->text);
    snprintf(got->created_at, sizeof got->created_at, "%s",
             c->created_at ? c->created_at : "");
    got->n++;
}

static void review_comments(void **state)
{
    struct store_fixture *f = *state;
    assert_int_equal(store_add_review_comment(f->st, f->uuid, "Strong q2."),
                     STORE_OK);
    assert_int_equal(store_add_review_comment(f->st, f->uuid, "Timing ok."),
                     STORE_OK);
    assert_int_equal(store_add_review_comment(f->st, f->uuid, ""), STORE_ERROR);
    assert_int_equal(store_add_review_comment(f->st, "nope", "x"),
                     STORE_NOT_FOUND);
    /* read back as every output reads them: the store's walk */
    struct comments got = {0};
    const char *one[] = {f->uuid};
    struct store_selection sel = {.sessions = one, .nsessions = 1, .limit = -1};
    struct walk_visitor v = {.comment = take_comment};
    char *err = NULL;
    assert_int_equal(store_walk(f->st, &sel, &v, &got, &err), 0);
    assert_int_equal(got.n, 2);
    assert_string_equal(got.text[0], "Strong q2.");
    assert_string_equal(got.text[1], "Timing ok.");
    assert_string_equal(got.created_at, "2026-01-02T03:04:05Z");
}

static void delete_cascades(void **state)
{
    struct store_fixture *f = *state;
    char keep[STORE_UUID_LEN + 1];
    assert_int_equal(new_session(f->st, "g", 2, keep), STORE_OK);
    assert_int_equal(store_record_response(f->st, keep, 0, 0, "kept"),
                     STORE_OK);
    assert_int_equal(store_record_response(f->st, f->uuid, 0, 0, "a"),
                     STORE_OK);
    assert_int_equal(store_save_draft(f->st, f->uuid, 0, 1, "b"), STORE_OK);
    assert_int_equal(store_stage_enter(f->st, f->uuid, 0, "q1", 4), STORE_OK);
    assert_int_equal(store_park_item(f->st, f->uuid, "issue", NULL), STORE_OK);
    assert_int_equal(store_add_review_comment(f->st, f->uuid, "c"), STORE_OK);
    assert_int_equal(store_delete_session(f->st, f->uuid), STORE_OK);
    assert_int_equal(store_delete_session(f->st, f->uuid), STORE_NOT_FOUND);

    static const char *const tables[] = {
        "sessions",  "session_modules", "snapshot_questions",
        "responses", "stage_timings",   "parking",
        "events",    "review_comments"};
    long long want[] = {1, 1, 2, 1, 0, 0, 1, 0};
    for (size_t i = 0; i < sizeof tables / sizeof *tables; i++) {
        char sql[80];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", tables[i]);
        if (sql_int(f->st, sql) != want[i])
            fail_msg("%s has %lld rows, wanted %lld", tables[i],
                     sql_int(f->st, sql), want[i]);
    }
    assert_int_equal(sql_int(f->st, "SELECT count(*) FROM snapshot_points"),
                     1); /* keep's 2 questions: 0 + 1 points */
    struct store_response r;
    assert_int_equal(store_get_response(f->st, keep, 0, 0, &r), STORE_OK);
    assert_string_equal(r.text, "kept");
    store_response_free(&r);
}

static void self_study_session(void **state)
{
    struct store_fixture *f = *state;
    struct pbl_module *m = make_module("emergent-lp", 2);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_SELF_STUDY,
                                  .resident = "Ana",
                                  .modules = mods,
                                  .nmodules = 1};
    char id[STORE_UUID_LEN + 1];
    assert_int_equal(store_create_session(f->st, &n, id), STORE_OK);
    free_module(m);
    struct store_session s;
    assert_int_equal(store_get_session(f->st, id, &s), STORE_OK);
    assert_int_equal(s.kind, STORE_SELF_STUDY);
    assert_string_equal(s.resident, "Ana");
    assert_null(s.group_name);
    store_session_free(&s);
    assert_int_equal(store_set_rating(f->st, id, 0, 0, STORE_RATING_GOT),
                     STORE_OK);
    assert_int_equal(store_set_rating(f->st, id, 0, 0, (enum store_rating)9),
                     STORE_ERROR);
    assert_string_equal(store_rating_name(STORE_RATING_MISSED), "missed");
    assert_null(store_rating_name(STORE_RATING_NONE));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(session_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(list_and_find_sessions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(response_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(response_errors_are_clear, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(stage_timings_and_position, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(event_log, setup, teardown),
        cmocka_unit_test_setup_teardown(parking_lot_carries_over, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(review_comments, setup, teardown),
        cmocka_unit_test_setup_teardown(delete_cascades, setup, teardown),
        cmocka_unit_test_setup_teardown(self_study_session, setup, teardown),
    };
    return cmocka_run_group_tests_name("store_records", tests, NULL, NULL);
}
