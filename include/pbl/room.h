/* room.h - what the room sees: the projector's view of a group session
 * followed live from the database by `pbl room`, in another process than
 * the facilitator's console.
 *
 * The room is read-only and sees only what is meant for the room: the
 * module's title and scenario, the video's link (and the name of its
 * local copy), the current question, the group's answer as it is typed
 * (the console saves every key while a room follows), once revealed the
 * model answer, its key points and the skills the group named, and the
 * workshop's opening and closing slides (frame.h). Never the facilitator
 * notes, the key points before reveal, the ticks and marks (the
 * facilitator's verdicts) or the parking lot (but for its items on the
 * closing slide); patient identifiers (phi.h) in what the group typed
 * are hidden unless the console showed them (v y) on the stage shown.
 * room_read() builds that view from the store; the screen
 * (src/tui/screen_room.c) only draws it.
 *
 * The two processes talk through small settings rows (store.h): the
 * console records there that it blanked the room (b) and that the
 * countdown is on (T), that it hid a model answer again or showed an
 * identifier, how far it scrolled; the room records a heartbeat there,
 * so that the console knows a room follows and becomes the presenter's
 * view. */
#ifndef PBL_ROOM_H
#define PBL_ROOM_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "pbl/frame.h"
#include "pbl/phi.h"
#include "pbl/session.h"
#include "pbl/store.h"

/* How often the room asks the database whether it changed, in ms. */
#define ROOM_POLL_MS 50
/* How often the room checks that the console still holds the session. */
#define ROOM_LIVENESS_MS 500
/* The room's heartbeat, and how old one may be before the console
 * thinks the room gone. */
#define ROOM_VIEWER_BEAT_SECS 3
#define ROOM_VIEWER_STALE_SECS 10
/* What stands on the room for a patient identifier (phi.h) the console
 * has not shown with v y. */
#define ROOM_PHI_HIDDEN "[identifier hidden]"

enum room_state {
    ROOM_WAITING,  /* no session being facilitated (yet) */
    ROOM_LIVE,     /* a console has the session open */
    ROOM_STOPPED,  /* its console quit or died */
    ROOM_FINISHED, /* the session was finished */
};

/* What the room shows now. The strings point into `sess` (the session
 * followed read-only) and stay valid until room_view_free(). */
struct room_view {
    enum room_state state;
    char uuid[STORE_UUID_LEN + 1]; /* the session followed, or "" */
    struct pbl_session *sess;      /* NULL unless state is ROOM_LIVE */
    bool blank;                    /* the console blanked the room */
    bool countdown;                /* the console turned the countdown on */
    enum stage_kind kind;
    int modpos, qidx;
    size_t nmodules, nquestions;
    const char *group;
    const char *title, *scenario;
    const char *video_title, *video_url;
    const char *video_file; /* the local copy, when it is there, or NULL */
    int video_minutes;
    const char *question;
    const char *answer; /* as typed, or NULL; identifiers hidden */
    bool revealed;
    const char *model;             /* after reveal only, else NULL */
    const struct pbl_strv *points; /* after reveal only, else NULL */
    unsigned named;                /* skills named, after reveal only */
    long box_secs, left_secs;      /* the stage's time box, and what is
                                      left (negative: over) */
    int scroll_permille; /* the scenario as far as the console scrolled it */
    char *owned;         /* the answer with identifiers hidden, or NULL */
    struct frame_slide slide; /* the opening or closing stage's slide */
    /* on the session's first scenario: the open parking-lot items the
     * group carried over from its earlier sessions (where it raises them) */
    struct store_park_list carried;
};

/* What room_read() needs besides the store: the patterns of patient
 * identifiers to hide (phi_for_store(); NULL hides nothing) and the
 * skills vocabulary the opening slide shows (NULL: the skills' names). */
struct room_reader {
    const struct phi_set *phi;
    const struct pbl_vocabulary *vocab;
};

/* On the summary: module i's title and the skills the group named on it
 * (i < v->nmodules). */
void room_summary_module(const struct room_view *v, size_t i,
                         const char **title, unsigned *named);

/* The group session being facilitated now: the newest unfinished group
 * session whose lock a live console holds, into uuid. 0, 1 when there
 * is none, -1 on a store error (store_error()). */
int room_find_live(struct pbl_store *st, char uuid[STORE_UUID_LEN + 1]);

/* Builds the view of session `uuid` at time `now` into *v (zeroed first;
 * free it with room_view_free()). 0, or -1 with *err a malloc'd
 * message. A session nobody holds is ROOM_STOPPED, a finished one
 * ROOM_FINISHED: neither keeps anything of the session. Text the group
 * typed (the answer, the parking-lot items on a slide) has each match of
 * rd->phi replaced by ROOM_PHI_HIDDEN (even while the console types it),
 * unless the console showed the identifiers of the current stage (v y,
 * room_set_phi_shown()). */
int room_read(struct pbl_store *st, const char *uuid,
              const struct room_reader *rd, time_t now, struct room_view *v,
              char **err);
void room_view_free(struct room_view *v);

/* Whether a live console holds session `uuid` at `now`. */
bool room_session_live(struct pbl_store *st, const char *uuid, time_t now);

/* The console's side: the room blanked or not, the countdown on or off
 * (both cleared when the console opens the session), and whether a room
 * follows the session now (a heartbeat newer than ROOM_VIEWER_STALE_SECS). */
int room_set_blank(struct pbl_store *st, const char *uuid, bool blank);
int room_set_countdown(struct pbl_store *st, const char *uuid, bool on);
bool room_flag(struct pbl_store *st, const char *what, const char *uuid);
/* The model answer of question qidx of module modpos hidden again (r a
 * second time in the console): the room hides it too. */
int room_set_hidden(struct pbl_store *st, const char *uuid, int modpos,
                    int qidx, bool hidden);
/* How far the console scrolled module modpos's scenario, in thousandths
 * of the way to its end: the room scrolls its own to the same place. */
int room_set_scroll(struct pbl_store *st, const char *uuid, int modpos,
                    int permille);
/* The console showed the patient identifiers of stage `stage` (its index,
 * session_current()) on its projected screen: the room shows them there
 * too. -1 forgets it. */
int room_set_phi_shown(struct pbl_store *st, const char *uuid, long stage);
/* Clears blank, countdown, hidden, scroll and phi (writing only what is
 * set). */
int room_reset(struct pbl_store *st, const char *uuid);
bool room_followed(struct pbl_store *st, const char *uuid, time_t now);

/* The room's side: its heartbeat, and its going (on quit). */
int room_viewer_beat(struct pbl_store *st, const char *uuid, time_t now);
int room_viewer_gone(struct pbl_store *st, const char *uuid);

#endif
