/* yaml_tree.c - builds a positioned YAML tree from libyaml events. */
#include "pbl/yaml_tree.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "pbl/text.h"
#include "pbl/util.h"

/* Nodes and strings are bump-allocated from a chain of blocks, so a whole
 * document is freed at once and loading stays close to the parser's own
 * speed. */
struct arena_block {
    struct arena_block *next;
    size_t used, size;
    max_align_t data[];
};

struct ytree {
    struct arena_block *blocks;
    struct ynode *root;
};

static void *arena_alloc(struct ytree *t, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    struct arena_block *b = t->blocks;
    if (!b || b->size - b->used < n) {
        size_t size = n > 16384 ? n : 16384;
        b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->next = t->blocks;
        b->used = 0;
        b->size = size;
        t->blocks = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

void ytree_free(struct ytree *t)
{
    if (!t)
        return;
    for (struct arena_block *b = t->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(t);
}

struct ynode *ytree_root(struct ytree *t)
{
    return t->root;
}

/* Validates UTF-8 strictly (as utf8_decode reads it): no overlong forms,
 * no surrogates, nothing past U+10FFFF. */
long utf8_invalid_offset(const char *buf, size_t len)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            /* module text is mostly ASCII: skip it a word at a time */
            uint64_t w;
            for (i++; i + 8 <= len; i += 8) {
                memcpy(&w, s + i, 8);
                if (w & 0x8080808080808080ULL)
                    break;
            }
            continue;
        }
        /* a lead byte decodes to two bytes or more, or fails as one */
        uint32_t cp;
        size_t used = utf8_decode(buf + i, len - i, &cp);
        if (used < 2)
            return (long)i;
        i += used;
    }
    return -1;
}

/* Open collections keep their children on one shared scratch stack until
 * their end event, when the slice is copied into the arena. */
struct builder {
    struct ytree *t;
    struct ynode **stack; /* children of open collections, in order */
    size_t n, cap;
    struct {
        struct ynode *node;
        size_t first; /* index in stack of its first child */
    } open[256];
    int depth;
};

static int push_child(struct builder *b, struct ynode *node)
{
    struct ynode **s = util_grow(b->stack, &b->cap, b->n + 1, sizeof *s);
    if (!s)
        return -1;
    b->stack = s;
    b->stack[b->n++] = node;
    return 0;
}

static struct ynode *new_node(struct builder *b, enum ynode_type type,
                              yaml_mark_t mark)
{
    struct ynode *node = arena_alloc(b->t, sizeof *node);
    if (!node)
        return NULL;
    *node = (struct ynode){
        .type = type, .line = (int)mark.line + 1, .col = (int)mark.column + 1};
    return node;
}

/* Attaches a finished node to its parent, or makes it the root. */
static int attach(struct builder *b, struct ynode *node)
{
    if (b->depth == 0) {
        b->t->root = node;
        return 0;
    }
    return push_child(b, node);
}

static int close_collection(struct builder *b)
{
    b->depth--;
    struct ynode *node = b->open[b->depth].node;
    size_t first = b->open[b->depth].first;
    node->n = b->n - first;
    node->kids =
        arena_alloc(b->t, (node->n ? node->n : 1) * sizeof *node->kids);
    if (!node->kids)
        return -1;
    if (node->n) /* an empty collection may have no stack yet */
        memcpy(node->kids, b->stack + first, node->n * sizeof *node->kids);
    b->n = first;
    return attach(b, node);
}

static int add_scalar(struct builder *b, const yaml_event_t *ev)
{
    struct ynode *node = new_node(b, YNODE_SCALAR, ev->start_mark);
    if (!node)
        return -1;
    size_t len = ev->data.scalar.length;
    node->str = arena_alloc(b->t, len + 1);
    if (!node->str)
        return -1;
    memcpy(node->str, ev->data.scalar.value, len);
    node->str[len] = '\0';
    node->len = len;
    node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    return attach(b, node);
}

/* Handles one event; returns 1 to go on, 0 at the end, -1 on a refusal
 * (already reported). */
