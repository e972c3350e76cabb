/* review.c - one recorded session as readable text (see review.h). */
#include "pbl/review.h"

#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/text.h"
#include "pbl/util.h"

static int fail(struct pbl_store *st, char **errmsg)
{
    *errmsg = strdup(store_error(st));
    return -1;
}

/* Writes "label text" with the text's soft line breaks joined, so the
 * reader wraps each paragraph to its own width. */
static void field(FILE *out, const char *label, const char *text)
{
    if (!text)
        text = STORE_MISSING; /* a damaged record */
    char *s = text_reflow(text);
    const char *p = s ? s : text;
    size_t n = strlen(p);
    while (n && p[n - 1] == '\n')
        n--;
    fprintf(out, "%s%.*s\n", label, (int)n, p);
    free(s);
}

static void skills_line(FILE *out, const char *label, unsigned set)
{
    fprintf(out, "%s", label);
    int any = 0;
    for (int k = 0; k < SKILL_COUNT; k++)
        if (set & SKILL_BIT(k))
            fprintf(out, "%s%s", any++ ? ", " : " ",
                    skill_name((enum pbl_skill)k));
    fprintf(out, "%s\n", any ? "" : " -");
}

static void write_question(FILE *out, const struct pbl_module *m, size_t q,
                           const struct store_response *r, long secs,
                           int planned)
{
    const struct pbl_question *qu = &m->questions[q];
    fprintf(out, "\nQuestion %zu of %zu: %s\n", q + 1, m->nquestions,
            qu->prompt);
    char spent[32];
    util_format_duration(secs, 0, spent, sizeof spent);
    if (planned)
        fprintf(out, "Time: %s of a %d-minute box%s\n", spent, planned,
                secs > planned * 60L ? " (over)" : "");
    else
        fprintf(out, "Time: %s\n", spent);
    /* the answer keeps the line breaks its typist made */
    if (r && r->text)
        fprintf(out, "Answer: %s\n", r->text);
    else if (r && r->draft)
        fprintf(out, "Answer (a draft, never entered): %s\n", r->draft);
    else
        fprintf(out, "Answer: (none recorded)\n");
    if (r && r->edited_after_reveal)
        fprintf(out,
                "Edited after reveal: the model answer was shown when it "
                "read: %s\n",
                r->revealed_text && *r->revealed_text ? r->revealed_text
                                                      : "(nothing yet)");
    unsigned tagged = r ? r->skills : 0;
    if (question_judges_skills(qu)) {
        skills_line(out, "Skills named:", tagged);
        skills_line(out, "Target skills missed:", m->skills & ~tagged);
    } else if (tagged) { /* tags on "what went well" are not a test */
        skills_line(out, "Skills tagged:", tagged);
    }
    if (qu->kind == QKIND_CUSTOMERS && m->customers.n) {
        fprintf(out, "Customers named (marked):\n");
        for (size_t i = 0; i < m->customers.n; i++)
            fprintf(out, "  %s %s\n",
                    r && i < 64 && (r->customers >> i & 1) ? "[x]" : "[ ]",
                    m->customers.v[i]);
        if (qu->points.n)
            fprintf(out, "Key points:\n");
    }
    for (size_t i = 0; i < qu->points.n; i++)
        fprintf(out, "  %s %s\n",
                r && (r->points & (UINT64_C(1) << i)) ? "[x]" : "[ ]",
                qu->points.v[i]);
    if (r && r->gave_up)
        fprintf(out, "Gave up on the question.\n");
    if (r && r->rating != STORE_RATING_NONE)
        fprintf(out, "Self-rating: %s\n", store_rating_name(r->rating));
    fprintf(out, "Revealed: %s\n",
            r && r->revealed_at[0] ? r->revealed_at : "no");
    field(out, "Model answer: ", qu->answer);
}

