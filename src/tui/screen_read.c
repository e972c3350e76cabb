/* screen_read.c - the module library's reader: one module's whole text,
 * paged through as a session is in review (screen_review.c's pager). */
#include <stdio.h>
#include <stdlib.h>

#include "pbl/module_text.h"
#include "tui.h"

/* One module of the library, read whole (SCR_READ). */
struct library_read {
    struct pager pager;
};

static struct library_read *read_of(const struct tui *t)
{
    return screen_state(t, SCR_READ);
}

/* Lets go of the module read. */
static void library_read_free(struct tui *t)
{
    struct library_read *rd = read_of(t);
    free(rd->pager.text);
    rd->pager.text = NULL;
}

void read_module(struct tui *t, size_t k)
{
    struct library_read *rd = read_of(t);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        tui_message(t, "out of memory");
        return;
    }
    module_write_text(f, t->lib.mods[k], t->cols - 2 * theme_margin(t));
    fclose(f);
    free(rd->pager.text);
    rd->pager.text = buf;
    rd->pager.scroll = 0;
    t->screen = SCR_READ;
}

static void library_read_draw(struct tui *t)
{
    struct library_read *rd = read_of(t);
    int h = t->rows - 3;
    int total = pager_draw(t, &rd->pager, 0, h);
    static const struct key_hint hints[] = {
        HINT_PAIR(A_DOWN, A_UP, 1, NULL),
        HINT_PAIR(A_PAGE_UP, A_PAGE_DOWN, 0, "scroll"), HINT(A_BACK, "back")};
    char status[96];
    snprintf(status, sizeof status, "%d%%",
             pager_percent(rd->pager.scroll, h, total));
    KEY_HINTS(status, hints, false);
    draw_status(t, t->msg[0] ? t->msg : status, NULL, E_STATUS);
}

static void library_read_key(struct tui *t, int key, enum action a)
{
    struct library_read *rd = read_of(t);
    if (pager_key(&rd->pager, a, t->rows - 4))
        return;
    switch (a) {
    case A_BACK:
        library_read_free(t);
        t->screen = SCR_PICKER;
        break;
    default:
        break;
    }
}

static unsigned library_read_where(const struct tui *t)
{
    return W_READ;
}

const struct screen_ops library_read_screen = {
    .draw = library_read_draw,
    .key = library_read_key,
    .where = library_read_where,
    .free = library_read_free,
    .state_size = sizeof(struct library_read),
};
