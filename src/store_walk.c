/* store_walk.c - reads the selected sessions in order and hands every
 * part to a visitor (store_walk.h): the session, each module as
 * snapshotted, each question with its response and key points, the
 * module's stage times, the parking lot and the review comments.
 *
 * One statement per level, prepared once per walk and stepped row by
 * row (never a whole result in memory); the statements below the session
 * level take row ids, so they run on the tables' indexes. Every column is
 * named (AS field) and read into its record by that name, through one
 * table of fields a record (struct field below), never by position. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/module.h"
#include "pbl/util.h"
#include "store_impl.h"
#include "store_rows.h"
#include "store_select.h"
#include "store_walk_customers.h"

/* The SQL below is laid out by hand; every column is named as the field
 * it fills. */
/* clang-format off */
static const char sql_sessions[] =
    EX_CTE " SELECT s.id AS sid, " EX_REQUIRED("s.uuid") " AS uuid,"
    " " EX_REQUIRED("s.kind") " AS kind, " EX_REQUIRED("s.status") " AS status,"
    " s.group_name AS group_name, s.facilitator AS facilitator,"
    " s.resident AS resident, s.participants AS participants,"
    " s.notes AS notes, " EX_REQUIRED("s.started_at") " AS started_at,"
    " s.ended_at AS ended_at,"
    " CASE WHEN s.ended_at IS NULL THEN -1 ELSE max(0,"
    "  CAST(strftime('%s', s.ended_at) AS INTEGER)"
    "  - CAST(strftime('%s', s.started_at) AS INTEGER)) END AS duration,"
    " coalesce((SELECT sum(" EX_SECS("t") ") FROM stage_timings t"
    "  WHERE t.session_id = s.id AND t.stage = 'summary'), -1)"
    "  AS summary_secs,"
    " (SELECT count(*) FROM session_modules m"
    "  WHERE m.session_id = s.id AND " EX_MODULE_FILTER ") AS nmodules,"
    " (SELECT count(*) FROM parking p WHERE p.session_id = s.id"
    "  OR p.resolved_session_id = s.id) AS nparking,"
    " (SELECT count(*) FROM review_comments c"
    "  WHERE c.session_id = s.id) AS ncomments" EX_SELECTED_SESSIONS;

static const char sql_modules[] =
    "SELECT m.id AS mid, m.position AS position,"
    " " EX_REQUIRED("m.module_id") " AS module_id,"
    " " EX_REQUIRED("m.title") " AS title, m.summary AS summary,"
    " m.level AS level, " EX_REQUIRED("m.scenario") " AS scenario,"
    " m.video_url AS video_url, m.video_title AS video_title,"
    " m.hash AS hash, m.version AS version,"
    " m.video_minutes AS video_minutes, m.skills AS target,"
    " " EX_NAMED("m") " AS named,"
    " (SELECT count(*) FROM snapshot_questions q"
    "  WHERE q.session_module_id = m.id) AS nquestions"
    " FROM session_modules m WHERE m.session_id = :sid"
    " AND " EX_MODULE_FILTER " ORDER BY m.position";

static const char sql_questions[] =
    "SELECT q.idx AS qidx, " EX_REQUIRED("q.prompt") " AS prompt,"
    " q.kind AS kind, " EX_REQUIRED("q.answer") " AS model_answer,"
    " q.minutes AS minutes, r.created_at IS NOT NULL AS recorded,"
    " r.text AS answer, r.draft AS draft,"
    " coalesce(r.skills, 0) AS skills, coalesce(r.points, 0) AS points,"
    " r.rating AS rating, coalesce(r.gave_up, 0) AS gave_up,"
    " r.revealed_at AS revealed_at, r.updated_at AS updated_at,"
    /* the customers marked as named, on a customers question (a damaged
     * list reads as empty) */
    " CASE WHEN q.kind = 'customers' THEN coalesce((SELECT"
    "  group_concat(c.value, '; ') FROM session_modules sm,"
    "  json_each(CASE WHEN json_valid(sm.customers)"
    "   AND json_type(sm.customers) = 'array' THEN sm.customers"
    "   ELSE '[]' END) c WHERE sm.id = :mid"
    "  AND (coalesce(r.customers, 0) >> c.key) & 1), '') END"
    "  AS customers_named,"
    " CASE WHEN q.kind = 'customers' THEN coalesce(r.customers, 0) ELSE 0"
    "  END AS customers_marked,"
    " (q.kind = 'skills' OR coalesce(q.judge_skills, 0) <> 0)"
    "  AS judges_skills,"
    " r.revealed_text AS answer_at_reveal,"
    " coalesce(" STORE_SQL_EDITED_AFTER_REVEAL("r") ", 0)"
    "  AS edited_after_reveal"
    " FROM snapshot_questions q LEFT JOIN responses r"
    " ON r.session_id = :sid AND r.modpos = :pos AND r.qidx = q.idx"
    " WHERE q.session_module_id = :mid ORDER BY q.idx";

