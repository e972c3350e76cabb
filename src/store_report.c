/* store_report.c - the skill report's queries (see store_report.h): the
 * module discussions of the selection, gathered once into a TEMP table,
 * and one query a part of the report, read as rows of cells bound by
 * column name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export_impl.h"
#include "pbl/report.h"
#include "pbl/store_report.h"

struct store_report {
    struct ex_sel r;
    bool tx;           /* a transaction of ours to end */
    const char *by;    /* :by, "month" or "block", or NULL */
    char ystart[8];    /* :ystart, "MM-DD" */
    const char *tzmod; /* :tzmod, the SQLite date modifier to show a day */
    /* --from and --to as the instants their local days begin and end */
    char from[CLOCK_ISO_LEN + 1], to[CLOCK_ISO_LEN + 1];
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
#define RDISC "temp.pbl_report_rdisc"

/* The number of skills in a set (bits 1..16). */
#define BITS(x)                                                                \
    "((" x " & 1) + (" x " >> 1 & 1) + (" x " >> 2 & 1) + (" x " >> 3 & 1)"    \
    " + (" x " >> 4 & 1))"

static const char sql_disc[] =
    "CREATE TEMP TABLE pbl_report_disc AS " EX_CTE
    " SELECT m.id AS id, m.session_id AS sid, m.module_id AS module_id,"
    " m.skills AS tgt, s.status AS status,"
    " date(s.started_at, :tzmod) AS day,"
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
           " date(min(CASE WHEN counted THEN started END), :tzmod) AS first,"
           " date(max(CASE WHEN counted THEN started END), :tzmod) AS last,"
           " coalesce(sum(NOT counted), 0) AS empty,"
           " (SELECT coalesce(sum(n), 0) FROM st) AS by_status,"
           " (SELECT group_concat(n || ' ' || status, ', ') FROM st)"
           " AS statuses FROM ss)";

/* The rates of a row with target, named, missed and discussions:
 * named_target_pct, how often a skill was named when it was a target,
 * and named_other_pct, when it was not (integer percentages, NULL when
 * there was no such discussion). */
#define PCT(num, den)                                                          \
    "(CASE WHEN (" den ") > 0 THEN CAST(round(100.0 * (" num ") / (" den       \
    ")) AS INTEGER) END)"
#define PCT_TARGET PCT("target - missed", "target")
#define PCT_OTHER PCT("named - target + missed", "discussions - target")
#define RATES                                                                  \
    PCT_TARGET " AS named_target_pct, " PCT_OTHER " AS named_other_pct"
#define RATES_JSON                                                             \
    "'named_target_pct', " PCT_TARGET ", 'named_other_pct', " PCT_OTHER

static const char sql_skills[] =
    "WITH " EX_SKILLS ", a AS (SELECT count(*) AS discussions," SUMS
    " FROM " DISC " d)"
    " SELECT skill, target, named, missed, " RATES ","
    " json_object('skill', skill, 'target', target, 'named', named,"
    " 'missed', missed, " RATES_JSON ") AS json"
    " FROM (SELECT k.bit, k.name AS skill, a.discussions, " COUNTS
    " FROM skill k JOIN a) ORDER BY bit";

static const char sql_by_module[] =
    "WITH " EX_SKILLS ", a AS (SELECT d.module_id AS module,"
    " count(*) AS discussions," SUMS " FROM " DISC " d"
    " GROUP BY d.module_id)"
    " SELECT module, discussions, skill, target, named, missed, " RATES ","
    " json_object('module', module, 'discussions', discussions,"
    " 'skill', skill, 'target', target, 'named', named,"
    " 'missed', missed, " RATES_JSON
    ") AS json FROM (SELECT a.module, a.discussions, k.bit,"
    " k.name AS skill, " COUNTS " FROM a JOIN skill k)"
    " WHERE target > 0 OR named > 0 ORDER BY module, bit";

