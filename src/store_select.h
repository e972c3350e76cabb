/* store_select.h - the selection of sessions as SQL, inside the store:
 * not part of any API. Used by src/store*.c alone (the walk, and the
 * report's queries in src/store_report*.c); nothing else may include it.
 *
 * The selection is resolved once into SQL parameters (lists as JSON
 * arrays, matched with json_each), and EX_CTE turns them into the CTE
 * `sel(id)` of the selected sessions and `modsel` of their selected module
 * discussions. Only the outermost query of a walk uses the CTE; the
 * queries run once per session or per module take the row ids, so a walk
 * stays linear in its size. */
#ifndef PBL_STORE_SELECT_H
#define PBL_STORE_SELECT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "pbl/clock.h"
#include "pbl/skills.h"
#include "pbl/store.h"
#include "pbl/store_walk.h"

/* A selection, resolved: every list a JSON array or NULL. */
struct ex_sel {
    sqlite3 *db;
    char *sessions, *groups, *residents, *modules, *statuses; /* JSON arrays
                                                                 or NULL */
    const char *from, *to, *kind;                             /* or NULL */
    long long limit;                                          /* -1: no limit */
    char now[CLOCK_ISO_LEN + 1];
};

/* Resolves `in` against the store's connection into *out. 0, or -1 with
 * *err set. */
int store_sel_open(struct pbl_store *st, const struct store_selection *in,
                   struct ex_sel *out, char **err);
void ex_sel_free(struct ex_sel *r);

/* Prepares `sql` and binds every selection parameter it names (:sessions,
 * :groups, :residents, :modules, :statuses, :from, :to, :kind, :limit,
 * :now). NULL with *err set on failure. */
sqlite3_stmt *ex_prepare(const struct ex_sel *r, const char *sql, char **err);

/* Binds text (or NULL) to the parameter `name` (":by") when the
 * statement has it. */
void ex_bind_named(sqlite3_stmt *s, const char *name, const char *v);

/* *err = "cannot read the sessions: <SQLite's message>"; returns -1
 * (EXPORT_ERROR). */
int ex_db_error(sqlite3 *db, char **err);
/* The same for a step that returned rc: SQLite's message when the
 * connection still has it, else rc's own ("database disk image is
 * malformed"), never "not an error". */
int ex_step_error(sqlite3 *db, int rc, char **err);

/* The walk's JSON path (store_walk_json.c) over a resolved selection
 * of n sessions: 0, or -1 with *err set. */
int store_walk_json(const struct ex_sel *r, const struct walk_visitor *v,
                    void *ctx, long long n, char **err);

/* Number of sessions selected: 0 (EXPORT_OK) or -1 with *err. */
int ex_count(const struct ex_sel *r, long long *n, char **err);

/* The selection CTE; the skill names (bit, name) in enum pbl_skill order;
 * the session-and-module filter of a per-session query. */
/* The --status filter of the selection, on sessions row `s`. */
#define EX_STATUS_FILTER                                                       \
    " (:statuses IS NULL OR s.status IN"                                       \
    "   (SELECT value FROM json_each(:statuses)))"

/* The filters of the selection, on sessions row `s`. */
#define EX_SESSION_FILTER EX_SESSION_FILTER_BUT_STATUS " AND" EX_STATUS_FILTER

/* The roster resident a folded name key names: the one whose current
 * name it is, else the one who held it last as a former name; NULL. */
#define EX_RESIDENT_ID(key)                                                    \
    "coalesce((SELECT c.id FROM residents c WHERE c.name_key = " key "),"      \
    " (SELECT n.resident_id FROM resident_names n WHERE n.name_key = " key     \
    " ORDER BY n.until DESC LIMIT 1))"

/* Whether the resident of row `w` (k: the name's key, rid: their roster
 * id or NULL) took part in sessions row `s`, as the report counts it
 * (store_report.c's resident discussions): a self-study typed under the
 * name, linked to them or typed under a name of theirs; a group session
 * they attended; a group session with no attendance whose free-text
 * participants name them by a current or former name (pbl_names_has). */
#define EX_TOOK_PART                                                           \
    " (pbl_fold(s.resident) = w.k OR (w.rid IS NOT NULL AND ("                 \
    "  s.resident_id = w.rid OR (s.kind = 'self-study'"                        \
    "   AND s.resident_id IS NULL AND " EX_RESIDENT_ID(                        \
        "pbl_fold(s.resident)") "   = w.rid)"                                  \
                                "  OR EXISTS (SELECT 1 FROM attendance a "     \
                                "WHERE a.session_id = s.id"                    \
                                "   AND a.resident_id = w.rid)"                \
                                "  OR (s.kind = 'group' AND NOT EXISTS "       \
                                "(SELECT 1 FROM attendance a"                  \
                                "   WHERE a.session_id = s.id) AND EXISTS "    \
                                "(SELECT 1 FROM residents c"                   \
                                "   WHERE c.id = w.rid AND "                   \
                                "pbl_names_has(s.participants, c.name_key)"    \
                                "   UNION ALL SELECT 1 FROM resident_names n " \
                                "WHERE n.resident_id = w.rid"                  \
                                "   AND pbl_names_has(s.participants, "        \
                                "n.name_key))))))"

/* Every filter but --status (the report counts what that left out).
 * :from and :to are days ("YYYY-MM-DD", UTC's, both inclusive) or
 * instants ("YYYY-MM-DDTHH:MM:SSZ": from inclusive, to exclusive; the
 * report's local days).
 * Group and resident names are compared by pbl_fold() (spaces and Unicode
 * case do not matter); --resident selects the sessions the resident took
 * part in (EX_TOOK_PART). */
