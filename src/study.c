/* study.c - the self-study rules that need no database: the customers an
 * answer names, the skills picked against the module's, the spaced
 * revisit, the "practise next" order, the weakest skills and the picker's
 * progress label. The progress itself is read in study_progress.c. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/study.h"

/* The length of a typographic apostrophe or single quote (U+2018, U+2019)
 * or an ASCII one at p, else 0. */
static size_t apostrophe_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == '\'')
        return 1;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x98 || u[2] == 0x99))
        return 3;
    return 0;
}

/* The length of a non-ASCII punctuation or space character at p that
 * separates words, else 0: U+00A0..U+00BF (no-break space, guillemets,
 * middle dot, ...) and the General Punctuation block U+2000..U+206F
 * (dashes, quotes, ellipsis, thin spaces, ...). */
static size_t unicode_sep_len(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] == 0xC2 && u[1] >= 0xA0 && u[1] <= 0xBF)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x80 && u[2] <= 0xBF)
        return 3;
    if (u[0] == 0xE2 && u[1] == 0x81 && u[2] >= 0x80 && u[2] <= 0xAF)
        return 3;
    return 0;
}

/* Whether the byte c belongs in a word: an ASCII letter or digit, or any
 * byte of a UTF-8 sequence (separators are caught before this). */
static bool word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

/* Whether a word character starts at p (not an apostrophe or a
 * separator), so that a dot or apostrophe before it joins two parts. */
static bool word_starts(const char *p)
{
    return *p && !apostrophe_len(p) && !unicode_sep_len(p) &&
           word_byte((unsigned char)*p);
}

/* Whether the n bytes at s end with the string `end`. */
static bool ends_with(const char *s, size_t n, const char *end)
{
    size_t k = strlen(end);
    return n >= k && memcmp(s + n - k, end, k) == 0;
}

