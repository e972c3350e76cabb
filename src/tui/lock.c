/* lock.c - a session open in another console: the question asked before
 * opening it (follow read-only, or take it over), following it, and
 * noticing when another console took ours. The rules are session.h's. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "tui.h"

/* Puts a freshly opened session on screen where the old one was. */
static void show_session(struct tui *t, struct pbl_session *s)
{
    bool same = t->sess && strcmp(session_uuid(t->sess), session_uuid(s)) == 0;
    int scroll = t->scroll;
    if (t->sess) {
        editor_free(t->ed);
        t->ed = NULL;
        t->editing = false;
        session_free(t->sess);
    }
    tui_open_session(t, s);
    stage_entered(t);
    if (same)
        t->scroll = scroll;
    t->lock_beat_ms = clock_mono_ms();
}

int tui_resume(struct tui *t, const char *uuid, enum session_open_mode mode)
{
    struct pbl_session *s = NULL;
    char *err = NULL;
    int rc = session_open(t->store, uuid, mode, &s, &t->lock_holder, &err);
    if (rc == 1) {
        snprintf(t->lock_uuid, sizeof t->lock_uuid, "%s", uuid);
        t->overlay = OV_LOCKED;
        return 1;
    }
    if (rc < 0) {
        tui_message(t, "cannot open the session: %s", err ? err : "?");
        free(err);
        return -1;
    }
    show_session(t, s);
    if (session_read_only(s))
        tui_message(t, "following read-only · T takes the session over");
    return 0;
}

void lock_prompt_draw(struct tui *t)
{
    int m = theme_margin(t), w = t->cols - 2 * m, y = 0;
    char who[256], line[400];
    for (int r = 0; r < t->rows; r++)
        draw_fill(t, r, E_NORMAL);
    draw_title(t, y, "This session is open in another console");
    y += 2;
    session_lock_describe(&t->lock_holder, who, sizeof who);
    snprintf(line, sizeof line,
             "Session %.8s is open in another console: %s. Two consoles "
             "writing to one session would overwrite each other.",
             t->lock_uuid, who);
    y += draw_wrapped(t, y, m, w, 4, 0, E_NORMAL, line) + 1;
    draw_text(t, y++, m, w, E_HEADING, "F  follow it here, read-only");
    draw_text(t, y++, m, w, E_HEADING,
              "T  take it over (the other console stops saving)");
    draw_text(t, y++, m, w, E_HEADING, "Esc  leave it alone");
    static const struct key_hint hints[] = {HINT(A_FOLLOW, "follow"),
                                            HINT(A_TAKE_OVER, "take over"),
                                            HINT(A_LEAVE, "back")};
    char status[120] = "";
    draw_status(t, KEY_HINTS(status, hints, false), NULL, E_STATUS);
}

void lock_prompt_key(struct tui *t, int key)
{
    enum action a = key_action(key, W_LOCKED);
    if (a == A_FOLLOW || a == A_TAKE_OVER) {
        t->overlay = OV_NONE;
        tui_resume(t, t->lock_uuid,
                   a == A_TAKE_OVER ? SESSION_TAKE_OVER : SESSION_FOLLOW);
    } else if (a == A_LEAVE) {
        t->overlay = OV_NONE;
        if (!t->sess)
            home_enter(t);
    }
}

void lock_tick(struct tui *t)
{
    if (!t->sess)
        return;
    char uuid[STORE_UUID_LEN + 1];
    snprintf(uuid, sizeof uuid, "%s", session_uuid(t->sess));
    if (session_read_only(t->sess)) {
        if (t->overlay == OV_NONE) /* follow: what the other console has */
            tui_resume(t, uuid, SESSION_FOLLOW);
        return;
    }
    if (clock_mono_ms() - t->lock_beat_ms < STORE_LOCK_HEARTBEAT_SECS * 1000)
        return;
    t->lock_beat_ms = clock_mono_ms();
    struct store_lock other;
    if (session_lock_renew(t->sess, &other) == 1) {
        char who[256];
        session_lock_describe(&other, who, sizeof who);
        tui_message(t,
                    "taken over by another console (%s): read-only now; T "
                    "takes it back",
                    who);
    }
}

bool lock_read_only_key(struct tui *t, enum action a)
{
    if (!t->sess || !session_read_only(t->sess))
        return false;
    switch (a) {
    case A_NONE:
    case A_QUIT:
    case A_HELP:
    case A_REDRAW:
    case A_UP:
    case A_DOWN:
    case A_GLOSSARY:
        return false;
    case A_TAKE_OVER:
        tui_resume(t, session_uuid(t->sess), SESSION_TAKE_OVER);
        if (!session_read_only(t->sess))
            tui_message(t, "the session is yours now");
        return true;
    default:
        tui_message(t, "read-only: another console has this session · T "
                       "takes it over");
        return true;
    }
}
