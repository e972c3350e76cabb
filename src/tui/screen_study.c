/* screen_study.c - self-study for a resident: the name (asked once, remembered
 * for the workstation), the picker with progress, one module at a time,
 * and the progress screen with what to practise next. The question
 * screens are the group session's, with the self-study rules of the
 * session state machine (reveal only after answering or giving up). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "tui.h"

#define SETTING_RESIDENT "resident"

/* Reloads the resident's progress over the library. */
static void load_progress(struct tui *t)
{
    char *err = NULL;
    if (t->have_progress)
        study_progress_free(&t->progress);
    t->have_progress = false;
    if (!t->resident)
        return;
    if (study_progress(t->store, t->resident, &t->lib, &t->progress, &err) <
        0) {
        tui_message(t, "progress unavailable: %s", err ? err : "?");
        free(err);
        return;
    }
    t->have_progress = true;
}

void selfstudy_forget(struct tui *t)
{
    if (t->have_progress)
        study_progress_free(&t->progress);
    t->have_progress = false;
    free(t->resident);
    t->resident = NULL;
}

/* Remembers the name on this workstation (in the database), and says
 * so: the next `pbl study` here studies as this name. */
static void remember_resident(struct tui *t)
{
    if (store_set_setting(t->store, SETTING_RESIDENT, t->resident) != STORE_OK)
        tui_message(t, "name not remembered: %s", store_error(t->store));
    else
        tui_message(t, "%s is remembered on this workstation from now on",
                    t->resident);
}

/* `w` on the picker: asks whose study this is (the form's one field). */
void selfstudy_switch_resident(struct tui *t)
{
    form_open(t, true);
}

static void show_picker(struct tui *t)
{
    load_progress(t);
    t->study = true;
    t->browse = false;
    t->npicked = 0;
    picker_open(t);
}

/* Self-study from the home screen or `pbl study`: asks the name when no
 * name is known yet, then shows the picker (or starts `pbl study ID`). */
void selfstudy_begin(struct tui *t)
{
    t->study = true;
    if (t->resident) { /* --resident: this run only, unless --remember */
        if (t->remember) {
            t->remember = false;
            remember_resident(t);
        }
    } else {
        char *name = NULL;
        if (store_get_setting(t->store, SETTING_RESIDENT, &name) == STORE_OK)
            t->resident = name;
    }
    if (!t->resident) {
        form_open(t, true);
        return;
    }
    show_picker(t);
    if (t->study_id) {
        const struct pbl_module *m = library_find(&t->lib, t->study_id);
        size_t k = 0;
        while (m && t->lib.mods[k] != m)
            k++;
        if (m)
            selfstudy_start_module(t, k);
        else
            tui_message(t, "no module with id '%s'", t->study_id);
        t->study_id = NULL;
    }
}

/* The form's only field in self-study: the resident's name. */
void selfstudy_name_entered(struct tui *t, const char *name)
{
    if (!name) {
        tui_message(t, "type your name first");
        return;
    }
    char *known = attend_study_name(t, name);
    if (!known)
        return;
    free(t->resident);
    t->resident = known;
    show_picker(t);
    remember_resident(t); /* after: the picker shows the message */
}

/* Continues the resident's latest unfinished attempt, draft included. */
static void continue_attempt(struct tui *t, const struct study_attempts *a)
{
    struct pbl_session *s;
    char *err = NULL;
    if (session_resume(t->store, a->uuid, &s, &err) < 0) {
        tui_message(t, "cannot continue: %s", err);
        free(err);
        return;
    }
    tui_open_session(t, s);
    stage_entered(t);
    if (a->n > 1)
        tui_message(t,
                    "continuing your attempt of %.10s (%zu more unfinished); "
                    "S in the picker starts over",
                    a->started_at, a->n - 1);
    else
        tui_message(t,
                    "continuing your attempt of %.10s; S in the picker "
                    "starts over",
                    a->started_at);
}

/* Starts a new attempt at library module k. */
static void new_attempt(struct tui *t, size_t k)
{
    const struct pbl_module *mods[] = {t->lib.mods[k]};
    struct store_session_new n = {.kind = STORE_SELF_STUDY,
                                  .resident = t->resident,
                                  .modules = mods,
                                  .nmodules = 1};
    struct pbl_session *s;
    char *err = NULL;
    if (session_start(t->store, &n, &s, &err) < 0) {
        tui_message(t, "cannot start: %s", err);
        free(err);
        return;
    }
    tui_open_session(t, s);
    attend_link_study(t);
    stage_entered(t);
}

/* Picking a module continues the resident's unfinished attempt at it
 * when there is one; otherwise starts a new attempt. */
void selfstudy_start_module(struct tui *t, size_t k)
{
    struct study_attempts a;
    char *err = NULL;
    if (study_unfinished_attempts(t->store, t->resident, t->lib.mods[k]->id, &a,
                                  &err) < 0) {
        tui_message(t, "%s", err);
        free(err);
    } else if (a.n) {
        continue_attempt(t, &a);
    } else {
        new_attempt(t, k);
    }
}

void selfstudy_start_over_key(struct tui *t, size_t k)
{
    const char *id = t->lib.mods[k]->id;
    struct study_attempts a;
    char *err = NULL;
    bool asked = t->start_over_asked == (long)k + 1;
    t->start_over_asked = 0;
    if (study_unfinished_attempts(t->store, t->resident, id, &a, &err) < 0) {
        tui_message(t, "%s", err);
        free(err);
        return;
    }
    if (a.n && !asked) {
        t->start_over_asked = (long)k + 1;
        tui_message(t,
                    "S again: start %s over; your attempt of %.10s is kept "
                    "as abandoned",
                    id, a.started_at);
        return;
    }
    int n = 0;
    if (study_start_over(t->store, t->resident, id, &n, &err) < 0) {
        tui_message(t, "not started over: %s", err);
        free(err);
        return;
    }
    new_attempt(t, k);
}

