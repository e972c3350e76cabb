/* room.c - what the room sees of a session (see room.h): built from the
 * store by a process that only follows, never writes the session. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/room.h"

/* "room.WHAT:UUID": the settings row of a room flag or heartbeat. */
static void room_key(char *buf, size_t n, const char *what, const char *uuid)
{
    snprintf(buf, n, "room.%s:%s", what, uuid);
}

bool room_flag(struct pbl_store *st, const char *what, const char *uuid)
{
    char key[80], *value = NULL;
    room_key(key, sizeof key, what, uuid);
    bool on = store_get_setting(st, key, &value) == STORE_OK && value &&
              strcmp(value, "1") == 0;
    free(value);
    return on;
}

/* Sets flag `what` of session uuid (removes the row when off). */
static int set_flag(struct pbl_store *st, const char *what, const char *uuid,
                    bool on)
{
    char key[80];
    room_key(key, sizeof key, what, uuid);
    return store_set_setting(st, key, on ? "1" : NULL);
}

int room_set_blank(struct pbl_store *st, const char *uuid, bool blank)
{
    return set_flag(st, "blank", uuid, blank);
}

int room_set_countdown(struct pbl_store *st, const char *uuid, bool on)
{
    return set_flag(st, "countdown", uuid, on);
}

int room_set_hidden(struct pbl_store *st, const char *uuid, int modpos,
                    int qidx, bool hidden)
{
    char key[80], value[32];
    room_key(key, sizeof key, "hidden", uuid);
    snprintf(value, sizeof value, "%d:%d", modpos, qidx);
    return store_set_setting(st, key, hidden ? value : NULL);
}

/* Whether the console hid the model answer of this question again. */
static bool hidden_here(struct pbl_store *st, const char *uuid, int modpos,
                        int qidx)
{
    char key[80], want[32], *value = NULL;
    room_key(key, sizeof key, "hidden", uuid);
    snprintf(want, sizeof want, "%d:%d", modpos, qidx);
    bool hidden = store_get_setting(st, key, &value) == STORE_OK && value &&
                  strcmp(value, want) == 0;
    free(value);
    return hidden;
}

int room_set_scroll(struct pbl_store *st, const char *uuid, int modpos,
                    int permille)
{
    char key[80], value[32];
    room_key(key, sizeof key, "scroll", uuid);
    snprintf(value, sizeof value, "%d:%d", modpos, permille);
    return store_set_setting(st, key, value);
}

/* The console's scroll of module modpos's scenario (0 when another's). */
static int scroll_here(struct pbl_store *st, const char *uuid, int modpos)
{
    char key[80], *value = NULL;
    int m = -1, permille = 0;
    room_key(key, sizeof key, "scroll", uuid);
    if (store_get_setting(st, key, &value) == STORE_OK && value &&
        (sscanf(value, "%d:%d", &m, &permille) != 2 || m != modpos))
        permille = 0;
    free(value);
    return permille < 0 ? 0 : permille > 1000 ? 1000 : permille;
}

int room_set_phi_shown(struct pbl_store *st, const char *uuid, long stage)
{
    char key[80], value[32];
    room_key(key, sizeof key, "phi", uuid);
    snprintf(value, sizeof value, "%ld", stage);
    return store_set_setting(st, key, stage >= 0 ? value : NULL);
}

/* Whether the console showed the identifiers of the stage it stands on. */
static bool phi_shown_here(struct pbl_store *st, const struct room_view *v)
{
    char key[80], *value = NULL, *end = NULL;
    room_key(key, sizeof key, "phi", v->uuid);
    bool shown = store_get_setting(st, key, &value) == STORE_OK && value &&
                 strtol(value, &end, 10) == (long)session_current(v->sess) &&
                 end != value && *end == '\0';
    free(value);
    return shown;
}

