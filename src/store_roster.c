/* store_roster.c - the roster of residents (see roster.h): add, find,
 * rename (former names kept), retire, list.
 *
 * Not on a hot path: statements are prepared per call, not cached. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/roster.h"
#include "pbl/text.h"
#include "roster_impl.h"

sqlite3_stmt *roster_prepare(struct pbl_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK) {
        store_note_sql(st, rc);
        sqlite3_finalize(s);
        return NULL;
    }
    return s;
}

int roster_write(struct pbl_store *st, sqlite3_stmt *s, const char *what)
{
    int rc = s ? store_step(st, s) : SQLITE_ERROR;
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? STORE_OK : store_fail(st, "cannot %s", what);
}

int roster_read_list(struct pbl_store *st, sqlite3_stmt *s, const char *what,
                     size_t size, store_fill_fn *fill, void **v, size_t *n)
{
    struct store_rows rows = {0};
    int rc = s ? store_read_rows(st, s, what, &rows, size, fill)
               : store_fail(st, "%s", what);
    sqlite3_finalize(s);
    *v = rows.v;
    *n = rows.n;
    return rc;
}

/* Columns every resident query selects, in roster_fill()'s order. */
#define RESIDENT_COLS                                                          \
    "r.id, r.name, r.email, r.class, r.active, r.added_at, r.retired_at"

int roster_class_parse(const char *s, char out[static ROSTER_CLASS_MAX])
{
    if (!s)
        return -1;
    size_t n = strlen(s);
    if (n == 4 && strncasecmp(s, "PGY", 3) == 0 && s[3] >= '1' && s[3] <= '5') {
        snprintf(out, ROSTER_CLASS_MAX, "PGY%c", s[3]);
        return 0;
    }
    if (n == 4 && isdigit((unsigned char)s[0]) &&
        isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
        isdigit((unsigned char)s[3])) {
        int year = atoi(s);
        if (year >= 1950 && year <= 2199) {
            snprintf(out, ROSTER_CLASS_MAX, "%d", year);
            return 0;
        }
    }
    return -1;
}

/* Fills r from the current row of a RESIDENT_COLS query. */
static bool roster_fill(sqlite3_stmt *s, void *elem)
{
    struct roster_resident *r = elem;
    bool oom = false;
    r->id = sqlite3_column_int64(s, 0);
    r->name = store_col_required(s, 1, &oom);
    r->email = store_col_dup(s, 2, &oom);
    store_col_copy(s, 3, r->klass, sizeof r->klass);
    r->active = sqlite3_column_int(s, 4) != 0;
    store_col_copy(s, 5, r->added_at, sizeof r->added_at);
    store_col_copy(s, 6, r->retired_at, sizeof r->retired_at);
    return !oom;
}

void roster_resident_free(struct roster_resident *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->email);
    memset(r, 0, sizeof *r);
}

void roster_list_free(struct roster_list *l)
{
    for (size_t i = 0; l && i < l->n; i++)
        roster_resident_free(&l->v[i]);
    if (l) {
        free(l->v);
        l->v = NULL;
        l->n = 0;
    }
}

/* Runs s (bound) and fills *out from its first row: STORE_OK,
 * STORE_NOT_FOUND (no row; the message names `name`) or STORE_ERROR.
 * Finalizes s. */
static int read_one(struct pbl_store *st, sqlite3_stmt *s, const char *name,
                    struct roster_resident *out)
{
    memset(out, 0, sizeof *out);
    int rc = store_step(st, s);
    bool ok = rc == SQLITE_ROW && roster_fill(s, out);
    sqlite3_finalize(s);
    if (ok)
        return STORE_OK;
    roster_resident_free(out);
    if (rc == SQLITE_DONE)
        return store_failv(st, STORE_NOT_FOUND, "no resident %s on the roster",
                           name);
    if (rc == SQLITE_ROW)
        return store_failv(st, STORE_ERROR, "out of memory");
    return store_fail(st, "cannot read the roster");
}

/* The stored form and key of a name given by a user; STORE_ERROR with a
 * message for an empty one. The caller frees both. */
static int name_and_key(struct pbl_store *st, const char *given, char **name,
                        char **key)
{
    *name = text_name(given);
    *key = *name ? text_name_key(*name) : NULL;
    if (!*name || !*key) {
        free(*name);
        free(*key);
        *name = *key = NULL;
        return store_failv(st, STORE_ERROR, "out of memory");
    }
    if (!**name) {
        free(*name);
        free(*key);
        *name = *key = NULL;
        return store_failv(st, STORE_ERROR, "a resident needs a name");
    }
    return STORE_OK;
}

