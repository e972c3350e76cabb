/* list.c - the list widget (list.h). */
#include <curses.h>

#include "tui.h"

bool list_move(struct list *l, enum action a, int n, bool wrap)
{
    if (a != A_UP && a != A_DOWN)
        return false;
    if (wrap && n > 0)
        l->sel = (l->sel + (a == A_UP ? n - 1 : 1)) % n;
    else if (a == A_UP)
        l->sel -= l->sel > 0;
    else
        l->sel += l->sel + 1 < n;
    return true;
}

bool list_key(struct list *l, enum action a, int n)
{
    if (a == A_SEARCH)
        l->searching = true;
    return a == A_SEARCH || list_move(l, a, n, false);
}

void list_clamp(struct list *l, int n, int h)
{
    if (l->sel >= n)
        l->sel = n ? n - 1 : 0;
    if (h <= 0)
        return;
    if (l->sel < l->top)
        l->top = l->sel;
    if (l->sel >= l->top + h)
        l->top = l->sel - h + 1;
}

enum list_search list_search_key(struct list *l, int key)
{
    if (!l->searching)
        return LIST_NOT_SEARCHING;
    if (key_action(key, W_SEARCHING) == A_SEARCH_DONE) {
        l->searching = false;
        return LIST_SEARCH_KEY;
    }
    if (!input_key(&l->search, key))
        return LIST_SEARCH_KEY;
    l->sel = l->top = 0;
    return LIST_SEARCH_CHANGED;
}

int list_elem(const struct list *l, int i, int other)
{
    return i == l->sel ? E_SELECTED : other;
}

int list_bar(struct tui *t, const struct list *l, int i, int y, int x, int w,
             int other)
{
    if (i != l->sel)
        return other;
    attrset(theme_attr(t, E_SELECTED));
    mvhline(y, x, ' ', w);
    return E_SELECTED;
}
