/* store_lock.c - a session open in one console is locked to it (see
 * store.h): the session_locks row, taken, renewed, checked and let go. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_impl.h"

#define LOCK_COLS "token, pid, host, tty, since, heartbeat"

int store_lock_self(struct store_lock *me)
{
    char uuid[STORE_UUID_LEN + 1];
    memset(me, 0, sizeof *me);
    if (store_uuid_v4(uuid) != STORE_OK)
        return STORE_ERROR;
    size_t n = 0;
    for (const char *p = uuid; *p && n < STORE_LOCK_TOKEN_LEN; p++)
        if (*p != '-')
            me->token[n++] = *p;
    me->pid = (long)getpid();
    if (gethostname(me->host, sizeof me->host - 1) != 0)
        snprintf(me->host, sizeof me->host, "?");
    const char *tty = ttyname(STDIN_FILENO);
    snprintf(me->tty, sizeof me->tty, "%s", tty ? tty : "-");
    return STORE_OK;
}

/* Whether process pid of this host has ended: no such process, or one
 * that has exited and waits to be reaped (a zombie, on Linux, where a
 * parent that is slow to reap, or none at all, keeps it). */
static bool process_gone(long pid)
{
    if (pid <= 0)
        return false;
    if (kill((pid_t)pid, 0) != 0)
        return errno == ESRCH;
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%ld/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *p = strrchr(buf, ')'); /* after "pid (name)" */
    return p && p[1] == ' ' && p[2] == 'Z';
}

bool store_lock_stale(const struct store_lock *l, time_t now)
{
    char host[sizeof l->host] = "";
    time_t beat;
    if (gethostname(host, sizeof host - 1) == 0 && strcmp(host, l->host) == 0 &&
        process_gone(l->pid))
        return true; /* its process is gone */
    if (clock_parse_iso(l->heartbeat, &beat) != 0)
        return true;
    return now - beat > STORE_LOCK_STALE_SECS;
}

/* Reads the lock row of session row `id` into *l: STORE_OK, or
 * STORE_NOT_FOUND when there is none. */
static int read_lock(struct pbl_store *st, sqlite3_int64 id,
                     struct store_lock *l)
{
    sqlite3_stmt *s = store_stmt(st, SQL_LOCK_CHECK,
                                 "SELECT " LOCK_COLS " FROM session_locks"
                                 " WHERE session_id = ?1");
    if (!s)
        return store_fail(st, "cannot read the session's lock");
    sqlite3_bind_int64(s, 1, id);
    int rc = store_step(st, s);
    if (rc == SQLITE_ROW) {
        store_col_copy(s, 0, l->token, sizeof l->token);
        l->pid = (long)sqlite3_column_int64(s, 1);
        store_col_copy(s, 2, l->host, sizeof l->host);
        store_col_copy(s, 3, l->tty, sizeof l->tty);
        store_col_copy(s, 4, l->since, sizeof l->since);
        store_col_copy(s, 5, l->heartbeat, sizeof l->heartbeat);
    }
    store_done(s);
    if (rc == SQLITE_ROW)
        return STORE_OK;
    if (rc == SQLITE_DONE)
        return STORE_NOT_FOUND;
    return store_fail(st, "cannot read the session's lock");
}

/* Runs one statement of the lock with the session row and the lock's
 * fields bound (?1 id, ?2 token, ?3 pid, ?4 host, ?5 tty, ?6 now). */
static int lock_exec(struct pbl_store *st, const char *sql, sqlite3_int64 id,
                     const struct store_lock *me, const char *now)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, id);
        store_bind_str(s, 2, me->token);
        sqlite3_bind_int64(s, 3, me->pid);
        store_bind_str(s, 4, me->host);
        store_bind_str(s, 5, me->tty);
        store_bind_str(s, 6, now);
        rc = sqlite3_step(s);
    }
    if (rc != SQLITE_DONE)
        store_note_sql(st, rc);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? STORE_OK : STORE_ERROR;
}

