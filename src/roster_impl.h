/* roster_impl.h - what store_roster.c and store_attend.c share; not part
 * of the API. Neither is on a hot path: statements are prepared per call,
 * not cached. */
#ifndef PBL_ROSTER_IMPL_H
#define PBL_ROSTER_IMPL_H

#include "store_impl.h"

/* Prepares sql on the store's connection; NULL with the error recorded. */
sqlite3_stmt *roster_prepare(struct pbl_store *st, const char *sql);

/* Runs a bound write statement (NULL: it failed to prepare) to completion
 * and finalizes it: STORE_OK, or STORE_ERROR with "cannot WHAT: why". */
int roster_write(struct pbl_store *st, sqlite3_stmt *s, const char *what);

/* Reads every row of prepared statement s (NULL: it failed to prepare)
 * into a new array of `size`-byte elements filled by `fill`, finalizes
 * s, and sets *v and *n (what was read, also on failure, for the list's
 * free function). STORE_OK, or STORE_ERROR with "WHAT: why". */
int roster_read_list(struct pbl_store *st, sqlite3_stmt *s, const char *what,
                     size_t size, store_fill_fn *fill, void **v, size_t *n);

#endif
