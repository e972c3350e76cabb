/* export_html.c - one self-contained printable page: its own CSS, no
 * script, no external asset (a Content-Security-Policy says so to the
 * browser), each session starting on a new printed page. Every text goes
 * through html_write_escaped(); texts typed by people keep their line
 * breaks (white-space: pre-wrap) and their direction (dir="auto"), and
 * module texts are reflowed like the console shows them. */
#include <stdlib.h>
#include <string.h>

#include "export_impl.h"
#include "pbl/clock.h"
#include "pbl/text.h"

static const char css[] =
    "@page { size: A4; margin: 16mm 15mm; }\n"
    "html { color: #111; background: #fff; }\n"
    "body { font: 11pt/1.45 Georgia, 'DejaVu Serif', serif; margin: 2em auto;"
    " max-width: 46em; padding: 0 1.5em; }\n"
    "h1, h2, h3, h4, h5, .meta th, table.stages th { font-family: 'Helvetica"
    " Neue', Arial, 'DejaVu Sans', sans-serif; }\n"
    "h1, h2, h3, h4, h5 { line-height: 1.2; break-after: avoid;"
    " page-break-after: avoid; }\n"
    "h1 { font-size: 20pt; margin: 0 0 .2em; }\n"
    "header.doc p { color: #444; margin: 0 0 1.5em; }\n"
    "h2 { font-size: 15pt; border-bottom: 2px solid #333;"
    " padding-bottom: .2em; margin: 0 0 .6em; }\n"
    "h2 .date { font-weight: normal; color: #444; }\n"
    "h3 { font-size: 13pt; margin: 1.6em 0 .2em; }\n"
    "h4 { font-size: 11.5pt; margin: 1.2em 0 .2em; }\n"
    "h5 { font-size: 8.5pt; text-transform: uppercase; letter-spacing: .06em;"
    " color: #444; margin: .8em 0 .2em; }\n"
    "section.session + section.session { break-before: page;"
    " page-break-before: always; margin-top: 0; }\n"
    "section.session { padding-top: 1em; }\n"
    "table { border-collapse: collapse; margin: .4em 0; }\n"
    "th, td { text-align: left; vertical-align: top;"
    " padding: .12em 1em .12em 0; }\n"
    ".meta th { font-weight: normal; color: #555; font-size: 9.5pt; }\n"
    "table.stages th, table.stages td { border-bottom: 1px solid #ccc; }\n"
    "table.stages th { font-size: 9pt; color: #444; }\n"
    ".num { text-align: right; }\n"
    ".sub { color: #555; margin: 0; font-size: 9.5pt; }\n"
    ".text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }\n"
    ".answer, .model, .draft { padding: .3em .8em; margin: .2em 0;"
    " white-space: pre-wrap; overflow-wrap: anywhere; }\n"
    ".answer { border-left: 3px solid #287a4b; background: #f3f9f5; }\n"
    ".model { border-left: 3px solid #2f5fb3; background: #f3f6fc; }\n"
    ".draft { border-left: 3px dashed #999; color: #444; }\n"
    ".none { color: #666; font-style: italic; }\n"
    ".question { break-inside: avoid; page-break-inside: avoid; }\n"
    ".qmeta { color: #555; font-size: 9.5pt; margin: 0; }\n"
    "ul.points { list-style: none; padding-left: 0; margin: .2em 0; }\n"
    "ul.points li { padding-left: 1.4em; text-indent: -1.4em; }\n"
    ".reached .mark { color: #287a4b; }\n"
    ".missed, .over { color: #a31515; }\n"
    ".mark { display: inline-block; width: 1.4em; text-indent: 0; }\n"
    ".url { font-family: 'DejaVu Sans Mono', monospace; font-size: 9pt;"
    " overflow-wrap: anywhere; }\n"
    "a { color: inherit; }\n"
    "@media print { body { margin: 0; max-width: none; padding: 0; }"
    " .answer, .model { background: none; } a { text-decoration: none; } }\n";

struct html {
    FILE *out;
    int nstages, part, items;
    bool utc; /* times in UTC, not local (store_selection.utc) */
};

#define E(out, s) html_write_escaped((out), (s))

/* Typed text (an answer, a draft, notes) as it was typed, in a block of
 * class cls; when there is none, `none` in its place (nothing for NULL). */
static void typed_text(FILE *out, const char *cls, const char *s,
                       const char *none)
{
    if (s && *s) {
        fprintf(out, "<div class=\"%s\" dir=\"auto\">", cls);
        E(out, s);
        fputs("</div>\n", out);
    } else if (none) {
        fprintf(out, "<p class=\"none\">%s</p>\n", none);
    }
}

