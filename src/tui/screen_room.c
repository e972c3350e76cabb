/* screen_room.c - the room view (`pbl room`): the projector's screen of a
 * session that a console in another process runs. It reads the store
 * only through room.h, asks every ROOM_POLL_MS whether the database
 * changed (PRAGMA data_version) and redraws only when it did: between
 * polls the process sleeps in poll(2). No key changes the session: q
 * quits, b blanks this screen, ? shows the keys. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/bigfont.h"
#include "pbl/clock.h"
#include "pbl/qr.h"
#include "pbl/room.h"
#include "pbl/text.h"
#include "room_draw.h"
#include "tui.h"

#define WIDE_MEASURE 80 /* the most, for a scenario that would not fit */

struct room {
    char fixed[STORE_UUID_LEN + 1]; /* the session named, or "" */
    struct room_view v;
    int64_t version;     /* the data version last read */
    int64_t live_ms;     /* when liveness was last checked */
    int64_t beat_ms;     /* when the heartbeat was last written */
    long shown_left;     /* the countdown's seconds on screen */
    char err[256];       /* why the last read failed, or "" */
    struct phi_set *phi; /* the patient identifiers hidden (room_read) */
};

/* The room view's own state. */
static struct room *room_of(const struct tui *t)
{
    return screen_state(t, SCR_ROOM);
}

/* Reads what the room shows now: the session named, else the one
 * followed while its console holds it, else the one a console
 * facilitates now (or the one followed until it stopped). */
static void room_reload(struct tui *t)
{
    struct room *r = room_of(t);
    char uuid[STORE_UUID_LEN + 1] = "";
    if (r->fixed[0])
        snprintf(uuid, sizeof uuid, "%s", r->fixed);
    else if (r->v.state == ROOM_LIVE) /* no search at every key typed */
        snprintf(uuid, sizeof uuid, "%s", r->v.uuid);
    else if (room_find_live(t->store, uuid) < 0)
        snprintf(r->err, sizeof r->err, "%s", store_error(t->store));
    else if (!uuid[0] && r->v.uuid[0] && r->v.state != ROOM_WAITING)
        snprintf(uuid, sizeof uuid, "%s", r->v.uuid);
    room_view_free(&r->v);
    memset(&r->v, 0, sizeof r->v);
    if (!uuid[0])
        return; /* ROOM_WAITING */
    char *err = NULL;
    struct room_reader rd = {r->phi, t->lib.have_vocab ? &t->lib.vocab : NULL};
    if (room_read(t->store, uuid, &rd, clock_now(), &r->v, &err) != 0) {
        snprintf(r->err, sizeof r->err, "%s", err ? err : "out of memory");
        room_view_free(&r->v);
        memset(&r->v, 0, sizeof r->v);
    } else {
        r->err[0] = '\0';
    }
    free(err);
    r->shown_left = r->v.left_secs;
}

/* `pbl room [SESSION]` starts here: the session named, the clock ticking
 * every ROOM_POLL_MS, the first read, the first heartbeat. */
static void room_enter(struct tui *t)
{
    struct room *r = room_of(t);
    if (t->opt->session)
        snprintf(r->fixed, sizeof r->fixed, "%s", t->opt->session);
    t->tick_ms = ROOM_POLL_MS;
    char *err = NULL; /* the program's own patterns broken: the built-in */
    if (!(r->phi = phi_for_store(t->store, &err)) &&
        (r->phi = phi_default()) != NULL)
        tui_message(t, "only the built-in identifier patterns: %s",
                    err ? err : "out of memory");
    free(err);
    store_data_version(t->store, &r->version);
    r->live_ms = r->beat_ms = clock_mono_ms();
    room_reload(t);
    if (r->v.state == ROOM_LIVE)
        room_viewer_beat(t->store, r->v.uuid, clock_now());
}

/* Whether what the room shows went out of date without the database
 * changing: the console died (its lock went stale), or one started. */