static int on_event(struct builder *b, const yaml_event_t *ev, int max_depth,
                    const char *label, struct pbl_diags *d, int *docs)
{
    int line = (int)ev->start_mark.line + 1,
        col = (int)ev->start_mark.column + 1;
    const yaml_char_t *anchor = NULL;
    switch (ev->type) {
    case YAML_STREAM_END_EVENT:
        return 0;
    case YAML_DOCUMENT_START_EVENT:
        if (++*docs > 1) {
            diags_add(d, label, line, col,
                      "more than one YAML document; a module is one document");
            return -1;
        }
        return 1;
    case YAML_ALIAS_EVENT:
        diags_add(
            d, label, line, col,
            "aliases (*%s) are not allowed in modules; write the text out",
            (const char *)ev->data.alias.anchor);
        return -1;
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_collection(b) < 0 ? -2 : 1;
    default:
        return 1;
    }
    if (anchor) {
        diags_add(
            d, label, line, col,
            "anchors (&%s) are not allowed in modules; write the text out",
            (const char *)anchor);
        return -1;
    }
    if (ev->type == YAML_SCALAR_EVENT)
        return add_scalar(b, ev) < 0 ? -2 : 1;
    if (b->depth >= max_depth || b->depth >= 256) {
        diags_add(d, label, line, col, "nesting deeper than %d levels",
                  max_depth);
        return -1;
    }
    struct ynode *node = new_node(
        b, ev->type == YAML_MAPPING_START_EVENT ? YNODE_MAP : YNODE_SEQ,
        ev->start_mark);
    if (!node)
        return -2;
    b->open[b->depth].node = node;
    b->open[b->depth].first = b->n;
    b->depth++;
    return 1;
}

static void report_parser_error(const yaml_parser_t *p, const char *label,
                                struct pbl_diags *d)
{
    const char *what = p->problem ? p->problem : "unreadable YAML";
    int line = (int)p->problem_mark.line + 1;
    int col = (int)p->problem_mark.column + 1;
    if (p->context && strstr(p->context, "quoted scalar")) {
        /* libyaml finds the missing quote only where the text ends; the
         * place to fix is where the quote opens, where an editor jumps */
        diags_add(d, label, (int)p->context_mark.line + 1,
                  (int)p->context_mark.column + 1,
                  "YAML syntax: this quote is never closed (%s at line %d)",
                  what, line);
    } else if (p->context)
        diags_add(d, label, line, col, "YAML syntax: %s (%s at line %d)", what,
                  p->context, (int)p->context_mark.line + 1);
    else
        diags_add(d, label, line, col, "YAML syntax: %s", what);
}

/* Reports the line and column of a byte offset. */
static void report_bad_utf8(const char *buf, long off, const char *label,
                            struct pbl_diags *d)
{
    int line = 1, col = 1;
    for (long i = 0; i < off; i++) {
        if (buf[i] == '\n')
            line++, col = 1;
        else if (((unsigned char)buf[i] & 0xC0) != 0x80)
            col++;
    }
    diags_add(d, label, line, col,
              "not valid UTF-8 (byte 0x%02X at byte offset %ld); save the "
              "file as UTF-8",
              (unsigned char)buf[off], off);
}

struct ytree *ytree_parse(const char *label, const char *buf, size_t len,
                          int max_depth, struct pbl_diags *d)
{
    long bad = utf8_invalid_offset(buf, len);
    if (bad >= 0) {
        report_bad_utf8(buf, bad, label, d);
        return NULL;
    }
    struct ytree *t = calloc(1, sizeof *t);
    struct builder b = {.t = t};
    yaml_parser_t p;
    if (!t || !yaml_parser_initialize(&p)) {
        free(t);
        diags_add(d, label, 0, 0, "out of memory");
        return NULL;
    }
    /* A UTF-8 byte-order mark is allowed and skipped; the encoding is then
     * fixed so libyaml never guesses UTF-16. */
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        buf += 3, len -= 3;
    yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    int docs = 0, rc = 1;
    while (rc > 0) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            report_parser_error(&p, label, d);
            rc = -1;
            break;
        }
        rc = on_event(&b, &ev, max_depth, label, d, &docs);
        yaml_event_delete(&ev);
    }
    if (rc == -2)
        diags_add(d, label, 0, 0, "out of memory");
    yaml_parser_delete(&p);
    free(b.stack);
    if (rc < 0) {
        ytree_free(t);
        return NULL;
    }
    return t;
}
