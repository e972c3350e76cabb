/* milestones.h - the ACGME milestone ids a module may name
 * (modules/milestones.yaml).
 *
 * The list is data, not code, so a program can follow a revision of the
 * milestones by editing one file. A module's `milestones` are checked
 * against the list the library found. */
#ifndef PBL_MILESTONES_H
#define PBL_MILESTONES_H

#include <stddef.h>

#include "pbl/diag.h"

struct pbl_milestone {
    char *id;   /* ICS1 */
    char *name; /* Patient- and family-centered communication */
};

struct pbl_milestones {
    struct pbl_milestone *v;
    size_t n;
    char *path; /* the file the list came from */
};

/* Parses a milestones file from memory; 0, or -1 with the problems in d. */
int milestones_parse(const char *label, const char *buf, size_t len,
                     struct pbl_milestones *out, struct pbl_diags *d);
int milestones_load_file(const char *path, struct pbl_milestones *out,
                         struct pbl_diags *d);

/* The entry with this id, or NULL. */
const struct pbl_milestone *milestones_find(const struct pbl_milestones *l,
                                            const char *id);

void milestones_free(struct pbl_milestones *l);

#endif
