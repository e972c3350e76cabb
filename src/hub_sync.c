/* hub_sync.c - `pbl sync`: pull (hub_pull.c), then push.
 *
 * Push: in one transaction, the local rows this login may write go
 * through COPY into temporary tables, then into the hub: rows the hub
 * lacks are added, rows the local side wrote later (the same rule as a
 * merge, sync_rule_newer()) replace the hub's. Killed at any moment, a
 * push leaves the hub as it was, and a pull the local store; running
 * sync again finishes the work, adding nothing twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_impl.h"

/* The hub's key of each table (what a row is matched by). */
static const char *const keys[SYNC_TABLES] = {
    [SYNC_T_SESSIONS] = "uuid",
    [SYNC_T_MODULES] = "session_uuid, position",
    [SYNC_T_QUESTIONS] = "session_uuid, position, idx",
    [SYNC_T_POINTS] = "session_uuid, position, qidx, idx",
    [SYNC_T_RESPONSES] = "session_uuid, modpos, qidx",
    [SYNC_T_STAGES] = "uuid",
    [SYNC_T_PARKING] = "uuid",
    [SYNC_T_EVENTS] = "uuid",
    [SYNC_T_COMMENTS] = "uuid",
    [SYNC_T_ATTENDANCE] = "session_uuid, resident_uuid",
    [SYNC_T_SPEAKERS] = "session_uuid, modpos, qidx, resident_uuid",
    [SYNC_T_RESIDENTS] = "uuid",
    [SYNC_T_NAMES] = "resident_uuid, name_key",
    [SYNC_T_ROSTER_EVENTS] = "uuid",
};

/* The parent a row of each table needs on the hub before it is added
 * (x: the row), or NULL. */
static const char *const parents[SYNC_TABLES] = {
    [SYNC_T_NAMES] = "EXISTS (SELECT 1 FROM pbl.residents r"
                     " WHERE r.uuid = x.resident_uuid)",
    [SYNC_T_ROSTER_EVENTS] = "EXISTS (SELECT 1 FROM pbl.residents r"
                             " WHERE r.uuid = x.resident_uuid)",
};
#define SESSION_PARENT                                                         \
    "EXISTS (SELECT 1 FROM pbl.sessions s WHERE s.uuid = x.session_uuid)"

/* What a row of each table counts as in a tally. */
static const int kinds[SYNC_TABLES] = {
    [SYNC_T_SESSIONS] = SYNC_SESSIONS, [SYNC_T_MODULES] = SYNC_MODULES,
    [SYNC_T_QUESTIONS] = SYNC_NKINDS,  [SYNC_T_POINTS] = SYNC_NKINDS,
    [SYNC_T_RESPONSES] = SYNC_ANSWERS, [SYNC_T_STAGES] = SYNC_STAGES,
    [SYNC_T_PARKING] = SYNC_PARKING,   [SYNC_T_EVENTS] = SYNC_EVENTS,
    [SYNC_T_COMMENTS] = SYNC_COMMENTS, [SYNC_T_ATTENDANCE] = SYNC_ATTENDANCE,
    [SYNC_T_SPEAKERS] = SYNC_SPEAKERS, [SYNC_T_RESIDENTS] = SYNC_RESIDENTS,
    [SYNC_T_NAMES] = SYNC_NAMES,       [SYNC_T_ROSTER_EVENTS] = SYNC_EVENTS,
};

/* Writes "a.x = b.x AND ..." for each column of list (", "-separated). */
static void put_pairs(FILE *f, const char *list, const char *a, const char *b,
                      const char *sep)
{
    const char *p = list;
    int first = 1;
    while (*p) {
        size_t n = strcspn(p, ",");
        while (*p == ' ')
            p++, n--;
        fprintf(f, "%s%s.%.*s = %s.%.*s", first ? "" : sep, a, (int)n, p, b,
                (int)n, p);
        first = 0;
        p += n;
        if (*p == ',')
            p++;
    }
}

/* Whether column `col` is one of list's. */
static int in_list(const char *list, const char *col, size_t n)
{
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t m = strcspn(p, ",");
        if (m == n && strncmp(p, col, n) == 0)
            return 1;
        p += m;
    }
    return 0;
}

/* Writes "x = s.x, ..." for the columns of cols that are not in key
 * (nor a response's uuid, which stays the hub's). */
static void put_set(FILE *f, const char *cols, const char *key)
{
    const char *p = cols;
    int first = 1;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t n = strcspn(p, ",");
        if (!in_list(key, p, n) && !(n == 4 && strncmp(p, "uuid", 4) == 0)) {
            fprintf(f, "%s%.*s = x.%.*s", first ? "" : ", ", (int)n, p, (int)n,
                    p);
            first = 0;
        }
        p += n;
    }
}

