/* screen_stage.c - the stages of a running session: the scenario, each question
 * (with the answer editor, skill tags, key points, reveal and notes), and
 * the keys they share; the video and summary stages have files of their
 * own. Every rule is the session state machine's; this file draws it. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/text.h"
#include "pbl/util.h"
#include "stage.h"
#include "tui.h"

static const struct pbl_question *current_question(const struct tui *t)
{
    struct session_stage g = session_stage(t->sess);
    if (g.kind != STAGE_QUESTION)
        return NULL;
    return &session_module(t->sess, g.modpos)->questions[g.qidx];
}

/* Called after every change of stage: a question gets an editor holding
 * what was typed there before (nothing typed is lost by moving). */
void stage_entered(struct tui *t)
{
    struct stage *st = stage_of(t);
    editor_free(t->ed);
    t->ed = NULL;
    t->editing = false;
    t->scroll = 0;
    st->answer_top = 0;
    st->model_scrolls = false;
    t->overlay = OV_NONE;
    struct session_stage g = session_stage(t->sess);
    if (g.kind != STAGE_QUESTION)
        return;
    const struct session_answer *a = session_answer(t->sess, g.modpos, g.qidx);
    const char *text = a && a->text ? a->text : "";
    t->ed = editor_new(text, strlen(text));
    if (!t->ed)
        tui_message(t, "out of memory");
}

/* "05:07", or "1:02:05" from an hour up: the status line's clocks. */
static void fmt_clock(long secs, char *buf, size_t n)
{
    util_format_duration(secs, UTIL_DURATION_HOURS | UTIL_DURATION_PAD_MINUTES,
                         buf, n);
}

/* "2/3 · Question 3 of 4 · Tuesday group" and the clocks. */
static void draw_session_status(struct tui *t)
{
    struct session_stage g = session_stage(t->sess);
    char left[256], right[96], total[32], stage[32];
    const struct pbl_module *m = session_module(t->sess, g.modpos);
    const char *group = session_group(t->sess);
    if (g.kind == STAGE_SUMMARY || g.kind == STAGE_OPENING ||
        g.kind == STAGE_CLOSING)
        snprintf(left, sizeof left, "%s",
                 g.kind == STAGE_SUMMARY   ? "Summary"
                 : g.kind == STAGE_OPENING ? "Opening"
                                           : "Closing");
    else if (g.kind == STAGE_QUESTION)
        snprintf(left, sizeof left, "%d/%zu · Question %d of %zu", g.modpos + 1,
                 session_nmodules(t->sess), g.qidx + 1, m->nquestions);
    else
        snprintf(left, sizeof left, "%d/%zu · %s", g.modpos + 1,
                 session_nmodules(t->sess),
                 g.kind == STAGE_VIDEO ? "Video" : "Scenario");
    if (group)
        snprintf(left + strlen(left), sizeof left - strlen(left), " · %s",
                 group);
    time_t now = clock_now();
    fmt_clock(session_elapsed(t->sess, now), total, sizeof total);
    long box = session_stage_minutes(t->sess) * 60L;
    long spent = session_stage_elapsed(t->sess, now);
    enum elem e = E_STATUS;
    if (!box) {
        snprintf(right, sizeof right, "session %s", total);
    } else if (spent <= box) {
        fmt_clock(box - spent, stage, sizeof stage);
        snprintf(right, sizeof right, "session %s · %s left", total, stage);
    } else {
        fmt_clock(spent - box, stage, sizeof stage);
        snprintf(right, sizeof right, "session %s · %s over", total, stage);
        e = E_STATUS_OVER;
    }
    /* a whole minute or more behind the plan's schedule */
    long behind = session_target_minutes(t->sess)
                      ? session_behind_plan(t->sess, now) / 60
                      : 0;
    if (behind > 0) {
        snprintf(right + strlen(right), sizeof right - strlen(right),
                 " · %ld min behind plan", behind);
        e = E_STATUS_OVER;
    }
    draw_status(t, left, right, e);
}

static void draw_header(struct tui *t, const char *title, const char *right)
{
    int m = theme_margin(t);
    int rw = text_width(right, strlen(right));
    draw_text(t, 0, m, t->cols - 2 * m - rw - 2, E_TITLE, title);
    draw_text(t, 0, t->cols - m - rw, rw, E_DIM, right);
}

