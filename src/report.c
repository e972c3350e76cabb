/* report.c - the skill report: its tables as SQL over the selection, and
 * the CSV and JSON writers (text and Markdown are in report_text.c).
 *
 * CSV: one block per table, each starting with a header row whose first
 * cell is "section", blocks separated by an empty row; cells escaped and
 * guarded like the export. JSON: one object, made of SQLite's JSON:
 *   {"format": "pbl-skill-report", "version": 1, "generated_at": ...,
 *    "summary": {...}, "skills": [...], "by_module": [...],
 *    "by_group": [...], "missed_points": [...], "stages": [...],
 *    "open_parking": [...]} */
#include <string.h>

#include "pbl/text.h"
#include "report_impl.h"

static const char *const format_names[] = {"text", "csv", "json", "md"};

const char *report_format_name(enum report_format f)
{
    return (unsigned)f < 4 ? format_names[f] : "text";
}

int report_format_parse(const char *name, enum report_format *out)
{
    int i = format_index(format_names, 4, name);
    if (i < 0)
        return -1;
    *out = (enum report_format)i;
    return 0;
}

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
    " coalesce(" EX_TAGGED ", 0) AS nmd,"
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
#define SUM3(id, name, key, b)                                                 \
    ", sum((d.tgt & " #b ") != 0) AS t" #b ","                                 \
    " sum((d.nmd & " #b ") != 0) AS n" #b ","                                  \
    " sum((d.tgt & " #b ") != 0 AND (d.nmd & " #b ") = 0) AS m" #b
#define SUMS PBL_SKILLS(SUM3)
#define PICK_WHEN(x, id, name, key, b) " WHEN " #b " THEN " x #b
#define PICK(x) "coalesce(CASE k.bit" PBL_SKILLS_WITH(PICK_WHEN, x) " END, 0)"
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
           " SELECT sessions, discussions, first, last, empty, by_status,"
           " statuses, json_object('sessions', sessions,"
           " 'discussions', discussions, 'first_session', first,"
           " 'last_session', last, 'left_out_nothing_reached', empty,"
           " 'left_out_by_status', by_status, 'left_out_statuses', statuses)"
           " FROM (SELECT coalesce(sum(counted), 0) AS sessions,"
           " (SELECT count(*) FROM " DISC ") AS discussions,"
           " substr(min(CASE WHEN counted THEN started END), 1, 10) AS first,"
           " substr(max(CASE WHEN counted THEN started END), 1, 10) AS last,"
           " coalesce(sum(NOT counted), 0) AS empty,"
           " (SELECT coalesce(sum(n), 0) FROM st) AS by_status,"
           " (SELECT group_concat(n || ' ' || status, ', ') FROM st)"
           " AS statuses FROM ss)";

static const char sql_skills[] =
    "WITH " EX_SKILLS ", a AS (SELECT count(*) AS discussions" SUMS
    " FROM " DISC " d)"
    " SELECT k.name, " COUNTS ", json_object('skill', k.name,"
    " 'target', " PICK("a.t") ", 'named', " PICK(
        "a.n") ","
               " 'missed', " PICK("a.m") ") FROM skill k JOIN a ORDER BY k.bit";

static const char sql_by_module[] =
    "WITH " EX_SKILLS ", a AS (SELECT d.module_id AS module,"
    " count(*) AS discussions" SUMS " FROM " DISC " d"
    " GROUP BY d.module_id)"
    " SELECT module, discussions, skill, target, named, missed,"
    " json_object('module', module, 'discussions', discussions,"
    " 'skill', skill, 'target', target, 'named', named,"
    " 'missed', missed) FROM (SELECT a.module, a.discussions, k.bit,"
    " k.name AS skill, " COUNTS " FROM a JOIN skill k)"
    " WHERE target > 0 OR named > 0 ORDER BY module, bit";