/* A COPY text-format field: backslash, tab, newline and return escaped,
 * NULL as \N. Runs of plain text are written whole (a character at a
 * time was most of a push's own time). */
static void put_field(FILE *f, const char *v)
{
    if (!v) {
        fputs("\\N", f);
        return;
    }
    while (*v) {
        size_t n = strcspn(v, "\\\t\n\r");
        fwrite(v, 1, n, f);
        v += n;
        if (!*v)
            break;
        const char *esc = *v == '\\'   ? "\\\\"
                          : *v == '\t' ? "\\t"
                          : *v == '\n' ? "\\n"
                                       : "\\r";
        fputs(esc, f);
        v++;
    }
}

struct copy_out {
    struct pbl_hub *h;
    char *buf;
    size_t len;
    FILE *f;
    long rows;
    int failed;
};

/* Sends what is buffered to the COPY in progress. */
static int copy_flush(struct copy_out *c)
{
    fflush(c->f);
    if (c->len && PQputCopyData(c->h->conn, c->buf, (int)c->len) != 1)
        return -1;
    rewind(c->f);
    c->len = 0;
    return 0;
}

/* sync_row_fn: one row into the COPY, in batches of about 256 KiB. */
static int copy_row(void *ctx, int n, const char *const *vals)
{
    struct copy_out *c = ctx;
    for (int i = 0; i < n; i++) {
        if (i)
            fputc('\t', c->f);
        put_field(c->f, vals[i]);
    }
    fputc('\n', c->f);
    c->rows++;
    fflush(c->f);
    if (c->len > 256 * 1024 && copy_flush(c) != 0) {
        c->failed = 1;
        return -1;
    }
    return 0;
}

/* The local rows of one table, for hub_copy_in. */
struct table_rows {
    struct pbl_store *st;
    enum sync_table t;
};
static int local_rows(void *arg, sync_row_fn fn, void *ctx)
{
    struct table_rows *r = arg;
    return store_sync_rows(r->st, r->t, fn, ctx);
}

/* See hub_impl.h. */
int hub_copy_in(struct pbl_hub *h, struct pbl_store *st, const char *sql,
                int (*produce)(void *, sync_row_fn, void *), void *arg,
                long *rows, char *err, size_t errsz)
{
    if (hub_exec(h, sql, PGRES_COPY_IN, "cannot push", err, errsz) != 0)
        return -1;
    struct copy_out c = {.h = h};
    c.f = open_memstream(&c.buf, &c.len);
    int rc = c.f ? produce(arg, copy_row, &c) : STORE_ERROR;
    if (rc == STORE_OK && copy_flush(&c) != 0)
        c.failed = 1;
    if (c.f)
        fclose(c.f);
    free(c.buf);
    PQputCopyEnd(h->conn, rc == STORE_OK && !c.failed ? NULL : "stopped");
    if (rows)
        *rows = c.rows;
    PGresult *r = PQgetResult(h->conn);
    int bad = PQresultStatus(r) != PGRES_COMMAND_OK;
    if (rc != STORE_OK)
        snprintf(err, errsz, "%s", store_error(st));
    else if (bad)
        hub_fail(h, r, "cannot push", err, errsz);
    PQclear(r);
    while ((r = PQgetResult(h->conn)))
        PQclear(r);
    return rc != STORE_OK || bad ? -1 : 0;
}

/* Runs a statement built in f (closed here); *count gets the rows it
 * changed. */
static int run_built(struct pbl_hub *h, FILE *f, char **buf, long *count,
                     const char *what, char *err, size_t errsz)
{
    if (fclose(f) != 0 || !*buf) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    PGresult *r = PQexec(h->conn, *buf);
    free(*buf);
    *buf = NULL;
    int rc = 0;
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = hub_fail(h, r, what, err, errsz);
    else if (count)
        *count += atol(PQcmdTuples(r));
    PQclear(r);
    return rc;
}

/* One table pushed: the hub's table, its columns in row order, its key,
 * the local rows, whether rows the hub lacks are added, the rule under
 * which a row replaces the hub's (or NULL), and what a row counts as. */
struct push_spec {
    const char *name, *cols, *key;
    int (*produce)(void *, sync_row_fn, void *);
    void *arg;
    int add;
    const char *newer;
    int kind;
    const char *only; /* a condition on the added rows x, or NULL */
};

/* Pushes one table's local rows in scope: COPY into a temporary table,
 * then the rows the hub lacks are added (when add: a child only under a
 * session the hub has) and the ones written later here replace the
 * hub's. */
