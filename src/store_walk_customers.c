/* store_walk_customers.c - every customer of a module for the walk (see
 * store_walk_customers.h). */
#include "store_walk_customers.h"

#include <stdlib.h>
#include <string.h>

/* Every customer of a module, in its order, with how many there are (a
 * damaged list reads as empty). */
const char walk_customers_sql[] =
    "SELECT c.value AS name, json_array_length(l.list) AS total"
    " FROM (SELECT CASE WHEN json_valid(sm.customers)"
    "  AND json_type(sm.customers) = 'array' THEN sm.customers"
    "  ELSE '[]' END AS list FROM session_modules sm WHERE sm.id = :mid) l,"
    " json_each(l.list) c ORDER BY c.key";

/* A customer of a module, as read by walk_customers_sql. */
struct customer_row {
    const char *name;
    int total; /* customers in the list */
};

const struct field walk_customers_fields[] = {
    FIELD(customer_row, "name", F_TEXT, name),
    FIELD(customer_row, "total", F_INDEX, total),
    {NULL, F_TEXT, 0},
};

int walk_customers_read(const struct reader *rd, sqlite3_int64 mid,
                        struct walk_customers *c)
{
    int rc, i = sqlite3_bind_parameter_index(rd->s, ":mid");
    c->read = true;
    if (i > 0)
        sqlite3_bind_int64(rd->s, i, mid);
    while ((rc = sqlite3_step(rd->s)) == SQLITE_ROW) {
        struct customer_row row = {0};
        reader_fill(rd, &row);
        if (!c->v) { /* the first row: room for the whole list */
            c->total = row.total > 0 ? (size_t)row.total : 1;
            if (!(c->v = calloc(c->total, sizeof *c->v))) {
                rc = SQLITE_NOMEM;
                break;
            }
        }
        if (c->n == c->total)
            continue;
        if (!(c->v[c->n] = strdup(row.name ? row.name : ""))) {
            rc = SQLITE_NOMEM;
            break;
        }
        c->n++;
    }
    sqlite3_reset(rd->s);
    return rc;
}

void walk_customers_free(struct walk_customers *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
}
