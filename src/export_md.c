/* export_md.c - session notes as Markdown (CommonMark with GitHub's
 * tables and task lists): what a person reads, or pastes into a
 * document. Every text that came from a person or a module goes through
 * the Markdown escapers, so it shows as typed and never as markup. */
#include <stdlib.h>
#include <string.h>

#include "export_impl.h"
#include "pbl/clock.h"
#include "pbl/text.h"

struct md {
    FILE *out;
    int nstages;     /* stage rows written for the current module */
    int part, items; /* see md_part() */
    bool utc;        /* times in UTC, not local (store_selection.utc) */
};

/* A module text (scenario, summary, model answer), its hard-wrapped
 * lines joined into paragraphs as the console shows it. */
static void module_text(FILE *out, const char *s)
{
    char *flowed = s ? text_reflow(s) : NULL;
    md_write_escaped(out, flowed ? flowed : s);
    free(flowed);
}

/* "- **Label:** value" when the value is set. */
static void item(FILE *out, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    fprintf(out, "- **%s:** ", label);
    md_write_inline(out, value);
    fputc('\n', out);
}

static void md_begin(void *ctx, const struct walk_doc *d)
{
    struct md *c = ctx;
    char when[64];
    clock_when_text(d->exported_at, c->utc, when, sizeof when);
    fprintf(c->out, "# Session notes\n\n%lld session%s, exported %s.\n",
            d->nsessions, d->nsessions == 1 ? "" : "s", when);
}

static void md_session(void *ctx, const struct walk_session *s)
{
    struct md *c = ctx;
    FILE *out = c->out;
    bool group = ex_is_group(s);
    const char *who = group ? s->group : s->resident;
    char buf[64];
    c->part = 0;
    fprintf(out, "\n---\n\n## %d. %s", s->number,
            group ? "Group session" : "Self-study");
    if (who && *who) {
        fputs(": ", out);
        md_write_inline(out, who);
    }
    clock_when_text(s->started_at, c->utc, buf, sizeof buf);
    fprintf(out, ", %.10s\n\n", buf);
    item(out, "Session", s->uuid);
    item(out, "Kind", group ? "group session" : "self-study");
    item(out, "Status", s->status);
    item(out, "Group", s->group);
    item(out, "Facilitator", s->facilitator);
    item(out, "Participants", s->participants);
    item(out, "Resident", s->resident);
    clock_when_text(s->started_at, c->utc, buf, sizeof buf);
    item(out, "Started", buf);
    clock_when_text(s->ended_at, c->utc, buf, sizeof buf);
    item(out, "Ended", buf);
    ex_duration(s->duration, buf, sizeof buf);
    item(out, "Duration", s->duration >= 0 ? buf : "in progress");
    if (s->summary_secs >= 0) {
        ex_duration(s->summary_secs, buf, sizeof buf);
        item(out, "Time on the summary", buf);
    }
    if (s->nmodules == 0)
        fputs("\n*No module of this session matches the selection.*\n", out);
}

static void md_module(void *ctx, const struct walk_session *s,
                      const struct walk_module *m)
{
    struct md *c = ctx;
    FILE *out = c->out;
    char list[128];
    c->nstages = 0;
    fprintf(out, "\n### Module %d: ", m->number);
    md_write_inline(out, m->title);
    fputs("\n\n*", out);
    md_write_inline(out, m->id);
    fprintf(out, ", version %d", m->version);
    if (m->level) {
        fputs(", level ", out);
        md_write_inline(out, m->level);
    }
    fputs("*\n", out);
    if (m->summary) {
        fputs("\n", out);
        module_text(out, m->summary);
        fputs("\n", out);
    }
    if (m->video_url) {
        fputs("\n**Video:** ", out);
        md_write_inline(out, m->video_title ? m->video_title : "video");
        if (m->video_minutes > 0)
            fprintf(out, " (%d min)", m->video_minutes);
        /* an autolink holds no blank, < or >; anything else is text */
        uint32_t cp;
        unsigned char byte;
        if (strpbrk(m->video_url, " \t\r\n<>") == NULL &&
            text_find_untypable(m->video_url, &cp, &byte) < 0)
            fprintf(out, ": <%s>\n", m->video_url);
        else {
            fputs(": ", out);
            md_write_inline(out, m->video_url);
            fputs("\n", out);
        }
    }
    fputs("\n**Scenario**\n\n", out);
    module_text(out, m->scenario);
    fputs("\n\n**Skills:** target ", out);
    ex_skills_text(m->target, ", ", list, sizeof list);
    fputs(*list ? list : "none", out);
    ex_skills_text(m->named, ", ", list, sizeof list);
    fprintf(out, "; named by the %s: %s", ex_is_group(s) ? "group" : "resident",
            *list ? list : "none");
    ex_skills_text(m->target & ~m->named, ", ", list, sizeof list);
    fprintf(out, "; missed: %s.\n", *list ? list : "none");
}