int room_reset(struct pbl_store *st, const char *uuid)
{
    int rc = STORE_OK;
    char key[80], *value = NULL;
    if (room_flag(st, "blank", uuid))
        rc = room_set_blank(st, uuid, false);
    if (rc == STORE_OK && room_flag(st, "countdown", uuid))
        rc = room_set_countdown(st, uuid, false);
    static const char *const rows[] = {"hidden", "scroll", "phi"};
    for (size_t i = 0; i < 3 && rc == STORE_OK; i++) {
        room_key(key, sizeof key, rows[i], uuid);
        if (store_get_setting(st, key, &value) == STORE_OK)
            rc = store_set_setting(st, key, NULL);
        free(value);
        value = NULL;
    }
    return rc;
}

bool room_followed(struct pbl_store *st, const char *uuid, time_t now)
{
    char key[80], *value = NULL;
    time_t beat;
    room_key(key, sizeof key, "viewer", uuid);
    bool live = store_get_setting(st, key, &value) == STORE_OK && value &&
                clock_parse_iso(value, &beat) == 0 &&
                now - beat <= ROOM_VIEWER_STALE_SECS && beat - now <= 60;
    free(value);
    return live;
}

int room_viewer_beat(struct pbl_store *st, const char *uuid, time_t now)
{
    char key[80], at[STORE_TIME_LEN + 1];
    room_key(key, sizeof key, "viewer", uuid);
    clock_iso(now, at);
    return store_set_setting(st, key, at);
}

int room_viewer_gone(struct pbl_store *st, const char *uuid)
{
    char key[80];
    room_key(key, sizeof key, "viewer", uuid);
    return store_set_setting(st, key, NULL);
}

bool room_session_live(struct pbl_store *st, const char *uuid, time_t now)
{
    return store_lock_held(st, uuid, now, NULL);
}

int room_find_live(struct pbl_store *st, char uuid[STORE_UUID_LEN + 1])
{
    struct store_session_list l;
    if (store_list_sessions(st, STORE_LIST_UNFINISHED, &l) != STORE_OK)
        return -1;
    time_t now = clock_now();
    int rc = 1;
    for (size_t i = 0; i < l.n && rc == 1; i++)
        if (l.v[i].kind == STORE_GROUP && l.v[i].status == STORE_ACTIVE &&
            room_session_live(st, l.v[i].uuid, now)) {
            snprintf(uuid, STORE_UUID_LEN + 1, "%s", l.v[i].uuid);
            rc = 0;
        }
    store_session_list_free(&l);
    return rc;
}

/* *text with identifiers hidden: replaced (the old one freed) only when
 * it held one; NULL stays. -1 when memory ran out. */
static int hide_in(const struct phi_set *phi, char **text)
{
    size_t n = 0;
    char *hidden = *text ? phi_replace(phi, *text, ROOM_PHI_HIDDEN, &n) : NULL;
    if (*text && !hidden)
        return -1;
    if (n == 0) {
        free(hidden);
        return 0;
    }
    free(*text);
    *text = hidden;
    return 0;
}

/* What the group typed as the room shows it (the answer, the parking-lot
 * items of a slide): identifiers hidden unless the console showed them
 * on this stage. -1 when memory ran out. */
static int hide_identifiers(struct pbl_store *st, const struct phi_set *phi,
                            struct room_view *v)
{
    if (!phi || phi_shown_here(st, v))
        return 0;
    if (v->answer && !(v->owned = strdup(v->answer)))
        return -1;
    int rc = hide_in(phi, &v->owned);
    v->answer = v->owned;
    for (size_t i = 0; rc == 0 && i < v->carried.n; i++)
        rc = hide_in(phi, &v->carried.v[i].text);
    for (size_t i = 0; rc == 0 && i < v->slide.n; i++)
        if (v->slide.v[i].role == FRAME_ITEM ||
            v->slide.v[i].role == FRAME_ANSWER)
            rc = hide_in(phi, &v->slide.v[i].text);
    return rc;
}

/* The opening or closing stage's slide (frame.h). 0, or -1 with *err. */
static int fill_slide(const struct room_reader *rd, struct room_view *v,
                      char **err)
{
    int rc;
    if (v->kind == STAGE_OPENING) {
        struct store_park_list carried = {0};
        session_carried_parking(v->sess, &carried); /* none on failure */
        rc = frame_opening(rd ? rd->vocab : NULL, &carried, &v->slide);
        store_park_list_free(&carried);
    } else {
        rc = frame_closing(v->sess, &v->slide);
    }
    const char *why = rc < 0 ? session_error(v->sess) : NULL;
    if (rc < 0)
        *err = strdup(why && *why ? why : "out of memory");
    return rc;
}

