/* store_report.c - the skill report's queries (see store_report.h): the
 * module discussions of the selection, gathered once into a TEMP table,
 * and one query a part of the report, read as rows of cells bound by
 * column name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_report_impl.h"
#include "store_rows.h"

struct store_report {
    struct pbl_store *st;
    struct ex_sel r;
    bool tx;           /* a transaction of ours to end */
    const char *by;    /* :by, "month" or "block", or NULL */
    char ystart[8];    /* :ystart, "MM-DD" */
    const char *tzmod; /* :tzmod, the SQLite date modifier to show a day */
    size_t masked;     /* patient identifiers masked so far */
    const char *who;   /* :who, the resident the parts are about, or NULL */
    /* --from and --to as the instants their local days begin and end */
    char from[CLOCK_ISO_LEN + 1], to[CLOCK_ISO_LEN + 1];
};

/* The module discussions of the selection (DISC, see
 * store_report_impl.h). */
static const char sql_disc[] =
    "CREATE TEMP TABLE pbl_report_disc AS " EX_CTE
    " SELECT m.id AS id, m.session_id AS sid, m.module_id AS module_id,"
    " m.skills AS tgt, m.hash AS hash, s.status AS status,"
    " date(s.started_at, :tzmod) AS day,"
    " coalesce(" EX_TAGGED ", 0) AS nmd,"
    " CASE s.kind WHEN 'group' THEN 'group' ELSE 'resident' END AS kind,"
    " CASE s.kind WHEN 'group' THEN s.group_name ELSE s.resident END AS who,"
    " pbl_fold(CASE s.kind WHEN 'group' THEN s.group_name"
    " ELSE s.resident END) AS fkey"
    " FROM modsel m JOIN sessions s ON s.id = m.session_id"
    " LEFT JOIN responses r ON r.session_id = m.session_id"
    " AND r.modpos = m.position GROUP BY m.id"
    " HAVING max(" EX_REACHED("r") ")";

/* Prepares sql with the selection's parameters and the report's own
 * (:by, :ystart, :tzmod); NULL with *err set. */
static sqlite3_stmt *prepare(const struct store_report *q, const char *sql,
                             char **err)
{
    sqlite3_stmt *s = ex_prepare(&q->r, sql, err);
    if (s) {
        ex_bind_named(s, ":by", q->by);
        ex_bind_named(s, ":ystart", q->ystart);
        ex_bind_named(s, ":tzmod", q->tzmod);
        ex_bind_named(s, ":who", q->who);
    }
    return s;
}

/* Runs one statement that returns no row. */
static int exec(const struct store_report *q, const char *sql, char **err)
{
    sqlite3_stmt *s = prepare(q, sql, err);
    if (!s)
        return EXPORT_ERROR;
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? EXPORT_OK : ex_db_error(q->r.db, err);
}

/* Who took part in each module discussion, for the per-resident parts:
 * the residents the roster says attended a group session (attendance);
 * for a group session with no attendance (recorded before the roster),
 * the roster residents its free-text participants name by a current or
 * former name (pbl_names_has), as roster_resident_records() counts them;
 * and the resident of a self-study: the one it is linked to, else the
 * roster resident whose current name, else whose former name (the one who
 * held it last), it was recorded under, as roster_resident_records()
 * counts them; a self-study name on no roster counts as it was typed.
 * Each row: the resident's key (the roster's name_key, a pbl_fold() key),
 * current name and class (NULL off the roster), the discussion and how
 * they took part. This is the one place that says who a resident's
 * discussions are. */
static const char sql_resident_disc[] =
    "CREATE TEMP TABLE pbl_report_rdisc AS"
    " SELECT r.name_key AS fkey, r.name AS who, r.class AS klass,"
    " d.id AS did, 'group' AS via"
    " FROM " DISC " d JOIN attendance a ON a.session_id = d.sid"
    " JOIN residents r ON r.id = a.resident_id WHERE d.kind = 'group'"
    " UNION ALL SELECT r.name_key, r.name, r.class, d.id, 'group'"
    " FROM " DISC " d JOIN sessions s ON s.id = d.sid JOIN residents r"
    " ON pbl_names_has(s.participants, r.name_key)"
    " OR EXISTS (SELECT 1 FROM resident_names n WHERE n.resident_id = r.id"
    " AND pbl_names_has(s.participants, n.name_key))"
    " WHERE d.kind = 'group' AND NOT EXISTS (SELECT 1 FROM attendance a"
    " WHERE a.session_id = d.sid)"
    " UNION ALL SELECT coalesce(r.name_key, d.fkey), coalesce(r.name, d.who),"
    " r.class, d.id, 'self-study'"
    " FROM " DISC " d JOIN sessions s ON s.id = d.sid"
    " LEFT JOIN residents r ON r.id = coalesce(s.resident_id,"
    " (SELECT c.id FROM residents c WHERE c.name_key = d.fkey),"
    " (SELECT n.resident_id FROM resident_names n WHERE n.name_key = d.fkey"
    " ORDER BY n.until DESC LIMIT 1))"
    " WHERE d.kind = 'resident'";

/* Fills the TEMP tables of the selected module discussions, of who took
 * part in them and of the milestones they serve. */
