/* export_csv.c - one row per recorded answer, for spreadsheets: RFC 4180
 * (CRLF rows, quoted cells with doubled quotes, newlines kept inside
 * quotes), with every cell a spreadsheet would take for a formula guarded
 * by a leading "'" (csv_write_cell). A question counts as recorded once
 * anything was saved for it: an answer, a draft, a tag, a tick, a reveal
 * or a self-rating. Key points reached and missed are one a line in
 * their cell. */
#include <string.h>

#include "export_impl.h"

const char *const ex_answer_columns[] = {
    "session",
    "started_at",
    "kind",
    "status",
    "group",
    "facilitator",
    "resident",
    "participants",
    "module_number",
    "module_id",
    "module_version",
    "module_title",
    "question_number",
    "question",
    "answer",
    "draft",
    "skills_tagged",
    "points_reached",
    "points_missed",
    "model_answer",
    "self_rating",
    "gave_up",
    "revealed_at",
    "updated_at",
    "time_box_minutes",
    "seconds_spent",
    "customers_named",
    "edited_after_reveal",
    "answer_at_reveal",
};
const size_t ex_nanswer_columns =
    sizeof ex_answer_columns / sizeof ex_answer_columns[0];

/* The writer: where the rows go, and the cells past Excel's limit
 * counted there (--excel), or NULL. */
struct csvw {
    FILE *out;
    long long *long_cells;
};

/* A text cell after a separator. */
static void cell(const struct csvw *w, const char *s)
{
    csv_sep(w->out);
    csv_write_cell(w->out, s);
    if (w->long_cells && csv_excel_too_long(s))
        ++*w->long_cells;
}

/* A number cell; nothing for a negative value. */
static void num(FILE *out, long long v)
{
    csv_sep(out);
    if (v >= 0)
        fprintf(out, "%lld", v);
}

static void csv_begin(void *ctx, const struct walk_doc *d)
{
    FILE *out = ((const struct csvw *)ctx)->out;
    for (size_t i = 0; i < ex_nanswer_columns; i++) {
        if (i)
            csv_sep(out);
        csv_write_cell(out, ex_answer_columns[i]);
    }
    csv_end_row(out);
    (void)d;
}

static void csv_question(void *ctx, const struct walk_session *s,
                         const struct walk_module *m,
                         const struct walk_question *q)
{
    const struct csvw *w = ctx;
    FILE *out = w->out;
    char skills[128];
    if (!q->recorded)
        return;
    csv_write_cell(out, s->uuid);
    cell(w, s->started_at);
    cell(w, s->kind);
    cell(w, s->status);
    cell(w, s->group);
    cell(w, s->facilitator);
    cell(w, s->resident);
    cell(w, s->participants);
    num(out, m->number);
    cell(w, m->id);
    num(out, m->version);
    cell(w, m->title);
    num(out, q->number);
    cell(w, q->prompt);
    cell(w, q->answer);
    cell(w, q->draft);
    ex_skills_text(q->skills, "; ", skills, sizeof skills);
    cell(w, skills);
    cell(w, q->reached);
    cell(w, q->missed);
    cell(w, q->model_answer);
    cell(w, q->rating);
    cell(w, q->gave_up ? "yes" : "no");
    cell(w, q->revealed_at);
    cell(w, q->updated_at);
    num(out, q->minutes > 0 ? q->minutes : -1);
    num(out, q->secs);
    cell(w, q->customers_named);
    cell(w, q->edited_after_reveal ? "yes" : "no");
    /* the answer at reveal only where it differs from the answer */
    cell(w, q->edited_after_reveal ? q->answer_at_reveal : NULL);
    csv_end_row(out);
}

static const struct walk_visitor csv_visitor = {
    .begin = csv_begin,
    .question = csv_question,
};

int ex_write_csv_counted(struct pbl_store *st,
                         const struct store_selection *sel, FILE *out,
                         long long *long_cells, char **err)
{
    struct csvw w = {out, long_cells};
    return store_walk(st, sel, &csv_visitor, &w, err);
}

int ex_write_csv(struct pbl_store *st, const struct store_selection *sel,
                 FILE *out, char **err)
{
    return ex_write_csv_counted(st, sel, out, NULL, err);
}
