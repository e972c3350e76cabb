/* store.c - opening and closing the session store: the file and its
 * permissions, the pragmas, the check after an unclean close, migrations,
 * the statement cache, transactions and error messages. */
#include <errno.h>
#include <stdbool.h>
#include <sys/resource.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_impl.h"

/* ---- errors ---------------------------------------------------------- */

/* Plain words for what went wrong, so that the user reads "the disk is
 * full" rather than a SQLite code; constraint and unknown failures keep
 * SQLite's own message, which is specific. */
/* Why a write failed when the system gave no errno: SQLite reports the
 * failing operation in the extended code, and a file-size limit (ulimit
 * -f) is the usual cause that is not a full disk. */
static const char *io_reason(int rc)
{
    struct rlimit lim;
    bool writing = rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC ||
                   rc == SQLITE_IOERR_TRUNCATE || rc == SQLITE_IOERR_SHMSIZE ||
                   rc == SQLITE_IOERR_DIR_FSYNC;
    if (writing && getrlimit(RLIMIT_FSIZE, &lim) == 0 &&
        lim.rlim_cur != RLIM_INFINITY)
        return "the file is too large (a file-size limit, ulimit -f, was "
               "reached)";
    if (writing)
        return "writing the file failed (is the disk full?)";
    if (rc == SQLITE_IOERR_READ || rc == SQLITE_IOERR_SHORT_READ)
        return "reading the file failed (a device error?)";
    return "input/output error";
}

const char *store_explain(int rc, int err, const char *msg)
{
    switch (rc & 0xff) {
    case SQLITE_OK: /* the error was cleared before it was read */
        return "the database could not be read as expected (it may be "
               "damaged; 'pbl db check' looks closer)";
    case SQLITE_FULL:
        return "the disk is full";
    case SQLITE_READONLY:
        return "the database is read-only";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return "another pbl kept the database busy for over 10 seconds; "
               "try again";
    case SQLITE_CORRUPT:
        return "the database is corrupt (restore a backup)";
    case SQLITE_NOTADB:
        return "the file is not a database";
    case SQLITE_CANTOPEN:
        return "cannot open the file (does its folder exist and is it "
               "writable?)";
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return "permission denied";
    case SQLITE_NOMEM:
        return "out of memory";
    case SQLITE_IOERR:
        if (err == ENOSPC || err == EDQUOT)
            return "the disk is full";
        if (err == EROFS)
            return "the file system is read-only";
        if (err == EFBIG)
            return "the file is too large (a file-size limit was reached)";
        if (err != 0)
            return strerror(err);
        return io_reason(rc);
    default:
        return msg && *msg ? msg : sqlite3_errstr(rc);
    }
}

/* Remembers the failure of the last SQLite call on st->db, before anything
 * else can overwrite SQLite's message. */
void store_note_sql(struct pbl_store *st, int rc)
{
    st->sql_rc = rc;
    st->sql_errno = sqlite3_system_errno(st->db);
    snprintf(st->sql_msg, sizeof st->sql_msg, "%s", sqlite3_errmsg(st->db));
}

/* store_error() = formatted context + ": " + the reason of the last
 * recorded SQLite failure. */
int store_fail(struct pbl_store *st, const char *fmt, ...)
{
    char what[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(st->err, sizeof st->err, "%s: %s", what,
             store_explain(st->sql_rc, st->sql_errno, st->sql_msg));
    return STORE_ERROR;
}

/* store_error() = the formatted text; returns rc, so that callers can
 * write `return store_failv(st, STORE_NOT_FOUND, ...)`. */
int store_failv(struct pbl_store *st, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->err, sizeof st->err, fmt, ap);
    va_end(ap);
    return rc;
}

/* The message of the last failure (see store.h); never NULL. */
const char *store_error(const struct pbl_store *st)
{
    return st ? st->err : "no database";
}

/* Set by store_open() for a newer database opened read-only. */
const char *store_warning(const struct pbl_store *st)
{
    return st->warning;
}

/* True when writes are refused (asked for, or a newer schema). */
bool store_readonly(const struct pbl_store *st)
{
    return st->readonly;
}

