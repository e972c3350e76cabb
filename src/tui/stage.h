/* stage.h - the session screen's own state, shared by its files
 * (screen_stage.c, stage_keys.c, stage_summary.c, stage_video.c). What
 * the rest of the console reads of the session on screen (t->sess, t->ed,
 * t->editing, t->scroll) stays in struct tui. */
#ifndef PBL_TUI_STAGE_H
#define PBL_TUI_STAGE_H

#include <stdbool.h>

#include "tui.h"

struct stage {
    int answer_top;     /* the answer's first row shown */
    bool model_scrolls; /* the model answer is taller than its rows */
    bool give_up_asked; /* G on an answered question: the next G confirms */
    bool draft_dirty;   /* the editor changed since the session last had it */
    int point_sel;      /* the key point or customer selected */
    struct line_input park; /* a parking-lot item being typed */
    bool phi_asked;         /* v pressed: waiting for y (phi_guard.c) */
    size_t phi_shown_stage; /* stage index + 1 where v y showed it, or 0 */
};

/* The session screen's state. */
static inline struct stage *stage_of(const struct tui *t)
{
    return screen_state(t, SCR_SESSION);
}

#endif