static void md_question(void *ctx, const struct walk_session *s,
                        const struct walk_module *m,
                        const struct walk_question *q)
{
    struct md *c = ctx;
    FILE *out = c->out;
    char buf[64];
    bool group = ex_is_group(s);
    fprintf(out, "\n#### Q%d. ", q->number);
    md_write_inline(out, q->prompt);
    fputs("\n\n*", out);
    md_write_inline(out, q->kind ? q->kind : "text");
    fputs(" question", out);
    if (q->minutes > 0)
        fprintf(out, " · time box %d:00", q->minutes);
    if (q->secs >= 0) {
        ex_duration(q->secs, buf, sizeof buf);
        fprintf(out, " · time spent %s", buf);
    }
    if (q->revealed_at) {
        clock_when_text(q->revealed_at, c->utc, buf, sizeof buf);
        fprintf(out, " · model answer shown %s", buf);
    }
    fprintf(out, "*\n\n**%s answer**\n\n", group ? "Group's" : "Resident's");
    if (q->answer && *q->answer) {
        md_write_escaped(out, q->answer);
        fputs("\n", out);
    } else {
        fputs("*No answer recorded.*\n", out);
    }
    if (q->draft && *q->draft) {
        fputs("\n*Draft, not entered:*\n\n", out);
        md_write_escaped(out, q->draft);
        fputs("\n", out);
    }
    if (q->edited_after_reveal) {
        fputs("\n**Edited after reveal:** the answer was changed after the "
              "model answer was shown. When it was shown, it read:\n\n",
              out);
        if (q->answer_at_reveal && *q->answer_at_reveal) {
            md_write_escaped(out, q->answer_at_reveal);
            fputs("\n", out);
        } else {
            fputs("*Nothing yet.*\n", out);
        }
    }
    ex_skills_text(q->skills, ", ", buf, sizeof buf);
    fprintf(out, "\n**Skills tagged:** %s\n", *buf ? buf : "none");
    if (q->customers_named) {
        fputs("\n**Customers named:** ", out);
        md_write_inline(out, *q->customers_named ? q->customers_named : "none");
        fputs("\n", out);
    }
    if (q->npoints > 0)
        fputs("\n**Key points:**\n\n", out);
    (void)m;
}

static void md_point(void *ctx, const struct walk_question *q,
                     const struct walk_point *p)
{
    struct md *c = ctx;
    fprintf(c->out, "- [%c] ", p->reached ? 'x' : ' ');
    md_write_inline(c->out, p->text);
    fputc('\n', c->out);
    (void)q;
}

static void md_question_end(void *ctx, const struct walk_session *s,
                            const struct walk_question *q)
{
    struct md *c = ctx;
    FILE *out = c->out;
    fputs("\n**Model answer**\n\n", out);
    module_text(out, q->model_answer);
    fputs("\n", out);
    if (q->rating || q->gave_up) {
        fputs("\n**Self-rating:** ", out);
        fputs(q->rating    ? q->rating
              : q->gave_up ? "missed"
                           : "none",
              out); /* a give-up counts as missed */
        if (q->gave_up)
            fputs(" (gave up and looked at the model answer)", out);
        fputs("\n", out);
    }
    (void)s;
}

