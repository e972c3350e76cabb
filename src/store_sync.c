/* store_sync.c - the merge rules of sync.h, as SQL run over a database
 * attached as "src" that has this pbl's schema: a laptop's file (`pbl
 * merge`) or the hub's rows staged by `pbl sync`.
 *
 * Each table has one rule (rules[] below): how a source row is matched
 * to a local one, which parent map turns its parent's row id into the
 * local one, when a source row replaces the local one (the later write)
 * and, for records a person edits, what the loser of a conflict was. The
 * rules' conditions are written with $W (the winning row) and $L (the
 * other one), so that the same text serves both directions of the
 * conflict log and the update (where $W is s, the source, and $L is d,
 * the local row). All of it runs in one transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pbl/clock.h"
#include "pbl/sync.h"
#include "store_impl.h"

struct sync_rule {
    int kind;           /* enum sync_kind, or SYNC_NKINDS: not counted */
    const char *table;  /* the table, the same in main and src */
    const char *fk;     /* the column holding the parent's row id */
    const char *parent; /* the temp map (src -> dst) of that parent */
    const char *match;  /* local row d is source row s (m: parent's map) */
    const char *add_if; /* a source row is added only when this holds */
    const char *map;    /* the temp map of this table to make, or NULL */
    const char *map_if; /* ...of the matched rows that also meet this */
    const char *xcol;   /* a column whose value is computed: */
    const char *xval;   /* ...this expression over s */
    const char *newer;  /* $W replaces $L when this holds */
    const char *set;    /* ...with these assignments (from $W) */
    const char *differ; /* conflict log: $W and $L differ, */
    const char *wrote;  /* ...$L was a write after the record was made */
    const char *lost;   /* ...and json_object() arguments describing $L */
    const char *log;    /* the log the loser goes to (NULL: events), */
    const char *log_fk; /* ...its column naming the record's owner, */
    const char *log_of; /* ...given by this expression over d */
};

#define SESSION_OF "JOIN temp.sync_map_sessions m ON m.src = s.session_id"
/* the local row of source session id X */
#define LOCAL_SESSION(x)                                                       \
    "(SELECT dst FROM temp.sync_map_sessions WHERE src = " x ")"

/* the local resident of source resident id X (NULL: none) */
#define RESIDENT_OF(x)                                                         \
    "(SELECT dst FROM temp.sync_map_residents WHERE src = " x ")"