/* Whether the n bytes at s are exactly the string w. */
static bool is_word(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* Rewrites the lower-case word of n bytes at s in its normal form and
 * returns its new length (never longer): 0 for an ignored word ("the",
 * "a", "an"), else the word singularised by the rules in study.h. */
static size_t normal_word(char *s, size_t n)
{
    static const char *const irregular[][2] = {
        {"people", "person"}, {"children", "child"}, {"women", "woman"}};
    if (is_word(s, n, "the") || is_word(s, n, "a") || is_word(s, n, "an"))
        return 0;
    for (size_t i = 0; i < sizeof irregular / sizeof irregular[0]; i++)
        if (is_word(s, n, irregular[i][0])) {
            size_t k = strlen(irregular[i][1]);
            memcpy(s, irregular[i][1], k);
            return k;
        }
    if (n <= 3 || ends_with(s, n, "ss"))
        return n;
    if (n > 4 && ends_with(s, n, "ies")) {
        s[n - 3] = 'y';
        return n - 2;
    }
    if (ends_with(s, n, "sses") || ends_with(s, n, "ches") ||
        ends_with(s, n, "shes") || ends_with(s, n, "xes"))
        return n - 2;
    if (s[n - 1] == 's')
        return n - 1;
    return n;
}

/* The normaliser's output buffer: the words so far, each followed by one
 * space, and where the current word started. */
struct norm {
    char *out;
    size_t len;
    size_t word;
};

/* Ends the current word: normalises it in place and adds a space after
 * it, or drops it when it is an ignored word. */
static void end_word(struct norm *b)
{
    if (b->len == b->word)
        return;
    size_t n = normal_word(b->out + b->word, b->len - b->word);
    b->len = b->word + n;
    if (n > 0)
        b->out[b->len++] = ' ';
    b->word = b->len;
}

/* See study.h. The output never needs more than strlen(text) + 3 bytes:
 * every word is at most as long as its text and is followed by the
 * separator (or the end) that ended it, plus the leading space and the
 * NUL. */
char *study_normalise(const char *text)
{
    const char *p = text ? text : "";
    struct norm b = {malloc(strlen(p) + 3), 1, 1};
    if (!b.out)
        return NULL;
    b.out[0] = ' ';
    size_t seg = 0; /* characters of the word since it began or joined */
    while (*p) {
        unsigned char c = (unsigned char)*p;
        size_t a = apostrophe_len(p);
        bool in_word = b.len > b.word;
        if (a && in_word && (p[a] == 's' || p[a] == 'S') &&
            !word_starts(p + a + 1)) {
            p += a + 1; /* a possessive 's: dropped */
        } else if (a && in_word && word_starts(p + a)) {
            p += a; /* O'Neil: joined */
            seg = 0;
        } else if (c == '.' && in_word && seg == 1 && word_starts(p + 1)) {
            p++; /* E.R.: joined */
            seg = 0;
        } else if (!a && !unicode_sep_len(p) && word_byte(c)) {
            b.out[b.len++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            if ((c & 0xC0) != 0x80)
                seg++;
            p++;
        } else {
            size_t u = unicode_sep_len(p);
            p += a ? a : u ? u : 1;
            end_word(&b);
            seg = 0;
        }
    }
    end_word(&b);
    b.out[b.len] = '\0';
    return b.out;
}

/* True when the normal form of `name` (" w1 w2 ") occurs in the answer's
 * normal form `a`, which, with a space on each side of every word, means
 * whole words in a row. */
static bool names_in(const char *a, const char *name)
{
    char *c = name ? study_normalise(name) : NULL;
    bool found = c && c[1] != '\0' && strstr(a, c);
    free(c);
    return found;
}

/* Normalises the answer once and each customer (and its aliases) in
 * turn. */
static uint64_t customers_named(const char *answer,
                                const struct pbl_strv *customers,
                                const struct pbl_strv *aliases)
{
    if (!answer || !customers)
        return 0;
    char *a = study_normalise(answer);
    if (!a)
        return 0;
    uint64_t found = 0;
    size_t n = customers->n < 64 ? customers->n : 64;
    for (size_t i = 0; i < n; i++) {
        bool hit = names_in(a, customers->v[i]);
        for (size_t k = 0; !hit && aliases && k < aliases[i].n; k++)
            hit = names_in(a, aliases[i].v[k]);
        if (hit)
            found |= UINT64_C(1) << i;
    }
    free(a);
    return found;
}

uint64_t study_customers_named(const char *answer,
                               const struct pbl_strv *customers)
{
    return customers_named(answer, customers, NULL);
}

uint64_t study_module_customers_named(const char *answer,
                                      const struct pbl_module *m)
{
    return m ? customers_named(answer, &m->customers, m->customer_aliases) : 0;
}

/* Three bit operations; NULL outputs are skipped. */
void study_compare_skills(unsigned picked, unsigned target, unsigned *matched,
                          unsigned *missed, unsigned *extra)
{
    if (matched)
        *matched = picked & target;
    if (missed)
        *missed = target & ~picked;
    if (extra)
        *extra = picked & ~target;
}

/* The spaced revisit: the worse the result, the sooner it comes back. */
int study_revisit_days(enum store_rating r)
{
    switch (r) {
    case STORE_RATING_MISSED:
        return 1;
    case STORE_RATING_GOT:
        return 14;
    case STORE_RATING_PARTLY:
    case STORE_RATING_NONE:
    default:
        return 3;
    }
}

/* Where a result goes in the "practise next" list: missed first, then
 * partly, got, and not rated last. */
static int result_rank(enum store_rating r)
{
    switch (r) {
    case STORE_RATING_MISSED:
        return 0;
    case STORE_RATING_PARTLY:
        return 1;
    case STORE_RATING_GOT:
        return 2;
    case STORE_RATING_NONE:
    default:
        return 3;
    }
}

/* Whether module i comes before module j in the "practise next" list. */
static bool practise_before(const struct study_progress *p, size_t i, size_t j)
{
    int ri = result_rank(p->v[i].result), rj = result_rank(p->v[j].result);
    if (ri != rj)
        return ri < rj;
    if (p->v[i].due != p->v[j].due)
        return p->v[i].due < p->v[j].due;
    return i < j;
}

/* Inserts module i into idx[0..*count) kept sorted by `before`, dropping
 * whatever falls beyond max: no allocation, and O(modules x max) over a
 * list, which is small for a library. */
static void insert_bounded(const struct study_progress *p, size_t i,
                           bool (*before)(const struct study_progress *, size_t,
                                          size_t),
                           size_t *idx, size_t *count, size_t max)
{
    size_t at = *count;
    while (at > 0 && before(p, i, idx[at - 1]))
        at--;
    if (at >= max)
        return;
    size_t last = *count < max ? *count : max - 1;
    memmove(idx + at + 1, idx + at, (last - at) * sizeof *idx);
    idx[at] = i;
    if (*count < max)
        (*count)++;
}

size_t study_practise_next(const struct study_progress *p, time_t now,
                           size_t *idx, size_t max)
{
    size_t count = 0;
    if (!p || !idx || max == 0)
        return 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->v[i].attempts > 0 && p->v[i].due <= now)
            insert_bounded(p, i, practise_before, idx, &count, max);
    return count;
}

/* Whether module i falls due before module j (ties: library order). */
static bool due_before(const struct study_progress *p, size_t i, size_t j)
{
    return p->v[i].due < p->v[j].due;
}

/* Finished modules not yet due, soonest first (ties in library order). */
size_t study_coming_up(const struct study_progress *p, time_t now, size_t *idx,
                       size_t max)
{
    size_t count = 0;
    if (!p || !idx || max == 0)
        return 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->v[i].attempts > 0 && p->v[i].due > now)
            insert_bounded(p, i, due_before, idx, &count, max);
    return count;
}

