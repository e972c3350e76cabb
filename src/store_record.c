/* store_record.c - what is recorded while a session runs: responses (the
 * entered answer, the draft being typed, skills, key points, reveal,
 * self-rating) and stage timings.
 *
 * Each response write is one upsert on (session, module position,
 * question index) in its own BEGIN IMMEDIATE transaction, through a
 * statement prepared once: this is the hot path (a draft every couple of
 * seconds of typing), and it must stay close to a bare insert + commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* The start of every response upsert: ?1 uuid, ?2 modpos, ?3 qidx,
 * ?4 now, ?5 the value. */
#define UPSERT(cols, vals, set)                                                \
    "INSERT INTO responses(session_id, modpos, qidx, created_at,"              \
    " updated_at, " cols ") VALUES((SELECT id FROM sessions"                   \
    " WHERE uuid = ?1), ?2, ?3, ?4, ?4, " vals ")"                             \
    " ON CONFLICT(session_id, modpos, qidx) DO UPDATE SET " set

/* After a failed write to a response: explains an unknown session or
 * question (the trigger and NOT NULL report them as constraints) more
 * plainly than SQLite does. */
static int explain_response_failure(struct pbl_store *st, const char *uuid,
                                    int modpos, int qidx, const char *what)
{
    if ((st->sql_rc & 0xff) != SQLITE_CONSTRAINT)
        return store_fail(st, "cannot %s", what);
    if (strstr(st->sql_msg, "given up and rated"))
        return store_failv(st, STORE_ERROR,
                           "cannot %s: question %d of module %d was %s", what,
                           qidx + 1, modpos,
                           strcmp(what, "save the rating") == 0
                               ? "given up, which counts as missed"
                               : "already rated");
    sqlite3_int64 id;
    int rc = store_session_row(st, uuid, &id);
    if (rc != STORE_OK)
        return rc;
    return store_failv(st, STORE_NOT_FOUND,
                       "cannot %s: session %s has no question %d in module "
                       "%d",
                       what, uuid, qidx + 1, modpos);
}

/* Runs the prepared upsert `s` (keys and value already bound) in its own
 * transaction, plus a "reveal" event when asked. */
static int response_write(struct pbl_store *st, sqlite3_stmt *s,
                          const char *uuid, int modpos, int qidx,
                          const char *what, bool reveal_event)
{
    int rc = STORE_OK;
    if (store_exec_stmt(st, s) != SQLITE_DONE)
        rc = explain_response_failure(st, uuid, modpos, qidx, what);
    else if (reveal_event) {
        char detail[32];
        snprintf(detail, sizeof detail, "%d/q%d", modpos, qidx + 1);
        rc = store_event_tx(st, uuid, "reveal", detail);
    }
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, what);
}

/* Begins the transaction and hands out statement `id` with the key and the
 * time bound; NULL (transaction closed, error set) on failure. */
static sqlite3_stmt *response_begin(struct pbl_store *st, enum store_stmt_id id,
                                    const char *sql, const char *uuid,
                                    int modpos, int qidx, const char *what)
{
    char now[STORE_TIME_LEN + 1];
    if (!uuid || modpos < 0 || qidx < 0) {
        store_failv(st, STORE_ERROR, "cannot %s: no such question", what);
        return NULL;
    }
    if (store_begin(st, what) != STORE_OK)
        return NULL;
    sqlite3_stmt *s = store_stmt(st, id, sql);
    if (!s) {
        store_fail(st, "cannot %s", what);
        store_rollback(st);
        return NULL;
    }
    clock_now_iso(now);
    store_bind_str(s, 1, uuid);
    sqlite3_bind_int(s, 2, modpos);
    sqlite3_bind_int(s, 3, qidx);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
    return s;
}

/* Saves what is being typed; a NULL draft clears it. Does not touch
 * updated_at: a draft is not yet an answer. */
