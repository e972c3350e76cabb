/* stage_keys.c - keys on the stages of a running session: moving between
 * stages, typing the group's answer, tags, key points, reveal, notes,
 * blanking, the parking lot. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"
#include "stage.h"
#include "pbl/frame.h"
#include "tui.h"

/* Saves and commits what is in the editor, and stops typing. */
static void finish_typing(struct tui *t)
{
    if (t->ed && (session_type(t->sess, editor_text(t->ed, NULL), true) < 0 ||
                  session_enter(t->sess) < 0))
        tui_message(t, "not saved: %s", session_error(t->sess));
    else if (t->ed)
        phi_guard_check(t, editor_text(t->ed, NULL), "answer");
    stage_of(t)->draft_dirty = false;
    t->editing = false;
}

/* Hands what is typed to the session when it changed and a draft is due
 * (every two seconds of typing), or at once with `now` (the keyboard
 * paused for a second): a key copies nothing, so typing costs the same in
 * a long answer as in a short one, and a kill loses at most the last two
 * seconds. */
static void hand_over_draft(struct tui *t, bool now)
{
    struct stage *st = stage_of(t);
    if (!st->draft_dirty || !(now || session_draft_due(t->sess)))
        return;
    st->draft_dirty = false;
    if (session_type(t->sess, editor_text(t->ed, NULL), now) < 0)
        tui_message(t, "draft not saved: %s", session_error(t->sess));
}

void stage_paste(struct tui *t, const char *text, size_t len)
{
    if (editor_insert(t->ed, text, len) < 0)
        tui_message(t, "out of memory: the pasted text was not added");
    else
        stage_of(t)->draft_dirty = true;
    hand_over_draft(t, false);
}

/* The editor's moves, by the W_EDITOR actions of the table. */
static const struct {
    enum action a;
    enum editor_move move;
} editor_moves[] = {
    {A_CHAR_LEFT, ED_LEFT},       {A_CHAR_RIGHT, ED_RIGHT},
    {A_LINE_UP, ED_UP},           {A_LINE_DOWN, ED_DOWN},
    {A_LINE_START, ED_HOME},      {A_LINE_END, ED_END},
    {A_WORD_LEFT, ED_WORD_LEFT},  {A_WORD_RIGHT, ED_WORD_RIGHT},
    {A_TEXT_PAGE_UP, ED_PAGE_UP}, {A_TEXT_PAGE_DOWN, ED_PAGE_DOWN},
};

/* Inserts the character `key` into the answer. */
static void insert_char(struct tui *t, int key)
{
    char buf[4];
    if (editor_insert(t->ed, buf, text_utf8_encode((uint32_t)key, buf)) < 0)
        tui_message(t, "out of memory: the key was not added");
}

/* A key while typing the group's answer: a character is typed, the
 * W_EDITOR keys of the action table edit and move. */
static void editing_key(struct tui *t, int key, enum action a)
{
    unsigned long gen = editor_generation(t->ed);
    if (a == A_EDIT_DONE) {
        finish_typing(t);
        return;
    }
    bool typed = key_types_text(key);
    enum action e =
        key == TK_TICK || typed ? A_NONE : key_action(key, W_EDITOR);
    if (key == TK_TICK) {
        /* fall through to the draft save below */
    } else if (e == A_DELETE_BACK) {
        editor_backspace(t->ed);
    } else if (e == A_EDITOR_DELETE) {
        editor_delete(t->ed);
    } else if (e == A_NEWLINE || typed) {
        insert_char(t, key);
    } else {
        for (size_t i = 0; i < sizeof editor_moves / sizeof editor_moves[0];
             i++)
            if (editor_moves[i].a == e)
                editor_move(t->ed, editor_moves[i].move);
    }
    if (editor_generation(t->ed) != gen)
        stage_of(t)->draft_dirty = true;
    hand_over_draft(t, key == TK_TICK);
}

/* Ticking key points (t) or marking customers named (c): W_TICKING and
 * W_NUMBERED keys, and the key that opened the list closes it. */