static bool liveness_changed(struct tui *t)
{
    struct room *r = room_of(t);
    time_t now = clock_now();
    if (r->v.state == ROOM_LIVE)
        return !room_session_live(t->store, r->v.uuid, now);
    if (r->fixed[0])
        return room_session_live(t->store, r->fixed, now);
    char uuid[STORE_UUID_LEN + 1];
    return room_find_live(t->store, uuid) == 0;
}

/* A clock tick (every ROOM_POLL_MS): reads again when the database
 * changed, when the console came or went, or when the countdown shown
 * moved a second; else the frame stays as it is (nothing is drawn). */
static void room_tick(struct tui *t)
{
    struct room *r = room_of(t);
    int64_t ms = clock_mono_ms(), version = r->version;
    bool changed = store_data_version(t->store, &version) == STORE_OK &&
                   version != r->version;
    r->version = version;
    if (!changed && ms - r->live_ms >= ROOM_LIVENESS_MS) {
        r->live_ms = ms;
        changed = liveness_changed(t);
    }
    if (changed)
        room_reload(t);
    /* the heartbeat waits for a quiet tick, so that it never queues
     * behind the console's writes while the group's answer is typed */
    int64_t since = ms - r->beat_ms;
    if (r->v.state == ROOM_LIVE &&
        ((!changed && since >= ROOM_VIEWER_BEAT_SECS * 1000) ||
         since >= (ROOM_VIEWER_STALE_SECS - 2) * 1000)) {
        r->beat_ms = ms;
        room_viewer_beat(t->store, r->v.uuid, clock_now());
    }
    bool clock_moved = false;
    if (r->v.state == ROOM_LIVE && r->v.countdown && r->v.box_secs) {
        long left =
            r->v.box_secs - session_stage_elapsed(r->v.sess, clock_now());
        clock_moved = left != r->shown_left;
        r->shown_left = r->v.left_secs = left;
    }
    t->unchanged = !changed && !clock_moved;
}

/* The clock's tick polls; b blanks this screen, q quits (? is global). */
static void room_key(struct tui *t, int key, enum action a)
{
    if (key == TK_TICK)
        room_tick(t);
    else if (a == A_BLANK)
        t->overlay = OV_BLANK;
    else if (a == A_ROOM_QUIT)
        t->quit = true;
}

/* ---- drawing --------------------------------------------------------- */

/* The running text's column: MEASURE wide, centred (narrower screens use
 * what they have inside the margins). */
void room_measure(const struct tui *t, int *x, int *w)
{
    int m = theme_margin(t), avail = t->cols - 2 * m;
    *w = avail < MEASURE ? avail : MEASURE;
    *x = (t->cols - *w) / 2;
}

/* A heading in block letters, centred when it fits on one line, within
 * `maxrows`; plain and centred otherwise. Returns the rows used. */
int room_big_heading(struct tui *t, int y, int maxrows, enum elem e,
                     const char *text)
{
    int m = theme_margin(t), avail = t->cols - 2 * m;
    int tw = text_width(text, strlen(text));
    if (theme_big(t) && tw * BIGFONT_CELL <= avail) {
        int x = (t->cols - tw * BIGFONT_CELL) / 2;
        int rows = draw_big(t, y, x, tw * BIGFONT_CELL + 1, maxrows, e, text);
        if (rows)
            return rows;
    }
    if (theme_big(t)) {
        int rows = draw_big(t, y, m, avail, maxrows, e, text);
        if (rows)
            return rows;
    }
    int x, w;
    room_measure(t, &x, &w);
    if (tw < w)
        x += (w - tw) / 2;
    int rows = draw_wrapped(t, y, x, w, maxrows, 0, e, text);
    return rows < maxrows ? rows : maxrows;
}

/* Text at the measure, its last rows when it is taller than `h` (what is
 * being typed stays in sight). Returns the rows used. */
