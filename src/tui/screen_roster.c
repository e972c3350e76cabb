/* screen_roster.c - the roster of residents (`p` on the home screen):
 * every resident, active first, with class and status. `a` adds one
 * ("Name, CLASS"), `e` renames the one selected (the old name still finds
 * them), `g` marks them graduated; Up/Down (j/k) move, Esc goes home. The
 * rules are the store's (roster.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/roster.h"
#include "pbl/text.h"
#include "tui.h"

enum roster_input { RI_NONE, RI_ADD, RI_RENAME };

/* The roster screen's state. */
struct roster_state {
    struct list list;
    struct roster_list rows;
    enum roster_input input; /* what the input line is for */
    struct line_input line;
};

static struct roster_state *roster_of(const struct tui *t)
{
    return screen_state(t, SCR_ROSTER);
}

static void roster_free(struct tui *t)
{
    roster_list_free(&roster_of(t)->rows);
}

/* Reads the roster again (graduates included), keeping the selection in
 * range. */
static void reload(struct tui *t)
{
    struct roster_state *r = roster_of(t);
    roster_list_free(&r->rows);
    if (roster_list(t->store, true, &r->rows) != STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    list_clamp(&r->list, (int)r->rows.n, 0);
}

/* Coming to the screen: the roster read afresh, no input open. */
static void roster_entered(struct tui *t)
{
    roster_of(t)->input = RI_NONE;
    reload(t);
}

/* The status line: the message, or the keys that apply now. */
static void draw_roster_status(struct tui *t, const struct roster_state *r)
{
    static const struct key_hint list_hints[] = {
        HINT(A_ROSTER_ADD, "add"), HINT(A_ROSTER_RENAME, "rename"),
        HINT(A_ROSTER_GRADUATE, "graduated"), HINT(A_BACK, "back"),
        HINT(A_HELP, "keys")};
    static const struct key_hint input_hints[] = {
        HINT(A_INPUT_DONE, "saves"), HINT(A_INPUT_CANCEL, "cancel")};
    char status[200] = "";
    if (!t->msg[0] && r->input == RI_NONE)
        KEY_HINTS(status, list_hints, false);
    else if (!t->msg[0])
        KEY_HINTS(status, input_hints, true);
    draw_status(t, t->msg[0] ? t->msg : status, NULL, E_STATUS);
}

static void roster_draw(struct tui *t)
{
    struct roster_state *r = roster_of(t);
    int m = theme_margin(t), w = t->cols - 2 * m, top = 2;
    draw_title(t, 0, "Residents");
    int h = t->rows - top - 3;
    if (r->rows.n == 0)
        draw_text(t, top, m, w, E_DIM,
                  "(nobody yet: a adds a resident, or pbl roster add)");
    list_clamp(&r->list, (int)r->rows.n, 0);
    struct scroll_view v = scroll_region(t, top, m, w, h, (int)r->rows.n,
                                         &r->list.top, r->list.sel, false);
    int widest = 0;
    for (size_t i = 0; i < r->rows.n; i++) {
        const char *n = r->rows.v[i].name;
        int nw = text_safe_width(n, strlen(n), 0);
        widest = nw > widest ? nw : widest;
    }
    int cols = name_column(widest, w, 18);
    for (int i = 0; i < v.h && r->list.top + i < (int)r->rows.n; i++) {
        int k = r->list.top + i;
        const struct roster_resident *x = &r->rows.v[k];
        char name[400], line[512];
        text_pad(name, sizeof name, x->name, cols);
        snprintf(line, sizeof line, "%s  %-6s %s", name, x->klass,
                 x->active ? "active" : "graduated");
        enum elem e = list_bar(t, &r->list, k, v.y + i, m, w,
                               x->active ? E_NORMAL : E_DIM);
        draw_text(t, v.y + i, m, w, e, line);
    }
    draw_roster_status(t, r);
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
static void add_typed(struct tui *t, struct roster_state *r)
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
static void input_done(struct tui *t, struct roster_state *r)
{
    int sel = r->list.sel;
    if (r->input == RI_ADD) {
        add_typed(t, r);
    } else if (sel < (int)r->rows.n) {
        if (roster_rename(t->store, r->rows.v[sel].name, r->line.buf) !=
            STORE_OK)
            tui_message(t, "%s", store_error(t->store));
        else
            tui_message(t, "renamed; the old name still finds them");
    }
    r->input = RI_NONE;
    reload(t);
}

/* Opens the input line for `what`, starting with `text`. */
static void ask(struct roster_state *r, enum roster_input what,
                const char *text)
{
    r->input = what;
    input_set(&r->line, text);
}

/* Marks the resident selected graduated. */
static void graduate(struct tui *t, struct roster_state *r)
{
    if (roster_retire(t->store, r->rows.v[r->list.sel].name) != STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    else
        tui_message(t, "graduated: off the forms, records kept");
    reload(t);
}

static void roster_key(struct tui *t, int key, enum action a)
{
    struct roster_state *r = roster_of(t);
    if (r->input != RI_NONE) { /* W_INPUT: every other key edits */
        if (a == A_INPUT_CANCEL)
            r->input = RI_NONE;
        else if (a == A_INPUT_DONE)
            input_done(t, r);
        else
            input_key(&r->line, key);
        return;
    }
    if (list_move(&r->list, a, (int)r->rows.n, false))
        return;
    bool any = r->list.sel < (int)r->rows.n;
    if (a == A_BACK)
        home_enter(t);
    else if (a == A_ROSTER_ADD)
        ask(r, RI_ADD, NULL);
    else if (a == A_ROSTER_RENAME && any)
        ask(r, RI_RENAME, r->rows.v[r->list.sel].name);
    else if (a == A_ROSTER_GRADUATE && any)
        graduate(t, r);
}

static unsigned roster_where(const struct tui *t)
{
    return roster_of(t)->input != RI_NONE ? W_INPUT | W_TEXT : W_ROSTER;
}

/* While a name is typed, every key is the input line's. */
static enum screen_input roster_input(const struct tui *t)
{
    return roster_of(t)->input != RI_NONE ? INPUT_MODAL : INPUT_NONE;
}

const struct screen_ops roster_screen = {
    .enter = roster_entered,
    .draw = roster_draw,
    .key = roster_key,
    .where = roster_where,
    .input = roster_input,
    .free = roster_free,
    .state_size = sizeof(struct roster_state),
};
