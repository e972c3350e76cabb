/* store_schema.c - the database schema, as forward migrations.
 *
 * migrations[k] takes a database from version k to version k + 1; PRAGMA
 * user_version is the number applied. A migration is never edited once
 * released: a change is a new entry at the end (and STORE_SCHEMA_VERSION
 * goes up by one).
 *
 * Conventions of the schema: timestamps are UTC ISO-8601 text; skill sets
 * are integers with bit i for enum pbl_skill i (reliability 1,
 * responsiveness 2, assurance 4, empathy 8, tangibles 16 - this order is
 * part of the file format); lists of strings are JSON arrays of text, so
 * SQL readers can use json_each(). Applying them: store_migrate.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* A response belongs to a question of the session's snapshot. Created in
 * version 1 and again in version 3 with the new table; part of released
 * migrations, so never edited. */
#define RESPONSES_QUESTION_TRIGGER                                             \
    "CREATE TRIGGER responses_question BEFORE INSERT ON responses"             \
    "  WHEN NOT EXISTS (SELECT 1 FROM snapshot_questions q"                    \
    "    JOIN session_modules m ON q.session_module_id = m.id"                 \
    "    WHERE m.session_id = NEW.session_id AND m.position = NEW.modpos"      \
    "      AND q.idx = NEW.qidx)"                                              \
    "  BEGIN SELECT RAISE(ABORT, 'no such question in this session'); END;"

/* clang-format off */
/* The search_docs row of source row X (NEW or OLD) of a table. */
#define SEARCH_DOC(X, src, k1, k2)                                             \
    " FROM search_docs WHERE session_id = " X ".session_id AND src = " src    \
    " AND k1 = " X "." k1 " AND k2 = " X "." k2

/* Adds NEW's search_docs row unless it is there, then indexes NEW.col
 * under it when not NULL. NOT EXISTS rather than INSERT OR IGNORE: a
 * trigger's OR clause gives way to the outer statement's, and an upsert's
 * turned the IGNORE into a constraint error. */
#define SEARCH_ADD(src, k1, k2, col)                                           \
    "  INSERT INTO search_docs(session_id, src, k1, k2)"                       \
    "    SELECT NEW.session_id, " src ", NEW." k1 ", NEW." k2                  \
    "    WHERE NOT EXISTS (SELECT 1" SEARCH_DOC("NEW", src, k1, k2) ");"       \
    "  INSERT INTO search_fts(rowid, body)"                                    \
    "    SELECT id, NEW." col SEARCH_DOC("NEW", src, k1, k2)                   \
    "    AND NEW." col " IS NOT NULL;"

/* Takes OLD.col out of the index (when it was indexed: not NULL). */
#define SEARCH_REMOVE(src, k1, k2, col)                                        \
    "  INSERT INTO search_fts(search_fts, rowid, body)"                        \
    "    SELECT 'delete', id, OLD." col SEARCH_DOC("OLD", src, k1, k2)         \
    "    AND OLD." col " IS NOT NULL;"

/* Triggers that keep search_fts in step with column `col` of `table`
 * (migration 4). */
#define SEARCH_TRIGGERS(table, src, k1, k2, col)                               \
    "CREATE TRIGGER search_" table "_ins AFTER INSERT ON " table               \
    "  WHEN NEW." col " IS NOT NULL BEGIN"                                     \
    SEARCH_ADD(src, k1, k2, col) " END;"                                       \
    "CREATE TRIGGER search_" table "_upd AFTER UPDATE OF " col " ON " table    \
    "  WHEN OLD." col " IS NOT NEW." col " BEGIN"                              \
    SEARCH_REMOVE(src, k1, k2, col) SEARCH_ADD(src, k1, k2, col) " END;"       \
    "CREATE TRIGGER search_" table "_del AFTER DELETE ON " table " BEGIN"      \
    SEARCH_REMOVE(src, k1, k2, col)                                            \
    "  DELETE" SEARCH_DOC("OLD", src, k1, k2) ";"                              \
    " END;"

/* Answers are written on the hot path (every Esc), where indexing them
 * at once cost a quarter of a commit; their triggers only note the
 * change in search_pending, with the text that is indexed now (the first
 * change since the last sync keeps it: FTS5 needs it to take the old
 * words out), and store_search_sync() brings the index up to date before
 * a search. has_old is 0 when nothing was indexed (no text then). */
#define SEARCH_NOTE(X, old)                                                    \
    "  INSERT INTO search_pending(session_id, modpos, qidx, old_text)"         \
    "    SELECT " X ".session_id, " X ".modpos, " X ".qidx, " old              \
    "    WHERE NOT EXISTS (SELECT 1 FROM search_pending"                       \
    "      WHERE session_id = " X ".session_id AND modpos = " X ".modpos"      \
    "      AND qidx = " X ".qidx);"
