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

static void cell(FILE *out, const char *s)
{
    csv_sep(out);
    csv_write_cell(out, s);
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
    FILE *out = ctx;
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
    FILE *out = ctx;
    char skills[128];
    if (!q->recorded)
        return;
    csv_write_cell(out, s->uuid);
    cell(out, s->started_at);
    cell(out, s->kind);
    cell(out, s->status);
    cell(out, s->group);
    cell(out, s->facilitator);
    cell(out, s->resident);
    cell(out, s->participants);
    num(out, m->number);
    cell(out, m->id);
    num(out, m->version);
    cell(out, m->title);
    num(out, q->number);
    cell(out, q->prompt);
    cell(out, q->answer);
    cell(out, q->draft);
    ex_skills_text(q->skills, "; ", skills, sizeof skills);
    cell(out, skills);
    cell(out, q->reached);
    cell(out, q->missed);
    cell(out, q->model_answer);
    cell(out, q->rating);
    cell(out, q->gave_up ? "yes" : "no");
    cell(out, q->revealed_at);
    cell(out, q->updated_at);
    num(out, q->minutes > 0 ? q->minutes : -1);
    num(out, q->secs);
    cell(out, q->customers_named);
    cell(out, q->edited_after_reveal ? "yes" : "no");
    /* the answer at reveal only where it differs from the answer */
    cell(out, q->edited_after_reveal ? q->answer_at_reveal : NULL);
    csv_end_row(out);
}

static const struct walk_visitor csv_visitor = {
    .begin = csv_begin,
    .question = csv_question,
};

int ex_write_csv(struct pbl_store *st, const struct store_selection *sel,
                 FILE *out, char **err)
{
    return store_walk(st, sel, &csv_visitor, out, err);
}