/* A module text (scenario, model answer), reflowed, in a block. */
static void module_text(FILE *out, const char *cls, const char *s)
{
    char *flowed = s ? text_reflow(s) : NULL;
    fprintf(out, "<div class=\"%s\" dir=\"auto\">", cls);
    E(out, flowed ? flowed : s);
    fputs("</div>\n", out);
    free(flowed);
}

static void meta_row(FILE *out, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    fprintf(out, "<tr><th>%s</th><td dir=\"auto\">", label);
    E(out, value);
    fputs("</td></tr>\n", out);
}

static void html_begin(void *ctx, const struct walk_doc *d)
{
    struct html *c = ctx;
    char when[64];
    clock_when_text(d->exported_at, c->utc, when, sizeof when);
    fprintf(c->out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" "
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            "<title>Session notes</title>\n<style>\n%s</style>\n</head>\n"
            "<body>\n<header class=\"doc\">\n<h1>Session notes</h1>\n"
            "<p>%lld session%s, exported %s.</p>\n</header>\n",
            css, d->nsessions, d->nsessions == 1 ? "" : "s", when);
}

static void html_session(void *ctx, const struct walk_session *s)
{
    struct html *c = ctx;
    FILE *out = c->out;
    bool group = ex_is_group(s);
    const char *who = group ? s->group : s->resident;
    char buf[64];
    c->part = 0;
    fprintf(out, "<section class=\"session\">\n<h2>%d. %s", s->number,
            group ? "Group session" : "Self-study");
    if (who && *who) {
        fputs(": <span dir=\"auto\">", out);
        E(out, who);
        fputs("</span>", out);
    }
    clock_when_text(s->started_at, c->utc, buf, sizeof buf);
    fprintf(out, " <span class=\"date\">%.10s</span></h2>\n", buf);
    fputs("<table class=\"meta\">\n", out);
    meta_row(out, "Session", s->uuid);
    meta_row(out, "Kind", group ? "group session" : "self-study");
    meta_row(out, "Status", s->status);
    meta_row(out, "Group", s->group);
    meta_row(out, "Facilitator", s->facilitator);
    meta_row(out, "Participants", s->participants);
    meta_row(out, "Resident", s->resident);
    clock_when_text(s->started_at, c->utc, buf, sizeof buf);
    meta_row(out, "Started", buf);
    clock_when_text(s->ended_at, c->utc, buf, sizeof buf);
    meta_row(out, "Ended", buf);
    ex_duration(s->duration, buf, sizeof buf);
    meta_row(out, "Duration", s->duration >= 0 ? buf : "in progress");
    if (s->summary_secs >= 0) {
        ex_duration(s->summary_secs, buf, sizeof buf);
        meta_row(out, "Time on the summary", buf);
    }
    fputs("</table>\n", out);
    if (s->nmodules == 0)
        fputs("<p class=\"none\">No module of this session matches the "
              "selection.</p>\n",
              out);
}

/* "a, b" or a "none" in grey; `cls` marks the names (e.g. missed). */
static void skills(FILE *out, unsigned set, const char *cls)
{
    char list[128];
    ex_skills_text(set, ", ", list, sizeof list);
    if (*list)
        fprintf(out, "<span class=\"%s\">%s</span>", cls, list);
    else
        fputs("<span class=\"none\">none</span>", out);
}

static void html_module(void *ctx, const struct walk_session *s,
                        const struct walk_module *m)
{
    struct html *c = ctx;
    FILE *out = c->out;
    c->nstages = 0;
    fprintf(out, "<article class=\"module\">\n<h3>Module %d: ", m->number);
    E(out, m->title);
    fputs("</h3>\n<p class=\"sub\">", out);
    E(out, m->id);
    fprintf(out, ", version %d", m->version);
    if (m->level) {
        fputs(", level ", out);
        E(out, m->level);
    }
    fputs("</p>\n", out);
    if (m->summary) {
        fputs("<p dir=\"auto\">", out);
        E(out, m->summary);
        fputs("</p>\n", out);
    }
    if (m->video_url) {
        bool web = strncmp(m->video_url, "https://", 8) == 0 ||
                   strncmp(m->video_url, "http://", 7) == 0;
        fputs("<p class=\"video\"><b>Video:</b> ", out);
        if (web) {
            fputs("<a href=\"", out);
            E(out, m->video_url);
            fputs("\">", out);
        }
        E(out, m->video_title ? m->video_title : "video");
        fputs(web ? "</a>" : "", out);
        if (m->video_minutes > 0)
            fprintf(out, " (%d min)", m->video_minutes);
        fputs(" <span class=\"url\">", out);
        E(out, m->video_url);
        fputs("</span></p>\n", out);
    }
    fputs("<h5>Scenario</h5>\n", out);
    module_text(out, "text", m->scenario);
    fputs("<p class=\"skills\"><b>Target skills:</b> ", out);
    skills(out, m->target, "target");
    fprintf(out, "; <b>named by the %s:</b> ",
            ex_is_group(s) ? "group" : "resident");
    skills(out, m->named, "named");
    fputs("; <b>missed:</b> ", out);
    skills(out, m->target & ~m->named, "missed");
    fputs("</p>\n", out);
}