int store_save_draft(struct pbl_store *st, const char *uuid, int modpos,
                     int qidx, const char *draft)
{
    const char *what = "save the draft";
    sqlite3_stmt *s =
        response_begin(st, SQL_SAVE_DRAFT,
                       UPSERT("draft, draft_saved_at", "?5, ?4",
                              "draft = excluded.draft,"
                              " draft_saved_at = excluded.draft_saved_at"),
                       uuid, modpos, qidx, what);
    if (!s)
        return STORE_ERROR;
    store_bind_str(s, 5, draft);
    return response_write(st, s, uuid, modpos, qidx, what, false);
}

/* Commits the entered answer and drops the draft it came from. */
int store_record_response(struct pbl_store *st, const char *uuid, int modpos,
                          int qidx, const char *text)
{
    const char *what = "save the answer";
    sqlite3_stmt *s = response_begin(
        st, SQL_RECORD,
        UPSERT("text", "?5",
               "text = excluded.text, draft = NULL, draft_saved_at = NULL,"
               " updated_at = excluded.updated_at"),
        uuid, modpos, qidx, what);
    if (!s)
        return STORE_ERROR;
    store_bind_str(s, 5, text ? text : "");
    return response_write(st, s, uuid, modpos, qidx, what, false);
}

/* Replaces the skills tagged for the question (a SKILL_BIT set). */
int store_set_skills(struct pbl_store *st, const char *uuid, int modpos,
                     int qidx, unsigned skills)
{
    const char *what = "save the skills";
    if (skills & ~(unsigned)SKILL_ALL)
        return store_failv(st, STORE_ERROR, "cannot %s: unknown skill bits",
                           what);
    sqlite3_stmt *s = response_begin(
        st, SQL_SET_SKILLS,
        UPSERT("skills", "?5",
               "skills = excluded.skills, updated_at = excluded.updated_at"),
        uuid, modpos, qidx, what);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 5, (sqlite3_int64)skills);
    return response_write(st, s, uuid, modpos, qidx, what, false);
}

/* Replaces a bit set of the response (key points ticked, customers
 * marked) through `sql`, an UPSERT of one column from ?5. */
static int set_bits(struct pbl_store *st, enum store_stmt_id which,
                    const char *sql, const char *uuid, int modpos, int qidx,
                    uint64_t bits, const char *what, const char *items)
{
    if (bits >> STORE_MAX_POINTS)
        return store_failv(st, STORE_ERROR, "cannot %s: at most %d %s", what,
                           STORE_MAX_POINTS, items);
    sqlite3_stmt *s = response_begin(st, which, sql, uuid, modpos, qidx, what);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int64(s, 5, (sqlite3_int64)bits);
    return response_write(st, s, uuid, modpos, qidx, what, false);
}

/* Replaces the key points ticked (bit i: point i of the snapshot). */
int store_set_points(struct pbl_store *st, const char *uuid, int modpos,
                     int qidx, uint64_t points)
{
    return set_bits(st, SQL_SET_POINTS,
                    UPSERT("points", "?5",
                           "points = excluded.points,"
                           " updated_at = excluded.updated_at"),
                    uuid, modpos, qidx, points, "save the key points",
                    "key points");
}

/* Replaces the customers marked as named (bit i: customer i). */
int store_set_customers(struct pbl_store *st, const char *uuid, int modpos,
                        int qidx, uint64_t customers)
{
    return set_bits(st, SQL_SET_CUSTOMERS,
                    UPSERT("customers", "?5",
                           "customers = excluded.customers,"
                           " updated_at = excluded.updated_at"),
                    uuid, modpos, qidx, customers, "save the customers named",
                    "customers");
}

/* The first reveal is the one that counts (the time the group first saw
 * the model answer); later reveals are logged as events only. */
int store_mark_revealed(struct pbl_store *st, const char *uuid, int modpos,
                        int qidx)
{
    const char *what = "save the reveal";
    sqlite3_stmt *s = response_begin(
        st, SQL_REVEAL,
        UPSERT("revealed_at, revealed_text", "?4, ''",
               "revealed_at = coalesce(revealed_at, excluded.revealed_at),"
               " revealed_text = coalesce(revealed_text, coalesce(text, '')),"
               " updated_at = excluded.updated_at"),
        uuid, modpos, qidx, what);
    if (!s)
        return STORE_ERROR;
    return response_write(st, s, uuid, modpos, qidx, what, true);
}

