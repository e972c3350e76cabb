/* store_report.c - the skill report's queries (see store_report.h): the
 * module discussions of the selection, gathered once into a TEMP table,
 * and one query a part of the report, read as rows of cells bound by
 * column name. */
#include <stdlib.h>
#include <string.h>

#include "export_impl.h"
#include "pbl/report.h"
#include "pbl/store_report.h"

struct store_report {
    struct ex_sel r;
    bool tx; /* a transaction of ours to end */
};

/* The module discussions of the selection, one row each, with the
 * skills named in it and who held it (the group, or the resident in
 * self-study; fkey, its pbl_fold() key, groups the names that differ only
 * in spaces or case, shown as spelled in the first session; sid). A module
 * counts only once a question of it was reached (EX_REACHED): a session
 * stopped at module 2's video, or an empty attempt, did not discuss module
 * 2. Made once per report into a TEMP table (the connection's own temporary
 * schema; the database is only read), since five parts of the report read
 * it. */
#define DISC "temp.pbl_report_disc"

static const char sql_disc[] =
    "CREATE TEMP TABLE pbl_report_disc AS " EX_CTE
    " SELECT m.id AS id, m.session_id AS sid, m.module_id AS module_id,"
    " m.skills AS tgt,"
    " coalesce(max(r.skills & 1) | max(r.skills & 2) | max(r.skills & 4)"
    " | max(r.skills & 8) | max(r.skills & 16), 0) AS nmd,"
    " CASE s.kind WHEN 'group' THEN 'group' ELSE 'resident' END AS kind,"
    " CASE s.kind WHEN 'group' THEN s.group_name ELSE s.resident END AS who,"
    " pbl_fold(CASE s.kind WHEN 'group' THEN s.group_name"
    " ELSE s.resident END) AS fkey"
    " FROM modsel m JOIN sessions s ON s.id = m.session_id"
    " LEFT JOIN responses r ON r.session_id = m.session_id"
    " AND r.modpos = m.position GROUP BY m.id"
    " HAVING max(" EX_REACHED("r") ")";

/* Per group of discussions d: for each skill bit b, tB (a target), nB
 * (named) and mB (a target not named); PICK turns them into the column
 * of skill k. */
#define SUM3(b)                                                                \
    " sum((d.tgt & " #b ") != 0) AS t" #b ","                                  \
    " sum((d.nmd & " #b ") != 0) AS n" #b ","                                  \
    " sum((d.tgt & " #b ") != 0 AND (d.nmd & " #b ") = 0) AS m" #b
#define SUMS SUM3(1) "," SUM3(2) "," SUM3(4) "," SUM3(8) "," SUM3(16)
#define PICK(x)                                                                \
    "coalesce(CASE k.bit WHEN 1 THEN " x "1 WHEN 2 THEN " x "2"                \
    " WHEN 4 THEN " x "4 WHEN 8 THEN " x "8 ELSE " x "16 END, 0)"
#define COUNTS                                                                 \
    PICK("a.t")                                                                \
    " AS target, " PICK("a.n") " AS named, " PICK("a.m") " AS missed"

/* The sessions counted (those with a module discussed), and the ones
 * left out: selected but with no question reached, or matching every
 * filter but --status (by status: "1 abandoned, 2 active"). */
static const char sql_summary[] =
    EX_CTE ", ss AS (SELECT s.started_at AS started,"
           " EXISTS (SELECT 1 FROM " DISC " d WHERE d.sid = s.id) AS counted"
           " FROM sessions s WHERE" EX_IS_SELECTED "),"
           " st AS (SELECT s.status AS status, count(*) AS n FROM sessions s"
           " WHERE" EX_SESSION_FILTER_BUT_STATUS " AND NOT" EX_STATUS_FILTER
           " GROUP BY s.status ORDER BY s.status)"
           " SELECT sessions, discussions, first AS first_session,"
           " last AS last_session, empty AS left_out_nothing_reached,"
           " by_status AS left_out_by_status, statuses AS left_out_statuses,"
           " json_object('sessions', sessions,"
           " 'discussions', discussions, 'first_session', first,"
           " 'last_session', last, 'left_out_nothing_reached', empty,"
           " 'left_out_by_status', by_status, 'left_out_statuses', statuses)"
           " AS json"
           " FROM (SELECT coalesce(sum(counted), 0) AS sessions,"
           " (SELECT count(*) FROM " DISC ") AS discussions,"
           " substr(min(CASE WHEN counted THEN started END), 1, 10) AS first,"
           " substr(max(CASE WHEN counted THEN started END), 1, 10) AS last,"
           " coalesce(sum(NOT counted), 0) AS empty,"
           " (SELECT coalesce(sum(n), 0) FROM st) AS by_status,"
           " (SELECT group_concat(n || ' ' || status, ', ') FROM st)"
           " AS statuses FROM ss)";