static void draw_scenario(struct tui *t, int top, int bottom)
{
    const struct pbl_module *m =
        session_module(t->sess, session_stage(t->sess).modpos);
    int mg = theme_margin(t) + 2, w = t->cols - 2 * mg;
    if (theme_big(t) && t->scroll == 0) { /* the title in block letters */
        int rows =
            draw_big(t, top, mg, w, (bottom - top) / 4, E_TITLE, m->title);
        top += rows ? rows + 1 : 0;
    }
    if (session_current(t->sess) == 0) /* where the group raises them */
        top += draw_carried(t, top, mg, w, (bottom - top) / 2);
    int total = wrapped_rows(m->scenario, w);
    struct scroll_view v = scroll_region(t, top, mg, w, bottom - top + 1, total,
                                         &t->scroll, -1, true);
    draw_wrapped(t, v.y, mg, w, v.h, t->scroll, E_NORMAL, m->scenario);
}

/* The skills row: each of the five with its key, tagged ones marked. */
static void draw_skill_tags(struct tui *t, int y, int x, unsigned tagged)
{
    int gap = t->cols >= 100 ? 3 : 1;
    draw_text(t, y, x, 7, E_DIM, "Named:");
    x += 7;
    for (int k = 0; k < SKILL_COUNT; k++) {
        char buf[40];
        bool on = tagged & SKILL_BIT(k);
        snprintf(buf, sizeof buf, "%s%d %s", on ? "✔" : " ", k + 1,
                 skill_name((enum pbl_skill)k));
        draw_text(t, y, x, t->cols - x, on ? E_ON : E_DIM, buf);
        x += text_width(buf, strlen(buf)) + gap;
    }
}

/* The group's answer: the editor's lines from the stage's answer_top, with ↑/↓
 * markers when it is taller than its rows; while typing, the cursor's row
 * is always among those shown. */
static void draw_answer(struct tui *t, int y, int x, int w, int h)
{
    struct stage *st = stage_of(t);
    if (!t->ed)
        return;
    editor_set_width(t->ed, w);
    editor_set_page(t->ed, h);
    size_t nlines = editor_nlines(t->ed), cursor_row;
    int cursor_col;
    editor_cursor_rowcol(t->ed, &cursor_row, &cursor_col);
    size_t len;
    const char *text = editor_text(t->ed, &len);
    if (len == 0 && !t->editing) {
        draw_text(t, y, x, w, E_DIM, "(nothing yet: press e to type)");
        return;
    }
    char *hidden = phi_guard_hide(t, text);
    if (hidden) { /* projected: identifiers hidden until v y */
        draw_wrapped(t, y, x, w, h, 0, E_ANSWER, hidden);
        free(hidden);
        return;
    }
    struct scroll_view v =
        scroll_region(t, y, x, w, h, (int)nlines, &st->answer_top,
                      t->editing ? (int)cursor_row : -1, !t->editing);
    size_t first = (size_t)st->answer_top;
    for (size_t i = first; i < nlines && (int)(i - first) < v.h; i++) {
        struct text_line l = editor_line(t->ed, i);
        draw_span(t, v.y + (int)(i - first), x, w, E_ANSWER, text + l.start,
                  l.len);
    }
    if (t->editing)
        tui_cursor(t, v.y + (int)(cursor_row - first), x + cursor_col);
}

/* The model answer, then what the group reached marked against it. */
static void fill_model(struct panel *p, void *arg)
{
    struct tui *t = arg;
    struct session_stage g = session_stage(t->sess);
    const struct pbl_module *m = session_module(t->sess, g.modpos);
    const struct pbl_question *q = current_question(t);
    const struct session_answer *a = session_answer(t->sess, g.modpos, g.qidx);
    char buf[600];
    panel_add(p, 0, E_HEADING, "Model answer");
    panel_add(p, 0, E_MODEL, q->answer);
    if (!question_judges_skills(q) && a->skills) {
        /* tags on "what went well" are no test of the targets */
        panel_add(p, 0, E_HEADING, "Skills tagged");
        for (int k = 0; k < SKILL_COUNT; k++)
            if (a->skills & SKILL_BIT(k)) {
                snprintf(buf, sizeof buf, "• %s",
                         skill_name((enum pbl_skill)k));
                panel_add(p, 2, E_NORMAL, buf);
            }
    } else if (question_judges_skills(q)) {
        panel_add(p, 0, E_HEADING, "Skills");
        for (int k = 0; k < SKILL_COUNT; k++) {
            bool target = m->skills & SKILL_BIT(k);
            bool named = a->skills & SKILL_BIT(k);
            if (!target && !named)
                continue;
            snprintf(
                buf, sizeof buf, "%s %s%s", named ? (target ? "✔" : "+") : "✗",
                skill_name((enum pbl_skill)k),
                target ? (named ? "" : " (missed)") : " (named, not a target)");
            panel_add(p, 2, target ? (named ? E_ON : E_MISSED) : E_NORMAL, buf);
        }
    }
    if (q->kind == QKIND_CUSTOMERS && m->customers.n) {
        /* the marks are a person's verdict; the word match only suggests,
         * in neutral colours: a synonym is not a miss to show the room */
        uint64_t suggested =
            study_module_customers_named(a->text ? a->text : "", m);
        panel_add(p, 0, E_HEADING, "Customers (c marks those named)");
        for (size_t i = 0; i < m->customers.n && i < 64; i++) {
            bool on = a->customers >> i & 1, sug = suggested >> i & 1;
            snprintf(buf, sizeof buf, "%s %s%s", on ? "✔" : "·",
                     m->customers.v[i],
                     on    ? ""
                     : sug ? " (the answer seems to name it)"
                           : "");
            panel_add(p, 2, on ? E_ON : E_NORMAL, buf);
        }
    }
    if (q->points.n)
        panel_add(p, 0, E_HEADING, "Key points");
    for (size_t i = 0; i < q->points.n; i++) {
        bool on = a->points & (UINT64_C(1) << i);
        snprintf(buf, sizeof buf, "%s %s", on ? "✔" : "✗", q->points.v[i]);
        panel_add(p, 2, on ? E_ON : E_MISSED, buf);
    }
}

