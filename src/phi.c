/* phi.c - the patterns of what looks like a patient identifier, and
 * finding and masking them (see phi.h). POSIX extended regular
 * expressions (regcomp/regexec); the only logic of our own is that a
 * match must stand alone (no letter or digit touching it) and that the
 * earliest, then longest, match wins. */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/phi.h"
#include "pbl/store.h"
#include "pbl/util.h"

#define MONTH "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?"
#define DIGITS(n) "[[:digit:]]{" #n "}"

/* The built-in patterns, one place. Every one needs a digit or an @, so
 * text with neither is skipped without running any (phi_find). */
static const struct {
    const char *kind, *re;
    int icase; /* REG_ICASE, or 0 where case tells (street names) */
} builtin[] = {
    {"email", "[[:alnum:]._%+-]+@[[:alnum:]-]+(\\.[[:alnum:]-]+)*\\.[a-z]{2,}",
     REG_ICASE},
    {"record number",
     "(mrn|mr#|medical record( number| no\\.?| #)?|chart( number| no\\.?)?"
     "|patient id|pt id|accession( number| no\\.?| #)?)"
     "[[:space:]]*[:#]?[[:space:]]*[a-z]{0,3}-?[[:digit:]][[:digit:]-]{3,14}",
     REG_ICASE},
    {"date of birth",
     "(dob|d\\.o\\.b\\.?|date of birth|born( on)?)[[:space:]]*:?[[:space:]]*"
     "[[:digit:]]{1,4}[-/.][[:digit:]]{1,2}[-/.][[:digit:]]{2,4}",
     REG_ICASE},
    {"date", "[[:digit:]]{1,2}[-/.][[:digit:]]{1,2}[-/.](19|20)" DIGITS(2), 0},
    {"date", "(19|20)" DIGITS(2) "-[[:digit:]]{1,2}-[[:digit:]]{1,2}", 0},
    {"date",
     MONTH
     "[[:space:]]+[[:digit:]]{1,2}(st|nd|rd|th)?,?[[:space:]]+(19|20)" DIGITS(
         2),
     REG_ICASE},
    {"date",
     "[[:digit:]]{1,2}[[:space:]]+" MONTH ",?[[:space:]]+(19|20)" DIGITS(2),
     REG_ICASE},
    {"phone",
     "(\\+[[:digit:]]{1,3}[ .-]?)?(\\(" DIGITS(3) "\\)|" DIGITS(
         3) ")[ .-]?" DIGITS(3) "[ .-]" DIGITS(4),
     0},
    {"phone",
     "\\+[[:digit:]]{1,3}[ .-]?[[:digit:]]{1,4}([ .-][[:digit:]]{2,4}){2,3}",
     0},
    {"record number", "[[:digit:]]{7,}", 0},
    {"street address",
     "[[:digit:]]{1,5}[[:space:]]+([[:upper:]][[:alpha:]'.-]*[[:space:]]+){1,3}"
     "(Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Way|Court"
     "|Place|Terrace|Parkway|Highway)\\.?",
     0},
};

struct phi_pattern {
    char *kind;
    regex_t re;
};

struct phi_set {
    struct phi_pattern *v;
    size_t n, cap;
    bool any_text; /* a pattern of the program's own: no prefilter */
};

void phi_free(struct phi_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n; i++) {
        regfree(&set->v[i].re);
        free(set->v[i].kind);
    }
    free(set->v);
    free(set);
}

/* Compiles one pattern into the set; 0, or -1 with *err set. */
static int add_one(struct phi_set *set, const char *kind, const char *re,
                   int flags, char **err)
{
    struct phi_pattern *v = util_grow(set->v, &set->cap, set->n + 1, sizeof *v);
    if (!v) {
        *err = strdup("out of memory");
        return -1;
    }
    set->v = v;
    int rc = regcomp(&v[set->n].re, re, REG_EXTENDED | flags);
    if (rc != 0) {
        char why[160], msg[256];
        regerror(rc, &v[set->n].re, why, sizeof why);
        snprintf(msg, sizeof msg, "pattern '%.60s': %s", re, why);
        *err = strdup(msg);
        return -1;
    }
    if (!(v[set->n].kind = strdup(kind))) {
        regfree(&v[set->n].re);
        *err = strdup("out of memory");
        return -1;
    }
    set->n++;
    return 0;
}

struct phi_set *phi_default(void)
{
    struct phi_set *set = calloc(1, sizeof *set);
    char *err = NULL;
    for (size_t i = 0; set && i < sizeof builtin / sizeof builtin[0]; i++)
        if (add_one(set, builtin[i].kind, builtin[i].re, builtin[i].icase,
                    &err) != 0) {
            free(err);
            phi_free(set);
            return NULL;
        }
    return set;
}