static const char sql_skills[] =
    "WITH " EX_SKILLS ", a AS (SELECT" SUMS " FROM " DISC " d)"
    " SELECT k.name AS skill, " COUNTS ", json_object('skill', k.name,"
    " 'target', " PICK("a.t") ", 'named', " PICK(
        "a.n") ","
               " 'missed', " PICK(
                   "a.m") ") AS json FROM skill k JOIN a ORDER BY k.bit";

static const char sql_by_module[] =
    "WITH " EX_SKILLS ", a AS (SELECT d.module_id AS module,"
    " count(*) AS discussions," SUMS " FROM " DISC " d"
    " GROUP BY d.module_id)"
    " SELECT module, discussions, skill, target, named, missed,"
    " json_object('module', module, 'discussions', discussions,"
    " 'skill', skill, 'target', target, 'named', named,"
    " 'missed', missed) AS json FROM (SELECT a.module, a.discussions, k.bit,"
    " k.name AS skill, " COUNTS " FROM a JOIN skill k)"
    " WHERE target > 0 OR named > 0 ORDER BY module, bit";

static const char sql_by_group[] =
    "WITH " EX_SKILLS ", a AS (SELECT d.kind AS kind, d.who AS who,"
    " min(d.sid) AS first, count(*) AS discussions," SUMS " FROM " DISC " d"
    " GROUP BY d.kind, d.fkey)"
    " SELECT kind, who AS name, discussions, skill, target, named, missed,"
    " json_object('kind', kind, 'name', who,"
    " 'discussions', discussions, 'skill', skill, 'target', target,"
    " 'named', named, 'missed', missed) AS json FROM (SELECT a.kind, a.who,"
    " a.discussions, k.bit, k.name AS skill, " COUNTS " FROM a JOIN skill k)"
    " WHERE target > 0 OR named > 0 ORDER BY kind, who, bit";

#define STR_(x) #x
#define STR(x) STR_(x)

/* Key points missed, over the questions reached (EX_REACHED): the
 * responses are first counted by the points they ticked (few distinct
 * values), then set against the points of one snapshot of the same
 * module text. A point is its module, question, position and text. */
static const char sql_points[] = EX_CTE
    ", byq AS (SELECT m.module_id AS module, r.qidx AS qidx,"
    " r.points AS points, count(*) AS cnt, min(q.id) AS qid"
    " FROM modsel m JOIN responses r ON r.session_id = m.session_id"
    " AND r.modpos = m.position AND " EX_REACHED(
        "r") " JOIN snapshot_questions q"
             " ON q.session_module_id = m.id AND q.idx = r.qidx"
             " GROUP BY m.module_id, m.hash, r.qidx, r.points)"
             " SELECT missed, discussed, module, 'Q' || qnum AS question,"
             " point AS key_point,"
             " json_object('module', module, 'question', qnum,"
             " 'key_point', point, 'missed', missed, 'discussed', discussed)"
             " AS json"
             " FROM (SELECT b.module AS module, b.qidx + 1 AS qnum,"
             " p.idx AS pidx, p.text AS point, sum(b.cnt) AS discussed,"
             " sum(b.cnt * (((b.points >> p.idx) & 1) = 0)) AS missed"
             " FROM byq b JOIN snapshot_points p ON p.question_id = b.qid"
             " GROUP BY b.module, b.qidx, p.idx, p.text HAVING missed > 0)"
             " ORDER BY missed DESC, module, qnum, pidx"
             " LIMIT " STR(REPORT_TOP_POINTS);

