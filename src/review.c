/* review.c - one recorded session as typed parts of readable text (see
 * review.h). */
#include "pbl/review.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
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
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s) {
        b->oom = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    p->v[p->n++] = (struct review_part){k, s};
}

/* A blank line between blocks. */
static void blank(struct parts *b)
{
    add(b, REVIEW_TEXT, "%s", "");
}

static int fail(struct pbl_store *st, char **errmsg)
{
    *errmsg = strdup(store_error(st));
    return -1;
}

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

static void write_question(struct parts *b, const struct pbl_module *m,
                           size_t q, const struct store_response *r, long secs,
                           int planned)
{
    const struct pbl_question *qu = &m->questions[q];
    blank(b);
    add(b, REVIEW_QUESTION, "Question %zu of %zu: %s", q + 1, m->nquestions,
        qu->prompt);
    char spent[32];
    util_format_duration(secs, 0, spent, sizeof spent);
    if (planned)
        add(b, REVIEW_TEXT, "Time: %s of a %d-minute box%s", spent, planned,
            secs > planned * 60L ? " (over)" : "");
    else
        add(b, REVIEW_TEXT, "Time: %s", spent);
    /* the answer keeps the line breaks its typist made */
    if (r && r->text)
        add(b, REVIEW_ANSWER, "Answer: %s", r->text);
    else if (r && r->draft)
        add(b, REVIEW_ANSWER, "Answer (a draft, never entered): %s", r->draft);
    else
        add(b, REVIEW_ANSWER, "%s", "Answer: (none recorded)");
    if (r && r->edited_after_reveal)
        add(b, REVIEW_TEXT,
            "Edited after reveal: the model answer was shown when it "
            "read: %s",
            r->revealed_text && *r->revealed_text ? r->revealed_text
                                                  : "(nothing yet)");
    unsigned tagged = r ? r->skills : 0;
    if (question_judges_skills(qu)) {
        skills_line(b, "Skills named:", tagged);
        skills_line(b, "Target skills missed:", m->skills & ~tagged);
    } else if (tagged) { /* tags on "what went well" are not a test */
        skills_line(b, "Skills tagged:", tagged);
    }
    if (qu->kind == QKIND_CUSTOMERS && m->customers.n) {
        add(b, REVIEW_TEXT, "%s", "Customers named (marked):");
        for (size_t i = 0; i < m->customers.n; i++)
            add(b, REVIEW_TEXT, "  %s %s",
                r && i < 64 && (r->customers >> i & 1) ? "[x]" : "[ ]",
                m->customers.v[i]);
        if (qu->points.n)
            add(b, REVIEW_TEXT, "%s", "Key points:");
    }
    for (size_t i = 0; i < qu->points.n; i++)
        add(b, REVIEW_TEXT, "  %s %s",
            r && (r->points & (UINT64_C(1) << i)) ? "[x]" : "[ ]",
            qu->points.v[i]);
    if (r && r->gave_up)
        add(b, REVIEW_TEXT, "%s", "Gave up on the question.");
    if (r && r->rating != STORE_RATING_NONE)
        add(b, REVIEW_TEXT, "Self-rating: %s", store_rating_name(r->rating));
    add(b, REVIEW_TEXT, "Revealed: %s",
        r && r->revealed_at[0] ? r->revealed_at : "no");
    field(b, REVIEW_MODEL, "Model answer: ", qu->answer);
}

static int write_module(struct pbl_store *st, const char *uuid, int pos,
                        const struct store_stage_list *stages, struct parts *b,
                        char **errmsg)
{
    struct pbl_module *m;
    if (store_load_snapshot(st, uuid, pos, &m) != STORE_OK)
        return fail(st, errmsg);
    blank(b);
    add(b, REVIEW_HEADING, "== %d. %s (%s, version %d) ==", pos + 1, m->title,
        m->id, m->version);
    skills_line(b, "Target skills:", m->skills);
    blank(b);
    field(b, REVIEW_TEXT, "Scenario: ", m->scenario);
    if (m->video.url)
        add(b, REVIEW_TEXT, "Video: %s", m->video.url);
    for (size_t q = 0; q < m->nquestions; q++) {
        struct store_response r;
        int rc = store_get_response(st, uuid, pos, (int)q, &r);
        if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
            module_free(m);
            return fail(st, errmsg);
        }
        char stage[STORE_STAGE_MAX];
        int planned = m->questions[q].minutes;
        store_stage_question((int)q, stage);
        long secs = store_stage_seconds(stages, pos, stage, 0, &planned);
        write_question(b, m, q, rc == STORE_OK ? &r : NULL, secs, planned);
        if (rc == STORE_OK)
            store_response_free(&r);
    }
    module_free(m);
    return 0;
}

