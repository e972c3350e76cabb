/* hub_schema.c - the hub's schema in PostgreSQL, as forward migrations
 * like the local one (src/store_schema.c): hub_migrations[k] takes a hub
 * from version k to k + 1, and pbl.meta's schema_version says which
 * were applied. Also `pbl hub grant`.
 *
 * The tables hold the same records as the local store, each keyed by
 * what identifies it on every machine (a UUID, or its session's UUID and
 * position), with the columns store_sync_rows.c lists. Timestamps stay
 * the UTC ISO-8601 text pbl writes, so that they compare the same here
 * and in SQLite.
 *
 * Access: three group roles, and row-level security on every table.
 * pbl.my_name() is the name bound to the session's login by `pbl hub
 * grant` (pbl.people); a facilitator reads and writes the group sessions
 * recorded under that name, a resident the self-study under theirs, a
 * director reads everything and writes review comments, parking-lot
 * resolutions and the sync-conflict events its merges log. Child records follow
 * their session: a policy asks whether the session is visible, and the
 * sessions' own policy answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_impl.h"
#include "pbl/text.h"

/* Row-level security on child table T: it follows its session, and a
 * director reads it. */
#define CHILD_POLICIES(t)                                                      \
    "ALTER TABLE pbl." t " ENABLE ROW LEVEL SECURITY;"                         \
    "CREATE POLICY director_reads ON pbl." t " FOR SELECT TO pbl_director"     \
    "  USING (true);"                                                          \
    "CREATE POLICY owner ON pbl." t " TO pbl_facilitator, pbl_resident"        \
    "  USING (EXISTS (SELECT 1 FROM pbl.sessions s"                            \
    "    WHERE s.uuid = " t ".session_uuid))"                                  \
    "  WITH CHECK (EXISTS (SELECT 1 FROM pbl.sessions s"                       \
    "    WHERE s.uuid = " t ".session_uuid));"

/* Hub schema 3's policy on child table T for facilitators and residents:
 * its session is one of the sessions visible to the login, asked as one
 * hashed set per statement. */
#define OWNER_POLICY(t)                                                        \
    "DROP POLICY owner ON pbl." t ";"                                          \
    "CREATE POLICY owner ON pbl." t " TO pbl_facilitator, pbl_resident"        \
    "  USING (session_uuid IN (SELECT uuid FROM pbl.sessions))"                \
    "  WITH CHECK (session_uuid IN (SELECT uuid FROM pbl.sessions));"

/* Hub schema 4's triggers on child table T: a statement that adds or
 * changes its rows stamps their sessions (pbl.stamp_sessions_of). */
#define STAMPED(t)                                                             \
    "CREATE TRIGGER stamp_added AFTER INSERT ON pbl." t                        \
    "  REFERENCING NEW TABLE AS written FOR EACH STATEMENT"                    \
    "  EXECUTE FUNCTION pbl.stamp_sessions_of();"                              \
    "CREATE TRIGGER stamp_changed AFTER UPDATE ON pbl." t                      \
    "  REFERENCING NEW TABLE AS written FOR EACH STATEMENT"                    \
    "  EXECUTE FUNCTION pbl.stamp_sessions_of();"

/* Row-level security on roster table T (hub schema 5), whose column COL
 * names its resident: a director and facilitators read it and add to it,
 * a resident reads the rows of the resident they are. */
#define ROSTER_POLICIES(t, col)                                                \
    "ALTER TABLE pbl." t " ENABLE ROW LEVEL SECURITY;"                         \
    "CREATE POLICY roster_reads ON pbl." t " FOR SELECT"                       \
    "  TO pbl_director, pbl_facilitator USING (true);"                         \
    "CREATE POLICY roster_adds ON pbl." t " FOR INSERT"                        \
    "  TO pbl_director, pbl_facilitator WITH CHECK (true);"                    \
    "CREATE POLICY resident_own ON pbl." t " FOR SELECT TO pbl_resident"       \
    "  USING (" col " IN (SELECT pbl.my_residents()));"

/* Row-level security on snapshot table T (library text): every granted
 * role reads it, facilitators and residents add to it. */
#define SNAPSHOT_POLICIES(t)                                                   \
    "ALTER TABLE pbl." t " ENABLE ROW LEVEL SECURITY;"                         \
    "CREATE POLICY everyone_reads ON pbl." t " FOR SELECT"                     \
    "  TO pbl_director, pbl_facilitator, pbl_resident USING (true);"           \
    "CREATE POLICY writers_add ON pbl." t " FOR INSERT"                        \
    "  TO pbl_facilitator, pbl_resident WITH CHECK (true);"

