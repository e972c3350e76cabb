/* export_impl.h - what src/export*.c and src/report*.c share; not part of
 * the API.
 *
 * The selection is resolved once into SQL parameters (lists as JSON
 * arrays, matched with json_each), and EX_CTE turns them into the CTE
 * `sel(id)` of the selected sessions and `modsel` of their selected module
 * discussions. Only the outermost query of an export uses the CTE; the
 * queries run once per session or per module take the row ids, so an
 * export stays linear in its size.
 *
 * The Markdown, CSV and HTML writers are visitors of ex_walk(), which
 * reads sessions, modules, questions, key points, stage timings, the
 * parking lot and review comments in order and hands each to the
 * visitor. Strings in the structs are SQLite's column text: valid only
 * during the call, NULL for SQL NULL. JSON is built by SQLite itself. */
#ifndef PBL_EXPORT_IMPL_H
#define PBL_EXPORT_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pbl/clock.h"
#include "pbl/export.h"
#include "pbl/store.h"

struct pbl_store;

/* A selection, resolved: every list a JSON array or NULL, dates checked,
 * --session prefixes turned into full UUIDs. */
struct ex_sel {
    sqlite3 *db;
    char *sessions, *groups, *residents, *modules, *statuses; /* JSON arrays
                                                                 or NULL */
    const char *from, *to, *kind;                             /* or NULL */
    long long limit;                                          /* -1: no limit */
    char now[CLOCK_ISO_LEN + 1];
};

/* Resolves `sel` against the store. With an empty selection, takes the
 * most recent session unless `empty_means_all`. EXPORT_OK, or another
 * code with *err set. */
int ex_resolve(struct pbl_store *st, const struct export_selection *sel,
               bool empty_means_all, struct ex_sel *out, char **err);
void ex_sel_free(struct ex_sel *r);

/* Prepares `sql` and binds every selection parameter it names (:sessions,
 * :groups, :residents, :modules, :from, :to, :kind, :limit, :now). NULL
 * with *err set on failure. :statuses too. */
sqlite3_stmt *ex_prepare(const struct ex_sel *r, const char *sql, char **err);

/* *err = "cannot read the sessions: <SQLite's message>"; returns
 * EXPORT_ERROR. */
int ex_db_error(sqlite3 *db, char **err);
/* The same for a step that returned rc: SQLite's message when the
 * connection still has it, else rc's own ("database disk image is
 * malformed"), never "not an error". */