static const char sql_by_group[] =
    "WITH " EX_SKILLS ", a AS (SELECT d.kind AS kind, d.who AS who,"
    " min(d.sid) AS first, count(*) AS discussions" SUMS " FROM " DISC " d"
    " GROUP BY d.kind, d.fkey)"
    " SELECT kind, who, discussions, skill, target, named, missed,"
    " json_object('kind', kind, 'name', who,"
    " 'discussions', discussions, 'skill', skill, 'target', target,"
    " 'named', named, 'missed', missed) FROM (SELECT a.kind, a.who,"
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
        "r") ""
             " JOIN snapshot_questions q"
             " ON q.session_module_id = m.id AND q.idx = r.qidx"
             " GROUP BY m.module_id, m.hash, r.qidx, r.points)"
             " SELECT missed, discussed, module, 'Q' || question, point,"
             " json_object('module', module, 'question', question,"
             " 'key_point', point, 'missed', missed, 'discussed', discussed)"
             " FROM (SELECT b.module AS module, b.qidx + 1 AS question,"
             " p.idx AS pidx, p.text AS point, sum(b.cnt) AS discussed,"
             " sum(b.cnt * (((b.points >> p.idx) & 1) = 0)) AS missed"
             " FROM byq b JOIN snapshot_points p ON p.question_id = b.qid"
             " GROUP BY b.module, b.qidx, p.idx, p.text HAVING missed > 0)"
             " ORDER BY missed DESC, module, question, pidx"
             " LIMIT " STR(REPORT_TOP_POINTS);

static const char sql_stages[] = EX_CTE
    ", st AS (SELECT t.session_id, t.modpos, t.stage,"
    " sum(" EX_SECS(
        "t") ") AS secs, max(t.planned_minutes) AS planned"
             " FROM stage_timings t JOIN sessions s ON s.id = t.session_id"
             " WHERE" EX_IS_SELECTED
             " AND (t.stage IN ('summary', 'opening', 'closing')"
             " OR EXISTS (SELECT 1 FROM modsel m"
             " WHERE m.session_id = t.session_id AND m.position = t.modpos))"
             " GROUP BY t.session_id, t.modpos, t.stage)"
             " SELECT stage, times, average, time_box, over_box,"
             " json_object('stage', stage, 'times', times,"
             " 'average_seconds', average, 'time_box_seconds', time_box,"
             " 'over_time_box', over_box) FROM (SELECT stage,"
             " count(*) AS times,"
             " CAST(round(avg(secs)) AS INTEGER) AS average,"
             " CAST(round(avg(nullif(planned, 0)) * 60) AS INTEGER)"
             " AS time_box,"
             " sum(planned > 0 AND secs > planned * 60) AS over_box,"
             " " EX_STAGE_RANK("stage") " AS rank FROM st GROUP BY stage)"
                                        " ORDER BY rank";

static const char sql_parking[] =
    EX_CTE " SELECT substr(p.raised_at, 1, 10),"
           " CASE s.kind WHEN 'group' THEN 'group' ELSE 'resident' END,"
           " CASE s.kind WHEN 'group' THEN s.group_name ELSE s.resident END,"
           " substr(s.uuid, 1, 8), p.text,"
           " json_object('raised_at', p.raised_at,"
           " 'kind', CASE s.kind WHEN 'group' THEN 'group'"
           "  ELSE 'resident' END,"
           " 'name', CASE s.kind WHEN 'group' THEN s.group_name"
           "  ELSE s.resident END,"
           " 'session', s.uuid, 'text', p.text)"
           " FROM parking p JOIN sessions s ON s.id = p.session_id"
           " WHERE" EX_IS_SELECTED
           " AND p.resolved_at IS NULL ORDER BY p.raised_at, p.id";

const struct rp_table rp_tables[] = {
    {"summary",
     NULL,
     sql_summary,
     7,
     {"sessions", "discussions", "first_session", "last_session",
      "left_out_nothing_reached", "left_out_by_status", "left_out_statuses"},
     {RP_INT, RP_INT, RP_TEXT, RP_TEXT, RP_INT, RP_INT, RP_TEXT},
     0},
    {"skills",
     "Skills over all module discussions",
     sql_skills,
     4,
     {"skill", "target", "named", "missed"},
     {RP_TEXT, RP_INT, RP_INT, RP_INT},
     0},
    {"by_module",
     "Skills by module",
     sql_by_module,
     6,
     {"module", "discussions", "skill", "target", "named", "missed"},
     {RP_TEXT, RP_INT, RP_TEXT, RP_INT, RP_INT, RP_INT},
     2},
    {"by_group",
     "Skills by group or resident",
     sql_by_group,
     7,
     {"kind", "name", "discussions", "skill", "target", "named", "missed"},
     {RP_TEXT, RP_TEXT, RP_INT, RP_TEXT, RP_INT, RP_INT, RP_INT},
     3},
    {"missed_points",
     "Most-missed key points",
     sql_points,
     5,
     {"missed", "discussed", "module", "question", "key_point"},
     {RP_INT, RP_INT, RP_TEXT, RP_TEXT, RP_TEXT},
     0},
    {"stages",
     "Time per stage",
     sql_stages,
     5,
     {"stage", "times", "average", "time_box", "over_box"},
     {RP_TEXT, RP_INT, RP_SECS, RP_SECS, RP_INT},
     0},
    {"open_parking",
     "Open parking-lot items",
     sql_parking,
     5,
     {"raised", "kind", "name", "session", "item"},
     {RP_TEXT, RP_TEXT, RP_TEXT, RP_TEXT, RP_TEXT},
     0},
};
const int rp_ntables = sizeof rp_tables / sizeof rp_tables[0];