static void md_stage(void *ctx, const struct walk_module *m,
                     const struct walk_stage *t)
{
    struct md *c = ctx;
    FILE *out = c->out;
    char spent[32], box[32];
    if (c->nstages++ == 0)
        fputs("\n**Stage times**\n\n"
              "| Stage | Visits | Time | Time box |\n"
              "| :-- | --: | --: | --: |\n",
              out);
    ex_duration(t->secs, spent, sizeof spent);
    if (t->planned_minutes > 0)
        snprintf(box, sizeof box, "%d:00%s", t->planned_minutes,
                 t->secs > t->planned_minutes * 60LL ? " (over)" : "");
    else
        snprintf(box, sizeof box, "-");
    fputs("| ", out);
    md_write_inline(out, t->stage);
    fprintf(out, " | %d | %s | %s |\n", t->visits, spent, box);
    (void)m;
}

/* The parking lot, then the review comments, each under its heading
 * ("none" when empty): `part` is the last heading written (1: parking
 * lot, 2: comments), `items` what was written under it. */
static void md_part(struct md *c, int part)
{
    if (c->part < 1 && part >= 1) {
        fputs("\n### Parking lot\n\n", c->out);
        c->part = 1;
        c->items = 0;
    }
    if (c->part < 2 && part >= 2) {
        if (!c->items)
            fputs("*Nothing was parked.*\n", c->out);
        fputs("\n### Review comments\n\n", c->out);
        c->part = 2;
        c->items = 0;
    }
}

static void md_park(void *ctx, const struct walk_session *s,
                    const struct walk_park *p)
{
    struct md *c = ctx;
    FILE *out = c->out;
    char when[64];
    md_part(c, 1);
    c->items++;
    fputs("- ", out);
    md_write_block(out, p->text, "  ");
    if (p->raised_here) {
        clock_when_text(p->raised_at, c->utc, when, sizeof when);
        fprintf(out, " *(raised %s; ", when);
    } else {
        fputs(" *(raised in an earlier session; ", out);
    }
    if (p->resolved_at) {
        clock_when_text(p->resolved_at, c->utc, when, sizeof when);
        fprintf(out, "resolved %s", when);
        if (p->resolved_in && s->uuid && strcmp(p->resolved_in, s->uuid))
            fputs(" in session ", out), md_write_inline(out, p->resolved_in);
        else if (p->resolved_in)
            fputs(" in this session", out);
        fputs(")*\n", out);
    } else {
        fputs("open)*\n", out);
    }
}

static void md_comment(void *ctx, const struct walk_session *s,
                       const struct walk_comment *cm)
{
    struct md *c = ctx;
    char when[64];
    md_part(c, 2);
    c->items++;
    clock_when_text(cm->created_at, c->utc, when, sizeof when);
    fprintf(c->out, "- **%s:** ", when);
    md_write_block(c->out, cm->text, "  ");
    fputc('\n', c->out);
    (void)s;
}

static void md_session_end(void *ctx, const struct walk_session *s)
{
    struct md *c = ctx;
    FILE *out = c->out;
    md_part(c, 2);
    if (!c->items)
        fputs("*None.*\n", out);
    if (s->notes && *s->notes) {
        fputs("\n### Session notes\n\n", out);
        md_write_escaped(out, s->notes);
        fputs("\n", out);
    }
}

static const struct walk_visitor md_visitor = {
    .begin = md_begin,
    .session = md_session,
    .module = md_module,
    .question = md_question,
    .point = md_point,
    .question_end = md_question_end,
    .stage = md_stage,
    .park = md_park,
    .comment = md_comment,
    .session_end = md_session_end,
};

int ex_write_md(struct pbl_store *st, const struct store_selection *sel,
                FILE *out, char **err)
{
    struct md c = {out, 0, 0, 0, sel->utc};
    return store_walk(st, sel, &md_visitor, &c, err);
}
