/* export_walk.c - reads the selected sessions in order and hands every
 * part to a visitor: the session, each module as snapshotted, each
 * question with its response and key points, the module's stage times,
 * the parking lot and the review comments.
 *
 * One statement per level, prepared once per export and stepped row by
 * row (never a whole result in memory); the statements below the session
 * level take row ids, so they run on the tables' indexes. */
#include <stdlib.h>
#include <string.h>

#include "export_impl.h"
#include "pbl/module.h"

/* The SQL below is laid out by hand. */
/* clang-format off */
static const char sql_sessions[] =
    EX_CTE " SELECT s.id, " EX_REQUIRED("s.uuid") ","
           " " EX_REQUIRED("s.kind") ", " EX_REQUIRED("s.status") ","
           " s.group_name,"
           " s.facilitator, s.resident, s.participants, s.notes,"
           " " EX_REQUIRED("s.started_at") ", s.ended_at,"
           " CASE WHEN s.ended_at IS NULL THEN -1 ELSE max(0,"
           "  CAST(strftime('%s', s.ended_at) AS INTEGER)"
           "  - CAST(strftime('%s', s.started_at) AS INTEGER)) END,"
           " coalesce((SELECT sum(" EX_SECS(
               "t") ") FROM stage_timings t"
                    "  WHERE t.session_id = s.id AND t.stage = 'summary'), -1),"
                    " (SELECT count(*) FROM session_modules m"
                    "  WHERE m.session_id = s.id AND " EX_MODULE_FILTER "),"
                    " (SELECT count(*) FROM parking p WHERE p.session_id = s.id"
                    "  OR p.resolved_session_id = s.id),"
                    " (SELECT count(*) FROM review_comments c"
                    "  WHERE c.session_id = s.id)" EX_SELECTED_SESSIONS;

static const char sql_modules[] =
    "SELECT m.id, m.position, " EX_REQUIRED("m.module_id") ","
    " " EX_REQUIRED("m.title") ", m.summary, m.level,"
    " " EX_REQUIRED("m.scenario") ", m.video_url, m.video_title, m.hash, m.version,"
    " m.video_minutes, m.skills, " EX_NAMED(
        "m") ","
             " (SELECT count(*) FROM snapshot_questions q"
             "  WHERE q.session_module_id = m.id)"
             " FROM session_modules m WHERE m.session_id = :sid"
             " AND " EX_MODULE_FILTER " ORDER BY m.position";

static const char sql_questions[] =
    "SELECT q.idx, " EX_REQUIRED("q.prompt") ", q.kind,"
    " " EX_REQUIRED("q.answer") ", q.minutes,"
    " r.created_at IS NOT NULL, r.text, r.draft, coalesce(r.skills, 0),"
    " coalesce(r.points, 0), r.rating, coalesce(r.gave_up, 0),"
    " r.revealed_at, r.updated_at,"
    /* the customers marked as named, on a customers question (a damaged
     * list reads as empty) */
    " CASE WHEN q.kind = 'customers' THEN coalesce((SELECT"
    "  group_concat(c.value, '; ') FROM session_modules sm,"
    "  json_each(CASE WHEN json_valid(sm.customers)"
    "   AND json_type(sm.customers) = 'array' THEN sm.customers"
    "   ELSE '[]' END) c WHERE sm.id = :mid"
    "  AND (coalesce(r.customers, 0) >> c.key) & 1), '') END,"
    " r.revealed_text,"
    " coalesce(" STORE_SQL_EDITED_AFTER_REVEAL("r") ", 0)"
    " FROM snapshot_questions q LEFT JOIN responses r"
    " ON r.session_id = :sid AND r.modpos = :pos AND r.qidx = q.idx"
    " WHERE q.session_module_id = :mid ORDER BY q.idx";

/* Every key point of a module, in question order: read beside the
 * questions (a merge on the question index), one query per module. */
static const char sql_points[] =
    "SELECT q.idx, p.idx, " EX_REQUIRED("p.text")
    " FROM snapshot_questions q"
    " JOIN snapshot_points p ON p.question_id = q.id"
    " WHERE q.session_module_id = :mid ORDER BY q.idx, p.idx";

static const char sql_stages[] =
    "SELECT t.stage, count(*), coalesce(sum(" EX_SECS(
        "t") "), -1),"
             " max(t.planned_minutes)"
             " FROM stage_timings t WHERE t.session_id = :sid AND t.modpos = "
             ":pos"
             " AND t.stage NOT IN ('summary', 'opening', 'closing')"
             " GROUP BY t.stage"
             " ORDER BY " EX_STAGE_RANK("t.stage");