static int push_rows(struct pbl_hub *h, struct pbl_store *st,
                     const struct push_spec *p, const char *parent,
                     struct sync_tally *tally, char *err, size_t errsz)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "CREATE TEMP TABLE x_%s (LIKE pbl.%s INCLUDING DEFAULTS)"
             " ON COMMIT DROP;"
             "COPY x_%s (%s) FROM STDIN",
             p->name, p->name, p->name, p->cols);
    long staged = 0;
    if (hub_copy_in(h, st, sql, p->produce, p->arg, &staged, err, errsz) != 0)
        return -1;
    /* the planner's numbers for what came, or it guesses a join badly */
    snprintf(sql, sizeof sql, "ANALYZE x_%s", p->name);
    if (hub_exec(h, sql, PGRES_COMMAND_OK, "cannot push", err, errsz) != 0)
        return -1;
    char *buf;
    size_t len;
    FILE *f;
    long n = 0;
    if (p->add) {
        if (!(f = open_memstream(&buf, &len)))
            return -1;
        fprintf(f, "INSERT INTO pbl.%s (%s) SELECT %s FROM x_%s x WHERE",
                p->name, p->cols, p->cols, p->name);
        if (parent)
            fprintf(f, " %s AND", parent);
        if (p->only)
            fprintf(f, " (%s) AND", p->only);
        /* a row the hub has is kept; pushes take turns (push()), so the
         * anti-join sees every row but a session this login may not see
         * (its facilitator renamed): ON CONFLICT keeps that one, and
         * costs a third of a large table's insert, so only there */
        fprintf(f, " NOT EXISTS (SELECT 1 FROM pbl.%s t WHERE ", p->name);
        put_pairs(f, p->key, "t", "x", " AND ");
        fputs(parent ? ")" : ") ON CONFLICT DO NOTHING", f);
        if (run_built(h, f, &buf, &n, "cannot push", err, errsz) != 0)
            return -1;
        if (p->kind < SYNC_NKINDS)
            tally->added[p->kind] += n;
    }
    if (!p->newer || (p->add && n == staged))
        return 0; /* every row was new: none to replace */
    if (!(f = open_memstream(&buf, &len)))
        return -1;
    fprintf(f, "UPDATE pbl.%s t SET ", p->name);
    put_set(f, p->cols, p->key);
    fprintf(f, " FROM x_%s x WHERE ", p->name);
    put_pairs(f, p->key, "t", "x", " AND ");
    fputs(" AND ", f);
    sync_put_rule(f, p->newer, "x", "t");
    return run_built(h, f, &buf, &tally->updated, "cannot push", err, errsz);
}

/* Pushes table t's local rows in scope (push_rows); only: see
 * push_spec. */
static int push_table(struct pbl_hub *h, struct pbl_store *st,
                      enum sync_table t, int add, const char *only,
                      struct sync_tally *tally, char *err, size_t errsz)
{
    struct table_rows rows = {st, t};
    struct push_spec p = {.name = sync_table_name(t),
                          .cols = sync_table_columns(t),
                          .key = keys[t],
                          .produce = local_rows,
                          .arg = &rows,
                          .add = add,
                          .newer = sync_rule_newer(t),
                          .kind = kinds[t],
                          .only = only};
    const char *parent = parents[t];
    if (!parent && t != SYNC_T_SESSIONS && !SYNC_T_ROSTER(t))
        parent = SESSION_PARENT;
    return push_rows(h, st, &p, parent, tally, err, errsz);
}

/* The local rows of one snapshot part, for hub_copy_in. */
struct snapshot_rows {
    struct pbl_store *st;
    enum sync_snapshot_part p;
};
static int local_snapshots(void *arg, sync_row_fn fn, void *ctx)
{
    struct snapshot_rows *r = arg;
    return store_sync_snapshots(r->st, r->p, fn, ctx);
}

/* Pushes the module snapshots of the sessions in scope, each content
 * hash once (the hub keeps what it has: a snapshot never changes), then
 * every session's modules naming theirs. */