/* The model answer panel, scrolled with j/k once revealed (when it is
 * taller than its rows; else j/k go on scrolling the answer). */
static void draw_model(struct tui *t, int y, int x, int w, int h)
{
    stage_of(t)->model_scrolls =
        draw_panel(t, y, x, w, h, &t->scroll, fill_model, t) > h;
}

/* The key points to tick (t), or the module's customers to mark as named
 * (c), the answer's automatic match shown as a suggestion. */
static void draw_points_overlay(struct tui *t, int top)
{
    const struct pbl_question *q = current_question(t);
    struct session_stage g = session_stage(t->sess);
    const struct session_answer *a = session_answer(t->sess, g.modpos, g.qidx);
    const struct pbl_module *mod = session_module(t->sess, g.modpos);
    bool cust = t->overlay == OV_CUSTOMERS;
    const struct pbl_strv *items = cust ? &mod->customers : &q->points;
    uint64_t on = cust ? a->customers : a->points;
    uint64_t suggested =
        cust ? study_module_customers_named(a->text ? a->text : "", mod) : 0;
    int m = theme_margin(t), w = t->cols - 2 * m;
    for (int y = top; y < t->rows - 1; y++)
        draw_fill(t, y, E_NORMAL);
    draw_text(t, top, m, w, E_NOTES,
              cust
                  ? "Customers named (your verdict) · Space/1-9 mark · Esc done"
                  : "Key points reached (facilitator view) · Space/1-9 "
                    "tick · Esc done");
    for (size_t i = 0; i < items->n && top + 1 + (int)i < t->rows - 2; i++) {
        char buf[600];
        bool sug = i < 64 && (suggested >> i & 1) && !(on >> i & 1);
        snprintf(buf, sizeof buf, "%zu [%s] %s%s", i + 1,
                 i < 64 && (on >> i & 1) ? "x" : " ", items->v[i],
                 sug ? "  (the answer seems to name it)" : "");
        enum elem e = (int)i == stage_of(t)->point_sel ? E_SELECTED : E_NOTES;
        draw_fill(t, top + 1 + (int)i, E_NOTES);
        draw_text(t, top + 1 + (int)i, m, w, e, buf);
    }
}

static void draw_question(struct tui *t, int top, int bottom)
{
    struct session_stage g = session_stage(t->sess);
    const struct pbl_question *q = current_question(t);
    const struct session_answer *a = session_answer(t->sess, g.modpos, g.qidx);
    int m = theme_margin(t), w = t->cols - 2 * m;
    /* the prompt in block letters on a big projected screen */
    int y =
        top +
        draw_heading(t, top, m, w, (bottom - top) / 3, E_HEADING, q->prompt) +
        1;
    int notes_h = 0;
    if (session_notes_visible(t->sess))
        notes_h = q->notes ? wrapped_rows(q->notes, w) + 1 : 2;
    if (notes_h > (bottom - y) / 2)
        notes_h = (bottom - y) / 2;
    int avail = bottom - y - notes_h - 2; /* label and skills rows */
    bool self = session_kind(t->sess) == STORE_SELF_STUDY;
    draw_text(t, y, m, w, E_DIM,
              t->editing
                  ? (self ? "Your answer (typing; Esc when done):"
                          : "The group's answer (typing; Esc when done):")
                  : (self ? "Your answer:" : "The group's answer:"));
    if (a->revealed && t->cols >= 120) {
        int half = (w - 3) / 2;
        draw_answer(t, y + 1, m, half, avail);
        draw_model(t, y, m + half + 3, w - half - 3, avail + 1);
    } else if (a->revealed) {
        /* below: the answer takes the rows it needs, up to a third */
        int ah = 1;
        if (t->ed) {
            editor_set_width(t->ed, w);
            ah = (int)editor_nlines(t->ed);
        }
        ah = ah < 1 ? 1 : ah > avail / 3 ? avail / 3 : ah;
        draw_answer(t, y + 1, m, w, ah);
        draw_model(t, y + ah + 2, m, w, avail - ah - 1);
    } else {
        draw_answer(t, y + 1, m, w, avail);
    }
    draw_skill_tags(t, bottom - notes_h - 1, m, a->skills);
    if (notes_h) {
        int ny = bottom - notes_h;
        draw_text(t, ny, m, w, E_NOTES, "Facilitator notes (f hides):");
        draw_wrapped(t, ny + 1, m + 2, w - 2, notes_h - 1, 0, E_NOTES,
                     q->notes ? q->notes : "(none for this question)");
    }
    if (t->overlay == OV_POINTS || t->overlay == OV_CUSTOMERS)
        draw_points_overlay(t, top + 2);
}