static const struct sync_rule rules[] = {
    /* the roster first: sessions, attendance and speakers name their
     * residents through its map. One person is one UUID (derived from
     * the name first added, so the same name added on two machines
     * agrees); a resident of another UUID but this roster's current name
     * is that person too. Name, class, email and retirement are one
     * write: the later change wins whole, the other kept in the
     * resident's own log (roster_events; the sessions' log needs a
     * session), and a rename whose name another resident holds here
     * keeps this name. */
    {.kind = SYNC_RESIDENTS,
     .table = "residents",
     .match = "(d.uuid = s.uuid OR (d.name_key = s.name_key AND NOT EXISTS"
              " (SELECT 1 FROM main.residents u WHERE u.uuid = s.uuid)))",
     .map = "sync_map_residents",
     /* a tie (the same name added on two machines at once, spelled
      * apart): the name that sorts first, so that both sides agree */
     .newer = "($W.changed_at > $L.changed_at OR ($W.changed_at ="
              " $L.changed_at AND $W.name < $L.name))",
     .set = "name = CASE WHEN EXISTS (SELECT 1 FROM main.residents o"
            " WHERE o.name_key = $W.name_key AND o.id <> d.id) THEN d.name"
            " ELSE $W.name END, name_key = CASE WHEN EXISTS (SELECT 1"
            " FROM main.residents o WHERE o.name_key = $W.name_key"
            " AND o.id <> d.id) THEN d.name_key ELSE $W.name_key END,"
            " class = $W.class, email = $W.email, active = $W.active,"
            " retired_at = $W.retired_at, changed_at = $W.changed_at",
     .differ = "($W.name IS NOT $L.name OR $W.class IS NOT $L.class"
               " OR $W.email IS NOT $L.email OR $W.active IS NOT $L.active)",
     .wrote = "$L.changed_at IS NOT $L.added_at",
     .lost = "'name', $L.name, 'class', $L.class, 'email', $L.email,"
             " 'active', $L.active, 'changed_at', $L.changed_at",
     .log = "roster_events",
     .log_fk = "resident_id",
     .log_of = "d.id"},
    /* former names and the roster's log: a union */
    {.kind = SYNC_NAMES,
     .table = "resident_names",
     .fk = "resident_id",
     .parent = "sync_map_residents",
     .match = "d.resident_id = m.dst AND d.name_key = s.name_key"},
    {.kind = SYNC_EVENTS,
     .table = "roster_events",
     .fk = "resident_id",
     .parent = "sync_map_residents",
     .match = "d.uuid = s.uuid"},
    {.kind = SYNC_SESSIONS,
     .table = "sessions",
     .match = "d.uuid = s.uuid",
     /* a session deleted on either side stays deleted (bury_deleted) */
     .add_if = "NOT EXISTS (SELECT 1 FROM main.deleted_sessions x"
               " WHERE x.uuid = s.uuid)",
     .map = "sync_map_sessions",
     /* a self-study session's roster resident: the same person here */
     .xcol = "resident_id",
     .xval = RESIDENT_OF("s.resident_id"),
     .newer = "$L.status = 'active' AND $W.status <> 'active'",
     .set = "status = $W.status, ended_at = $W.ended_at"},
    {.kind = SYNC_MODULES,
     .table = "session_modules",
     .fk = "session_id",
     .parent = "sync_map_sessions",
     .match = "d.session_id = m.dst AND d.position = s.position",
     .map = "sync_map_modules",
     .map_if = "d.hash = s.hash"},
    {.kind = SYNC_NKINDS,
     .table = "snapshot_questions",
     .fk = "session_module_id",
     .parent = "sync_map_modules",
     .match = "d.session_module_id = m.dst AND d.idx = s.idx",
     .map = "sync_map_questions"},
    {.kind = SYNC_NKINDS,
     .table = "snapshot_points",
     .fk = "question_id",
     .parent = "sync_map_questions",
     .match = "d.question_id = m.dst AND d.idx = s.idx"},
    {.kind = SYNC_ANSWERS,
     .table = "responses",
     .fk = "session_id",
     .parent = "sync_map_sessions",
     .match = "d.session_id = m.dst AND d.modpos = s.modpos"
              " AND d.qidx = s.qidx",
     /* only answers to a snapshot both sides agree on */
     .add_if = "EXISTS (SELECT 1 FROM src.session_modules x"
               " JOIN temp.sync_map_modules y ON y.src = x.id"
               " WHERE x.session_id = s.session_id AND x.position = s.modpos)",
     .newer = "$W.updated_at > $L.updated_at",
     .set = "text = $W.text, skills = $W.skills, points = $W.points,"
            " revealed_at = $W.revealed_at, rating = $W.rating,"
            " gave_up = $W.gave_up, draft = $W.draft,"
            " draft_saved_at = $W.draft_saved_at,"
            " updated_at = $W.updated_at, customers = $W.customers,"
            " revealed_text = $W.revealed_text"},
    {.kind = SYNC_STAGES,
     .table = "stage_timings",
     .fk = "session_id",
     .parent = "sync_map_sessions",
     .match = "d.uuid = s.uuid",
     .newer = "$L.left_at IS NULL AND $W.left_at IS NOT NULL",
     .set = "left_at = $W.left_at, seen_at = $W.seen_at"},
    {.kind = SYNC_PARKING,
     .table = "parking",
     .fk = "session_id",
     .parent = "sync_map_sessions",
     .match = "d.uuid = s.uuid",
     .xcol = "resolved_session_id",
     .xval = LOCAL_SESSION("s.resolved_session_id"),
     .newer = "$W.changed_at > $L.changed_at",
     .set = "resolved_at = $W.resolved_at, changed_at = $W.changed_at,"
            " resolved_session_id = " LOCAL_SESSION("$W.resolved_session_id"),
     .differ = "$W.resolved_at IS NOT $L.resolved_at",
     .wrote = "$L.changed_at IS NOT $L.raised_at",
     .lost = "'resolved_at', $L.resolved_at, 'changed_at', $L.changed_at"},
    {.kind = SYNC_EVENTS,
     .table = "events",
     .fk = "session_id",
     .parent = "sync_map_sessions",
     .match = "d.uuid = s.uuid"},
    {.kind = SYNC_COMMENTS,
     .table = "review_comments",
     .fk = "session_id",
     .parent = "sync_map_sessions",
     .match = "d.uuid = s.uuid",
     .newer = "$W.updated_at > $L.updated_at",
     .set = "text = $W.text, updated_at = $W.updated_at",
     .differ = "$W.text IS NOT $L.text",
     .wrote = "$L.updated_at IS NOT $L.created_at",
     .lost = "'text', $L.text, 'updated_at', $L.updated_at"},
    /* who attended, by session and person: the later joining or leaving
     * wins whole (joined_at, left_at), a leaving on a tie */
    {.kind = SYNC_ATTENDANCE,
     .table = "attendance",
     .fk = "session_id",
     .parent = "sync_map_sessions",
     .match = "d.session_id = m.dst"
              " AND d.resident_id = " RESIDENT_OF("s.resident_id"),
     .add_if = RESIDENT_OF("s.resident_id") " IS NOT NULL",
     .xcol = "resident_id",
     .xval = RESIDENT_OF("s.resident_id"),
     .newer = "($W.changed_at > $L.changed_at OR ($W.changed_at ="
              " $L.changed_at AND coalesce($W.left_at, '') >"
              " coalesce($L.left_at, '')))",
     .set = "joined_at = $W.joined_at, left_at = $W.left_at,"
            " changed_at = $W.changed_at"},
    /* who spoke to a question: a mark is turned off, never deleted, so
     * the later change wins (an unmarking on a tie) and a copy that
     * still has the mark cannot bring it back */
    {.kind = SYNC_SPEAKERS,
     .table = "speakers",
     .fk = "session_id",
     .parent = "sync_map_sessions",
     .match = "d.session_id = m.dst AND d.modpos = s.modpos"
              " AND d.qidx = s.qidx"
              " AND d.resident_id = " RESIDENT_OF("s.resident_id"),
     .add_if = RESIDENT_OF("s.resident_id") " IS NOT NULL",
     .xcol = "resident_id",
     .xval = RESIDENT_OF("s.resident_id"),
     .newer = "($W.changed_at > $L.changed_at OR ($W.changed_at ="
              " $L.changed_at AND $W.spoke < $L.spoke))",
     .set = "spoke = $W.spoke, changed_at = $W.changed_at"},
};
#define NRULES (sizeof rules / sizeof rules[0])

