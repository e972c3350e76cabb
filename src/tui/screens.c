/* screens.c - the table of screens generated from TUI_SCREENS (tui.h),
 * each screen's state, and where keys apply now. */
#include <stdlib.h>

#include "tui.h"

static const struct screen_ops *const screens[SCR_COUNT] = {
#define AS_SCREEN_ROW(id, name) [SCR_##id] = &name##_screen,
    TUI_SCREENS(AS_SCREEN_ROW)
#undef AS_SCREEN_ROW
};

const struct screen_ops *screen_ops(enum tui_screen s)
{
    return screens[(unsigned)s < SCR_COUNT ? s : SCR_HOME];
}

void *screen_state(const struct tui *t, enum tui_screen s)
{
    return t->screen_state[s];
}

int screens_alloc(struct tui *t)
{
    for (int s = 0; s < SCR_COUNT; s++) {
        size_t n = screens[s]->state_size;
        if (n && !(t->screen_state[s] = calloc(1, n)))
            return -1;
    }
    return 0;
}

void screens_free(struct tui *t)
{
    for (int s = 0; s < SCR_COUNT; s++) {
        if (screens[s]->free && (t->screen_state[s] || !screens[s]->state_size))
            screens[s]->free(t);
        free(t->screen_state[s]);
        t->screen_state[s] = NULL;
    }
}

void tui_enter(struct tui *t, enum tui_screen s)
{
    t->screen = s;
    if (screens[s]->enter)
        screens[s]->enter(t);
}

/* Which keys apply now: a W_ bit for the screen or stage. */
unsigned tui_where(const struct tui *t)
{
    if (t->editing)
        return W_EDITING;
    return screen_ops(t->screen)->where(t);
}