/* Every key point of a module, in question order: read beside the
 * questions (a merge on the question index), one query per module. */
static const char sql_points[] =
    "SELECT q.idx AS qidx, p.idx AS pidx, " EX_REQUIRED("p.text") " AS text"
    " FROM snapshot_questions q"
    " JOIN snapshot_points p ON p.question_id = q.id"
    " WHERE q.session_module_id = :mid ORDER BY q.idx, p.idx";

static const char sql_stages[] =
    "SELECT t.stage AS stage, count(*) AS visits,"
    " coalesce(sum(" EX_SECS("t") "), -1) AS secs,"
    " max(t.planned_minutes) AS planned_minutes"
    " FROM stage_timings t WHERE t.session_id = :sid AND t.modpos = :pos"
    " AND t.stage NOT IN ('summary', 'opening', 'closing')"
    " GROUP BY t.stage"
    " ORDER BY " EX_STAGE_RANK("t.stage");

static const char sql_parking[] =
    "SELECT " EX_REQUIRED("p.text") " AS text, p.raised_at AS raised_at,"
    " p.resolved_at AS resolved_at, r.uuid AS resolved_in,"
    " p.session_id = :sid AS raised_here"
    " FROM parking p LEFT JOIN sessions r ON r.id = p.resolved_session_id"
    " WHERE p.session_id = :sid OR p.resolved_session_id = :sid"
    " ORDER BY p.raised_at, p.id";

static const char sql_comments[] =
    "SELECT " EX_REQUIRED("text") " AS text, created_at AS created_at"
    " FROM review_comments WHERE session_id = :sid"
    " ORDER BY created_at, id";
/* clang-format on */

/* ---- the fields of each record, by column name --------------------- */

static const struct field session_fields[] = {
    FIELD(walk_session, "uuid", F_TEXT, uuid),
    FIELD(walk_session, "kind", F_TEXT, kind),
    FIELD(walk_session, "status", F_TEXT, status),
    FIELD(walk_session, "group_name", F_TEXT, group),
    FIELD(walk_session, "facilitator", F_TEXT, facilitator),
    FIELD(walk_session, "resident", F_TEXT, resident),
    FIELD(walk_session, "participants", F_TEXT, participants),
    FIELD(walk_session, "notes", F_TEXT, notes),
    FIELD(walk_session, "started_at", F_TEXT, started_at),
    FIELD(walk_session, "ended_at", F_TEXT, ended_at),
    FIELD(walk_session, "duration", F_I64, duration),
    FIELD(walk_session, "summary_secs", F_I64, summary_secs),
    FIELD(walk_session, "nmodules", F_INDEX, nmodules),
    FIELD(walk_session, "nparking", F_INDEX, nparking),
    FIELD(walk_session, "ncomments", F_INDEX, ncomments),
    FIELD(walk_session, "json", F_TEXT, json),
    {NULL, F_TEXT, 0},
};

static const struct field module_fields[] = {
    FIELD(walk_module, "position", F_NUMBER, number),
    FIELD(walk_module, "module_id", F_TEXT, id),
    FIELD(walk_module, "title", F_TEXT, title),
    FIELD(walk_module, "summary", F_TEXT, summary),
    FIELD(walk_module, "level", F_TEXT, level),
    FIELD(walk_module, "scenario", F_TEXT, scenario),
    FIELD(walk_module, "video_url", F_TEXT, video_url),
    FIELD(walk_module, "video_title", F_TEXT, video_title),
    FIELD(walk_module, "hash", F_TEXT, hash),
    FIELD(walk_module, "version", F_SMALL, version),
    FIELD(walk_module, "video_minutes", F_SMALL, video_minutes),
    FIELD(walk_module, "target", F_SKILLS, target),
    FIELD(walk_module, "named", F_SKILLS, named),
    FIELD(walk_module, "nquestions", F_INDEX, nquestions),
    FIELD(walk_module, "json", F_TEXT, json),
    {NULL, F_TEXT, 0},
};

