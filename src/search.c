/* search.c - the review list's search: parsing a query and matching the
 * recorded sessions, with SQLite's full-text index for what was written
 * in them (see search.h). */
#include "pbl/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/text.h"

/* Frees a list of strings and empties it. */
static void strv_clear(struct pbl_strv *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    v->v = NULL;
    v->n = 0;
}

void search_query_free(struct search_query *q)
{
    for (int f = 0; f < SEARCH_FIELDS; f++)
        strv_clear(&q->field[f]);
    strv_clear(&q->words);
    memset(q, 0, sizeof *q);
}

/* Appends a malloc'd string to a list (taking it); -1 when out of memory
 * (the string freed). */
static int push(struct pbl_strv *v, char *s)
{
    char **nv = s ? realloc(v->v, (v->n + 1) * sizeof *nv) : NULL;
    if (!nv) {
        free(s);
        return -1;
    }
    v->v = nv;
    v->v[v->n++] = s;
    return 0;
}

/* *err = a malloc'd copy of the formatted message; returns -1. */
static int fail(char **err, const char *fmt, const char *arg)
{
    char buf[256];
    snprintf(buf, sizeof buf, fmt, arg);
    if (err)
        *err = strdup(buf);
    return -1;
}

/* Checks a from:/to: date (a real day) and copies it to out. */
static int parse_date(const char *word, const char *value, char out[11],
                      char **err)
{
    char iso[32];
    time_t t;
    snprintf(iso, sizeof iso, "%.10sT00:00:00Z", value);
    if (strlen(value) != 10 || clock_parse_iso(iso, &t) != 0)
        return fail(err, "%.60s is not a date; write it as YYYY-MM-DD", word);
    memcpy(out, value, 11);
    return 0;
}

static const char *const prefixes[SEARCH_FIELDS] = {
    "group:", "resident:", "module:", "kind:"};

/* Parses one word of the query into q. */
static int parse_word(const char *w, struct search_query *q, char **err)
{
    if (strncmp(w, "from:", 5) == 0)
        return parse_date(w, w + 5, q->from, err);
    if (strncmp(w, "to:", 3) == 0)
        return parse_date(w, w + 3, q->to, err);
    for (int f = 0; f < SEARCH_FIELDS; f++) {
        size_t n = strlen(prefixes[f]);
        if (strncmp(w, prefixes[f], n) == 0) {
            if (!w[n])
                return fail(err, "%s needs something to look for", prefixes[f]);
            char *v = text_fold(w + n);
            if (f == SEARCH_KIND && v && strcmp(v, "study") == 0)
                strcpy(v, "self"); /* "study" means self-study */
            return push(&q->field[f], v) ? fail(err, "%s", "out of memory") : 0;
        }
    }
    return push(&q->words, text_fold(w)) ? fail(err, "%s", "out of memory") : 0;
}

int search_parse(const char *text, struct search_query *q, char **err)
{
    memset(q, 0, sizeof *q);
    if (err)
        *err = NULL;
    char *copy = text_name(text ? text : "");
    if (!copy)
        return fail(err, "%s", "out of memory");
    int rc = 0;
    char *save = NULL;
    for (char *w = strtok_r(copy, " ", &save); w && rc == 0;
         w = strtok_r(NULL, " ", &save))
        rc = parse_word(w, q, err);
    free(copy);
    return rc;
}

/* Whether any of the folded values is in the field's text. */
static bool any_in(const struct pbl_strv *values, const char *text)
{
    for (size_t i = 0; i < values->n; i++)
        if (text_contains_folded(text, values->v[i]))
            return true;
    return false;
}

/* Whether any of the values is in one of the session's module ids. */
static bool any_module(const struct pbl_strv *values,
                       const struct store_session *s)
{
    for (size_t i = 0; i < s->module_ids.n; i++)
        if (any_in(values, s->module_ids.v[i]))
            return true;
    return false;
}

/* The list fields of a session a free word is looked for in. */
static bool word_in_fields(const char *w, const struct store_session *s)
{
    const struct pbl_strv one = {(char **)&w, 1};
    return text_contains_folded(s->group_name, w) ||
           text_contains_folded(s->resident, w) ||
           text_contains_folded(s->facilitator, w) ||
           text_contains_folded(s->started_at, w) ||
           text_contains_folded(store_status_name(s->status), w) ||
           text_contains_folded(store_kind_name(s->kind), w) ||
           any_module(&one, s);
}

/* Whether a session passes the dates and the field terms. */
static bool fields_match(const struct search_query *q,
                         const struct store_session *s)
{
    if (q->from[0] && strncmp(s->started_at, q->from, 10) < 0)
        return false;
    if (q->to[0] && strncmp(s->started_at, q->to, 10) > 0)
        return false;
    const struct pbl_strv *f = q->field;
    if (f[SEARCH_GROUP].n && !any_in(&f[SEARCH_GROUP], s->group_name))
        return false;
    if (f[SEARCH_RESIDENT].n && !any_in(&f[SEARCH_RESIDENT], s->resident))
        return false;
    if (f[SEARCH_MODULE].n && !any_module(&f[SEARCH_MODULE], s))
        return false;
    if (f[SEARCH_KIND].n && !any_in(&f[SEARCH_KIND], store_kind_name(s->kind)))
        return false;
    return true;
}

/* What a word's search marks: the sessions of l it was found in. */
struct hits {
    const struct store_session_list *l;
    bool *hit;
};

/* Marks the listed session `uuid`, when it is in the list. */
static void mark_hit(void *ctx, const char *uuid)
{
    struct hits *h = ctx;
    for (size_t i = 0; uuid && i < h->l->n; i++)
        if (strcmp(h->l->v[i].uuid, uuid) == 0)
            h->hit[i] = true;
}

int search_sessions(struct pbl_store *st, const struct search_query *q,
                    const struct store_session_list *l, bool *match, char **err)
{
    if (err)
        *err = NULL;
    for (size_t i = 0; i < l->n; i++)
        match[i] = fields_match(q, &l->v[i]);
    if (q->words.n && store_search_sync(st) != STORE_OK) {
        memset(match, 0, l->n * sizeof *match);
        return fail(err, "%s", store_error(st));
    }
    bool *hit = calloc(l->n + 1, sizeof *hit);
    if (!hit) {
        memset(match, 0, l->n * sizeof *match);
        return fail(err, "%s", "out of memory");
    }
    for (size_t k = 0; k < q->words.n; k++) {
        const char *w = q->words.v[k];
        memset(hit, 0, l->n * sizeof *hit);
        struct hits h = {l, hit};
        char why[256];
        if (store_search_text(st, w, mark_hit, &h, why, sizeof why) != 0) {
            fail(err, "%s", why);
            memset(match, 0, l->n * sizeof *match);
            free(hit);
            return -1;
        }
        for (size_t i = 0; i < l->n; i++)
            match[i] = match[i] && (hit[i] || word_in_fields(w, &l->v[i]));
    }
    free(hit);
    return 0;
}