static const char sql_by_group[] =
    "WITH " EX_SKILLS ", a AS (SELECT d.kind AS kind, d.who AS who,"
    " min(d.sid) AS first, count(*) AS discussions," SUMS " FROM " DISC " d"
    " GROUP BY d.kind, d.fkey)"
    " SELECT kind, who AS name, discussions, skill, target, named, missed,"
    " " RATES ", json_object('kind', kind, 'name', who,"
    " 'discussions', discussions, 'skill', skill, 'target', target,"
    " 'named', named, 'missed', missed, " RATES_JSON
    ") AS json FROM (SELECT a.kind, a.who,"
    " a.discussions, k.bit, k.name AS skill, " COUNTS " FROM a JOIN skill k)"
    " WHERE target > 0 OR named > 0 ORDER BY kind, who, bit";

#define STR_(x) #x
#define STR(x) STR_(x)

/* Key points missed, over the questions reached (EX_REACHED): the
 * responses are first counted by the points they ticked (few distinct
 * values), then set against the points of one snapshot of the same
 * module text. A point is its module, question, position and text. */
/* The reached questions' responses of the selected module discussions,
 * counted by the points they ticked (few distinct values), with one
 * snapshot question of the same module text (qid). */
#define BYQ                                                                    \
    EX_CTE ", byq AS (SELECT m.module_id AS module, r.qidx AS qidx,"           \
           " r.points AS points, count(*) AS cnt, min(q.id) AS qid"            \
           " FROM modsel m JOIN responses r ON r.session_id = m.session_id"    \
           " AND r.modpos = m.position AND " EX_REACHED(                       \
               "r") " JOIN snapshot_questions q"                               \
                    " ON q.session_module_id = m.id AND q.idx = r.qidx"        \
                    " GROUP BY m.module_id, m.hash, r.qidx, r.points)"

/* Per key point: how often it was discussed and missed, set against the
 * points of the snapshot. A point is its module, question, position and
 * text. */
#define POINTS                                                                 \
    " (SELECT b.module AS module, b.qidx + 1 AS qnum,"                         \
    " p.idx AS pidx, p.text AS point, sum(b.cnt) AS discussed,"                \
    " sum(b.cnt * (((b.points >> p.idx) & 1) = 0)) AS missed"                  \
    " FROM byq b JOIN snapshot_points p ON p.question_id = b.qid"              \
    " GROUP BY b.module, b.qidx, p.idx, p.text)"

/* Key points missed, over the questions reached (EX_REACHED), most
 * missed first. */
static const char sql_points[] =
    BYQ " SELECT missed, discussed, module, 'Q' || qnum AS question,"
        " point AS key_point,"
        " json_object('module', module, 'question', qnum,"
        " 'key_point', point, 'missed', missed, 'discussed', discussed)"
        " AS json FROM" POINTS " WHERE missed > 0"
        " ORDER BY missed DESC, module, qnum, pidx"
        " LIMIT " STR(REPORT_TOP_POINTS);

/* Every key point, in module order, with how often it was reached. */
static const char sql_key_points[] = BYQ
    " SELECT module, 'Q' || qnum AS question, point AS key_point,"
    " discussed, discussed - missed AS reached,"
    " " PCT("discussed - missed",
            "discussed") " AS reached_pct,"
                         " json_object('module', module, 'question', qnum,"
                         " 'key_point', point, 'discussed', discussed,"
                         " 'reached', discussed - missed, 'reached_pct', " PCT(
                             "discussed - missed",
                             "discussed") ") AS json"
                                          " FROM" POINTS
                                          " ORDER BY module, qnum, pidx";

/* Self-study by module: attempts (module discussions in self-study),
 * those of a finished session, the questions reached, the self-ratings
 * and the give-ups. */
static const char sql_self_study[] =
    "SELECT module, attempts, finished, answered, got, partly,"
    " rated_missed, gave_up,"
    " json_object('module', module, 'attempts', attempts,"
    " 'finished', finished, 'answered', answered, 'got', got,"
    " 'partly', partly, 'rated_missed', rated_missed, 'gave_up', gave_up)"
    " AS json FROM (SELECT d.module_id AS module,"
    " count(DISTINCT d.id) AS attempts,"
    " count(DISTINCT CASE WHEN d.status = 'finished' THEN d.id END)"
    " AS finished,"
    " coalesce(sum(" EX_REACHED(
        "r") "), 0) AS answered,"
             " coalesce(sum(r.rating = 'got' AND NOT r.gave_up), 0) AS got,"
             " coalesce(sum(r.rating = 'partly' AND NOT r.gave_up), 0) AS "
             "partly,"
             " coalesce(sum(r.rating = 'missed' AND NOT r.gave_up), 0) AS "
             "rated_missed,"
             " coalesce(sum(r.gave_up), 0) AS gave_up"
             " FROM " DISC " d JOIN session_modules m ON m.id = d.id"
             " LEFT JOIN responses r ON r.session_id = m.session_id"
             " AND r.modpos = m.position"
             " WHERE d.kind = 'resident' GROUP BY d.module_id)"
             " ORDER BY module";