static const struct field question_fields[] = {
    FIELD(walk_question, "qidx", F_NUMBER, number),
    FIELD(walk_question, "prompt", F_TEXT, prompt),
    FIELD(walk_question, "kind", F_TEXT, kind),
    FIELD(walk_question, "model_answer", F_TEXT, model_answer),
    FIELD(walk_question, "minutes", F_SMALL, minutes),
    FIELD(walk_question, "recorded", F_BOOL, recorded),
    FIELD(walk_question, "answer", F_TEXT, answer),
    FIELD(walk_question, "draft", F_TEXT, draft),
    FIELD(walk_question, "skills", F_SKILLS, skills),
    FIELD(walk_question, "points", F_U64, points),
    FIELD(walk_question, "rating", F_TEXT, rating),
    FIELD(walk_question, "gave_up", F_BOOL, gave_up),
    FIELD(walk_question, "revealed_at", F_TEXT, revealed_at),
    FIELD(walk_question, "updated_at", F_TEXT, updated_at),
    FIELD(walk_question, "customers_named", F_TEXT, customers_named),
    FIELD(walk_question, "customers_marked", F_U64, customers_marked),
    FIELD(walk_question, "judges_skills", F_BOOL, judges_skills),
    FIELD(walk_question, "answer_at_reveal", F_TEXT, answer_at_reveal),
    FIELD(walk_question, "edited_after_reveal", F_BOOL, edited_after_reveal),
    FIELD(walk_question, "json", F_TEXT, json),
    {NULL, F_TEXT, 0},
};

static const struct field point_fields[] = {
    FIELD(walk_point, "pidx", F_NUMBER, number),
    FIELD(walk_point, "text", F_TEXT, text),
    {NULL, F_TEXT, 0},
};

static const struct field stage_fields[] = {
    FIELD(walk_stage, "stage", F_TEXT, stage),
    FIELD(walk_stage, "visits", F_INDEX, visits),
    FIELD(walk_stage, "secs", F_I64, secs),
    FIELD(walk_stage, "planned_minutes", F_SMALL, planned_minutes),
    {NULL, F_TEXT, 0},
};

static const struct field park_fields[] = {
    FIELD(walk_park, "text", F_TEXT, text),
    FIELD(walk_park, "raised_at", F_TEXT, raised_at),
    FIELD(walk_park, "resolved_at", F_TEXT, resolved_at),
    FIELD(walk_park, "resolved_in", F_TEXT, resolved_in),
    FIELD(walk_park, "raised_here", F_BOOL, raised_here),
    {NULL, F_TEXT, 0},
};

static const struct field comment_fields[] = {
    FIELD(walk_comment, "text", F_TEXT, text),
    FIELD(walk_comment, "created_at", F_TEXT, created_at),
    {NULL, F_TEXT, 0},
};

#define STAGE_NAME_MAX 24

/* ---- the walk ------------------------------------------------------- */

enum {
    S_SESSIONS,
    S_MODULES,
    S_QUESTIONS,
    S_POINTS,
    S_CUSTOMERS,
    S_STAGES,
    S_PARKING,
    S_COMMENTS,
    S_COUNT
};

struct walk {
    const struct ex_sel *r;
    const struct walk_visitor *v;
    void *ctx;
    struct reader rd[S_COUNT];
    /* the columns the walk reads itself */
    int sid, mid, pos, qidx, point_qidx, point_idx;
};

#define CALL(w, fn, ...)                                                       \
    do {                                                                       \
        if ((w)->v->fn)                                                        \
            (w)->v->fn((w)->ctx, __VA_ARGS__);                                 \
    } while (0)

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
    char *v = util_grow(b->s, &b->cap, b->len + n + 2, 1);
    if (!v)
        return -1;
    b->s = v;
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
    struct walk_point *v;
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

