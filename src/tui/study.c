/* study.c - self-study for a resident: the name (asked once, remembered
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

void study_forget(struct tui *t)
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
void study_switch_resident(struct tui *t)
{
    memset(t->field, 0, sizeof t->field);
    t->field_sel = 0;
    t->screen = SCR_FORM;
}

static void show_picker(struct tui *t)
{
    load_progress(t);
    t->study = true;
    t->browse = false;
    t->screen = SCR_PICKER;
    t->npicked = 0;
    input_set(&t->search, NULL); /* not review's search */
}

/* Self-study from the home screen or `pbl study`: asks the name when no
 * name is known yet, then shows the picker (or starts `pbl study ID`). */
void study_begin(struct tui *t)
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
        memset(t->field, 0, sizeof t->field);
        t->field_sel = 0;
        t->screen = SCR_FORM;
        return;
    }
    show_picker(t);
    if (t->study_id) {
        const struct pbl_module *m = library_find(&t->lib, t->study_id);
        size_t k = 0;
        while (m && t->lib.mods[k] != m)
            k++;
        if (m)
            study_start_module(t, k);
        else
            tui_message(t, "no module with id '%s'", t->study_id);
        t->study_id = NULL;
    }
}

/* The form's only field in self-study: the resident's name. */
void study_name_entered(struct tui *t, const char *name)
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
void study_start_module(struct tui *t, size_t k)
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

void study_start_over_key(struct tui *t, size_t k)
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
void study_after_finish(struct tui *t)
{
    show_picker(t);
}

void study_show_progress(struct tui *t)
{
    load_progress(t);
    t->pr_sel = 0;
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
                          bool selected)
{
    int m = theme_margin(t), w = t->cols - 2 * m;
    char due[64], label[160], line[320];
    study_due_label(mp->due, now, due, sizeof due);
    study_progress_label(mp, label, sizeof label);
    snprintf(line, sizeof line, "%-20s %s \u00b7 %s", mp->module->id, due,
             label);
    draw_text(t, y, m + 2, w - 2, selected ? E_SELECTED : E_NORMAL, line);
}

void progress_draw(struct tui *t)
{
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
    if (t->pr_sel >= (int)n)
        t->pr_sel = n ? (int)n - 1 : 0;
    time_t now = clock_now();
    for (size_t i = 0; i < n && y < t->rows - 2; i++, y++)
        progress_line(t, y, &p->v[idx[i]], now, (int)i == t->pr_sel);
    size_t soon = study_coming_up(p, now, idx, 64);
    if (soon && y + 2 < t->rows - 2) {
        y++;
        draw_text(t, y++, m, w, E_HEADING, "Coming up");
    }
    for (size_t i = 0; i < soon && y < t->rows - 2; i++, y++)
        progress_line(t, y, &p->v[idx[i]], now, false);
    draw_status(t, t->msg[0] ? t->msg : "Enter practise · Esc back · ? keys",
                NULL, E_STATUS);
}

void progress_key(struct tui *t, int key, enum action a)
{
    size_t idx[64];
    size_t n = practise_list(t, idx, 64);
    switch (a) {
    case A_UP:
        t->pr_sel -= t->pr_sel > 0;
        break;
    case A_DOWN:
        t->pr_sel += t->pr_sel + 1 < (int)n;
        break;
    case A_SELECT:
        if (n) /* progress is in library order */
            study_start_module(t, idx[t->pr_sel]);
        break;
    case A_BACK:
        show_picker(t);
        break;
    default:
        break;
    }
}