/* The path given to store_open(), for messages. */
const char *store_path(const struct pbl_store *st)
{
    return st->path;
}

/* The connection, for read-only queries by review and export. */
struct sqlite3 *store_db(struct pbl_store *st)
{
    return st->db;
}

/* ---- statements ------------------------------------------------------ */

/* Prepares once (SQLITE_PREPARE_PERSISTENT: kept for the store's life)
 * and hands out the same statement afterwards, reset and unbound. */
sqlite3_stmt *store_stmt(struct pbl_store *st, enum store_stmt_id id,
                         const char *sql)
{
    sqlite3_stmt *s = st->stmt[id];
    if (s) {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return s;
    }
    int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s,
                                NULL);
    if (rc != SQLITE_OK) {
        store_note_sql(st, rc);
        sqlite3_finalize(s);
        return NULL;
    }
    st->stmt[id] = s;
    return s;
}

/* One step, with any failure recorded and the statement reset (so that it
 * holds no lock while the caller reports the error). */
int store_step(struct pbl_store *st, sqlite3_stmt *s)
{
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_note_sql(st, rc);
        sqlite3_reset(s);
    }
    return rc;
}

/* Runs a statement that returns no rows to the end, then resets it. */
int store_exec_stmt(struct pbl_store *st, sqlite3_stmt *s)
{
    int rc;
    while ((rc = store_step(st, s)) == SQLITE_ROW)
        ;
    sqlite3_reset(s);
    return rc;
}

/* Resets a statement after its rows were read: an unreset SELECT would
 * keep a read transaction open and hold back WAL checkpoints. */
void store_done(sqlite3_stmt *s)
{
    if (s)
        sqlite3_reset(s);
}

/* Binds text, or SQL NULL for a NULL pointer, without copying. */
int store_bind_str(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC)
             : sqlite3_bind_null(s, i);
}

/* A column as a fresh string (NULL stays NULL). */
char *store_col_dup(sqlite3_stmt *s, int i, bool *oom)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    if (!t)
        return NULL;
    size_t n = (size_t)sqlite3_column_bytes(s, i);
    char *p = malloc(n + 1);
    if (!p) {
        *oom = true;
        return NULL;
    }
    memcpy(p, t, n);
    p[n] = '\0';
    return p;
}

/* A column that must hold text, as a fresh string: STORE_MISSING in place
 * of a NULL (a damaged record), so that readers always have text. */
char *store_col_required(sqlite3_stmt *s, int i, bool *oom)
{
    char *p = store_col_dup(s, i, oom);
    if (!p && !*oom && !(p = strdup(STORE_MISSING)))
        *oom = true;
    return p;
}

/* An integer column read 64-bit, kept within lo..hi: `fallback` when it
 * is out of range (a damaged record). */
int store_col_range(sqlite3_stmt *s, int i, int lo, int hi, int fallback)
{
    sqlite3_int64 v = sqlite3_column_int64(s, i);
    return v >= lo && v <= hi ? (int)v : fallback;
}

/* A column into a fixed buffer (timestamps, UUIDs, stage names). */
void store_col_copy(sqlite3_stmt *s, int i, char *buf, size_t n)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    snprintf(buf, n, "%s", t ? (const char *)t : "");
}

/* Doubling growth: reallocates only when n is 0 or a power of two. */
void *store_grow(void *v, size_t n, size_t size)
{
    if (n != 0 && (n & (n - 1)) != 0)
        return v;
    size_t cap = n ? 2 * n : 1;
    if (cap > SIZE_MAX / size)
        return NULL;
    return realloc(v, cap * size);
}

/* ---- transactions ---------------------------------------------------- */

/* Every write starts here: BEGIN IMMEDIATE takes the write lock at once
 * (waiting up to the busy timeout), so a transaction never fails half-way
 * for lack of it. `what` names the action in the error message. */
int store_begin(struct pbl_store *st, const char *what)
{
    if (st->readonly)
        return store_failv(st, STORE_ERROR,
                           "cannot %s: the database is open read-only%s", what,
                           st->newer ? " (it was written by a newer pbl)" : "");
    sqlite3_stmt *s = store_stmt(st, SQL_BEGIN, "BEGIN IMMEDIATE");
    if (!s || store_exec_stmt(st, s) != SQLITE_DONE)
        return store_fail(st, "cannot %s", what);
    return STORE_OK;
}