static const char *const hub_migrations[] = {
    /* 1: the records, the people, the roles and their policies. */
    "CREATE SCHEMA pbl;"
    "CREATE TABLE pbl.meta(key text PRIMARY KEY, value text NOT NULL);"
    "CREATE TABLE pbl.people(login name PRIMARY KEY,"
    "  role text NOT NULL"
    "    CHECK (role IN ('director', 'facilitator', 'resident')),"
    "  name text NOT NULL);"
    "CREATE TABLE pbl.sessions(uuid text PRIMARY KEY,"
    "  kind text NOT NULL CHECK (kind IN ('group', 'self-study')),"
    "  group_name text, facilitator text, resident text, participants text,"
    "  notes text, started_at text NOT NULL, ended_at text,"
    "  status text NOT NULL, cur_modpos integer NOT NULL,"
    "  cur_stage text NOT NULL);"
    "CREATE TABLE pbl.session_modules("
    "  session_uuid text NOT NULL REFERENCES pbl.sessions ON DELETE CASCADE,"
    "  position integer NOT NULL, module_id text NOT NULL,"
    "  version integer NOT NULL, hash text NOT NULL, path text,"
    "  title text NOT NULL, summary text, level text, scenario text NOT NULL,"
    "  video_url text, video_title text, video_minutes integer NOT NULL,"
    "  skills integer NOT NULL, customers text NOT NULL, tags text NOT NULL,"
    "  source text, PRIMARY KEY (session_uuid, position));"
    "CREATE TABLE pbl.snapshot_questions(session_uuid text NOT NULL,"
    "  position integer NOT NULL, idx integer NOT NULL, prompt text NOT NULL,"
    "  kind text NOT NULL, minutes integer NOT NULL, answer text NOT NULL,"
    "  notes text, judge_skills integer NOT NULL,"
    "  PRIMARY KEY (session_uuid, position, idx),"
    "  FOREIGN KEY (session_uuid, position)"
    "    REFERENCES pbl.session_modules ON DELETE CASCADE);"
    "CREATE TABLE pbl.snapshot_points(session_uuid text NOT NULL,"
    "  position integer NOT NULL, qidx integer NOT NULL, idx integer NOT NULL,"
    "  text text NOT NULL, PRIMARY KEY (session_uuid, position, qidx, idx),"
    "  FOREIGN KEY (session_uuid, position, qidx)"
    "    REFERENCES pbl.snapshot_questions ON DELETE CASCADE);"
    "CREATE TABLE pbl.responses("
    "  session_uuid text NOT NULL REFERENCES pbl.sessions ON DELETE CASCADE,"
    "  modpos integer NOT NULL, qidx integer NOT NULL, uuid text,"
    "  text text, skills integer NOT NULL, points bigint NOT NULL,"
    "  revealed_at text, rating text, gave_up integer NOT NULL, draft text,"
    "  draft_saved_at text, created_at text NOT NULL,"
    "  updated_at text NOT NULL, customers bigint NOT NULL,"
    "  revealed_text text, PRIMARY KEY (session_uuid, modpos, qidx));"
    "CREATE TABLE pbl.stage_timings(uuid text PRIMARY KEY,"
    "  session_uuid text NOT NULL REFERENCES pbl.sessions ON DELETE CASCADE,"
    "  modpos integer NOT NULL, stage text NOT NULL,"
    "  planned_minutes integer NOT NULL, entered_at text NOT NULL,"
    "  left_at text, seen_at text);"
    "CREATE TABLE pbl.parking(uuid text PRIMARY KEY,"
    "  session_uuid text NOT NULL REFERENCES pbl.sessions ON DELETE CASCADE,"
    "  text text NOT NULL, raised_at text NOT NULL, resolved_at text,"
    "  resolved_session_uuid text, changed_at text);"
    "CREATE TABLE pbl.events(uuid text PRIMARY KEY,"
    "  session_uuid text NOT NULL REFERENCES pbl.sessions ON DELETE CASCADE,"
    "  at text NOT NULL, type text NOT NULL, modpos integer, stage text,"
    "  detail text);"
    "CREATE TABLE pbl.review_comments(uuid text PRIMARY KEY,"
    "  session_uuid text NOT NULL REFERENCES pbl.sessions ON DELETE CASCADE,"
    "  text text NOT NULL, created_at text NOT NULL, updated_at text);"
    "CREATE INDEX ON pbl.stage_timings(session_uuid);"
    "CREATE INDEX ON pbl.parking(session_uuid);"
    "CREATE INDEX ON pbl.events(session_uuid);"
    "CREATE INDEX ON pbl.review_comments(session_uuid);"
    /* who is asking: the name and role `pbl hub grant` bound the login to */
    "CREATE FUNCTION pbl.my_name() RETURNS text LANGUAGE sql STABLE"
    "  SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ SELECT name FROM pbl.people WHERE login = session_user $$;"
    "CREATE FUNCTION pbl.whoami(OUT role text, OUT name text)"
    "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pbl, pg_temp"
    "  AS $$ SELECT role, name FROM pbl.people"
    "  WHERE login = session_user $$;"
    "DO $$ BEGIN"
    "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pbl_director')"
    "  THEN CREATE ROLE pbl_director NOLOGIN; END IF;"
    "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pbl_facilitator')"
    "  THEN CREATE ROLE pbl_facilitator NOLOGIN; END IF;"
    "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pbl_resident')"
    "  THEN CREATE ROLE pbl_resident NOLOGIN; END IF;"
    "END $$;"
    "REVOKE ALL ON SCHEMA pbl FROM PUBLIC;"
    "GRANT USAGE ON SCHEMA pbl TO pbl_director, pbl_facilitator,"
    "  pbl_resident;"
    "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA pbl FROM PUBLIC;"
    "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pbl TO pbl_director,"
    "  pbl_facilitator, pbl_resident;"
    "GRANT SELECT ON pbl.meta TO pbl_director, pbl_facilitator,"
    "  pbl_resident;"
    "GRANT SELECT ON pbl.sessions, pbl.session_modules,"
    "  pbl.snapshot_questions, pbl.snapshot_points, pbl.responses,"
    "  pbl.stage_timings, pbl.parking, pbl.events, pbl.review_comments"
    "  TO pbl_director;"
    "GRANT INSERT ON pbl.review_comments TO pbl_director;"
    "GRANT UPDATE ON pbl.parking, pbl.review_comments TO pbl_director;"
    "GRANT SELECT, INSERT, UPDATE ON pbl.sessions, pbl.session_modules,"
    "  pbl.snapshot_questions, pbl.snapshot_points, pbl.responses,"
    "  pbl.stage_timings, pbl.parking, pbl.events, pbl.review_comments"
    "  TO pbl_facilitator, pbl_resident;"
    "ALTER TABLE pbl.sessions ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY director_reads ON pbl.sessions FOR SELECT"
    "  TO pbl_director USING (true);"
    "CREATE POLICY facilitator_own ON pbl.sessions TO pbl_facilitator"
    "  USING (kind = 'group' AND facilitator = pbl.my_name())"
    "  WITH CHECK (kind = 'group' AND facilitator = pbl.my_name());"
    "CREATE POLICY resident_own ON pbl.sessions TO pbl_resident"
    "  USING (kind = 'self-study' AND resident = pbl.my_name())"
    "  WITH CHECK (kind = 'self-study' AND resident = "
    "pbl.my_name());" CHILD_POLICIES("session_modules") CHILD_POLICIES(
        "snapshot_questions") CHILD_POLICIES("snapshot_points")
        CHILD_POLICIES("responses") CHILD_POLICIES("stage_timings")
            CHILD_POLICIES("parking") CHILD_POLICIES("events") CHILD_POLICIES(
                "review_comments") "CREATE POLICY director_resolves ON "
                                   "pbl.parking FOR UPDATE"
                                   "  TO pbl_director USING (true) WITH CHECK "
                                   "(true);"
                                   "CREATE POLICY director_comments ON "
                                   "pbl.review_comments FOR INSERT"
                                   "  TO pbl_director WITH CHECK (true);"
                                   "CREATE POLICY director_edits ON "
                                   "pbl.review_comments FOR UPDATE"
                                   "  TO pbl_director USING (true) WITH CHECK "
                                   "(true);",
    /* 2: a module snapshot once per content hash (pbl.snapshots with its
     * questions and points), a session's modules naming it by hash. The
     * snapshots are library text, not records: every granted role reads
     * them, and facilitators and residents add them (never change). */
    "CREATE TABLE pbl.snapshots(hash text PRIMARY KEY,"
    "  module_id text NOT NULL, version integer NOT NULL, title text NOT NULL,"
    "  summary text, level text, scenario text NOT NULL, video_url text,"
    "  video_title text, video_minutes integer NOT NULL,"
    "  skills integer NOT NULL, customers text NOT NULL, tags text NOT NULL,"
    "  source text);"
    "CREATE TABLE pbl.snapshot_qs("
    "  hash text NOT NULL REFERENCES pbl.snapshots ON DELETE CASCADE,"
    "  idx integer NOT NULL, prompt text NOT NULL, kind text NOT NULL,"
    "  minutes integer NOT NULL, answer text NOT NULL, notes text,"
    "  judge_skills integer NOT NULL, PRIMARY KEY (hash, idx));"
    "CREATE TABLE pbl.snapshot_pts(hash text NOT NULL, qidx integer NOT NULL,"
    "  idx integer NOT NULL, text text NOT NULL,"
    "  PRIMARY KEY (hash, qidx, idx), FOREIGN KEY (hash, qidx)"
    "    REFERENCES pbl.snapshot_qs ON DELETE CASCADE);"
    "INSERT INTO pbl.snapshots SELECT DISTINCT ON (hash) hash, module_id,"
    "  version, title, summary, level, scenario, video_url, video_title,"
    "  video_minutes, skills, customers, tags, source"
    "  FROM pbl.session_modules ORDER BY hash, session_uuid, position;"
    "INSERT INTO pbl.snapshot_qs SELECT DISTINCT ON (m.hash, q.idx) m.hash,"
    "  q.idx, q.prompt, q.kind, q.minutes, q.answer, q.notes, q.judge_skills"
    "  FROM pbl.snapshot_questions q JOIN pbl.session_modules m"
    "  USING (session_uuid, position)"
    "  ORDER BY m.hash, q.idx, m.session_uuid, m.position;"
    "INSERT INTO pbl.snapshot_pts SELECT DISTINCT ON (m.hash, p.qidx, p.idx)"
    "  m.hash, p.qidx, p.idx, p.text FROM pbl.snapshot_points p"
    "  JOIN pbl.session_modules m USING (session_uuid, position)"
    "  ORDER BY m.hash, p.qidx, p.idx, m.session_uuid, m.position;"
    "DROP TABLE pbl.snapshot_points; DROP TABLE pbl.snapshot_questions;"
    "ALTER TABLE pbl.snapshot_qs RENAME TO snapshot_questions;"
    "ALTER TABLE pbl.snapshot_pts RENAME TO snapshot_points;"
    "ALTER TABLE pbl.session_modules DROP COLUMN module_id,"
    "  DROP COLUMN version, DROP COLUMN title, DROP COLUMN summary,"
    "  DROP COLUMN level, DROP COLUMN scenario, DROP COLUMN video_url,"
    "  DROP COLUMN video_title, DROP COLUMN video_minutes, DROP COLUMN skills,"
    "  DROP COLUMN customers, DROP COLUMN tags, DROP COLUMN source,"
    "  ADD FOREIGN KEY (hash) REFERENCES pbl.snapshots;"
    "CREATE INDEX ON pbl.session_modules(hash);"
    "GRANT SELECT ON pbl.snapshots, pbl.snapshot_questions,"
    "  pbl.snapshot_points TO pbl_director, pbl_facilitator, pbl_resident;"
    "GRANT INSERT ON pbl.snapshots, pbl.snapshot_questions,"
    "  pbl.snapshot_points TO pbl_facilitator, pbl_resident;"
    /* a director's merges log conflicts (of the comments and resolutions
     * it writes) like anyone's: those events travel too */
    "GRANT INSERT ON pbl.events TO pbl_director;"
    "CREATE POLICY director_logs_conflicts ON pbl.events FOR INSERT"
    "  TO pbl_director WITH CHECK (type = 'sync-conflict');" SNAPSHOT_POLICIES(
        "snapshots") SNAPSHOT_POLICIES("snapshot_questions")
        SNAPSHOT_POLICIES("snapshot_points"),
    /* 3: the same policies, cheaper. The login's name is asked once per
     * statement, not once per row (pbl.my_name() is a security-definer
     * function, which PostgreSQL never inlines: wrapped in a subquery it
     * becomes an init plan), and a child row asks whether its session
     * is visible through one hashed set of the visible sessions rather
     * than a lookup per row. A facilitator's sync with nothing new at
     * 90,000 answers went from 1.0 s to 0.27 s (with hash joins,
     * hub_sync.c). Also the session plan's target length and frame
     * (local schema 10). */
    "DROP POLICY facilitator_own ON pbl.sessions;"
    "DROP POLICY resident_own ON pbl.sessions;"
    "CREATE POLICY facilitator_own ON pbl.sessions TO pbl_facilitator"
    "  USING (kind = 'group' AND facilitator = (SELECT pbl.my_name()))"
    "  WITH CHECK (kind = 'group' AND facilitator = (SELECT pbl.my_name()));"
    "CREATE POLICY resident_own ON pbl.sessions TO pbl_resident"
    "  USING (kind = 'self-study' AND resident = (SELECT pbl.my_name()))"
    "  WITH CHECK (kind = 'self-study'"
    "    AND resident = (SELECT pbl.my_name()));"
    /* clang-format off */
    OWNER_POLICY("session_modules") OWNER_POLICY("responses")
    OWNER_POLICY("stage_timings") OWNER_POLICY("parking")
    OWNER_POLICY("events") OWNER_POLICY("review_comments")
    /* clang-format on */
    "ALTER TABLE pbl.sessions"
    "  ADD COLUMN target_minutes integer NOT NULL DEFAULT 0,"
    "  ADD COLUMN frame integer NOT NULL DEFAULT 0;",
    /* 4: what changed since a machine last synced. A session's rev is
     * the next of pbl.revs whenever it or a record under it is written
     * (triggers, whoever writes: a director's resolution too, through
     * the security-definer function), so that `pbl sync` reads the
     * digests of the sessions written since the highest rev it saw
     * (hub_sync.c). Pushes take turns on a lock held to their commit,
     * so revs become visible in the order they were given. A session
     * is stamped once per transaction (xmin: rows it already wrote).
     * hub_id tells a hub made again at the same address from the one a
     * machine's marks were taken on. */
    "CREATE SEQUENCE pbl.revs;"
    "ALTER TABLE pbl.sessions ADD COLUMN rev bigint NOT NULL DEFAULT 0;"
    "UPDATE pbl.sessions SET rev = nextval('pbl.revs');"
    "CREATE INDEX ON pbl.sessions(rev);"
    "INSERT INTO pbl.meta VALUES('hub_id', gen_random_uuid()::text);"
    "CREATE FUNCTION pbl.stamp_session() RETURNS trigger LANGUAGE plpgsql"
    "  SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ BEGIN NEW.rev := nextval('pbl.revs'); RETURN NEW; END $$;"
    "CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON pbl.sessions"
    "  FOR EACH ROW EXECUTE FUNCTION pbl.stamp_session();"
    "CREATE FUNCTION pbl.stamp_sessions_of() RETURNS trigger"
    "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ BEGIN UPDATE pbl.sessions SET rev = 0"
    "    WHERE uuid IN (SELECT session_uuid FROM written)"
    "    AND xmin <> pg_current_xact_id()::xid;"
    "  RETURN NULL; END $$;"
    "REVOKE ALL ON FUNCTION pbl.stamp_session(), pbl.stamp_sessions_of()"
    "  FROM PUBLIC;"
    /* clang-format off */
    STAMPED("session_modules") STAMPED("responses") STAMPED("stage_timings")
    STAMPED("parking") STAMPED("events") STAMPED("review_comments"),
    /* clang-format off */
    /* 5: the roster (local schema 12), after the revs (4): residents by
     * UUID, their former names and their log, each session's attendance
     * and speakers (by resident UUID), and a self-study session's
     * resident. The roster is
     * the department's: a director and facilitators read all of it and
     * write it (they add residents on the console); a resident reads
     * only their own row, names and log, found by the name key of the
     * name their login was granted under (pbl.people.name_key, which
     * `pbl hub grant` now records; for earlier grants an approximation,
     * exact for ASCII names: grant again to set it), against a current
     * or former name. Attendance and speakers follow their session, as
     * every session's record does. */
    "ALTER TABLE pbl.people ADD COLUMN name_key text;"
    "UPDATE pbl.people SET name_key ="
    "  lower(regexp_replace(btrim(name), '\\s+', ' ', 'g'));"
    "CREATE TABLE pbl.residents(uuid text PRIMARY KEY, name text NOT NULL,"
    "  name_key text NOT NULL, class text NOT NULL, email text,"
    "  active integer NOT NULL, added_at text NOT NULL, retired_at text,"
    "  changed_at text);"
    "CREATE INDEX ON pbl.residents(name_key);"
    "CREATE TABLE pbl.resident_names("
    "  resident_uuid text NOT NULL REFERENCES pbl.residents ON DELETE CASCADE,"
    "  name text NOT NULL, name_key text NOT NULL, until text NOT NULL,"
    "  PRIMARY KEY (resident_uuid, name_key));"
    "CREATE INDEX ON pbl.resident_names(name_key);"
    "CREATE TABLE pbl.roster_events(uuid text PRIMARY KEY,"
    "  resident_uuid text NOT NULL REFERENCES pbl.residents ON DELETE CASCADE,"
    "  at text NOT NULL, type text NOT NULL, detail text);"
    "CREATE INDEX ON pbl.roster_events(resident_uuid);"
    "CREATE TABLE pbl.attendance("
    "  session_uuid text NOT NULL REFERENCES pbl.sessions ON DELETE CASCADE,"
    "  resident_uuid text NOT NULL, joined_at text NOT NULL, left_at text,"
    "  changed_at text, PRIMARY KEY (session_uuid, resident_uuid));"
    "CREATE TABLE pbl.speakers("
    "  session_uuid text NOT NULL REFERENCES pbl.sessions ON DELETE CASCADE,"
    "  modpos integer NOT NULL, qidx integer NOT NULL,"
    "  resident_uuid text NOT NULL, spoke integer NOT NULL, changed_at text,"
    "  PRIMARY KEY (session_uuid, modpos, qidx, resident_uuid));"
    "ALTER TABLE pbl.sessions ADD COLUMN resident_uuid text;"
    /* the residents the login is: by the key of its granted name */
    "CREATE FUNCTION pbl.my_residents() RETURNS SETOF text LANGUAGE sql"
    "  STABLE SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ SELECT r.uuid FROM pbl.residents r JOIN pbl.people p"
    "  ON p.name_key = r.name_key WHERE p.login = session_user"
    "  UNION SELECT n.resident_uuid FROM pbl.resident_names n"
    "  JOIN pbl.people p ON p.name_key = n.name_key"
    "  WHERE p.login = session_user $$;"
    "REVOKE ALL ON FUNCTION pbl.my_residents() FROM PUBLIC;"
    "GRANT EXECUTE ON FUNCTION pbl.my_residents() TO pbl_director,"
    "  pbl_facilitator, pbl_resident;"
    "GRANT SELECT ON pbl.residents, pbl.resident_names, pbl.roster_events"
    "  TO pbl_director, pbl_facilitator, pbl_resident;"
    "GRANT INSERT, UPDATE ON pbl.residents TO pbl_director, pbl_facilitator;"
    "GRANT INSERT ON pbl.resident_names, pbl.roster_events"
    "  TO pbl_director, pbl_facilitator;"
    "GRANT SELECT ON pbl.attendance, pbl.speakers TO pbl_director;"
    "GRANT SELECT, INSERT, UPDATE ON pbl.attendance, pbl.speakers"
    "  TO pbl_facilitator, pbl_resident;"
    ROSTER_POLICIES("residents", "uuid")
    ROSTER_POLICIES("resident_names", "resident_uuid")
    ROSTER_POLICIES("roster_events", "resident_uuid")
    "CREATE POLICY roster_edits ON pbl.residents FOR UPDATE"
    "  TO pbl_director, pbl_facilitator USING (true) WITH CHECK (true);"
    CHILD_POLICIES("attendance") OWNER_POLICY("attendance")
    CHILD_POLICIES("speakers") OWNER_POLICY("speakers")
    /* writing them stamps their session, as 4 does for the others */
    STAMPED("attendance") STAMPED("speakers"),
    /* clang-format on */
    /* 6: what a review of 3-5 found.
     * - Revs become visible in the order they were given only if every
     *   writer takes the pushes' lock before its first stamp: an
     *   administrator's SQL too, or a sync could keep a mark past a rev
     *   committed later and never read it. The stamp takes the lock.
     * - A resident's name ties on equal change times: PostgreSQL's
     *   collation ordered names unlike SQLite, so two machines kept
     *   different names for good. Byte order here, as there.
     * - A resident login could link its self-study to another resident
     *   (resident_uuid) and write attendance and speaker marks: it may
     *   link only itself (or a resident the hub does not know yet), and
     *   writes neither mark.
     * - A resident's login found its roster row by former names too, so
     *   a later resident granted under an earlier one's old name read
     *   that one's row: the current name only. */
    "CREATE OR REPLACE FUNCTION pbl.stamp_session() RETURNS trigger"
    "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ BEGIN PERFORM pg_advisory_xact_lock(7007016);"
    "  NEW.rev := nextval('pbl.revs'); RETURN NEW; END $$;"
    "ALTER TABLE pbl.residents ALTER COLUMN name TYPE text COLLATE \"C\";"
    "CREATE OR REPLACE FUNCTION pbl.my_residents() RETURNS SETOF text"
    "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pbl, pg_temp"
    "  AS $$ SELECT r.uuid FROM pbl.residents r JOIN pbl.people p"
    "  ON p.name_key = r.name_key WHERE p.login = session_user $$;"
    "CREATE FUNCTION pbl.may_link(u text) RETURNS boolean LANGUAGE sql"
    "  STABLE SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ SELECT u IS NULL OR u IN (SELECT pbl.my_residents())"
    "  OR NOT EXISTS (SELECT 1 FROM pbl.residents WHERE uuid = u) $$;"
    "REVOKE ALL ON FUNCTION pbl.may_link(text) FROM PUBLIC;"
    "GRANT EXECUTE ON FUNCTION pbl.may_link(text) TO pbl_resident;"
    "DROP POLICY resident_own ON pbl.sessions;"
    "CREATE POLICY resident_own ON pbl.sessions TO pbl_resident"
    "  USING (kind = 'self-study' AND resident = (SELECT pbl.my_name()))"
    "  WITH CHECK (kind = 'self-study'"
    "    AND resident = (SELECT pbl.my_name())"
    "    AND pbl.may_link(resident_uuid));"
    "REVOKE INSERT, UPDATE ON pbl.attendance, pbl.speakers"
    "  FROM pbl_resident;",
    /* 7: deleted sessions stay deleted (local schema 13), after the
     * review's fixes (6). A facilitator
     * or resident deletes their own sessions (the sessions' policies),
     * and the push records the tombstone from the hub's row it deleted
     * (hub_sync.c), so that its kind and owner are the real ones; a
     * tombstone is refused unless its session was deleted in the same
     * transaction (pbl.deletions), and a tombstoned session pushed
     * again by a machine that still has it is skipped.
     * A tombstone takes the next rev (its trigger: the logins have no
     * right on the sequence), for the incremental pull. A
     * director only reads them: a director's deletion stays local. */
    "CREATE TABLE pbl.deleted_sessions(uuid text PRIMARY KEY,"
    "  deleted_at text NOT NULL, kind text, facilitator text, resident text,"
    "  rev bigint NOT NULL DEFAULT 0);"
    "CREATE INDEX ON pbl.deleted_sessions(rev);"
    /* a session about to be deleted is noted with its transaction, and
     * a tombstone is only written for one deleted in the same one, with
     * its kind and owner (never a session that exists, nor a UUID
     * nobody deleted, which would keep a session from being pushed) */
    "CREATE UNLOGGED TABLE pbl.deletions(uuid text NOT NULL,"
    "  xid xid8 NOT NULL, kind text, facilitator text, resident text);"
    "CREATE FUNCTION pbl.note_deletion() RETURNS trigger"
    "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ BEGIN INSERT INTO pbl.deletions VALUES(OLD.uuid,"
    "  pg_current_xact_id(), OLD.kind, OLD.facilitator, OLD.resident);"
    "  RETURN OLD; END $$;"
    "CREATE TRIGGER note_deletion BEFORE DELETE ON pbl.sessions"
    "  FOR EACH ROW EXECUTE FUNCTION pbl.note_deletion();"
    "CREATE FUNCTION pbl.refuse_live_tombstone() RETURNS trigger"
    "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ BEGIN IF EXISTS (SELECT 1 FROM pbl.sessions WHERE uuid = NEW.uuid)"
    "  THEN RAISE EXCEPTION 'session % is not deleted', NEW.uuid; END IF;"
    "  DELETE FROM pbl.deletions d WHERE d.uuid = NEW.uuid"
    "  AND d.xid = pg_current_xact_id() AND d.kind IS NOT DISTINCT FROM"
    "  NEW.kind AND d.facilitator IS NOT DISTINCT FROM NEW.facilitator"
    "  AND d.resident IS NOT DISTINCT FROM NEW.resident;"
    "  IF NOT FOUND THEN RAISE EXCEPTION"
    "  'session % was not deleted by this transaction', NEW.uuid; END IF;"
    "  NEW.rev := nextval('pbl.revs'); RETURN NEW; END $$;"
    "CREATE TRIGGER refuse_live BEFORE INSERT ON pbl.deleted_sessions"
    "  FOR EACH ROW EXECUTE FUNCTION pbl.refuse_live_tombstone();"
    "CREATE FUNCTION pbl.skip_tombstoned() RETURNS trigger"
    "  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pbl, pg_temp AS"
    "  $$ BEGIN IF EXISTS (SELECT 1 FROM pbl.deleted_sessions"
    "  WHERE uuid = NEW.uuid) THEN RETURN NULL; END IF; RETURN NEW; END $$;"
    "CREATE TRIGGER skip_tombstoned BEFORE INSERT ON pbl.sessions"
    "  FOR EACH ROW EXECUTE FUNCTION pbl.skip_tombstoned();"
    "REVOKE ALL ON FUNCTION pbl.refuse_live_tombstone(),"
    "  pbl.skip_tombstoned(), pbl.note_deletion() FROM PUBLIC;"
    "GRANT DELETE ON pbl.sessions TO pbl_facilitator, pbl_resident;"
    "GRANT SELECT ON pbl.deleted_sessions TO pbl_director;"
    "GRANT SELECT, INSERT ON pbl.deleted_sessions"
    "  TO pbl_facilitator, pbl_resident;"
    "ALTER TABLE pbl.deleted_sessions ENABLE ROW LEVEL SECURITY;"
    "CREATE POLICY director_reads ON pbl.deleted_sessions FOR SELECT"
    "  TO pbl_director USING (true);"
    "CREATE POLICY facilitator_own ON pbl.deleted_sessions TO pbl_facilitator"
    "  USING (kind = 'group' AND facilitator = (SELECT pbl.my_name()))"
    "  WITH CHECK (kind = 'group' AND facilitator = (SELECT pbl.my_name()));"
    "CREATE POLICY resident_own ON pbl.deleted_sessions TO pbl_resident"
    "  USING (kind = 'self-study' AND resident = (SELECT pbl.my_name()))"
    "  WITH CHECK (kind = 'self-study'"
    "    AND resident = (SELECT pbl.my_name()));",
};