/* The word stored for a self-rating; NULL for none. */
const char *store_rating_name(enum store_rating r)
{
    switch (r) {
    case STORE_RATING_GOT:
        return "got";
    case STORE_RATING_PARTLY:
        return "partly";
    case STORE_RATING_MISSED:
        return "missed";
    default:
        return NULL;
    }
}

/* Self-study: the resident's rating of their answer (NONE clears it). */
int store_set_rating(struct pbl_store *st, const char *uuid, int modpos,
                     int qidx, enum store_rating rating)
{
    const char *what = "save the rating";
    if ((unsigned)rating > STORE_RATING_MISSED)
        return store_failv(st, STORE_ERROR, "cannot %s: no such rating", what);
    sqlite3_stmt *s = response_begin(
        st, SQL_SET_RATING,
        UPSERT("rating", "?5",
               "rating = excluded.rating, updated_at = excluded.updated_at"),
        uuid, modpos, qidx, what);
    if (!s)
        return STORE_ERROR;
    store_bind_str(s, 5, store_rating_name(rating));
    return response_write(st, s, uuid, modpos, qidx, what, false);
}

/* Self-study: whether the resident gave up on the question. */
int store_set_gave_up(struct pbl_store *st, const char *uuid, int modpos,
                      int qidx, bool gave_up)
{
    const char *what = "save the give-up";
    sqlite3_stmt *s = response_begin(
        st, SQL_SET_GAVE_UP,
        UPSERT("gave_up", "?5",
               "gave_up = excluded.gave_up, updated_at = excluded.updated_at"),
        uuid, modpos, qidx, what);
    if (!s)
        return STORE_ERROR;
    sqlite3_bind_int(s, 5, gave_up ? 1 : 0);
    return response_write(st, s, uuid, modpos, qidx, what, false);
}

/* Frees the strings of a response filled by store_get_response(). */
void store_response_free(struct store_response *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->draft);
    free(r->revealed_text);
    memset(r, 0, sizeof *r);
}

/* The rating stored as `w`; NONE for NULL or an unknown word. */
static enum store_rating rating_from_word(const char *w)
{
    for (int r = STORE_RATING_GOT; w && r <= STORE_RATING_MISSED; r++)
        if (strcmp(w, store_rating_name((enum store_rating)r)) == 0)
            return (enum store_rating)r;
    return STORE_RATING_NONE;
}

/* Everything recorded for one question, draft included, so that
 * resume restores exactly what was on screen. */
int store_get_response(struct pbl_store *st, const char *uuid, int modpos,
                       int qidx, struct store_response *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = store_stmt(
        st, SQL_GET_RESPONSE,
        "SELECT r.text, r.draft, r.skills, r.points, r.rating, r.gave_up,"
        " r.revealed_at, r.draft_saved_at, r.created_at, r.updated_at,"
        " r.customers, r.revealed_text, " STORE_SQL_EDITED_AFTER_REVEAL(
            "r") " FROM responses r JOIN sessions s ON s.id = r.session_id"
                 " WHERE s.uuid = ?1 AND r.modpos = ?2 AND r.qidx = ?3");
    if (!s)
        return store_fail(st, "cannot read the answer");
    store_bind_str(s, 1, uuid);
    sqlite3_bind_int(s, 2, modpos);
    sqlite3_bind_int(s, 3, qidx);
    int rc = store_step(st, s);
    if (rc == SQLITE_DONE) {
        store_done(s);
        return store_failv(st, STORE_NOT_FOUND,
                           "nothing recorded for question %d of module %d",
                           qidx + 1, modpos);
    }
    if (rc != SQLITE_ROW)
        return store_fail(st, "cannot read the answer");
    bool oom = false;
    out->text = store_col_dup(s, 0, &oom);
    out->draft = store_col_dup(s, 1, &oom);
    out->skills = (unsigned)sqlite3_column_int64(s, 2);
    out->points = (uint64_t)sqlite3_column_int64(s, 3);
    out->rating = rating_from_word((const char *)sqlite3_column_text(s, 4));
    out->gave_up = sqlite3_column_int(s, 5) != 0;
    store_col_copy(s, 6, out->revealed_at, sizeof out->revealed_at);
    store_col_copy(s, 7, out->draft_saved_at, sizeof out->draft_saved_at);
    store_col_copy(s, 8, out->created_at, sizeof out->created_at);
    store_col_copy(s, 9, out->updated_at, sizeof out->updated_at);
    out->customers = (uint64_t)sqlite3_column_int64(s, 10);
    out->revealed_text = store_col_dup(s, 11, &oom);
    out->edited_after_reveal = sqlite3_column_int(s, 12) != 0;
    store_done(s);
    if (oom) {
        store_response_free(out);
        return store_failv(st, STORE_ERROR, "out of memory");
    }
    return STORE_OK;
}