static const char sql_stages[] = EX_CTE
    ", st AS (SELECT t.session_id, t.modpos, t.stage,"
    " sum(" EX_SECS(
        "t") ") AS secs, max(t.planned_minutes) AS planned"
             " FROM stage_timings t JOIN sessions s ON s.id = t.session_id"
             " WHERE" EX_IS_SELECTED
             " AND (t.stage = 'summary' OR EXISTS (SELECT 1 FROM modsel m"
             " WHERE m.session_id = t.session_id AND m.position = t.modpos))"
             " GROUP BY t.session_id, t.modpos, t.stage)"
             " SELECT stage, times, average, time_box, over_box,"
             " json_object('stage', stage, 'times', times,"
             " 'average_seconds', average, 'time_box_seconds', time_box,"
             " 'over_time_box', over_box) AS json FROM (SELECT stage,"
             " count(*) AS times,"
             " CAST(round(avg(secs)) AS INTEGER) AS average,"
             " CAST(round(avg(nullif(planned, 0)) * 60) AS INTEGER)"
             " AS time_box,"
             " sum(planned > 0 AND secs > planned * 60) AS over_box,"
             " " EX_STAGE_RANK("stage") " AS rank FROM st GROUP BY stage)"
                                        " ORDER BY rank";

static const char sql_parking[] =
    EX_CTE " SELECT substr(p.raised_at, 1, 10) AS raised,"
           " CASE s.kind WHEN 'group' THEN 'group' ELSE 'resident' END"
           " AS kind,"
           " CASE s.kind WHEN 'group' THEN s.group_name ELSE s.resident END"
           " AS name,"
           " substr(s.uuid, 1, 8) AS session, p.text AS item,"
           " json_object('raised_at', p.raised_at,"
           " 'kind', CASE s.kind WHEN 'group' THEN 'group'"
           "  ELSE 'resident' END,"
           " 'name', CASE s.kind WHEN 'group' THEN s.group_name"
           "  ELSE s.resident END,"
           " 'session', s.uuid, 'text', p.text) AS json"
           " FROM parking p JOIN sessions s ON s.id = p.session_id"
           " WHERE" EX_IS_SELECTED
           " AND p.resolved_at IS NULL ORDER BY p.raised_at, p.id";

static const struct {
    const char *part, *sql;
} parts[] = {
    {"summary", sql_summary},      {"skills", sql_skills},
    {"by_module", sql_by_module},  {"by_group", sql_by_group},
    {"missed_points", sql_points}, {"stages", sql_stages},
    {"open_parking", sql_parking},
};

/* The SQL of a part of the report, or NULL. */
static const char *part_sql(const char *part)
{
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (strcmp(parts[i].part, part) == 0)
            return parts[i].sql;
    return NULL;
}

/* Fills the TEMP table of the selected module discussions. */
static int make_disc(const struct ex_sel *r, char **err)
{
    sqlite3_exec(r->db, "DROP TABLE IF EXISTS " DISC, NULL, NULL, NULL);
    sqlite3_stmt *s = ex_prepare(r, sql_disc, err);
    if (!s)
        return EXPORT_ERROR;
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? EXPORT_OK : ex_db_error(r->db, err);
}

