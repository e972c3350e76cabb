/* store_report_parts.c - the queries of the report's parts (see
 * store_report.h), over the TEMP tables store_report.c makes: the module
 * discussions (DISC), who took part in them (RDISC) and the milestones
 * they serve (MS). Every column is named as the report's column is, and
 * `json` is the row as a JSON object. */
#include "store_report_impl.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/* The sessions counted (those with a module discussed), and the ones
 * left out: selected but with no question reached, or matching every
 * filter but --status (by status: "1 abandoned, 2 active"). */
static const char sql_summary[] =
    EX_CTE ", ss AS (SELECT s.started_at AS started,"
           " s.id IN (SELECT sid FROM " DISC ") AS counted"
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

static const char sql_skills[] =
    "WITH " EX_SKILLS ", a AS (SELECT count(*) AS discussions" SUMS
    " FROM " DISC " d WHERE " WHO(
        "d.id") ")"
                " SELECT skill, target, named, missed, " RATES ","
                " json_object('skill', skill, 'target', target, 'named', named,"
                " 'missed', missed, " RATES_JSON ") AS json"
                " FROM (SELECT k.bit, k.name AS skill, a.discussions, " COUNTS
                " FROM skill k JOIN a) ORDER BY bit";

static const char sql_by_module[] =
    "WITH " EX_SKILLS ", a AS (SELECT d.module_id AS module,"
    " count(*) AS discussions" SUMS " FROM " DISC " d"
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
    " min(d.sid) AS first, count(*) AS discussions" SUMS " FROM " DISC " d"
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
                                      " d ON d.id = x.did WHERE " WHO_KEY(
                                          "x.fkey") " GROUP BY x.fkey),"
                                                    " rt AS (SELECT x.fkey AS "
                                                    "fkey, "
                                                    "sum(r.rating = 'got' AND "
                                                    "NOT r.gave_up) "
                                                    "AS got,"
                                                    " sum(r.rating = 'partly' "
                                                    "AND NOT "
                                                    "r.gave_up) AS partly,"
                                                    " sum(r.rating = 'missed' "
                                                    "AND NOT "
                                                    "r.gave_up) AS "
                                                    "rated_missed, "
                                                    "sum(r.gave_up) AS gave_up"
                                                    " FROM " RDISC
                                                    " x JOIN session_modules "
                                                    "m ON m.id = x.did"
                                                    " JOIN responses r ON "
                                                    "r.session_id = "
                                                    "m.session_id"
                                                    " AND r.modpos = "
                                                    "m.position WHERE x.via "
                                                    "= 'self-study'"
                                                    " GROUP BY x.fkey)"
                                                    " SELECT resident, "
                                                    "group_discussions, "
                                                    "study_discussions, "
                                                    "modules,"
                                                    " target, named_target, "
                                                    "named_target_pct, got, "
                                                    "partly, "
                                                    "rated_missed,"
                                                    " gave_up, "
                                                    "json_object('resident', "
                                                    "resident,"
                                                    " 'group_discussions', "
                                                    "group_discussions,"
                                                    " 'study_discussions', "
                                                    "study_discussions, "
                                                    "'modules', modules,"
                                                    " 'target', target, "
                                                    "'named_target', "
                                                    "named_target,"
                                                    " 'named_target_pct', "
                                                    "named_target_pct, "
                                                    "'got', got, 'partly', "
                                                    "partly,"
                                                    " 'rated_missed', "
                                                    "rated_missed, "
                                                    "'gave_up', gave_up) AS "
                                                    "json"
                                                    " FROM (SELECT a.who AS "
                                                    "resident, "
                                                    "a.group_discussions,"
                                                    " a.study_discussions, "
                                                    "a.modules, "
                                                    "a.target, a.named_target,"
                                                    " " PCT(
                                                        "a.named_target",
                                                        "a.target") " AS "
                                                                    "named_"
                                                                    "target_"
                                                                    "pct,"
                                                                    " coalesce("
                                                                    "rt.got, "
                                                                    "0) AS "
                                                                    "got, "
                                                                    "coalesce("
                                                                    "rt.partly,"
                                                                    " 0) "
                                                                    "AS partly,"
                                                                    " coalesce("
                                                                    "rt.rated_"
                                                                    "missed, "
                                                                    "0) AS "
                                                                    "rated_"
                                                                    "missed,"
                                                                    " coalesce("
                                                                    "rt.gave_"
                                                                    "up, "
                                                                    "0) AS "
                                                                    "gave_up"
                                                                    " , a.fkey "
                                                                    "FROM a "
                                                                    "LEFT "
                                                                    "JOIN rt "
                                                                    "ON "
                                                                    "rt.fkey = "
                                                                    "a.fkey) "
                                                                    "ORDER BY "
                                                                    "fkey";

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

/* The module discussions of the trend, each with its period: by month or
 * block, every discussion (PERIOD); by class, a discussion once for each
 * class of the roster residents who took part in it (RDISC), so that a
 * group session of PGY1s and PGY2s counts in both. */