static const char sql_parking[] =
    "SELECT " EX_REQUIRED("p.text") ", p.raised_at, p.resolved_at, r.uuid, p.session_id = :sid"
    " FROM parking p LEFT JOIN sessions r ON r.id = p.resolved_session_id"
    " WHERE p.session_id = :sid OR p.resolved_session_id = :sid"
    " ORDER BY p.raised_at, p.id";

static const char sql_comments[] =
    "SELECT " EX_REQUIRED("text") ", created_at FROM review_comments WHERE session_id = :sid"
    " ORDER BY created_at, id";
/* clang-format on */

enum {
    S_SESSIONS,
    S_MODULES,
    S_QUESTIONS,
    S_POINTS,
    S_STAGES,
    S_PARKING,
    S_COMMENTS,
    S_COUNT
};

struct walk {
    const struct ex_sel *r;
    const struct ex_visitor *v;
    void *ctx;
    sqlite3_stmt *s[S_COUNT];
};

#define TXT(st, i) ((const char *)sqlite3_column_text((st), (i)))
/* The largest position, index or count taken from a row as it is: a
 * damaged database may hold anything in those columns. */
#define EX_INDEX_MAX 1000000
#define STAGE_NAME_MAX 24
#define CALL(w, fn, ...)                                                       \
    do {                                                                       \
        if ((w)->v->fn)                                                        \
            (w)->v->fn((w)->ctx, __VA_ARGS__);                                 \
    } while (0)

/* An index, position or count column, read 64-bit: the value when it is
 * in 0..EX_INDEX_MAX, else -1 (damaged). */
static int col_index(sqlite3_stmt *s, int i)
{
    sqlite3_int64 v = sqlite3_column_int64(s, i);
    return v >= 0 && v <= EX_INDEX_MAX ? (int)v : -1;
}

/* A count of minutes or a version, read 64-bit and kept within an int:
 * negative or too large reads as 0 (not shown). */
static int col_small(sqlite3_stmt *s, int i)
{
    sqlite3_int64 v = sqlite3_column_int64(s, i);
    return v > 0 && v <= INT32_MAX / 60 ? (int)v : 0;
}

/* The 1-based number shown for an index; 0 (shown as "?") when damaged. */
static int number_of(int idx)
{
    return idx >= 0 ? idx + 1 : 0;
}

static void bind_id(sqlite3_stmt *s, const char *name, sqlite3_int64 v)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i > 0)
        sqlite3_bind_int64(s, i, v);
}

/* SQLITE_DONE, else the step's error code (the statement is reset). */
static int finish(sqlite3_stmt *s, int rc)
{
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? SQLITE_DONE : rc;
}

/* A growing string (the key points reached or missed, one a line). */
struct buf {
    char *s;
    size_t len, cap;
};

static int buf_line(struct buf *b, const char *text)
{
    size_t n = strlen(text ? text : "");
    if (b->len + n + 2 > b->cap) {
        size_t cap = (b->len + n + 2) * 2;
        char *v = realloc(b->s, cap);
        if (!v)
            return -1;
        b->s = v;
        b->cap = cap;
    }
    if (b->len)
        b->s[b->len++] = '\n';
    memcpy(b->s + b->len, text ? text : "", n);
    b->len += n;
    b->s[b->len] = '\0';
    return 0;
}

/* The key points of one question: copied from the module's points
 * stream (bounded: a question has at most a few dozen). */
struct points {
    struct ex_point *v;
    size_t n, cap;
    struct buf reached, missed;
};

static void points_clear(struct points *p)
{
    for (size_t i = 0; i < p->n; i++)
        free((char *)p->v[i].text);
    p->n = 0;
    p->reached.len = p->missed.len = 0;
    if (p->reached.s)
        p->reached.s[0] = '\0';
    if (p->missed.s)
        p->missed.s[0] = '\0';
}

static void points_free(struct points *p)
{
    points_clear(p);
    free(p->v);
    free(p->reached.s);
    free(p->missed.s);
}

/* Takes the points of question `qidx` from the points statement `s`
 * (positioned on its next row, *rc its last step) into *p. */
