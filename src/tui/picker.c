/* picker.c - the module picker: the library with incremental search over
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

/* The library indexes that match the search, in library order. */
static size_t visible(const struct tui *t, size_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < t->lib.n; i++)
        if (matches(t->lib.mods[i], t->search.buf))
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

void picker_draw(struct tui *t)
{
    int m = theme_margin(t), w = t->cols - 2 * m;
    char title[600];
    snprintf(title, sizeof title, "Self-study of %s (w: not you?)",
             t->resident ? t->resident : "?");
    draw_title(t, 0,
               t->browse  ? "Module library"
               : t->study ? title
                          : "Pick the modules for this session");
    draw_text(t, 2, m, 8, E_DIM, "Search:");
    draw_input(t, 2, m + 8, w - 8 > 40 ? 40 : w - 8, &t->search, t->searching);
    size_t *vis = malloc((t->lib.n + 1) * sizeof *vis);
    if (!vis)
        return;
    size_t n = visible(t, vis);
    if (t->pick_sel >= (int)n)
        t->pick_sel = n ? (int)n - 1 : 0;
    int list_w = t->cols >= 120 ? w / 2 : w, top = 4;
    int h = t->cols >= 120 ? t->rows - top - 2 : (t->rows - top - 2) / 2;
    if (t->pick_sel < t->pick_top)
        t->pick_top = t->pick_sel;
    if (t->pick_sel >= t->pick_top + h)
        t->pick_top = t->pick_sel - h + 1;
    /* the title takes what the id and the progress leave: it grows with
     * the screen; widths are display columns, never bytes */
    int label_w = 0;
    for (int r = 0; t->study && r < h && t->pick_top + r < (int)n; r++) {
        char label[160];
        picker_study_label(t, vis[t->pick_top + r], label, sizeof label);
        int lw = text_width(label, strlen(label));
        label_w = lw > label_w ? lw : label_w;
    }
    int title_w = list_w - 1 - (t->study ? 23 + 1 + label_w : 27);
    if (title_w < 18)
        title_w = 18;
    for (int r = 0; r < h && t->pick_top + r < (int)n; r++) {
        size_t i = vis[t->pick_top + r];
        size_t order = pick_order(t, i);
        char line[1200], id[300];
        enum elem e = t->pick_top + r == t->pick_sel ? E_SELECTED
                      : order                        ? E_PICKED
                                                     : E_NORMAL;
        if (e == E_SELECTED) {
            attrset(theme_attr(t, e));
            mvhline(top + r, m, ' ', list_w - 1);
        }
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
        draw_text(t, top + r, m, list_w - 1, e, line);
    }
    if (n == 0)
        draw_text(t, top, m, w, E_DIM, "no module matches the search");
    else if (t->cols >= 120)
        draw_details(t, vis[t->pick_sel], top, m + list_w + 2, w - list_w - 2,
                     h);
    else
        draw_details(t, vis[t->pick_sel], top + h + 1, m, w,
                     t->rows - top - h - 3);
    free(vis);
    char status[200];
    if (t->browse)
        snprintf(status, sizeof status,
                 "%zu modules · Enter read · / search · Esc back · ? keys",
                 t->lib.n);
    else if (t->study)
        snprintf(status, sizeof status, "%s",
                 "Enter study · S start over · / search · P progress · w who "
                 "· ? keys");
    else
        snprintf(status, sizeof status,
                 "%zu picked · Space pick · / search · Enter continue · Esc "
                 "back · ? keys",
                 t->npicked);
    draw_status(t, t->msg[0] ? t->msg : status, NULL, E_STATUS);
    if (t->searching)
        draw_input(t, 2, m + 8, w - 8 > 40 ? 40 : w - 8, &t->search, true);
}

void picker_key(struct tui *t, int key, enum action a)
{
    if (a != A_START_OVER && key != TK_TICK)
        t->start_over_asked = 0; /* only the very next key confirms */
    if (t->searching) {
        if (key == '\n' || key == 27 || key == '\t')
            t->searching = false;
        else if (input_key(&t->search, key))
            t->pick_sel = 0, t->pick_top = 0;
        return;
    }
    size_t *vis = malloc((t->lib.n + 1) * sizeof *vis);
    if (!vis)
        return;
    size_t n = visible(t, vis);
    switch (a) {
    case A_UP:
        if (t->pick_sel > 0)
            t->pick_sel--;
        break;
    case A_DOWN:
        if (t->pick_sel + 1 < (int)n)
            t->pick_sel++;
        break;
    case A_PICK:
        if (n)
            toggle_pick(t, vis[t->pick_sel]);
        break;
    case A_SEARCH:
        t->searching = true;
        break;
    case A_CONTINUE:
        if (!t->npicked && n)
            toggle_pick(t, vis[t->pick_sel]);
        if (t->npicked) {
            t->screen = SCR_FORM;
            t->field_sel = 0;
        }
        break;
    case A_READ:
        if (n)
            read_module(t, vis[t->pick_sel]);
        break;
    case A_STUDY_START:
        if (n)
            study_start_module(t, vis[t->pick_sel]);
        break;
    case A_START_OVER:
        if (n)
            study_start_over_key(t, vis[t->pick_sel]);
        break;
    case A_PROGRESS:
        study_show_progress(t);
        break;
    case A_SWITCH_RESIDENT:
        study_switch_resident(t);
        break;
    case A_BACK:
        home_enter(t);
        break;
    default:
        break;
    }
    free(vis);
}