_Static_assert(sizeof hub_migrations / sizeof hub_migrations[0] ==
                   HUB_SCHEMA_VERSION,
               "one hub migration per hub schema version");

/* See hub.h. One transaction, behind a lock, so that two `hub init` at
 * once apply each step once. */
int hub_init(struct pbl_hub *h, int target, int *was, char *err, size_t errsz)
{
    if (target <= 0 || target > HUB_SCHEMA_VERSION)
        target = HUB_SCHEMA_VERSION;
    *was = 0;
    if (hub_exec(h, "BEGIN", PGRES_COMMAND_OK, "cannot start", err, errsz) ||
        hub_exec(h, "SELECT pg_advisory_xact_lock(7007015)", PGRES_TUPLES_OK,
                 "cannot lock the hub", err, errsz))
        goto fail;
    int v = hub_version(h, err, errsz);
    if (v < 0)
        goto fail;
    *was = v;
    if (v > HUB_SCHEMA_VERSION) {
        snprintf(err, errsz,
                 "the hub %s has schema version %d, newer than this pbl "
                 "knows (%d): upgrade pbl; nothing was changed",
                 h->name, v, HUB_SCHEMA_VERSION);
        goto fail;
    }
    for (int k = v; k < target; k++) {
        char what[64], sql[160];
        snprintf(what, sizeof what, "cannot create the hub's schema %d", k + 1);
        snprintf(sql, sizeof sql,
                 "INSERT INTO pbl.meta VALUES('schema_version', '%d')"
                 " ON CONFLICT (key) DO UPDATE SET value = '%d'",
                 k + 1, k + 1);
        if (hub_exec(h, hub_migrations[k], PGRES_COMMAND_OK, what, err,
                     errsz) ||
            hub_exec(h, sql, PGRES_COMMAND_OK, what, err, errsz))
            goto fail;
    }
    if (hub_exec(h, "COMMIT", PGRES_COMMAND_OK, "cannot commit", err, errsz))
        goto fail;
    return 0;
fail:
    PQclear(PQexec(h->conn, "ROLLBACK"));
    return -1;
}

