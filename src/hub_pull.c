/* hub_pull.c - the pull half of `pbl sync` (hub_sync.c has the push and
 * the whole): in one read-only REPEATABLE READ transaction (one snapshot
 * of the hub), the hub's digest of each session and resident this login
 * sees is compared with the local one, and the rows of those that
 * differ (row-level security chooses what is visible) come through
 * COPY ... TO STDOUT into a staging pbl database, which store_sync.c
 * then merges into the local one by the rules of sync.h, in one local
 * transaction: conflicts are decided and logged there. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_impl.h"

/* The order tables are pushed and pulled in: the roster first (sessions,
 * attendance and speakers name its residents), then each session's
 * records, a parent before its children. */
const enum sync_table hub_sync_order[SYNC_TABLES] = {
    SYNC_T_RESIDENTS,  SYNC_T_NAMES,     SYNC_T_ROSTER_EVENTS, SYNC_T_SESSIONS,
    SYNC_T_MODULES,    SYNC_T_QUESTIONS, SYNC_T_POINTS,        SYNC_T_RESPONSES,
    SYNC_T_STAGES,     SYNC_T_PARKING,   SYNC_T_EVENTS,        SYNC_T_COMMENTS,
    SYNC_T_ATTENDANCE, SYNC_T_SPEAKERS};

/* The UUIDs of the sessions chosen, for hub_copy_in. */
static int wanted_rows(void *arg, sync_row_fn fn, void *ctx)
{
    return store_sync_wanted(arg, fn, ctx);
}

/* The character COPY's text format writes as backslash + c (\b \f \n
 * \r \t \v; \\ and any other c stand for c itself). */
static char unescaped(char c)
{
    switch (c) {
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case 'v':
        return '\v';
    default:
        return c;
    }
}