static int push_snapshots(struct pbl_hub *h, struct pbl_store *st,
                          struct sync_tally *tally, char *err, size_t errsz)
{
    static const char *const snap_keys[SYNC_SNAP_PARTS] = {
        [SYNC_SNAP_MODULES] = "hash",
        [SYNC_SNAP_QUESTIONS] = "hash, idx",
        [SYNC_SNAP_POINTS] = "hash, qidx, idx",
        [SYNC_SNAP_REFS] = "session_uuid, position",
    };
    for (int k = 0; k < SYNC_SNAP_PARTS; k++) {
        enum sync_snapshot_part part = (enum sync_snapshot_part)k;
        struct snapshot_rows rows = {st, part};
        struct push_spec p = {.name = sync_snapshot_table(part),
                              .cols = sync_snapshot_columns(part),
                              .key = snap_keys[k],
                              .produce = local_snapshots,
                              .arg = &rows,
                              .add = 1,
                              .kind = part == SYNC_SNAP_REFS ? SYNC_MODULES
                                                             : SYNC_NKINDS};
        if (push_rows(h, st, &p, part == SYNC_SNAP_REFS ? SESSION_PARENT : NULL,
                      tally, err, errsz))
            return -1;
    }
    return 0;
}

/* This login's role and name (pbl.whoami()); role "" for a login that
 * was not granted one (the hub's owner: every record). */
static int whoami(struct pbl_hub *h, char *role, char *name, size_t n,
                  char *err, size_t errsz)
{
    PGresult *r = PQexec(h->conn, "SELECT role, name FROM pbl.whoami()");
    int rc = 0;
    *role = *name = '\0';
    if (PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = hub_fail(h, r, "cannot ask the hub who this is", err, errsz);
    else if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0)) {
        snprintf(role, n, "%s", PQgetvalue(r, 0, 0));
        snprintf(name, n, "%s", PQgetvalue(r, 0, 1));
    }
    PQclear(r);
    return rc;
}

/* Deletes on the hub the sessions of the local tombstones written since
 * mark `since`, in the push's transaction: only those this login may
 * delete (the sessions' policies) are, and each one's tombstone is
 * recorded from the hub's own row, so that its kind and owner are true. */
static int push_deleted(struct pbl_hub *h, struct pbl_store *st,
                        long long since, struct sync_tally *t, char *err,
                        size_t errsz)
{
    struct hub_marked rows = {st, since, store_sync_deleted};
    if (hub_copy_in(h, st,
                    "CREATE TEMP TABLE x_deleted(uuid text PRIMARY KEY,"
                    " deleted_at text) ON COMMIT DROP;"
                    "COPY x_deleted FROM STDIN",
                    hub_marked_rows, &rows, NULL, err, errsz) != 0)
        return -1;
    char *buf;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return -1;
    fputs("WITH gone AS (DELETE FROM pbl.sessions s USING x_deleted x"
          " WHERE s.uuid = x.uuid RETURNING s.uuid, x.deleted_at, s.kind,"
          " s.facilitator, s.resident) INSERT INTO pbl.deleted_sessions"
          " (uuid, deleted_at, kind, facilitator, resident)"
          " SELECT * FROM gone ON CONFLICT DO NOTHING",
          f);
    return run_built(h, f, &buf, &t->deleted, "cannot push", err, errsz);
}

/* The push: every table a facilitator, resident or the owner writes; a
 * director's review comments, parking-lot resolutions and the
 * sync-conflict events its merges logged (so that its sessions compare
 * equal with the hub's, and are not pulled again). The roster's residents
 * that differ, by anyone but a resident (who only reads their own). */
