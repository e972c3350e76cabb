/* store_walk_json.c - the walk's fast path for the JSON export
 * (walk_visitor.json): each session, module and question comes as one
 * JSON object built by SQLite's JSON functions, so every string is
 * escaped by SQLite, valid for any UTF-8 text. A session's object holds
 * its parking lot and review comments, a module's its stage times, a
 * question's its key points; the visitor nests the modules in the
 * sessions and the questions in the modules. Streamed: one object at a
 * time, so memory holds one question at most. */
#include <string.h>

#include "store_impl.h"
#include "store_rows.h"
#include "store_select.h"

/* The SQL below is laid out by hand. */
/* clang-format off */

/* A JSON array of the names of the skills in the SQL bit set `x` (an
 * expression, not a subquery: it runs for every question). */
#define SKILL_IF(x, id, name, key, bit) \
    " CASE WHEN (" x ") & " #bit " THEN ',\"" #name "\"' ELSE '' END ||"
#define SKILLS_JSON(x) \
    "json('[' || substr(" PBL_SKILLS_WITH(SKILL_IF, x) " '', 2) || ']')"

#define JSON_BOOL(x) "json(iif(" x ", 'true', 'false'))"
/* A stored JSON list, or [] when a damaged record holds something else. */
#define JSON_LIST(x)                                                           \
    "json(CASE WHEN json_valid(" x ") AND json_type(" x ") = 'array'"         \
    " THEN " x " ELSE '[]' END)"

static const char sql_head[] =
    "SELECT json_object('format', 'pbl-export', 'version', 1,"
    " 'exported_at', :now) AS json";

static const char sql_sessions[] =
    EX_CTE
    " SELECT s.id AS sid, json_object("
    " 'uuid', s.uuid, 'kind', s.kind, 'status', s.status,"
    " 'group', s.group_name, 'facilitator', s.facilitator,"
    " 'resident', s.resident, 'participants', s.participants,"
    " 'notes', s.notes, 'started_at', s.started_at,"
    " 'ended_at', s.ended_at,"
    " 'duration_seconds', CASE WHEN s.ended_at IS NOT NULL THEN"
    "  max(0, CAST(strftime('%s', s.ended_at) AS INTEGER)"
    "  - CAST(strftime('%s', s.started_at) AS INTEGER)) END,"
    " 'summary_seconds', (SELECT sum(" EX_SECS("t") ")"
    "  FROM stage_timings t WHERE t.session_id = s.id"
    "  AND t.stage = 'summary'),"
    " 'parking_lot', json((SELECT json_group_array(json_object("
    "  'text', p.text, 'raised_at', p.raised_at,"
    "  'raised_in_this_session', " JSON_BOOL("p.here") ","
    "  'resolved_at', p.resolved_at, 'resolved_in', p.resolved_in))"
    "  FROM (SELECT p.text, p.raised_at, p.resolved_at,"
    "  r.uuid AS resolved_in, p.session_id = s.id AS here"
    "  FROM parking p LEFT JOIN sessions r"
    "  ON r.id = p.resolved_session_id"
    "  WHERE p.session_id = s.id OR p.resolved_session_id = s.id"
    "  ORDER BY p.raised_at, p.id) p)),"
    " 'review_comments', json((SELECT json_group_array(json_object("
    "  'text', c.text, 'created_at', c.created_at))"
    "  FROM (SELECT text, created_at FROM review_comments"
    "  WHERE session_id = s.id ORDER BY created_at, id) c))) AS json"
    EX_SELECTED_SESSIONS;

/* The module discussions of session :sid, one object a row (its
 * questions follow from sql_questions). */