static void html_question(void *ctx, const struct walk_session *s,
                          const struct walk_module *m,
                          const struct walk_question *q)
{
    struct html *c = ctx;
    FILE *out = c->out;
    char buf[64];
    fprintf(out, "<div class=\"question\">\n<h4>Q%d. <span dir=\"auto\">",
            q->number);
    E(out, q->prompt);
    fputs("</span></h4>\n<p class=\"qmeta\">", out);
    E(out, q->kind ? q->kind : "text");
    fputs(" question", out);
    if (q->minutes > 0)
        fprintf(out, " · time box %d:00", q->minutes);
    if (q->secs >= 0) {
        ex_duration(q->secs, buf, sizeof buf);
        fprintf(out, " · time spent <span class=\"%s\">%s</span>",
                q->minutes > 0 && q->secs > q->minutes * 60LL ? "over"
                                                              : "spent",
                buf);
    }
    if (q->revealed_at) {
        clock_when_text(q->revealed_at, c->utc, buf, sizeof buf);
        fprintf(out, " · model answer shown %s", buf);
    }
    fprintf(out, "</p>\n<h5>%s answer</h5>\n",
            ex_is_group(s) ? "Group's" : "Resident's");
    typed_text(out, "answer", q->answer, "No answer recorded.");
    if (q->draft && *q->draft) {
        fputs("<h5>Draft, not entered</h5>\n", out);
        typed_text(out, "draft", q->draft, NULL);
    }
    if (q->edited_after_reveal) {
        fputs("<h5 class=\"edited\">Edited after reveal</h5>\n<p>The answer "
              "was changed after the model answer was shown. When it was "
              "shown, it read:</p>\n",
              out);
        typed_text(out, "draft", q->answer_at_reveal, "Nothing yet.");
    }
    fputs("<p><b>Skills tagged:</b> ", out);
    skills(out, q->skills, "tagged");
    fputs("</p>\n", out);
    if (q->customers_named) {
        fputs("<p><b>Customers named:</b> ", out);
        E(out, *q->customers_named ? q->customers_named : "none");
        fputs("</p>\n", out);
    }
    if (q->npoints > 0)
        fputs("<h5>Key points</h5>\n<ul class=\"points\">\n", out);
    (void)m;
}

static void html_point(void *ctx, const struct walk_question *q,
                       const struct walk_point *p)
{
    struct html *c = ctx;
    fprintf(c->out,
            "<li class=\"%s\"><span class=\"mark\">%s</span>"
            "<span dir=\"auto\">",
            p->reached ? "reached" : "missed",
            p->reached ? "\xE2\x9C\x93" : "\xE2\x9C\x97");
    E(c->out, p->text);
    fprintf(c->out, "</span> <span class=\"none\">(%s)</span></li>\n",
            p->reached ? "reached" : "missed");
    (void)q;
}

static void html_question_end(void *ctx, const struct walk_session *s,
                              const struct walk_question *q)
{
    struct html *c = ctx;
    FILE *out = c->out;
    if (q->npoints > 0)
        fputs("</ul>\n", out);
    fputs("<h5>Model answer</h5>\n", out);
    module_text(out, "model", q->model_answer);
    if (q->rating || q->gave_up) {
        fputs("<p><b>Self-rating:</b> ", out);
        E(out, q->rating    ? q->rating
               : q->gave_up ? "missed"
                            : "none"); /* a give-up counts as missed */
        if (q->gave_up)
            fputs(" (gave up and looked at the model answer)", out);
        fputs("</p>\n", out);
    }
    fputs("</div>\n", out);
    (void)s;
}