static int take_points(sqlite3_stmt *s, int *rc, sqlite3_int64 qidx,
                       uint64_t ticked, struct points *p)
{
    points_clear(p);
    while (*rc == SQLITE_ROW && sqlite3_column_int64(s, 0) < qidx)
        *rc = sqlite3_step(s);
    while (*rc == SQLITE_ROW && sqlite3_column_int64(s, 0) == qidx) {
        int idx = col_index(s, 1);
        const char *text = TXT(s, 2);
        if (p->n == p->cap) {
            size_t cap = p->cap ? 2 * p->cap : 8;
            struct ex_point *v = realloc(p->v, cap * sizeof *v);
            if (!v)
                return -1;
            p->v = v;
            p->cap = cap;
        }
        bool reached = idx >= 0 && idx < 64 && (ticked >> idx) & 1;
        char *copy = strdup(text ? text : "");
        if (!copy || buf_line(reached ? &p->reached : &p->missed, copy) != 0) {
            free(copy);
            return -1;
        }
        p->v[p->n++] = (struct ex_point){number_of(idx), copy, reached};
        *rc = sqlite3_step(s);
    }
    return *rc == SQLITE_ROW || *rc == SQLITE_DONE ? 0 : -1;
}

/* A module's stage times, read before its questions (which show the
 * time of their own stage) and handed to the visitor after them. */
struct stages {
    struct ex_stage *v;
    size_t n, cap;
};

static void stages_free(struct stages *t)
{
    for (size_t i = 0; i < t->n; i++)
        free((char *)t->v[i].stage);
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}

static int read_stages(struct walk *w, sqlite3_int64 sid, int pos,
                       struct stages *t)
{
    sqlite3_stmt *s = w->s[S_STAGES];
    int rc;
    bind_id(s, ":sid", sid);
    bind_id(s, ":pos", pos);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (t->n == t->cap) {
            size_t cap = t->cap ? 2 * t->cap : 8;
            struct ex_stage *v = realloc(t->v, cap * sizeof *v);
            if (!v)
                break;
            t->v = v;
            t->cap = cap;
        }
        char *name = strdup(TXT(s, 0) ? TXT(s, 0) : "");
        if (!name)
            break;
        t->v[t->n++] = (struct ex_stage){
            name, col_index(s, 1), sqlite3_column_int64(s, 2), col_small(s, 3)};
    }
    return finish(s, rc);
}

/* Seconds spent on stage "qN" of the module, or -1. */
static long long question_secs(const struct stages *t, int number)
{
    char name[STAGE_NAME_MAX];
    snprintf(name, sizeof name, "q%d", number);
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].stage, name) == 0)
            return t->v[i].secs;
    return -1;
}

static int walk_questions(struct walk *w, const struct ex_session *es,
                          sqlite3_int64 sid, sqlite3_int64 mid,
                          const struct ex_module *m, const struct stages *t)
{
    sqlite3_stmt *s = w->s[S_QUESTIONS], *ps = w->s[S_POINTS];
    struct points pts = {0};
    int rc, prc, bad = 0;
    bind_id(s, ":sid", sid);
    bind_id(s, ":pos", m->number - 1);
    bind_id(s, ":mid", mid);
    bind_id(ps, ":mid", mid);
    prc = sqlite3_step(ps);
    while (!bad && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        int qidx = col_index(s, 0);
        uint64_t ticked = (uint64_t)sqlite3_column_int64(s, 9);
        if (take_points(ps, &prc, sqlite3_column_int64(s, 0), ticked, &pts) !=
            0) {
            bad = 1;
            break;
        }
        struct ex_question q = {
            .number = number_of(qidx),
            .prompt = TXT(s, 1),
            .kind = TXT(s, 2),
            .model_answer = TXT(s, 3),
            .minutes = col_small(s, 4),
            .secs = qidx >= 0 ? question_secs(t, qidx + 1) : -1,
            .recorded = sqlite3_column_int64(s, 5) != 0,
            .answer = TXT(s, 6),
            .draft = TXT(s, 7),
            .skills = (unsigned)sqlite3_column_int64(s, 8) & SKILL_ALL,
            .points = ticked,
            .rating = TXT(s, 10),
            .gave_up = sqlite3_column_int64(s, 11) != 0,
            .revealed_at = TXT(s, 12),
            .updated_at = TXT(s, 13),
            .customers_named = TXT(s, 14),
            .answer_at_reveal = TXT(s, 15),
            .edited_after_reveal = sqlite3_column_int(s, 16) != 0,
            .reached = pts.reached.len ? pts.reached.s : NULL,
            .missed = pts.missed.len ? pts.missed.s : NULL,
            .npoints = (int)pts.n,
        };
        CALL(w, question, es, m, &q);
        for (size_t i = 0; i < pts.n; i++)
            CALL(w, point, &q, &pts.v[i]);
        CALL(w, question_end, es, &q);
    }
    points_free(&pts);
    sqlite3_reset(ps);
    if (bad) {
        sqlite3_reset(s);
        return SQLITE_ERROR;
    }
    return finish(s, rc);
}

