/* store_mask.c - masking an export at one seam: temporary views named like
 * the tables that hold what people typed (responses, review_comments,
 * parking) shadow them on the export's connection (SQLite looks a name
 * up in the temp schema first), each text column passed through
 * pbl_mask(). Every reader - the Markdown, CSV and HTML walkers and the
 * JSON built by SQLite - then sees masked text without a change of its
 * own. The views are dropped when the export ends, and statements
 * prepared meanwhile are prepared again against the tables. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/phi.h"
#include "pbl/store.h"
#include "pbl/store_walk.h"
#include "store_impl.h"

/* The columns masked, by table. */
static const struct {
    const char *table;
    const char *columns[4];
} masked[] = {
    {"responses", {"text", "draft", "revealed_text", NULL}},
    {"review_comments", {"text", NULL}},
    {"parking", {"text", NULL}},
};
#define NMASKED (sizeof masked / sizeof masked[0])

struct store_mask {
    struct phi_set *set;
    uint64_t *seen; /* hashes of the texts masked (open addressing) */
    size_t cap, nseen;
    size_t count;
};

/* FNV-1a of s, never 0 (0 marks a free slot). */
static uint64_t text_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h ? h : 1;
}

/* Records hash h; true when it is new. */
static bool seen_add(struct store_mask *m, uint64_t h)
{
    if (2 * (m->nseen + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 64;
        uint64_t *v = calloc(cap, sizeof *v);
        if (!v)
            return true; /* counts twice rather than fails */
        for (size_t i = 0; i < m->cap; i++)
            for (size_t j = m->seen[i] % cap; m->seen[i]; j = (j + 1) % cap)
                if (!v[j]) {
                    v[j] = m->seen[i];
                    break;
                }
        free(m->seen);
        m->seen = v;
        m->cap = cap;
    }
    size_t j = h % m->cap;
    for (; m->seen[j]; j = (j + 1) % m->cap)
        if (m->seen[j] == h)
            return false;
    m->seen[j] = h;
    m->nseen++;
    return true;
}

/* pbl_mask(x): x with every identifier replaced; NULL for NULL. */
static void sql_mask(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    struct store_mask *m = sqlite3_user_data(ctx);
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s) {
        sqlite3_result_null(ctx);
        return;
    }
    size_t n = 0;
    char *out = phi_mask(m->set, s, &n);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (n && seen_add(m, text_hash(s)))
        m->count += n;
    sqlite3_result_text(ctx, out, -1, free);
}

/* Whether `col` of table k is masked. */
static bool is_masked(size_t k, const char *col)
{
    for (size_t i = 0; masked[k].columns[i]; i++)
        if (strcmp(masked[k].columns[i], col) == 0)
            return true;
    return false;
}

/* The CREATE TEMP VIEW statement for table k, from its columns as they
 * are (any version of the schema); malloc'd, NULL on failure. */
static char *view_sql(sqlite3 *db, size_t k)
{
    char *sql =
        sqlite3_mprintf("CREATE TEMP VIEW %s AS SELECT", masked[k].table);
    char *q = sqlite3_mprintf("PRAGMA main.table_info(%s)", masked[k].table);
    sqlite3_stmt *s = NULL;
    int ncols = 0;
    if (q && sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK)
        while (sql && sqlite3_step(s) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(s, 1);
            char *next = sqlite3_mprintf(is_masked(k, col)
                                             ? "%z%s pbl_mask(%w) AS \"%w\""
                                             : "%z%s \"%w\"",
                                         sql, ncols ? "," : "", col, col);
            sql = next;
            ncols++;
        }
    sqlite3_finalize(s);
    sqlite3_free(q);
    if (sql && ncols) {
        char *full = sqlite3_mprintf("%z FROM main.%s", sql, masked[k].table);
        char *copy = full ? strdup(full) : NULL;
        sqlite3_free(full);
        return copy;
    }
    sqlite3_free(sql);
    return NULL;
}

/* Frees the masking state (the function's destructor). */
static void export_free(void *p)
{
    struct store_mask *m = p;
    phi_free(m->set);
    free(m->seen);
    free(m);
}

struct store_mask *store_mask_begin(struct pbl_store *st, char **err)
{
    sqlite3 *db = store_db(st);
    struct store_mask *m = calloc(1, sizeof *m);
    if (!m) {
        *err = strdup("out of memory");
        return NULL;
    }
    if (!(m->set = phi_for_store(st, err))) {
        free(m);
        return NULL;
    }
    if (sqlite3_create_function_v2(db, "pbl_mask", 1, SQLITE_UTF8, m, sql_mask,
                                   NULL, NULL, export_free) != SQLITE_OK) {
        /* SQLite has called export_free(m) */
        *err = strdup("cannot mask patient identifiers: out of memory");
        return NULL;
    }
    for (size_t k = 0; k < NMASKED; k++) {
        char *sql = view_sql(db, k);
        if (!sql || sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) {
            char msg[300];
            snprintf(msg, sizeof msg, "cannot mask patient identifiers: %s",
                     sql ? sqlite3_errmsg(db) : "cannot read the tables");
            free(sql);
            store_mask_end(st, m);
            *err = strdup(msg);
            return NULL;
        }
        free(sql);
    }
    return m;
}

size_t store_mask_end(struct pbl_store *st, struct store_mask *m)
{
    if (!m)
        return 0;
    sqlite3 *db = store_db(st);
    size_t count = m->count;
    for (size_t k = 0; k < NMASKED; k++) {
        char *sql =
            sqlite3_mprintf("DROP VIEW IF EXISTS temp.%s", masked[k].table);
        if (sql)
            sqlite3_exec(db, sql, NULL, NULL, NULL);
        sqlite3_free(sql);
    }
    /* removing the function frees m (its destructor) */
    sqlite3_create_function_v2(db, "pbl_mask", 1, SQLITE_UTF8, NULL, NULL, NULL,
                               NULL, NULL);
    return count;
}