static int push(struct pbl_hub *h, struct pbl_store *st, const char *role,
                const char *name, long long since, struct sync_tally *t,
                char *err, size_t errsz)
{
    struct sync_scope scope = {SYNC_SCOPE_ALL, name};
    if (strcmp(role, "facilitator") == 0)
        scope.kind = SYNC_SCOPE_GROUP;
    else if (strcmp(role, "resident") == 0)
        scope.kind = SYNC_SCOPE_STUDY;
    int director = strcmp(role, "director") == 0;
    long n = 0, nr = 0, nd = 0;
    /* a director's deletions stay on the director's machine */
    if (store_sync_want(st, true, &scope, &n) != STORE_OK ||
        (scope.kind != SYNC_SCOPE_STUDY &&
         store_sync_roster_want(st, true, &nr) != STORE_OK) ||
        (!director && store_sync_deleted_count(st, since, &nd) != STORE_OK)) {
        snprintf(err, errsz, "%s", store_error(st));
        return -1;
    }
    if (n == 0 && nr == 0 && nd == 0) /* the hub has all of it */
        return 0;
    /* one push at a time on the hub: each adds what the hub lacks */
    if (hub_exec(h, "BEGIN", PGRES_COMMAND_OK, "cannot push", err, errsz) ||
        hub_exec(h, "SELECT pg_advisory_xact_lock(7007016)", PGRES_TUPLES_OK,
                 "cannot push", err, errsz) ||
        /* ANALYZE of a staged table is for its row count (push_rows):
         * a sample of 300 rows tells it, 30,000 took a tenth of a push */
        hub_exec(h,
                 "SET LOCAL default_statistics_target = 1;"
                 "SET LOCAL jit = off",
                 PGRES_COMMAND_OK, "cannot push", err, errsz) ||
        (nd && push_deleted(h, st, since, t, err, errsz) != 0)) {
        PQclear(PQexec(h->conn, "ROLLBACK"));
        return -1;
    }
    for (int i = 0; i < SYNC_TABLES; i++) {
        enum sync_table k = hub_sync_order[i];
        if (SYNC_T_ROSTER(k) ? nr == 0 : n == 0)
            continue;
        if (director && !SYNC_T_ROSTER(k) && k != SYNC_T_PARKING &&
            k != SYNC_T_COMMENTS && k != SYNC_T_EVENTS)
            continue;
        if (k == SYNC_T_QUESTIONS || k == SYNC_T_POINTS)
            continue; /* with the modules, by content hash */
        if (scope.kind == SYNC_SCOPE_STUDY &&
            (k == SYNC_T_ATTENDANCE || k == SYNC_T_SPEAKERS))
            continue; /* a group session's, which a resident cannot write */
        int add = !director || k != SYNC_T_PARKING;
        const char *only =
            director && k == SYNC_T_EVENTS ? "x.type = 'sync-conflict'" : NULL;
        hub_progress(h, "pushing", i, SYNC_TABLES);
        if ((k == SYNC_T_MODULES
                 ? push_snapshots(h, st, t, err, errsz)
                 : push_table(h, st, k, add, only, t, err, errsz)) != 0) {
            PQclear(PQexec(h->conn, "ROLLBACK"));
            return -1;
        }
    }
    return hub_exec(h, "COMMIT", PGRES_COMMAND_OK, "cannot push", err, errsz);
}

/* The setting that keeps the marks of this store's last sync with this
 * hub (its hub_id) as this person (role and name): a hub made again, or
 * a login bound to another name, starts from every session. */
static int marks_key(struct pbl_hub *h, const char *role, const char *name,
                     char *key, size_t n, char *err, size_t errsz)
{
    PGresult *r =
        PQexec(h->conn, "SELECT value FROM pbl.meta WHERE key = 'hub_id'");
    int ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    if (ok)
        snprintf(key, n, "hub.marks:%s:%s:%s", PQgetvalue(r, 0, 0), role, name);
    else
        hub_fail(h, r, "cannot read the hub's identity", err, errsz);
    PQclear(r);
    return ok ? 0 : -1;
}

/* The marks of the last sync kept under key, or both -1 (compare every
 * session) when there are none, full asks for it, or they are damaged. */
static struct sync_marks read_marks(struct pbl_store *st, const char *key,
                                    bool full)
{
    struct sync_marks m = {-1, -1};
    char *v = NULL;
    if (!full && store_get_setting(st, key, &v) == STORE_OK && v &&
        sscanf(v, "%lld %lld", &m.local, &m.hub) != 2)
        m.local = m.hub = -1;
    free(v);
    return m;
}

/* See hub.h. The marks are kept only once the push committed: a sync cut
 * off anywhere compares from the older marks again. */
int hub_sync(struct pbl_hub *h, struct pbl_store *st, bool full,
             struct sync_tally *pulled, struct sync_tally *pushed, char *err,
             size_t errsz)
{
    memset(pulled, 0, sizeof *pulled);
    memset(pushed, 0, sizeof *pushed);
    char role[64], name[256], key[512];
    if (hub_check_version(h, err, errsz) != 0 ||
        whoami(h, role, name, sizeof name, err, errsz) != 0 ||
        marks_key(h, role, name, key, sizeof key, err, errsz) != 0)
        return -1;
    struct sync_marks m = read_marks(st, key, full);
    long long local_now = 0, hub_now = 0;
    if (store_sync_mark(st, &local_now) != STORE_OK) {
        snprintf(err, errsz, "%s", store_error(st));
        return -1;
    }
    if (hub_pull(h, st, &m, &hub_now, pulled, err, errsz) != 0)
        return -1;
    if ((sync_tally_total(pulled) || pulled->conflicts) &&
        store_sync_digest_local(st, m.local) != STORE_OK) { /* the merge
                                                                changed it */
        snprintf(err, errsz, "%s", store_error(st));
        return -1;
    }
    if (push(h, st, role, name, m.local, pushed, err, errsz) != 0)
        return -1;
    char v[64];
    snprintf(v, sizeof v, "%lld %lld", local_now, hub_now);
    store_set_setting(st, key, v); /* else the next sync compares more */
    return 0;
}