static void html_stage(void *ctx, const struct walk_module *m,
                       const struct walk_stage *t)
{
    struct html *c = ctx;
    FILE *out = c->out;
    char spent[32];
    bool over = t->planned_minutes > 0 && t->secs > t->planned_minutes * 60LL;
    if (c->nstages++ == 0)
        fputs("<h5>Stage times</h5>\n<table class=\"stages\">\n<tr><th>Stage"
              "</th><th class=\"num\">Visits</th><th class=\"num\">Time</th>"
              "<th class=\"num\">Time box</th></tr>\n",
              out);
    ex_duration(t->secs, spent, sizeof spent);
    fputs("<tr><td>", out);
    E(out, t->stage);
    fprintf(out, "</td><td class=\"num\">%d</td><td class=\"num%s\">%s</td>",
            t->visits, over ? " over" : "", spent);
    if (t->planned_minutes > 0)
        fprintf(out, "<td class=\"num\">%d:00</td></tr>\n", t->planned_minutes);
    else
        fputs("<td class=\"num\">-</td></tr>\n", out);
    (void)m;
}

static void html_module_end(void *ctx, const struct walk_module *m)
{
    struct html *c = ctx;
    if (c->nstages)
        fputs("</table>\n", c->out);
    fputs("</article>\n", c->out);
    (void)m;
}

/* The parking lot, then the review comments, each a list under its
 * heading ("none" when empty): part 1 has the parking lot's list open,
 * part 2 the comments'; `items` counts what the open list holds. */
static void html_part(struct html *c, int part)
{
    FILE *out = c->out;
    if (c->part < 1 && part >= 1) {
        fputs("<h3>Parking lot</h3>\n<ul class=\"parking\">\n", out);
        c->part = 1;
        c->items = 0;
    }
    if (c->part < 2 && part >= 2) {
        if (!c->items)
            fputs("<li class=\"none\">Nothing was parked.</li>\n", out);
        fputs("</ul>\n<h3>Review comments</h3>\n<ul class=\"comments\">\n",
              out);
        c->part = 2;
        c->items = 0;
    }
}

static void html_park(void *ctx, const struct walk_session *s,
                      const struct walk_park *p)
{
    struct html *c = ctx;
    FILE *out = c->out;
    char when[64];
    html_part(c, 1);
    c->items++;
    fputs("<li><span class=\"text\" dir=\"auto\">", out);
    E(out, p->text);
    fputs("</span> <span class=\"none\">(", out);
    if (p->raised_here) {
        clock_when_text(p->raised_at, c->utc, when, sizeof when);
        fprintf(out, "raised %s; ", when);
    } else {
        fputs("raised in an earlier session; ", out);
    }
    if (p->resolved_at) {
        clock_when_text(p->resolved_at, c->utc, when, sizeof when);
        fprintf(out, "resolved %s", when);
        if (p->resolved_in && s->uuid && strcmp(p->resolved_in, s->uuid))
            fputs(" in session ", out), E(out, p->resolved_in);
        else if (p->resolved_in)
            fputs(" in this session", out);
    } else {
        fputs("open", out);
    }
    fputs(")</span></li>\n", out);
}

static void html_comment(void *ctx, const struct walk_session *s,
                         const struct walk_comment *cm)
{
    struct html *c = ctx;
    char when[64];
    html_part(c, 2);
    c->items++;
    clock_when_text(cm->created_at, c->utc, when, sizeof when);
    fprintf(c->out, "<li><b>%s:</b> <span class=\"text\" dir=\"auto\">", when);
    E(c->out, cm->text);
    fputs("</span></li>\n", c->out);
    (void)s;
}

static void html_session_end(void *ctx, const struct walk_session *s)
{
    struct html *c = ctx;
    FILE *out = c->out;
    html_part(c, 2);
    if (!c->items)
        fputs("<li class=\"none\">None.</li>\n", out);
    fputs("</ul>\n", out);
    if (s->notes && *s->notes) {
        fputs("<h3>Session notes</h3>\n", out);
        typed_text(out, "text", s->notes, NULL);
    }
    fputs("</section>\n", out);
}

static void html_end(void *ctx, const struct walk_doc *d)
{
    struct html *c = ctx;
    fputs("</body>\n</html>\n", c->out);
    (void)d;
}

static const struct walk_visitor html_visitor = {
    .begin = html_begin,
    .session = html_session,
    .module = html_module,
    .question = html_question,
    .point = html_point,
    .question_end = html_question_end,
    .stage = html_stage,
    .module_end = html_module_end,
    .park = html_park,
    .comment = html_comment,
    .session_end = html_session_end,
    .end = html_end,
};

int ex_write_html(struct pbl_store *st, const struct store_selection *sel,
                  FILE *out, char **err)
{
    struct html c = {out, 0, 0, 0, sel->utc};
    return store_walk(st, sel, &html_visitor, &c, err);
}
