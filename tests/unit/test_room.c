/* test_room.c - what the room sees (room.h): a console drives a session
 * through the session API on one connection, the room reads it on
 * another, as two processes would; the room never sees the notes, the
 * key points before reveal or the ticks, follows blank and countdown,
 * says when the console stopped, hides patient identifiers the console
 * has not shown, and the data version moves only for another
 * connection's writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <cmocka.h>

#include "pbl/room.h"
#include "pbl/session.h"
#include "test_store_util.h"

struct fixture {
    char *dir;
    struct pbl_store *console, *room; /* two connections, one file */
    struct pbl_session *s;
    struct phi_set *phi; /* the built-in identifier patterns */
    struct room_reader rd;
};

/* The console starts a group session of one module of nq questions (the
 * one it ran before closed), with the STORE_FRAME_* stages of `frame`. */
static void start_session(struct fixture *f, const char *group, size_t nq,
                          unsigned frame)
{
    session_free(f->s);
    struct pbl_module *m = make_module("promised-read", nq);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = group,
                                  .frame = frame,
                                  .modules = mods,
                                  .nmodules = 1};
    char *err = NULL;
    assert_int_equal(session_start(f->console, &n, &f->s, &err), 0);
    free_module(m);
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    f->dir = scratch_dir();
    f->console = open_in(f->dir, "room.db");
    f->room = open_in(f->dir, "room.db");
    f->phi = phi_default();
    assert_non_null(f->phi);
    f->rd.phi = f->phi;
    setenv("PBL_NOW", "2026-03-03T09:00:00Z", 1);
    start_session(f, "Tuesday group", 3, 0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    session_free(f->s);
    phi_free(f->phi);
    store_close(f->room);
    store_close(f->console);
    rm_tree(f->dir);
    free(f);
    unsetenv("PBL_NOW");
    return 0;
}

/* The room's view now; fails the test when it cannot be read. */
static void read_view(struct fixture *f, struct room_view *v)
{
    char *err = NULL;
    int rc =
        room_read(f->room, session_uuid(f->s), &f->rd, clock_now(), v, &err);
    if (rc != 0)
        fprintf(stderr, "room_read: %s\n", err ? err : "?");
    free(err);
    assert_int_equal(rc, 0);
}

/* The session a live console holds is found; the room follows it. */
static void finds_the_session_being_facilitated(void **state)
{
    struct fixture *f = *state;
    char uuid[STORE_UUID_LEN + 1] = "";
    assert_int_equal(room_find_live(f->room, uuid), 0);
    assert_string_equal(uuid, session_uuid(f->s));
    struct room_view v;
    read_view(f, &v);
    assert_int_equal(v.state, ROOM_LIVE);
    assert_int_equal(v.kind, STAGE_SCENARIO);
    assert_string_equal(v.title, "The promised read");
    assert_non_null(strstr(v.scenario, "Line one."));
    assert_string_equal(v.group, "Tuesday group");
    assert_int_equal(v.scroll_permille, 0);
    room_view_free(&v);
    /* the console scrolled this scenario half-way; another module's
     * scroll is not this one's */
    assert_int_equal(room_set_scroll(f->console, uuid, 0, 500), STORE_OK);
    read_view(f, &v);
    assert_int_equal(v.scroll_permille, 500);
    room_view_free(&v);
    assert_int_equal(room_set_scroll(f->console, uuid, 1, 700), STORE_OK);
    read_view(f, &v);
    assert_int_equal(v.scroll_permille, 0);
    room_view_free(&v);
    assert_int_equal(room_set_scroll(f->console, uuid, 0, 700), STORE_OK);
    assert_int_equal(room_reset(f->console, uuid), STORE_OK);
    read_view(f, &v);
    assert_int_equal(v.scroll_permille, 0);
    room_view_free(&v);
}

/* A question: the prompt and the answer as typed (a draft), nothing of
 * the model answer, key points or tags before reveal; after it, the
 * model answer, the points (never the ticks) and the skills named. */
static void question_before_and_after_reveal(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(session_next(f->s), 0); /* video */
    assert_int_equal(session_next(f->s), 0); /* q1 */
    assert_int_equal(session_next(f->s), 0); /* q2: one key point */
    assert_int_equal(session_type(f->s, "They wai", true), 0);
    assert_int_equal(session_toggle_skill(f->s, SKILL_EMPATHY), 0);
    assert_int_equal(session_toggle_point(f->s, 0), 0);
    struct room_view v;
    read_view(f, &v);
    assert_int_equal(v.kind, STAGE_QUESTION);
    assert_string_equal(v.question, "Question 2?");
    assert_string_equal(v.answer, "They wai");
    assert_false(v.revealed);
    assert_null(v.model);
    assert_null(v.points);
    assert_int_equal(v.named, 0);
    room_view_free(&v);

    assert_int_equal(session_reveal(f->s), 0);
    read_view(f, &v);
    assert_true(v.revealed);
    assert_string_equal(v.model, "Answer 2.");
    assert_non_null(v.points);
    assert_int_equal(v.named, SKILL_BIT(SKILL_EMPATHY));
    room_view_free(&v);

    /* hidden again in the console: hidden in the room, until shown */
    const char *uuid = session_uuid(f->s);
    assert_int_equal(room_set_hidden(f->console, uuid, 0, 1, true), STORE_OK);
    read_view(f, &v);
    assert_false(v.revealed);
    assert_null(v.model);
    assert_null(v.points);
    room_view_free(&v);
    assert_int_equal(room_set_hidden(f->console, uuid, 0, 0, true), STORE_OK);
    read_view(f, &v);
    assert_true(v.revealed); /* another question hidden: not this one */
    room_view_free(&v);
    assert_int_equal(room_reset(f->console, uuid), STORE_OK);
    read_view(f, &v);
    assert_true(v.revealed);
    room_view_free(&v);
}