static int make_disc(const struct store_report *q, char **err)
{
    sqlite3_exec(q->r.db, "DROP TABLE IF EXISTS " DISC, NULL, NULL, NULL);
    sqlite3_exec(q->r.db, "DROP TABLE IF EXISTS " RDISC, NULL, NULL, NULL);
    sqlite3_exec(q->r.db, "DROP TABLE IF EXISTS " MS, NULL, NULL, NULL);
    int rc = exec(q, sql_disc, err);
    if (rc == EXPORT_OK)
        rc = exec(q, sql_resident_disc, err);
    /* one resident's parts look their discussions up (WHO) */
    if (rc == EXPORT_OK)
        rc = exec(q,
                  "CREATE INDEX temp.pbl_report_rdisc_did"
                  " ON pbl_report_rdisc(did, fkey)",
                  err);
    return rc == EXPORT_OK ? srp_make_milestones(q->r.db, err) : rc;
}

/* The start of the academic year, "MM-DD": the year-start setting, else
 * 1 July. */
static void year_start(struct pbl_store *st, char *buf, size_t n)
{
    char *v = NULL;
    snprintf(buf, n, "07-01");
    if (store_get_setting(st, "year-start", &v) == STORE_OK && v &&
        store_report_year_start_ok(v))
        snprintf(buf, n, "%s", v);
    free(v);
}

bool store_report_year_start_ok(const char *mmdd)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int m, d;
    char end;
    if (strlen(mmdd) != 5 || mmdd[2] != '-' ||
        sscanf(mmdd, "%2d-%2d%c", &m, &d, &end) != 2)
        return false;
    return m >= 1 && m <= 12 && d >= 1 && d <= days[m - 1];
}

int store_report_open(struct pbl_store *st, const struct export_selection *sel,
                      const struct store_report_how *how,
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
    q->by = how ? how->by : NULL;
    q->tzmod = how && how->utc ? "+0 seconds" : "localtime";
    q->st = st;
    year_start(st, q->ystart, sizeof q->ystart);
    struct ex_selection chosen;
    int rc = ex_select(st, &s, true, &chosen, err);
    if (rc == EXPORT_OK && store_sel_open(st, &chosen.sel, &q->r, err) != 0)
        rc = EXPORT_ERROR;
    ex_selection_free(&chosen);
    if (rc != EXPORT_OK) {
        free(q);
        return rc;
    }
    /* the selection's days are local ones unless --utc */
    if (!(how && how->utc) && q->r.from &&
        clock_local_day_start(q->r.from, 0, q->from) == 0)
        q->r.from = q->from;
    if (!(how && how->utc) && q->r.to &&
        clock_local_day_start(q->r.to, 1, q->to) == 0)
        q->r.to = q->to;
    q->tx = store_read_begin(st);
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
        rc = make_disc(q, err);
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
    sqlite3_exec(q->r.db, "DROP TABLE IF EXISTS " RDISC, NULL, NULL, NULL);
    sqlite3_exec(q->r.db, "DROP TABLE IF EXISTS " MS, NULL, NULL, NULL);
    store_read_end(q->st, q->tx);
    ex_sel_free(&q->r);
    free(q);
}

void store_report_set_who(struct store_report *q, const char *who)
{
    q->who = who;
}

size_t store_report_masked(const struct store_report *q)
{
    return q->masked;
}

const char *store_report_now(const struct store_report *q)
{
    return q->r.now;
}

#define MAX_CELLS 16

/* Reads the rows of part p for store_report_rows(). */
static int read_rows(struct store_report *q, const struct srp_part *p,
                     const char *const *cols, int ncols, store_report_row_fn fn,
                     void *ctx, char **err)
{
    const char *part = p->part, *sql = p->sql;
    if (ncols > MAX_CELLS)
        return ex_fail(err, EXPORT_ERROR, "too many columns of '%s'", part);
    sqlite3_stmt *s = prepare(q, sql, err);
    if (!s)
        return EXPORT_ERROR;
    /* the columns by name (store_rows.h), none filled by a table */
    struct reader rd = {.s = s, .ncols = sqlite3_column_count(s)};
    int idx[MAX_CELLS], json = column_of(&rd, "json");
    for (int i = 0; i < ncols; i++)
        if ((idx[i] = column_of(&rd, cols[i])) < 0) {
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

int store_report_rows(struct store_report *q, const char *part,
                      const char *const *cols, int ncols,
                      store_report_row_fn fn, void *ctx, char **err)
{
    const struct srp_part *p = NULL;
    for (int i = 0; !p && i < srp_nparts; i++)
        if (strcmp(srp_parts[i].part, part) == 0)
            p = &srp_parts[i];
    if (!p)
        return ex_fail(err, EXPORT_ERROR, "no report part '%s'", part);
    /* text people typed is read with patient identifiers masked: the
     * views of store_mask_begin() last for this part's query alone, so
     * only what the report shows is masked (and counted) */
    struct store_mask *mask = NULL;
    if (p->masked && !(mask = store_mask_begin(q->st, err)))
        return EXPORT_ERROR;
    int rc = read_rows(q, p, cols, ncols, fn, ctx, err);
    q->masked += store_mask_end(q->st, mask);
    return rc;
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