/* See sync.h. */
const char *sync_rule_newer(enum sync_table t)
{
    const char *name = sync_table_name(t);
    for (size_t i = 0; i < NRULES; i++)
        if (strcmp(rules[i].table, name) == 0)
            return rules[i].newer;
    return NULL;
}

/* See sync.h. */
void sync_put_rule(FILE *f, const char *text, const char *w, const char *l)
{
    for (const char *p = text; *p; p++) {
        if (p[0] == '$' && (p[1] == 'W' || p[1] == 'L')) {
            fputs(p[1] == 'W' ? w : l, f);
            p++;
        } else {
            fputc(*p, f);
        }
    }
}

/* Runs one statement built in a memory stream (closed here); *changes
 * (when not NULL) gets the rows it changed. now is bound to ?1 when the
 * statement has it. */
static int run_built(struct pbl_store *st, FILE *f, char **buf, const char *now,
                     long *changes)
{
    if (fclose(f) != 0 || !*buf)
        return store_failv(st, STORE_ERROR, "out of memory");
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, *buf, -1, &s, NULL);
    if (rc == SQLITE_OK && sqlite3_bind_parameter_count(s) > 0)
        store_bind_str(s, 1, now);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc != SQLITE_DONE)
        store_note_sql(st, rc);
    sqlite3_finalize(s);
    free(*buf);
    *buf = NULL;
    if (rc != SQLITE_DONE)
        return store_fail(st, "cannot merge");
    if (changes)
        *changes += sqlite3_changes(st->db);
    return STORE_OK;
}

/* A stream to build a statement in; NULL when out of memory. */
static FILE *build(char **buf, size_t *len)
{
    *buf = NULL;
    return open_memstream(buf, len);
}

/* The columns of r's table other than the row id, its parent column and
 * its computed one: as "a, b" (cols) and "s.a, s.b" (scols). */
