/* library.h - the module library: every module found on a search path.
 *
 * A bad file never stops the others from loading: its problems go to the
 * caller's diagnostics and the rest of the library is usable. */
#ifndef PBL_LIBRARY_H
#define PBL_LIBRARY_H

#include <stddef.h>
#include <stdio.h>

#include "pbl/diag.h"
#include "pbl/milestones.h"
#include "pbl/module.h"

struct pbl_library {
    struct pbl_module **mods; /* sorted by id; no two share an id */
    size_t n;
    struct pbl_vocabulary vocab; /* from the first skills.yaml found */
    int have_vocab;
    struct pbl_milestones milestones; /* the first milestones.yaml found:
                                         on the path, or beside a module */
    int have_milestones;
    char *milestones_tried; /* the last folder looked in for one */
    size_t nfiles;          /* module and skills files examined */
    size_t nbad;            /* of those, files with at least one problem */
    int identities_only;    /* library_check: modules hold only path and id */
};

/* Loads every *.yaml / *.yml file of each path (a file, or a folder read
 * in name order; a file named skills.yaml is the skills vocabulary, one
 * named milestones.yaml the milestone ids modules may name, looked for
 * beside each module file when no path holds one; a module naming an id
 * not on that list is refused, with the message at the id).
 * Modules sharing an id are all refused with a message naming the other
 * file. Returns 0, or -1 only when memory ran out. */
int library_load(struct pbl_library *lib, const char *const *paths,
                 size_t npaths, struct pbl_diags *d);

/* Like library_load, with the same messages, but each module keeps only
 * its path and id once checked (see module_keep_identity): for `pbl
 * validate`, whose memory then does not grow with the library. */
int library_check(struct pbl_library *lib, const char *const *paths,
                  size_t npaths, struct pbl_diags *d);

/* The module with this id, or NULL. */
const struct pbl_module *library_find(const struct pbl_library *lib,
                                      const char *id);

void library_free(struct pbl_library *lib);

/* Writes the library as a JSON array of modules (id, title, version,
 * summary, level, skills, tags, customers, questions, video, path).
 * Returns 0, or -1 when SQLite, which writes the JSON, failed. */
int library_write_json(const struct pbl_library *lib, FILE *out);

/* The module search path: the `given` folders when there are any; else the
 * colon-separated folders of `env` (PBL_MODULES) when set; else ./modules
 * when it exists, else `datadir`/modules. Fills out (pointers into a
 * malloc'd buffer returned through *storage, free both) and returns the
 * count. */
size_t library_search_path(const char *const *given, size_t ngiven,
                           const char *env, const char *datadir,
                           const char ***out, char **storage);

#endif
