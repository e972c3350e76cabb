/* store_walk_customers.h - every customer of a module, as the walk
 * (store_walk.c) hands it to a visitor that asks for the list (the review
 * text): inside the store only. */
#ifndef PBL_STORE_WALK_CUSTOMERS_H
#define PBL_STORE_WALK_CUSTOMERS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "store_rows.h"

/* The customers of one module, read once at its first customers
 * question. */
struct walk_customers {
    char **v;
    size_t n, total;
    bool read;
};

/* The statement that reads them (:mid, a session_modules row id), and
 * the fields of its rows. */
extern const char walk_customers_sql[];
extern const struct field walk_customers_fields[];

/* Reads module `mid`'s customers into *c with `rd` (prepared from
 * walk_customers_sql): SQLITE_DONE, or an error code (SQLITE_NOMEM when
 * memory ran out). The statement is reset either way. */
int walk_customers_read(const struct reader *rd, sqlite3_int64 mid,
                        struct walk_customers *c);
void walk_customers_free(struct walk_customers *c);

#endif
