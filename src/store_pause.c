/* store_pause.c - where the time on screen ends: quitting and crashing
 * are stage boundaries, so that the hours pbl stays closed are charged to
 * no stage (see store.h, "stage timings"). */
#include <stdio.h>
#include <string.h>

#include "store_impl.h"

/* Closes the session's open stage at time `at` and logs event `type` with
 * `detail`, inside the caller's transaction; *closed tells whether a stage
 * was open. */
static int close_open_tx(struct pbl_store *st, sqlite3_int64 id,
                         const char *uuid, const char *at, const char *type,
                         const char *detail, bool *closed)
{
    sqlite3_stmt *s = store_stmt(st, SQL_STAGE_PAUSE,
                                 "UPDATE stage_timings SET left_at = ?2"
                                 " WHERE session_id = ?1 AND left_at IS NULL");
    if (!s)
        return store_fail(st, "cannot save the stage");
    sqlite3_bind_int64(s, 1, id);
    store_bind_str(s, 2, at);
    if (store_exec_stmt(st, s) != SQLITE_DONE)
        return store_fail(st, "cannot save the stage");
    *closed = sqlite3_changes(st->db) > 0;
    return *closed ? store_event_tx(st, uuid, type, detail) : STORE_OK;
}

/* Runs close_open_tx in its own transaction. */
static int close_open(struct pbl_store *st, const char *uuid, const char *at,
                      const char *type, const char *detail, bool *closed)
{
    sqlite3_int64 id;
    if (store_begin(st, "save the stage") != STORE_OK)
        return STORE_ERROR;
    int rc = store_session_row(st, uuid, &id);
    if (rc == STORE_OK)
        rc = close_open_tx(st, id, uuid, at, type, detail, closed);
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "save the stage");
}

int store_stage_pause(struct pbl_store *st, const char *uuid, const char *why)
{
    char now[STORE_TIME_LEN + 1];
    bool closed = false;
    clock_now_iso(now);
    return close_open(st, uuid, now, why && *why ? why : "quit", NULL, &closed);
}

/* The last activity recorded in the session while stage row `open` was
 * open: its entry, its heartbeat, any event after its entry, any answer
 * or draft saved after it. Text times compare in time order. */
static int last_activity(struct pbl_store *st, const char *uuid,
                         char at[static STORE_TIME_LEN + 1])
{
    sqlite3_stmt *s = store_stmt(
        st, SQL_STAGE_RECOVER,
        "SELECT max(t.entered_at, coalesce(t.seen_at, ''),"
        "  coalesce((SELECT max(e.at) FROM events e"
        "   WHERE e.session_id = t.session_id), ''),"
        "  coalesce((SELECT max(max(r.updated_at,"
        "   coalesce(r.draft_saved_at, ''))) FROM responses r"
        "   WHERE r.session_id = t.session_id), ''),"
        "  coalesce((SELECT max(p.raised_at) FROM parking p"
        "   WHERE p.session_id = t.session_id), ''))"
        " FROM stage_timings t JOIN sessions s ON s.id = t.session_id"
        " WHERE s.uuid = ?1 AND t.left_at IS NULL ORDER BY t.id DESC LIMIT 1");
    at[0] = '\0';
    if (!s)
        return store_fail(st, "cannot read the stage timings");
    store_bind_str(s, 1, uuid);
    int rc = store_step(st, s);
    if (rc == SQLITE_ROW)
        store_col_copy(s, 0, at, STORE_TIME_LEN + 1);
    store_done(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return store_fail(st, "cannot read the stage timings");
    return STORE_OK;
}

int store_stage_recover(struct pbl_store *st, const char *uuid, char *closed_at)
{
    char at[STORE_TIME_LEN + 1], detail[64];
    bool closed = false;
    if (closed_at)
        closed_at[0] = '\0';
    int rc = last_activity(st, uuid, at);
    if (rc != STORE_OK || !at[0])
        return rc;
    snprintf(detail, sizeof detail, "stage closed at %s", at);
    rc = close_open(st, uuid, at, "crash", detail, &closed);
    if (rc == STORE_OK && closed && closed_at)
        memcpy(closed_at, at, sizeof at);
    return rc;
}

int store_stage_seen(struct pbl_store *st, const char *uuid)
{
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    if (store_begin(st, "save the stage") != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s = store_stmt(st, SQL_STAGE_SEEN,
                                 "UPDATE stage_timings SET seen_at = ?2"
                                 " WHERE left_at IS NULL AND session_id ="
                                 " (SELECT id FROM sessions WHERE uuid = ?1)");
    if (!s || (store_bind_str(s, 1, uuid), store_bind_str(s, 2, now),
               store_exec_stmt(st, s) != SQLITE_DONE)) {
        int rc = store_fail(st, "cannot save the stage");
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "save the stage");
}

long store_stage_seconds(const struct store_stage_list *l, int modpos,
                         const char *stage, time_t open_until, int *planned)
{
    long total = 0;
    for (size_t i = 0; i < l->n; i++) {
        const struct store_stage_timing *v = &l->v[i];
        time_t a, b = open_until;
        if ((stage && (v->modpos != modpos || strcmp(v->stage, stage) != 0)) ||
            clock_parse_iso(v->entered_at, &a) < 0)
            continue;
        if (v->left_at[0] && clock_parse_iso(v->left_at, &b) < 0)
            b = a;
        if (!v->left_at[0] && !open_until)
            b = a; /* still open: counts nothing */
        total += b > a ? (long)(b - a) : 0;
        if (planned)
            *planned = v->planned_minutes;
    }
    return total;
}