/* The video stage: the link and its title. */
static void video_stage_has_the_link(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(session_next(f->s), 0);
    struct room_view v;
    read_view(f, &v);
    assert_int_equal(v.kind, STAGE_VIDEO);
    assert_string_equal(v.video_url, "https://example.org/v");
    assert_string_equal(v.video_title, "A video");
    room_view_free(&v);
}

/* Blank and countdown as the console records them; the viewer's
 * heartbeat as the console reads it. */
static void blank_countdown_and_viewer(void **state)
{
    struct fixture *f = *state;
    const char *uuid = session_uuid(f->s);
    time_t now = clock_now();
    assert_false(room_followed(f->console, uuid, now));
    assert_int_equal(room_viewer_beat(f->room, uuid, now), STORE_OK);
    assert_true(room_followed(f->console, uuid, now));
    assert_true(room_followed(f->console, uuid, now + ROOM_VIEWER_STALE_SECS));
    assert_false(
        room_followed(f->console, uuid, now + ROOM_VIEWER_STALE_SECS + 1));
    assert_int_equal(room_viewer_gone(f->room, uuid), STORE_OK);
    assert_false(room_followed(f->console, uuid, now));

    assert_int_equal(room_set_blank(f->console, uuid, true), STORE_OK);
    assert_int_equal(room_set_countdown(f->console, uuid, true), STORE_OK);
    struct room_view v;
    read_view(f, &v);
    assert_true(v.blank);
    assert_true(v.countdown);
    room_view_free(&v);
    assert_int_equal(room_set_blank(f->console, uuid, false), STORE_OK);
    read_view(f, &v);
    assert_false(v.blank);
    room_view_free(&v);
}

/* A patient identifier in the answer is hidden on the room, even while
 * it is typed, until the console shows it on this stage (v y); another
 * stage hides it again, and so does the console opening the session. */
static void identifiers_hidden_until_the_console_shows_them(void **state)
{
    struct fixture *f = *state;
    const char *uuid = session_uuid(f->s);
    assert_int_equal(session_next(f->s), 0); /* video */
    assert_int_equal(session_next(f->s), 0); /* q1 */
    assert_int_equal(session_type(f->s, "Call 415-555-0134 back", true), 0);
    struct room_view v;
    read_view(f, &v);
    assert_string_equal(v.answer, "Call " ROOM_PHI_HIDDEN " back");
    room_view_free(&v);
    /* shown on another stage: still hidden here */
    assert_int_equal(
        room_set_phi_shown(f->console, uuid, (long)session_current(f->s) + 1),
        STORE_OK);
    read_view(f, &v);
    assert_string_equal(v.answer, "Call " ROOM_PHI_HIDDEN " back");
    room_view_free(&v);
    assert_int_equal(
        room_set_phi_shown(f->console, uuid, (long)session_current(f->s)),
        STORE_OK);
    read_view(f, &v);
    assert_string_equal(v.answer, "Call 415-555-0134 back");
    room_view_free(&v);
    assert_int_equal(session_next(f->s), 0); /* q2 */
    assert_int_equal(session_type(f->s, "MRN 00482913", true), 0);
    read_view(f, &v);
    assert_string_equal(v.answer, ROOM_PHI_HIDDEN);
    room_view_free(&v);
    assert_int_equal(session_prev(f->s), 0); /* q1 again: as the console */
    read_view(f, &v);
    assert_string_equal(v.answer, "Call 415-555-0134 back");
    room_view_free(&v);
    assert_int_equal(room_reset(f->console, uuid), STORE_OK);
    read_view(f, &v);
    assert_string_equal(v.answer, "Call " ROOM_PHI_HIDDEN " back");
    room_view_free(&v);
    /* no patterns: nothing hidden */
    char *err = NULL;
    assert_int_equal(room_read(f->room, uuid, NULL, clock_now(), &v, &err), 0);
    assert_string_equal(v.answer, "Call 415-555-0134 back");
    room_view_free(&v);
}