int ex_step_error(sqlite3 *db, int rc, char **err);
/* *err = a malloc'd copy of the formatted message; returns rc. */
int ex_fail(char **err, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Number of sessions selected. */
int ex_count(const struct ex_sel *r, long long *n, char **err);

/* The selection CTE; the skill names (bit, name) in enum pbl_skill order;
 * the session-and-module filter of a per-session query. */
/* The --status filter of the selection, on sessions row `s`. */
#define EX_STATUS_FILTER                                                       \
    " (:statuses IS NULL OR s.status IN"                                       \
    "   (SELECT value FROM json_each(:statuses)))"

/* The filters of the selection, on sessions row `s`. */
#define EX_SESSION_FILTER EX_SESSION_FILTER_BUT_STATUS " AND" EX_STATUS_FILTER

/* Every filter but --status (the report counts what that left out).
 * :from and :to are days ("YYYY-MM-DD", UTC's, both inclusive) or
 * instants ("YYYY-MM-DDTHH:MM:SSZ": from inclusive, to exclusive; the
 * report's local days).
 * Group and resident names are compared by pbl_fold() (spaces and Unicode
 * case do not matter). */
#define EX_SESSION_FILTER_BUT_STATUS                                           \
    " (:sessions IS NULL OR s.uuid IN"                                         \
    "   (SELECT value FROM json_each(:sessions)))"                             \
    " AND (:from IS NULL OR s.started_at >= :from)"                            \
    " AND (:to IS NULL OR CASE WHEN length(:to) = 10"                          \
    "   THEN substr(s.started_at, 1, 10) <= :to ELSE s.started_at < :to END)"  \
    " AND (:groups IS NULL OR pbl_fold(s.group_name) IN"                       \
    "   (SELECT pbl_fold(value) FROM json_each(:groups)))"                     \
    " AND (:residents IS NULL OR pbl_fold(s.resident) IN"                      \
    "   (SELECT pbl_fold(value) FROM json_each(:residents)))"                  \
    " AND (:kind IS NULL OR s.kind = :kind)"                                   \
    " AND (:modules IS NULL OR EXISTS (SELECT 1 FROM session_modules m"        \
    "   WHERE m.session_id = s.id AND m.module_id IN"                          \
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

#define EX_SKILLS                                                              \
    "skill(bit, name) AS (VALUES (1, 'reliability'), (2, 'responsiveness'),"   \
    " (4, 'assurance'), (8, 'empathy'), (16, 'tangibles'))"

/* The union of the skills tagged on the questions of module discussion
 * `m` (a session_modules row). */
#define EX_NAMED(m)                                                            \
    "coalesce((SELECT max(r.skills & 1) | max(r.skills & 2)"                   \
    " | max(r.skills & 4) | max(r.skills & 8) | max(r.skills & 16)"            \
    " FROM responses r WHERE r.session_id = " m ".session_id"                  \
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

/* Sort key of a stage name: scenario, video, q1, q2, ..., summary. */
#define EX_STAGE_RANK(col)                                                     \
    "(CASE " col " WHEN 'scenario' THEN 0 WHEN 'video' THEN 1"                 \
    " WHEN 'summary' THEN 1000000"                                             \
    " ELSE 1 + CAST(substr(" col ", 2) AS INTEGER) END)"

/* ---- the walk ------------------------------------------------------- */

struct ex_doc {
    long long nsessions;
    const char *exported_at;
};

struct ex_session {
    int number; /* 1, 2, ... in this export */
    const char *uuid, *kind, *status, *group, *facilitator, *resident,
        *participants, *notes, *started_at, *ended_at;
    long long duration;     /* seconds; -1 while active */
    long long summary_secs; /* seconds on the summary; -1 when never seen */
    int nmodules, nparking, ncomments;
};

struct ex_module {
    int number; /* position + 1 */
    const char *id, *title, *summary, *level, *scenario, *video_url,
        *video_title, *hash;
    int version, video_minutes;
    unsigned target, named; /* SKILL_BIT sets */
    int nquestions, nstages;
};

struct ex_question {
    int number; /* index + 1 */
    const char *prompt, *kind, *model_answer;
    int minutes;                /* time box; 0 when none */
    long long secs;             /* time spent; -1 when never entered */
    bool recorded;              /* a response row exists */
    const char *answer, *draft; /* entered answer; unsent draft */
    unsigned skills;            /* tagged */
    uint64_t points;            /* ticked */
    const char *rating;         /* "got", "partly", "missed" or NULL */
    bool gave_up;               /* self-study */
    const char *revealed_at, *updated_at;
    /* customers question: the customers marked as named, "a; b" ("" when
     * none); NULL on other questions */
    const char *customers_named;
    /* the answer when the model answer was first shown; NULL if never */
    const char *answer_at_reveal;
    bool edited_after_reveal;     /* changed since (store.h) */
    const char *reached, *missed; /* key points, one a line, or NULL */
    int npoints;
};

struct ex_point {
    int number;
    const char *text;
    bool reached;
};

struct ex_stage {
    const char *stage; /* "scenario", "video", "q1", ... */
    int visits;
    long long secs;
    int planned_minutes;
};

struct ex_park {
    const char *text, *raised_at, *resolved_at, *resolved_in;
    bool raised_here; /* else raised earlier, resolved in this session */
};

struct ex_comment {
    const char *text, *created_at;
};

/* Any callback may be NULL. */
struct ex_visitor {
    void (*begin)(void *ctx, const struct ex_doc *d);
    void (*session)(void *ctx, const struct ex_session *s);
    void (*module)(void *ctx, const struct ex_session *s,
                   const struct ex_module *m);
    void (*question)(void *ctx, const struct ex_session *s,
                     const struct ex_module *m, const struct ex_question *q);
    void (*point)(void *ctx, const struct ex_question *q,
                  const struct ex_point *p);
    void (*question_end)(void *ctx, const struct ex_session *s,
                         const struct ex_question *q);
    void (*stage)(void *ctx, const struct ex_module *m,
                  const struct ex_stage *t);
    void (*module_end)(void *ctx, const struct ex_module *m);
    void (*park)(void *ctx, const struct ex_session *s,
                 const struct ex_park *p);
    void (*comment)(void *ctx, const struct ex_session *s,
                    const struct ex_comment *c);
    void (*session_end)(void *ctx, const struct ex_session *s);
    void (*end)(void *ctx, const struct ex_doc *d);
};

/* Walks the selected sessions, calling `v` with `ctx`; EXPORT_OK or
 * EXPORT_ERROR with *err set. */
int ex_walk(const struct ex_sel *r, const struct ex_visitor *v, void *ctx,
            char **err);

/* The writers, one a format: EXPORT_OK or EXPORT_ERROR with *err. */
int ex_write_md(const struct ex_sel *r, FILE *out, char **err);
int ex_write_csv(const struct ex_sel *r, FILE *out, char **err);
int ex_write_html(const struct ex_sel *r, FILE *out, char **err);
int ex_write_json(const struct ex_sel *r, FILE *out, char **err);
int ex_write_xlsx(const struct ex_sel *r, FILE *out, char **err);

/* The columns of a row per recorded answer (the CSV's, and the xlsx's
 * answers sheet), in order. */
extern const char *const ex_answer_columns[];
extern const size_t ex_nanswer_columns;

/* True for a group session ("group"), false for self-study. */
bool ex_is_group(const struct ex_session *s);

/* Helpers for the writers. */
/* "reliability, empathy" (sep between names), or "" for none. */
void ex_skills_text(unsigned set, const char *sep, char *buf, size_t n);
/* "12:05" (minutes:seconds) or "1:02:05"; "-" for a negative value. */
void ex_duration(long long secs, char *buf, size_t n);
/* "2026-03-04 10:00 UTC" from "2026-03-04T10:00:00Z"; other text as is. */
void ex_when(const char *iso, char *buf, size_t n);

#endif