static const char sql_modules[] =
    "SELECT m.id AS mid, m.position AS pos, json_object("
    " 'number', m.position + 1, 'id', m.module_id, 'title', m.title,"
    " 'version', m.version, 'hash', m.hash, 'summary', m.summary,"
    " 'level', m.level,"
    " 'target_skills', " SKILLS_JSON("m.skills") ","
    " 'customers', " JSON_LIST("m.customers") ","
    " 'tags', " JSON_LIST("m.tags") ","
    " 'scenario', m.scenario,"
    " 'video', json(CASE WHEN m.video_url IS NOT NULL THEN json_object("
    "  'url', m.video_url, 'title', m.video_title,"
    "  'minutes', m.video_minutes) END),"
    " 'skills_named', " SKILLS_JSON("m.named") ","
    " 'skills_missed', " SKILLS_JSON("m.skills & ~m.named") ","
    " 'stages', json((SELECT json_group_array(json_object('stage', stage,"
    "  'visits', visits, 'seconds', secs, 'time_box_minutes', planned))"
    "  FROM (SELECT t.stage, count(*) AS visits,"
    "  sum(" EX_SECS("t") ") AS secs, max(t.planned_minutes) AS planned"
    "  FROM stage_timings t WHERE t.session_id = m.session_id"
    "  AND t.modpos = m.position"
    "  AND t.stage NOT IN ('summary', 'opening', 'closing')"
    "  GROUP BY t.stage ORDER BY " EX_STAGE_RANK("t.stage") ")))) AS json"
    " FROM (SELECT m.id, m.session_id, m.position, m.module_id, m.title,"
    " m.version, m.hash, m.summary, m.level, m.skills, m.customers, m.tags,"
    " m.scenario, m.video_url, m.video_title, m.video_minutes,"
    " " EX_NAMED("m") " AS named FROM session_modules m"
    " WHERE m.session_id = :sid AND " EX_MODULE_FILTER
    " ORDER BY m.position) m";

/* The questions of module discussion :mid (position :pos of session
 * :sid), one object a row. */
static const char sql_questions[] =
    "SELECT json_object('number', q.idx + 1, 'prompt', q.prompt,"
    " 'kind', q.kind, 'time_box_minutes', q.minutes,"
    " 'seconds_spent', (SELECT sum(" EX_SECS("t") ")"
    "  FROM stage_timings t WHERE t.session_id = :sid AND t.modpos = :pos"
    "  AND t.stage = 'q' || (q.idx + 1)),"
    " 'model_answer', q.answer, 'facilitator_notes', q.notes,"
    " 'recorded', " JSON_BOOL("r.created_at IS NOT NULL") ","
    " 'answer', r.text, 'draft', r.draft,"
    " 'draft_saved_at', r.draft_saved_at,"
    " 'skills_tagged', " SKILLS_JSON("coalesce(r.skills, 0)") ","
    " 'key_points', json((SELECT json_group_array(json_object("
    "  'number', p.idx + 1, 'text', p.text,"
    "  'reached', " JSON_BOOL("(coalesce(r.points, 0) >> p.idx) & 1") "))"
    "  FROM (SELECT idx, text FROM snapshot_points"
    "  WHERE question_id = q.id ORDER BY idx) p)),"
    " 'customers_named', CASE WHEN q.kind = 'customers' THEN"
    "  json((SELECT json_group_array(c.value) FROM session_modules sm,"
    "  json_each(" JSON_LIST("sm.customers") ") c"
    "  WHERE sm.id = q.session_module_id"
    "  AND (coalesce(r.customers, 0) >> c.key) & 1)) END,"
    " 'self_rating', r.rating,"
    " 'gave_up', " JSON_BOOL("coalesce(r.gave_up, 0)") ","
    " 'revealed_at', r.revealed_at,"
    " 'answer_at_reveal', r.revealed_text,"
    " 'edited_after_reveal', " JSON_BOOL(
        "coalesce(" STORE_SQL_EDITED_AFTER_REVEAL("r") ", 0)") ","
    " 'created_at', r.created_at,"
    " 'updated_at', r.updated_at) AS json"
    " FROM snapshot_questions q LEFT JOIN responses r"
    " ON r.session_id = :sid AND r.modpos = :pos AND r.qidx = q.idx"
    " WHERE q.session_module_id = :mid ORDER BY q.idx";

/* clang-format on */

static void bind(sqlite3_stmt *s, const char *name, sqlite3_int64 v)
{
    sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, name), v);
}

/* The number of the column named `name` (the statements above name
 * every column they have); 0 when there is none. */