/* Undoes COPY's text-format escapes of one field, in place. */
static void unescape(char *v)
{
    char *w = v;
    for (char *p = v; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *w++ = unescaped(*p);
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
}

/* Splits a COPY text-format line into its fields in place (a raw tab
 * only ever separates two; \N is NULL); returns their number. */
static int split_line(char *line, char **vals, int max)
{
    line[strcspn(line, "\n")] = '\0';
    int n = 0;
    for (char *p = line; n < max;) {
        char *tab = strchr(p, '\t');
        if (tab)
            *tab = '\0';
        vals[n++] = strcmp(p, "\\N") == 0 ? NULL : p;
        if (vals[n - 1])
            unescape(p);
        if (!tab)
            break;
        p = tab + 1;
    }
    return n;
}

/* Pulls table t's visible rows into the staging database. */
static int pull_table(struct pbl_hub *h, struct sync_stage *g,
                      enum sync_table t, char *err, size_t errsz)
{
    /* a session's snapshots are read through its modules' hashes */
    static const char *const joined[SYNC_TABLES] = {
        [SYNC_T_MODULES] = " JOIN pbl.snapshots USING (hash)",
        [SYNC_T_QUESTIONS] = " JOIN pbl.snapshot_questions USING (hash)",
        [SYNC_T_POINTS] = " JOIN pbl.snapshot_points USING (hash)",
    };
    char sql[1024];
    snprintf(sql, sizeof sql,
             "COPY (SELECT %s FROM pbl.%s%s WHERE %s IN"
             " (SELECT uuid FROM %s)) TO STDOUT",
             sync_table_columns(t),
             joined[t] ? "session_modules" : sync_table_name(t),
             joined[t] ? joined[t] : "",
             t == SYNC_T_SESSIONS || t == SYNC_T_RESIDENTS ? "uuid"
             : SYNC_T_ROSTER(t)                            ? "resident_uuid"
                                                           : "session_uuid",
             SYNC_T_ROSTER(t) ? "pbl_roster_want" : "pbl_want");
    if (hub_exec(h, sql, PGRES_COPY_OUT, "cannot pull", err, errsz) != 0)
        return -1;
    char *line;
    int len, rc = 0;
    int n = sync_table_ncolumns(t);
    while ((len = PQgetCopyData(h->conn, &line, 0)) > 0) {
        char *vals[32];
        if (rc == 0 &&
            (split_line(line, vals, 32) != n ||
             store_stage_row(g, t, n, (const char *const *)vals) != STORE_OK)) {
            snprintf(err, errsz, "cannot pull: %s", store_stage_error(g));
            rc = -1;
        }
        PQfreemem(line);
    }
    PGresult *r = PQgetResult(h->conn);
    if (rc == 0 && (len == -2 || PQresultStatus(r) != PGRES_COMMAND_OK))
        rc = hub_fail(h, r, "cannot pull", err, errsz);
    PQclear(r);
    while ((r = PQgetResult(h->conn)))
        PQclear(r);
    return rc;
}

/* The hub's digest of each session this login sees that was written
 * since rev $1 or is one of the local sessions written since the local
 * mark (pbl_mine): the same text as store_sync_rows.c's LOCAL_DIGEST.
 * Each session's records are counted through their indexes (LATERAL),
 * so the cost is the sessions asked about, not the hub's size. */
#define HUB_DIGEST                                                             \
    "SELECT s.uuid, s.status || '|' || coalesce(s.ended_at, '') || '|' ||"     \
    " m.n || '|' || r.n || '/' || coalesce(r.mx, '') || '|' || t.n || '/' ||"  \
    " t.c || '|' || p.n || '/' || coalesce(p.mx, '') || '|' || e.n || '|' ||"  \
    " c.n || '/' || coalesce(c.mx, '') || '|' || a.n || '/' || a.l || '/' ||"  \
    " coalesce(a.mx, '') || '|' || k.n || '/' || k.o || '/' ||"                \
    " coalesce(k.mx, '')"                                                      \
    " FROM pbl.sessions s,"                                                    \
    " LATERAL (SELECT count(*) n FROM pbl.session_modules x"                   \
    " WHERE x.session_uuid = s.uuid) m,"                                       \
    " LATERAL (SELECT count(*) n, max(updated_at) mx FROM pbl.responses x"     \
    " WHERE x.session_uuid = s.uuid) r,"                                       \
    " LATERAL (SELECT count(*) n, count(left_at) c FROM pbl.stage_timings x"   \
    " WHERE x.session_uuid = s.uuid) t,"                                       \
    " LATERAL (SELECT count(*) n, max(changed_at) mx FROM pbl.parking x"       \
    " WHERE x.session_uuid = s.uuid) p,"                                       \
    " LATERAL (SELECT count(*) n FROM pbl.events x"                            \
    " WHERE x.session_uuid = s.uuid) e,"                                       \
    " LATERAL (SELECT count(*) n, max(updated_at) mx"                          \
    " FROM pbl.review_comments x WHERE x.session_uuid = s.uuid) c,"            \
    " LATERAL (SELECT count(*) n, count(left_at) l, max(changed_at) mx"        \
    " FROM pbl.attendance x WHERE x.session_uuid = s.uuid) a,"                 \
    " LATERAL (SELECT count(*) n, coalesce(sum(spoke), 0) o,"                  \
    " max(changed_at) mx FROM pbl.speakers x"                                  \
    " WHERE x.session_uuid = s.uuid) k"                                        \
    " WHERE s.rev > $1::bigint OR s.uuid IN (SELECT uuid FROM pbl_mine)"

/* The hub's digest of each resident this login sees (the same text as
 * store_sync_roster.c's ROSTER_LOCAL). */
#define HUB_ROSTER_DIGEST                                                      \
    "SELECT r.uuid, coalesce(r.changed_at, '') || '|' || r.name || '|' ||"     \
    " coalesce(n.n, 0) || '|' || coalesce(e.n, 0) FROM pbl.residents r"        \
    " LEFT JOIN (SELECT resident_uuid, count(*) n FROM pbl.resident_names"     \
    " GROUP BY 1) n ON n.resident_uuid = r.uuid"                               \
    " LEFT JOIN (SELECT resident_uuid, count(*) n FROM pbl.roster_events"      \
    " GROUP BY 1) e ON e.resident_uuid = r.uuid"

/* Reads the digests sql returns (uuid, digest; its $1 is param, when
 * not NULL) into the store's comparison through add. */
static int read_digest_rows(struct pbl_hub *h, struct pbl_store *st,
                            const char *sql, const char *param,
                            int (*add)(struct pbl_store *, const char *,
                                       const char *),
                            char *err, size_t errsz)
{
    PGresult *r =
        PQexecParams(h->conn, sql, param ? 1 : 0, NULL, &param, NULL, NULL, 0);
    int rc = 0;
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = hub_fail(h, r, "cannot compare with the hub", err, errsz);
    for (int i = 0; rc == 0 && i < PQntuples(r); i++)
        if (add(st, PQgetvalue(r, i, 0), PQgetvalue(r, i, 1)) != STORE_OK) {
            snprintf(err, errsz, "%s", store_error(st));
            rc = -1;
        }
    PQclear(r);
    return rc;
}

/* Reads the hub's digests of the sessions written since rev `since` (and
 * of pbl_mine's), and of every resident the login sees, into the store's
 * comparison. */
static int read_digests(struct pbl_hub *h, struct pbl_store *st,
                        long long since, char *err, size_t errsz)
{
    if (store_sync_digest_reset(st) != STORE_OK) {
        snprintf(err, errsz, "%s", store_error(st));
        return -1;
    }
    char rev[32];
    snprintf(rev, sizeof rev, "%lld", since);
    if (read_digest_rows(h, st, HUB_DIGEST, rev, store_sync_digest_add, err,
                         errsz) != 0)
        return -1;
    return read_digest_rows(h, st, HUB_ROSTER_DIGEST, NULL,
                            store_sync_roster_digest_add, err, errsz);
}

/* The UUIDs of the residents chosen, for hub_copy_in. */
static int wanted_residents(void *arg, sync_row_fn fn, void *ctx)
{
    return store_sync_roster_wanted(arg, fn, ctx);
}

/* On the hub, in the pull's transaction: the sessions chosen (pbl_want)
 * and the residents chosen (pbl_roster_want), with every resident those
 * sessions name (their attendance, speakers and self-study), so that the
 * staging database knows whom they name. */
static int send_wanted(struct pbl_hub *h, struct pbl_store *st, char *err,
                       size_t errsz)
{
    if (hub_copy_in(h, st,
                    "CREATE TEMP TABLE pbl_want(uuid text PRIMARY KEY)"
                    " ON COMMIT DROP; COPY pbl_want FROM STDIN",
                    wanted_rows, st, NULL, err, errsz) != 0 ||
        hub_copy_in(h, st,
                    "CREATE TEMP TABLE pbl_roster_want(uuid text PRIMARY KEY)"
                    " ON COMMIT DROP; COPY pbl_roster_want FROM STDIN",
                    wanted_residents, st, NULL, err, errsz) != 0)
        return -1;
    return hub_exec(h,
                    "INSERT INTO pbl_roster_want SELECT resident_uuid"
                    " FROM pbl.attendance WHERE session_uuid IN (SELECT uuid"
                    " FROM pbl_want) UNION SELECT resident_uuid"
                    " FROM pbl.sessions WHERE uuid IN (SELECT uuid FROM"
                    " pbl_want) AND resident_uuid IS NOT NULL"
                    " ON CONFLICT DO NOTHING",
                    PGRES_COMMAND_OK, "cannot pull", err, errsz);
}

/* See hub_impl.h. */
int hub_marked_rows(void *arg, sync_row_fn fn, void *ctx)
{
    struct hub_marked *c = arg;
    return c->rows(c->st, c->since, fn, ctx);
}

/* One integer from a query of one row and column; -1 when it failed. */
static long long query_int(struct pbl_hub *h, const char *sql, char *err,
                           size_t errsz)
{
    PGresult *r = PQexec(h->conn, sql);
    long long v = -1;
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
        hub_fail(h, r, "cannot compare with the hub", err, errsz);
    else
        v = atoll(PQgetvalue(r, 0, 0));
    PQclear(r);
    return v;
}

/* The comparison, in the pull's snapshot: the hub's rev now (*hub_now),
 * then the digests of what either side wrote since the marks m (both
 * -1 for every session; set so when the hub's revs went back, a hub
 * restored from a backup), and the local digests to compare them with. */
static int compare(struct pbl_hub *h, struct pbl_store *st,
                   struct sync_marks *m, long long *hub_now, char *err,
                   size_t errsz)
{
    /* a tombstone's rev too: deleting the session that held the
     * highest must not look like a hub restored from a backup */
    *hub_now = query_int(h,
                         "SELECT greatest(coalesce(max(rev), 0), (SELECT"
                         " coalesce(max(rev), 0) FROM pbl.deleted_sessions))"
                         " FROM pbl.sessions",
                         err, errsz);
    if (*hub_now < 0)
        return -1;
    if (*hub_now < m->hub)
        m->hub = m->local = -1;
    struct hub_marked mine = {st, m->hub < 0 ? LLONG_MAX : m->local,
                              store_sync_changed};
    if (hub_copy_in(h, st,
                    "CREATE TEMP TABLE pbl_mine(uuid text PRIMARY KEY)"
                    " ON COMMIT DROP; COPY pbl_mine FROM STDIN",
                    hub_marked_rows, &mine, NULL, err, errsz) != 0 ||
        read_digests(h, st, m->hub, err, errsz) != 0)
        return -1;
    if (store_sync_digest_local(st, m->local) != STORE_OK) {
        snprintf(err, errsz, "%s", store_error(st));
        return -1;
    }
    return 0;
}

/* The hub's tombstones (hub schema 7) this login sees with a rev above
 * `since` (all when -1), in *out (the caller clears it). */
static int read_deleted(struct pbl_hub *h, long long since, PGresult **out,
                        char *err, size_t errsz)
{
    char sql[192];
    snprintf(sql, sizeof sql,
             "SELECT uuid, deleted_at, kind, facilitator, resident"
             " FROM pbl.deleted_sessions WHERE rev > %lld",
             since);
    *out = PQexec(h->conn, sql);
    if (PQresultStatus(*out) == PGRES_TUPLES_OK)
        return 0;
    hub_fail(h, *out, "cannot pull the deleted sessions", err, errsz);
    PQclear(*out);
    *out = NULL;
    return -1;
}

/* Stages the tombstones r holds. */
static int stage_deleted(struct sync_stage *g, PGresult *r, char *err,
                         size_t errsz)
{
    for (int i = 0; i < PQntuples(r); i++) {
        const char *vals[5];
        for (int k = 0; k < 5; k++)
            vals[k] = PQgetisnull(r, i, k) ? NULL : PQgetvalue(r, i, k);
        if (store_stage_deleted(g, vals) != STORE_OK) {
            snprintf(err, errsz, "cannot pull: %s", store_stage_error(g));
            return -1;
        }
    }
    return 0;
}

/* The pull: in one snapshot of the hub, the digests compared, then the
 * sessions that differ staged; merged after. The digests stay for the
 * push to compare with. */
int hub_pull(struct pbl_hub *h, struct pbl_store *st, struct sync_marks *m,
             long long *hub_now, struct sync_tally *t, char *err, size_t errsz)
{
    struct sync_scope all = {SYNC_SCOPE_ALL, NULL};
    long n = 0, nr = 0;
    /* no JIT: compiling a query took half a second, where running the
     * sync's queries takes milliseconds */
    if (hub_exec(h, "BEGIN ISOLATION LEVEL REPEATABLE READ", PGRES_COMMAND_OK,
                 "cannot pull", err, errsz) ||
        hub_exec(h, "SET LOCAL jit = off", PGRES_COMMAND_OK, "cannot pull", err,
                 errsz) ||
        compare(h, st, m, hub_now, err, errsz) != 0)
        goto fail;
    if (store_sync_want(st, false, &all, &n) != STORE_OK ||
        store_sync_roster_want(st, false, &nr) != STORE_OK) {
        snprintf(err, errsz, "%s", store_error(st));
        goto fail;
    }
    PGresult *gone = NULL;
    if (read_deleted(h, m->hub, &gone, err, errsz) != 0)
        goto fail;
    if (n == 0 && nr == 0 && PQntuples(gone) == 0) { /* nothing new */
        PQclear(gone);
        return hub_exec(h, "COMMIT", PGRES_COMMAND_OK, "cannot pull", err,
                        errsz);
    }
    struct sync_stage *g = store_stage_open(err, errsz);
    if (!g) {
        PQclear(gone);
        goto fail;
    }
    int rc = stage_deleted(g, gone, err, errsz);
    PQclear(gone);
    if (rc == 0)
        rc = send_wanted(h, st, err, errsz);
    for (int i = 0; rc == 0 && i < SYNC_TABLES; i++) {
        hub_progress(h, "pulling", i, SYNC_TABLES);
        rc = pull_table(h, g, hub_sync_order[i], err, errsz);
    }
    hub_progress(h, "merging", SYNC_TABLES, SYNC_TABLES);
    PQclear(PQexec(h->conn, rc == 0 ? "COMMIT" : "ROLLBACK"));
    if (rc == 0 && store_stage_merge(st, g, t) != STORE_OK) {
        snprintf(err, errsz, "%s", store_error(st));
        rc = -1;
    }
    store_stage_free(g);
    return rc;
fail:
    PQclear(PQexec(h->conn, "ROLLBACK"));
    return -1;
}