/* See hub.h. */
int hub_new_identity(struct pbl_hub *h, char *err, size_t errsz)
{
    if (hub_check_version(h, err, errsz) != 0)
        return -1;
    return hub_exec(h,
                    "UPDATE pbl.meta SET value = gen_random_uuid()::text"
                    " WHERE key = 'hub_id'",
                    PGRES_COMMAND_OK, "cannot renew the hub's identity", err,
                    errsz);
}

/* See hub.h. */
int hub_grant(struct pbl_hub *h, const char *role, const char *login,
              const char *name, char *err, size_t errsz)
{
    if (strcmp(role, "director") != 0 && strcmp(role, "facilitator") != 0 &&
        strcmp(role, "resident") != 0) {
        snprintf(err, errsz,
                 "no role '%s': say director, facilitator or resident", role);
        return -1;
    }
    if (hub_check_version(h, err, errsz) != 0)
        return -1;
    char *ident = PQescapeIdentifier(h->conn, login, strlen(login));
    if (!ident)
        return hub_fail(h, NULL, "cannot name the login", err, errsz);
    /* REVOKE of a role the login lacks only warns: not worth showing */
    if (hub_exec(h, "BEGIN", PGRES_COMMAND_OK, "cannot start", err, errsz) ||
        hub_exec(h, "SET LOCAL client_min_messages = error", PGRES_COMMAND_OK,
                 "cannot start", err, errsz)) {
        PQfreemem(ident);
        goto fail;
    }
    const char *who[] = {login};
    PGresult *r =
        PQexecParams(h->conn, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1,
                     NULL, who, NULL, NULL, 0);
    int exists = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
    PQclear(r);
    char sql[1024];
    int n = 0;
    if (!exists)
        n = snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN;", ident);
    snprintf(sql + n, sizeof sql - (size_t)n,
             "REVOKE pbl_director, pbl_facilitator, pbl_resident FROM %s;"
             "GRANT pbl_%s TO %s;",
             ident, role, ident);
    PQfreemem(ident);
    if (hub_exec(h, sql, PGRES_COMMAND_OK, "cannot grant", err, errsz))
        goto fail;
    /* the key of the name, as the roster matches names (hub schema 5) */
    char *key = text_name_key(name);
    const char *params[] = {login, role, name, key ? key : name};
    r = PQexecParams(h->conn,
                     "INSERT INTO pbl.people(login, role, name, name_key)"
                     " VALUES($1, $2, $3, $4) ON CONFLICT (login) DO UPDATE"
                     " SET role = $2, name = $3, name_key = $4",
                     4, NULL, params, NULL, NULL, 0);
    free(key);
    int bad = PQresultStatus(r) != PGRES_COMMAND_OK;
    if (bad)
        hub_fail(h, r, "cannot record the person", err, errsz);
    PQclear(r);
    if (bad ||
        hub_exec(h, "COMMIT", PGRES_COMMAND_OK, "cannot commit", err, errsz))
        goto fail;
    return 0;
fail:
    PQclear(PQexec(h->conn, "ROLLBACK"));
    return -1;
}