int roster_find(struct pbl_store *st, const char *name,
                struct roster_resident *out)
{
    char *stored, *key;
    memset(out, 0, sizeof *out);
    if (name_and_key(st, name, &stored, &key) != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = roster_prepare(
        st, "SELECT " RESIDENT_COLS " FROM residents r WHERE r.name_key = ?1"
            " UNION ALL SELECT * FROM (SELECT " RESIDENT_COLS
            " FROM resident_names n JOIN residents r ON r.id = n.resident_id"
            " WHERE n.name_key = ?1 ORDER BY n.until DESC) LIMIT 1");
    int rc;
    if (!s) {
        rc = store_fail(st, "cannot read the roster");
    } else {
        sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
        rc = read_one(st, s, stored, out);
    }
    free(stored);
    free(key);
    return rc;
}

int roster_get(struct pbl_store *st, int64_t id, struct roster_resident *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = roster_prepare(st, "SELECT " RESIDENT_COLS
                                         " FROM residents r WHERE r.id = ?1");
    if (!s)
        return store_fail(st, "cannot read the roster");
    sqlite3_bind_int64(s, 1, id);
    char name[32];
    snprintf(name, sizeof name, "#%lld", (long long)id);
    return read_one(st, s, name, out);
}

/* Whether a current resident other than `except` has name key `key`:
 * STORE_OK (nobody), STORE_ERROR with "already on the roster" set. */
static int key_free(struct pbl_store *st, const char *key, const char *name,
                    int64_t except)
{
    sqlite3_stmt *s = roster_prepare(
        st, "SELECT 1 FROM residents WHERE name_key = ?1 AND id <> ?2");
    if (!s)
        return store_fail(st, "cannot read the roster");
    sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, except);
    int rc = store_step(st, s);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return STORE_OK;
    if (rc == SQLITE_ROW)
        return store_failv(st, STORE_ERROR, "%s is already on the roster",
                           name);
    return store_fail(st, "cannot read the roster");
}

int roster_add(struct pbl_store *st, const char *name, const char *klass,
               const char *email, int64_t *id)
{
    char cls[ROSTER_CLASS_MAX];
    if (roster_class_parse(klass, cls) != 0)
        return store_failv(st, STORE_ERROR,
                           "a class is PGY1 to PGY5 or a graduation year,"
                           " not '%s'",
                           klass ? klass : "");
    char *stored, *key;
    if (name_and_key(st, name, &stored, &key) != STORE_OK)
        return STORE_ERROR;
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    int rc = store_begin(st, "add to the roster");
    if (rc == STORE_OK) {
        rc = key_free(st, key, stored, -1);
        if (rc == STORE_OK) {
            /* the UUID the name key gives on every machine (one person
             * however many laptops add them), unless a resident first
             * added under it was renamed: then a random one (trigger) */
            char uuid[37];
            store_derived_uuid("residents", key, uuid);
            sqlite3_stmt *s = roster_prepare(
                st, "INSERT INTO residents(name, name_key, class, email,"
                    " added_at, changed_at, uuid) VALUES(?1, ?2, ?3, ?4, ?5,"
                    " ?5, (SELECT ?6 WHERE NOT EXISTS (SELECT 1"
                    " FROM residents WHERE uuid = ?6)))");
            if (s) {
                sqlite3_bind_text(s, 6, uuid, -1, SQLITE_TRANSIENT);
                sqlite3_bind_text(s, 1, stored, -1, SQLITE_STATIC);
                sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
                sqlite3_bind_text(s, 3, cls, -1, SQLITE_STATIC);
                store_bind_str(s, 4, email && *email ? email : NULL);
                sqlite3_bind_text(s, 5, now, -1, SQLITE_STATIC);
            }
            rc = roster_write(st, s, "add to the roster");
        }
        if (rc == STORE_OK && id)
            *id = sqlite3_last_insert_rowid(st->db);
        if (rc == STORE_OK)
            rc = store_commit(st, "add to the roster");
        else
            store_rollback(st);
    }
    free(stored);
    free(key);
    return rc;
}

/* The writes of a rename inside the caller's transaction: the old name
 * kept as a former one, the new one set. */
