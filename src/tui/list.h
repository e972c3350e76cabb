/* list.h - the one list widget of the screens (home, picker, review list,
 * progress): a selection over n rows, kept within them and in view, and a
 * search typed over the list. What the rows are and how the search
 * matches stay the screen's. */
#ifndef PBL_TUI_LIST_H
#define PBL_TUI_LIST_H

#include <stdbool.h>

#include "keys.h"

struct tui;

/* A one-line text field (form fields, search, parking lot). */
struct line_input {
    char buf[512];
    size_t len;
    size_t back; /* the cursor, in bytes before the end: 0 types at the end */
};

struct list {
    int sel, top;   /* the row selected, the first row shown */
    bool searching; /* the search is being typed: keys go to it */
    struct line_input search;
};

/* Up and down (A_UP, A_DOWN) over n rows: stops at the ends, or goes
 * round when `wrap`. Returns true when the action was one of them. */
bool list_move(struct list *l, enum action a, int n, bool wrap);

/* The keys of a list with a search over n rows: A_UP, A_DOWN (see
 * list_move) and A_SEARCH, which starts typing the search. Returns true
 * when the action was one of them. */
bool list_key(struct list *l, enum action a, int n);

/* Keeps the selection within n rows and, when h > 0, within the h rows
 * shown from l->top (moving top). */
void list_clamp(struct list *l, int n, int h);

enum list_search {
    LIST_NOT_SEARCHING, /* the key is not the search's */
    LIST_SEARCH_KEY,    /* the key was used (or ended the search) */
    LIST_SEARCH_CHANGED /* the search changed: the selection is back at 0 */
};
/* A key while the search is typed: A_SEARCH_DONE's keys end it, others
 * edit it. */
enum list_search list_search_key(struct list *l, int key);

/* The element of row i's text: selected or `other`. */
int list_elem(const struct list *l, int i, int other);

/* The selection bar behind row i when it is the selected one, w columns
 * from (y, x); returns the element for the row's text, as list_elem. */
int list_bar(struct tui *t, const struct list *l, int i, int y, int x, int w,
             int other);

#endif
