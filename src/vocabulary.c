/* vocabulary.c - the skills glossary file (modules/skills.yaml).
 *
 * The five skill ids are fixed by schema 1; the file gives each a display
 * name and a short definition, so the wording can change without a new
 * build. Checked as strictly as modules. */
#include <stdlib.h>
#include <string.h>

#include "pbl/fileio.h"
#include "pbl/module.h"
#include "pbl/schema.h"

void vocabulary_free(struct pbl_vocabulary *v)
{
    for (int i = 0; i < SKILL_COUNT; i++) {
        free(v->skill[i].name);
        free(v->skill[i].definition);
        free(v->skill[i].looks_like);
    }
    free(v->customer_service);
    for (size_t i = 0; i < v->nkinds; i++) {
        free(v->kind[i].name);
        free(v->kind[i].definition);
    }
    memset(v, 0, sizeof *v);
}

static void read_entry(struct schema_ctx *c, const struct ynode *n,
                       struct pbl_vocabulary *v, const struct ynode **where)
{
    static const char *const keys[] = {"*id", "*name", "*definition",
                                       "looks_like"};
    const struct ynode *val[4];
    if (schema_collect(c, n, "a skill", keys, 4, val) || !val[0] ||
        val[0]->type != YNODE_SCALAR || schema_is_null(val[0]))
        return;
    int k = skill_from_name(val[0]->str);
    if (k < 0) {
        schema_error(c, val[0], "unknown skill '%s'; the skills are %s",
                     val[0]->str, PBL_SKILL_NAMES_TEXT);
        return;
    }
    if (where[k]) {
        schema_error(c, val[0],
                     "skill '%s' is defined twice (first at line %d)",
                     val[0]->str, where[k]->line);
        return;
    }
    where[k] = val[0];
    schema_text(c, "name", val[1], &v->skill[k].name);
    schema_text(c, "definition", val[2], &v->skill[k].definition);
    schema_text(c, "looks_like", val[3], &v->skill[k].looks_like);
}

/* `customer_kinds`: a list of {name, definition}, at most
 * VOCAB_MAX_KINDS. */
static void read_kinds(struct schema_ctx *c, const struct ynode *n,
                       struct pbl_vocabulary *v)
{
    if (!n || schema_is_null(n))
        return;
    if (n->type != YNODE_SEQ || n->n > VOCAB_MAX_KINDS) {
        schema_error(c, n,
                     "'customer_kinds' must be a list of at most %d kinds, "
                     "each with name and definition",
                     VOCAB_MAX_KINDS);
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        static const char *const keys[] = {"*name", "*definition"};
        const struct ynode *val[2];
        if (schema_collect(c, n->kids[i], "a kind of customer", keys, 2, val))
            continue;
        struct pbl_skill_info *k = &v->kind[v->nkinds++];
        schema_text(c, "name", val[0], &k->name);
        schema_text(c, "definition", val[1], &k->definition);
    }
}

int vocabulary_parse(const char *label, const char *buf, size_t len,
                     struct pbl_vocabulary *out, struct pbl_diags *d)
{
    struct schema_ctx c = {label, d, 0};
    memset(out, 0, sizeof *out);
    struct ytree *t = ytree_parse(label, buf, len, MODULE_MAX_DEPTH, d);
    if (!t)
        return -1;
    static const char *const keys[] = {"*schema", "*skills", "customer_service",
                                       "customer_kinds"};
    const struct ynode *val[4], *where[SKILL_COUNT] = {0};
    const struct ynode *root = ytree_root(t);
    long schema = 0;
    if (!root)
        schema_error(&c, NULL, "empty file; expected schema and skills");
    else if (schema_collect(&c, root, "the skills file", keys, 4, val) == 0) {
        schema_text(&c, "customer_service", val[2], &out->customer_service);
        read_kinds(&c, val[3], out);
        if (schema_int(&c, "schema", val[0], 0, 1L << 30, &schema) == 0 &&
            val[0] && schema != 1)
            schema_error(&c, val[0],
                         "schema %ld is not supported; this pbl "
                         "reads schema 1",
                         schema);
        if (val[1] && val[1]->type != YNODE_SEQ)
            schema_error(&c, val[1], "'skills' must be a list of skills");
        else if (val[1])
            for (size_t i = 0; i < val[1]->n; i++)
                read_entry(&c, val[1]->kids[i], out, where);
        for (int k = 0; val[1] && k < SKILL_COUNT; k++)
            if (!where[k])
                schema_error(&c, val[1], "skill '%s' is not defined",
                             skill_name((enum pbl_skill)k));
    }
    ytree_free(t);
    if (c.errors) {
        vocabulary_free(out);
        return -1;
    }
    return 0;
}

/* vocabulary_parse for parse_small_file. */
static int parse_any(const char *label, const char *buf, size_t len, void *out,
                     struct pbl_diags *d)
{
    return vocabulary_parse(label, buf, len, out, d);
}

int vocabulary_load_file(const char *path, struct pbl_vocabulary *out,
                         struct pbl_diags *d)
{
    return parse_small_file(path, MODULE_MAX_BYTES, parse_any, out, d);
}