static int column(sqlite3_stmt *s, const char *name)
{
    for (int i = 0; i < sqlite3_column_count(s); i++)
        if (strcmp(sqlite3_column_name(s, i), name) == 0)
            return i;
    return 0;
}

#define TEXT(s, name)                                                          \
    ((const char *)sqlite3_column_text((s), column((s), name)))

#define CALL(v, ctx, fn, ...)                                                  \
    do {                                                                       \
        if ((v)->fn)                                                           \
            (v)->fn((ctx), __VA_ARGS__);                                       \
    } while (0)

/* The questions of module `m` (row `mid` at position `pos` of session
 * `sid`); SQLITE_DONE or the failed step's code. */
static int walk_questions(sqlite3_stmt *qs, const struct walk_visitor *v,
                          void *ctx, const struct walk_session *es,
                          const struct walk_module *m, sqlite3_int64 sid,
                          sqlite3_int64 mid, sqlite3_int64 pos)
{
    int rc, number = 0;
    bind(qs, ":sid", sid);
    bind(qs, ":mid", mid);
    bind(qs, ":pos", pos);
    while ((rc = sqlite3_step(qs)) == SQLITE_ROW) {
        struct walk_question q = {.number = ++number, .json = TEXT(qs, "json")};
        CALL(v, ctx, question, es, m, &q);
        CALL(v, ctx, question_end, es, &q);
    }
    sqlite3_reset(qs);
    return rc;
}

/* The modules of session `sid`, each with its questions. */
static int walk_modules(sqlite3_stmt *mods, sqlite3_stmt *qs,
                        const struct walk_visitor *v, void *ctx,
                        const struct walk_session *es, sqlite3_int64 sid)
{
    int rc;
    bind(mods, ":sid", sid);
    while ((rc = sqlite3_step(mods)) == SQLITE_ROW) {
        sqlite3_int64 pos = sqlite3_column_int64(mods, column(mods, "pos"));
        int idx = col_index(mods, column(mods, "pos"));
        struct walk_module m = {.number = idx >= 0 ? idx + 1 : 0,
                                .json = TEXT(mods, "json")};
        CALL(v, ctx, module, es, &m);
        rc = walk_questions(qs, v, ctx, es, &m, sid,
                            sqlite3_column_int64(mods, column(mods, "mid")),
                            pos);
        if (rc != SQLITE_DONE)
            break;
        CALL(v, ctx, module_end, &m);
    }
    sqlite3_reset(mods);
    return rc;
}

int store_walk_json(const struct ex_sel *r, const struct walk_visitor *v,
                    void *ctx, long long n, char **err)
{
    sqlite3_stmt *head = ex_prepare(r, sql_head, err);
    sqlite3_stmt *sess = head ? ex_prepare(r, sql_sessions, err) : NULL;
    sqlite3_stmt *mods = sess ? ex_prepare(r, sql_modules, err) : NULL;
    sqlite3_stmt *qs = mods ? ex_prepare(r, sql_questions, err) : NULL;
    int rc = qs ? 0 : -1, step = SQLITE_DONE, number = 0;
    if (rc == 0 && sqlite3_step(head) != SQLITE_ROW)
        rc = ex_db_error(r->db, err);
    if (rc == 0) {
        struct walk_doc d = {n, r->now, TEXT(head, "json")};
        CALL(v, ctx, begin, &d);
        while ((step = sqlite3_step(sess)) == SQLITE_ROW) {
            struct walk_session es = {.number = ++number,
                                      .json = TEXT(sess, "json")};
            CALL(v, ctx, session, &es);
            step =
                walk_modules(mods, qs, v, ctx, &es,
                             sqlite3_column_int64(sess, column(sess, "sid")));
            if (step != SQLITE_DONE)
                break;
            CALL(v, ctx, session_end, &es);
        }
        if (step != SQLITE_DONE)
            rc = ex_step_error(r->db, step, err);
        else
            CALL(v, ctx, end, &d);
    }
    sqlite3_finalize(qs);
    sqlite3_finalize(mods);
    sqlite3_finalize(sess);
    sqlite3_finalize(head);
    return rc;
}