/* Takes the points of question `qidx` from the points statement
 * (positioned on its next row, *rc its last step) into *p. */
static int take_points(const struct walk *w, int *rc, sqlite3_int64 qidx,
                       uint64_t ticked, struct points *p)
{
    const struct reader *rd = &w->rd[S_POINTS];
    sqlite3_stmt *s = rd->s;
    points_clear(p);
    while (*rc == SQLITE_ROW && sqlite3_column_int64(s, w->point_qidx) < qidx)
        *rc = sqlite3_step(s);
    while (*rc == SQLITE_ROW &&
           sqlite3_column_int64(s, w->point_qidx) == qidx) {
        int idx = col_index(s, w->point_idx);
        struct walk_point pt = {0};
        reader_fill(rd, &pt);
        struct walk_point *v = util_grow(p->v, &p->cap, p->n + 1, sizeof *v);
        if (!v)
            return -1;
        p->v = v;
        pt.reached = idx >= 0 && idx < 64 && (ticked >> idx) & 1;
        char *copy = strdup(pt.text ? pt.text : "");
        if (!copy ||
            buf_line(pt.reached ? &p->reached : &p->missed, copy) != 0) {
            free(copy);
            return -1;
        }
        pt.text = copy;
        p->v[p->n++] = pt;
        *rc = sqlite3_step(s);
    }
    return *rc == SQLITE_ROW || *rc == SQLITE_DONE ? 0 : -1;
}

/* A module's stage times, read before its questions (which show the
 * time of their own stage) and handed to the visitor after them. */
