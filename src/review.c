/* review.c - one recorded session as typed parts of readable text (see
 * review.h). */
#include "pbl/review.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/module.h"
#include "pbl/store.h"
#include "pbl/store_walk.h"
#include "pbl/text.h"
#include "pbl/util.h"

/* The parts being built, and whether memory ran out on the way (then
 * the parts are dropped at the end). */
struct parts {
    struct review_parts *p;
    bool oom;
};

/* Appends a part of kind k with the formatted text. */
static void add(struct parts *b, enum review_kind k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add(struct parts *b, enum review_kind k, const char *fmt, ...)
{
    struct review_parts *p = b->p;
    if (b->oom)
        return;
    struct review_part *v = util_grow(p->v, &p->cap, p->n + 1, sizeof *v);
    if (!v) {
        b->oom = true;
        return;
    }
    p->v = v;
    va_list ap;
    va_start(ap, fmt);
    char *s = text_vformat(fmt, ap);
    va_end(ap);
    if (!s) {
        b->oom = true;
        return;
    }
    p->v[p->n++] = (struct review_part){k, s};
}

/* A blank line between blocks. */
static void blank(struct parts *b)
{
    add(b, REVIEW_TEXT, "%s", "");
}

/* The review being built from the walk of one session: the parts,
 * whether the session was found, the module being read (for "Question
 * 1 of 3") and which closing sections have begun. */
struct review_walk {
    struct parts b;
    bool found;
    int nquestions;
    bool parking, comments;
};

/* A part "label text" with the text's soft line breaks joined, so the
 * reader wraps each paragraph to its own width. */
static void field(struct parts *b, enum review_kind k, const char *label,
                  const char *text)
{
    if (!text)
        text = STORE_MISSING; /* a damaged record */
    char *s = text_reflow(text);
    const char *p = s ? s : text;
    size_t n = strlen(p);
    while (n && p[n - 1] == '\n')
        n--;
    add(b, k, "%s%.*s", label, (int)n, p);
    free(s);
}

/* "label reliability, empathy", or "label -" for none. */
static void skills_line(struct parts *b, const char *label, unsigned set)
{
    char names[256] = "";
    size_t len = 0;
    for (int k = 0; k < SKILL_COUNT; k++)
        if (set & SKILL_BIT(k)) {
            int w = snprintf(names + len, sizeof names - len, "%s%s",
                             len ? ", " : " ", skill_name((enum pbl_skill)k));
            if (w < 0 || (size_t)w >= sizeof names - len)
                break;
            len += (size_t)w;
        }
    add(b, REVIEW_TEXT, "%s%s", label, len ? names : " -");
}

/* A value that may be missing from a damaged record. */
static const char *or_missing(const char *s)
{
    return s ? s : STORE_MISSING;
}

static void on_session(void *ctx, const struct walk_session *s)
{
    struct review_walk *c = ctx;
    struct parts *b = &c->b;
    c->found = true;
    add(b, REVIEW_TEXT, "%s session %s",
        s->kind && strcmp(s->kind, "group") == 0 ? "Group" : "Self-study",
        or_missing(s->uuid));
    if (s->group)
        add(b, REVIEW_TEXT, "Group: %s", s->group);
    if (s->facilitator)
        add(b, REVIEW_TEXT, "Facilitator: %s", s->facilitator);
    if (s->participants)
        add(b, REVIEW_TEXT, "Participants: %s", s->participants);
    if (s->resident)
        add(b, REVIEW_TEXT, "Resident: %s", s->resident);
    add(b, REVIEW_TEXT, "Started: %s", or_missing(s->started_at));
    if (s->ended_at && s->duration >= 0)
        add(b, REVIEW_TEXT, "Ended: %s (%lld min)", s->ended_at,
            s->duration / 60);
    add(b, REVIEW_TEXT, "Status: %s", or_missing(s->status));
    if (s->notes)
        add(b, REVIEW_TEXT, "Notes: %s", s->notes);
}

static void on_module(void *ctx, const struct walk_session *s,
                      const struct walk_module *m)
{
    struct review_walk *c = ctx;
    struct parts *b = &c->b;
    c->nquestions = m->nquestions;
    blank(b);
    add(b, REVIEW_HEADING, "== %d. %s (%s, version %d) ==", m->number,
        or_missing(m->title), or_missing(m->id), m->version);
    skills_line(b, "Target skills:", m->target);
    blank(b);
    field(b, REVIEW_TEXT, "Scenario: ", m->scenario);
    if (m->video_url)
        add(b, REVIEW_TEXT, "Video: %s", m->video_url);
}

/* A question up to its key points: its title, the time against its time
 * box, the answer, skills and customers. */
static void on_question(void *ctx, const struct walk_session *s,
                        const struct walk_module *m,
                        const struct walk_question *q)
{
    struct review_walk *c = ctx;
    struct parts *b = &c->b;
    long secs = q->secs > 0 ? (long)q->secs : 0; /* -1: never timed */
    blank(b);
    add(b, REVIEW_QUESTION, "Question %d of %d: %s", q->number, c->nquestions,
        or_missing(q->prompt));
    char spent[32];
    util_format_duration(secs, 0, spent, sizeof spent);
    if (q->minutes > 0)
        add(b, REVIEW_TEXT, "Time: %s of a %d-minute box%s", spent, q->minutes,
            secs > q->minutes * 60L ? " (over)" : "");
    else
        add(b, REVIEW_TEXT, "Time: %s", spent);
    /* the answer keeps the line breaks its typist made */
    if (q->answer)
        add(b, REVIEW_ANSWER, "Answer: %s", q->answer);
    else if (q->draft)
        add(b, REVIEW_ANSWER, "Answer (a draft, never entered): %s", q->draft);
    else
        add(b, REVIEW_ANSWER, "%s", "Answer: (none recorded)");
    if (q->edited_after_reveal)
        add(b, REVIEW_TEXT,
            "Edited after reveal: the model answer was shown when it "
            "read: %s",
            q->answer_at_reveal && *q->answer_at_reveal ? q->answer_at_reveal
                                                        : "(nothing yet)");
    if (q->judges_skills) {
        skills_line(b, "Skills named:", q->skills);
        skills_line(b, "Target skills missed:", m->target & ~q->skills);
    } else if (q->skills) { /* tags on "what went well" are not a test */
        skills_line(b, "Skills tagged:", q->skills);
    }
    if (q->ncustomers > 0) {
        add(b, REVIEW_TEXT, "%s", "Customers named (marked):");
        for (int i = 0; i < q->ncustomers; i++)
            add(b, REVIEW_TEXT, "  %s %s",
                i < 64 && (q->customers_marked >> i & 1) ? "[x]" : "[ ]",
                q->customers[i]);
        if (q->npoints > 0)
            add(b, REVIEW_TEXT, "%s", "Key points:");
    }
}

static void on_point(void *ctx, const struct walk_question *q,
                     const struct walk_point *p)
{
    struct review_walk *c = ctx;
    add(&c->b, REVIEW_TEXT, "  %s %s", p->reached ? "[x]" : "[ ]",
        or_missing(p->text));
}

/* The rest of a question, after its key points. */
static void on_question_end(void *ctx, const struct walk_session *s,
                            const struct walk_question *q)
{
    struct review_walk *c = ctx;
    struct parts *b = &c->b;
    if (q->gave_up)
        add(b, REVIEW_TEXT, "%s", "Gave up on the question.");
    if (q->rating)
        add(b, REVIEW_TEXT, "Self-rating: %s", q->rating);
    add(b, REVIEW_TEXT, "Revealed: %s",
        q->revealed_at && *q->revealed_at ? q->revealed_at : "no");
    field(b, REVIEW_MODEL, "Model answer: ", q->model_answer);
}

/* Begins the parking lot's section, once. */
static void parking_heading(struct review_walk *c)
{
    if (c->parking)
        return;
    c->parking = true;
    blank(&c->b);
    add(&c->b, REVIEW_HEADING, "%s", "== Parking lot ==");
}

static void on_park(void *ctx, const struct walk_session *s,
                    const struct walk_park *p)
{
    struct review_walk *c = ctx;
    parking_heading(c);
    const char *text = or_missing(p->text);
    if (!p->resolved_at)
        add(&c->b, REVIEW_TEXT, "  [ ] %s", text);
    else
        add(&c->b, REVIEW_TEXT, "  [x] %s (%sresolved %s)", text,
            p->raised_here ? "" : "raised in an earlier session, ",
            p->resolved_at);
}

/* Ends the parking lot ("(empty)" when it had nothing) and begins the
 * review comments' section, once. */
static void comments_heading(struct review_walk *c)
{
    if (c->comments)
        return;
    if (!c->parking) {
        parking_heading(c);
        add(&c->b, REVIEW_TEXT, "%s", "(empty)");
    }
    c->comments = true;
    blank(&c->b);
    add(&c->b, REVIEW_HEADING, "%s", "== Review comments ==");
}

static void on_comment(void *ctx, const struct walk_session *s,
                       const struct walk_comment *cm)
{
    struct review_walk *c = ctx;
    comments_heading(c);
    add(&c->b, REVIEW_TEXT, "  %s: %s", cm->created_at ? cm->created_at : "",
        or_missing(cm->text));
}

static void on_session_end(void *ctx, const struct walk_session *s)
{
    struct review_walk *c = ctx;
    if (!c->comments) {
        comments_heading(c);
        add(&c->b, REVIEW_TEXT, "%s", "(none)");
    }
}

int review_parts(struct pbl_store *st, const char *uuid,
                 struct review_parts *out, char **errmsg)
{
    static const struct walk_visitor visitor = {
        .customers = true,
        .session = on_session,
        .module = on_module,
        .question = on_question,
        .point = on_point,
        .question_end = on_question_end,
        .park = on_park,
        .comment = on_comment,
        .session_end = on_session_end,
    };
    const char *one[] = {uuid};
    struct store_selection sel = {.sessions = one, .nsessions = 1, .limit = -1};
    struct review_walk c = {.b = {out, false}};
    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    bool began = store_read_begin(st);
    int rc = store_walk(st, &sel, &visitor, &c, errmsg);
    store_read_end(st, began);
    if (rc == 0 && !c.found) {
        size_t n = strlen("no session ") + strlen(uuid) + 1;
        if ((*errmsg = malloc(n)))
            snprintf(*errmsg, n, "no session %s", uuid);
        rc = -1;
    } else if (rc == 0 && c.b.oom) {
        *errmsg = strdup("out of memory");
        rc = -1;
    }
    if (rc != 0)
        review_parts_free(out);
    return rc;
}

void review_parts_free(struct review_parts *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].text);
    free(p->v);
    memset(p, 0, sizeof *p);
}

int review_write(struct pbl_store *st, const char *uuid, FILE *out,
                 char **errmsg)
{
    struct review_parts p;
    if (review_parts(st, uuid, &p, errmsg) != 0)
        return -1;
    for (size_t i = 0; i < p.n; i++)
        fprintf(out, "%s\n", p.v[i].text);
    review_parts_free(&p);
    return 0;
}