static int draw_measured(struct tui *t, int y, int h, enum elem e,
                         const char *text, bool tail)
{
    int x, w;
    room_measure(t, &x, &w);
    int n = wrapped_rows(text, w);
    int skip = tail && n > h ? n - h : 0;
    draw_wrapped(t, y, x, w, h, skip, e, text);
    return n - skip < h ? n - skip : h;
}

/* A sentence centred on the screen, for the states without a session. */
static void draw_state(struct tui *t, const char *big, const char *line)
{
    int y = t->rows / 3;
    y += room_big_heading(t, y, t->rows / 3, E_TITLE, big) + 2;
    draw_measured(t, y, t->rows - y - 2, E_NORMAL, line, false);
}

/* On a tall screen (a projector at 120x35 or 200x50) the rows beyond 24
 * are used: the text starts lower, and its parts stand further apart,
 * at the same places whatever is typed (nothing jumps while typing). */
int room_top(const struct tui *t, int top)
{
    return t->rows >= 35 ? top + (t->rows - 24) / 4 : top;
}

/* The blank rows between the parts of a stage. */
int room_gap(const struct tui *t)
{
    return t->rows >= 35 ? 2 : 1;
}

static void draw_scenario(struct tui *t, const struct room_view *v, int top,
                          int bottom)
{
    int x, w;
    room_measure(t, &x, &w);
    int total = wrapped_rows(v->scenario, w);
    top = room_top(t, top);
    int y = top;
    if (bottom - top - BIGFONT_ROWS - room_gap(t) >= total) {
        /* the title in block letters while the scenario fits below it */
        y += room_big_heading(t, top, (bottom - top) / 3, E_TITLE, v->title);
        y += room_gap(t);
    } else if (total > bottom - top) {
        /* else the header's title only, and a measure up to WIDE_MEASURE
         * when that makes it fit in the rows there are */
        int m = theme_margin(t), wide = t->cols - 2 * m;
        wide = wide < WIDE_MEASURE ? wide : WIDE_MEASURE;
        int rows = wrapped_rows(v->scenario, wide);
        if (rows <= bottom - top) {
            x = (t->cols - wide) / 2;
            w = wide;
            total = rows;
        }
    }
    y += room_draw_carried(t, v, y, (bottom - y) / 2); /* first stage */
    int h = bottom - y, skip = 0;
    if (total > h) /* where the console scrolled it; a row says there is more */
        skip = (int)((long)v->scroll_permille * (total - h + 1) / 1000);
    draw_wrapped(t, y, x, w, total > h ? h - 1 : h, skip, E_NORMAL,
                 v->scenario);
    if (total > h && skip + h - 1 < total)
        draw_text(t, bottom - 1, x, w, E_DIM, "…");
}

/* The largest QR code that fits in h rows and w columns (up to three
 * times the size); -1 when none does. */
static int fitting_qr(const struct tui *t, const char *url, int h, int w,
                      struct pbl_qr *qr)
{
    bool dark = t->theme != theme_find("light");
    for (int scale = 3; scale >= 1; scale--) {
        if (qr_render_scaled(url, dark, scale, qr) != 0)
            return -1;
        if ((int)qr->nlines <= h && qr->cols <= w)
            return 0;
        qr_free(qr);
    }
    return -1;
}

/* The video's title, link and length in columns x..x+w (centred there),
 * from row y; returns the row after them. */