int rp_headline(const struct ex_sel *r, char *buf, size_t n, char *left,
                size_t nleft, char **err)
{
    sqlite3_stmt *s = ex_prepare(r, sql_summary, err);
    if (!s)
        return EXPORT_ERROR;
    int rc = sqlite3_step(s);
    left[0] = '\0';
    if (rc == SQLITE_ROW) {
        long long ns = sqlite3_column_int64(s, 0),
                  nd = sqlite3_column_int64(s, 1),
                  empty = sqlite3_column_int64(s, 4),
                  by_status = sqlite3_column_int64(s, 5);
        const char *first = (const char *)sqlite3_column_text(s, 2),
                   *last = (const char *)sqlite3_column_text(s, 3),
                   *statuses = (const char *)sqlite3_column_text(s, 6);
        int w = snprintf(buf, n, "%lld session%s, %lld module discussion%s", ns,
                         ns == 1 ? "" : "s", nd, nd == 1 ? "" : "s");
        if (first && last && w > 0 && (size_t)w < n)
            snprintf(buf + w, n - (size_t)w,
                     strcmp(first, last) ? ", %s to %s" : ", %s", first, last);
        w = 0;
        if (empty)
            w = snprintf(left, nleft,
                         "%lld session%s where no question was reached (no "
                         "answer, tag, tick or reveal)",
                         empty, empty == 1 ? "" : "s");
        if (by_status && w >= 0 && (size_t)w < nleft)
            snprintf(left + w, nleft - (size_t)w,
                     "%s%lld session%s by status (%s; --status includes "
                     "them)",
                     w ? "; " : "", by_status, by_status == 1 ? "" : "s",
                     statuses ? statuses : "");
    }
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? EXPORT_OK : ex_db_error(r->db, err);
}

static int csv_table(const struct ex_sel *r, const struct rp_table *t,
                     FILE *out, char **err)
{
    sqlite3_stmt *s = ex_prepare(r, t->sql, err);
    if (!s)
        return EXPORT_ERROR;
    csv_write_cell(out, "section");
    for (int i = 0; i < t->ncols; i++) {
        csv_sep(out);
        csv_write_cell(out, t->cols[i]);
    }
    csv_end_row(out);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        csv_write_cell(out, t->key);
        for (int i = 0; i < t->ncols; i++) {
            csv_sep(out);
            if (t->types[i] == RP_TEXT)
                csv_write_cell(out, (const char *)sqlite3_column_text(s, i));
            else if (sqlite3_column_type(s, i) != SQLITE_NULL)
                fprintf(out, "%lld", sqlite3_column_int64(s, i));
        }
        csv_end_row(out);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? EXPORT_OK : ex_db_error(r->db, err);
}

/* "key": the table's JSON objects, as an array (or the one object of
 * the summary). */
static int json_table(const struct ex_sel *r, const struct rp_table *t,
                      FILE *out, char **err)
{
    sqlite3_stmt *s = ex_prepare(r, t->sql, err);
    if (!s)
        return EXPORT_ERROR;
    bool single = strcmp(t->key, "summary") == 0;
    int rc, n = 0;
    fprintf(out, ",\n\"%s\":%s", t->key, single ? "" : "[");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (!single)
            fputs(n++ ? ",\n" : "\n", out);
        const char *row = (const char *)sqlite3_column_text(s, t->ncols);
        /* SQLite copies bad bytes and C1 controls as they are */
        text_safe_write(out, row, row ? strlen(row) : 0, TEXT_SAFE_BREAKS);
    }
    if (!single)
        fputs(n ? "\n]" : "]", out);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? EXPORT_OK : ex_db_error(r->db, err);
}