/* After a finished attempt: back to the picker, progress brought up to
 * date. */
void selfstudy_after_finish(struct tui *t)
{
    show_picker(t);
}

/* The progress screen's state: the list of modules to practise next. */
struct progress_screen {
    struct list list;
};

static struct list *practise_sel(const struct tui *t)
{
    return &((struct progress_screen *)screen_state(t, SCR_PROGRESS))->list;
}

void selfstudy_show_progress(struct tui *t)
{
    load_progress(t);
    practise_sel(t)->sel = 0;
    t->screen = SCR_PROGRESS;
}

void picker_study_label(struct tui *t, size_t k, char *buf, size_t size)
{
    buf[0] = '\0';
    if (t->have_progress && k < t->progress.n)
        study_progress_label(&t->progress.v[k], buf, size);
}

/* ---- the progress screen ------------------------------------------- */

static size_t practise_list(struct tui *t, size_t *idx, size_t max)
{
    if (!t->have_progress)
        return 0;
    return study_practise_next(&t->progress, clock_now(), idx, max);
}

/* One module of the progress screen: its id, when it is due, and how
 * its latest attempt went. */
static void progress_line(struct tui *t, int y,
                          const struct study_module_progress *mp, time_t now,
                          enum elem e)
{
    int m = theme_margin(t), w = t->cols - 2 * m;
    char due[64], label[160], line[320];
    study_due_label(mp->due, now, due, sizeof due);
    study_progress_label(mp, label, sizeof label);
    snprintf(line, sizeof line, "%-20s %s \u00b7 %s", mp->module->id, due,
             label);
    draw_text(t, y, m + 2, w - 2, e, line);
}

static void progress_draw(struct tui *t)
{
    struct list *l = practise_sel(t);
    int m = theme_margin(t), w = t->cols - 2 * m, y = 0;
    char line[256];
    snprintf(line, sizeof line, "Progress of %s",
             t->resident ? t->resident : "?");
    draw_title(t, y, line);
    y += 2;
    if (!t->have_progress) {
        draw_text(t, y, m, w, E_DIM, "(no progress to show)");
        return;
    }
    const struct study_progress *p = &t->progress;
    snprintf(line, sizeof line, "Modules done: %zu of %zu", p->done, p->n);
    draw_text(t, y++, m, w, E_HEADING, line);
    int groups = attend_group_count(t, t->resident);
    if (groups > 0) { /* the roster's record: group sessions too */
        snprintf(line, sizeof line, "Group sessions attended: %d", groups);
        draw_text(t, y++, m, w, E_HEADING, line);
    }
    y++;
    draw_text(t, y++, m, w, E_HEADING, "Skills: named when they mattered");
    enum pbl_skill order[SKILL_COUNT];
    study_weakest_skills(p, order);
    for (int i = 0; i < SKILL_COUNT; i++) {
        int k = order[i];
        if (p->mattered[k])
            snprintf(line, sizeof line, "%-15s %2d of %2d  %3d%%%s",
                     skill_name((enum pbl_skill)k), p->named[k], p->mattered[k],
                     p->named[k] * 100 / p->mattered[k],
                     i == 0 ? "  ← weakest" : "");
        else
            snprintf(line, sizeof line, "%-15s  not yet practised",
                     skill_name((enum pbl_skill)k));
        draw_text(t, y++, m + 2, w - 2,
                  p->mattered[k] && p->named[k] * 2 < p->mattered[k] ? E_MISSED
                                                                     : E_NORMAL,
                  line);
    }
    y++;
    draw_text(t, y++, m, w, E_HEADING, "Practise next (Enter starts it)");
    size_t idx[64];
    size_t n = practise_list(t, idx, 64);
    if (!n)
        draw_text(t, y++, m + 2, w - 2, E_DIM,
                  p->done ? "nothing due now" : "finish a module first");
    list_clamp(l, (int)n, 0);
    time_t now = clock_now();
    for (size_t i = 0; i < n && y < t->rows - 2; i++, y++)
        progress_line(t, y, &p->v[idx[i]], now, list_elem(l, (int)i, E_NORMAL));
    size_t soon = study_coming_up(p, now, idx, 64);
    if (soon && y + 2 < t->rows - 2) {
        y++;
        draw_text(t, y++, m, w, E_HEADING, "Coming up");
    }
    for (size_t i = 0; i < soon && y < t->rows - 2; i++, y++)
        progress_line(t, y, &p->v[idx[i]], now, E_NORMAL);
    static const struct key_hint hints[] = {
        HINT(A_SELECT, "practise"), HINT(A_BACK, "back"), HINT(A_HELP, "keys")};
    char status[120] = "";
    draw_status(t, t->msg[0] ? t->msg : KEY_HINTS(status, hints, false), NULL,
                E_STATUS);
}

static void progress_key(struct tui *t, int key, enum action a)
{
    struct list *l = practise_sel(t);
    size_t idx[64];
    size_t n = practise_list(t, idx, 64);
    if (list_move(l, a, (int)n, false))
        return;
    switch (a) {
    case A_SELECT:
        if (n) /* progress is in library order */
            selfstudy_start_module(t, idx[l->sel]);
        break;
    case A_BACK:
        show_picker(t);
        break;
    default:
        break;
    }
}

static unsigned progress_where(const struct tui *t)
{
    return W_PROGRESS;
}

const struct screen_ops progress_screen = {
    .draw = progress_draw,
    .key = progress_key,
    .where = progress_where,
    .state_size = sizeof(struct progress_screen),
};