/* The body of store_lock_session, in its transaction. */
static int lock_tx(struct pbl_store *st, sqlite3_int64 id,
                   const struct store_lock *me, bool take_over,
                   struct store_lock *holder)
{
    char now[STORE_TIME_LEN + 1];
    struct store_lock cur;
    clock_now_iso(now);
    int rc = read_lock(st, id, &cur);
    if (rc == STORE_ERROR)
        return rc;
    if (rc == STORE_OK && strcmp(cur.token, me->token) != 0 && !take_over &&
        !store_lock_stale(&cur, clock_now())) {
        if (holder)
            *holder = cur;
        return STORE_LOCKED;
    }
    bool ours = rc == STORE_OK && strcmp(cur.token, me->token) == 0;
    if (lock_exec(st,
                  ours ? "UPDATE session_locks SET heartbeat = ?6"
                         " WHERE session_id = ?1 AND token = ?2"
                       : "INSERT OR REPLACE INTO session_locks(session_id,"
                         " " LOCK_COLS ") VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                  id, me, now) != STORE_OK)
        return store_fail(st, "cannot lock the session");
    return STORE_OK;
}

int store_lock_session(struct pbl_store *st, const char *uuid,
                       const struct store_lock *me, bool take_over,
                       struct store_lock *holder)
{
    sqlite3_int64 id;
    if (store_begin(st, "lock the session") != STORE_OK)
        return STORE_ERROR;
    int rc = store_session_row(st, uuid, &id);
    if (rc == STORE_OK)
        rc = lock_tx(st, id, me, take_over, holder);
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "lock the session");
}

int store_lock_holder(struct pbl_store *st, const char *uuid,
                      struct store_lock *holder)
{
    sqlite3_int64 id;
    int rc = store_session_row(st, uuid, &id);
    return rc == STORE_OK ? read_lock(st, id, holder) : rc;
}

/* See store.h: a live lock, as store_lock_session would refuse. */
bool store_lock_held(struct pbl_store *st, const char *uuid, time_t now,
                     struct store_lock *holder)
{
    struct store_lock l;
    if (store_lock_holder(st, uuid, &l) != STORE_OK ||
        store_lock_stale(&l, now))
        return false;
    if (holder)
        *holder = l;
    return true;
}

int store_lock_check(struct pbl_store *st, const char *uuid, const char *token,
                     struct store_lock *holder)
{
    struct store_lock cur;
    int rc = store_lock_holder(st, uuid, &cur);
    if (rc == STORE_OK && strcmp(cur.token, token) == 0)
        return STORE_OK;
    if (rc == STORE_ERROR)
        return rc;
    if (holder) {
        if (rc == STORE_OK)
            *holder = cur;
        else
            memset(holder, 0, sizeof *holder);
    }
    return STORE_LOCKED;
}

int store_lock_refresh(struct pbl_store *st, const char *uuid,
                       const char *token, struct store_lock *holder)
{
    char now[STORE_TIME_LEN + 1];
    struct store_lock me = {0};
    sqlite3_int64 id;
    clock_now_iso(now);
    snprintf(me.token, sizeof me.token, "%s", token);
    int rc = store_lock_check(st, uuid, token, holder);
    if (rc != STORE_OK || store_session_row(st, uuid, &id) != STORE_OK)
        return rc != STORE_OK ? rc : STORE_ERROR;
    if (lock_exec(st,
                  "UPDATE session_locks SET heartbeat = ?6"
                  " WHERE session_id = ?1 AND token = ?2",
                  id, &me, now) != STORE_OK)
        return store_fail(st, "cannot renew the session's lock");
    if (sqlite3_changes(st->db) == 0) /* taken over in between */
        return store_lock_check(st, uuid, token, holder);
    return STORE_OK;
}

int store_unlock_session(struct pbl_store *st, const char *uuid,
                         const char *token)
{
    struct store_lock me = {0};
    sqlite3_int64 id;
    snprintf(me.token, sizeof me.token, "%s", token);
    if (store_session_row(st, uuid, &id) != STORE_OK)
        return STORE_ERROR;
    if (lock_exec(st,
                  "DELETE FROM session_locks"
                  " WHERE session_id = ?1 AND token = ?2",
                  id, &me, NULL) != STORE_OK)
        return store_fail(st, "cannot unlock the session");
    return STORE_OK;
}