/* The current stage's parts the room may see, from the followed session. */
static void fill_stage(struct pbl_store *st, struct room_view *v, time_t now)
{
    struct pbl_session *s = v->sess;
    struct session_stage g = session_stage(s);
    v->kind = g.kind;
    v->modpos = g.modpos;
    v->qidx = g.qidx;
    v->nmodules = session_nmodules(s);
    v->group = session_group(s);
    v->box_secs = session_stage_minutes(s) * 60L;
    v->left_secs = v->box_secs - session_stage_elapsed(s, now);
    if (g.kind == STAGE_SUMMARY || g.kind == STAGE_OPENING ||
        g.kind == STAGE_CLOSING)
        return; /* no module */
    const struct pbl_module *m = session_module(s, g.modpos);
    v->title = m->title;
    v->nquestions = m->nquestions;
    v->scenario = m->scenario;
    v->video_title = m->video.title;
    v->video_url = m->video.url;
    v->video_minutes = m->video.minutes;
    if (g.kind == STAGE_VIDEO && module_video_file_exists(m))
        v->video_file = m->video.file;
    if (g.kind == STAGE_SCENARIO)
        v->scroll_permille = scroll_here(st, v->uuid, g.modpos);
    if (g.kind == STAGE_SCENARIO && session_current(s) == 0)
        session_carried_parking(s, &v->carried); /* none on failure */
    if (g.kind != STAGE_QUESTION)
        return;
    const struct pbl_question *q = &m->questions[g.qidx];
    const struct session_answer *a = session_answer(s, g.modpos, g.qidx);
    v->question = q->prompt;
    v->answer = a->text;
    v->revealed = a->revealed && !hidden_here(st, v->uuid, g.modpos, g.qidx);
    if (!v->revealed)
        return; /* the model answer and key points only after reveal */
    v->model = q->answer;
    v->points = &q->points;
    v->named = a->skills;
}

int room_read(struct pbl_store *st, const char *uuid,
              const struct room_reader *rd, time_t now, struct room_view *v,
              char **err)
{
    struct store_session info;
    memset(v, 0, sizeof *v);
    snprintf(v->uuid, sizeof v->uuid, "%s", uuid);
    *err = NULL;
    int rc = store_get_session(st, uuid, &info);
    if (rc != STORE_OK) {
        *err = strdup(rc == STORE_NOT_FOUND ? "the session was deleted"
                                            : store_error(st));
        return -1;
    }
    bool finished = info.status != STORE_ACTIVE;
    store_session_free(&info);
    if (finished) {
        v->state = ROOM_FINISHED;
        return 0;
    }
    if (!room_session_live(st, uuid, now)) {
        v->state = ROOM_STOPPED;
        return 0;
    }
    if (session_open(st, uuid, SESSION_FOLLOW, &v->sess, NULL, err) != 0)
        return -1;
    v->state = ROOM_LIVE;
    v->blank = room_flag(st, "blank", uuid);
    v->countdown = room_flag(st, "countdown", uuid);
    fill_stage(st, v, now);
    if ((v->kind == STAGE_OPENING || v->kind == STAGE_CLOSING) &&
        fill_slide(rd, v, err) < 0)
        return -1;
    if (hide_identifiers(st, rd ? rd->phi : NULL, v) < 0) {
        *err = strdup("out of memory");
        return -1;
    }
    return 0;
}

void room_summary_module(const struct room_view *v, size_t i,
                         const char **title, unsigned *named)
{
    unsigned missed;
    *title = session_module(v->sess, (int)i)->title;
    session_module_skills(v->sess, (int)i, named, &missed);
}

void room_view_free(struct room_view *v)
{
    if (v->sess)
        session_free(v->sess);
    v->sess = NULL;
    free(v->owned);
    v->owned = NULL;
    frame_slide_free(&v->slide);
    store_park_list_free(&v->carried);
}