static int rename_tx(struct pbl_store *st, const struct roster_resident *r,
                     const char *name, const char *key)
{
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    int rc = key_free(st, key, name, r->id);
    char *old_key = rc == STORE_OK ? text_name_key(r->name) : NULL;
    if (rc == STORE_OK && !old_key)
        rc = store_failv(st, STORE_ERROR, "out of memory");
    if (rc == STORE_OK) {
        sqlite3_stmt *s = roster_prepare(
            st, "INSERT INTO resident_names(resident_id, name, name_key, until)"
                " VALUES(?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE"
                " SET name = excluded.name, until = excluded.until");
        if (s) {
            sqlite3_bind_int64(s, 1, r->id);
            sqlite3_bind_text(s, 2, r->name, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 3, old_key, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
        }
        rc = roster_write(st, s, "rename the resident");
    }
    if (rc == STORE_OK) {
        sqlite3_stmt *s =
            roster_prepare(st, "UPDATE residents SET name = ?2, name_key = ?3,"
                               " changed_at = ?4 WHERE id = ?1");
        if (s) {
            sqlite3_bind_int64(s, 1, r->id);
            sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 3, key, -1, SQLITE_STATIC);
            sqlite3_bind_text(s, 4, now, -1, SQLITE_STATIC);
        }
        rc = roster_write(st, s, "rename the resident");
    }
    free(old_key);
    return rc;
}

int roster_rename(struct pbl_store *st, const char *old_name,
                  const char *new_name)
{
    char *stored, *key;
    if (name_and_key(st, new_name, &stored, &key) != STORE_OK)
        return STORE_ERROR;
    int rc = store_begin(st, "rename the resident");
    if (rc == STORE_OK) {
        struct roster_resident r;
        rc = roster_find(st, old_name, &r);
        if (rc == STORE_OK)
            rc = rename_tx(st, &r, stored, key);
        roster_resident_free(&r);
        if (rc == STORE_OK)
            rc = store_commit(st, "rename the resident");
        else
            store_rollback(st);
    }
    free(stored);
    free(key);
    return rc;
}

int roster_retire(struct pbl_store *st, const char *name)
{
    int rc = store_begin(st, "retire the resident");
    if (rc != STORE_OK)
        return rc;
    struct roster_resident r;
    rc = roster_find(st, name, &r);
    if (rc == STORE_OK) {
        char now[STORE_TIME_LEN + 1];
        clock_now_iso(now);
        sqlite3_stmt *s =
            roster_prepare(st, "UPDATE residents SET active = 0,"
                               " retired_at = coalesce(retired_at, ?2),"
                               " changed_at = ?2 WHERE id = ?1 AND active");
        if (s) {
            sqlite3_bind_int64(s, 1, r.id);
            sqlite3_bind_text(s, 2, now, -1, SQLITE_STATIC);
        }
        rc = roster_write(st, s, "retire the resident");
    }
    roster_resident_free(&r);
    if (rc == STORE_OK)
        return store_commit(st, "retire the resident");
    store_rollback(st);
    return rc;
}

int roster_list(struct pbl_store *st, bool all, struct roster_list *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = roster_prepare(
        st, "SELECT " RESIDENT_COLS " FROM residents r WHERE r.active OR ?1"
            " ORDER BY r.active DESC, r.name_key, r.id");
    if (s)
        sqlite3_bind_int(s, 1, all);
    void *v;
    int rc = roster_read_list(st, s, "cannot read the roster", sizeof *out->v,
                              roster_fill, &v, &out->n);
    out->v = v;
    if (rc != STORE_OK)
        roster_list_free(out);
    return rc;
}

int roster_former_names(struct pbl_store *st, int64_t id, struct pbl_strv *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s =
        roster_prepare(st, "SELECT n.name FROM resident_names n"
                           " JOIN residents r ON r.id = n.resident_id"
                           " WHERE n.resident_id = ?1"
                           " AND n.name_key <> r.name_key"
                           " ORDER BY n.until DESC");
    if (!s)
        return store_fail(st, "cannot read the roster");
    sqlite3_bind_int64(s, 1, id);
    int rc;
    bool oom = false;
    while (!oom && (rc = store_step(st, s)) == SQLITE_ROW) {
        char **v = store_grow(out->v, out->n + 1, sizeof *out->v);
        char *name = v ? store_col_required(s, 0, &oom) : NULL;
        if (v)
            out->v = v;
        if (!name) {
            oom = true;
            break;
        }
        out->v[out->n++] = name;
        out->v[out->n] = NULL;
    }
    sqlite3_finalize(s);
    if (!oom && rc == SQLITE_DONE)
        return STORE_OK;
    store_strv_free(out);
    return oom ? store_failv(st, STORE_ERROR, "out of memory")
               : store_fail(st, "cannot read the roster");
}