#define TREND_DISC                                                             \
    "(SELECT *, " PERIOD " AS period FROM (SELECT *, " ACADEMIC_YEAR           \
    " AS ay FROM " DISC " d0 WHERE :by <> 'class' AND " WHO(                   \
        "d0.id") ")"                                                           \
                 " UNION ALL SELECT DISTINCT d0.*, 0 AS ay, x.klass AS period" \
                 " FROM " RDISC " x JOIN " DISC " d0 ON d0.id = x.did"         \
                 " WHERE :by = 'class' AND x.klass IS NOT NULL AND " WHO_KEY(  \
                     "x.fkey") ")"

/* Skills over time (--by month or block), or by class (--by class): per
 * period and skill, the discussions, targets, named when a target, and
 * its rate. */
/* clang-format off */
static const char sql_trend[] =
    "WITH " EX_SKILLS ", a AS (SELECT period, count(*) AS discussions" SUMS
    " FROM " TREND_DISC " d GROUP BY period)"
    " SELECT period, skill, discussions, target, named, missed, " RATES ","
    " json_object('period', period, 'skill', skill,"
    " 'discussions', discussions, 'target', target, 'named', named,"
    " 'missed', missed, " RATES_JSON ") AS json"
    " FROM (SELECT a.period, k.bit, k.name AS skill, a.discussions, " COUNTS
    " FROM a JOIN skill k) WHERE target > 0 OR named > 0"
    " ORDER BY period, bit";
/* clang-format on */

/* Evidence per milestone per resident: the module discussions of the
 * modules that name the milestone, the skills that were a target there
 * and those named when a target (with its rate). */
static const char sql_milestones[] =
    "SELECT resident, milestone, discussions, target, named_target,"
    " " PCT(
        "named_target",
        "target") " AS named_target_pct,"
                  " json_object('resident', resident, 'milestone', "
                  "milestone,"
                  " 'discussions', discussions, 'target', target,"
                  " 'named_target', named_target, 'named_target_pct', " PCT(
                      "named_target",
                      "target") ") AS json"
                                " FROM (SELECT min(x.did) AS first, x.who "
                                "AS "
                                "resident, x.fkey AS fkey,"
                                " ms.milestone AS milestone, count(*) AS "
                                "discussions,"
                                " sum(" BITS(
                                    "d.tgt") ") AS target,"
                                             " sum(" BITS(
                                                 "d.tgt & d.nmd") ") AS "
                                                                  "named_"
                                                                  "target"
                                                                  " FROM"
                                                                  " " RDISC
                                                                  " x "
                                                                  "JOIN"
                                                                  " " DISC
                                                                  " d ON "
                                                                  "d.id "
                                                                  "= x.did"
                                                                  " JOIN"
                                                                  " " MS
                                                                  " ms ON "
                                                                  "ms.hash "
                                                                  "= "
                                                                  "d.hash "
                                                                  "WHERE"
                                                                  " " WHO_KEY(
                                                                      "x."
                                                                      "fke"
                                                                      "y") " GR"
                                                                           "OUP"
                                                                           " BY"
                                                                           " "
                                                                           "x."
                                                                           "fke"
                                                                           "y, "
                                                                           "ms."
                                                                           "mil"
                                                                           "est"
                                                                           "one"
                                                                           ") "
                                                                           "ORD"
                                                                           "ER "
                                                                           "BY "
                                                                           "fke"
                                                                           "y, "
                                                                           "mil"
                                                                           "est"
                                                                           "on"
                                                                           "e";

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

/* The review comments on the selected sessions; with :who (the resident
 * summary), only on the sessions the resident took part in. */
static const char sql_comments[] = EX_CTE
    " SELECT date(c.created_at, :tzmod) AS day,"
    " CASE s.kind WHEN 'group' THEN 'group' ELSE 'resident' END"
    " AS kind,"
    " CASE s.kind WHEN 'group' THEN s.group_name ELSE s.resident END"
    " AS name,"
    " substr(s.uuid, 1, 8) AS session, c.text AS comment,"
    " json_object('created_at', c.created_at, 'session', s.uuid,"
    " 'text', c.text) AS json"
    " FROM review_comments c JOIN sessions s ON s.id = c.session_id"
    " WHERE" EX_IS_SELECTED " AND (:who IS NULL OR EXISTS (SELECT 1"
    " FROM " DISC
    " d WHERE d.sid = s.id AND " WHO("d.id") "))"
                                             " ORDER BY c.created_at, c.id";

const struct srp_part srp_parts[] = {
    {"summary", sql_summary, false},
    {"skills", sql_skills, false},
    {"by_module", sql_by_module, false},
    {"by_group", sql_by_group, false},
    {"missed_points", sql_points, false},
    {"stages", sql_stages, false},
    {"open_parking", sql_parking, true},
    {"key_points", sql_key_points, false},
    {"self_study", sql_self_study, false},
    {"residents", sql_residents, false},
    {"trend", sql_trend, false},
    {"milestones", sql_milestones, false},
    {"comments", sql_comments, true},
};

const int srp_nparts = sizeof srp_parts / sizeof srp_parts[0];
