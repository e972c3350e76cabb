/* screen_home.c - the home screen: resume an unfinished session (listed first),
 * start a new group session, or quit. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/sync.h"
#include "tui.h"

#define MAX_RESUME 5

/* The home screen's state. */
struct home {
    struct list list;
    struct store_session_list unfinished;
    pid_t sync_pid; /* a background `pbl sync` running (sync_bg.c), or 0 */
};

static struct home *home_of(const struct tui *t)
{
    return screen_state(t, SCR_HOME);
}

static int nresume(const struct tui *t)
{
    size_t n = home_of(t)->unfinished.n;
    return n < MAX_RESUME ? (int)n : MAX_RESUME;
}

/* Entries: the unfinished sessions, then these. */
static const char *const entries[] = {"New group session", "Self-study",
                                      "Review recorded sessions",
                                      "Module library", "Quit"};
#define NFIXED ((int)(sizeof entries / sizeof entries[0]))

static int nentries(const struct tui *t)
{
    return nresume(t) + NFIXED;
}

/* Reads the unfinished sessions again; the first entry selected. */
static void home_entered(struct tui *t)
{
    struct home *h = home_of(t);
    store_session_list_free(&h->unfinished);
    if (store_list_sessions(t->store, STORE_LIST_UNFINISHED, &h->unfinished) !=
        STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    h->list.sel = 0;
}

void home_enter(struct tui *t)
{
    tui_enter(t, SCR_HOME);
}

/* "Resume  Tuesday group (open on laptop-3) · promised-read, emergent-lp ·
 * 2026-11-23 14:05 · at q2": `host` is the console's that has it open now,
 * or NULL. */
static void resume_label(const struct store_session *s, const char *host,
                         char *buf, size_t n)
{
    size_t len = (size_t)snprintf(buf, n, "Resume  %s%s%s%s ·",
                                  s->group_name ? s->group_name
                                  : s->resident ? s->resident
                                                : "(unnamed)",
                                  host ? " (open on " : "", host ? host : "",
                                  host ? ")" : "");
    for (size_t i = 0; i < s->module_ids.n && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s %s", i ? "," : "",
                                s->module_ids.v[i]);
    if (len < n)
        snprintf(buf + len, n - len, " · %.10s %.5s · at %s", s->started_at,
                 s->started_at + 11, s->stage);
}

static void home_draw(struct tui *t)
{
    struct home *h = home_of(t);
    int m = theme_margin(t), w = t->cols - 2 * m;
    draw_text(t, 1, m, w, E_TITLE, "pbl — problem-based learning sessions");
    char line[512], hub[512];
    /* the hub's line (when one is set): on line 3 when free, else below
     * the entries, else in place of line 2, so that it always shows */
    bool has_hub = sync_status_line(t->store, hub, sizeof hub);
    bool crowded = h->unfinished.n > MAX_RESUME;
    int below = 4 + 2 * nentries(t);
    snprintf(line, sizeof line, "%zu modules in the library · database %s",
             t->lib.n, store_path(t->store));
    draw_text(t, 2, m, w, E_DIM,
              has_hub && crowded && below >= t->rows - 2 ? hub : line);
    if (has_hub && !crowded)
        draw_text(t, 3, m + 2, w - 2, E_DIM, hub);
    else if (has_hub && below < t->rows - 2)
        draw_text(t, below, m + 2, w - 4, E_DIM, hub);
    int y = 4;
    /* never hide an unfinished session without saying so: on line 3, so
     * that it shows at 80x24 too, above the entries */
    if (h->unfinished.n > MAX_RESUME) {
        snprintf(line, sizeof line,
                 "%zu more unfinished (%zu in all): pbl resume --list shows "
                 "them all",
                 h->unfinished.n - MAX_RESUME, h->unfinished.n);
        draw_text(t, 3, m + 2, w - 2, E_DIM, line);
    }
    for (int i = 0; i < nentries(t); i++) {
        struct store_lock holder; /* open in another console now */
        if (i < nresume(t))
            resume_label(&h->unfinished.v[i],
                         store_lock_held(t->store, h->unfinished.v[i].uuid,
                                         clock_now(), &holder)
                             ? holder.host
                             : NULL,
                         line, sizeof line);
        else
            snprintf(line, sizeof line, "%s", entries[i - nresume(t)]);
        enum elem e = list_bar(t, &h->list, i, y, m, w, E_NORMAL);
        draw_text(t, y, m + 2, w - 4, e, line);
        y += 2;
    }
    static const struct key_hint hints[] = {HINT(A_NEW_SESSION, "new session"),
                                            HINT(A_STUDY, "self-study"),
                                            HINT(A_REVIEW, "review"),
                                            HINT(A_LIBRARY, "library"),
                                            HINT(A_QUIT, "quit"),
                                            HINT(A_HELP, "keys")};
    char status[200] = "";
    draw_status(t, t->msg[0] ? t->msg : KEY_HINTS(status, hints, false), NULL,
                E_STATUS);
}

static void resume(struct tui *t, int i)
{
    tui_resume(t, home_of(t)->unfinished.v[i].uuid, SESSION_RESUME);
}

static void library(struct tui *t)
{
    t->study = false;
    t->browse = true;
    picker_open(t);
}

/* A new session starts from an empty form: what an abandoned one held is
 * not kept (typing would add to it). */
static void new_group_session(struct tui *t)
{
    t->study = false;
    t->browse = false;
    t->npicked = 0;
    picker_open(t);
    for (int f = 0; f < FORM_FIELDS; f++)
        input_set(&t->field[f], NULL);
}

static void choose(struct tui *t, int i)
{
    if (i < nresume(t))
        resume(t, i);
    else if (i == nresume(t))
        new_group_session(t);
    else if (i == nresume(t) + 1)
        selfstudy_begin(t);
    else if (i == nresume(t) + 2)
        review_enter(t);
    else if (i == nresume(t) + 3)
        library(t);
    else
        t->quit = true;
}

static void home_key(struct tui *t, int key, enum action a)
{
    struct home *h = home_of(t);
    if (list_move(&h->list, a, nentries(t), true))
        return;
    switch (a) {
    case A_SELECT:
        choose(t, h->list.sel);
        break;
    case A_NEW_SESSION:
        new_group_session(t);
        break;
    case A_STUDY:
        selfstudy_begin(t);
        break;
    case A_REVIEW:
        review_enter(t);
        break;
    case A_LIBRARY:
        library(t);
        break;
    case A_ROSTER_SCREEN:
        tui_enter(t, SCR_ROSTER);
        break;
    case A_SYNC:
        home_sync_start(t, true);
        break;
    case A_RESUME:
        if (nresume(t))
            resume(t, 0);
        else
            tui_message(t, "no unfinished session to resume");
        break;
    default:
        break;
    }
}

/* See tui.h. */
void home_sync_start(struct tui *t, bool asked)
{
    struct home *h = home_of(t);
    if (!sync_hub_set(t->store)) {
        if (asked)
            tui_message(t, "no hub set: pbl db set hub URL (see README)");
    } else if (h->sync_pid > 0) {
        if (asked)
            tui_message(t, "a sync is already running");
    } else if (sync_bg_start(store_path(t->store), &h->sync_pid) != 0) {
        tui_message(t, "cannot start a sync in the background");
    } else if (asked) {
        tui_message(t, "syncing with the hub in the background");
    }
}

/* See tui.h. */
void home_sync_tick(struct tui *t)
{
    if (!sync_bg_done(&home_of(t)->sync_pid))
        return;
    char line[512];
    if (sync_status_line(t->store, line, sizeof line) && strstr(line, "failed"))
        tui_message(t, "%s", line);
    else
        tui_message(t, "synced with the hub");
}

static unsigned home_where(const struct tui *t)
{
    return W_HOME;
}

static void home_free(struct tui *t)
{
    store_session_list_free(&home_of(t)->unfinished);
}

const struct screen_ops home_screen = {
    .enter = home_entered,
    .draw = home_draw,
    .key = home_key,
    .where = home_where,
    .free = home_free,
    .state_size = sizeof(struct home),
};