static int walk_modules(struct walk *w, sqlite3_int64 sid,
                        const struct ex_session *es)
{
    sqlite3_stmt *s = w->s[S_MODULES];
    int rc;
    bind_id(s, ":sid", sid);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct ex_module m = {
            .number = number_of(col_index(s, 1)),
            .id = TXT(s, 2),
            .title = TXT(s, 3),
            .summary = TXT(s, 4),
            .level = TXT(s, 5),
            .scenario = TXT(s, 6),
            .video_url = TXT(s, 7),
            .video_title = TXT(s, 8),
            .hash = TXT(s, 9),
            .version = col_small(s, 10),
            .video_minutes = col_small(s, 11),
            .target = (unsigned)sqlite3_column_int64(s, 12) & SKILL_ALL,
            .named = (unsigned)sqlite3_column_int64(s, 13) & SKILL_ALL,
            .nquestions = col_index(s, 14),
        };
        struct stages t = {0};
        /* a failed step's code goes up (a later reset clears it from
         * the connection) */
        int sub = read_stages(w, sid, m.number - 1, &t);
        m.nstages = (int)t.n;
        CALL(w, module, es, &m);
        if (sub == SQLITE_DONE)
            sub =
                walk_questions(w, es, sid, sqlite3_column_int64(s, 0), &m, &t);
        for (size_t i = 0; sub == SQLITE_DONE && i < t.n; i++)
            CALL(w, stage, &m, &t.v[i]);
        stages_free(&t);
        if (sub != SQLITE_DONE) {
            sqlite3_reset(s);
            return sub;
        }
        CALL(w, module_end, &m);
    }
    return finish(s, rc);
}

static int walk_extras(struct walk *w, sqlite3_int64 sid,
                       const struct ex_session *es)
{
    sqlite3_stmt *s = w->s[S_PARKING];
    int rc;
    bind_id(s, ":sid", sid);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct ex_park p = {TXT(s, 0), TXT(s, 1), TXT(s, 2), TXT(s, 3),
                            sqlite3_column_int64(s, 4) != 0};
        CALL(w, park, es, &p);
    }
    if ((rc = finish(s, rc)) != SQLITE_DONE)
        return rc;
    s = w->s[S_COMMENTS];
    bind_id(s, ":sid", sid);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct ex_comment c = {TXT(s, 0), TXT(s, 1)};
        CALL(w, comment, es, &c);
    }
    return finish(s, rc);
}

static int walk_sessions(struct walk *w)
{
    sqlite3_stmt *s = w->s[S_SESSIONS];
    int rc, number = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 sid = sqlite3_column_int64(s, 0);
        struct ex_session es = {
            .number = ++number,
            .uuid = TXT(s, 1),
            .kind = TXT(s, 2),
            .status = TXT(s, 3),
            .group = TXT(s, 4),
            .facilitator = TXT(s, 5),
            .resident = TXT(s, 6),
            .participants = TXT(s, 7),
            .notes = TXT(s, 8),
            .started_at = TXT(s, 9),
            .ended_at = TXT(s, 10),
            .duration = sqlite3_column_int64(s, 11),
            .summary_secs = sqlite3_column_int64(s, 12),
            .nmodules = col_index(s, 13),
            .nparking = col_index(s, 14),
            .ncomments = col_index(s, 15),
        };
        CALL(w, session, &es);
        int sub = walk_modules(w, sid, &es);
        if (sub == SQLITE_DONE)
            sub = walk_extras(w, sid, &es);
        if (sub != SQLITE_DONE) {
            sqlite3_reset(s);
            return sub;
        }
        CALL(w, session_end, &es);
    }
    return finish(s, rc);
}

int ex_walk(const struct ex_sel *r, const struct ex_visitor *v, void *ctx,
            char **err)
{
    static const char *const sql[S_COUNT] = {
        sql_sessions, sql_modules, sql_questions, sql_points,
        sql_stages,   sql_parking, sql_comments};
    struct walk w = {r, v, ctx, {NULL}};
    long long n = 0;
    int rc = ex_count(r, &n, err);
    for (int i = 0; rc == EXPORT_OK && i < S_COUNT; i++)
        if (!(w.s[i] = ex_prepare(r, sql[i], err)))
            rc = EXPORT_ERROR;
    if (rc == EXPORT_OK) {
        struct ex_doc d = {n, r->now};
        CALL(&w, begin, &d);
        int step = walk_sessions(&w);
        if (step != SQLITE_DONE)
            rc = ex_step_error(r->db, step, err);
        else
            CALL(&w, end, &d);
    }
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(w.s[i]);
    return rc;
}
