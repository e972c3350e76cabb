/* milestones.c - reads modules/milestones.yaml, the list of ACGME
 * milestone ids that modules may name. Checked as strictly as modules. */
#include "pbl/milestones.h"

#include <stdlib.h>
#include <string.h>

#include "pbl/fileio.h"
#include "pbl/module.h"
#include "pbl/schema.h"

void milestones_free(struct pbl_milestones *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].id);
        free(l->v[i].name);
    }
    free(l->v);
    free(l->path);
    memset(l, 0, sizeof *l);
}

const struct pbl_milestone *milestones_find(const struct pbl_milestones *l,
                                            const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].id && strcmp(l->v[i].id, id) == 0)
            return &l->v[i];
    return NULL;
}

/* One entry {id, name}; a repeated id is an error at the repeat. */
static void read_entry(struct schema_ctx *c, const struct ynode *n,
                       struct pbl_milestones *l)
{
    static const char *const keys[] = {"*id", "*name"};
    const struct ynode *val[2];
    if (schema_collect(c, n, "a milestone", keys, 2, val))
        return;
    struct pbl_milestone *e = &l->v[l->n];
    schema_text(c, "id", val[0], &e->id);
    schema_text(c, "name", val[1], &e->name);
    if (e->id && milestones_find(l, e->id)) {
        schema_error(c, val[0], "milestone '%s' is listed twice", e->id);
        free(e->id);
        free(e->name);
        *e = (struct pbl_milestone){0};
        return;
    }
    l->n++;
}

int milestones_parse(const char *label, const char *buf, size_t len,
                     struct pbl_milestones *out, struct pbl_diags *d)
{
    struct schema_ctx c = {label, d, 0};
    memset(out, 0, sizeof *out);
    struct ytree *t = ytree_parse(label, buf, len, MODULE_MAX_DEPTH, d);
    if (!t)
        return -1;
    static const char *const keys[] = {"*schema", "source", "*milestones"};
    const struct ynode *val[3];
    const struct ynode *root = ytree_root(t);
    long schema = 0;
    if (!root)
        schema_error(&c, NULL, "empty file; expected schema and milestones");
    else if (schema_collect(&c, root, "the milestones file", keys, 3, val) ==
             0) {
        schema_int(&c, "schema", val[0], 1, 1, &schema);
        if (val[2] && val[2]->type != YNODE_SEQ)
            schema_error(&c, val[2], "'milestones' must be a list");
        else if (val[2] && !(out->v = calloc(val[2]->n + 1, sizeof *out->v)))
            schema_error(&c, val[2], "out of memory");
        else if (val[2])
            for (size_t i = 0; i < val[2]->n; i++)
                read_entry(&c, val[2]->kids[i], out);
    }
    ytree_free(t);
    if (!c.errors && !(out->path = strdup(label)))
        schema_error(&c, NULL, "out of memory");
    if (c.errors) {
        milestones_free(out);
        return -1;
    }
    return 0;
}

/* milestones_parse for parse_small_file. */
static int parse_any(const char *label, const char *buf, size_t len, void *out,
                     struct pbl_diags *d)
{
    return milestones_parse(label, buf, len, out, d);
}

int milestones_load_file(const char *path, struct pbl_milestones *out,
                         struct pbl_diags *d)
{
    return parse_small_file(path, MODULE_MAX_BYTES, parse_any, out, d);
}
