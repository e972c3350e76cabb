/* store_impl.h - what the src/store*.c files share; not part of the API.
 *
 * The store keeps one connection and a cache of prepared statements
 * (prepared on first use, reused after, so the hot paths such as saving a
 * draft run no schema query and no SQL compilation). */
#ifndef PBL_STORE_IMPL_H
#define PBL_STORE_IMPL_H

#include <sqlite3.h>
#include <stdarg.h>

#include "pbl/store.h"
#include "pbl/sync.h"

/* One id per cached statement. */
enum store_stmt_id {
    SQL_BEGIN,
    SQL_COMMIT,
    SQL_ROLLBACK,
    SQL_GET_SETTING,
    SQL_SET_SETTING,
    SQL_DEL_SETTING,
    SQL_SET_META,
    SQL_SESSION_ID,
    SQL_NEW_SESSION,
    SQL_NEXT_POSITION,
    SQL_NEW_MODULE,
    SQL_NEW_QUESTION,
    SQL_NEW_POINT,
    SQL_GET_SESSION,
    SQL_LIST_ALL,
    SQL_LIST_ACTIVE,
    SQL_MODULE_IDS,
    SQL_FIND_PREFIX,
    SQL_SET_STATUS,
    SQL_DELETE_SESSION,
    SQL_SET_POSITION,
    SQL_GET_POSITION,
    SQL_LOG_EVENT,
    SQL_LIST_EVENTS,
    SQL_SYNC_DIGEST_ADD,
    SQL_SNAP_MODULE,
    SQL_SNAP_QUESTIONS,
    SQL_SNAP_POINTS,
    SQL_JSON_EACH,
    SQL_SAVE_DRAFT,
    SQL_RECORD,
    SQL_SET_SKILLS,
    SQL_SET_POINTS,
    SQL_REVEAL,
    SQL_SET_RATING,
    SQL_SET_GAVE_UP,
    SQL_GET_RESPONSE,
    SQL_STAGE_CLOSE_ALL,
    SQL_STAGE_OPEN,
    SQL_STAGE_CLOSE,
    SQL_STAGE_POSITION,
    SQL_LIST_STAGES,
    SQL_PARK,
    SQL_RESOLVE,
    SQL_REOPEN,
    SQL_LIST_PARK_SESSION,
    SQL_LIST_PARK_GROUP,
    SQL_LIST_PARK_REVIEW,
    SQL_ADD_COMMENT,
    SQL_GROUP_DID_MODULE,
    SQL_SET_CUSTOMERS,
    SQL_STAGE_PAUSE,
    SQL_STAGE_RECOVER,
    SQL_STAGE_SEEN,
    SQL_LOCK_CHECK,
    SQL_DATA_VERSION,
    SQL_COUNT
};

struct pbl_store {
    sqlite3 *db;
    char *path;
    bool readonly;
    bool newer;     /* written by a newer pbl: opened read-only */
    bool immutable; /* read in place: its folder cannot be written */
    char *warning;  /* what store_warning() returns, or NULL */
    sqlite3_stmt *stmt[SQL_COUNT];
    int sql_rc;        /* extended code of the last SQLite failure */
    int sql_errno;     /* errno behind it, when SQLite saw one */
    char sql_msg[256]; /* sqlite3_errmsg() of it */
    char err[512];     /* what store_error() returns */
};

/* The cached statement `id`, prepared from `sql` on first use, reset and
 * with its bindings cleared. NULL (with the error recorded) on failure. */
sqlite3_stmt *store_stmt(struct pbl_store *st, enum store_stmt_id id,
                         const char *sql);

/* "Edited after reveal", for SQL readers of responses row `r`: the model
 * answer was shown, and the answer (the draft being typed, else the
 * entered text) is no longer what it was then. */
#define STORE_SQL_EDITED_AFTER_REVEAL(r)                                       \
    "(" r ".revealed_text IS NOT NULL AND coalesce(" r ".draft, " r ".text,"   \
    " '') <> " r ".revealed_text)"

/* The underlying connection. Only the store's own files use it (and
 * the tests, through tests/store_raw.h, to set up or damage a database):
 * every other file reads and writes through the store's functions. */
struct sqlite3 *store_db(struct pbl_store *st);

