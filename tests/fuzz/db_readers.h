/* db_readers.h - damages one field of a copy of a pbl database and runs
 * every reader on it; shared by the fuzz target fuzz_db.c and the
 * deterministic sweep tests/tools/robust_damaged_db.c.
 *
 * Damage goes past the schema's own guards, as a hand edit, a bad disk
 * or an older pbl would: CHECK constraints are ignored and NOT NULL is
 * taken out of the tables' definitions (writable_schema) before the
 * UPDATE. A value that still cannot be stored (a NULL key of a WITHOUT
 * ROWID table) is skipped.
 *
 * The readers are those behind `pbl resume` and `resume --list` (the
 * session list, the position, every module snapshot, every response,
 * stage times, the parking lot, events, comments), `pbl review`
 * (review_write), `pbl export` in every format and `pbl report` in every
 * format. Each may fail with a message; none may crash, trip a sanitizer,
 * hand out a NULL where a module needs text or leave a module out. */
#ifndef PBL_DB_READERS_H
#define PBL_DB_READERS_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pbl/export.h"
#include "pbl/module.h"
#include "pbl/report.h"
#include "pbl/review.h"
#include "pbl/session.h"
#include "pbl/store.h"
#include "store_raw.h"

/* The kinds of damage; DBM_INT and DBM_TEXT take their value from the
 * caller. */
enum dbm_kind {
    DBM_NULL,
    DBM_MINUS_ONE,
    DBM_INT32_MAX,
    DBM_INT64_MAX,
    DBM_EMPTY,
    DBM_INT,
    DBM_TEXT,
    DBM_KINDS
};

/* Copies file `from` to `to` (and removes the -wal and -shm an earlier
 * copy at `to` left); 0 or -1. */
static int dbm_copy(const char *from, const char *to)
{
    char side[4096]; /* a -wal or -shm of an earlier copy would apply */
    snprintf(side, sizeof side, "%s-wal", to);
    remove(side);
    snprintf(side, sizeof side, "%s-shm", to);
    remove(side);
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[1 << 15];
    size_t n;
    int rc = in && out ? 0 : -1;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        rc = -1;
    return rc;
}

/* Takes NOT NULL out of every table's definition, so that a NULL can be
 * stored where pbl never writes one. */
static void dbm_relax(sqlite3 *db)
{
    sqlite3_exec(db,
                 "PRAGMA writable_schema = ON;"
                 "UPDATE sqlite_schema SET sql = replace(sql, 'NOT NULL', '')"
                 " WHERE type = 'table';"
                 "PRAGMA writable_schema = OFF;",
                 NULL, NULL, NULL);
}

/* Sets `column` of `table` to the damaged value: in every row when `row`
 * is negative (else in the row-th row, counted from 0, of rowid tables;
 * every row of the others), in the database file `path`. Returns 0 when
 * something was changed. */
static int dbm_damage(const char *path, const char *table, const char *column,
                      long row, enum dbm_kind kind, long long ival,
                      const char *text, size_t tlen)
{
    sqlite3 *db = NULL;
    int changed = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    dbm_relax(db);
    sqlite3_close(db);
    db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_exec(db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
    char *where = row >= 0 ? sqlite3_mprintf(" WHERE rowid = (SELECT rowid"
                                             " FROM \"%w\" ORDER BY rowid"
                                             " LIMIT 1 OFFSET %ld)",
                                             table, row)
                           : sqlite3_mprintf("");
    char *sql = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = ?1%s", table,
                                column, where ? where : "");
    sqlite3_stmt *s = NULL;
    int rc = sql ? sqlite3_prepare_v2(db, sql, -1, &s, NULL) : SQLITE_NOMEM;
    if (rc != SQLITE_OK && row >= 0) { /* no rowid: every row */
        sqlite3_free(sql);
        sql = sqlite3_mprintf("UPDATE \"%w\" SET \"%w\" = ?1", table, column);
        rc = sql ? sqlite3_prepare_v2(db, sql, -1, &s, NULL) : SQLITE_NOMEM;
    }
    if (rc == SQLITE_OK) {
        switch (kind) {
        case DBM_NULL:
            sqlite3_bind_null(s, 1);
            break;
        case DBM_MINUS_ONE:
            sqlite3_bind_int64(s, 1, -1);
            break;
        case DBM_INT32_MAX:
            sqlite3_bind_int64(s, 1, 2147483647);
            break;
        case DBM_INT64_MAX:
            sqlite3_bind_int64(s, 1, 9223372036854775807LL);
            break;
        case DBM_EMPTY:
            sqlite3_bind_text(s, 1, "", 0, SQLITE_STATIC);
            break;
        case DBM_INT:
            sqlite3_bind_int64(s, 1, ival);
            break;
        default:
            sqlite3_bind_text(s, 1, text, (int)tlen, SQLITE_TRANSIENT);
        }
        if (sqlite3_step(s) == SQLITE_DONE && sqlite3_changes(db) > 0)
            changed = 0;
    }
    sqlite3_finalize(s);
    sqlite3_free(sql);
    sqlite3_free(where);
    sqlite3_close(db);
    return changed;
}

/* A module from a snapshot has text wherever the module format requires
 * it (a placeholder for what is missing). */