#define SEARCH_ANSWER_TRIGGERS                                                 \
    "CREATE TRIGGER search_responses_ins AFTER INSERT ON responses"            \
    "  WHEN NEW.text IS NOT NULL BEGIN" SEARCH_NOTE("NEW", "NULL") " END;"     \
    "CREATE TRIGGER search_responses_upd AFTER UPDATE OF text ON responses"    \
    "  WHEN OLD.text IS NOT NEW.text BEGIN" SEARCH_NOTE("OLD", "OLD.text")     \
    " END;"                                                                    \
    "CREATE TRIGGER search_responses_del AFTER DELETE ON responses"            \
    "  BEGIN" SEARCH_NOTE("OLD", "OLD.text") " END;"

/* Indexes the rows `table` holds already (migration 4). */
#define SEARCH_BACKFILL(table, src, k1, k2, col)                               \
    "INSERT INTO search_docs(session_id, src, k1, k2)"                         \
    "  SELECT session_id, " src ", " k1 ", " k2 " FROM " table                 \
    "  WHERE " col " IS NOT NULL;"                                             \
    "INSERT INTO search_fts(rowid, body) SELECT d.id, t." col                  \
    "  FROM " table " t JOIN search_docs d ON d.session_id = t.session_id"     \
    "  AND d.src = " src " AND d.k1 = t." k1 " AND d.k2 = t." k2               \
    "  WHERE t." col " IS NOT NULL;"
/* clang-format on */

/* A random version-4 UUID as SQL (lowercase, 36 characters), evaluated
 * afresh for each row (migration 8). */
#define SQL_UUID_V4                                                            \
    "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2)))"           \
    " || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'"                  \
    " || substr('89ab', 1 + (abs(random()) % 4), 1)"                           \
    " || substr(lower(hex(randomblob(2))), 2) || '-'"                          \
    " || lower(hex(randomblob(6))))"

/* clang-format off */
/* Gives `table` a uuid column, unique, set by a trigger on every insert
 * that does not bring one (`key` names the inserted row). The rows there
 * are get one derived from what identifies them (`args`: the session's
 * UUID, the row id and what the row was made with, through
 * pbl_row_uuid(), see store_uuid.c), so that two copies of one older
 * database, upgraded apart, give the same record the same UUID and a
 * merge of them matches it. Records made on two machines are told apart,
 * and matched, by it (migration 8). */
#define UUID_COLUMN(table, key, args)                                          \
    "ALTER TABLE " table " ADD COLUMN uuid TEXT"                                \
    "  CHECK (uuid IS NULL OR length(uuid) = 36);"                             \
    "UPDATE " table " SET uuid = pbl_row_uuid('" table "',"                    \
    "  (SELECT s.uuid FROM sessions s WHERE s.id = " table ".session_id), "    \
    args ");"                                                                  \
    "CREATE UNIQUE INDEX " table "_uuid ON " table "(uuid);"                   \
    "CREATE TRIGGER " table "_uuid AFTER INSERT ON " table                     \
    "  WHEN NEW.uuid IS NULL BEGIN"                                            \
    "  UPDATE " table " SET uuid = " SQL_UUID_V4 " WHERE " key ";"             \
    " END;"
/* clang-format on */

/* Schema 11's trigger after WHEN ("insert" or "update") on TABLE: the
 * session of the row written takes the next sync_rev, unless it is past
 * every mark a sync has taken already (sync_clock.taken): then it is
 * to be compared anyway, and a draft saved at every key costs a read,
 * not two more writes. */
#define SYNC_TICK(table, when)                                                 \
    "CREATE TRIGGER " table "_sync_" when " AFTER " when " ON " table          \
    "  WHEN (SELECT sync_rev FROM sessions WHERE id = NEW.session_id)"         \
    "    <= (SELECT taken FROM sync_clock) BEGIN"                              \
    "  UPDATE sync_clock SET tick = tick + 1;"                                 \
    "  UPDATE sessions SET sync_rev = (SELECT tick FROM sync_clock)"           \
    "    WHERE id = NEW.session_id;"                                           \
    " END;"
/* ...after both, for the records that change after they are made */
#define SYNC_TICKS(table) SYNC_TICK(table, "insert") SYNC_TICK(table, "update")