static void points_key(struct tui *t, int key)
{
    struct stage *st = stage_of(t);
    struct session_stage g = session_stage(t->sess);
    const struct pbl_module *m = session_module(t->sess, g.modpos);
    bool cust = t->overlay == OV_CUSTOMERS;
    int n = (int)(cust ? m->customers.n : m->questions[g.qidx].points.n);
    enum action a =
        key_action(key, W_TICKING | W_NUMBERED |
                            (cust ? W_TICK_CUSTOMERS : W_TICK_POINTS));
    if (a == A_TICK_DONE || a == A_CUSTOMERS || a == A_POINTS) {
        t->overlay = OV_NONE;
    } else if (a == A_UP && st->point_sel > 0) {
        st->point_sel--;
    } else if (a == A_DOWN && st->point_sel + 1 < n) {
        st->point_sel++;
    } else if (a == A_TICK || a == A_TICK_NTH) {
        int i = a == A_TICK_NTH ? key - '1' : st->point_sel;
        if (i < n && (cust ? session_toggle_customer(t->sess, i)
                           : session_toggle_point(t->sess, i)) < 0)
            tui_message(t, "%s", session_error(t->sess));
    }
}

static void park_key(struct tui *t, int key)
{
    struct stage *st = stage_of(t);
    enum action a = key_action(key, W_INPUT);
    if (a == A_INPUT_CANCEL) {
        t->overlay = OV_NONE;
    } else if (a == A_INPUT_DONE) {
        if (session_park(t->sess, st->park.buf) < 0)
            tui_message(t, "%s", session_error(t->sess));
        else
            tui_message(t, "added to the parking lot");
        phi_guard_check(t, st->park.buf, "parking-lot item");
        st->park.len = 0;
        st->park.buf[0] = '\0';
        t->overlay = OV_NONE;
    } else {
        input_key(&st->park, key);
    }
}

static void move_stage(struct tui *t, int (*step)(struct pbl_session *))
{
    size_t before = session_current(t->sess);
    if (step(t->sess) < 0)
        tui_message(t, "%s", session_error(t->sess));
    if (session_current(t->sess) != before)
        stage_entered(t);
}

static void question_key(struct tui *t, enum action a)
{
    struct stage *st = stage_of(t);
    switch (a) {
    case A_EDIT:
        if (t->ed)
            t->editing = true;
        break;
    case A_SKILL1:
    case A_SKILL2:
    case A_SKILL3:
    case A_SKILL4:
    case A_SKILL5:
        if (session_toggle_skill(t->sess, (enum pbl_skill)(a - A_SKILL1)) < 0)
            tui_message(t, "%s", session_error(t->sess));
        break;
    case A_GIVE_UP:
        if (session_give_up_asks(t->sess) && !st->give_up_asked) {
            st->give_up_asked = true;
            tui_message(t, "Answered: G again gives up (missed, no rating); "
                           "any other key keeps it");
        } else {
            bool confirmed = st->give_up_asked;
            st->give_up_asked = false;
            if (session_give_up(t->sess, confirmed) < 0)
                tui_message(t, "%s", session_error(t->sess));
        }
        break;
    case A_RATE_GOT:
    case A_RATE_PARTLY:
    case A_RATE_MISSED:
        if (session_rate(t->sess, a == A_RATE_GOT ? STORE_RATING_GOT
                                  : a == A_RATE_PARTLY
                                      ? STORE_RATING_PARTLY
                                      : STORE_RATING_MISSED) < 0)
            tui_message(t, "%s", session_error(t->sess));
        break;
    case A_POINTS: {
        struct session_stage g = session_stage(t->sess);
        if (session_kind(t->sess) == STORE_SELF_STUDY &&
            !session_answer(t->sess, g.modpos, g.qidx)->revealed) {
            tui_message(t, "the key points come with the model answer");
        } else if (session_module(t->sess, g.modpos)
                       ->questions[g.qidx]
                       .points.n) {
            t->overlay = OV_POINTS;
            st->point_sel = 0;
        } else {
            tui_message(t, "this question has no key points");
        }
        break;
    }
    case A_CUSTOMERS: {
        struct session_stage g = session_stage(t->sess);
        const struct pbl_module *m = session_module(t->sess, g.modpos);
        if (m->questions[g.qidx].kind != QKIND_CUSTOMERS || !m->customers.n) {
            tui_message(t, "customers are marked on the customers question");
        } else if (session_kind(t->sess) == STORE_SELF_STUDY &&
                   !session_answer(t->sess, g.modpos, g.qidx)->revealed) {
            tui_message(t, "the customers come with the model answer");
        } else {
            t->overlay = OV_CUSTOMERS;
            st->point_sel = 0;
        }
        break;
    }
    case A_REVEAL: {
        struct session_stage g = session_stage(t->sess);
        t->scroll = 0; /* the model answer from its heading */
        if (session_answer(t->sess, g.modpos, g.qidx)->revealed)
            session_hide(t->sess);
        else if (session_reveal(t->sess) < 0)
            tui_message(t, "%s", session_error(t->sess));
        break;
    }
    case A_NOTES:
        session_toggle_notes(t->sess);
        break;
    case A_ANSWERS:
        if (frame_answers_offered(t->sess)) {
            t->overlay = OV_ANSWERS;
            t->overlay_scroll = 0;
        } else {
            tui_message(t, "A shows every answer on the module's last "
                           "question");
        }
        break;
    case A_SPEAKERS:
        attend_open(t, ATTEND_SPEAKERS);
        break;
    default:
        break;
    }
}