static int draw_video_text(struct tui *t, const struct room_view *v, int y,
                           int x, int w, int maxrows)
{
    char line[300];
    snprintf(line, sizeof line, "%s",
             v->video_title ? v->video_title : "Video");
    int tw = text_width(line, strlen(line));
    int rows = 0;
    if (theme_big(t) && tw * BIGFONT_CELL <= w)
        rows = draw_big(t, y, x + (w - tw * BIGFONT_CELL) / 2,
                        tw * BIGFONT_CELL + 1, maxrows, E_TITLE, line);
    if (!rows)
        rows = draw_wrapped(t, y, x + (tw < w ? (w - tw) / 2 : 0), w, 2, 0,
                            E_TITLE, line);
    y += rows + 1;
    const char *url = v->video_url ? v->video_url : "";
    int uw = text_width(url, strlen(url)), big = 0;
    if (theme_big(t) && !t->ascii && uw * BIGFONT_CELL <= w) /* large */
        big = draw_big(t, y, x + (w - uw * BIGFONT_CELL) / 2,
                       uw * BIGFONT_CELL + 1, BIGFONT_ROWS, E_LINK, url);
    if (big)
        y += big + 1;
    else
        y += draw_wrapped(t, y, uw < w ? x + (w - uw) / 2 : x, w, 3, 0, E_LINK,
                          url) +
             1;
    if (v->video_minutes)
        snprintf(line, sizeof line, "%d minutes · scan the code with a phone",
                 v->video_minutes);
    else
        snprintf(line, sizeof line, "scan the code with a phone");
    int lw = text_width(line, strlen(line));
    y +=
        draw_wrapped(t, y, lw < w ? x + (w - lw) / 2 : x, w, 2, 0, E_DIM, line);
    if (v->video_file) { /* the local copy, for a room without internet */
        snprintf(line, sizeof line, "also here as %s", v->video_file);
        lw = text_width(line, strlen(line));
        y += draw_wrapped(t, y, lw < w ? x + (w - lw) / 2 : x, w, 2, 0,
                          E_NORMAL, line);
    }
    return y + 1;
}

/* The video: its title, the link and the QR code below them, as large as
 * fits; beside them when the screen is too short for that. */
static void draw_video(struct tui *t, const struct room_view *v, int top,
                       int bottom)
{
    const char *url = v->video_url ? v->video_url : "";
    int m = theme_margin(t), avail = t->cols - 2 * m;
    struct pbl_qr qr;
    /* the title and the link (each in block letters, or not), the length */
    int text_rows =
        2 * (theme_big(t) ? BIGFONT_ROWS : 1) + 2 + 2 + (v->video_file ? 1 : 0);
    if (t->ascii) {
        draw_video_text(t, v, top, m, avail, (bottom - top) / 4);
    } else if (fitting_qr(t, url, bottom - top - text_rows, avail, &qr) == 0) {
        int y = draw_video_text(t, v, top, m, avail, (bottom - top) / 4);
        int qx = (t->cols - qr.cols) / 2,
            qy = y + (bottom - y - (int)qr.nlines) / 2;
        for (size_t i = 0; i < qr.nlines; i++)
            draw_text(t, qy + (int)i, qx, qr.cols, E_NORMAL, qr.lines[i]);
        qr_free(&qr);
    } else if (fitting_qr(t, url, bottom - top, avail / 2, &qr) == 0) {
        int qx = m + avail - qr.cols,
            qy = top + (bottom - top - (int)qr.nlines) / 2;
        for (size_t i = 0; i < qr.nlines; i++)
            draw_text(t, qy + (int)i, qx, qr.cols, E_NORMAL, qr.lines[i]);
        draw_video_text(t, v, top + (bottom - top - text_rows) / 2, m,
                        avail - qr.cols - 2, BIGFONT_ROWS);
        qr_free(&qr);
    } else {
        draw_video_text(t, v, top, m, avail, (bottom - top) / 4);
    }
}

/* "Empathy, Reliability" of a SKILL_BIT set, or "none". */
static void skills_line(unsigned named, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < SKILL_COUNT && len < n; k++)
        if (named & SKILL_BIT(k))
            len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
                                    skill_name((enum pbl_skill)k));
    if (!buf[0])
        snprintf(buf, n, "none yet");
}