static int rule_columns(struct pbl_store *st, const struct sync_rule *r,
                        char **cols, char **scols)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(
        st->db,
        "SELECT group_concat(name, ', '), group_concat('s.' || name, ', ')"
        " FROM pragma_table_info(?1, 'main')"
        " WHERE name NOT IN ('id', ?2, ?3)",
        -1, &s, NULL);
    if (rc == SQLITE_OK) {
        store_bind_str(s, 1, r->table);
        store_bind_str(s, 2, r->fk ? r->fk : "");
        store_bind_str(s, 3, r->xcol ? r->xcol : "");
        rc = sqlite3_step(s);
    }
    *cols = *scols = NULL;
    if (rc == SQLITE_ROW && sqlite3_column_text(s, 0)) {
        *cols = strdup((const char *)sqlite3_column_text(s, 0));
        *scols = strdup((const char *)sqlite3_column_text(s, 1));
    } else if (rc != SQLITE_ROW) {
        store_note_sql(st, rc);
    }
    sqlite3_finalize(s);
    if (*cols && *scols)
        return STORE_OK;
    free(*cols);
    free(*scols);
    return rc == SQLITE_ROW
               ? store_failv(st, STORE_ERROR, "out of memory")
               : store_fail(st, "cannot read the columns of %s", r->table);
}

/* " JOIN temp.<parent> m ON m.src = s.<fk>", when r has a parent. */
static void put_parent(FILE *f, const struct sync_rule *r)
{
    if (r->fk)
        fprintf(f, " JOIN temp.%s m ON m.src = s.%s", r->parent, r->fk);
}

/* Adds the source rows of r's table that this database lacks, then
 * makes r's map of matched rows. */
static int add_rows(struct pbl_store *st, const struct sync_rule *r,
                    struct sync_tally *t)
{
    char *cols, *scols, *buf;
    size_t len;
    if (rule_columns(st, r, &cols, &scols) != STORE_OK)
        return STORE_ERROR;
    FILE *f = build(&buf, &len);
    int rc = f ? STORE_OK : store_failv(st, STORE_ERROR, "out of memory");
    long added = 0;
    if (rc == STORE_OK) {
        fprintf(
            f,
            "INSERT INTO main.%s(%s%s%s%s%s) SELECT %s%s%s%s%s FROM src.%s s",
            r->table, r->fk ? r->fk : "", r->fk ? ", " : "",
            r->xcol ? r->xcol : "", r->xcol ? ", " : "", cols,
            r->fk ? "m.dst" : "", r->fk ? ", " : "", r->xval ? r->xval : "",
            r->xval ? ", " : "", scols, r->table);
        put_parent(f, r);
        fprintf(f, " WHERE NOT EXISTS (SELECT 1 FROM main.%s d WHERE %s)",
                r->table, r->match);
        if (r->add_if)
            fprintf(f, " AND %s", r->add_if);
        rc = run_built(st, f, &buf, NULL, &added);
    }
    free(cols);
    free(scols);
    if (rc == STORE_OK && r->kind < SYNC_NKINDS)
        t->added[r->kind] += added;
    if (rc != STORE_OK || !r->map)
        return rc;
    if (!(f = build(&buf, &len)))
        return store_failv(st, STORE_ERROR, "out of memory");
    fprintf(f,
            "CREATE TEMP TABLE IF NOT EXISTS %s("
            "src INTEGER PRIMARY KEY, dst INTEGER NOT NULL);"
            "DELETE FROM temp.%s;",
            r->map, r->map);
    if (fclose(f) != 0 || !buf)
        return store_failv(st, STORE_ERROR, "out of memory");
    rc = sqlite3_exec(st->db, buf, NULL, NULL, NULL);
    free(buf);
    if (rc != SQLITE_OK) {
        store_note_sql(st, rc);
        return store_fail(st, "cannot merge");
    }
    if (!(f = build(&buf, &len)))
        return store_failv(st, STORE_ERROR, "out of memory");
    fprintf(f, "INSERT INTO temp.%s(src, dst) SELECT s.id, d.id FROM src.%s s",
            r->map, r->table);
    put_parent(f, r);
    fprintf(f, " JOIN main.%s d ON %s%s%s", r->table, r->match,
            r->map_if ? " AND " : "", r->map_if ? r->map_if : "");
    return run_built(st, f, &buf, NULL, NULL);
}

/* Logs the losing side of each conflict of r's table in the event log
 * (once: an identical entry is not written again); w and l are the
 * aliases of the winner and the loser ("s" source, "d" local). */
