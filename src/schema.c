/* schema.c - typed reading of a YAML tree, with located messages. */
#include "pbl/schema.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/module.h"

void schema_error(struct schema_ctx *c, const struct ynode *n, const char *fmt,
                  ...)
{
    va_list ap;
    va_start(ap, fmt);
    diags_vadd(c->d, c->label, n ? n->line : 0, n ? n->col : 0, fmt, ap);
    va_end(ap);
    c->errors++;
}

static const char *type_name(const struct ynode *n)
{
    return n->type == YNODE_MAP   ? "a mapping"
           : n->type == YNODE_SEQ ? "a list"
                                  : "text";
}

/* Edit distance, for "did you mean" on misspelt keys. */
static size_t distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 31 || lb > 31)
        return 99;
    size_t row[32];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

static const char *key_name(const char *k)
{
    return k[0] == '*' ? k + 1 : k;
}

static void unknown_key(struct schema_ctx *c, const struct ynode *k,
                        const char *what, const char *const *keys, size_t nkeys)
{
    const char *best = NULL;
    size_t bestd = 3;
    for (size_t i = 0; i < nkeys; i++) {
        size_t dist = distance(k->str, key_name(keys[i]));
        if (dist < bestd)
            bestd = dist, best = key_name(keys[i]);
    }
    if (best)
        schema_error(c, k, "unknown key '%s' in %s; did you mean '%s'?", k->str,
                     what, best);
    else
        schema_error(c, k, "unknown key '%s' in %s", k->str, what);
}

int schema_collect(struct schema_ctx *c, const struct ynode *map,
                   const char *what, const char *const *keys, size_t nkeys,
                   const struct ynode **vals)
{
    const struct ynode *seen[32] = {0};
    for (size_t i = 0; i < nkeys; i++)
        vals[i] = NULL;
    if (map->type != YNODE_MAP) {
        schema_error(c, map, "%s must be a mapping of keys, not %s", what,
                     type_name(map));
        return -1;
    }
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const struct ynode *k = map->kids[i];
        if (k->type != YNODE_SCALAR) {
            schema_error(c, k, "keys in %s must be plain words", what);
            continue;
        }
        size_t j = 0;
        while (j < nkeys && strcmp(k->str, key_name(keys[j])) != 0)
            j++;
        if (j == nkeys) {
            unknown_key(c, k, what, keys, nkeys);
        } else if (seen[j]) {
            schema_error(c, k, "duplicate key '%s' (first at line %d)", k->str,
                         seen[j]->line);
        } else {
            seen[j] = k;
            vals[j] = map->kids[i + 1];
        }
    }
    for (size_t j = 0; j < nkeys; j++)
        if (keys[j][0] == '*' && (!vals[j] || schema_is_null(vals[j])))
            schema_error(c, vals[j] ? vals[j] : map,
                         vals[j] ? "required key '%s' is empty"
                                 : "missing required key '%s' in %s",
                         keys[j] + 1, what);
    return 0;
}

int schema_is_null(const struct ynode *n)
{
    if (!n || n->type != YNODE_SCALAR || !n->plain)
        return 0;
    return n->len == 0 || strcmp(n->str, "~") == 0 ||
           strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
           strcmp(n->str, "NULL") == 0;
}

/* Module text is shown on terminals: a control character in it (an
 * escape sequence written as "\e" in a quoted string, a C1 control) could
 * drive the terminal, so it is an error. Tabs and newlines are text. */
static int check_controls(struct schema_ctx *c, const char *key,
                          const struct ynode *n)
{
    const unsigned char *s = (const unsigned char *)n->str;
    for (size_t i = 0; i < n->len; i++) {
        /* skip words of printable ASCII (no byte below 0x20, no DEL, no
         * high bit), the bulk of any text, without looking at each byte */
        const uint64_t ones = 0x0101010101010101ULL, high = ones << 7;
        uint64_t w;
        while (i + 8 <= n->len &&
               (memcpy(&w, s + i, 8),
                !(((w - ones * 0x20) | w | ((w ^ ones * 0x7F) - ones)) & high)))
            i += 8;
        if (i >= n->len)
            break;
        unsigned cp = s[i];
        if (cp == 0xC2 && i + 1 < n->len && s[i + 1] >= 0x80 &&
            s[i + 1] <= 0x9F)
            cp = s[i + 1];
        else if (cp == '\t' || cp == '\n' || (cp >= 0x20 && cp != 0x7f))
            continue;
        schema_error(c, n,
                     "'%s' contains the control character U+%04X; "
                     "write plain text",
                     key, cp);
        return -1;
    }
    return 0;
}

int schema_text(struct schema_ctx *c, const char *key, const struct ynode *n,
                char **out)
{
    if (!n || schema_is_null(n))
        return 0;
    if (n->type != YNODE_SCALAR) {
        schema_error(c, n, "'%s' must be text, not %s", key, type_name(n));
        return -1;
    }
    if (check_controls(c, key, n) < 0)
        return -1;
    *out = strdup(n->str);
    return *out ? 0 : -1;
}

int schema_int(struct schema_ctx *c, const char *key, const struct ynode *n,
               long min, long max, long *out)
{
    if (!n || schema_is_null(n))
        return 0;
    char *end = NULL;
    long v = 0;
    if (n->type == YNODE_SCALAR && n->plain && n->len > 0 && n->len < 12 &&
        strspn(n->str, "0123456789-") == n->len)
        v = strtol(n->str, &end, 10);
    if (!end || *end) {
        schema_error(c, n, "'%s' must be a whole number, not %s%s%s", key,
                     n->type == YNODE_SCALAR ? "'" : type_name(n),
                     n->type == YNODE_SCALAR ? n->str : "",
                     n->type == YNODE_SCALAR ? "'" : "");
        return -1;
    }
    if (v < min || v > max) {
        schema_error(c, n, "'%s' must be between %ld and %ld, not %ld", key,
                     min, max, v);
        return -1;
    }
    *out = v;
    return 0;
}

int schema_bool(struct schema_ctx *c, const char *key, const struct ynode *n,
                bool *out)
{
    if (!n || schema_is_null(n))
        return 0;
    if (n->type == YNODE_SCALAR && n->plain &&
        (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0)) {
        *out = n->str[0] == 't';
        return 0;
    }
    schema_error(c, n, "'%s' must be true or false, not %s%s%s", key,
                 n->type == YNODE_SCALAR ? "'" : type_name(n),
                 n->type == YNODE_SCALAR ? n->str : "",
                 n->type == YNODE_SCALAR ? "'" : "");
    return -1;
}

int schema_strv(struct schema_ctx *c, const char *key, const struct ynode *n,
                struct pbl_strv *out)
{
    if (!n || schema_is_null(n))
        return 0;
    if (n->type != YNODE_SEQ) {
        schema_error(c, n, "'%s' must be a list, like [a, b], not %s", key,
                     type_name(n));
        return -1;
    }
    out->v = calloc(n->n ? n->n : 1, sizeof *out->v);
    if (!out->v)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *item = n->kids[i];
        if (item->type != YNODE_SCALAR || schema_is_null(item)) {
            schema_error(c, item, "each item of '%s' must be text, not %s", key,
                         item->type == YNODE_SCALAR ? "empty"
                                                    : type_name(item));
            rc = -1;
            continue;
        }
        if (check_controls(c, key, item) < 0) {
            rc = -1;
            continue;
        }
        if (!(out->v[out->n++] = strdup(item->str)))
            return -1;
    }
    return rc;
}
