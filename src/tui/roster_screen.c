/* roster_screen.c - the roster of residents in the console (OV_ROSTER,
 * `p` on the home screen): every resident, active first, with class and
 * status. `a` adds one ("Name, CLASS"), `e` renames the one selected (the
 * old name still finds them), `g` marks them graduated; Up/Down (j/k)
 * move, Esc closes. The rules are the store's (roster.h). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/roster.h"
#include "pbl/text.h"
#include "tui.h"

enum roster_input { RI_NONE, RI_ADD, RI_RENAME };

struct roster_ui {
    struct roster_list list;
    int sel, top;
    enum roster_input input; /* what the input line is for */
    struct line_input line;
};

void roster_screen_free(struct tui *t)
{
    if (!t->roster_ui)
        return;
    roster_list_free(&t->roster_ui->list);
    free(t->roster_ui);
    t->roster_ui = NULL;
}

/* Reads the roster again (graduates included), keeping the selection in
 * range. */
static void reload(struct tui *t)
{
    struct roster_ui *r = t->roster_ui;
    roster_list_free(&r->list);
    if (roster_list(t->store, true, &r->list) != STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    if (r->sel >= (int)r->list.n)
        r->sel = r->list.n ? (int)r->list.n - 1 : 0;
}

void roster_screen_open(struct tui *t)
{
    if (!t->roster_ui && !(t->roster_ui = calloc(1, sizeof *t->roster_ui)))
        return;
    reload(t);
    t->overlay = OV_ROSTER;
}

void roster_screen_draw(struct tui *t)
{
    struct roster_ui *r = t->roster_ui;
    if (!r)
        return;
    int m = theme_margin(t), w = t->cols - 2 * m, top = 2;
    for (int y = top; y < t->rows - 1; y++)
        draw_fill(t, y, E_NORMAL);
    draw_text(t, top, m, w, E_HEADING,
              "Residents · a add · e rename · g graduated · Esc back");
    int h = t->rows - top - 3;
    if (r->list.n == 0)
        draw_text(t, top + 1, m, w, E_DIM,
                  "(nobody yet: a adds a resident, or pbl roster add)");
    struct scroll_view v = scroll_region(t, top + 1, m, w, h, (int)r->list.n,
                                         &r->top, r->sel, false);
    int widest = 0;
    for (size_t i = 0; i < r->list.n; i++) {
        const char *n = r->list.v[i].name;
        int nw = text_safe_width(n, strlen(n), 0);
        widest = nw > widest ? nw : widest;
    }
    int cols = name_column(widest, w, 18);
    for (int i = 0; i < v.h && r->top + i < (int)r->list.n; i++) {
        const struct roster_resident *x = &r->list.v[r->top + i];
        char name[400], line[512];
        text_pad(name, sizeof name, x->name, cols);
        snprintf(line, sizeof line, "%s  %-6s %s", name, x->klass,
                 x->active ? "active" : "graduated");
        draw_text(t, v.y + i, m, w,
                  r->top + i == r->sel ? E_SELECTED
                  : x->active          ? E_NORMAL
                                       : E_DIM,
                  line);
    }
    if (r->input != RI_NONE) {
        int y = t->rows - 2;
        const char *label =
            r->input == RI_ADD ? "New resident (Name, CLASS):" : "New name:";
        int lw = text_width(label, strlen(label)) + 1;
        draw_fill(t, y, E_NOTES);
        draw_text(t, y, m, lw, E_NOTES, label);
        draw_input(t, y, m + lw, w - lw, &r->line, true);
    }
}

/* "Name, CLASS" typed on the input line: adds the resident. */
static void add_typed(struct tui *t, struct roster_ui *r)
{
    char *comma = strrchr(r->line.buf, ',');
    if (!comma) {
        tui_message(t, "type the name, a comma and the class: Ana Rivera, "
                       "PGY2");
        return;
    }
    *comma = '\0';
    char *cls = text_name(comma + 1);
    if (roster_add(t->store, r->line.buf, cls ? cls : "", NULL, NULL) !=
        STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    else
        tui_message(t, "added to the roster");
    free(cls);
}

/* Enter on the input line: adds or renames, then reads the roster. */
static void input_done(struct tui *t, struct roster_ui *r)
{
    if (r->input == RI_ADD) {
        add_typed(t, r);
    } else if (r->sel < (int)r->list.n) {
        if (roster_rename(t->store, r->list.v[r->sel].name, r->line.buf) !=
            STORE_OK)
            tui_message(t, "%s", store_error(t->store));
        else
            tui_message(t, "renamed; the old name still finds them");
    }
    r->input = RI_NONE;
    reload(t);
}

/* Opens the input line for `what`, starting with `text`. */
static void ask(struct roster_ui *r, enum roster_input what, const char *text)
{
    r->input = what;
    input_set(&r->line, text);
}

void roster_screen_key(struct tui *t, int key)
{
    struct roster_ui *r = t->roster_ui;
    if (r && r->input != RI_NONE) {
        if (key == 27)
            r->input = RI_NONE;
        else if (key == '\n')
            input_done(t, r);
        else
            input_key(&r->line, key);
        return;
    }
    if (!r || key == 27 || key == 'q') {
        t->overlay = OV_NONE;
        roster_screen_free(t);
        return;
    }
    bool any = r->sel < (int)r->list.n;
    if ((key == TK(KEY_UP) || key == 'k') && r->sel > 0)
        r->sel--;
    else if ((key == TK(KEY_DOWN) || key == 'j') && r->sel + 1 < (int)r->list.n)
        r->sel++;
    else if (key == 'a')
        ask(r, RI_ADD, NULL);
    else if (key == 'e' && any)
        ask(r, RI_RENAME, r->list.v[r->sel].name);
    else if (key == 'g' && any) {
        if (roster_retire(t->store, r->list.v[r->sel].name) != STORE_OK)
            tui_message(t, "%s", store_error(t->store));
        else
            tui_message(t, "graduated: off the forms, records kept");
        reload(t);
    }
}