/* ---- stage timings --------------------------------------------------- */

void store_stage_question(int qidx, char buf[static STORE_STAGE_MAX])
{
    snprintf(buf, STORE_STAGE_MAX, "q%d", qidx + 1);
}

/* See store.h: the frame's stages and the summary, not a module's. */
bool store_stage_of_session(const char *stage)
{
    return stage &&
           (strcmp(stage, "summary") == 0 || strcmp(stage, "opening") == 0 ||
            strcmp(stage, "closing") == 0);
}

/* The stage names of store.h: scenario, video, summary, opening,
 * closing, q1..q999. */
bool store_stage_valid(const char *stage)
{
    if (!stage)
        return false;
    if (strcmp(stage, "scenario") == 0 || strcmp(stage, "video") == 0 ||
        strcmp(stage, "summary") == 0 || strcmp(stage, "opening") == 0 ||
        strcmp(stage, "closing") == 0)
        return true;
    if (stage[0] != 'q' || stage[1] < '1' || stage[1] > '9')
        return false;
    size_t n = 2;
    while (stage[n] >= '0' && stage[n] <= '9')
        n++;
    return stage[n] == '\0' && n <= 4;
}

/* The body of store_stage_enter, inside its transaction. */
static int enter_tx(struct pbl_store *st, const char *uuid, int modpos,
                    const char *stage, int planned)
{
    char now[STORE_TIME_LEN + 1];
    sqlite3_int64 id;
    int rc = store_session_row(st, uuid, &id);
    if (rc != STORE_OK)
        return rc;
    clock_now_iso(now);
    sqlite3_stmt *s = store_stmt(st, SQL_STAGE_CLOSE_ALL,
                                 "UPDATE stage_timings SET left_at = ?2"
                                 " WHERE session_id = ?1"
                                 " AND left_at IS NULL");
    if (!s)
        return store_fail(st, "cannot save the stage");
    sqlite3_bind_int64(s, 1, id);
    store_bind_str(s, 2, now);
    if (store_exec_stmt(st, s) != SQLITE_DONE)
        return store_fail(st, "cannot save the stage");
    s = store_stmt(st, SQL_STAGE_OPEN,
                   "INSERT INTO stage_timings(session_id, modpos, stage,"
                   " planned_minutes, entered_at) VALUES(?1,?2,?3,?4,?5)");
    if (!s)
        return store_fail(st, "cannot save the stage");
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, modpos);
    store_bind_str(s, 3, stage);
    sqlite3_bind_int(s, 4, planned);
    store_bind_str(s, 5, now);
    if (store_exec_stmt(st, s) != SQLITE_DONE)
        return store_fail(st, "cannot save the stage");
    s = store_stmt(st, SQL_STAGE_POSITION,
                   "UPDATE sessions SET cur_modpos = ?2, cur_stage = ?3"
                   " WHERE id = ?1");
    if (!s)
        return store_fail(st, "cannot save the stage");
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_int(s, 2, modpos);
    store_bind_str(s, 3, stage);
    if (store_exec_stmt(st, s) != SQLITE_DONE)
        return store_fail(st, "cannot save the stage");
    return store_event_tx(st, uuid, "enter", NULL);
}

