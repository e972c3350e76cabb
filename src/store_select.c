/* store_select.c - a selection of sessions turned into the parameters of
 * the store's SQL (see store_select.h), counted, and read inside one
 * read transaction. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"
#include "store_select.h"
#include "pbl/util.h"

/* *err = a malloc'd copy of the formatted message; returns -1. */
static int sel_fail(char **err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int sel_fail(char **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    util_vset_message(err, fmt, ap);
    va_end(ap);
    return -1;
}

int ex_db_error(sqlite3 *db, char **err)
{
    return ex_step_error(db, SQLITE_ERROR, err);
}

int ex_step_error(sqlite3 *db, int rc, char **err)
{
    /* a later reset of an outer statement clears the connection's error
     * ("not an error"): then the step's own code says what happened */
    const char *why = sqlite3_errmsg(db);
    if (sqlite3_errcode(db) == SQLITE_OK)
        why = rc != SQLITE_OK && rc != SQLITE_ERROR && rc != SQLITE_ROW &&
                      rc != SQLITE_DONE
                  ? sqlite3_errstr(rc)
                  : "a record could not be read (the database may be "
                    "damaged; 'pbl db check' looks closer)";
    return sel_fail(err, "cannot read the sessions: %s", why);
}

/* A JSON array of the n strings, built by SQLite (json_insert), in
 * *out; NULL for an empty list. 0, or -1 with *err. */
static int json_list(sqlite3 *db, const char *const *v, size_t n, char **out,
                     char **err)
{
    *out = NULL;
    if (n == 0)
        return 0;
    sqlite3_stmt *s = NULL;
    char *acc = strdup("[]");
    if (!acc)
        return sel_fail(err, "out of memory");
    if (sqlite3_prepare_v2(db, "SELECT json_insert(?1, '$[#]', ?2)", -1, &s,
                           NULL) != SQLITE_OK)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(s, 1, acc, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, v[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW)
            goto fail;
        char *next = strdup((const char *)sqlite3_column_text(s, 0));
        sqlite3_reset(s);
        free(acc);
        acc = next;
        if (!acc) {
            sqlite3_finalize(s);
            return sel_fail(err, "out of memory");
        }
    }
    sqlite3_finalize(s);
    *out = acc;
    return 0;
fail:
    ex_db_error(db, err);
    sqlite3_finalize(s);
    free(acc);
    return -1;
}

int store_sel_open(struct pbl_store *st, const struct store_selection *in,
                   struct ex_sel *r, char **err)
{
    memset(r, 0, sizeof *r);
    r->db = st->db;
    clock_now_iso(r->now);
    r->from = in->from;
    r->to = in->to;
    r->kind = in->kind;
    r->limit = in->limit;
    if (json_list(r->db, in->sessions, in->nsessions, &r->sessions, err) ||
        json_list(r->db, in->groups, in->ngroups, &r->groups, err) ||
        json_list(r->db, in->residents, in->nresidents, &r->residents, err) ||
        json_list(r->db, in->modules, in->nmodules, &r->modules, err) ||
        json_list(r->db, in->statuses, in->nstatuses, &r->statuses, err)) {
        ex_sel_free(r);
        return -1;
    }
    return 0;
}

void ex_sel_free(struct ex_sel *r)
{
    free(r->sessions);
    free(r->groups);
    free(r->residents);
    free(r->modules);
    free(r->statuses);
    r->sessions = r->groups = r->residents = r->modules = r->statuses = NULL;
}

void ex_bind_named(sqlite3_stmt *s, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i > 0)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

sqlite3_stmt *ex_prepare(const struct ex_sel *r, const char *sql, char **err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(r->db, sql, -1, &s, NULL) != SQLITE_OK) {
        ex_db_error(r->db, err);
        sqlite3_finalize(s);
        return NULL;
    }
    ex_bind_named(s, ":sessions", r->sessions);
    ex_bind_named(s, ":groups", r->groups);
    ex_bind_named(s, ":residents", r->residents);
    ex_bind_named(s, ":modules", r->modules);
    ex_bind_named(s, ":statuses", r->statuses);
    ex_bind_named(s, ":from", r->from);
    ex_bind_named(s, ":to", r->to);
    ex_bind_named(s, ":kind", r->kind);
    ex_bind_named(s, ":now", r->now);
    int i = sqlite3_bind_parameter_index(s, ":limit");
    if (i > 0)
        sqlite3_bind_int64(s, i, r->limit);
    return s;
}

int ex_count(const struct ex_sel *r, long long *n, char **err)
{
    sqlite3_stmt *s = ex_prepare(
        r, EX_CTE " SELECT count(*) FROM sessions s WHERE" EX_IS_SELECTED, err);
    if (!s)
        return -1;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : ex_db_error(r->db, err);
}

int store_count_selected(struct pbl_store *st,
                         const struct store_selection *sel, long long *n,
                         char **err)
{
    struct ex_sel r;
    if (store_sel_open(st, sel, &r, err) != 0)
        return -1;
    int rc = ex_count(&r, n, err);
    ex_sel_free(&r);
    return rc;
}

bool store_read_begin(struct pbl_store *st)
{
    return sqlite3_get_autocommit(st->db) &&
           sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void store_read_end(struct pbl_store *st, bool began)
{
    if (began)
        sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
}