/* Steps s once and returns SQLITE_ROW, SQLITE_DONE or an error code (the
 * error recorded in st). Statements are reset by the next store_stmt()
 * and by store_done(). */
int store_step(struct pbl_store *st, sqlite3_stmt *s);

/* Runs s to completion (SQLITE_DONE expected) and resets it; returns
 * SQLITE_DONE or the error code (recorded). */
int store_exec_stmt(struct pbl_store *st, sqlite3_stmt *s);

/* Resets s so that it holds no read transaction open. */
void store_done(sqlite3_stmt *s);

/* Records a SQLite failure (code and message) of st->db. */
void store_note_sql(struct pbl_store *st, int rc);

/* Sets store_error() to "<what>: <why>", where <why> explains the last
 * recorded SQLite failure in plain words; returns STORE_ERROR. */
int store_fail(struct pbl_store *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The same for a check that stopped on SQLite error rc: "WHAT: REASON". */
int store_problem_sql(struct pbl_store *st, struct pbl_strv *problems,
                      const char *what, int rc);

/* Sets store_error() to the formatted text; returns `rc`. */
int store_failv(struct pbl_store *st, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Plain words for a SQLite result code (and errno), e.g. "the disk is
 * full"; `msg` is SQLite's own message, used when nothing better fits. */
const char *store_explain(int rc, int err, const char *msg);

/* Adds a formatted line to a check's problems; -1 when memory ran out. */
int store_problem(struct pbl_strv *problems, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* *is_pbl: the file has a pbl schema (a schema version and tables); an
 * empty file or an interrupted copy has none. */
int store_check_has_schema(struct pbl_store *st, bool *is_pbl);
/* pbl's own rules for every record (store_check.c), each broken one a
 * problem line: missing tables, NULLs where text is required, positions
 * and indices out of range, dangling references, snapshot hashes. -1 only
 * when memory ran out. */
int store_check_records(struct pbl_store *st, struct pbl_strv *problems);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. store_begin fails (with a clear
 * message) on a read-only store. store_commit rolls back on failure. */
int store_begin(struct pbl_store *st, const char *what);
int store_commit(struct pbl_store *st, const char *what);
void store_rollback(struct pbl_store *st);

/* Binds a string or NULL (SQLITE_STATIC: the caller keeps it alive until
 * the statement is done). */
int store_bind_str(sqlite3_stmt *s, int i, const char *v);

/* Column i as a malloc'd string (NULL for SQL NULL); *oom set on failure. */
char *store_col_dup(sqlite3_stmt *s, int i, bool *oom);
/* The same, with STORE_MISSING for a NULL: for text a record must have. */
char *store_col_required(sqlite3_stmt *s, int i, bool *oom);
/* An integer column within lo..hi, else `fallback` (damaged). */
int store_col_range(sqlite3_stmt *s, int i, int lo, int hi, int fallback);

/* Copies column i (text, or "" for NULL) into buf of size n. */
void store_col_copy(sqlite3_stmt *s, int i, char *buf, size_t n);

/* Makes room for element n (0-based) of an array that grows by doubling;
 * returns the new array, or NULL (the old one untouched) when out of
 * memory. */
void *store_grow(void *v, size_t n, size_t size);

/* The row id of session `uuid`: STORE_OK, or STORE_NOT_FOUND / STORE_ERROR
 * with the message set. */
int store_session_row(struct pbl_store *st, const char *uuid,
                      sqlite3_int64 *id);

/* An array being read from a statement's rows. */
struct store_rows {
    void *v;
    size_t n;
};

/* Fills one zeroed element from the statement's current row; false when
 * memory ran out (what it did allocate stays in the element, for the
 * list's own free function). */
typedef bool store_fill_fn(sqlite3_stmt *s, void *elem);

/* Reads the rows of cached statement `id` (sql, whose ?1 is the row of
 * session `uuid`) into rows, one element of `size` bytes each, filled by
 * `fill`. STORE_OK; else the error (no such session, out of memory, or
 * "<what>: <reason>") is set and the caller frees what rows holds. */
int store_read_session_rows(struct pbl_store *st, const char *uuid,
                            enum store_stmt_id id, const char *sql,
                            const char *what, struct store_rows *rows,
                            size_t size, store_fill_fn *fill);

/* The same for a statement already bound (not tied to one session). */
int store_read_rows(struct pbl_store *st, sqlite3_stmt *s, const char *what,
                    struct store_rows *rows, size_t size, store_fill_fn *fill);

/* Snapshots m as module `position` of session row `session_id`, inside the
 * caller's transaction (store_snapshot.c). */
int store_snapshot_module(struct pbl_store *st, sqlite3_int64 session_id,
                          int position, const struct pbl_module *m);

/* Appends an event inside the caller's transaction (store_session.c). */
int store_event_tx(struct pbl_store *st, const char *uuid, const char *type,
                   const char *detail);

/* ---- the file (store_file.c) ---- */

/* path as SQLite must be given it to take it as a plain file name, never
 * a URI: "./" before a relative "file:..." name. malloc'd; NULL when out
 * of memory. */
char *store_plain_name(const char *path);

/* Checks st->path before SQLite opens it, and with STORE_CREATE (and not
 * STORE_READONLY) builds a missing database whole: refuses a folder, a
 * device, a dangling link, an empty file or a file that is not SQLite;
 * tightens loose permissions; adds a warning for a folder others can
 * write. 0, or -1 with a one-line message in err. */
int store_prepare_file(struct pbl_store *st, unsigned flags, char *err,
                       size_t errsz);

/* A new empty file, mode 0600, under a hidden name beside path
 * (".NAME.XXXXXX"); its malloc'd name, or NULL with err set (naming a
 * missing folder as missing). */
char *store_temp_beside(const char *path, char *err, size_t errsz);

/* Syncs the complete file tmp, then gives it the name path, never
 * replacing an existing file. 0; 1 when path exists (err says so); -1
 * with err set. tmp's own name is removed on success. */
int store_publish(const char *tmp, const char *path, char *err, size_t errsz);

/* True when a database that failed to open may still be read in place
 * (SQLite's immutable mode): only reading was asked for, its folder
 * cannot be written (so no -shm can be made) and it has no -wal whose
 * content would be missed. */
bool store_read_in_place(const char *path, unsigned flags);

/* A "file:" URI for reading path in place (absolute, percent-encoded,
 * ?immutable=1); malloc'd, NULL when out of memory. */
char *store_immutable_uri(const char *path);

/* Adds a message to store_warning() ("; " between two). */
void store_add_warning(struct pbl_store *st, const char *w);

/* The migrations (store_migrate.c). */
int store_migrate_db(sqlite3 *db, int from, int to, char *err, size_t errsz);

/* The SQL of migration k, from version k to k + 1 (store_schema.c); NULL
 * out of range. */
const char *store_migration(int k);
/* Calls fn with each row sql returns (n columns); what names the rows in
 * a message (store_sync_rows.c). */
int store_sync_each_row(struct pbl_store *st, const char *sql, int n,
                        const char *what, sync_row_fn fn, void *ctx);
/* Migration 13's SQL: the tombstones of deleted sessions. */
extern const char store_migration_13[];

/* pbl_row_uuid(ARG...): a UUID that depends only on the arguments (as
 * text, each followed by a separator; NULL is not ''), registered while
 * migrating (store_uuid.c). */
void store_row_uuid_sql(sqlite3_context *ctx, int argc, sqlite3_value **argv);

/* The UUID pbl_row_uuid(table, key) gives, from C: a new resident's, from
 * the name key it is first added under (36 characters and a NUL). */
void store_derived_uuid(const char *table, const char *key,
                        char out[static 37]);

/* ---- `pbl sync`'s comparison of the roster (store_sync_roster.c) ---- */

/* The roster's comparison (store_sync_roster.c), made and emptied with
 * the sessions' (store_sync_digest_reset), and its local digests,
 * computed with the sessions' (store_sync_digest_local): SQLite result
 * codes. */
int store_sync_roster_reset(struct pbl_store *st);
int store_sync_roster_local(struct pbl_store *st);

/* Calls fn with each UUID of temp table `table` (the sessions or
 * residents chosen). */
int store_sync_each_uuid(struct pbl_store *st, const char *table,
                         sync_row_fn fn, void *ctx);

/* Registers pbl's SQL functions (pbl_fold(), see store_fold.c) on a
 * connection; an SQLite result code. */
int store_add_functions(sqlite3 *db);

#endif