/* Commits; on failure (disk full, I/O error) rolls back, so that no half
 * record is left, and reports. */
int store_commit(struct pbl_store *st, const char *what)
{
    sqlite3_stmt *s = store_stmt(st, SQL_COMMIT, "COMMIT");
    if (s && store_exec_stmt(st, s) == SQLITE_DONE)
        return STORE_OK;
    store_fail(st, "cannot %s", what);
    store_rollback(st);
    return STORE_ERROR;
}

/* Undoes the open transaction, if any; its own failure is not reported
 * (SQLite rolls back by itself when it cannot). */
void store_rollback(struct pbl_store *st)
{
    if (sqlite3_get_autocommit(st->db))
        return;
    sqlite3_stmt *s = store_stmt(st, SQL_ROLLBACK, "ROLLBACK");
    if (s) {
        sqlite3_step(s);
        sqlite3_reset(s);
    }
}

/* Writes the clean-shutdown flag: "0" while open, "1" after a clean
 * close. */
static int set_clean_flag(struct pbl_store *st, const char *v)
{
    if (store_begin(st, "open the database") != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_stmt(st, SQL_SET_META,
                                 "INSERT INTO meta(key, value)"
                                 " VALUES('clean_shutdown', ?1)"
                                 " ON CONFLICT(key) DO UPDATE SET value = ?1");
    if (s)
        store_bind_str(s, 1, v);
    if (!s || store_exec_stmt(st, s) != SQLITE_DONE) {
        store_fail(st, "cannot write to the database");
        store_rollback(st);
        return STORE_ERROR;
    }
    return store_commit(st, "write to the database");
}

/* ---- opening --------------------------------------------------------- */

/* Reads one integer from a statement such as "PRAGMA user_version";
 * -1 with the failure recorded. */
static long long query_int(struct pbl_store *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    else if (rc != SQLITE_DONE)
        store_note_sql(st, rc);
    else
        v = 0;
    sqlite3_finalize(s);
    return v;
}

/* Runs a pragma that must answer `want` (e.g. journal_mode -> "wal"). */
static int pragma_is(struct pbl_store *st, const char *sql, const char *want)
{
    sqlite3_stmt *s = NULL;
    int ok = 0;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(s, 0);
        ok = !want || (t && strcmp((const char *)t, want) == 0);
    } else if (rc == SQLITE_DONE) {
        ok = !want;
    } else {
        store_note_sql(st, rc);
    }
    sqlite3_finalize(s);
    return ok;
}

/* After an unclean close (the flag left at "0"), PRAGMA quick_check must
 * say ok; otherwise the database is refused rather than written to. */
static int check_after_crash(struct pbl_store *st, char *err, size_t errsz)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT value FROM meta"
                                " WHERE key = 'clean_shutdown'",
                                -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    bool clean = rc == SQLITE_ROW && sqlite3_column_text(s, 0) &&
                 strcmp((const char *)sqlite3_column_text(s, 0), "1") == 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        store_note_sql(st, rc);
    sqlite3_finalize(s);
    /* SQLITE_ERROR (no meta table, in some newer schema): just check */
    if (rc != SQLITE_ROW && rc != SQLITE_DONE && (rc & 0xff) != SQLITE_ERROR) {
        snprintf(err, errsz, "%s: %s", st->path,
                 store_explain(st->sql_rc, st->sql_errno, st->sql_msg));
        return -1;
    }
    if (clean)
        return 0;
    s = NULL;
    rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    const unsigned char *t =
        rc == SQLITE_ROW ? sqlite3_column_text(s, 0) : NULL;
    if (t && strcmp((const char *)t, "ok") == 0) {
        sqlite3_finalize(s);
        return 0;
    }
    if (t) {
        /* the first problem, on one line: skip SQLite's heading */
        const char *why = (const char *)t;
        if (strncmp(why, "*** ", 4) == 0 && strchr(why, '\n'))
            why = strchr(why, '\n') + 1;
        snprintf(err, errsz,
                 "%s is corrupt (%.*s); restore a backup, or see `pbl db "
                 "check`",
                 st->path, (int)strcspn(why, "\n"), why);
    } else
        snprintf(err, errsz, "%s is corrupt (%s); restore a backup", st->path,
                 sqlite3_errmsg(st->db));
    sqlite3_finalize(s);
    return -1;
}

