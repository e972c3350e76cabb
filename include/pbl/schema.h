/* schema.h - typed reading of a YAML tree, with located messages.
 *
 * The pieces module files and the skills vocabulary share: walk a mapping
 * against a list of known keys (unknown and duplicate keys are errors with a
 * "did you mean" hint), and read text, whole numbers and lists of text.
 * Every problem is reported at the offending node and counted in `errors`,
 * so one pass reports all of a file's problems. */
#ifndef PBL_SCHEMA_H
#define PBL_SCHEMA_H

#include <stdbool.h>

#include "pbl/diag.h"
#include "pbl/yaml_tree.h"

struct schema_ctx {
    const char *label; /* file name for messages */
    struct pbl_diags *d;
    int errors;
};

/* Reports a problem at node n (or at line 0 when n is NULL). */
void schema_error(struct schema_ctx *c, const struct ynode *n, const char *fmt,
                  ...) __attribute__((format(printf, 3, 4)));

/* Walks mapping `map` (described as `what` in messages) against `keys`.
 * vals[i] receives the value of keys[i], or NULL when absent. Keys whose
 * names start with '*' are required ('*' is not part of the name). Returns
 * 0 when `map` is a mapping, -1 (reported) otherwise. */
int schema_collect(struct schema_ctx *c, const struct ynode *map,
                   const char *what, const char *const *keys, size_t nkeys,
                   const struct ynode **vals);

/* A value that is null, "~" or empty counts as absent. */
int schema_is_null(const struct ynode *n);

/* Copies text into *out (malloc'd). NULL or null node: *out stays NULL. */
int schema_text(struct schema_ctx *c, const char *key, const struct ynode *n,
                char **out);
/* A plain whole number in [min, max]. */
int schema_int(struct schema_ctx *c, const char *key, const struct ynode *n,
               long min, long max, long *out);
/* A plain `true` or `false`; *out stays as it is when absent. */
int schema_bool(struct schema_ctx *c, const char *key, const struct ynode *n,
                bool *out);
/* A list of non-empty texts. */
struct pbl_strv;
int schema_strv(struct schema_ctx *c, const char *key, const struct ynode *n,
                struct pbl_strv *out);

#endif