/* Self-study: what to do next on a question, and the rating given. */
static void draw_study_hint(struct tui *t)
{
    struct session_stage g = session_stage(t->sess);
    const struct session_answer *a = session_answer(t->sess, g.modpos, g.qidx);
    char buf[160];
    if (!a->revealed)
        snprintf(buf, sizeof buf, "%s",
                 a->text && a->text[0]
                     ? "r shows the model answer · G gives up"
                     : "e: type your answer first · G gives up and shows it");
    else
        snprintf(buf, sizeof buf,
                 "Rate yourself: + got it · = partly · - missed%s%s",
                 a->rating ? " · now: " : "",
                 a->rating ? store_rating_name(a->rating) : "");
    draw_text(t, t->rows - 2, theme_margin(t), t->cols, E_DIM, buf);
}

void stage_draw(struct tui *t)
{
    struct session_stage g = session_stage(t->sess);
    const struct pbl_module *m = session_module(t->sess, g.modpos);
    char right[64];
    snprintf(right, sizeof right, "module %d of %zu", g.modpos + 1,
             session_nmodules(t->sess));
    draw_header(t,
                g.kind == STAGE_SUMMARY   ? "Session summary"
                : g.kind == STAGE_OPENING ? "Opening"
                : g.kind == STAGE_CLOSING ? "Closing"
                                          : m->title,
                m ? right : "");
    int top = 2, bottom = t->rows - 2;
    switch (g.kind) {
    case STAGE_SCENARIO:
        draw_scenario(t, top, bottom - 1);
        break;
    case STAGE_VIDEO:
        stage_video_draw(t, top, bottom);
        break;
    case STAGE_QUESTION:
        draw_question(t, top, bottom);
        break;
    case STAGE_SUMMARY:
        stage_summary_draw(t, top, bottom);
        break;
    case STAGE_OPENING:
    case STAGE_CLOSING:
        stage_frame_draw(t, top, bottom - 1);
        break;
    }
    if (t->msg[0])
        draw_message(t, t->rows - 2, theme_margin(t),
                     t->cols - 2 * theme_margin(t), E_ERROR, true);
    else if (g.kind == STAGE_QUESTION &&
             session_kind(t->sess) == STORE_SELF_STUDY)
        draw_study_hint(t);
    draw_session_status(t);
    if (t->overlay == OV_PARK) {
        int mg = theme_margin(t);
        draw_fill(t, t->rows - 2, E_NOTES);
        draw_text(t, t->rows - 2, mg, 40, E_NOTES,
                  "Parking lot (Enter adds, Esc cancels):");
        draw_input(t, t->rows - 2, mg + 40, t->cols - 2 * mg - 40,
                   &stage_of(t)->park, true);
    }
}

/* The stage shown: its W_ bit, and whether the session is self-study. */
static unsigned stage_where(const struct tui *t)
{
    unsigned self = session_kind(t->sess) == STORE_SELF_STUDY ? W_SELF : 0;
    switch (session_stage(t->sess).kind) {
    case STAGE_SCENARIO:
    case STAGE_OPENING: /* slides: they scroll and move on like it */
    case STAGE_CLOSING:
        return W_SCENARIO | self;
    case STAGE_VIDEO:
        return W_VIDEO | self;
    case STAGE_QUESTION:
        return W_QUESTION | self;
    case STAGE_SUMMARY:
        return W_SUMMARY | self;
    }
    return W_HOME;
}

const struct screen_ops stage_screen = {
    .draw = stage_draw,
    .key = stage_key,
    .where = stage_where,
    .state_size = sizeof(struct stage),
};
