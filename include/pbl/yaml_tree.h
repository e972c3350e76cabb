/* yaml_tree.h - a small YAML document tree with source positions.
 *
 * Built from libyaml's event parser so that hostile input is refused while
 * it is read: aliases and anchors (no billion-laughs expansion), nesting
 * deeper than a limit, more than one document. Generic: knows nothing of
 * modules. All nodes live in one arena freed by ytree_free(). */
#ifndef PBL_YAML_TREE_H
#define PBL_YAML_TREE_H

#include <stddef.h>

#include "pbl/diag.h"

enum ynode_type { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
    enum ynode_type type;
    int line, col;       /* 1-based start of the node */
    int plain;           /* scalar written without quotes or block style */
    char *str;           /* scalar text, NUL-terminated (may contain no NUL) */
    size_t len;          /* scalar length in bytes */
    struct ynode **kids; /* SEQ: items; MAP: key, value, key, value... */
    size_t n;            /* number of entries in kids */
};

struct ytree;

/* Parses buf into a tree. On any problem, appends it to d (labelled with
 * `label`) and returns NULL. max_depth bounds the nesting of collections. */
struct ytree *ytree_parse(const char *label, const char *buf, size_t len,
                          int max_depth, struct pbl_diags *d);
/* The root node; NULL for an empty document. */
struct ynode *ytree_root(struct ytree *t);
void ytree_free(struct ytree *t);

/* Checks that buf is UTF-8; returns the byte offset of the first bad byte,
 * or -1 when all is well. */
long utf8_invalid_offset(const char *buf, size_t len);

#endif
