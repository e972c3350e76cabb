/* scroll.c - scrolled regions: content taller than its rows shows
 * "↑ N more" on its first row and "↓ N more" on its last, each on a row of
 * its own (never over text), and panels of wrapped paragraphs scrolled as
 * one (the model answer, the glossary, the help). */
#include <curses.h>
#include <stdio.h>

#include "tui.h"

/* Rows of content shown from top in h rows: one less for each marker. */
static int rows_shown(int h, int total, int top)
{
    int rows = h - (top > 0);
    if (top + rows < total)
        rows--;
    return rows;
}

struct scroll_view scroll_region(struct tui *t, int y, int x, int w, int h,
                                 int total, int *top, int keep, bool hint)
{
    struct scroll_view v = {y, h};
    if (total <= h || h < 3) { /* all of it fits, or no room for markers */
        int most = total > h ? total - h : 0;
        *top = *top < 0 ? 0 : *top > most ? most : *top;
        if (keep >= 0 && keep < *top)
            *top = keep;
        if (keep >= 0 && keep >= *top + h)
            *top = keep - h + 1;
        return v;
    }
    int most = total - (h - 1); /* at the end only the ↑ marker shows */
    *top = *top < 0 ? 0 : *top > most ? most : *top;
    for (int pass = 0; keep >= 0 && pass < 3; pass++) {
        if (keep < *top)
            *top = keep;
        else if (keep >= *top + rows_shown(h, total, *top))
            *top = keep - rows_shown(h, total, *top) + 1;
    }
    v.h = rows_shown(h, total, *top);
    char buf[64];
    if (*top > 0) {
        snprintf(buf, sizeof buf, "%s %d more%s", t->ascii ? "^" : "↑", *top,
                 hint ? " (k / Up)" : "");
        draw_text(t, y, x, w, E_DIM, buf);
        v.y = y + 1;
    }
    int below = total - *top - v.h;
    if (below > 0) {
        snprintf(buf, sizeof buf, "%s %d more%s", t->ascii ? "v" : "↓", below,
                 hint ? " (j / Down)" : "");
        draw_text(t, v.y + v.h, x, w, E_DIM, buf);
    }
    return v;
}

void panel_add(struct panel *p, int indent, enum elem e, const char *text)
{
    if (e == E_HEADING && p->row > 0)
        p->row++; /* a blank row before each heading but the first */
    int n = wrapped_rows(text, p->w - indent);
    if (p->draw) {
        int skip = p->top - p->row;
        int y = p->y + (p->row - p->top);
        int from = y < p->y ? p->y : y;
        if (p->row + n > p->top && y < p->y + p->h)
            draw_wrapped(p->t, from, p->x + indent, p->w - indent,
                         p->y + p->h - from, skip > 0 ? skip : 0, e, text);
    }
    p->row += n;
}

int draw_panel(struct tui *t, int y, int x, int w, int h, int *scroll,
               void (*fill)(struct panel *, void *), void *arg)
{
    struct panel p = {.t = t, .w = w};
    fill(&p, arg); /* measure */
    struct scroll_view v =
        scroll_region(t, y, x, w, h, p.row, scroll, -1, true);
    p = (struct panel){.t = t,
                       .y = v.y,
                       .x = x,
                       .w = w,
                       .h = v.h,
                       .top = *scroll,
                       .draw = true};
    fill(&p, arg);
    return p.row;
}

/* Keys on the help and the glossary (W_OVERLAY in the action table): they
 * scroll (j/k, arrows, PgUp/PgDn, Space, Home/End) and close (q, Esc, ?,
 * F1, g); other keys do nothing. */
void overlay_key(struct tui *t, int key)
{
    int page = t->rows > 8 ? t->rows - 6 : 1;
    switch (key_action(key, W_OVERLAY)) {
    case A_DOWN:
        t->overlay_scroll++;
        break;
    case A_UP:
        t->overlay_scroll--;
        break;
    case A_PAGE_DOWN:
        t->overlay_scroll += page;
        break;
    case A_PAGE_UP:
        t->overlay_scroll -= page;
        break;
    case A_GO_TOP:
        t->overlay_scroll = 0;
        break;
    case A_GO_BOTTOM:
        t->overlay_scroll = 1 << 20; /* the drawing stops at the end */
        break;
    case A_CLOSE:
        t->overlay = OV_NONE;
        break;
    default:
        break;
    }
    if (t->overlay_scroll < 0)
        t->overlay_scroll = 0;
}
