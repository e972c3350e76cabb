/* store_attend.c - who attended a group session, who spoke to each
 * question, and one resident's record across sessions (see roster.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/roster.h"
#include "roster_impl.h"

/* The row of a group session; STORE_ERROR for a self-study one. */
static int group_row(struct pbl_store *st, const char *uuid, sqlite3_int64 *id)
{
    int rc = store_session_row(st, uuid, id);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s =
        roster_prepare(st, "SELECT kind FROM sessions WHERE id = ?1");
    if (!s)
        return store_fail(st, "cannot read the sessions");
    sqlite3_bind_int64(s, 1, *id);
    bool group = store_step(st, s) == SQLITE_ROW &&
                 strcmp((const char *)sqlite3_column_text(s, 0), "group") == 0;
    sqlite3_finalize(s);
    return group ? STORE_OK
                 : store_failv(st, STORE_ERROR,
                               "attendance is for group sessions only");
}

/* The write of roster_set_present() inside its transaction. */
static int set_present_tx(struct pbl_store *st, const char *uuid, int64_t rid,
                          bool present)
{
    sqlite3_int64 sid;
    int rc = group_row(st, uuid, &sid);
    if (rc != STORE_OK)
        return rc;
    struct roster_resident r;
    rc = roster_get(st, rid, &r);
    if (rc != STORE_OK)
        return rc;
    char now[STORE_TIME_LEN + 1];
    clock_now_iso(now);
    sqlite3_stmt *s = roster_prepare(
        st, present
                ? "INSERT INTO attendance(session_id, resident_id, joined_at,"
                  " changed_at) VALUES(?1, ?2, ?3, ?3) ON CONFLICT DO UPDATE"
                  " SET left_at = NULL, changed_at = ?3"
                  " WHERE left_at IS NOT NULL"
                : "UPDATE attendance SET left_at = ?3, changed_at = ?3"
                  " WHERE session_id = ?1 AND resident_id = ?2"
                  " AND left_at IS NULL");
    if (s) {
        sqlite3_bind_int64(s, 1, sid);
        sqlite3_bind_int64(s, 2, rid);
        sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
    }
    rc = roster_write(st, s, "save the attendance");
    if (rc == STORE_OK)
        rc = store_event_tx(st, uuid, present ? "attend" : "leave", r.name);
    roster_resident_free(&r);
    return rc;
}

int roster_set_present(struct pbl_store *st, const char *uuid, int64_t id,
                       bool present)
{
    int rc = store_begin(st, "save the attendance");
    if (rc != STORE_OK)
        return rc;
    rc = set_present_tx(st, uuid, id, present);
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "save the attendance");
}

/* Fills one attendee from a row (id, name, joined_at, left_at). */
static bool attendee_fill(sqlite3_stmt *s, void *elem)
{
    struct roster_attendee *a = elem;
    bool oom = false;
    a->resident_id = sqlite3_column_int64(s, 0);
    a->name = store_col_required(s, 1, &oom);
    store_col_copy(s, 2, a->joined_at, sizeof a->joined_at);
    store_col_copy(s, 3, a->left_at, sizeof a->left_at);
    return !oom;
}

int roster_list_attendance(struct pbl_store *st, const char *uuid,
                           struct roster_attendance *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_int64 sid;
    int rc = store_session_row(st, uuid, &sid);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = roster_prepare(
        st, "SELECT r.id, r.name, a.joined_at, a.left_at FROM attendance a"
            " JOIN residents r ON r.id = a.resident_id"
            " WHERE a.session_id = ?1 ORDER BY r.name_key, r.id");
    if (s)
        sqlite3_bind_int64(s, 1, sid);
    void *v;
    rc = roster_read_list(st, s, "cannot read the attendance", sizeof *out->v,
                          attendee_fill, &v, &out->n);
    out->v = v;
    if (rc != STORE_OK)
        roster_attendance_free(out);
    return rc;
}

void roster_attendance_free(struct roster_attendance *a)
{
    for (size_t i = 0; a && i < a->n; i++)
        free(a->v[i].name);
    if (a) {
        free(a->v);
        a->v = NULL;
        a->n = 0;
    }
}

int roster_set_speaker(struct pbl_store *st, const char *uuid, int modpos,
                       int qidx, int64_t id, bool spoke)
{
    int rc = store_begin(st, "save who spoke");
    if (rc != STORE_OK)
        return rc;
    sqlite3_int64 sid;
    rc = store_session_row(st, uuid, &sid);
    if (rc == STORE_OK) {
        /* unmarked is a mark turned off with its time, not a deleted
         * row: a merge with a copy that still has it cannot bring it back
         * (the later change wins, store_sync_roster.c) */
        char now[STORE_TIME_LEN + 1];
        clock_now_iso(now);
        sqlite3_stmt *s = roster_prepare(
            st, spoke ? "INSERT INTO speakers(session_id, modpos, qidx,"
                        " resident_id, spoke, changed_at)"
                        " VALUES(?1, ?2, ?3, ?4, 1, ?5) ON CONFLICT DO UPDATE"
                        " SET spoke = 1, changed_at = ?5 WHERE spoke = 0"
                      : "UPDATE speakers SET spoke = 0, changed_at = ?5"
                        " WHERE session_id = ?1 AND modpos = ?2 AND qidx = ?3"
                        " AND resident_id = ?4 AND spoke = 1");
        if (s) {
            sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(s, 1, sid);
            sqlite3_bind_int(s, 2, modpos);
            sqlite3_bind_int(s, 3, qidx);
            sqlite3_bind_int64(s, 4, id);
        }
        rc = roster_write(st, s, "save who spoke");
        if (rc != STORE_OK && (st->sql_rc & 0xff) == SQLITE_CONSTRAINT)
            rc = store_failv(st, STORE_ERROR,
                             "only a resident who attended can speak");
    }
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "save who spoke");
}