/* Per resident (RDISC, see make_resident_disc): the module discussions in
 * group and in self-study, the modules, the skills targeted and named
 * when targeted, and the self-ratings and give-ups of self-study. */
static const char sql_residents[] =
    "WITH a AS (SELECT min(x.did) AS first, x.who AS who, x.fkey AS fkey,"
    " sum(x.via = 'group') AS group_discussions,"
    " sum(x.via = 'self-study') AS study_discussions,"
    " count(DISTINCT d.module_id) AS modules,"
    " sum(" BITS(
        "d.tgt") ") AS target,"
                 " sum(" BITS(
                     "d.tgt & d.nmd") ") AS named_target"
                                      " FROM " RDISC " x JOIN " DISC
                                      " d ON d.id = x.did GROUP BY x.fkey),"
                                      " rt AS (SELECT x.fkey AS fkey, "
                                      "sum(r.rating = 'got' AND NOT r.gave_up) "
                                      "AS got,"
                                      " sum(r.rating = 'partly' AND NOT "
                                      "r.gave_up) AS partly,"
                                      " sum(r.rating = 'missed' AND NOT "
                                      "r.gave_up) AS "
                                      "rated_missed, sum(r.gave_up) AS gave_up"
                                      " FROM " RDISC " x JOIN session_modules "
                                      "m ON m.id = x.did"
                                      " JOIN responses r ON r.session_id = "
                                      "m.session_id"
                                      " AND r.modpos = m.position WHERE x.via "
                                      "= 'self-study'"
                                      " GROUP BY x.fkey)"
                                      " SELECT resident, group_discussions, "
                                      "study_discussions, modules,"
                                      " target, named_target, "
                                      "named_target_pct, got, partly, "
                                      "rated_missed,"
                                      " gave_up, json_object('resident', "
                                      "resident,"
                                      " 'group_discussions', group_discussions,"
                                      " 'study_discussions', "
                                      "study_discussions, 'modules', modules,"
                                      " 'target', target, 'named_target', "
                                      "named_target,"
                                      " 'named_target_pct', named_target_pct, "
                                      "'got', got, 'partly', partly,"
                                      " 'rated_missed', rated_missed, "
                                      "'gave_up', gave_up) AS json"
                                      " FROM (SELECT a.who AS resident, "
                                      "a.group_discussions,"
                                      " a.study_discussions, a.modules, "
                                      "a.target, a.named_target,"
                                      " " PCT(
                                          "a.named_target",
                                          "a.target") " AS named_target_pct,"
                                                      " coalesce(rt.got, 0) AS "
                                                      "got, "
                                                      "coalesce(rt.partly, 0) "
                                                      "AS partly,"
                                                      " coalesce(rt.rated_"
                                                      "missed, 0) AS "
                                                      "rated_missed,"
                                                      " coalesce(rt.gave_up, "
                                                      "0) AS gave_up"
                                                      " , a.fkey FROM a LEFT "
                                                      "JOIN rt ON rt.fkey = "
                                                      "a.fkey) ORDER BY fkey";

/* The period of a module discussion for --by: its month ("2026-03"), or
 * its academic block ("2025-26 B09": thirteen blocks of four weeks from
 * the year's start, :ystart "MM-DD", the last one running to the year's
 * end), of its local day (or UTC's with --utc). */
#define PERIOD                                                                 \
    "(CASE :by WHEN 'month' THEN substr(day, 1, 7) ELSE printf("               \
    "'%d-%02d B%02d', ay, (ay + 1) % 100, min(13, 1 + CAST((julianday(day)"    \
    " - julianday(printf('%04d-', ay) || :ystart)) / 28 AS INTEGER))) END)"
#define ACADEMIC_YEAR                                                          \
    "(CAST(substr(day, 1, 4) AS INTEGER) - (substr(day, 6, 5) < :ystart))"