#define EX_SESSION_FILTER_BUT_STATUS                                           \
    " (:sessions IS NULL OR s.uuid IN"                                         \
    "   (SELECT value FROM json_each(:sessions)))"                             \
    " AND (:from IS NULL OR s.started_at >= :from)"                            \
    " AND (:to IS NULL OR CASE WHEN length(:to) = 10"                          \
    "   THEN substr(s.started_at, 1, 10) <= :to ELSE s.started_at < :to END)"  \
    " AND (:groups IS NULL OR pbl_fold(s.group_name) IN"                       \
    "   (SELECT pbl_fold(value) FROM json_each(:groups)))"                     \
    " AND (:residents IS NULL OR EXISTS (SELECT 1 FROM"                        \
    "   (SELECT pbl_fold(j.value) AS k, " EX_RESIDENT_ID(                      \
        "pbl_fold(j.value)") "   AS rid FROM json_each(:residents) j) w "      \
                             "WHERE" EX_TOOK_PART "))"                         \
                             " AND (:kind IS NULL OR s.kind = :kind)"          \
                             " AND (:modules IS NULL OR EXISTS (SELECT 1 "     \
                             "FROM session_modules m"                          \
                             "   WHERE m.session_id = s.id AND m.module_id IN" \
                             "   (SELECT value FROM json_each(:modules))))"

/* True when sessions row `s` is selected. Queries test each row rather
 * than collect the selection (an `IN (SELECT id FROM sel)` builds a
 * temporary index of every selected session), so their memory does not
 * grow with the number of sessions. Only a limit (the most recent N)
 * reads `sel`, of N ids. */
#define EX_IS_SELECTED                                                         \
    EX_SESSION_FILTER " AND (:limit < 0 OR s.id IN (SELECT id FROM sel))"

/* The selected sessions `s`, in the order of an export: the index on
 * started_at (with the row id, the tie-break) is scanned in order, so
 * nothing is sorted. */
#define EX_SELECTED_SESSIONS                                                   \
    " FROM sessions s WHERE" EX_IS_SELECTED " ORDER BY s.started_at, s.id"

#define EX_CTE                                                                 \
    "WITH sel(id) AS (SELECT s.id FROM sessions s WHERE" EX_SESSION_FILTER     \
    " ORDER BY s.started_at DESC, s.id DESC LIMIT :limit),"                    \
    " modsel AS (SELECT m.id, m.session_id, m.position, m.module_id,"          \
    " m.version, m.hash, m.skills FROM session_modules m"                      \
    " JOIN sessions s ON s.id = m.session_id WHERE" EX_IS_SELECTED             \
    " AND " EX_MODULE_FILTER "), " EX_SKILLS

#define EX_MODULE_FILTER                                                       \
    "(:modules IS NULL OR m.module_id IN"                                      \
    " (SELECT value FROM json_each(:modules)))"

/* The CTE skill(bit, name): a row a skill of PBL_SKILLS. */
#define EX_SKILL_ROW_(id, name, key, bit)                                      \
    " UNION ALL SELECT " #bit ", '" #name "'"
#define EX_SKILLS                                                              \
    "skill(bit, name) AS (SELECT 0, '' WHERE 0" PBL_SKILLS(EX_SKILL_ROW_) ")"

/* The union of the skills tagged on responses rows `r` (NULL for none). */
#define EX_TAGGED PBL_SKILLS_UNION_SQL("r.skills")

/* The union of the skills tagged on the questions of module discussion
 * `m` (a session_modules row). */
#define EX_NAMED(m)                                                            \
    "coalesce((SELECT " EX_TAGGED " FROM responses r WHERE r.session_id = " m  \
    ".session_id"                                                              \
    " AND r.modpos = " m ".position), 0)"

/* True when responses row `r` shows the question was reached: an answer
 * (entered or a draft, more than spaces), a skill tagged, a key point
 * ticked, the model answer revealed or the question given up. NULL when
 * there is no row (a LEFT JOIN). */
#define EX_REACHED(r)                                                          \
    "(trim(coalesce(" r ".text, " r ".draft, ''), ' ' || char(9, 10, 13))"     \
    " <> '' OR " r ".skills <> 0 OR " r ".points <> 0"                         \
    " OR " r ".revealed_at IS NOT NULL OR " r ".gave_up <> 0)"

/* Seconds of one visit to a stage (stage_timings row t): until it was
 * left, or until the session ended; NULL while it is still open in an
 * unfinished session (sum() and avg() leave it out). */
/* A column a record must have, with the placeholder for a damaged one
 * that lacks it (STORE_MISSING). */
#define EX_REQUIRED(c) "coalesce(" c ", '" STORE_MISSING "')"

#define EX_SECS(t)                                                             \
    "max(0, CAST(strftime('%s', coalesce(" t ".left_at,"                       \
    " (SELECT ended_at FROM sessions WHERE id = " t ".session_id)))"           \
    " AS INTEGER) - CAST(strftime('%s', " t ".entered_at) AS INTEGER))"

/* Sort key of a stage name: opening, scenario, video, q1, q2, ...,
 * closing, summary. */
#define EX_STAGE_RANK(col)                                                     \
    "(CASE " col " WHEN 'opening' THEN -1 WHEN 'scenario' THEN 0"              \
    " WHEN 'video' THEN 1 WHEN 'closing' THEN 999999"                          \
    " WHEN 'summary' THEN 1000000"                                             \
    " ELSE 1 + CAST(substr(" col ", 2) AS INTEGER) END)"

#endif