int roster_list_speakers(struct pbl_store *st, const char *uuid, int modpos,
                         int qidx, int64_t **ids, size_t *n)
{
    *ids = NULL;
    *n = 0;
    sqlite3_int64 sid;
    int rc = store_session_row(st, uuid, &sid);
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s = roster_prepare(
        st, "SELECT resident_id FROM speakers WHERE session_id = ?1"
            " AND modpos = ?2 AND qidx = ?3 AND spoke ORDER BY resident_id");
    if (!s)
        return store_fail(st, "cannot read who spoke");
    sqlite3_bind_int64(s, 1, sid);
    sqlite3_bind_int(s, 2, modpos);
    sqlite3_bind_int(s, 3, qidx);
    while ((rc = store_step(st, s)) == SQLITE_ROW) {
        int64_t *v = store_grow(*ids, *n, sizeof **ids);
        if (!v) {
            rc = SQLITE_NOMEM;
            break;
        }
        *ids = v;
        v[(*n)++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return STORE_OK;
    free(*ids);
    *ids = NULL;
    *n = 0;
    return rc == SQLITE_NOMEM ? store_failv(st, STORE_ERROR, "out of memory")
                              : store_fail(st, "cannot read who spoke");
}

int roster_link_study(struct pbl_store *st, const char *uuid, int64_t id)
{
    int rc = store_begin(st, "link the session to the roster");
    if (rc != STORE_OK)
        return rc;
    sqlite3_stmt *s =
        roster_prepare(st, "UPDATE sessions SET resident_id = ?2"
                           " WHERE uuid = ?1 AND kind = 'self-study'");
    if (s) {
        sqlite3_bind_text(s, 1, uuid, -1, SQLITE_STATIC);
        sqlite3_bind_int64(s, 2, id);
    }
    rc = roster_write(st, s, "link the session to the roster");
    if (rc == STORE_OK && sqlite3_changes(st->db) == 0)
        rc = store_failv(st, STORE_NOT_FOUND, "no self-study session %s", uuid);
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "link the session to the roster");
}

/* Fills one record from a row (uuid, kind, status, started_at, label,
 * spoke). */
static bool record_fill(sqlite3_stmt *s, void *elem)
{
    struct roster_record *r = elem;
    bool oom = false;
    store_col_copy(s, 0, r->uuid, sizeof r->uuid);
    const char *kind = (const char *)sqlite3_column_text(s, 1);
    r->kind =
        kind && strcmp(kind, "group") == 0 ? STORE_GROUP : STORE_SELF_STUDY;
    const char *status = (const char *)sqlite3_column_text(s, 2);
    if (!status || store_status_parse(status, &r->status) != 0)
        r->status = STORE_ACTIVE;
    store_col_copy(s, 3, r->started_at, sizeof r->started_at);
    r->label = store_col_dup(s, 4, &oom);
    r->spoke = sqlite3_column_int(s, 5);
    return !oom;
}

int roster_resident_records(struct pbl_store *st, int64_t id,
                            struct roster_records *out)
{
    memset(out, 0, sizeof *out);
    /* self-study not linked to anybody counts under any name the
     * resident has had; so does a group session with no attendance (one
     * recorded before the roster) whose free-text participants name them */
    sqlite3_stmt *s = roster_prepare(
        st,
        "WITH names(k) AS (SELECT name_key FROM residents WHERE id = ?1"
        "  UNION SELECT name_key FROM resident_names WHERE resident_id = ?1)"
        " SELECT s.uuid, s.kind, s.status, s.started_at, s.group_name,"
        "  (SELECT count(*) FROM speakers p WHERE p.session_id = s.id"
        "   AND p.resident_id = ?1 AND p.spoke)"
        " FROM sessions s JOIN attendance a ON a.session_id = s.id"
        " WHERE a.resident_id = ?1"
        " UNION ALL SELECT s.uuid, s.kind, s.status, s.started_at,"
        "  s.group_name, 0 FROM sessions s WHERE s.kind = 'group'"
        "  AND NOT EXISTS (SELECT 1 FROM attendance a"
        "   WHERE a.session_id = s.id)"
        "  AND EXISTS (SELECT 1 FROM names WHERE pbl_names_has(s.participants, "
        "k))"
        " UNION ALL SELECT s.uuid, s.kind, s.status, s.started_at,"
        "  s.resident, 0 FROM sessions s WHERE s.kind = 'self-study'"
        "  AND (s.resident_id = ?1 OR (s.resident_id IS NULL"
        "   AND pbl_fold(s.resident) IN (SELECT k FROM names)))"
        " ORDER BY 4, 1");
    if (s)
        sqlite3_bind_int64(s, 1, id);
    void *v;
    int rc = roster_read_list(st, s, "cannot read the resident's record",
                              sizeof *out->v, record_fill, &v, &out->n);
    out->v = v;
    if (rc != STORE_OK)
        roster_records_free(out);
    return rc;
}

void roster_records_free(struct roster_records *r)
{
    for (size_t i = 0; r && i < r->n; i++)
        free(r->v[i].label);
    if (r) {
        free(r->v);
        r->v = NULL;
        r->n = 0;
    }
}