static int write_module(struct pbl_store *st, const char *uuid, int pos,
                        const struct store_stage_list *stages, FILE *out,
                        char **errmsg)
{
    struct pbl_module *m;
    if (store_load_snapshot(st, uuid, pos, &m) != STORE_OK)
        return fail(st, errmsg);
    fprintf(out, "\n== %d. %s (%s, version %d) ==\n", pos + 1, m->title, m->id,
            m->version);
    skills_line(out, "Target skills:", m->skills);
    field(out, "\nScenario: ", m->scenario);
    if (m->video.url)
        fprintf(out, "Video: %s\n", m->video.url);
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
        write_question(out, m, q, rc == STORE_OK ? &r : NULL, secs, planned);
        if (rc == STORE_OK)
            store_response_free(&r);
    }
    module_free(m);
    return 0;
}

static void write_header(FILE *out, const struct store_session *s)
{
    fprintf(out, "%s session %s\n",
            s->kind == STORE_GROUP ? "Group" : "Self-study", s->uuid);
    if (s->group_name)
        fprintf(out, "Group: %s\n", s->group_name);
    if (s->facilitator)
        fprintf(out, "Facilitator: %s\n", s->facilitator);
    if (s->participants)
        fprintf(out, "Participants: %s\n", s->participants);
    if (s->resident)
        fprintf(out, "Resident: %s\n", s->resident);
    fprintf(out, "Started: %s\n", s->started_at);
    time_t a, b;
    if (s->ended_at[0] && clock_parse_iso(s->started_at, &a) == 0 &&
        clock_parse_iso(s->ended_at, &b) == 0)
        fprintf(out, "Ended: %s (%ld min)\n", s->ended_at, (long)(b - a) / 60);
    fprintf(out, "Status: %s\n", store_status_name(s->status));
    if (s->notes)
        fprintf(out, "Notes: %s\n", s->notes);
}

static int write_parking(struct pbl_store *st, const char *uuid, FILE *out,
                         char **errmsg)
{
    struct store_park_list l;
    if (store_list_park_items(st, uuid, &l) != STORE_OK)
        return fail(st, errmsg);
    fprintf(out, "\n== Parking lot ==\n");
    if (!l.n)
        fprintf(out, "(empty)\n");
    for (size_t i = 0; i < l.n; i++)
        fprintf(out, "  %s %s%s%s%s\n", l.v[i].resolved_at[0] ? "[x]" : "[ ]",
                l.v[i].text, l.v[i].resolved_at[0] ? " (resolved " : "",
                l.v[i].resolved_at[0] ? l.v[i].resolved_at : "",
                l.v[i].resolved_at[0] ? ")" : "");
    store_park_list_free(&l);
    return 0;
}

static int write_comments(struct pbl_store *st, const char *uuid, FILE *out,
                          char **errmsg)
{
    struct store_comment_list l;
    if (store_list_review_comments(st, uuid, &l) != STORE_OK)
        return fail(st, errmsg);
    fprintf(out, "\n== Review comments ==\n");
    if (!l.n)
        fprintf(out, "(none)\n");
    for (size_t i = 0; i < l.n; i++)
        fprintf(out, "  %s: %s\n", l.v[i].created_at, l.v[i].text);
    store_comment_list_free(&l);
    return 0;
}

int review_write(struct pbl_store *st, const char *uuid, FILE *out,
                 char **errmsg)
{
    struct store_session s;
    struct store_stage_list stages = {0};
    *errmsg = NULL;
    if (store_get_session(st, uuid, &s) != STORE_OK)
        return fail(st, errmsg);
    int rc =
        store_list_stages(st, uuid, &stages) == STORE_OK ? 0 : fail(st, errmsg);
    if (rc == 0)
        write_header(out, &s);
    for (size_t i = 0; rc == 0 && i < s.module_ids.n; i++)
        rc = write_module(st, uuid, (int)i, &stages, out, errmsg);
    if (rc == 0)
        rc = write_parking(st, uuid, out, errmsg);
    if (rc == 0)
        rc = write_comments(st, uuid, out, errmsg);
    store_stage_list_free(&stages);
    store_session_free(&s);
    return rc;
}
