/* export_json.c - the complete record for other programs, built by
 * SQLite's JSON functions (so every string is escaped by SQLite, valid
 * for any UTF-8 text):
 *
 *   {"format": "pbl-export", "version": 1, "exported_at": "...",
 *    "sessions": [
 *      {"uuid": ..., "kind": ..., ..., "parking_lot": [...],
 *       "review_comments": [...], "modules": [
 *         {"number": 1, "id": ..., ..., "questions": [
 *           {"number": 1, "prompt": ..., "answer": ..., ...}, ...]},
 *         ...]},
 *      ...]}
 *
 * Streamed: SQLite makes one object per session (without its modules),
 * one per module (without its questions) and one per question, written
 * one at a time, so memory holds one question at most. An object is
 * opened by writing SQLite's text without its closing brace, then the
 * member that holds its parts, then the brace.
 *
 * SQLite copies a string's bytes as they are, so its text goes out
 * through text_safe_write(): invalid UTF-8 (which would make the whole
 * file unreadable to a JSON parser) and C1 controls become U+FFFD, bidi
 * controls are dropped; C0 controls SQLite has escaped already. */
#include <string.h>

#include "export_impl.h"
#include "pbl/text.h"

/* The SQL below is laid out by hand. */
/* clang-format off */

/* A JSON array of the names of the skills in the SQL bit set `x` (an
 * expression, not a subquery: it runs for every question). */
#define SKILL_IF(x, bit, name) \
    " CASE WHEN (" x ") & " #bit " THEN ',\"" name "\"' ELSE '' END"
#define SKILLS_JSON(x) \
    "json('[' || substr(" \
    SKILL_IF(x, 1, "reliability") " ||" \
    SKILL_IF(x, 2, "responsiveness") " ||" \
    SKILL_IF(x, 4, "assurance") " ||" \
    SKILL_IF(x, 8, "empathy") " ||" \
    SKILL_IF(x, 16, "tangibles") ", 2) || ']')"

#define JSON_BOOL(x) "json(iif(" x ", 'true', 'false'))"
/* A stored JSON list, or [] when a damaged record holds something else. */
#define JSON_LIST(x)                                                           \
    "json(CASE WHEN json_valid(" x ") AND json_type(" x ") = 'array'"         \
    " THEN " x " ELSE '[]' END)"

static const char sql_head[] =
    "SELECT json_object('format', 'pbl-export', 'version', 1,"
    " 'exported_at', :now)";

static const char sql_sessions[] =
    EX_CTE
    " SELECT s.id, json_object("
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
    "  WHERE session_id = s.id ORDER BY created_at, id) c)))"
    EX_SELECTED_SESSIONS;

/* The module discussions of session :sid, one object a row (its
 * questions follow from sql_questions); columns: row id, position, JSON. */
static const char sql_modules[] =
    "SELECT m.id, m.position, json_object("
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
    "  GROUP BY t.stage ORDER BY " EX_STAGE_RANK("t.stage") "))))"
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
    " 'updated_at', r.updated_at)"
    " FROM snapshot_questions q LEFT JOIN responses r"
    " ON r.session_id = :sid AND r.modpos = :pos AND r.qidx = q.idx"
    " WHERE q.session_module_id = :mid ORDER BY q.idx";

/* clang-format on */

/* Writes a JSON object without its closing brace, and a comma when it
 * has members, so that more members can follow. */
static void open_object(FILE *out, const char *obj)
{
    size_t n = obj ? strlen(obj) : 0;
    if (n < 2 || obj[n - 1] != '}') {
        fputs("{", out);
        return;
    }
    text_safe_write(out, obj, n - 1, TEXT_SAFE_BREAKS);
    if (n > 2)
        putc(',', out);
}

static void bind(sqlite3_stmt *s, const char *name, sqlite3_int64 v)
{
    sqlite3_bind_int64(s, sqlite3_bind_parameter_index(s, name), v);
}

/* A list of objects, one a row of `s` (column `col`); SQLITE_DONE or an
 * error code. */
static int write_rows(sqlite3_stmt *s, int col, FILE *out)
{
    int rc, n = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        fputs(n++ ? ",\n" : "\n", out);
        const char *row = (const char *)sqlite3_column_text(s, col);
        text_safe_write(out, row, row ? strlen(row) : 0, TEXT_SAFE_BREAKS);
    }
    sqlite3_reset(s);
    return rc;
}

/* "modules": each module object, opened to take its "questions";
 * SQLITE_DONE or the failed step's code. */
static int write_modules(sqlite3_stmt *mods, sqlite3_stmt *qs,
                         sqlite3_int64 sid, FILE *out)
{
    int rc, n = 0;
    bind(mods, ":sid", sid);
    fputs("\"modules\":[", out);
    while ((rc = sqlite3_step(mods)) == SQLITE_ROW) {
        fputs(n++ ? ",\n" : "\n", out);
        open_object(out, (const char *)sqlite3_column_text(mods, 2));
        fputs("\"questions\":[", out);
        bind(qs, ":sid", sid);
        bind(qs, ":mid", sqlite3_column_int64(mods, 0));
        bind(qs, ":pos", sqlite3_column_int64(mods, 1));
        if ((rc = write_rows(qs, 0, out)) != SQLITE_DONE)
            break;
        fputs("]}", out);
    }
    sqlite3_reset(mods);
    fputs("]}", out);
    return rc;
}

int ex_write_json(const struct ex_sel *r, FILE *out, char **err)
{
    sqlite3_stmt *head = ex_prepare(r, sql_head, err);
    sqlite3_stmt *sess = head ? ex_prepare(r, sql_sessions, err) : NULL;
    sqlite3_stmt *mods = sess ? ex_prepare(r, sql_modules, err) : NULL;
    sqlite3_stmt *qs = mods ? ex_prepare(r, sql_questions, err) : NULL;
    int rc = qs ? EXPORT_OK : EXPORT_ERROR, step = SQLITE_DONE, n = 0;
    if (rc == EXPORT_OK && sqlite3_step(head) != SQLITE_ROW)
        rc = ex_db_error(r->db, err);
    if (rc == EXPORT_OK) {
        open_object(out, (const char *)sqlite3_column_text(head, 0));
        fputs("\"sessions\":[", out);
        while ((step = sqlite3_step(sess)) == SQLITE_ROW) {
            fputs(n++ ? ",\n" : "\n", out);
            open_object(out, (const char *)sqlite3_column_text(sess, 1));
            step = write_modules(mods, qs, sqlite3_column_int64(sess, 0), out);
            if (step != SQLITE_DONE)
                break;
        }
        if (step != SQLITE_DONE)
            rc = ex_step_error(r->db, step, err);
        else
            fputs("\n]}\n", out);
    }
    sqlite3_finalize(qs);
    sqlite3_finalize(mods);
    sqlite3_finalize(sess);
    sqlite3_finalize(head);
    return rc;
}
