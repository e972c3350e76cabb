/* room_slide.c - the room view's opening and closing slides (frame.h's
 * lines, built by room.c): the title and the headings in block letters
 * where they fit, the text at the room's measure, as whole as the rows
 * allow; and the parking-lot items carried over, on the first stage. */
#include <stdio.h>
#include <string.h>

#include "pbl/bigfont.h"
#include "pbl/room.h"
#include "pbl/text.h"
#include "room_draw.h"
#include "tui.h"

/* One heading of a slide: in block letters on one line, centred, when
 * `big`; else plain at the measure. Returns the rows it takes (drawn
 * only when `draw`). */
static int slide_heading(struct tui *t, int y, bool big, bool draw,
                         const char *text)
{
    int x, w, tw = text_width(text, strlen(text));
    room_measure(t, &x, &w);
    if (big)
        return draw ? draw_big(t, y, (t->cols - tw * BIGFONT_CELL) / 2,
                               tw * BIGFONT_CELL + 1, BIGFONT_ROWS, E_HEADING,
                               text)
                    : BIGFONT_ROWS;
    return draw ? draw_wrapped(t, y, x, w, 3, 0, E_HEADING, text)
           : wrapped_rows(text, w) < 3 ? wrapped_rows(text, w)
                                       : 3;
}

/* The lines of an opening or closing slide from row y, above `bottom`:
 * headings in block letters when `big` and each fits on one line,
 * items with their explanations when `details`. Returns the rows the
 * whole slide takes; draws only when `draw` (cut at bottom, the last row
 * then saying there is more). */
static int slide_lines(struct tui *t, const struct frame_slide *f, int y,
                       int bottom, bool big, bool details, bool draw)
{
    int x, w, m = theme_margin(t), start = y;
    room_measure(t, &x, &w);
    char buf[2048];
    for (size_t i = 0; i < f->n && big; i++) /* all in block letters or none */
        big = f->v[i].role != FRAME_HEADING ||
              (!t->ascii && bigfont_supported(f->v[i].text) &&
               text_width(f->v[i].text, strlen(f->v[i].text)) * BIGFONT_CELL <=
                   t->cols - 2 * m);
    for (size_t i = 0; i < f->n; i++) {
        const struct frame_line *l = &f->v[i];
        const char *text = l->text, *mark = NULL;
        enum elem e = E_NORMAL;
        int rows = 0;
        if (l->role == FRAME_HEADING && i > 0)
            y += room_gap(t);
        if (draw && y >= bottom - 1 && i + 1 < f->n) {
            draw_text(t, bottom - 1, x, w, E_DIM, "…");
            break;
        }
        switch (l->role) {
        case FRAME_HEADING:
            y += slide_heading(t, y, big, draw, text);
            continue;
        case FRAME_ITEM:
            mark = "• ";
            break;
        case FRAME_NAMED:
            mark = t->ascii ? "+ " : "✔ ", e = E_ON;
            break;
        case FRAME_MISSED:
            mark = t->ascii ? "- " : "✗ ", e = E_MISSED;
            break;
        case FRAME_ANSWER:
            e = E_ANSWER;
            break;
        case FRAME_MODEL:
            e = E_MODEL;
            break;
        case FRAME_TEXT:
            break;
        }
        snprintf(buf, sizeof buf, "%s%s", mark ? mark : "", text);
        rows = draw ? draw_wrapped(t, y, x, w, bottom - y, 0, e, buf)
                    : wrapped_rows(buf, w);
        y += rows;
        if (details && l->detail && (!draw || y < bottom))
            y += draw ? draw_wrapped(t, y, x + 2, w - 2, bottom - y, 0, E_DIM,
                                     l->detail)
                      : wrapped_rows(l->detail, w - 2);
    }
    return y - start;
}

/* The rows room_big_heading() takes for text within maxrows, without drawing.
 */
static int heading_rows(const struct tui *t, int maxrows, const char *text)
{
    int x, w, avail = t->cols - 2 * theme_margin(t);
    if (theme_big(t) && !t->ascii && bigfont_supported(text)) {
        int n = wrapped_rows(text, avail / BIGFONT_CELL) * BIGFONT_ROWS;
        if (n <= maxrows)
            return n;
    }
    room_measure(t, &x, &w);
    int rows = wrapped_rows(text, w);
    return rows < maxrows ? rows : maxrows;
}

/* The opening or closing stage: the slide's title in block letters, then
 * its lines as large and as whole as the rows allow: block-letter
 * headings with the items' explanations, else plain headings, else
 * without the explanations; lower on a tall screen when it all fits. */
void room_draw_slide(struct tui *t, const struct room_view *v, int top,
                     int bottom)
{
    static const bool ladder[][2] = {{1, 1}, {0, 1}, {1, 0}, {0, 0}};
    const struct frame_slide *f = &v->slide;
    int maxt = (bottom - top) / 4, need = 0, k = 0;
    int trows = f->title ? heading_rows(t, maxt, f->title) + room_gap(t) : 0;
    for (; k < 4; k++) {
        if (ladder[k][0] && !theme_big(t))
            continue;
        need = slide_lines(t, f, 0, bottom, ladder[k][0], ladder[k][1], false);
        if (need <= bottom - top - trows)
            break;
    }
    k = k < 4 ? k : 3;
    int y = room_top(t, top);
    if (need + trows > bottom - y)
        y = top;
    if (f->title)
        room_big_heading(t, y, maxt, E_TITLE, f->title);
    slide_lines(t, f, y + trows, bottom, ladder[k][0], ladder[k][1], true);
}

int room_draw_carried(struct tui *t, const struct room_view *v, int y, int h)
{
    const struct store_park_list *l = &v->carried;
    int x, w, row = 1;
    if (!l->n || h < 3)
        return 0;
    room_measure(t, &x, &w);
    draw_text(t, y, x, w, E_HEADING, "Carried over from the last session");
    char buf[2048];
    for (size_t i = 0; i < l->n && row < h - 1; i++) {
        if (row == h - 2 && i + 1 < l->n) { /* the last row left */
            snprintf(buf, sizeof buf, "• and %zu more", l->n - i);
            draw_text(t, y + row++, x, w, E_DIM, buf);
            break;
        }
        snprintf(buf, sizeof buf, "• %s", l->v[i].text);
        row += draw_wrapped(t, y + row, x, w, h - 1 - row, 0, E_NORMAL, buf);
    }
    return row + room_gap(t);
}