static void write_header(struct parts *b, const struct store_session *s)
{
    add(b, REVIEW_TEXT, "%s session %s",
        s->kind == STORE_GROUP ? "Group" : "Self-study", s->uuid);
    if (s->group_name)
        add(b, REVIEW_TEXT, "Group: %s", s->group_name);
    if (s->facilitator)
        add(b, REVIEW_TEXT, "Facilitator: %s", s->facilitator);
    if (s->participants)
        add(b, REVIEW_TEXT, "Participants: %s", s->participants);
    if (s->resident)
        add(b, REVIEW_TEXT, "Resident: %s", s->resident);
    add(b, REVIEW_TEXT, "Started: %s", s->started_at);
    time_t a, e;
    if (s->ended_at[0] && clock_parse_iso(s->started_at, &a) == 0 &&
        clock_parse_iso(s->ended_at, &e) == 0)
        add(b, REVIEW_TEXT, "Ended: %s (%ld min)", s->ended_at,
            (long)(e - a) / 60);
    add(b, REVIEW_TEXT, "Status: %s", store_status_name(s->status));
    if (s->notes)
        add(b, REVIEW_TEXT, "Notes: %s", s->notes);
}

static int write_parking(struct pbl_store *st, const char *uuid,
                         struct parts *b, char **errmsg)
{
    struct store_park_list l;
    if (store_list_park_items(st, uuid, &l) != STORE_OK)
        return fail(st, errmsg);
    blank(b);
    add(b, REVIEW_HEADING, "%s", "== Parking lot ==");
    if (!l.n)
        add(b, REVIEW_TEXT, "%s", "(empty)");
    for (size_t i = 0; i < l.n; i++)
        add(b, REVIEW_TEXT, "  %s %s%s%s%s",
            l.v[i].resolved_at[0] ? "[x]" : "[ ]", l.v[i].text,
            l.v[i].resolved_at[0] ? " (resolved " : "",
            l.v[i].resolved_at[0] ? l.v[i].resolved_at : "",
            l.v[i].resolved_at[0] ? ")" : "");
    store_park_list_free(&l);
    return 0;
}

static int write_comments(struct pbl_store *st, const char *uuid,
                          struct parts *b, char **errmsg)
{
    struct store_comment_list l;
    if (store_list_review_comments(st, uuid, &l) != STORE_OK)
        return fail(st, errmsg);
    blank(b);
    add(b, REVIEW_HEADING, "%s", "== Review comments ==");
    if (!l.n)
        add(b, REVIEW_TEXT, "%s", "(none)");
    for (size_t i = 0; i < l.n; i++)
        add(b, REVIEW_TEXT, "  %s: %s", l.v[i].created_at, l.v[i].text);
    store_comment_list_free(&l);
    return 0;
}

int review_parts(struct pbl_store *st, const char *uuid,
                 struct review_parts *out, char **errmsg)
{
    struct store_session s;
    struct store_stage_list stages = {0};
    struct parts b = {out, false};
    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    if (store_get_session(st, uuid, &s) != STORE_OK)
        return fail(st, errmsg);
    int rc =
        store_list_stages(st, uuid, &stages) == STORE_OK ? 0 : fail(st, errmsg);
    if (rc == 0)
        write_header(&b, &s);
    for (size_t i = 0; rc == 0 && i < s.module_ids.n; i++)
        rc = write_module(st, uuid, (int)i, &stages, &b, errmsg);
    if (rc == 0)
        rc = write_parking(st, uuid, &b, errmsg);
    if (rc == 0)
        rc = write_comments(st, uuid, &b, errmsg);
    store_stage_list_free(&stages);
    store_session_free(&s);
    if (rc == 0 && b.oom) {
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
