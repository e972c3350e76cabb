/* home.c - the home screen: resume an unfinished session (listed first),
 * start a new group session, or quit. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

#define MAX_RESUME 5

static int nresume(const struct tui *t)
{
    return t->unfinished.n < MAX_RESUME ? (int)t->unfinished.n : MAX_RESUME;
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

void home_enter(struct tui *t)
{
    store_session_list_free(&t->unfinished);
    if (store_list_sessions(t->store, STORE_LIST_UNFINISHED, &t->unfinished) !=
        STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    t->home_sel = 0;
    t->screen = SCR_HOME;
}

/* "Resume  Tuesday group · promised-read, emergent-lp · 2026-11-23 14:05
 * · at q2" */
static void resume_label(const struct store_session *s, char *buf, size_t n)
{
    size_t len = (size_t)snprintf(buf, n, "Resume  %s ·",
                                  s->group_name ? s->group_name
                                  : s->resident ? s->resident
                                                : "(unnamed)");
    for (size_t i = 0; i < s->module_ids.n && len < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s %s", i ? "," : "",
                                s->module_ids.v[i]);
    if (len < n)
        snprintf(buf + len, n - len, " · %.10s %.5s · at %s", s->started_at,
                 s->started_at + 11, s->stage);
}

void home_draw(struct tui *t)
{
    int m = theme_margin(t), w = t->cols - 2 * m;
    draw_text(t, 1, m, w, E_TITLE, "pbl — problem-based learning sessions");
    char line[512];
    snprintf(line, sizeof line, "%zu modules in the library · database %s",
             t->lib.n, store_path(t->store));
    draw_text(t, 2, m, w, E_DIM, line);
    int y = 4;
    /* never hide an unfinished session without saying so: on line 3, so
     * that it shows at 80x24 too, above the entries */
    if (t->unfinished.n > MAX_RESUME) {
        snprintf(line, sizeof line,
                 "%zu more unfinished (%zu in all): pbl resume --list shows "
                 "them all",
                 t->unfinished.n - MAX_RESUME, t->unfinished.n);
        draw_text(t, 3, m + 2, w - 2, E_DIM, line);
    }
    for (int i = 0; i < nentries(t); i++) {
        if (i < nresume(t))
            resume_label(&t->unfinished.v[i], line, sizeof line);
        else
            snprintf(line, sizeof line, "%s", entries[i - nresume(t)]);
        enum elem e = i == t->home_sel ? E_SELECTED : E_NORMAL;
        if (i == t->home_sel) {
            attrset(theme_attr(t, e));
            mvhline(y, m, ' ', w);
        }
        draw_text(t, y, m + 2, w - 4, e, line);
        y += 2;
    }
    draw_status(t,
                t->msg[0] ? t->msg
                          : "n new session · s self-study · v review · l "
                            "library · q quit · ? keys",
                NULL, E_STATUS);
}

static void resume(struct tui *t, int i)
{
    tui_resume(t, t->unfinished.v[i].uuid, SESSION_RESUME);
}

static void library(struct tui *t)
{
    t->study = false;
    t->browse = true;
    t->screen = SCR_PICKER;
    input_set(&t->search, NULL); /* not review's search */
}

/* A new session starts from an empty form: what an abandoned one held is
 * not kept (typing would add to it). */
static void new_group_session(struct tui *t)
{
    t->study = false;
    t->browse = false;
    t->npicked = 0;
    t->screen = SCR_PICKER;
    input_set(&t->search, NULL);
    for (int f = 0; f < 3; f++)
        input_set(&t->field[f], NULL);
    t->field_sel = 0;
}

static void choose(struct tui *t, int i)
{
    if (i < nresume(t))
        resume(t, i);
    else if (i == nresume(t))
        new_group_session(t);
    else if (i == nresume(t) + 1)
        study_begin(t);
    else if (i == nresume(t) + 2)
        review_enter(t);
    else if (i == nresume(t) + 3)
        library(t);
    else
        t->quit = true;
}

void home_key(struct tui *t, int key, enum action a)
{
    switch (a) {
    case A_UP:
        t->home_sel = (t->home_sel + nentries(t) - 1) % nentries(t);
        break;
    case A_DOWN:
        t->home_sel = (t->home_sel + 1) % nentries(t);
        break;
    case A_SELECT:
        choose(t, t->home_sel);
        break;
    case A_NEW_SESSION:
        new_group_session(t);
        break;
    case A_STUDY:
        study_begin(t);
        break;
    case A_REVIEW:
        review_enter(t);
        break;
    case A_LIBRARY:
        library(t);
        break;
    case A_ROSTER_SCREEN:
        roster_screen_open(t);
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
