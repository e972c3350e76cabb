/* store_check.c - what `pbl db check` checks beyond SQLite's own checks:
 * that the file is a pbl database at all, that every table pbl reads is
 * there, and pbl's own rules for each record (text a record must have,
 * positions and indices in range, answers to questions that exist,
 * snapshots that match their hash; the other references are checked by
 * PRAGMA foreign_key_check). The constraints of schema 4 keep new
 * records to these rules; the check finds records written before, by
 * hand or by a damaged disk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* Stringify a number macro for the SQL below. */
#define STR_(x) #x
#define STR(x) STR_(x)

/* The tables every pbl database of the current schema has. */
static const char *const pbl_tables[] = {"meta",
                                         "settings",
                                         "sessions",
                                         "session_modules",
                                         "snapshot_questions",
                                         "snapshot_points",
                                         "responses",
                                         "stage_timings",
                                         "parking",
                                         "events",
                                         "review_comments"};

/* The index of session_modules in pbl_tables (for the hash check). */
enum { SESSION_MODULES = 3 };

/* One rule: the rows of `table` for which `bad` holds break it; each is
 * reported as "TABLE row KEY: WHAT". */
struct rule {
    const char *table, *key, *bad, *what;
};

#define IDX_BAD(c, max)                                                        \
    "typeof(" c ") <> 'integer' OR " c " < 0 OR " c " > " max
#define TEXT_BAD(c) c " IS NULL"

static const struct rule rules[] = {
    {"sessions", "coalesce(uuid, id)", "uuid IS NULL OR length(uuid) <> 36",
     "the session's id is missing or malformed"},
    {"sessions", "coalesce(uuid, id)",
     "kind IS NULL OR kind NOT IN ('group', 'self-study')",
     "the kind is missing or unknown"},
    {"sessions", "coalesce(uuid, id)",
     "status IS NULL OR status NOT IN ('active', 'finished', 'abandoned')",
     "the status is missing or unknown"},
    {"sessions", "coalesce(uuid, id)", TEXT_BAD("started_at"),
     "the start time is missing"},
    {"sessions", "coalesce(uuid, id)",
     IDX_BAD("cur_modpos", STR(STORE_MAX_INDEX)),
     "the resume position (cur_modpos) is out of range"},
    {"sessions", "coalesce(uuid, id)", TEXT_BAD("cur_stage"),
     "the resume stage is missing"},
    {"session_modules", "id", TEXT_BAD("module_id"),
     "the module id is missing"},
    {"session_modules", "id", TEXT_BAD("title"), "the module title is missing"},
    {"session_modules", "id", TEXT_BAD("scenario"), "the scenario is missing"},
    {"session_modules", "id", TEXT_BAD("hash"), "the snapshot hash is missing"},
    {"session_modules", "id", IDX_BAD("position", STR(STORE_MAX_INDEX)),
     "the position is out of range"},
    {"session_modules", "id", IDX_BAD("version", "2147483647"),
     "the version is out of range"},
    {"session_modules", "id", IDX_BAD("video_minutes", STR(STORE_MAX_MINUTES)),
     "the video minutes are out of range"},
    {"session_modules", "id", IDX_BAD("skills", PBL_SKILL_ALL_SQL),
     "the target skills are out of range"},
    {"session_modules", "id",
     "NOT json_valid(customers) OR json_type(customers) <> 'array'"
     " OR NOT json_valid(tags) OR json_type(tags) <> 'array'",
     "the customers or tags are not a JSON list"},
    {"snapshot_questions", "id", TEXT_BAD("prompt"), "the question is missing"},
    {"snapshot_questions", "id", TEXT_BAD("answer"),
     "the model answer is missing"},
    {"snapshot_questions", "id",
     "kind IS NULL OR kind NOT IN ('customers', 'skills', 'text')",
     "the question kind is missing or unknown"},
    {"snapshot_questions", "id", IDX_BAD("idx", STR(STORE_MAX_INDEX)),
     "the question index is out of range"},
    {"snapshot_questions", "id", IDX_BAD("minutes", STR(STORE_MAX_MINUTES)),
     "the time box is out of range"},
    {"snapshot_points", "id", TEXT_BAD("text"), "the key point is missing"},
    {"snapshot_points", "id", IDX_BAD("idx", "62"),
     "the key point index is out of range"},
    {"responses", "session_id || '/' || modpos || '/' || qidx",
     "NOT EXISTS (SELECT 1 FROM snapshot_questions q JOIN session_modules m"
     " ON q.session_module_id = m.id WHERE m.session_id = responses.session_id"
     " AND m.position = responses.modpos AND q.idx = responses.qidx)",
     "answers a question its session does not have"},
    {"responses", "session_id || '/' || modpos || '/' || qidx",
     IDX_BAD("skills", PBL_SKILL_ALL_SQL) " OR " IDX_BAD(
         "points", "9223372036854775807") " OR gave_up NOT IN (0, 1)",
     "the skills, key points or gave-up flag are out of range"},
    {"responses", "session_id || '/' || modpos || '/' || qidx",
     "created_at IS NULL OR updated_at IS NULL", "a time stamp is missing"},
    {"stage_timings", "id", IDX_BAD("modpos", STR(STORE_MAX_INDEX)),
     "the module position is out of range"},
    {"stage_timings", "id", "stage IS NULL OR entered_at IS NULL",
     "the stage or its time is missing"},
    {"stage_timings", "id", IDX_BAD("planned_minutes", STR(STORE_MAX_MINUTES)),
     "the time box is out of range"},
    {"parking", "id", "text IS NULL OR raised_at IS NULL",
     "the item or its time is missing"},
    {"events", "id", "at IS NULL OR type IS NULL",
     "the event's time or type is missing"},
    {"review_comments", "id", "text IS NULL OR created_at IS NULL",
     "the comment or its time is missing"},
};