int store_report_open(struct pbl_store *st, const struct export_selection *sel,
                      struct store_report **out, char **err)
{
    /* abandoned attempts are left out unless asked for (and said so) */
    static const char *const counted[] = {"active", "finished"};
    struct export_selection s = *sel;
    if (!s.nstatuses && !s.nsessions) {
        s.statuses = counted;
        s.nstatuses = 2;
    }
    *out = NULL;
    struct store_report *q = calloc(1, sizeof *q);
    if (!q)
        return ex_fail(err, EXPORT_ERROR, "out of memory");
    int rc = ex_resolve(st, &s, true, &q->r, err);
    if (rc != EXPORT_OK) {
        free(q);
        return rc;
    }
    q->tx = sqlite3_get_autocommit(q->r.db) &&
            sqlite3_exec(q->r.db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    long long n = 0;
    rc = ex_count(&q->r, &n, err);
    if (rc == EXPORT_OK && n == 0 && s.statuses == counted)
        rc = ex_fail(err, EXPORT_EMPTY,
                     "no active or finished sessions match; --status "
                     "abandoned reports the abandoned ones");
    else if (rc == EXPORT_OK && n == 0)
        rc = ex_fail(err, EXPORT_EMPTY,
                     export_selection_empty(sel)
                         ? "no sessions recorded yet; nothing to report"
                         : "no sessions match the selection; nothing to "
                           "report");
    if (rc == EXPORT_OK)
        rc = make_disc(&q->r, err);
    if (rc != EXPORT_OK)
        store_report_close(q);
    else
        *out = q;
    return rc;
}

void store_report_close(struct store_report *q)
{
    if (!q)
        return;
    sqlite3_exec(q->r.db, "DROP TABLE IF EXISTS " DISC, NULL, NULL, NULL);
    if (q->tx)
        sqlite3_exec(q->r.db, "COMMIT", NULL, NULL, NULL);
    ex_sel_free(&q->r);
    free(q);
}

const char *store_report_now(const struct store_report *q)
{
    return q->r.now;
}

/* The index of the result column named `name` in s, or -1. */
static int column_named(sqlite3_stmt *s, const char *name)
{
    int n = sqlite3_column_count(s);
    for (int i = 0; i < n; i++) {
        const char *c = sqlite3_column_name(s, i);
        if (c && strcmp(c, name) == 0)
            return i;
    }
    return -1;
}

#define MAX_CELLS 16

int store_report_rows(struct store_report *q, const char *part,
                      const char *const *cols, int ncols,
                      store_report_row_fn fn, void *ctx, char **err)
{
    const char *sql = part_sql(part);
    if (!sql)
        return ex_fail(err, EXPORT_ERROR, "no report part '%s'", part);
    if (ncols > MAX_CELLS)
        return ex_fail(err, EXPORT_ERROR, "too many columns of '%s'", part);
    sqlite3_stmt *s = ex_prepare(&q->r, sql, err);
    if (!s)
        return EXPORT_ERROR;
    int idx[MAX_CELLS], json = column_named(s, "json");
    for (int i = 0; i < ncols; i++)
        if ((idx[i] = column_named(s, cols[i])) < 0) {
            sqlite3_finalize(s);
            return ex_fail(err, EXPORT_ERROR, "no column '%s' in '%s'", cols[i],
                           part);
        }
    struct store_report_cell cell[MAX_CELLS];
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        for (int i = 0; i < ncols; i++) {
            cell[i].null = sqlite3_column_type(s, idx[i]) == SQLITE_NULL;
            cell[i].num = sqlite3_column_int64(s, idx[i]);
            cell[i].text = (const char *)sqlite3_column_text(s, idx[i]);
        }
        stop = fn(ctx, cell,
                  json < 0 ? NULL : (const char *)sqlite3_column_text(s, json));
    }
    sqlite3_finalize(s);
    if (stop)
        return ex_fail(err, EXPORT_ERROR, "out of memory");
    return rc == SQLITE_DONE ? EXPORT_OK : ex_db_error(q->r.db, err);
}

/* Copies the cells of the summary row into *o. */
static int summary_row(void *ctx, const struct store_report_cell *c,
                       const char *json)
{
    struct store_report_summary *o = ctx;
    o->sessions = c[0].num;
    o->discussions = c[1].num;
    snprintf(o->first, sizeof o->first, "%s", c[2].text ? c[2].text : "");
    snprintf(o->last, sizeof o->last, "%s", c[3].text ? c[3].text : "");
    o->left_empty = c[4].num;
    o->left_by_status = c[5].num;
    snprintf(o->statuses, sizeof o->statuses, "%s", c[6].text ? c[6].text : "");
    o->json = strdup(json ? json : "{}");
    return o->json ? 0 : -1;
}

int store_report_summary(struct store_report *q,
                         struct store_report_summary *out, char **err)
{
    static const char *const cols[] = {"sessions",
                                       "discussions",
                                       "first_session",
                                       "last_session",
                                       "left_out_nothing_reached",
                                       "left_out_by_status",
                                       "left_out_statuses"};
    memset(out, 0, sizeof *out);
    int rc = store_report_rows(q, "summary", cols, 7, summary_row, out, err);
    if (rc == EXPORT_OK && !out->json)
        rc = ex_fail(err, EXPORT_ERROR, "the report's summary is missing");
    return rc;
}

void store_report_summary_free(struct store_report_summary *s)
{
    free(s->json);
    s->json = NULL;
}