static int log_losers(struct pbl_store *st, const struct sync_rule *r,
                      const char *now, const char *w, const char *l,
                      struct sync_tally *t)
{
    char *buf;
    size_t len;
    FILE *f = build(&buf, &len);
    if (!f)
        return store_failv(st, STORE_ERROR, "out of memory");
    const char *log = r->log ? r->log : "events";
    fprintf(f,
            "INSERT INTO main.%s(%s, at, type, detail)"
            " SELECT sid, ?1, 'sync-conflict', detail FROM (SELECT"
            " %s AS sid, json_object('record', '%s', 'uuid',"
            " d.uuid, 'lost', json_object(",
            log, r->log ? r->log_fk : "session_id",
            r->log ? r->log_of : "d.session_id", r->table);
    sync_put_rule(f, r->lost, w, l);
    fprintf(f, ")) AS detail FROM src.%s s JOIN main.%s d ON %s WHERE ",
            r->table, r->table, r->match);
    sync_put_rule(f, r->differ, w, l);
    fputs(" AND ", f);
    sync_put_rule(f, r->wrote, w, l);
    fputs(" AND ", f);
    sync_put_rule(f, r->newer, w, l);
    fprintf(f,
            ") x WHERE NOT EXISTS (SELECT 1 FROM main.%s e"
            " WHERE e.type = 'sync-conflict' AND e.detail = x.detail)",
            log);
    return run_built(st, f, &buf, now, &t->conflicts);
}

/* Replaces local rows of r's table by the source's later writes. */
static int take_newer(struct pbl_store *st, const struct sync_rule *r,
                      struct sync_tally *t)
{
    char *buf;
    size_t len;
    FILE *f = build(&buf, &len);
    if (!f)
        return store_failv(st, STORE_ERROR, "out of memory");
    fprintf(f, "UPDATE main.%s AS d SET ", r->table);
    sync_put_rule(f, r->set, "s", "d");
    fprintf(f, " FROM src.%s AS s", r->table);
    put_parent(f, r);
    fprintf(f, " WHERE %s AND ", r->match);
    sync_put_rule(f, r->newer, "s", "d");
    return run_built(st, f, &buf, NULL, &t->updated);
}

/* The union of both sides' tombstones (schema 13), then deletes the
 * local sessions they name (their records cascade): a deletion wins over
 * any write to that session on another machine. Counted in t->deleted. */
static int bury_deleted(struct pbl_store *st, struct sync_tally *t)
{
    int rc = sqlite3_exec(
        st->db,
        "INSERT OR IGNORE INTO main.deleted_sessions(uuid, deleted_at, kind,"
        " facilitator, resident) SELECT uuid, deleted_at, kind, facilitator,"
        " resident FROM src.deleted_sessions;"
        "DELETE FROM main.sessions WHERE uuid IN"
        " (SELECT uuid FROM main.deleted_sessions)",
        NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        store_note_sql(st, rc);
        return store_fail(st, "cannot merge the deleted sessions");
    }
    t->deleted += sqlite3_changes(st->db);
    return STORE_OK;
}

/* Merges the attached database "src" into main by the rules, inside the
 * caller's transaction. */
static int merge_attached(struct pbl_store *st, struct sync_tally *t)
{
    char now[CLOCK_ISO_LEN + 1];
    clock_now_iso(now);
    memset(t, 0, sizeof *t);
    if (bury_deleted(st, t) != STORE_OK)
        return STORE_ERROR;
    for (size_t i = 0; i < NRULES; i++)
        if (add_rows(st, &rules[i], t) != STORE_OK)
            return STORE_ERROR;
    for (size_t i = 0; i < NRULES; i++) {
        const struct sync_rule *r = &rules[i];
        if (r->lost && (log_losers(st, r, now, "s", "d", t) != STORE_OK ||
                        log_losers(st, r, now, "d", "s", t) != STORE_OK))
            return STORE_ERROR;
        if (r->newer && take_newer(st, r, t) != STORE_OK)
            return STORE_ERROR;
    }
    return STORE_OK;
}

/* Drops the temp maps (they live as long as the connection). */
static void drop_maps(struct pbl_store *st)
{
    for (size_t i = 0; i < NRULES; i++) {
        if (!rules[i].map)
            continue;
        char sql[96];
        snprintf(sql, sizeof sql, "DROP TABLE IF EXISTS temp.%s", rules[i].map);
        sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    }
}

