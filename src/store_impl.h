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
    SQL_SET_NOTES,
    SQL_DELETE_SESSION,
    SQL_SET_POSITION,
    SQL_GET_POSITION,
    SQL_LOG_EVENT,
    SQL_LIST_EVENTS,
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
    SQL_QUESTION_EXISTS,
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
    SQL_ADD_COMMENT,
    SQL_LIST_COMMENTS,
    SQL_LOCK_CHECK,
    SQL_COUNT
};

struct pbl_store {
    sqlite3 *db;
    char *path;
    bool readonly;
    char *warning;
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

/* Sets store_error() to the formatted text; returns `rc`. */
int store_failv(struct pbl_store *st, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Plain words for a SQLite result code (and errno), e.g. "the disk is
 * full"; `msg` is SQLite's own message, used when nothing better fits. */
const char *store_explain(int rc, int err, const char *msg);

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

/* The migrations (store_schema.c). */
int store_migrate_db(sqlite3 *db, int from, int to, char *err, size_t errsz);

/* Registers pbl's SQL functions (pbl_fold(), see store_fold.c) on a
 * connection; an SQLite result code. */
int store_add_functions(sqlite3 *db);

#endif
