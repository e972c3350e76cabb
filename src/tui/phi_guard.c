/* phi_guard.c - patient identifiers in the console (phi.h): what is
 * entered (an answer, a parking-lot item, a review comment) is checked,
 * and a warning says what was found; on a group session's projected
 * screens (a question's answer, a module's answers together, the
 * summary's parking lot, the items carried over and the frame's slides)
 * each identifier is replaced by PHI_HIDDEN until the facilitator presses
 * v and confirms with y (for that stage only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/frame.h"
#include "pbl/phi.h"
#include "stage.h"
#include "tui.h"

#define PHI_HIDDEN "[identifier hidden: v shows]"

/* The patterns, read once per run; NULL (said once) when they cannot be
 * read: nothing is then hidden or warned about. */
static const struct phi_set *patterns(struct tui *t)
{
    if (!t->phi && !t->phi_failed) {
        char *err = NULL;
        t->phi = phi_for_store(t->store, &err);
        if (!t->phi) {
            t->phi_failed = true;
            tui_message(t, "identifiers are not checked: %s",
                        err ? err : "out of memory");
        }
        free(err);
    }
    return t->phi;
}

void phi_guard_free(struct tui *t)
{
    phi_free(t->phi);
    t->phi = NULL;
}

void phi_guard_check(struct tui *t, const char *text, const char *what)
{
    const char *kind;
    if (!text || !phi_contains(patterns(t), text, &kind))
        return;
    bool projected = t->sess && session_kind(t->sess) == STORE_GROUP;
    tui_message(t,
                "this %s seems to hold a patient identifier (%s): it is "
                "%smasked in exports",
                what, kind,
                projected ? "hidden on the projected screen and " : "");
}

/* Whether the answer on screen may be shown whole: the facilitator said
 * so on this stage, or this is self-study (not projected). */
static bool shown(const struct tui *t)
{
    return session_kind(t->sess) == STORE_SELF_STUDY ||
           stage_of(t)->phi_shown_stage == session_current(t->sess) + 1;
}

char *phi_guard_hide(struct tui *t, const char *text)
{
    if (t->editing || shown(t) || !text)
        return NULL;
    size_t n = 0;
    char *hidden = phi_replace(patterns(t), text, PHI_HIDDEN, &n);
    if (n == 0) {
        free(hidden);
        return NULL;
    }
    return hidden;
}

void phi_guard_hide_in_place(struct tui *t, char **text)
{
    char *hidden = phi_guard_hide(t, *text);
    if (hidden) {
        free(*text);
        *text = hidden;
    }
}

/* Whether text would be shown with something hidden. */
static bool hides_text(struct tui *t, const char *text)
{
    char *hidden = phi_guard_hide(t, text);
    free(hidden);
    return hidden != NULL;
}

/* Whether an item of a parking-lot list would be shown with something
 * hidden; the list is freed. */
static bool hides_park(struct tui *t, struct store_park_list *park)
{
    bool hides = false;
    for (size_t i = 0; i < park->n && !hides; i++)
        hides = hides_text(t, park->v[i].text);
    store_park_list_free(park);
    return hides;
}

/* Whether what the stage on screen shows hides something: a question's
 * answer (on a module's last question, any of its answers, which A shows
 * together), the parking lot of the summary and of the closing slide, the
 * items carried over on the opening slide or the first stage. */
static bool hides_something(struct tui *t)
{
    struct session_stage g = session_stage(t->sess);
    struct store_park_list park = {0};
    if (g.kind == STAGE_QUESTION) {
        const struct pbl_module *m = session_module(t->sess, g.modpos);
        bool all = frame_answers_offered(t->sess);
        for (size_t q = 0; m && q < m->nquestions; q++) {
            if (!all && (int)q != g.qidx)
                continue;
            const struct session_answer *ans =
                session_answer(t->sess, g.modpos, (int)q);
            if (hides_text(t, ans ? ans->text : NULL))
                return true;
        }
        return false;
    }
    if (g.kind == STAGE_SUMMARY || g.kind == STAGE_CLOSING)
        return session_parking_lot(t->sess, &park) == 0 && hides_park(t, &park);
    if (g.kind == STAGE_OPENING || session_current(t->sess) == 0)
        return session_carried_parking(t->sess, &park) == 0 &&
               hides_park(t, &park);
    return false;
}

bool phi_guard_key(struct tui *t, int key, enum action a)
{
    struct stage *st = stage_of(t);
    if (st->phi_asked && key != TK_TICK) {
        st->phi_asked = false;
        if (key_action(key, W_PHI_ASKED) == A_SHOW_YES) {
            st->phi_shown_stage = session_current(t->sess) + 1;
            tui_message(t, "shown until you leave this question");
        } else {
            tui_message(t, "still hidden");
        }
        return true;
    }
    if (a != A_SHOW_HIDDEN)
        return false;
    if (!hides_something(t)) {
        tui_message(t, "nothing is hidden here");
        return true;
    }
    st->phi_asked = true;
    tui_message(t, "Show the patient identifier on the projected screen? "
                   "y shows it, any other key keeps it hidden");
    return true;
}
