/* room_draw.h - the room view's drawing, shared by its files
 * (screen_room.c, room_slide.c): the running text's measure, headings in
 * block letters, the room's use of a tall screen. */
#ifndef PBL_TUI_ROOM_DRAW_H
#define PBL_TUI_ROOM_DRAW_H

#include "pbl/room.h"
#include "tui.h"

#define MEASURE 70 /* columns of running text: readable from afar */

/* The running text's column: MEASURE wide, centred (narrower screens use
 * what they have inside the margins). */
void room_measure(const struct tui *t, int *x, int *w);
/* A heading in block letters, centred when it fits on one line, within
 * `maxrows`; plain and centred otherwise. Returns the rows used. */
int room_big_heading(struct tui *t, int y, int maxrows, enum elem e,
                     const char *text);
/* Where a stage's text starts (lower on a tall screen), and the blank
 * rows between its parts. */
int room_top(const struct tui *t, int top);
int room_gap(const struct tui *t);

/* The parking-lot items the group carried over, on the session's first
 * scenario, from row y in at most h rows; returns the rows used (none
 * without such items), a blank row after them included (room_slide.c). */
int room_draw_carried(struct tui *t, const struct room_view *v, int y, int h);
/* The opening or closing stage's slide (room_slide.c). */
void room_draw_slide(struct tui *t, const struct room_view *v, int top,
                     int bottom);

#endif
