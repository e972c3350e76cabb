/* screen_picker.c - the module picker: the library with incremental search over
 * id, title, tags and skills; modules are picked in the order they will
 * run. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"
#include "tui.h"

static bool matches(const struct pbl_module *m, const char *q)
{
    if (!*q || text_contains_any_case(m->id, q) ||
        text_contains_any_case(m->title, q))
        return true;
    for (size_t i = 0; i < m->tags.n; i++)
        if (text_contains_any_case(m->tags.v[i], q))
            return true;
    for (int k = 0; k < SKILL_COUNT; k++)
        if ((m->skills & SKILL_BIT(k)) &&
            text_contains_any_case(skill_name((enum pbl_skill)k), q))
            return true;
    return false;
}

/* Columns at the end of a row of the group picker for the module's
 * planned minutes ("  20 min"). */
#define PLAN_COLS 9

/* The picker's state: the modules shown and the search over them. */
struct picker {
    struct list list;
};

static struct list *picker_list(const struct tui *t)
{
    return &((struct picker *)screen_state(t, SCR_PICKER))->list;
}

/* Goes to the picker with its search emptied (how the picker is used, for
 * a group, for self-study or as the library, is t->study and t->browse). */
void picker_open(struct tui *t)
{
    input_set(&picker_list(t)->search, NULL);
    t->screen = SCR_PICKER;
}

/* The library indexes that match the search, in library order. */
static size_t visible(const struct tui *t, size_t *out)
{
    size_t n = 0;
    const char *query = picker_list(t)->search.buf;
    for (size_t i = 0; i < t->lib.n; i++)
        if (matches(t->lib.mods[i], query))
            out[n++] = i;
    return n;
}

/* 1-based place of module i among those picked, or 0. */
static size_t pick_order(const struct tui *t, size_t i)
{
    for (size_t k = 0; k < t->npicked; k++)
        if (t->picked[k] == i)
            return k + 1;
    return 0;
}

static void toggle_pick(struct tui *t, size_t i)
{
    size_t k = pick_order(t, i);
    if (k) {
        memmove(t->picked + k - 1, t->picked + k,
                (t->npicked - k) * sizeof *t->picked);
        t->npicked--;
    } else {
        t->picked[t->npicked++] = i;
    }
}

/* One row of the study picker in `width` columns: the module's id, its
 * title (in tw columns) and the resident's progress in columns of their
 * own, each cut with an ellipsis when it does not fit (widths in display
 * columns). */
static void picker_study_row(struct tui *t, int y, int x, int width,
                             enum elem e, size_t i, int tw)
{
    char label[160];
    picker_study_label(t, i, label, sizeof label);
    int idw = width < 22 ? width : 22;
    draw_text(t, y, x, idw, e, t->lib.mods[i]->id);
    if (width > idw + 1)
        draw_text(t, y, x + idw + 1,
                  width - idw - 1 < tw ? width - idw - 1 : tw, e,
                  t->lib.mods[i]->title);
    if (width > idw + tw + 2)
        draw_text(t, y, x + idw + tw + 2, width - idw - tw - 2, e, label);
}

/* Whether the picker may show module k's target skills and customers,
 * which answer its first two questions: in the library, always; in
 * self-study once the resident has finished it; for a group once that
 * group (named with --group or on the form) has been through it. */
static bool answers_shown(struct tui *t, size_t k)
{
    if (t->browse)
        return true;
    if (t->study)
        return t->have_progress && k < t->progress.n &&
               t->progress.v[k].attempts > 0;
    bool done = false;
    const char *group = t->field[0].buf;
    if (group[0] && store_group_did_module(t->store, group, t->lib.mods[k]->id,
                                           &done) != STORE_OK)
        return false;
    return done;
}

/* "Label      text" with the text wrapped beside the label; returns the
 * rows used. */
static int labelled(struct tui *t, int y, int x, int w, int h,
                    const char *label, enum elem e, const char *text)
{
    draw_text(t, y, x, 10, E_DIM, label);
    return draw_wrapped(t, y, x + 11, w - 11, h, 0, e, text);
}

/* The target skills and customers, or a note that they are hidden until
 * the module is done (they would answer questions 1 and 2); returns the
 * rows used. */