/* "due since DATE" or "due DATE, in N days" / "in N h"; see study.h. */
void study_due_label(time_t due, time_t now, char *buf, size_t size)
{
    char iso[CLOCK_ISO_LEN + 1];
    if (!buf || size == 0)
        return;
    clock_iso(due, iso);
    if (due <= now) {
        snprintf(buf, size, "due since %.10s", iso);
        return;
    }
    long long secs = (long long)(due - now);
    if (secs < 86400)
        snprintf(buf, size, "due %.10s, in %lld h", iso, (secs + 3599) / 3600);
    else
        snprintf(buf, size, "due %.10s, in %lld day%s", iso,
                 (secs + 86399) / 86400, secs > 86400 ? "s" : "");
}

/* Whether skill a is weaker than skill b: a lower named / mattered share,
 * compared without division; a skill that never mattered is never
 * weaker. Equal shares are not "weaker", which keeps the enum order. */
static bool weaker(const struct study_progress *p, int a, int b)
{
    if (p->mattered[a] <= 0)
        return false;
    if (p->mattered[b] <= 0)
        return true;
    return (long long)p->named[a] * p->mattered[b] <
           (long long)p->named[b] * p->mattered[a];
}

/* A stable insertion sort of the five skills. */
void study_weakest_skills(const struct study_progress *p,
                          enum pbl_skill order[SKILL_COUNT])
{
    for (int k = 0; k < SKILL_COUNT; k++) {
        int at = k;
        while (p && at > 0 && weaker(p, k, (int)order[at - 1])) {
            order[at] = order[at - 1];
            at--;
        }
        order[at] = (enum pbl_skill)k;
    }
}

/* Appends to a label being built; remembers when it no longer fit. */
struct label {
    char *buf;
    size_t size, len;
    bool cut;
};

/* printf-style append to the label, cut at the buffer's end. */
static void label_add(struct label *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void label_add(struct label *l, const char *fmt, ...)
{
    if (l->cut)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(l->buf + l->len, l->size - l->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= l->size - l->len) {
        l->cut = true;
        l->len = strlen(l->buf);
    } else {
        l->len += (size_t)n;
    }
}

/* Removes a UTF-8 character left incomplete at the end by a cut. */
static void label_trim(struct label *l)
{
    size_t i = l->len;
    while (i > 0 && ((unsigned char)l->buf[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0 || (unsigned char)l->buf[i - 1] < 0xC0)
        return;
    unsigned char lead = (unsigned char)l->buf[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (l->len - (i - 1) < need)
        l->buf[i - 1] = '\0';
}

/* "3 got, 1 partly, 1 gave up", or "not rated". */
static void label_counts(struct label *l, const struct study_module_progress *m)
{
    const int count[] = {m->got, m->partly, m->missed, m->gave_up};
    static const char *const word[] = {"got", "partly", "missed", "gave up"};
    bool any = false;
    for (size_t i = 0; i < sizeof count / sizeof count[0]; i++)
        if (count[i] > 0) {
            label_add(l, "%s%d %s", any ? ", " : "", count[i], word[i]);
            any = true;
        }
    if (!any)
        label_add(l, "not rated");
}

/* The picker's line for one module; see study.h for its forms. Only the
 * date part of the timestamp is shown. */
void study_progress_label(const struct study_module_progress *mp, char *buf,
                          size_t size)
{
    if (!buf || size == 0)
        return;
    struct label l = {buf, size, 0, false};
    buf[0] = '\0';
    if (!mp || mp->state == STUDY_NOT_STARTED) {
        label_add(&l, "not started");
    } else if (mp->state == STUDY_IN_PROGRESS) {
        label_add(&l, "in progress since %.10s", mp->last_date);
        if (mp->attempts > 0) {
            label_add(&l, " \u00b7 last: ");
            label_counts(&l, mp);
        }
    } else {
        label_add(&l, "done %.10s \u00b7 ", mp->last_date);
        label_counts(&l, mp);
    }
    if (l.cut)
        label_trim(&l);
}