/* Runs `sql`, whose rows are one text column each, and adds each row as
 * a problem; an error becomes a problem too ("WHAT: REASON"), so that
 * nothing found before it is lost. -1 only when memory ran out. */
static int collect(struct pbl_store *st, const char *sql, const char *what,
                   struct pbl_strv *problems)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(s);
        if (rc != SQLITE_ROW)
            break;
        const char *line = (const char *)sqlite3_column_text(s, 0);
        if (store_problem(problems, "%s", line ? line : "?") != 0) {
            sqlite3_finalize(s);
            return -1;
        }
    }
    int ok = rc == SQLITE_DONE || rc == SQLITE_OK;
    sqlite3_finalize(s);
    if (!ok)
        return store_problem_sql(st, problems, what, rc);
    return 0;
}

/* *is_pbl: the file has a schema version and tables; an empty file, or
 * the first bytes of an interrupted copy or backup, has neither. */
int store_check_has_schema(struct pbl_store *st, bool *is_pbl)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db,
                                "SELECT (SELECT user_version FROM"
                                " pragma_user_version), (SELECT count(*)"
                                " FROM sqlite_schema)",
                                -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *is_pbl =
            sqlite3_column_int64(s, 0) > 0 && sqlite3_column_int64(s, 1) > 0;
    else
        store_note_sql(st, rc);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return store_fail(st, "cannot check %s", st->path);
    return STORE_OK;
}

/* Checks that a snapshot's source text still has the hash it was saved
 * with (the first sign of a changed or damaged snapshot). */
static int check_hashes(struct pbl_store *st, struct pbl_strv *problems)
{
    sqlite3_stmt *s = NULL;
    int rc =
        sqlite3_prepare_v2(st->db,
                           "SELECT id, hash, source FROM session_modules"
                           " WHERE source IS NOT NULL AND hash IS NOT NULL",
                           -1, &s, NULL);
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        if ((rc = sqlite3_step(s)) != SQLITE_ROW)
            break;
        struct pbl_module m = {0};
        char want[32];
        m.source = (char *)sqlite3_column_text(s, 2);
        m.source_len = (size_t)sqlite3_column_bytes(s, 2);
        module_hash(&m, want);
        const char *have = (const char *)sqlite3_column_text(s, 1);
        if (strncmp(have, want, sizeof want) != 0 &&
            store_problem(problems,
                          "session_modules row %lld: the snapshot does not"
                          " match its hash (%s, the text gives %s)",
                          (long long)sqlite3_column_int64(s, 0), have,
                          want) != 0) {
            sqlite3_finalize(s);
            return -1;
        }
    }
    int ok = rc == SQLITE_DONE || rc == SQLITE_OK;
    sqlite3_finalize(s);
    if (!ok)
        return store_problem_sql(st, problems, "checking snapshot hashes", rc);
    return 0;
}

/* See store_impl.h: pbl's own rules, each broken one a problem line. */
int store_check_records(struct pbl_store *st, struct pbl_strv *problems)
{
    bool present[sizeof pbl_tables / sizeof *pbl_tables];
    for (size_t i = 0; i < sizeof pbl_tables / sizeof *pbl_tables; i++) {
        char *sql = sqlite3_mprintf("SELECT 1 FROM sqlite_schema WHERE"
                                    " type = 'table' AND name = %Q",
                                    pbl_tables[i]);
        sqlite3_stmt *s = NULL;
        present[i] =
            sql && sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK &&
            sqlite3_step(s) == SQLITE_ROW;
        sqlite3_finalize(s);
        sqlite3_free(sql);
        if (!present[i] &&
            store_problem(problems, "the table %s is missing", pbl_tables[i]))
            return -1;
    }
    for (size_t r = 0; r < sizeof rules / sizeof *rules; r++) {
        const struct rule *u = &rules[r];
        bool skip = false; /* a rule on or through a missing table */
        for (size_t i = 0; i < sizeof pbl_tables / sizeof *pbl_tables; i++)
            if (!present[i] && (strcmp(u->table, pbl_tables[i]) == 0 ||
                                strstr(u->bad, pbl_tables[i])))
                skip = true;
        if (skip)
            continue;
        char *sql =
            sqlite3_mprintf("SELECT '%q row ' || coalesce(%s, '?')"
                            " || ': ' || %Q FROM \"%w\" WHERE %s",
                            u->table, u->key, u->what, u->table, u->bad);
        char what[128];
        snprintf(what, sizeof what, "checking %s", u->table);
        int rc = sql ? collect(st, sql, what, problems) : -1;
        sqlite3_free(sql);
        if (rc != 0)
            return -1;
    }
    return present[SESSION_MODULES] ? check_hashes(st, problems) : 0;
}