/* Attaches the pbl database at `copy` (of this schema) as "src", merges
 * it in one transaction and detaches it. */
static int merge_copy(struct pbl_store *st, const char *copy,
                      struct sync_tally *t)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, "ATTACH ?1 AS src", -1, &s, NULL);
    if (rc == SQLITE_OK) {
        store_bind_str(s, 1, copy);
        rc = sqlite3_step(s);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        store_note_sql(st, rc);
        return store_fail(st, "cannot read the copy of the other database");
    }
    /* a merge's inserts touch every index of the tables, which SQLite's
     * 2 MB page cache keeps reading and writing again (64 MB while
     * merging: 100,000 answers, 9.0 s -> 8.3 s) */
    sqlite3_exec(st->db, "PRAGMA main.cache_size = -65536", NULL, NULL, NULL);
    int r = store_begin(st, "merge");
    if (r == STORE_OK && merge_attached(st, t) != STORE_OK) {
        store_rollback(st);
        r = STORE_ERROR;
    } else if (r == STORE_OK) {
        r = store_commit(st, "merge");
    }
    drop_maps(st);
    sqlite3_exec(st->db, "DETACH src", NULL, NULL, NULL);
    sqlite3_exec(st->db, "PRAGMA main.cache_size = -2000", NULL, NULL, NULL);
    return r;
}

/* A consistent copy of the pbl database at `path` in a new folder,
 * upgraded to this schema: *copy and *dir (the caller removes both), or
 * STORE_ERROR with the reason in st. */
static int upgraded_copy(struct pbl_store *st, const char *path, char **copy,
                         char **dir)
{
    struct pbl_store *src = NULL;
    char *err = NULL;
    *copy = *dir = NULL;
    if (store_open(path, STORE_READONLY, &src, &err) != STORE_OK) {
        store_failv(st, STORE_ERROR, "cannot merge: %s", err ? err : path);
        free(err);
        return STORE_ERROR;
    }
    sqlite3_stmt *s = NULL;
    int v = -1;
    if (sqlite3_prepare_v2(store_db(src), "PRAGMA user_version", -1, &s,
                           NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    int rc = STORE_OK;
    if (v > STORE_SCHEMA_VERSION)
        rc = store_failv(st, STORE_ERROR,
                         "cannot merge %s: it was written by a newer pbl "
                         "(schema %d; this one knows %d); upgrade pbl first",
                         path, v, STORE_SCHEMA_VERSION);
    const char *tmp = getenv("TMPDIR");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/pbl-merge-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    if (rc == STORE_OK && !mkdtemp(tmpl))
        rc = store_failv(st, STORE_ERROR, "cannot merge: no temporary folder");
    if (rc == STORE_OK) {
        *dir = strdup(tmpl);
        size_t n = strlen(tmpl) + 16;
        *copy = malloc(n);
        if (!*dir || !*copy)
            rc = store_failv(st, STORE_ERROR, "out of memory");
        else
            snprintf(*copy, n, "%s/copy.db", tmpl);
    }
    if (rc == STORE_OK && store_backup(src, *copy) != STORE_OK)
        rc = store_failv(st, STORE_ERROR, "cannot merge: %s", store_error(src));
    store_close(src);
    if (rc == STORE_OK && v < STORE_SCHEMA_VERSION) {
        sqlite3 *db = NULL;
        if (sqlite3_open(*copy, &db) != SQLITE_OK ||
            store_migrate_to(db, STORE_SCHEMA_VERSION, &err) != STORE_OK)
            rc = store_failv(st, STORE_ERROR, "cannot upgrade a copy of %s: %s",
                             path, err ? err : "cannot open it");
        free(err);
        sqlite3_close(db);
    }
    return rc;
}

/* See sync.h. */
int store_merge_file(struct pbl_store *st, const char *path,
                     struct sync_tally *t)
{
    char *copy, *dir;
    memset(t, 0, sizeof *t);
    sync_sweep_temp();
    int rc = upgraded_copy(st, path, &copy, &dir);
    if (rc == STORE_OK)
        rc = merge_copy(st, copy, t);
    if (copy)
        unlink(copy);
    if (dir)
        rmdir(dir);
    free(copy);
    free(dir);
    return rc;
}
