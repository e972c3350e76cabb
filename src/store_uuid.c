/* store_uuid.c - UUIDs derived from what a record is (version 8, RFC
 * 9562: made by the application): the same arguments give the same UUID
 * on every machine. The migrations use it as the SQL function
 * pbl_row_uuid(ARG...) (registered only while migrating, so that no
 * trigger needs it and other SQLite programs can still write the
 * database); the roster uses it from C for a new resident's UUID, from
 * the name key the resident is first added under (store_roster.c). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "store_impl.h"

struct uuid_hash {
    unsigned long long h1, h2;
};

/* The hash of no arguments yet. */
static struct uuid_hash uuid_start(void)
{
    return (struct uuid_hash){0xcbf29ce484222325ull, 0x84222325cbf29ce4ull};
}

/* Adds one argument: its n bytes and a separator (twice FNV-1a, 64 bits
 * each, two bases); a NULL one (t NULL, null set) differs from ''. */
static void uuid_add(struct uuid_hash *h, const unsigned char *t, int n,
                     bool null)
{
    for (int k = 0; k <= n; k++) {
        unsigned char c = k < n && t ? t[k] : 0x1f;
        h->h1 = (h->h1 ^ c) * 0x100000001b3ull;
        h->h2 = (h->h2 ^ c ^ 0x5a) * 0x100000001b3ull;
    }
    if (null)
        h->h2 = (h->h2 ^ 0xff) * 0x100000001b3ull;
}

/* The UUID text of a hash (36 characters and a NUL). */
static void uuid_text(const struct uuid_hash *h, char out[static 37])
{
    snprintf(out, 37, "%08llx-%04llx-8%03llx-%04llx-%012llx", h->h1 >> 32,
             (h->h1 >> 16) & 0xffff, h->h1 & 0xfff,
             0x8000 | ((h->h2 >> 48) & 0x3fff), h->h2 & 0xffffffffffffull);
}

/* See store_impl.h. */
void store_row_uuid_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct uuid_hash h = uuid_start();
    for (int i = 0; i < argc; i++)
        uuid_add(&h, sqlite3_value_text(argv[i]), sqlite3_value_bytes(argv[i]),
                 sqlite3_value_type(argv[i]) == SQLITE_NULL);
    char out[37];
    uuid_text(&h, out);
    sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* See store_impl.h. */
void store_derived_uuid(const char *table, const char *key, char out[static 37])
{
    struct uuid_hash h = uuid_start();
    uuid_add(&h, (const unsigned char *)table, (int)strlen(table), false);
    uuid_add(&h, (const unsigned char *)key, (int)strlen(key), false);
    uuid_text(&h, out);
}
