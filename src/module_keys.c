/* module_keys.c - the optional keys a module adds for the curriculum:
 * customer aliases, the primary skill, milestones and role-play cards.
 *
 * Every key here is optional, so a schema-1 file written before they
 * existed loads unchanged; each is checked as strictly as the keys of
 * module.c, with the problem reported at the offending node. */
#include <stdlib.h>
#include <string.h>

#include "module_impl.h"

static void strv_free(struct pbl_strv *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    *v = (struct pbl_strv){0};
}

void module_free_keys(struct pbl_module *m)
{
    if (m->customer_aliases)
        for (size_t i = 0; i < m->customers.n; i++)
            strv_free(&m->customer_aliases[i]);
    free(m->customer_aliases);
    m->customer_aliases = NULL;
    strv_free(&m->objectives);
    strv_free(&m->milestones);
    free(m->milestone_at);
    m->milestone_at = NULL;
    free(m->prework);
    m->prework = NULL;
    for (size_t i = 0; i < m->nroles; i++) {
        free(m->roles[i].name);
        free(m->roles[i].knows);
    }
    free(m->roles);
    m->roles = NULL;
    m->nroles = 0;
}

/* One customer written as a mapping: {name: ..., aliases: [...]}. */
static void read_customer_map(struct schema_ctx *c, const struct ynode *n,
                              struct pbl_module *m, size_t i)
{
    static const char *const keys[] = {"*name", "aliases"};
    const struct ynode *val[2];
    if (schema_collect(c, n, "a customer", keys, 2, val))
        return;
    schema_text(c, "name", val[0], &m->customers.v[i]);
    schema_strv(c, "aliases", val[1], &m->customer_aliases[i]);
}

void module_read_customers(struct schema_ctx *c, const struct ynode *n,
                           struct pbl_module *m)
{
    if (!n || schema_is_null(n))
        return;
    if (n->type != YNODE_SEQ) {
        schema_error(c, n,
                     "'customers' must be a list, like [patient, "
                     "{name: ER attending, aliases: [ED attending]}]");
        return;
    }
    size_t k = n->n ? n->n : 1;
    m->customers.v = calloc(k, sizeof *m->customers.v);
    m->customer_aliases = calloc(k, sizeof *m->customer_aliases);
    if (!m->customers.v || !m->customer_aliases) {
        schema_error(c, n, "out of memory");
        return;
    }
    m->customers.n = n->n;
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *item = n->kids[i];
        if (item->type == YNODE_MAP)
            read_customer_map(c, item, m, i);
        else if (item->type == YNODE_SCALAR && !schema_is_null(item))
            schema_text(c, "customers", item, &m->customers.v[i]);
        else
            schema_error(c, item,
                         "each customer must be a name, or a mapping with "
                         "name and aliases");
    }
}

void module_read_focus(struct schema_ctx *c, const struct ynode *n,
                       struct pbl_module *m)
{
    m->focus = -1;
    if (!n || schema_is_null(n))
        return;
    int k = n->type == YNODE_SCALAR ? skill_from_name(n->str) : -1;
    if (k < 0)
        schema_error(c, n, "focus '%s' is not a skill; the skills are %s",
                     n->type == YNODE_SCALAR ? n->str : "(not text)",
                     PBL_SKILL_NAMES_TEXT);
    else if (m->skills && !(m->skills & SKILL_BIT(k)))
        schema_error(c, n,
                     "focus '%s' is not among the module's skills; add it "
                     "to 'skills'",
                     n->str);
    else
        m->focus = k;
}

/* An id such as ICS1 or PROF3: two to five capital letters, then one or
 * two digits. */
static int milestone_id_form(const char *s)
{
    size_t letters = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    size_t digits = strspn(s + letters, "0123456789");
    return letters >= 2 && letters <= 5 && digits >= 1 && digits <= 2 &&
           s[letters + digits] == '\0';
}

void module_read_milestones(struct schema_ctx *c, const struct ynode *n,
                            struct pbl_module *m)
{
    if (schema_strv(c, "milestones", n, &m->milestones) != 0 ||
        m->milestones.n == 0)
        return;
    m->milestone_at = calloc(2 * m->milestones.n, sizeof *m->milestone_at);
    if (!m->milestone_at) {
        schema_error(c, n, "out of memory");
        return;
    }
    for (size_t i = 0; i < m->milestones.n; i++) {
        const struct ynode *item = n->kids[i];
        m->milestone_at[2 * i] = item->line;
        m->milestone_at[2 * i + 1] = item->col;
        if (!milestone_id_form(m->milestones.v[i]))
            schema_error(c, item,
                         "milestone '%s' is not an ACGME milestone id, "
                         "such as ICS1 or PROF3",
                         m->milestones.v[i]);
    }
}

void module_read_roles(struct schema_ctx *c, const struct ynode *n,
                       struct pbl_module *m)
{
    if (!n || schema_is_null(n))
        return;
    if (n->type != YNODE_SEQ) {
        schema_error(c, n,
                     "'roles' must be a list of role cards, each with "
                     "name and knows");
        return;
    }
    m->roles = calloc(n->n ? n->n : 1, sizeof *m->roles);
    if (!m->roles) {
        schema_error(c, n, "out of memory");
        return;
    }
    m->nroles = n->n;
    for (size_t i = 0; i < n->n; i++) {
        static const char *const keys[] = {"*name", "*knows"};
        const struct ynode *val[2];
        if (schema_collect(c, n->kids[i], "a role", keys, 2, val))
            continue;
        schema_text(c, "name", val[0], &m->roles[i].name);
        schema_text(c, "knows", val[1], &m->roles[i].knows);
    }
}

/* See module.h: a module rebuilt from a session's snapshot has the keys
 * stored in columns (judge_skills among them); the rest are read again
 * from its source text. */
void module_adopt_keys(struct pbl_module *m)
{
    m->focus = -1;
    if (!m->source)
        return;
    struct pbl_diags d = {0};
    struct pbl_module *src = module_parse(m->path ? m->path : "snapshot",
                                          m->source, m->source_len, &d);
    diags_free(&d);
    if (!src)
        return;
    module_free_keys(m);
    if (src->customers.n == m->customers.n) {
        m->customer_aliases = src->customer_aliases;
        src->customer_aliases = NULL;
    }
    m->focus = src->focus;
    m->scenario_minutes = src->scenario_minutes;
    free(m->video.file);
    m->video.file = src->video.file;
    m->video.file_line = src->video.file_line;
    m->video.file_col = src->video.file_col;
    src->video.file = NULL;
    m->objectives = src->objectives;
    m->milestones = src->milestones;
    m->milestone_at = src->milestone_at;
    m->prework = src->prework;
    m->roles = src->roles;
    m->nroles = src->nroles;
    src->objectives = src->milestones = (struct pbl_strv){0};
    src->milestone_at = NULL;
    src->prework = NULL;
    src->roles = NULL;
    src->nroles = 0;
    module_free(src);
}