static int draw_answers(struct tui *t, size_t k, int y, int x, int w, int h)
{
    const struct pbl_module *m = t->lib.mods[k];
    bool shown = answers_shown(t, k);
    char skills[512] = "", customers[512] = "";
    for (int s = 0; s < SKILL_COUNT; s++)
        if (m->skills & SKILL_BIT(s))
            snprintf(skills + strlen(skills), sizeof skills - strlen(skills),
                     "%s%s", skills[0] ? ", " : "",
                     skill_name((enum pbl_skill)s));
    for (size_t i = 0; i < m->customers.n; i++)
        snprintf(customers + strlen(customers),
                 sizeof customers - strlen(customers), "%s%s", i ? "; " : "",
                 m->customers.v[i]);
    const char *hidden = "shown once the module is done";
    int row = labelled(t, y, x, w, h, "Skills", shown ? E_ON : E_DIM,
                       !shown      ? hidden
                       : skills[0] ? skills
                                   : "-");
    row += labelled(t, y + row, x, w, h - row, "Customers",
                    shown ? E_NORMAL : E_DIM,
                    !shown         ? hidden
                    : customers[0] ? customers
                                   : "-");
    return row;
}

static void draw_details(struct tui *t, size_t k, int y, int x, int w, int h)
{
    const struct pbl_module *m = t->lib.mods[k];
    char line[512];
    int row = 0;
    row += draw_wrapped(t, y, x, w, h, 0, E_HEADING, m->title);
    if (m->summary)
        row += draw_wrapped(t, y + row, x, w, h - row, 0, E_NORMAL, m->summary);
    row++;
    row += draw_answers(t, k, y + row, x, w, h - row);
    snprintf(line, sizeof line, "%zu question%s%s%s · level %s", m->nquestions,
             m->nquestions == 1 ? "" : "s", m->video.url ? " · video" : "",
             m->nroles ? " · role-play" : "", m->level ? m->level : "any");
    draw_text(t, y + row + 1, x, w, E_DIM, line);
    row += 2;
    /* what to send ahead: it gives nothing of the answers away */
    if (m->prework && row < h)
        labelled(t, y + row + 1, x, w, h - row - 1, "Prework", E_NORMAL,
                 m->prework);
}

/* "Plan 34 of 60 min" right-aligned in the `width` columns from x: the
 * planned minutes of the modules picked against the form's target length
 * (its default until the form is filled in), and by how much it is over. */
static void draw_plan_total(struct tui *t, int y, int x, int width)
{
    int planned = 0, target = session_parse_target(t->field[3].buf);
    for (size_t k = 0; k < t->npicked; k++)
        planned += module_planned_minutes(t->lib.mods[t->picked[k]]);
    char line[96];
    if (target < 0)
        snprintf(line, sizeof line, "Plan %d min", planned);
    else if (planned > target)
        snprintf(line, sizeof line, "Plan %d of %d min: %d over", planned,
                 target, planned - target);
    else
        snprintf(line, sizeof line, "Plan %d of %d min", planned, target);
    int lw = text_width(line, strlen(line));
    if (lw <= width)
        draw_text(t, y, x + width - lw, lw,
                  target >= 0 && planned > target ? E_MISSED : E_DIM, line);
}