/* Opens the connection and sets what every connection needs: extended
 * codes and the busy timeout. */
static int db_connect(struct pbl_store *st, int oflags, char *err, size_t errsz)
{
    /* immutable: read where no -shm can be made (a read-only folder) */
    char *name = st->immutable ? store_immutable_uri(st->path)
                               : store_plain_name(st->path);
    if (st->immutable)
        oflags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    int rc = name ? sqlite3_open_v2(name, &st->db, oflags, NULL) : SQLITE_NOMEM;
    free(name);
    if (rc != SQLITE_OK) {
        snprintf(err, errsz, "cannot open %s: %s", st->path,
                 st->db ? store_explain(rc, sqlite3_system_errno(st->db),
                                        sqlite3_errmsg(st->db))
                        : "out of memory");
        sqlite3_close(st->db);
        st->db = NULL;
        return -1;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
    if (store_add_functions(st->db) != SQLITE_OK) {
        snprintf(err, errsz, "cannot open %s: %s", st->path,
                 sqlite3_errmsg(st->db));
        sqlite3_close(st->db);
        st->db = NULL;
        return -1;
    }
    return 0;
}

/* Closes the connection and forgets what an attempt to open set up. */
static void reset_connection(struct pbl_store *st)
{
    for (int i = 0; i < SQL_COUNT; i++) {
        sqlite3_finalize(st->stmt[i]);
        st->stmt[i] = NULL;
    }
    sqlite3_close(st->db);
    st->db = NULL;
    st->readonly = false;
    st->sql_rc = 0;
    st->sql_errno = 0;
    st->sql_msg[0] = '\0';
}

/* The steps of store_open() after the file exists; fills err on failure. */
static int open_db(struct pbl_store *st, unsigned flags, char *err,
                   size_t errsz)
{
    bool ro = (flags & STORE_READONLY) || st->immutable;
    if (db_connect(st, ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, err,
                   errsz) != 0)
        return -1;
    if (!ro && sqlite3_db_readonly(st->db, "main") == 1) {
        if (!(flags & STORE_MAY_READONLY)) {
            snprintf(err, errsz,
                     "cannot write %s: the file or its disk is read-only",
                     st->path);
            return -1;
        }
        ro = true; /* reading is all that was asked for */
    }
    /* one statement, one snapshot: another pbl may be creating it */
    long long v = query_int(st, "SELECT (SELECT user_version FROM"
                                " pragma_user_version) * 2 + (SELECT"
                                " count(*) > 0 FROM sqlite_master)");
    if (v < 0 && st->sql_rc == SQLITE_OK) {
        /* read, but negative: no pbl writes that */
        snprintf(err, errsz,
                 "%s has schema version %lld, which no pbl writes: it is "
                 "damaged or not a pbl database",
                 st->path, (v - (v & 1)) / 2);
        return -1;
    }
    if (v < 0)
        goto sql_error;
    bool has_tables = v & 1;
    v >>= 1;
    if (v == 0) { /* pbl builds its databases whole: never version 0 */
        snprintf(err, errsz,
                 "%s is a database, but not a pbl one (a SQLite file "
                 "without pbl's schema%s)",
                 st->path, has_tables ? "" : ", and empty");
        return -1;
    }
    if (ro && v < STORE_SCHEMA_VERSION && !st->newer &&
        (flags & STORE_MAY_READONLY) && !(flags & STORE_READONLY)) {
        char w[512];
        snprintf(w, sizeof w,
                 "%s is read-only here, so it was not upgraded from schema "
                 "%lld to %d; some records may not be readable",
                 st->path, v, STORE_SCHEMA_VERSION);
        if (!st->warning || !strstr(st->warning, w))
            store_add_warning(st, w);
    }
    if (v > STORE_SCHEMA_VERSION && !ro) {
        sqlite3_close(st->db);
        st->db = NULL;
        if (db_connect(st, SQLITE_OPEN_READONLY, err, errsz) != 0)
            return -1;
        ro = true;
        char w[512];
        snprintf(w, sizeof w,
                 "%s was written by a newer pbl (schema %lld; this one "
                 "knows %d): opened read-only, nothing will be saved",
                 st->path, v, STORE_SCHEMA_VERSION);
        if (!st->newer) /* once, though opening may start again */
            store_add_warning(st, w);
        st->newer = true;
    }
    st->readonly = ro;
    if (!ro && !pragma_is(st, "PRAGMA journal_mode = WAL", "wal")) {
        if (st->sql_rc == SQLITE_OK)
            snprintf(err, errsz, "%s: cannot use WAL mode on this file system",
                     st->path);
        else
            goto sql_error;
        return -1;
    }
    if (!pragma_is(st, "PRAGMA synchronous = FULL", NULL) ||
        !pragma_is(st, "PRAGMA foreign_keys = ON", NULL))
        goto sql_error;
    if (v >= 1 && !(flags & STORE_READONLY) &&
        check_after_crash(st, err, errsz) != 0)
        return -1;
    if (ro)
        return 0;
    if (v < STORE_SCHEMA_VERSION &&
        store_migrate_db(st->db, (int)v, STORE_SCHEMA_VERSION, err, errsz) != 0)
        return -1;
    if (set_clean_flag(st, "0") != STORE_OK) {
        snprintf(err, errsz, "%s: %s", st->path, st->err);
        return -1;
    }
    return 0;
sql_error:
    snprintf(err, errsz, "%s: %s", st->path,
             store_explain(st->sql_rc, st->sql_errno, st->sql_msg));
    return -1;
}

/* See store.h. Each failure becomes one line naming the path and the
 * reason; nothing is left open behind a failure. */
int store_open(const char *path, unsigned flags, struct pbl_store **out,
               char **errmsg)
{
    char err[768] = "";
    *out = NULL;
    if (errmsg)
        *errmsg = NULL;
    struct pbl_store *st = calloc(1, sizeof *st);
    if (!st || !path || !*path) {
        snprintf(err, sizeof err, st ? "no database path" : "out of memory");
        goto fail;
    }
    st->path = strdup(path);
    if (!st->path) {
        snprintf(err, sizeof err, "out of memory");
        goto fail;
    }
    static bool uri_off;
    if (!uri_off) /* before SQLite starts: no URI file names anywhere */
        sqlite3_config(SQLITE_CONFIG_URI, 0);
    uri_off = true;
    if (store_prepare_file(st, flags, err, sizeof err) != 0)
        goto fail;
    int64_t start = clock_mono_ms();
    for (int attempt = 1; open_db(st, flags, err, sizeof err) != 0; attempt++) {
        /* Some steps of opening (switching a new file to WAL, reading
         * while another pbl recovers the WAL) report "busy" at once
         * instead of waiting: start again, up to the busy timeout. */
        int code = st->sql_rc & 0xff;
        if (!st->immutable && store_read_in_place(st->path, flags)) {
            reset_connection(st); /* a read-only folder: read in place */
            st->immutable = true;
            continue;
        }
        if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) ||
            clock_mono_ms() - start > STORE_BUSY_TIMEOUT_MS)
            goto fail;
        reset_connection(st);
        long ms = 2 + (getpid() * 7L + attempt * 13L) % 20;
        struct timespec ts = {0, ms * 1000000L};
        nanosleep(&ts, NULL);
    }
    *out = st;
    return STORE_OK;
fail:
    if (st)
        st->readonly = true; /* close without writing the flag */
    store_close(st);
    if (errmsg)
        *errmsg = strdup(err);
    return STORE_ERROR;
}

/* Records a clean close (so the next open skips quick_check), releases the
 * statements and closes; the last connection to close checkpoints the WAL
 * into the database file. */
void store_close(struct pbl_store *st)
{
    if (!st)
        return;
    if (st->db && !st->readonly)
        set_clean_flag(st, "1");
    reset_connection(st);
    free(st->warning);
    free(st->path);
    free(st);
}