static void dbm_check_module(const struct pbl_module *m)
{
    CHECK(m->id && m->title && m->scenario, "a snapshot lacks id/title/text");
    for (size_t q = 0; q < m->nquestions; q++) {
        CHECK(m->questions[q].prompt && m->questions[q].answer,
              "question %zu lacks its prompt or answer", q + 1);
        for (size_t k = 0; k < m->questions[q].points.n; k++)
            CHECK(m->questions[q].points.v[k], "a NULL key point");
    }
    CHECK(m->video.minutes >= 0, "negative video minutes %d", m->video.minutes);
}

/* How many module rows session `uuid` has, by plain SQL. */
static size_t dbm_count_modules(struct pbl_store *st, const char *uuid)
{
    sqlite3_stmt *s = NULL;
    size_t n = 0;
    if (sqlite3_prepare_v2(store_db(st),
                           "SELECT count(*) FROM session_modules m JOIN"
                           " sessions s ON s.id = m.session_id"
                           " WHERE s.uuid = ?1",
                           -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, uuid, -1, SQLITE_STATIC);
        if (sqlite3_step(s) == SQLITE_ROW)
            n = (size_t)sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
    return n;
}

/* What `pbl resume` reads of one session: every module it lists. */
static void dbm_read_session(struct pbl_store *st, const char *uuid, FILE *sink)
{
    struct store_session s;
    if (store_get_session(st, uuid, &s) == STORE_OK) {
        CHECK(s.modpos >= -1, "position %d", s.modpos);
        CHECK(s.module_ids.n == dbm_count_modules(st, uuid),
              "%zu of the session's modules listed", s.module_ids.n);
        for (size_t p = 0; p < s.module_ids.n; p++) {
            struct pbl_module *m = NULL;
            if (store_load_snapshot(st, uuid, (int)p, &m) != STORE_OK)
                continue;
            dbm_check_module(m);
            for (size_t q = 0; q < m->nquestions; q++) {
                struct store_response r;
                if (store_get_response(st, uuid, (int)p, (int)q, &r) ==
                    STORE_OK)
                    store_response_free(&r);
            }
            module_free(m);
        }
        struct store_park_list open;
        if (store_list_open_park_items(st, s.group_name ? s.group_name : "",
                                       &open) == STORE_OK)
            store_park_list_free(&open);
        store_session_free(&s);
    }
    int pos = 0;
    char stage[STORE_STAGE_MAX];
    if (store_get_session_position(st, uuid, &pos, stage) == STORE_OK)
        CHECK(pos >= 0, "resume position %d", pos);
    struct store_stage_list sl;
    if (store_list_stages(st, uuid, &sl) == STORE_OK)
        store_stage_list_free(&sl);
    struct store_park_list pl;
    if (store_list_park_items(st, uuid, &pl) == STORE_OK)
        store_park_list_free(&pl);
    struct store_event_list el;
    if (store_list_events(st, uuid, &el) == STORE_OK)
        store_event_list_free(&el);
    char *err = NULL;
    struct pbl_session *run = NULL;
    if (session_resume(st, uuid, &run, &err) == 0) {
        /* every stage, as the console would step through them */
        for (size_t i = 0; i < session_nstages(run); i++) {
            session_goto(run, i);
            struct session_stage g = session_stage(run);
            if (g.modpos >= 0)
                CHECK(session_module(run, g.modpos), "stage %zu has no module",
                      i);
        }
        session_free(run);
    } else {
        CHECK(err && *err, "resume failed without a message");
    }
    free(err);
    err = NULL;
    if (review_write(st, uuid, sink, &err) != 0)
        CHECK(err && *err, "review failed without a message");
    free(err);
}

/* Runs every reader on the database at `path`, writing to `sink`. */
static void dbm_run_readers(const char *path, FILE *sink)
{
    struct pbl_store *st = NULL;
    char *err = NULL;
    if (store_open(path, 0, &st, &err) != STORE_OK) {
        CHECK(err && *err, "open failed without a message");
        free(err);
        return;
    }
    struct store_session_list l;
    if (store_list_sessions(st, STORE_LIST_ALL, &l) == STORE_OK) {
        for (size_t i = 0; i < l.n; i++) {
            CHECK(l.v[i].modpos >= -1, "listed position %d", l.v[i].modpos);
            dbm_read_session(st, l.v[i].uuid, sink);
        }
        store_session_list_free(&l);
    }
    for (int f = 0; f < 4; f++) {
        struct export_opts eo = {.format = (enum export_format)f};
        eo.sel.all = true;
        err = NULL;
        int rc = export_sessions(st, &eo, sink, &err);
        CHECK(rc == EXPORT_OK || rc == EXPORT_EMPTY || (err && *err),
              "export %d failed without a message", f);
        free(err);
        struct report_opts ro = {.format = (enum report_format)f};
        err = NULL;
        rc = report_write(st, &ro, sink, &err);
        CHECK(rc == EXPORT_OK || rc == EXPORT_EMPTY || (err && *err),
              "report %d failed without a message", f);
        free(err);
    }
    /* the HTML report, with every part (--by month) */
    struct report_opts rh = {.format = REPORT_HTML, .by = "month"};
    err = NULL;
    int rch = report_write(st, &rh, sink, &err);
    CHECK(rch == EXPORT_OK || rch == EXPORT_EMPTY || (err && *err),
          "the HTML report failed without a message");
    free(err);
    store_close(st);
}

#endif