/* The model answer, its key points and the skills named, at x, w. */
static int draw_revealed(struct tui *t, const struct room_view *v, int y, int x,
                         int w, int h)
{
    int y0 = y, end = y + h;
    char buf[600];
    draw_text(t, y++, x, w, E_HEADING, "Model answer");
    y += draw_wrapped(t, y, x, w, end - y, 0, E_MODEL, v->model);
    for (size_t i = 0; v->points && i < v->points->n && y < end; i++) {
        snprintf(buf, sizeof buf, "• %s", v->points->v[i]);
        y += draw_wrapped(t, y, x + 2, w - 2, end - y, 0, E_NORMAL, buf);
    }
    int gap = room_gap(t);
    if (y + gap < end) {
        char names[200];
        skills_line(v->named, names, sizeof names);
        snprintf(buf, sizeof buf, "Skills named: %s", names);
        y += gap + draw_wrapped(t, y + gap, x, w, end - y - gap, 0, E_ON, buf);
    }
    return y - y0;
}

static void draw_question(struct tui *t, const struct room_view *v, int top,
                          int bottom)
{
    top = room_top(t, top);
    int gap = room_gap(t);
    int y =
        top +
        room_big_heading(t, top, (bottom - top) / 3, E_HEADING, v->question) +
        gap;
    const char *answer = v->answer && v->answer[0] ? v->answer : NULL;
    int x, w;
    room_measure(t, &x, &w);
    bool beside = v->revealed && t->cols >= 2 * MEASURE + 10;
    if (beside) { /* the answer left, the model answer right */
        int between = 6;
        x = (t->cols - 2 * MEASURE - between) / 2;
        draw_text(t, y, x, MEASURE, E_DIM, "The group's answer");
        draw_wrapped(t, y + 1, x, MEASURE, bottom - y - 1, 0,
                     answer ? E_ANSWER : E_DIM,
                     answer ? answer : "(nothing yet)");
        draw_revealed(t, v, y, x + MEASURE + between, MEASURE, bottom - y);
        return;
    }
    draw_text(t, y++, x, w, E_DIM, "The group's answer");
    int h = v->revealed ? (bottom - y) / 3 : bottom - y;
    y += draw_measured(t, y, h < 1 ? 1 : h, answer ? E_ANSWER : E_DIM,
                       answer ? answer : "(nothing yet)", true);
    if (v->revealed && y + gap + 1 < bottom)
        draw_revealed(t, v, y + gap, x, w, bottom - y - gap);
}

static void draw_summary(struct tui *t, const struct room_view *v, int top,
                         int bottom)
{
    top = room_top(t, top);
    int y = top +
            room_big_heading(t, top, (bottom - top) / 3, E_TITLE,
                             "Session summary") +
            room_gap(t);
    int x, w;
    room_measure(t, &x, &w);
    for (size_t i = 0; i < v->nmodules && y + 1 < bottom; i++) {
        const char *title;
        unsigned named;
        char names[200], buf[300];
        room_summary_module(v, i, &title, &named);
        draw_text(t, y++, x, w, E_HEADING, title);
        skills_line(named, names, sizeof names);
        snprintf(buf, sizeof buf, "Skills named: %s", names);
        y += draw_wrapped(t, y, x + 2, w - 2, bottom - y, 0, E_ON, buf) + 1;
    }
}

/* The countdown, when the console turned it on: in block letters at the
 * bottom right when there is room, else on the status line. */
static bool draw_countdown(struct tui *t, const struct room_view *v,
                           char *status, size_t n)
{
    if (!v->countdown || !v->box_secs)
        return false;
    long s = v->left_secs < 0 ? -v->left_secs : v->left_secs;
    char clock[32];
    snprintf(clock, sizeof clock, "%s%02ld:%02ld", v->left_secs < 0 ? "-" : "",
             s / 60, s % 60);
    snprintf(status, n, "%s %s", v->left_secs < 0 ? "over" : "left", clock);
    int cw = (int)strlen(clock) * BIGFONT_CELL;
    if (!theme_big(t) || t->cols < 120 || !bigfont_supported(clock))
        return false;
    draw_big(t, t->rows - 1 - BIGFONT_ROWS, t->cols - theme_margin(t) - cw,
             cw + 1, BIGFONT_ROWS, v->left_secs < 0 ? E_MISSED : E_HEADING,
             clock);
    return true;
}