static void picker_draw(struct tui *t)
{
    struct list *l = picker_list(t);
    int m = theme_margin(t), w = t->cols - 2 * m;
    char title[600];
    snprintf(title, sizeof title, "Self-study of %s (w: not you?)",
             t->resident ? t->resident : "?");
    draw_title(t, 0,
               t->browse  ? "Module library"
               : t->study ? title
                          : "Pick the modules for this session");
    draw_text(t, 2, m, 8, E_DIM, "Search:");
    draw_input(t, 2, m + 8, w - 8 > 40 ? 40 : w - 8, &l->search, l->searching);
    size_t *vis = malloc((t->lib.n + 1) * sizeof *vis);
    if (!vis)
        return;
    size_t n = visible(t, vis);
    int list_w = t->cols >= 120 ? w / 2 : w, top = 4;
    int h = t->cols >= 120 ? t->rows - top - 2 : (t->rows - top - 2) / 2;
    list_clamp(l, (int)n, h);
    /* the title takes what the id and the progress leave: it grows with
     * the screen; widths are display columns, never bytes */
    int label_w = 0;
    for (int r = 0; t->study && r < h && l->top + r < (int)n; r++) {
        char label[160];
        picker_study_label(t, vis[l->top + r], label, sizeof label);
        int lw = text_width(label, strlen(label));
        label_w = lw > label_w ? lw : label_w;
    }
    int title_w = list_w - 1 - (t->study ? 23 + 1 + label_w : 27);
    if (title_w < 18)
        title_w = 18;
    for (int r = 0; r < h && l->top + r < (int)n; r++) {
        size_t i = vis[l->top + r];
        size_t order = pick_order(t, i);
        char line[1200], id[300];
        enum elem e = list_bar(t, l, l->top + r, top + r, m, list_w - 1,
                               order ? E_PICKED : E_NORMAL);
        if (t->study) { /* the resident's progress instead of an order */
            picker_study_row(t, top + r, m, list_w - 1, e, i, title_w);
            continue;
        }
        text_pad(id, sizeof id, t->lib.mods[i]->id, 24);
        if (order)
            snprintf(line, sizeof line, "%-2zu%s %s", order, id,
                     t->lib.mods[i]->title);
        else
            snprintf(line, sizeof line, "  %s %s", id, t->lib.mods[i]->title);
        int plan_w = t->browse ? 0 : PLAN_COLS;
        draw_text(t, top + r, m, list_w - 1 - plan_w, e, line);
        if (plan_w) { /* the module's planned minutes, right-aligned */
            char mins[16];
            snprintf(mins, sizeof mins, "%4d min",
                     module_planned_minutes(t->lib.mods[i]));
            draw_text(t, top + r, m + list_w - 1 - plan_w + 1, plan_w - 1, e,
                      mins);
        }
    }
    if (n == 0)
        draw_text(t, top, m, w, E_DIM, "no module matches the search");
    else if (t->cols >= 120)
        draw_details(t, vis[l->sel], top, m + list_w + 2, w - list_w - 2, h);
    else
        draw_details(t, vis[l->sel], top + h + 1, m, w, t->rows - top - h - 3);
    free(vis);
    static const struct key_hint library_hints[] = {
        HINT(A_READ, "read"), HINT(A_SEARCH, "search"), HINT(A_BACK, "back"),
        HINT(A_HELP, "keys")};
    static const struct key_hint study_hints[] = {
        HINT(A_STUDY_START, "study"),   HINT(A_START_OVER, "start over"),
        HINT(A_SEARCH, "search"),       HINT(A_PROGRESS, "progress"),
        HINT(A_SWITCH_RESIDENT, "who"), HINT(A_HELP, "keys")};
    static const struct key_hint group_hints[] = {
        HINT(A_PICK, "pick"), HINT(A_SEARCH, "search"),
        HINT(A_CONTINUE, "continue"), HINT(A_BACK, "back"),
        HINT(A_HELP, "keys")};
    char status[200] = "";
    if (t->browse) {
        snprintf(status, sizeof status, "%zu modules", t->lib.n);
        KEY_HINTS(status, library_hints, false);
    } else if (t->study) {
        KEY_HINTS(status, study_hints, false);
    } else {
        snprintf(status, sizeof status, "%zu picked", t->npicked);
        KEY_HINTS(status, group_hints, false);
        draw_plan_total(t, 2, m + 8 + 41, list_w - 1 - 8 - 41);
    }
    draw_status(t, t->msg[0] ? t->msg : status, NULL, E_STATUS);
    if (l->searching)
        draw_input(t, 2, m + 8, w - 8 > 40 ? 40 : w - 8, &l->search, true);
}

static void picker_key(struct tui *t, int key, enum action a)
{
    if (a != A_START_OVER && key != TK_TICK)
        t->start_over_asked = 0; /* only the very next key confirms */
    struct list *l = picker_list(t);
    if (list_search_key(l, key) != LIST_NOT_SEARCHING)
        return;
    size_t *vis = malloc((t->lib.n + 1) * sizeof *vis);
    if (!vis)
        return;
    size_t n = visible(t, vis);
    switch (list_key(l, a, (int)n) ? A_NONE : a) {
    case A_PICK:
        if (n)
            toggle_pick(t, vis[l->sel]);
        break;
    case A_CONTINUE:
        if (!t->npicked && n)
            toggle_pick(t, vis[l->sel]);
        if (t->npicked) {
            form_open(t, false);
        }
        break;
    case A_READ:
        if (n)
            read_module(t, vis[l->sel]);
        break;
    case A_STUDY_START:
        if (n)
            selfstudy_start_module(t, vis[l->sel]);
        break;
    case A_START_OVER:
        if (n)
            selfstudy_start_over_key(t, vis[l->sel]);
        break;
    case A_PROGRESS:
        selfstudy_show_progress(t);
        break;
    case A_SWITCH_RESIDENT:
        selfstudy_switch_resident(t);
        break;
    case A_BACK:
        home_enter(t);
        break;
    default:
        break;
    }
    free(vis);
}

static unsigned picker_where(const struct tui *t)
{
    if (t->browse)
        return W_LIBRARY;
    return W_PICKER | (t->study ? W_SELF : 0);
}

static enum screen_input picker_input(const struct tui *t)
{
    return picker_list(t)->searching ? INPUT_MODAL : INPUT_NONE;
}

const struct screen_ops picker_screen = {
    .draw = picker_draw,
    .key = picker_key,
    .where = picker_where,
    .input = picker_input,
    .state_size = sizeof(struct picker),
};