/* The line of the slide whose text starts with `start`, or NULL. */
static const struct frame_line *slide_line(const struct room_view *v,
                                           const char *start)
{
    for (size_t i = 0; i < v->slide.n; i++)
        if (strncmp(v->slide.v[i].text, start, strlen(start)) == 0)
            return &v->slide.v[i];
    return NULL;
}

/* A session with the workshop's frame: the room shows the opening slide
 * (the skills, no module) and the closing one (the skills named and
 * missed, the parking lot with identifiers hidden until v y), as
 * frame.h makes them for the console. */
static void opening_and_closing_slides(void **state)
{
    struct fixture *f = *state;
    start_session(f, "Framed group", 1,
                  STORE_FRAME_OPENING | STORE_FRAME_CLOSING);
    struct room_view v;
    read_view(f, &v);
    assert_int_equal(v.kind, STAGE_OPENING);
    assert_null(v.title);
    assert_string_equal(v.slide.title, "Customer service in radiology");
    assert_non_null(slide_line(&v, "The five skills"));
    assert_non_null(slide_line(&v, "empathy"));
    room_view_free(&v);
    assert_int_equal(session_park(f->s, "Call 415-555-0134 about it"), 0);
    for (int i = 0; i < 3; i++) /* scenario, video, the question */
        assert_int_equal(session_next(f->s), 0);
    assert_int_equal(session_toggle_skill(f->s, SKILL_EMPATHY), 0);
    assert_int_equal(session_next(f->s), 0);
    read_view(f, &v);
    assert_int_equal(v.kind, STAGE_CLOSING);
    assert_string_equal(v.slide.title, "Final discussion");
    assert_non_null(slide_line(&v, "empathy: named"));
    assert_non_null(slide_line(&v, "reliability: missed"));
    const struct frame_line *l = slide_line(&v, "Call ");
    assert_non_null(l);
    assert_string_equal(l->text, "Call " ROOM_PHI_HIDDEN " about it");
    room_view_free(&v);
    assert_int_equal(room_set_phi_shown(f->console, session_uuid(f->s),
                                        (long)session_current(f->s)),
                     STORE_OK);
    read_view(f, &v);
    assert_non_null(slide_line(&v, "Call 415-555-0134 about it"));
    room_view_free(&v);
}

/* The group's next session: on its first scenario the parking-lot items
 * carried over from the earlier one, identifiers hidden; not after it. */
static void carried_items_on_the_first_stage(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(session_park(f->s, "Call 415-555-0134 re the CT"), 0);
    start_session(f, "Tuesday group", 2, 0);
    struct room_view v;
    read_view(f, &v);
    assert_int_equal(v.kind, STAGE_SCENARIO);
    assert_int_equal(v.carried.n, 1);
    assert_string_equal(v.carried.v[0].text,
                        "Call " ROOM_PHI_HIDDEN " re the CT");
    room_view_free(&v);
    assert_int_equal(session_next(f->s), 0);
    read_view(f, &v);
    assert_int_equal(v.carried.n, 0);
    room_view_free(&v);
}

/* The console gone (its lock let go): stopped, and nothing to find. */
static void console_gone_is_stopped(void **state)
{
    struct fixture *f = *state;
    char uuid[STORE_UUID_LEN + 1];
    snprintf(uuid, sizeof uuid, "%s", session_uuid(f->s));
    char *err = NULL;
    assert_int_equal(session_close(f->s, &err), 0);
    f->s = NULL;
    struct room_view v;
    assert_int_equal(room_read(f->room, uuid, &f->rd, clock_now(), &v, &err),
                     0);
    assert_int_equal(v.state, ROOM_STOPPED);
    assert_null(v.sess);
    room_view_free(&v);
    char found[STORE_UUID_LEN + 1];
    assert_int_equal(room_find_live(f->room, found), 1);
}

/* The data version moves for the other connection's writes only. */
static void data_version_moves_for_other_writers(void **state)
{
    struct fixture *f = *state;
    int64_t a, b, c;
    assert_int_equal(store_data_version(f->room, &a), STORE_OK);
    assert_int_equal(store_data_version(f->room, &b), STORE_OK);
    assert_true(a == b);
    assert_int_equal(session_next(f->s), 0);
    assert_int_equal(session_next(f->s), 0);
    assert_int_equal(store_data_version(f->room, &b), STORE_OK);
    assert_int_equal(session_type(f->s, "x", true), 0);
    assert_int_equal(store_data_version(f->room, &c), STORE_OK);
    assert_true(c != b);
    assert_int_equal(room_viewer_beat(f->room, session_uuid(f->s), 0),
                     STORE_OK);
    assert_int_equal(store_data_version(f->room, &a), STORE_OK);
    assert_true(a == c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(finds_the_session_being_facilitated,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(question_before_and_after_reveal, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(video_stage_has_the_link, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(blank_countdown_and_viewer, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            identifiers_hidden_until_the_console_shows_them, setup, teardown),
        cmocka_unit_test_setup_teardown(opening_and_closing_slides, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(carried_items_on_the_first_stage, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(console_gone_is_stopped, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(data_version_moves_for_other_writers,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