/* The header (module, where in it), the stage or the state, the status
 * line; nothing at all while the console has blanked the room. */
static void room_draw(struct tui *t)
{
    struct room *r = room_of(t);
    const struct room_view *v = &r->v;
    if (v->state == ROOM_LIVE && v->blank)
        return; /* blanked by the console: the projector shows black */
    char left[300], right[64] = "", head[64] = "";
    int m = theme_margin(t), top = 2, bottom = t->rows - 2;
    switch (v->state) {
    case ROOM_WAITING:
        draw_state(t, "Waiting",
                   r->err[0] ? r->err
                             : "No group session is being facilitated now. "
                               "This screen follows the next one that starts "
                               "(pbl facilitate or pbl resume).");
        break;
    case ROOM_STOPPED:
        draw_state(t, "Session stopped",
                   "The facilitator's console has closed this session. "
                   "This screen follows it again when it is resumed.");
        break;
    case ROOM_FINISHED:
        draw_state(t, "Thank you", "The session is finished.");
        break;
    case ROOM_LIVE:
        if (v->kind == STAGE_OPENING || v->kind == STAGE_CLOSING) {
            snprintf(head, sizeof head, "%s",
                     v->kind == STAGE_OPENING ? "before the modules"
                                              : "after the modules");
            int hw = text_width(head, strlen(head));
            draw_text(t, 0, t->cols - m - hw, hw, E_DIM, head);
        } else if (v->kind != STAGE_SUMMARY) {
            draw_text(t, 0, m, t->cols - 2 * m - 34, E_DIM, v->title);
            if (v->kind == STAGE_QUESTION)
                snprintf(head, sizeof head, "Question %d of %zu", v->qidx + 1,
                         v->nquestions);
            else
                snprintf(head, sizeof head, "module %d of %zu", v->modpos + 1,
                         v->nmodules);
            int hw = text_width(head, strlen(head));
            draw_text(t, 0, t->cols - m - hw, hw, E_DIM, head);
        }
        if (draw_countdown(t, v, right, sizeof right))
            bottom -= BIGFONT_ROWS;
        if (v->kind == STAGE_SCENARIO)
            draw_scenario(t, v, top, bottom);
        else if (v->kind == STAGE_VIDEO)
            draw_video(t, v, top, bottom);
        else if (v->kind == STAGE_QUESTION)
            draw_question(t, v, top, bottom);
        else if (v->kind == STAGE_OPENING || v->kind == STAGE_CLOSING)
            room_draw_slide(t, v, top, bottom);
        else
            draw_summary(t, v, top, bottom);
        break;
    }
    snprintf(left, sizeof left, "room view%s%s · q quits · b blanks · ? keys",
             v->group ? " · " : "", v->group ? v->group : "");
    draw_status(t, t->msg[0] ? t->msg : left, right[0] ? right : NULL,
                v->left_secs < 0 ? E_STATUS_OVER : E_STATUS);
}

/* The room's keys are its own (W_ROOM). */
static unsigned room_where(const struct tui *t)
{
    (void)t;
    return W_ROOM;
}

/* Quitting: the console is told at once that no room follows. */
static void room_free(struct tui *t)
{
    struct room *r = room_of(t);
    if (!r)
        return;
    if (r->v.state == ROOM_LIVE)
        room_viewer_gone(t->store, r->v.uuid);
    room_view_free(&r->v);
    phi_free(r->phi);
    r->phi = NULL;
}

const struct screen_ops room_screen = {
    .enter = room_enter,
    .draw = room_draw,
    .key = room_key,
    .where = room_where,
    .free = room_free,
    .state_size = sizeof(struct room),
};
