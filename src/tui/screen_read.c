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
    review_parts_free(&rd->pager.text);
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
    /* the module's text is one plain part (its last newline ends it) */
    review_parts_free(&rd->pager.text);
    if (len && buf[len - 1] == '\n')
        buf[--len] = '\0';
    struct review_part *v = len ? malloc(sizeof *v) : NULL;
    if (v) {
        v[0] = (struct review_part){REVIEW_TEXT, buf};
        rd->pager.text = (struct review_parts){v, 1, 1};
    } else {
        free(buf);
    }
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