static const char *const migrations[] = {
    /* 1: the initial schema. */
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
    "CREATE TABLE settings("
    "  key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE sessions("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),"
    "  kind TEXT NOT NULL CHECK (kind IN ('group', 'self-study')),"
    "  group_name TEXT, facilitator TEXT, resident TEXT,"
    "  participants TEXT, notes TEXT,"
    "  started_at TEXT NOT NULL, ended_at TEXT,"
    "  status TEXT NOT NULL DEFAULT 'active'"
    "    CHECK (status IN ('active', 'finished', 'abandoned')),"
    "  cur_modpos INTEGER NOT NULL DEFAULT 0,"
    "  cur_stage TEXT NOT NULL DEFAULT 'scenario');"
    "CREATE TABLE session_modules("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL"
    "    REFERENCES sessions(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL CHECK (position >= 0),"
    "  module_id TEXT NOT NULL, version INTEGER NOT NULL,"
    "  hash TEXT NOT NULL, path TEXT,"
    "  title TEXT, summary TEXT, level TEXT, scenario TEXT,"
    "  video_url TEXT, video_title TEXT,"
    "  video_minutes INTEGER NOT NULL DEFAULT 0,"
    "  skills INTEGER NOT NULL DEFAULT 0,"
    "  customers TEXT NOT NULL DEFAULT '[]',"
    "  tags TEXT NOT NULL DEFAULT '[]',"
    "  source TEXT,"
    "  UNIQUE (session_id, position));"
    "CREATE TABLE snapshot_questions("
    "  id INTEGER PRIMARY KEY,"
    "  session_module_id INTEGER NOT NULL"
    "    REFERENCES session_modules(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL CHECK (idx >= 0),"
    "  prompt TEXT,"
    "  kind TEXT NOT NULL CHECK (kind IN ('customers', 'skills', 'text')),"
    "  minutes INTEGER NOT NULL DEFAULT 0,"
    "  answer TEXT, notes TEXT,"
    "  UNIQUE (session_module_id, idx));"
    "CREATE TABLE snapshot_points("
    "  id INTEGER PRIMARY KEY,"
    "  question_id INTEGER NOT NULL"
    "    REFERENCES snapshot_questions(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL CHECK (idx >= 0),"
    "  text TEXT NOT NULL,"
    "  UNIQUE (question_id, idx));"
    "CREATE TABLE responses("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL,"
    "  modpos INTEGER NOT NULL,"
    "  qidx INTEGER NOT NULL,"
    "  text TEXT,"
    "  skills INTEGER NOT NULL DEFAULT 0,"
    "  points INTEGER NOT NULL DEFAULT 0,"
    "  revealed_at TEXT,"
    "  rating TEXT CHECK (rating IN ('got', 'partly', 'missed')),"
    "  gave_up INTEGER NOT NULL DEFAULT 0 CHECK (gave_up IN (0, 1)),"
    "  draft TEXT, draft_saved_at TEXT,"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
    "  UNIQUE (session_id, modpos, qidx),"
    "  FOREIGN KEY (session_id, modpos)"
    "    REFERENCES session_modules(session_id, position)"
    "    ON DELETE CASCADE);"
    /* a response belongs to a question of the session's snapshot */
    RESPONSES_QUESTION_TRIGGER
    /* how long each stage took */
    "CREATE TABLE stage_timings("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL"
    "    REFERENCES sessions(id) ON DELETE CASCADE,"
    "  modpos INTEGER NOT NULL,"
    "  stage TEXT NOT NULL,"
    "  planned_minutes INTEGER NOT NULL DEFAULT 0,"
    "  entered_at TEXT NOT NULL, left_at TEXT);"
    "CREATE INDEX stage_timings_session ON stage_timings(session_id);"
    "CREATE TABLE parking("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL"
    "    REFERENCES sessions(id) ON DELETE CASCADE,"
    "  text TEXT NOT NULL,"
    "  raised_at TEXT NOT NULL,"
    "  resolved_at TEXT,"
    "  resolved_session_id INTEGER"
    "    REFERENCES sessions(id) ON DELETE SET NULL);"
    "CREATE INDEX parking_session ON parking(session_id);"
    "CREATE INDEX parking_resolved ON parking(resolved_session_id);"
    "CREATE TABLE events("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL"
    "    REFERENCES sessions(id) ON DELETE CASCADE,"
    "  at TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK (length(type) > 0),"
    "  modpos INTEGER, stage TEXT, detail TEXT);"
    "CREATE INDEX events_session ON events(session_id);",

    /* 2: review comments, and sessions listed by date. */
    "CREATE TABLE review_comments("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL"
    "    REFERENCES sessions(id) ON DELETE CASCADE,"
    "  text TEXT NOT NULL,"
    "  created_at TEXT NOT NULL);"
    "CREATE INDEX review_comments_session ON review_comments(session_id);"
    "CREATE INDEX sessions_started ON sessions(started_at);",

    /* 3: responses keyed by their question, WITHOUT ROWID. Recording an
     * answer (an upsert on the question) then touches one b-tree instead
     * of a table and its unique index: less than half the work of the
     * hot path, which must stay close to a bare insert and commit. Rows
     * are read back in question order, the key order. Nothing refers to
     * the old row ids. The rating check is written with OR: an IN list
     * builds a temporary table each time a statement runs, which cost an
     * upsert more than everything else it does. */
    "CREATE TABLE responses_v3("
    "  session_id INTEGER NOT NULL,"
    "  modpos INTEGER NOT NULL,"
    "  qidx INTEGER NOT NULL,"
    "  text TEXT,"
    "  skills INTEGER NOT NULL DEFAULT 0,"
    "  points INTEGER NOT NULL DEFAULT 0,"
    "  revealed_at TEXT,"
    "  rating TEXT CHECK (rating = 'got' OR rating = 'partly'"
    "    OR rating = 'missed'),"
    "  gave_up INTEGER NOT NULL DEFAULT 0 CHECK (gave_up IN (0, 1)),"
    "  draft TEXT, draft_saved_at TEXT,"
    "  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
    "  PRIMARY KEY (session_id, modpos, qidx),"
    "  FOREIGN KEY (session_id, modpos)"
    "    REFERENCES session_modules(session_id, position)"
    "    ON DELETE CASCADE) WITHOUT ROWID;"
    "INSERT INTO responses_v3 SELECT session_id, modpos, qidx, text,"
    "  skills, points, revealed_at, rating, gave_up, draft, draft_saved_at,"
    "  created_at, updated_at FROM responses;"
    "DROP TABLE responses;"
    "ALTER TABLE responses_v3 RENAME TO responses;"
    /* Stage times are read per module discussion, grouped by stage:
     * indexed that way, an export reads them in order instead of sorting
     * them in a temporary table for every module. */
    "DROP INDEX stage_timings_session;"
    "CREATE INDEX stage_timings_stage"
    "  ON stage_timings(session_id, modpos, stage);"
    /* the trigger went with the old table */
    RESPONSES_QUESTION_TRIGGER,

    /* 4: what readers rely on, as constraints (issue 12): the text a
     * module snapshot must have is NOT NULL, and positions, indices,
     * minutes and skill sets are integers in range, so that no reader
     * meets a NULL title or a position no int holds. SQLite cannot add a
     * constraint to a table, so the four tables are rebuilt (create, copy,
     * drop, rename) with foreign keys off and CHECK constraints ignored
     * (store_migrate_db): a record already out of range is kept as it is
     * for `pbl db check` to report, and NULL text becomes "(missing)",
     * what readers show for it. The trigger and the index on the rebuilt
     * tables are made again. The numbers are STORE_MAX_INDEX and
     * STORE_MAX_MINUTES as released (a migration never changes). */
    "DROP TRIGGER responses_question;"
    "CREATE TABLE sessions_v4("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),"
    "  kind TEXT NOT NULL CHECK (kind IN ('group', 'self-study')),"
    "  group_name TEXT, facilitator TEXT, resident TEXT,"
    "  participants TEXT, notes TEXT,"
    "  started_at TEXT NOT NULL, ended_at TEXT,"
    "  status TEXT NOT NULL DEFAULT 'active'"
    "    CHECK (status IN ('active', 'finished', 'abandoned')),"
    "  cur_modpos INTEGER NOT NULL DEFAULT 0"
    "    CHECK (typeof(cur_modpos) = 'integer'"
    "      AND cur_modpos BETWEEN 0 AND 100000),"
    "  cur_stage TEXT NOT NULL DEFAULT 'scenario');"
    "INSERT INTO sessions_v4 SELECT id, uuid, kind, group_name, facilitator,"
    "  resident, participants, notes, started_at, ended_at, status,"
    "  cur_modpos, cur_stage FROM sessions;"
    "DROP TABLE sessions;"
    "ALTER TABLE sessions_v4 RENAME TO sessions;"
    "CREATE INDEX sessions_started ON sessions(started_at);"
    "CREATE TABLE session_modules_v4("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL"
    "    REFERENCES sessions(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL CHECK (typeof(position) = 'integer'"
    "    AND position BETWEEN 0 AND 100000),"
    "  module_id TEXT NOT NULL,"
    "  version INTEGER NOT NULL CHECK (typeof(version) = 'integer'"
    "    AND version >= 0),"
    "  hash TEXT NOT NULL, path TEXT,"
    "  title TEXT NOT NULL, summary TEXT, level TEXT,"
    "  scenario TEXT NOT NULL,"
    "  video_url TEXT, video_title TEXT,"
    "  video_minutes INTEGER NOT NULL DEFAULT 0"
    "    CHECK (video_minutes BETWEEN 0 AND 10080),"
    "  skills INTEGER NOT NULL DEFAULT 0 CHECK (skills BETWEEN 0 AND 31),"
    "  customers TEXT NOT NULL DEFAULT '[]',"
    "  tags TEXT NOT NULL DEFAULT '[]',"
    "  source TEXT,"
    "  UNIQUE (session_id, position));"
    "INSERT INTO session_modules_v4 SELECT id, session_id, position,"
    "  module_id, version, hash, path, coalesce(title, '(missing)'),"
    "  summary, level, coalesce(scenario, '(missing)'), video_url,"
    "  video_title, video_minutes, skills, customers, tags, source"
    "  FROM session_modules;"
    "DROP TABLE session_modules;"
    "ALTER TABLE session_modules_v4 RENAME TO session_modules;"
    "CREATE TABLE snapshot_questions_v4("
    "  id INTEGER PRIMARY KEY,"
    "  session_module_id INTEGER NOT NULL"
    "    REFERENCES session_modules(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL CHECK (typeof(idx) = 'integer'"
    "    AND idx BETWEEN 0 AND 100000),"
    "  prompt TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('customers', 'skills', 'text')),"
    "  minutes INTEGER NOT NULL DEFAULT 0"
    "    CHECK (minutes BETWEEN 0 AND 10080),"
    "  answer TEXT NOT NULL, notes TEXT,"
    "  UNIQUE (session_module_id, idx));"
    "INSERT INTO snapshot_questions_v4 SELECT id, session_module_id, idx,"
    "  coalesce(prompt, '(missing)'), kind, minutes,"
    "  coalesce(answer, '(missing)'), notes FROM snapshot_questions;"
    "DROP TABLE snapshot_questions;"
    "ALTER TABLE snapshot_questions_v4 RENAME TO snapshot_questions;"
    "CREATE TABLE snapshot_points_v4("
    "  id INTEGER PRIMARY KEY,"
    "  question_id INTEGER NOT NULL"
    "    REFERENCES snapshot_questions(id) ON DELETE CASCADE,"
    "  idx INTEGER NOT NULL CHECK (typeof(idx) = 'integer'"
    "    AND idx BETWEEN 0 AND 100000),"
    "  text TEXT NOT NULL,"
    "  UNIQUE (question_id, idx));"
    "INSERT INTO snapshot_points_v4 SELECT id, question_id, idx, text"
    "  FROM snapshot_points;"
    "DROP TABLE snapshot_points;"
    "ALTER TABLE snapshot_points_v4 RENAME TO "
    "snapshot_points;" RESPONSES_QUESTION_TRIGGER,

    /* 5: the customers a facilitator or resident marked as named on a
     * customers question (bit i: customer i of the module snapshot); the
     * automatic match of the answer's words is only a suggestion. */
    "ALTER TABLE responses ADD COLUMN customers INTEGER NOT NULL DEFAULT 0;"
    /* and a question's judge_skills: true, kept with the module copy */
    "ALTER TABLE snapshot_questions ADD COLUMN judge_skills INTEGER NOT NULL"
    "  DEFAULT 0 CHECK (judge_skills IN (0, 1));",
    /* 6: the answer as it stood when the model answer was first shown
     * (an answer changed after that is marked "edited after reveal";
     * answers revealed before this version count as unchanged), the last
     * time a stage was seen on screen (a crash closes the stage there,
     * not when the session resumes), and a question is either given up
     * or rated, never both. */
    "ALTER TABLE responses ADD COLUMN revealed_text TEXT;"
    "UPDATE responses SET revealed_text = coalesce(text, '')"
    "  WHERE revealed_at IS NOT NULL;"
    "ALTER TABLE stage_timings ADD COLUMN seen_at TEXT;"
    "CREATE TRIGGER responses_gave_up_rated_insert"
    "  BEFORE INSERT ON responses"
    "  WHEN NEW.gave_up = 1 AND NEW.rating IS NOT NULL"
    "  BEGIN SELECT RAISE(ABORT, 'given up and rated'); END;"
    "CREATE TRIGGER responses_gave_up_rated_update"
    "  BEFORE UPDATE OF gave_up, rating ON responses"
    "  WHEN NEW.gave_up = 1 AND NEW.rating IS NOT NULL"
    "  BEGIN SELECT RAISE(ABORT, 'given up and rated'); END;",

    /* 7: full-text search of what people wrote, and session locks.
     * search_fts is a contentless FTS5 index of recorded answers, review
     * comments and parking-lot items (the text stays in its own table
     * only; Unicode words, case and accents ignored); search_docs maps
     * each of its rows to the session and the source row (src 0:
     * responses, k1 = modpos, k2 = qidx; 1: review_comments and 2:
     * parking, k1 = k2 = id). Comments and parking-lot items are indexed
     * by their triggers, deletes by cascade included; answers through
     * search_pending (SEARCH_NOTE). An FTS row exists exactly while its
     * text is indexed, so a 'delete' always names the text that was.
     * Existing rows are indexed here. No trigger calls a pbl function:
     * other SQLite programs can still write the database. */
    "CREATE TABLE search_docs("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL,"
    "  src INTEGER NOT NULL CHECK (src IN (0, 1, 2)),"
    "  k1 INTEGER NOT NULL, k2 INTEGER NOT NULL,"
    "  UNIQUE (session_id, src, k1, k2));"
    "CREATE TABLE search_pending("
    "  session_id INTEGER NOT NULL, modpos INTEGER NOT NULL,"
    "  qidx INTEGER NOT NULL, old_text TEXT,"
    "  PRIMARY KEY (session_id, modpos, qidx)) WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE search_fts USING fts5(body, content = '',"
    "  tokenize = 'unicode61 remove_diacritics 2');"
    /* clang-format off */
    SEARCH_ANSWER_TRIGGERS
    SEARCH_TRIGGERS("review_comments", "1", "id", "id", "text")
    SEARCH_TRIGGERS("parking", "2", "id", "id", "text")
    SEARCH_BACKFILL("responses", "0", "modpos", "qidx", "text")
    SEARCH_BACKFILL("review_comments", "1", "id", "id", "text")
    SEARCH_BACKFILL("parking", "2", "id", "id", "text")
    /* clang-format on */
    /* A session open in a console is locked to it (store_lock.c). */
    "CREATE TABLE session_locks("
    "  session_id INTEGER PRIMARY KEY"
    "    REFERENCES sessions(id) ON DELETE CASCADE,"
    "  token TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL,"
    "  tty TEXT NOT NULL, since TEXT NOT NULL, heartbeat TEXT NOT NULL);",

    /* 8: records that can be made on two machines carry a UUID (issue
     * 15), by which `pbl merge` and `pbl sync` match them: responses
     * (also one per question of a session), stage timings, parking-lot
     * items, events and review comments; a session's module snapshots are
     * matched by the session's UUID, their position and content hash.
     * Rows there are get one derived from what they are (UUID_COLUMN), new
     * rows a random one from a trigger, so that no writer (nor another
     * SQLite program) needs to know. The two records that change after
     * they are made say when: a parking-lot item's resolution
     * (changed_at, set when it is resolved or reopened) and a review
     * comment (updated_at, its creation until edited); the later write
     * wins a conflict (store_sync.c). */
    /* clang-format off */
    UUID_COLUMN("responses", "session_id = NEW.session_id"
                " AND modpos = NEW.modpos AND qidx = NEW.qidx", "modpos, qidx")
    UUID_COLUMN("stage_timings", "id = NEW.id",
                "id, modpos, stage, entered_at")
    UUID_COLUMN("parking", "id = NEW.id", "id, text, raised_at")
    UUID_COLUMN("events", "id = NEW.id", "id, at, type, detail")
    UUID_COLUMN("review_comments", "id = NEW.id", "id, text, created_at")
    "ALTER TABLE parking ADD COLUMN changed_at TEXT;"
    "UPDATE parking SET changed_at = coalesce(resolved_at, raised_at);"
    "CREATE TRIGGER parking_raised AFTER INSERT ON parking"
    "  WHEN NEW.changed_at IS NULL BEGIN"
    "  UPDATE parking SET changed_at = coalesce(NEW.resolved_at,"
    "    NEW.raised_at) WHERE id = NEW.id;"
    " END;"
    "CREATE TRIGGER parking_changed AFTER UPDATE OF resolved_at ON parking"
    "  WHEN NEW.resolved_at IS NOT OLD.resolved_at"
    "  AND NEW.changed_at IS OLD.changed_at BEGIN"
    "  UPDATE parking SET changed_at = coalesce(NEW.resolved_at,"
    "    strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) WHERE id = NEW.id;"
    " END;"
    "ALTER TABLE review_comments ADD COLUMN updated_at TEXT;"
    "UPDATE review_comments SET updated_at = created_at;"
    "CREATE TRIGGER review_comments_updated AFTER INSERT ON review_comments"
    "  WHEN NEW.updated_at IS NULL BEGIN"
    "  UPDATE review_comments SET updated_at = NEW.created_at"
    "  WHERE id = NEW.id;"
    " END;"
    "CREATE TRIGGER review_comments_edited AFTER UPDATE OF text"
    "  ON review_comments WHEN NEW.updated_at IS OLD.updated_at BEGIN"
    "  UPDATE review_comments SET updated_at ="
    "    strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;"
    " END;",
    /* clang-format on */

    /* 9: people (issue 16), after the hub's UUIDs (8). The roster of
     * residents: a name as stored (text_name) and its key (text_name_key,
     * unique among current names), a class ("PGY1".."PGY5" or a
     * graduation year), an email, graduated or not. A rename keeps the
     * old name in resident_names, so that records written under it still
     * find the person. A group session's attendance names roster
     * residents (late arrivals and early leavers by their times);
     * speakers are attendees who spoke to one question. A self-study
     * session may name its roster resident (sessions.resident keeps the
     * name as typed). None of these tables carries a UUID yet: `pbl
     * merge` and `pbl sync` do not carry them (store_sync.c). */
    "CREATE TABLE residents("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  name_key TEXT NOT NULL UNIQUE,"
    "  class TEXT NOT NULL,"
    "  email TEXT,"
    "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
    "  added_at TEXT NOT NULL, retired_at TEXT);"
    "CREATE TABLE resident_names("
    "  resident_id INTEGER NOT NULL"
    "    REFERENCES residents(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL, name_key TEXT NOT NULL,"
    "  until TEXT NOT NULL,"
    "  PRIMARY KEY (name_key, resident_id)) WITHOUT ROWID;"
    "CREATE TABLE attendance("
    "  session_id INTEGER NOT NULL"
    "    REFERENCES sessions(id) ON DELETE CASCADE,"
    "  resident_id INTEGER NOT NULL REFERENCES residents(id),"
    "  joined_at TEXT NOT NULL, left_at TEXT,"
    "  PRIMARY KEY (session_id, resident_id)) WITHOUT ROWID;"
    "CREATE INDEX attendance_resident ON attendance(resident_id);"
    "CREATE TABLE speakers("
    "  session_id INTEGER NOT NULL, modpos INTEGER NOT NULL,"
    "  qidx INTEGER NOT NULL, resident_id INTEGER NOT NULL,"
    "  PRIMARY KEY (session_id, modpos, qidx, resident_id),"
    "  FOREIGN KEY (session_id, resident_id)"
    "    REFERENCES attendance(session_id, resident_id)"
    "    ON DELETE CASCADE) WITHOUT ROWID;"
    "ALTER TABLE sessions ADD COLUMN resident_id INTEGER"
    "  REFERENCES residents(id);",

    /* 10: pacing (issue 14), after people (9). The session plan's target
     * length in minutes, asked on the form before a session (0: no
     * plan), and the workshop's frame around the modules (bit 1: an
     * opening stage, 2: a closing one). */
    "ALTER TABLE sessions ADD COLUMN target_minutes INTEGER NOT NULL"
    "  DEFAULT 0 CHECK (target_minutes BETWEEN 0 AND 10080);"
    "ALTER TABLE sessions ADD COLUMN frame INTEGER NOT NULL"
    "  DEFAULT 0 CHECK (frame BETWEEN 0 AND 3);",

    /* 11: what changed since the last sync (issue 15). A session's
     * sync_rev is the next tick of the database's sync_clock whenever
     * the session or a record under it is written (by pbl, `pbl merge`
     * or any SQLite program: triggers), so that `pbl sync` compares only
     * the sessions written since it last ran (sync_rev above the tick it
     * kept) instead of every one. A clock of its own, not the highest
     * sync_rev: deleting the session that held it would give the next
     * write a tick the last sync had already passed. `taken` is the
     * highest tick a sync has taken as its mark (store_sync_mark). */
    "CREATE TABLE sync_clock(tick INTEGER NOT NULL,"
    "  taken INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO sync_clock(tick) VALUES(0);"
    "ALTER TABLE sessions ADD COLUMN sync_rev INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX sessions_sync_rev ON sessions(sync_rev);"
    /* clang-format off */
    "CREATE TRIGGER sessions_sync_insert AFTER INSERT ON sessions BEGIN"
    "  UPDATE sync_clock SET tick = tick + 1;"
    "  UPDATE sessions SET sync_rev = (SELECT tick FROM sync_clock)"
    "    WHERE id = NEW.id;"
    " END;"
    "CREATE TRIGGER sessions_sync_update AFTER UPDATE ON sessions"
    "  WHEN NEW.sync_rev IS OLD.sync_rev"
    "  AND OLD.sync_rev <= (SELECT taken FROM sync_clock) BEGIN"
    "  UPDATE sync_clock SET tick = tick + 1;"
    "  UPDATE sessions SET sync_rev = (SELECT tick FROM sync_clock)"
    "    WHERE id = NEW.id;"
    " END;"
    SYNC_TICK("session_modules", "insert") SYNC_TICK("events", "insert")
    SYNC_TICKS("responses") SYNC_TICKS("stage_timings")
    SYNC_TICKS("parking") SYNC_TICKS("review_comments")
    /* clang-format on */
    ,
    /* 12: the roster travels through `pbl merge` and `pbl sync` (issue
     * 15), after the sync marks (11). A resident carries a UUID derived from
     * the name key it was first added under (its oldest former name, else its
     * name; pbl_row_uuid('residents', key), as roster_add() computes for
     * a new one), so that the same name added on two machines is one
     * person with one UUID; a second resident first added under a key
     * already used gets one derived from its row too, and a row another
     * program inserts a random one. What changes after a record is made
     * says when, for the later write to win: a resident's name, class,
     * email or retirement (changed_at), an attendance's joining or
     * leaving (changed_at), and a speaker mark, which is now turned off
     * (spoke = 0) rather than deleted, so that a merge cannot bring it
     * back. pbl writes these times with its clock (PBL_NOW aware); a
     * row inserted without one gets its creation time. Writing either
     * marks the session written, for the incremental sync (11). A lost roster
     * change is kept in the roster's own event log (roster_events: the
     * sessions' log needs a session). */
    /* clang-format off */
    "ALTER TABLE residents ADD COLUMN uuid TEXT"
    "  CHECK (uuid IS NULL OR length(uuid) = 36);"
    "ALTER TABLE residents ADD COLUMN changed_at TEXT;"
    "UPDATE residents SET uuid = pbl_row_uuid('residents', coalesce("
    "  (SELECT n.name_key FROM resident_names n"
    "   WHERE n.resident_id = residents.id ORDER BY n.until, n.name_key"
    "   LIMIT 1), name_key)),"
    "  changed_at = max(added_at, coalesce(retired_at, ''), coalesce("
    "  (SELECT max(n.until) FROM resident_names n"
    "   WHERE n.resident_id = residents.id), ''));"
    "UPDATE residents SET uuid = pbl_row_uuid('residents', uuid, id,"
    "  added_at) WHERE EXISTS (SELECT 1 FROM residents o"
    "  WHERE o.uuid = residents.uuid AND o.id < residents.id);"
    "CREATE UNIQUE INDEX residents_uuid ON residents(uuid);"
    "CREATE TRIGGER residents_uuid AFTER INSERT ON residents"
    "  WHEN NEW.uuid IS NULL BEGIN"
    "  UPDATE residents SET uuid = " SQL_UUID_V4 " WHERE id = NEW.id;"
    " END;"
    "CREATE TRIGGER residents_added AFTER INSERT ON residents"
    "  WHEN NEW.changed_at IS NULL BEGIN"
    "  UPDATE residents SET changed_at = NEW.added_at WHERE id = NEW.id;"
    " END;"
    "ALTER TABLE attendance ADD COLUMN changed_at TEXT;"
    "UPDATE attendance SET changed_at = coalesce(left_at, joined_at);"
    "CREATE TRIGGER attendance_added AFTER INSERT ON attendance"
    "  WHEN NEW.changed_at IS NULL BEGIN"
    "  UPDATE attendance SET changed_at = coalesce(NEW.left_at,"
    "    NEW.joined_at) WHERE session_id = NEW.session_id"
    "    AND resident_id = NEW.resident_id;"
    " END;"
    "ALTER TABLE speakers ADD COLUMN spoke INTEGER NOT NULL DEFAULT 1"
    "  CHECK (spoke IN (0, 1));"
    "ALTER TABLE speakers ADD COLUMN changed_at TEXT;"
    "UPDATE speakers SET changed_at = (SELECT a.joined_at FROM attendance a"
    "  WHERE a.session_id = speakers.session_id"
    "  AND a.resident_id = speakers.resident_id);"
    "CREATE TRIGGER speakers_added AFTER INSERT ON speakers"
    "  WHEN NEW.changed_at IS NULL BEGIN"
    "  UPDATE speakers SET changed_at = (SELECT a.joined_at"
    "    FROM attendance a WHERE a.session_id = NEW.session_id"
    "    AND a.resident_id = NEW.resident_id)"
    "    WHERE session_id = NEW.session_id AND modpos = NEW.modpos"
    "    AND qidx = NEW.qidx AND resident_id = NEW.resident_id;"
    " END;"
    "CREATE TABLE roster_events("
    "  id INTEGER PRIMARY KEY,"
    "  resident_id INTEGER NOT NULL"
    "    REFERENCES residents(id) ON DELETE CASCADE,"
    "  uuid TEXT UNIQUE CHECK (uuid IS NULL OR length(uuid) = 36),"
    "  at TEXT NOT NULL, type TEXT NOT NULL, detail TEXT);"
    "CREATE INDEX roster_events_resident ON roster_events(resident_id);"
    "CREATE TRIGGER roster_events_uuid AFTER INSERT ON roster_events"
    "  WHEN NEW.uuid IS NULL BEGIN"
    "  UPDATE roster_events SET uuid = " SQL_UUID_V4 " WHERE id = NEW.id;"
    " END;"
    /* a session's attendance and speakers mark it written (as 11) */
    SYNC_TICKS("attendance") SYNC_TICKS("speakers")
    /* clang-format on */
    ,
    /* 13: tombstones of deleted sessions (store_schema_tomb.c) */
    store_migration_13,
};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
               "one migration per schema version");

/* See store_impl.h. */
const char *store_migration(int k)
{
    return k >= 0 && k < STORE_SCHEMA_VERSION ? migrations[k] : NULL;
}
