/* module_impl.h - the readers of module.c's optional curriculum keys
 * (focus, objectives, milestones, prework, roles, customer aliases), kept in
 * module_keys.c so each file reads at once. Not part of the public API. */
#ifndef PBL_MODULE_IMPL_H
#define PBL_MODULE_IMPL_H

#include "pbl/module.h"
#include "pbl/schema.h"

/* `customers`: each item is a name, or {name, aliases: [...]}. */
void module_read_customers(struct schema_ctx *c, const struct ynode *n,
                           struct pbl_module *m);
/* `focus`: one skill, which must be among the module's `skills` when the
 * module lists them. Call after the skills are read. */
void module_read_focus(struct schema_ctx *c, const struct ynode *n,
                       struct pbl_module *m);
/* `milestones`: ids of the form ICS1 (letters, then a number); whether
 * each is a known milestone is checked by the library against
 * milestones.yaml (see milestones.h), at the positions kept here. */
void module_read_milestones(struct schema_ctx *c, const struct ynode *n,
                            struct pbl_module *m);
/* `roles`: a list of {name, knows}. */
void module_read_roles(struct schema_ctx *c, const struct ynode *n,
                       struct pbl_module *m);
/* Frees what the readers above allocated. */
void module_free_keys(struct pbl_module *m);

#endif