/* Closing the previous stage here means a stage is never left open by a
 * console that forgot to call store_stage_leave(); after a crash, the
 * stage open at the time closes when the session resumes. */
int store_stage_enter(struct pbl_store *st, const char *uuid, int modpos,
                      const char *stage, int planned_minutes)
{
    if (modpos < 0 || !store_stage_valid(stage))
        return store_failv(st, STORE_ERROR, "no stage '%s' at position %d",
                           stage ? stage : "", modpos);
    if (store_begin(st, "save the stage") != STORE_OK)
        return STORE_ERROR;
    int rc = enter_tx(st, uuid, modpos, stage,
                      planned_minutes > 0 ? planned_minutes : 0);
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "save the stage");
}

/* Closes an open stage now and logs "leave"; leaving a stage that is
 * not open is not an error (the console may leave twice). */
int store_stage_leave(struct pbl_store *st, const char *uuid, int modpos,
                      const char *stage)
{
    char now[STORE_TIME_LEN + 1];
    sqlite3_int64 id;
    clock_now_iso(now);
    if (store_begin(st, "save the stage") != STORE_OK)
        return STORE_ERROR;
    int rc = store_session_row(st, uuid, &id);
    sqlite3_stmt *s = NULL;
    if (rc == STORE_OK) {
        s = store_stmt(st, SQL_STAGE_CLOSE,
                       "UPDATE stage_timings SET left_at = ?4"
                       " WHERE session_id = ?1 AND modpos = ?2"
                       " AND stage = ?3 AND left_at IS NULL");
        if (!s)
            rc = store_fail(st, "cannot save the stage");
    }
    if (rc == STORE_OK) {
        sqlite3_bind_int64(s, 1, id);
        sqlite3_bind_int(s, 2, modpos);
        store_bind_str(s, 3, stage);
        store_bind_str(s, 4, now);
        if (store_exec_stmt(st, s) != SQLITE_DONE)
            rc = store_fail(st, "cannot save the stage");
        else if (sqlite3_changes(st->db) > 0) {
            char detail[STORE_STAGE_MAX + 16];
            snprintf(detail, sizeof detail, "%d/%s", modpos, stage);
            rc = store_event_tx(st, uuid, "leave", detail);
        }
    }
    if (rc != STORE_OK) {
        store_rollback(st);
        return rc;
    }
    return store_commit(st, "save the stage");
}

/* Frees what store_list_stages() filled. */
void store_stage_list_free(struct store_stage_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

/* One row of the stage timings query. */
static bool fill_stage(sqlite3_stmt *s, void *elem)
{
    struct store_stage_timing *t = elem;
    t->modpos = store_col_range(s, 0, 0, STORE_MAX_INDEX, -1); /* -1: damaged */
    store_col_copy(s, 1, t->stage, sizeof t->stage);
    t->planned_minutes = store_col_range(s, 2, 0, STORE_MAX_MINUTES, 0);
    store_col_copy(s, 3, t->entered_at, sizeof t->entered_at);
    store_col_copy(s, 4, t->left_at, sizeof t->left_at);
    return true;
}

/* Every stage visit of the session, in the order entered, beside its
 * planned time box: what the timing report needs. */
int store_list_stages(struct pbl_store *st, const char *uuid,
                      struct store_stage_list *out)
{
    struct store_rows rows = {0};
    int r = store_read_session_rows(
        st, uuid, SQL_LIST_STAGES,
        "SELECT modpos, stage, planned_minutes, entered_at, left_at"
        " FROM stage_timings WHERE session_id = ?1 ORDER BY id",
        "cannot read the stage timings", &rows, sizeof *out->v, fill_stage);
    out->v = rows.v;
    out->n = rows.n;
    if (r != STORE_OK)
        store_stage_list_free(out);
    return r;
}