/* Skills over time (--by month or block): per period and skill, the
 * discussions, targets, named when a target, and its rate. */
static const char sql_trend[] =
    "WITH " EX_SKILLS ", a AS (SELECT period, count(*) AS discussions," SUMS
    " FROM (SELECT *, " PERIOD " AS period FROM (SELECT *, " ACADEMIC_YEAR
    " AS ay FROM " DISC ")) d GROUP BY period)"
    " SELECT period, skill, discussions, target, named, missed, " RATES ","
    " json_object('period', period, 'skill', skill,"
    " 'discussions', discussions, 'target', target, 'named', named,"
    " 'missed', missed, " RATES_JSON ") AS json"
    " FROM (SELECT a.period, k.bit, k.name AS skill, a.discussions, " COUNTS
    " FROM a JOIN skill k) WHERE target > 0 OR named > 0"
    " ORDER BY period, bit";

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
    EX_CTE " SELECT date(p.raised_at, :tzmod) AS raised,"
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
    {"summary", sql_summary},       {"skills", sql_skills},
    {"by_module", sql_by_module},   {"by_group", sql_by_group},
    {"missed_points", sql_points},  {"stages", sql_stages},
    {"open_parking", sql_parking},  {"key_points", sql_key_points},
    {"self_study", sql_self_study}, {"residents", sql_residents},
    {"trend", sql_trend},
};

/* The SQL of a part of the report, or NULL. */
static const char *part_sql(const char *part)
{
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (strcmp(parts[i].part, part) == 0)
            return parts[i].sql;
    return NULL;
}

/* Binds :name to v when sql names it. */
static void bind_named(sqlite3_stmt *s, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i > 0)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* Prepares sql with the selection's parameters and the report's own
 * (:by, :ystart, :tzmod); NULL with *err set. */
static sqlite3_stmt *prepare(const struct store_report *q, const char *sql,
                             char **err)
{
    sqlite3_stmt *s = ex_prepare(&q->r, sql, err);
    if (s) {
        bind_named(s, ":by", q->by);
        bind_named(s, ":ystart", q->ystart);
        bind_named(s, ":tzmod", q->tzmod);
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
 * the resident of a self-study, and the names of a group session's
 * free-text participants (split at ',', ';', '&' and line breaks;
 * pbl_fold() keys, so case and spaces do not matter). This is the one
 * place that says who a resident's discussions are: once sessions record
 * attendance from the roster, this query becomes a join of it. */
static const char sql_resident_disc[] =
    "CREATE TEMP TABLE pbl_report_rdisc AS"
    " WITH RECURSIVE split(did, rest, name) AS (SELECT d.id,"
    " replace(replace(replace(coalesce(s.participants, ''), ';', ','),"
    " '&', ','), char(10), ',') || ',', NULL"
    " FROM " DISC " d JOIN sessions s ON s.id = d.sid"
    " WHERE d.kind = 'group'"
    " UNION ALL SELECT did, substr(rest, instr(rest, ',') + 1),"
    " trim(substr(rest, 1, instr(rest, ',') - 1), ' ' || char(9, 13))"
    " FROM split WHERE rest <> '')"
    " SELECT d.fkey AS fkey, d.who AS who, d.id AS did, 'self-study' AS via"
    " FROM " DISC " d WHERE d.kind = 'resident'"
    " UNION ALL SELECT pbl_fold(name), name, did, 'group' FROM split"
    " WHERE name IS NOT NULL AND name <> ''";

/* Fills the TEMP tables of the selected module discussions and of who
 * took part in them. */
static int make_disc(const struct store_report *q, char **err)
{
    sqlite3_exec(q->r.db, "DROP TABLE IF EXISTS " DISC, NULL, NULL, NULL);
    sqlite3_exec(q->r.db, "DROP TABLE IF EXISTS " RDISC, NULL, NULL, NULL);
    int rc = exec(q, sql_disc, err);
    return rc == EXPORT_OK ? exec(q, sql_resident_disc, err) : rc;
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
    year_start(st, q->ystart, sizeof q->ystart);
    int rc = ex_resolve(st, &s, true, &q->r, err);
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
    sqlite3_stmt *s = prepare(q, sql, err);
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