struct stages {
    struct walk_stage *v;
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
    const struct reader *rd = &w->rd[S_STAGES];
    sqlite3_stmt *s = rd->s;
    int rc;
    bind_id(s, ":sid", sid);
    bind_id(s, ":pos", pos);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct walk_stage *v = util_grow(t->v, &t->cap, t->n + 1, sizeof *v);
        if (!v)
            break;
        t->v = v;
        struct walk_stage st = {0};
        reader_fill(rd, &st);
        char *name = strdup(st.stage ? st.stage : "");
        if (!name)
            break;
        st.stage = name;
        t->v[t->n++] = st;
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

static int walk_questions(struct walk *w, const struct walk_session *es,
                          sqlite3_int64 sid, sqlite3_int64 mid,
                          const struct walk_module *m, const struct stages *t)
{
    const struct reader *rd = &w->rd[S_QUESTIONS];
    sqlite3_stmt *s = rd->s, *ps = w->rd[S_POINTS].s;
    struct points pts = {0};
    struct walk_customers cust = {0};
    int rc, prc, bad = 0;
    bind_id(s, ":sid", sid);
    bind_id(s, ":pos", m->number - 1);
    bind_id(s, ":mid", mid);
    bind_id(ps, ":mid", mid);
    prc = sqlite3_step(ps);
    while (!bad && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct walk_question q = {0};
        reader_fill(rd, &q);
        if (take_points(w, &prc, sqlite3_column_int64(s, w->qidx), q.points,
                        &pts) != 0) {
            bad = 1;
            break;
        }
        if (w->v->customers && q.kind && strcmp(q.kind, "customers") == 0) {
            if (!cust.read && walk_customers_read(&w->rd[S_CUSTOMERS], mid,
                                                  &cust) != SQLITE_DONE) {
                bad = 1;
                break;
            }
            q.customers = (const char *const *)cust.v;
            q.ncustomers = (int)cust.n;
        }
        q.secs = q.number > 0 ? question_secs(t, q.number) : -1;
        q.reached = pts.reached.len ? pts.reached.s : NULL;
        q.missed = pts.missed.len ? pts.missed.s : NULL;
        q.npoints = (int)pts.n;
        CALL(w, question, es, m, &q);
        for (size_t i = 0; i < pts.n; i++)
            CALL(w, point, &q, &pts.v[i]);
        CALL(w, question_end, es, &q);
    }
    points_free(&pts);
    walk_customers_free(&cust);
    sqlite3_reset(ps);
    if (bad) {
        sqlite3_reset(s);
        return SQLITE_ERROR;
    }
    return finish(s, rc);
}

static int walk_modules(struct walk *w, sqlite3_int64 sid,
                        const struct walk_session *es)
{
    const struct reader *rd = &w->rd[S_MODULES];
    sqlite3_stmt *s = rd->s;
    int rc;
    bind_id(s, ":sid", sid);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        struct walk_module m = {0};
        reader_fill(rd, &m);
        struct stages t = {0};
        /* a failed step's code goes up (a later reset clears it from
         * the connection) */
        int sub = read_stages(w, sid, m.number - 1, &t);
        m.nstages = (int)t.n;
        CALL(w, module, es, &m);
        if (sub == SQLITE_DONE)
            sub = walk_questions(w, es, sid, sqlite3_column_int64(s, w->mid),
                                 &m, &t);
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
                       const struct walk_session *es)
{
    const struct reader *rd = &w->rd[S_PARKING];
    int rc;
    bind_id(rd->s, ":sid", sid);
    while ((rc = sqlite3_step(rd->s)) == SQLITE_ROW) {
        struct walk_park p = {0};
        reader_fill(rd, &p);
        CALL(w, park, es, &p);
    }
    if ((rc = finish(rd->s, rc)) != SQLITE_DONE)
        return rc;
    rd = &w->rd[S_COMMENTS];
    bind_id(rd->s, ":sid", sid);
    while ((rc = sqlite3_step(rd->s)) == SQLITE_ROW) {
        struct walk_comment c = {0};
        reader_fill(rd, &c);
        CALL(w, comment, es, &c);
    }
    return finish(rd->s, rc);
}

static int walk_sessions(struct walk *w)
{
    const struct reader *rd = &w->rd[S_SESSIONS];
    sqlite3_stmt *s = rd->s;
    int rc, number = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        sqlite3_int64 sid = sqlite3_column_int64(s, w->sid);
        struct walk_session es = {.number = ++number};
        reader_fill(rd, &es);
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

/* The statements of the typed walk, with the fields each one fills. */
static const struct {
    const char *sql;
    const struct field *fields;
} levels[S_COUNT] = {
    {sql_sessions, session_fields},
    {sql_modules, module_fields},
    {sql_questions, question_fields},
    {sql_points, point_fields},
    {walk_customers_sql, walk_customers_fields},
    {sql_stages, stage_fields},
    {sql_parking, park_fields},
    {sql_comments, comment_fields},
};

/* The typed walk over a resolved selection of n sessions. */
static int walk_typed(const struct ex_sel *r, const struct walk_visitor *v,
                      void *ctx, long long n, char **err)
{
    struct walk w = {.r = r, .v = v, .ctx = ctx};
    int rc = 0;
    for (int i = 0; rc == 0 && i < S_COUNT; i++) {
        if (!(w.rd[i].s = ex_prepare(r, levels[i].sql, err)))
            rc = -1;
        else
            reader_bind(&w.rd[i], levels[i].fields);
    }
    if (rc == 0) {
        w.sid = column_of(&w.rd[S_SESSIONS], "sid");
        w.mid = column_of(&w.rd[S_MODULES], "mid");
        w.qidx = column_of(&w.rd[S_QUESTIONS], "qidx");
        w.point_qidx = column_of(&w.rd[S_POINTS], "qidx");
        w.point_idx = column_of(&w.rd[S_POINTS], "pidx");
        struct walk_doc d = {n, r->now, NULL};
        CALL(&w, begin, &d);
        int step = walk_sessions(&w);
        if (step != SQLITE_DONE)
            rc = ex_step_error(r->db, step, err);
        else
            CALL(&w, end, &d);
    }
    for (int i = 0; i < S_COUNT; i++)
        sqlite3_finalize(w.rd[i].s);
    return rc;
}

int store_walk(struct pbl_store *st, const struct store_selection *sel,
               const struct walk_visitor *v, void *ctx, char **err)
{
    struct ex_sel r;
    long long n = 0;
    if (store_sel_open(st, sel, &r, err) != 0)
        return -1;
    int rc = ex_count(&r, &n, err);
    if (rc == 0)
        rc = v->json ? store_walk_json(&r, v, ctx, n, err)
                     : walk_typed(&r, v, ctx, n, err);
    ex_sel_free(&r);
    return rc;
}