void stage_key(struct tui *t, int key, enum action a)
{
    struct stage *st = stage_of(t);
    bool give_up_asked = st->give_up_asked;
    if (key != TK_TICK)
        st->give_up_asked = false; /* only the very next key confirms */
    if (give_up_asked && key != TK_TICK && a != A_GIVE_UP) {
        tui_message(t, "not given up: your answer stays");
        return;
    }
    if (give_up_asked && a == A_GIVE_UP)
        st->give_up_asked = true; /* read by question_key below */
    if (t->editing) {
        editing_key(t, key, a);
        return;
    }
    if (phi_guard_key(t, key, a))
        return;
    if (t->overlay == OV_POINTS || t->overlay == OV_CUSTOMERS) {
        points_key(t, key);
        return;
    }
    if (t->overlay == OV_PARK) {
        park_key(t, key);
        return;
    }
    switch (a) {
    case A_NEXT:
        move_stage(t, session_next);
        return;
    case A_PREV:
        move_stage(t, session_prev);
        return;
    case A_UP:
    case A_DOWN: {
        /* a question's answer, or the model answer once shown if it does
         * not fit */
        struct session_stage g = session_stage(t->sess);
        int *top =
            g.kind == STAGE_QUESTION &&
                    (!session_answer(t->sess, g.modpos, g.qidx)->revealed ||
                     !st->model_scrolls)
                ? &st->answer_top
                : &t->scroll;
        *top += a == A_DOWN ? 1 : *top > 0 ? -1 : 0;
        return;
    }
    case A_BLANK:
        t->overlay = OV_BLANK;
        return;
    case A_PARK:
        t->overlay = OV_PARK;
        return;
    case A_ATTENDANCE:
        attend_open(t, ATTEND_SESSION);
        return;
    default:
        break;
    }
    switch (session_stage(t->sess).kind) {
    case STAGE_QUESTION:
        question_key(t, a);
        break;
    case STAGE_VIDEO:
        if (a == A_OPEN)
            open_video(t,
                       session_module(t->sess, session_stage(t->sess).modpos));
        break;
    case STAGE_SUMMARY:
        stage_summary_key(t, a);
        break;
    case STAGE_SCENARIO:
    case STAGE_OPENING:
    case STAGE_CLOSING:
        break;
    }
}