int phi_add_patterns(struct phi_set *set, const char *text, char **err)
{
    *err = NULL;
    int lineno = 0;
    for (const char *p = text; p && *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        lineno++;
        char *line = strndup(p, n);
        p = end ? end + 1 : NULL;
        if (!line) {
            *err = strdup("out of memory");
            return -1;
        }
        char *s = line;
        while (isspace((unsigned char)*s))
            s++;
        size_t len = strlen(s);
        while (len && isspace((unsigned char)s[len - 1]))
            s[--len] = '\0';
        int rc = 0;
        if (*s && *s != '#') {
            char *sp = s + strcspn(s, " \t");
            char *re = sp + strspn(sp, " \t");
            if (!*sp || !*re) {
                rc = -1;
                *err = strdup("a line is a kind, a space, then a pattern");
            } else {
                *sp = '\0';
                rc = add_one(set, s, re, REG_ICASE, err);
                set->any_text = true;
            }
        }
        free(line);
        if (rc != 0) {
            char msg[320];
            snprintf(msg, sizeof msg, "line %d: %s", lineno,
                     *err ? *err : "out of memory");
            free(*err);
            *err = strdup(msg);
            return -1;
        }
    }
    return 0;
}

struct phi_set *phi_for_store(struct pbl_store *st, char **err)
{
    *err = NULL;
    struct phi_set *set = phi_default();
    if (!set) {
        *err = strdup("out of memory");
        return NULL;
    }
    char *text = NULL;
    int rc = store_get_setting(st, PHI_SETTING, &text);
    if (rc == STORE_OK && phi_add_patterns(set, text, err) != 0) {
        char msg[400];
        snprintf(msg, sizeof msg, "the patient-identifier patterns: %s",
                 *err ? *err : "?");
        free(*err);
        *err = strdup(msg);
        rc = STORE_ERROR;
    } else if (rc == STORE_NOT_FOUND) {
        rc = STORE_OK;
    } else if (rc != STORE_OK) {
        *err = strdup(store_error(st));
    }
    free(text);
    if (rc != STORE_OK) {
        phi_free(set);
        return NULL;
    }
    return set;
}

/* Whether text[s, e) stands alone: no letter or digit touches it. */
static bool stands_alone(const char *text, size_t s, size_t e)
{
    return (s == 0 || !isalnum((unsigned char)text[s - 1])) &&
           !isalnum((unsigned char)text[e]);
}

/* The first match of pattern re in text at or after `from` that stands
 * alone; false when there is none. */
static bool first_alone(const regex_t *re, const char *text, size_t from,
                        size_t *s, size_t *e)
{
    regmatch_t m;
    size_t n = strlen(text);
    while (from < n &&
           regexec(re, text + from, 1, &m, from ? REG_NOTBOL : 0) == 0) {
        *s = from + (size_t)m.rm_so;
        *e = from + (size_t)m.rm_eo;
        if (*e > *s && stands_alone(text, *s, *e))
            return true;
        from = *s + 1;
    }
    return false;
}

size_t phi_find(const struct phi_set *set, const char *text,
                struct phi_match *out, size_t max)
{
    if (!set || !text || (!set->any_text && !strpbrk(text, "0123456789@")))
        return 0;
    size_t found = 0, from = 0;
    for (;;) {
        size_t bs = 0, be = 0, s, e;
        const char *kind = NULL;
        for (size_t i = 0; i < set->n; i++)
            if (first_alone(&set->v[i].re, text, from, &s, &e) &&
                (!kind || s < bs || (s == bs && e > be))) {
                bs = s;
                be = e;
                kind = set->v[i].kind;
            }
        if (!kind)
            return found;
        if (found < max)
            out[found] = (struct phi_match){bs, be - bs, kind};
        found++;
        from = be;
    }
}

bool phi_contains(const struct phi_set *set, const char *text,
                  const char **kind)
{
    struct phi_match m;
    if (phi_find(set, text, &m, 1) == 0)
        return false;
    if (kind)
        *kind = m.kind;
    return true;
}

char *phi_mask(const struct phi_set *set, const char *text, size_t *count)
{
    return phi_replace(set, text, PHI_MASK, count);
}

char *phi_replace(const struct phi_set *set, const char *text, const char *with,
                  size_t *count)
{
    size_t n = phi_find(set, text, NULL, 0);
    if (count)
        *count = n;
    if (!text)
        return NULL;
    if (n == 0)
        return strdup(text);
    struct phi_match *m = calloc(n, sizeof *m);
    size_t wlen = strlen(with);
    char *out = m ? malloc(strlen(text) + n * wlen + 1) : NULL;
    if (out) {
        phi_find(set, text, m, n);
        size_t at = 0, o = 0;
        for (size_t i = 0; i < n; i++) {
            memcpy(out + o, text + at, m[i].start - at);
            o += m[i].start - at;
            memcpy(out + o, with, wlen);
            o += wlen;
            at = m[i].start + m[i].len;
        }
        strcpy(out + o, text + at);
    }
    free(m);
    return out;
}