static int write_json(const struct ex_sel *r, FILE *out, char **err)
{
    sqlite3_stmt *s = ex_prepare(
        r,
        "SELECT json_object('format', 'pbl-skill-report', 'version', 1,"
        " 'generated_at', :now)",
        err);
    if (!s)
        return EXPORT_ERROR;
    int rc = EXPORT_OK;
    if (sqlite3_step(s) == SQLITE_ROW) {
        const char *head = (const char *)sqlite3_column_text(s, 0);
        /* without its '}' */
        text_safe_write(out, head, strlen(head) - 1, TEXT_SAFE_BREAKS);
    } else {
        rc = ex_db_error(r->db, err);
    }
    sqlite3_finalize(s);
    for (int i = 0; rc == EXPORT_OK && i < rp_ntables; i++)
        rc = json_table(r, &rp_tables[i], out, err);
    if (rc == EXPORT_OK)
        fputs("}\n", out);
    return rc;
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

struct run_ctx {
    struct pbl_store *st;
    const struct report_opts *o;
};

static int run(void *arg, FILE *out, char **err)
{
    const struct run_ctx *c = arg;
    struct ex_sel r;
    /* abandoned attempts are left out unless asked for (and said so) */
    static const char *const counted[] = {"active", "finished"};
    struct export_selection sel = c->o->sel;
    if (!sel.nstatuses && !sel.nsessions) {
        sel.statuses = counted;
        sel.nstatuses = 2;
    }
    int rc = ex_resolve(c->st, &sel, true, &r, err);
    if (rc != EXPORT_OK)
        return rc;
    bool tx = sqlite3_get_autocommit(r.db) &&
              sqlite3_exec(r.db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    long long n = 0;
    rc = ex_count(&r, &n, err);
    if (rc == EXPORT_OK && n == 0 && sel.statuses == counted)
        rc = ex_fail(err, EXPORT_EMPTY,
                     "no active or finished sessions match; --status "
                     "abandoned reports the abandoned ones");
    else if (rc == EXPORT_OK && n == 0)
        rc = ex_fail(err, EXPORT_EMPTY,
                     export_selection_empty(&c->o->sel)
                         ? "no sessions recorded yet; nothing to report"
                         : "no sessions match the selection; nothing to "
                           "report");
    if (rc == EXPORT_OK)
        rc = make_disc(&r, err);
    char line[256], left[256];
    if (rc == EXPORT_OK && c->o->format == REPORT_JSON) {
        rc = write_json(&r, out, err);
    } else if (rc == EXPORT_OK && c->o->format == REPORT_CSV) {
        for (int i = 0; rc == EXPORT_OK && i < rp_ntables; i++) {
            if (i)
                csv_end_row(out);
            rc = csv_table(&r, &rp_tables[i], out, err);
        }
    } else if (rc == EXPORT_OK &&
               (rc = rp_headline(&r, line, sizeof line, left, sizeof left,
                                 err)) == EXPORT_OK) {
        bool md = c->o->format == REPORT_MD;
        /* the dates in it are the database's text */
        fputs(md ? "# Skill report\n\n" : "Skill report: ", out);
        if (md)
            md_write_inline(out, line);
        else
            text_safe_write(out, line, strlen(line), 0);
        fputs(md ? ".\n" : "\n", out);
        if (left[0]) { /* pbl's own words and numbers */
            fputs(md ? "\nLeft out: " : "Left out: ", out);
            fputs(left, out);
            fputs(md ? ".\n" : "\n", out);
        }
        for (int i = 1; rc == EXPORT_OK && i < rp_ntables; i++)
            rc = md ? rp_md_table(&r, &rp_tables[i], out, err)
                    : rp_text_table(&r, &rp_tables[i], out, err);
    }
    sqlite3_exec(r.db, "DROP TABLE IF EXISTS " DISC, NULL, NULL, NULL);
    if (tx)
        sqlite3_exec(r.db, "COMMIT", NULL, NULL, NULL);
    ex_sel_free(&r);
    return rc;
}

int report_write(struct pbl_store *st, const struct report_opts *o, FILE *out,
                 char **err)
{
    struct run_ctx c = {st, o};
    return export_write_stream(out, run, &c, "report", err);
}

int report_to_file(struct pbl_store *st, const struct report_opts *o,
                   const char *path, char **err)
{
    struct run_ctx c = {st, o};
    if (err)
        *err = NULL;
    return export_write_atomic(path, run, &c, err);
}
