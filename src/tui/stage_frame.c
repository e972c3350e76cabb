/* stage_frame.c - the opening and closing stages, and the "all answers"
 * overview of a module (A): frame.h's slides drawn as a scrolling panel
 * (the content is the core's, so the room view can show the same). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "pbl/frame.h"
#include "tui.h"

/* The slide's lines: headings with a blank row before them, paragraphs
 * and items indented, skills named and missed marked as in the summary. */
static void fill_slide(struct panel *p, void *arg)
{
    const struct frame_slide *f = arg;
    char buf[2048];
    if (f->title)
        panel_add(p, 0, E_TITLE, f->title);
    for (size_t i = 0; i < f->n; i++) {
        const char *text = f->v[i].text;
        switch (f->v[i].role) {
        case FRAME_HEADING: /* panel_add leaves a blank row before it */
            panel_add(p, 0, E_HEADING, text);
            break;
        case FRAME_TEXT:
            panel_add(p, 2, E_NORMAL, text);
            break;
        case FRAME_ITEM:
            snprintf(buf, sizeof buf, "• %s", text);
            panel_add(p, 2, E_NORMAL, buf);
            if (f->v[i].detail)
                panel_add(p, 4, E_DIM, f->v[i].detail);
            break;
        case FRAME_NAMED:
            snprintf(buf, sizeof buf, "✔ %s", text);
            panel_add(p, 2, E_ON, buf);
            break;
        case FRAME_MISSED:
            snprintf(buf, sizeof buf, "✗ %s", text);
            panel_add(p, 2, E_MISSED, buf);
            break;
        case FRAME_ANSWER:
            panel_add(p, 2, E_DIM, "The group");
            panel_add(p, 4, E_ANSWER, text);
            break;
        case FRAME_MODEL:
            panel_add(p, 2, E_DIM, "Model answer");
            panel_add(p, 4, E_MODEL, text);
            break;
        }
    }
}

/* The typed text of a projected slide (parking-lot items, the group's
 * answers) with patient identifiers hidden (phi_guard.c). */
static void hide_identifiers(struct tui *t, struct frame_slide *f)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].role == FRAME_ITEM || f->v[i].role == FRAME_ANSWER)
            phi_guard_hide_in_place(t, &f->v[i].text);
}

void stage_frame_draw(struct tui *t, int top, int bottom)
{
    struct frame_slide f;
    int rc;
    if (session_stage(t->sess).kind == STAGE_OPENING) {
        struct store_park_list carried = {0};
        session_carried_parking(t->sess, &carried); /* none on failure */
        rc = frame_opening(t->lib.have_vocab ? &t->lib.vocab : NULL, &carried,
                           &f);
        store_park_list_free(&carried);
    } else {
        rc = frame_closing(t->sess, &f);
    }
    int mg = theme_margin(t) + 2, w = t->cols - 2 * mg;
    if (rc < 0) {
        draw_text(t, top, mg, w, E_ERROR,
                  "cannot show this stage: out of "
                  "memory or the database failed");
        return;
    }
    hide_identifiers(t, &f);
    draw_panel(t, top, mg, w, bottom - top + 1, &t->scroll, fill_slide, &f);
    frame_slide_free(&f);
}

/* A on a module's last question: each question with the group's answer and
 * the model answer, full screen, scrolled like the glossary. */
void draw_answers_overview(struct tui *t)
{
    struct frame_slide f;
    if (frame_answers(t->sess, session_stage(t->sess).modpos, &f) < 0) {
        t->overlay = OV_NONE;
        tui_message(t, "out of memory");
        return;
    }
    attrset(theme_attr(t, E_NORMAL));
    erase();
    int m = theme_margin(t);
    char title[512];
    snprintf(title, sizeof title, "%s (q or Esc closes)", f.title);
    draw_text(t, 0, m, t->cols - 2 * m, E_TITLE, title);
    free(f.title); /* the panel draws no title of its own here */
    f.title = NULL;
    hide_identifiers(t, &f);
    draw_panel(t, 2, m, t->cols - 2 * m, t->rows - 3, &t->overlay_scroll,
               fill_slide, &f);
    frame_slide_free(&f);
}

/* On the session's first stage: the parking-lot items the group carried
 * over from its earlier sessions, in at most h rows from y, so the group
 * raises them as it starts; returns the rows used (none when there are no
 * such items), a blank row after them included. */
int draw_carried(struct tui *t, int y, int x, int w, int h)
{
    struct store_park_list l;
    if (h < 3 || session_carried_parking(t->sess, &l) < 0)
        return 0;
    int row = 0;
    if (l.n) {
        char buf[2048];
        draw_text(t, y, x, w, E_HEADING, "Carried over from the last session");
        row = 1;
        for (size_t i = 0; i < l.n && row < h - 1; i++) {
            if (row == h - 2 && i + 1 < l.n) { /* the last row left */
                snprintf(buf, sizeof buf,
                         "• and %zu more (the summary lists them all)",
                         l.n - i);
                draw_text(t, y + row++, x + 2, w - 2, E_DIM, buf);
                break;
            }
            phi_guard_hide_in_place(t, &l.v[i].text); /* projected */
            snprintf(buf, sizeof buf, "• %s", l.v[i].text);
            draw_text(t, y + row++, x + 2, w - 2, E_NORMAL, buf);
        }
        row++; /* a blank row before the scenario */
    }
    store_park_list_free(&l);
    return row;
}
