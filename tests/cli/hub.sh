#!/bin/sh
# tests/cli/hub.sh - the department's hub on a real PostgreSQL server,
# started here (tests/hub_lib.sh): `pbl hub init`, `pbl hub grant`, then
# two laptops of one facilitator with overlapping work, a resident and a
# director syncing through it (the director ends with the union of all,
# by UUID; a second sync moves nothing); row-level security tested with
# real logins and passwords; bad input (an unreachable hub, a wrong
# password, a hub of a newer schema, a database that is no hub, a URL with
# a password, never echoed); `pbl sync` killed with SIGKILL at 30 random
# moments (15 while pushing, 15 while pulling), then a final sync agrees;
# the server stopped mid-sync; ten syncs at once. Then the roster (hub
# schema 5): two facilitators and a director, the union of rosters,
# attendance and speakers (an unmarked speaker stays unmarked), a second
# sync moving nothing, and what each role's login reads of the roster
# and may link; revs visible in order whoever writes (hub schema 6).
# Then deleting a session (hub schema 7): a facilitator's deletion reaches the hub, the other laptop and the
# director, an older copy does not bring it back, nobody forges a
# tombstone, a director's deletion stays local, a resident deletes her own.
# Skipped, with "no PostgreSQL server binaries", where they are missing.
. tests/lib.sh
plan 129
. tests/hub_lib.sh
case ${BUILD:-build} in
/*) TOOLS=$BUILD/tools ;;
*) TOOLS=$ROOT/${BUILD:-build}/tools ;;
esac
unset PBL_DB PBL_HUB PGPASSWORD PGSERVICE
export PGPASSFILE=$T/pgpass

if ! hub_start; then
    reason="no PostgreSQL server binaries"
    [ -n "$PGBIN" ] && reason="PostgreSQL would not start: $(tail -n 3 "$T/pg/log" "$T/pg/initdb.log" 2>/dev/null)"
    i=0
    while [ $i -lt 129 ]; do skip "$reason"; i=$((i + 1)); done
    exit 0
fi

# sync LOGIN DB [PASSWORD]: `pbl sync` as LOGIN into DB
sync_as() {
    PGPASSWORD=${3:-pw-$1} run "$PBL" --db "$2" sync "$(hub_url "$1")"
}
# sessions DB: the export's sessions, keyed by UUID, as sorted JSON
sessions() {
    "$PBL" --db "$1" export --all -f json | python3 -c 'import json, sys
d = {s["uuid"]: s for s in json.load(sys.stdin)["sessions"]}
print(json.dumps(d, sort_keys=True, indent=0))'
}
# as LOGIN SQL: one value from the hub, read with LOGIN's own rights
as_login() {
    PGPASSWORD=pw-$1 "$PGBIN/psql" -X -q -At "$(hub_url "$1")" -c "$2" 2>&1
}

# ---- set-up ------------------------------------------------------------
run "$PBL" hub init "$ADMIN_URL"
expect_rc "hub init exits 0" 0
HUBV=$(sed -n 's/^#define HUB_SCHEMA_VERSION //p' include/pbl/hub.h)
expect_grep "hub init says the hub is ready" "$T/out" "is ready (schema $HUBV)"
run "$PBL" hub init "$ADMIN_URL"
expect_grep "hub init again changes nothing" "$T/out" "is up to date"
# grant ROLE LOGIN NAME: a person, with the password pw-LOGIN
grant() {
    "$PBL" hub grant "$1" "$2" --as "$3" --hub "$ADMIN_URL" >>"$T/grants" 2>&1
    hub_psql "ALTER ROLE $2 PASSWORD 'pw-$2'"
}
grant facilitator fac1 "Dr. F"
grant facilitator fac2 "Dr. G"
grant resident res1 Noor
grant resident res2 Omar
grant director dir1 "Dr. D"
expect_grep "hub grant binds a login to a name" "$T/grants" \
    'fac1 is a facilitator on the hub'
[ "$(hub_psql "SELECT string_agg(login || '=' || name, ',' ORDER BY login)
  FROM pbl.people")" = "dir1=Dr. D,fac1=Dr. F,fac2=Dr. G,res1=Noor,res2=Omar" ] &&
    ok "the people are bound to their names" ||
    fail "the people are bound to their names"

# ---- two laptops, a resident and a director ----------------------------
"$TOOLS/export_fixture" "$T/base.db"
sqlite3 "$T/base.db" "UPDATE sessions SET facilitator = 'Dr. F'
  WHERE kind = 'group'"
"$PBL" --db "$T/base.db" db backup "$T/a.db" >/dev/null
"$PBL" --db "$T/base.db" db backup "$T/b.db" >/dev/null
"$PBL" --db "$T/base.db" db backup "$T/r.db" >/dev/null
"$TOOLS/store_crash_writer" "$T/a.db" 5 >/dev/null
"$TOOLS/store_crash_writer" "$T/b.db" 9 >/dev/null
for db in a b; do
    sqlite3 "$T/$db.db" "UPDATE sessions SET facilitator = 'Dr. F'
      WHERE kind = 'group'"
done
# text COPY must escape: a backslash, a carriage return, a tab, and
# backspace, vertical tab and form feed, which PostgreSQL writes back as
# \b \v \f (checked by the union below: the session is A's alone)
sqlite3 "$T/a.db" "UPDATE responses SET text = 'back\\slash' || char(13, 9)
  || 'end' || char(8, 11, 12) || 'ctl' WHERE session_id = (SELECT max(id) FROM sessions)"
sqlite3 "$T/a.db" "UPDATE review_comments SET text = 'A edit',
  updated_at = '2026-05-01T00:00:00Z'"
sqlite3 "$T/b.db" "UPDATE review_comments SET text = 'B edit',
  updated_at = '2026-05-02T00:00:00Z'"
# the session plan travels (hub schema 3): A's own session's target and
# frame, read back from the director's database below
sqlite3 "$T/a.db" "UPDATE sessions SET target_minutes = 45, frame = 3
  WHERE id = (SELECT max(id) FROM sessions)"
PLAN_UUID=$(sqlite3 "$T/a.db" "SELECT uuid FROM sessions
  WHERE id = (SELECT max(id) FROM sessions)")
sessions "$T/a.db" >"$T/a0.json"
sessions "$T/b.db" >"$T/b0.json"

sync_as fac1 "$T/a.db"
expect_rc "laptop A syncs" 0
expect_grep "A pushes its group sessions" "$T/out" "pushed: 3 sessions"
expect_grep "A names the hub, not the URL" "$T/out" "synced with socket:"
sync_as fac1 "$T/b.db"
expect_rc "laptop B syncs" 0
expect_grep "B pulls A's new session" "$T/out" "pulled: 1 session"
expect_grep "B's later comment edit wins (a conflict)" "$T/out" "1 conflict"
sync_as fac1 "$T/a.db"
expect_grep "A pulls B's sessions and edit" "$T/out" "pulled: 2 sessions"
sync_as res1 "$T/r.db"
expect_grep "the resident pushes her self-study only" "$T/out" \
    "pushed: 1 session,"
sync_as dir1 "$T/d.db"
expect_rc "the director syncs into a new database" 0
sessions "$T/d.db" >"$T/d1.json"
python3 -c 'import json, sys
a0, b0, d = (json.load(open(p)) for p in sys.argv[1:4])
want = set(a0) | set(b0)
assert set(d) == want, (want - set(d), set(d) - want)
for u in want:
    if (u in a0) != (u in b0):
        assert d[u] == (a0.get(u) or b0.get(u)), u
' "$T/a0.json" "$T/b0.json" "$T/d1.json" >"$T/union.out" 2>&1 &&
    ok "the director has the union of both laptops by UUID" ||
    { fail "the director has the union of both laptops by UUID"; sed 's/^/#   /' "$T/union.out" | tail -n 5; }
[ "$(hub_psql "SELECT (SELECT count(*) FROM pbl.snapshots) || ' ' ||
  (SELECT count(DISTINCT hash) FROM pbl.session_modules) || ' ' ||
  (SELECT count(*) > count(DISTINCT hash) FROM pbl.session_modules)")" = \
    "$(sqlite3 "$T/d.db" "SELECT count(DISTINCT hash) FROM session_modules") $(sqlite3 "$T/d.db" "SELECT count(DISTINCT hash) FROM session_modules") true" ] &&
    ok "the hub keeps each module snapshot once, by content hash" ||
    fail "the hub keeps each module snapshot once, by content hash"
sync_as dir1 "$T/d.db"
expect_grep "a second sync pulls nothing" "$T/out" "pulled: nothing moved"
expect_grep "a second sync pushes nothing" "$T/out" "pushed: nothing moved"
sync_as fac1 "$T/b.db"
sessions "$T/a.db" >"$T/a1.json"
sessions "$T/b.db" >"$T/b1.json"
expect_same "both laptops agree after syncing" "$T/a1.json" "$T/b1.json"
[ "$(sqlite3 "$T/a.db" "SELECT text FROM review_comments
  WHERE text LIKE '% edit'")" = "B edit" ] &&
    ok "the later edit won on A" || fail "the later edit won on A"
expect_grep "A's lost edit is in its event log" /dev/stdin '"text":"A edit"' <<EOF
$(sqlite3 "$T/b.db" "SELECT detail FROM events WHERE type = 'sync-conflict'")
EOF
check "the director's database passes db check" "$PBL" --db "$T/d.db" db check
[ "$(hub_psql "SELECT target_minutes || ' ' || frame FROM pbl.sessions
  WHERE uuid = '$PLAN_UUID'")" = "45 3" ] &&
    ok "the hub holds the session plan's target and frame" ||
    fail "the hub holds the session plan's target and frame"
[ "$(sqlite3 "$T/d.db" "SELECT target_minutes || ' ' || frame FROM sessions
  WHERE uuid = '$PLAN_UUID'")" = "45 3" ] &&
    ok "the director pulls the session plan's target and frame" ||
    fail "the director pulls the session plan's target and frame"

# the director writes a comment; the facilitator gets it
sqlite3 "$T/d.db" "INSERT INTO review_comments(session_id, text, created_at)
  SELECT id, 'from the director', '2026-06-01T00:00:00Z' FROM sessions
  WHERE uuid = '00000000-0000-4000-8000-000000000001'"
sync_as dir1 "$T/d.db"
expect_grep "the director pushes a review comment" "$T/out" \
    "pushed: 1 review comment added"
sync_as fac1 "$T/a.db"
expect_grep "the facilitator pulls it" "$T/out" "pulled: 1 review comment"

# the director resolves a parking-lot item; the facilitator gets that too
sqlite3 "$T/d.db" "UPDATE parking SET resolved_at = '2026-07-01T00:00:00Z'
  WHERE text LIKE '%call-back list%'"
sync_as dir1 "$T/d.db"
expect_grep "the director pushes a resolution" "$T/out" \
    "pushed: 1 updated by a later write"
sync_as fac1 "$T/a.db"
[ "$(sqlite3 "$T/a.db" "SELECT resolved_at FROM parking
  WHERE text LIKE '%call-back list%'")" = 2026-07-01T00:00:00Z ] &&
    ok "the facilitator pulls the resolution" ||
    fail "the facilitator pulls the resolution"

# the director and a facilitator edit one comment: the director's edit
# loses, and its conflict record reaches the hub, so that the sessions
# compare equal and the next sync moves nothing
sqlite3 "$T/d.db" "UPDATE review_comments SET text = 'D late',
  updated_at = '2026-08-01T00:00:00Z' WHERE text = 'from the director'"
sqlite3 "$T/a.db" "UPDATE review_comments SET text = 'F later',
  updated_at = '2026-08-02T00:00:00Z' WHERE text = 'from the director'"
sync_as fac1 "$T/a.db"
sync_as dir1 "$T/d.db"
expect_grep "the director's earlier edit is a conflict" "$T/out" "1 conflict"
[ "$(hub_psql "SELECT count(*) FROM pbl.events
  WHERE type = 'sync-conflict' AND detail LIKE '%D late%'")" = 1 ] &&
    ok "the director's conflict record reaches the hub" ||
    fail "the director's conflict record reaches the hub"
sync_as dir1 "$T/d.db"
expect_grep "the director's next sync moves nothing" "$T/out" \
    "pulled: nothing moved"
sync_as dir1 "$T/e.db"
sessions "$T/d.db" >"$T/d2.json"
sessions "$T/e.db" >"$T/e2.json"
expect_same "the director's database equals a fresh pull of the hub" \
    "$T/d2.json" "$T/e2.json"
sync_as fac1 "$T/a.db"
expect_grep "the facilitator pulls the director's conflict record" "$T/out" \
    "pulled: 1 event"

# ---- only what was written since the last sync is compared --------------
# (schema 11's marks here, hub schema 4's revs there): writes that did
# not come through this pbl's own store calls are still seen
ANS=$(hub_psql "SELECT r.uuid FROM pbl.responses r JOIN pbl.sessions s
  ON s.uuid = r.session_uuid WHERE s.facilitator = 'Dr. F'
  ORDER BY r.uuid LIMIT 1")
hub_psql "UPDATE pbl.responses SET text = 'fixed on the hub',
  updated_at = '2027-01-01T00:00:00Z' WHERE uuid = '$ANS'"
sync_as fac1 "$T/a.db"
[ "$(sqlite3 "$T/a.db" "SELECT text FROM responses WHERE uuid = '$ANS'")" = \
    "fixed on the hub" ] &&
    ok "an answer changed on the hub by SQL reaches the laptop" ||
    fail "an answer changed on the hub by SQL reaches the laptop"
"$PBL" --db "$T/base.db" db backup "$T/u.db" >/dev/null
"$TOOLS/store_crash_writer" "$T/u.db" 2 >/dev/null
sqlite3 "$T/u.db" "UPDATE sessions SET facilitator = 'Dr. F'
  WHERE kind = 'group'"
"$PBL" --db "$T/a.db" merge "$T/u.db" >/dev/null
sync_as fac1 "$T/a.db"
USB=$(sqlite3 "$T/u.db" "SELECT group_concat(quote(uuid)) FROM sessions
  WHERE kind = 'group'")
NUSB=$(sqlite3 "$T/u.db" "SELECT count(*) FROM sessions WHERE kind = 'group'")
[ "$(hub_psql "SELECT count(*) FROM pbl.sessions WHERE uuid IN ($USB)")" = \
    "$NUSB" ] &&
    ok "sessions merged from a USB stick are pushed at the next sync" ||
    fail "sessions merged from a USB stick are pushed at the next sync"
GONE=$(sqlite3 "$T/u.db" "SELECT uuid FROM sessions ORDER BY id DESC LIMIT 1")
hub_psql "DELETE FROM pbl.sessions WHERE uuid = '$GONE'"
sync_as fac1 "$T/a.db"
expect_grep "a session deleted on the hub is not compared again" "$T/out" \
    "pushed: nothing moved"
PGPASSWORD=pw-fac1 run "$PBL" --db "$T/a.db" sync --full "$(hub_url fac1)"
expect_grep "sync --full compares every session and pushes it back" \
    "$T/out" "pushed: 1 session,"
# a hub restored from a backup lacks what was written after it: the
# administrator says so, and every machine's next sync compares all
hub_psql "DELETE FROM pbl.sessions WHERE uuid = '$GONE'"
run "$PBL" hub init --restored "$ADMIN_URL"
expect_grep "hub init --restored gives the hub a new identity" "$T/out" \
    "has a new identity"
sync_as fac1 "$T/a.db"
expect_grep "... and the next plain sync pushes back what the backup lacked" \
    "$T/out" "pushed: 1 session,"
# a hub made again at the same address (a new hub_id): everything again
hub_psql "CREATE DATABASE again"
AGAIN_URL="postgresql:///again?host=$HUBDIR&port=$HUBPORT"
"$PBL" hub init "$AGAIN_URL&user=admin" >/dev/null
"$PBL" hub grant facilitator fac1 --as "Dr. F" --hub "$AGAIN_URL&user=admin" >/dev/null
PGPASSWORD=pw-fac1 run "$PBL" --db "$T/a.db" sync "$AGAIN_URL&user=fac1"
hub_psql "DROP DATABASE again" && hub_psql "CREATE DATABASE again"
"$PBL" hub init "$AGAIN_URL&user=admin" >/dev/null
"$PBL" hub grant facilitator fac1 --as "Dr. F" --hub "$AGAIN_URL&user=admin" >/dev/null
PGPASSWORD=pw-fac1 run "$PBL" --db "$T/a.db" sync "$AGAIN_URL&user=fac1"
[ "$("$PGBIN/psql" -X -At "$AGAIN_URL&user=admin" -c "SELECT count(*)
  FROM pbl.sessions")" = \
    "$(sqlite3 "$T/a.db" "SELECT count(*) FROM sessions WHERE kind = 'group'
  AND facilitator = 'Dr. F'")" ] &&
    ok "a hub made again at the same address gets every session again" ||
    fail "a hub made again at the same address gets every session again"

# ---- row-level security, with real logins ------------------------------
[ "$(as_login res1 "SELECT count(*) FROM pbl.sessions")" = 1 ] &&
    ok "a resident reads her own self-study only" ||
    fail "a resident reads her own self-study only"
[ "$(as_login res2 "SELECT count(*) FROM pbl.responses")" = 0 ] &&
    ok "another resident reads none of her answers" ||
    fail "another resident reads none of her answers"
[ "$(as_login res1 "SELECT count(*) FROM pbl.sessions s JOIN pbl.events e
  ON e.session_uuid = s.uuid WHERE s.kind = 'group'")" = 0 ] &&
    ok "a resident reads no group session" ||
    fail "a resident reads no group session"
[ "$(as_login fac2 "SELECT count(*) FROM pbl.sessions")" = 0 ] &&
    ok "a facilitator cannot read another's sessions" ||
    fail "a facilitator cannot read another's sessions"
[ "$(as_login dir1 "SELECT count(*) FROM pbl.sessions")" = \
    "$(hub_psql "SELECT count(*) FROM pbl.sessions")" ] &&
    ok "a director reads all" || fail "a director reads all"
as_login res1 "INSERT INTO pbl.sessions VALUES('x', 'group', 'G', 'Dr. F',
  NULL, NULL, NULL, '2026', NULL, 'active', 0, 'scenario')" >"$T/rls"
expect_grep "a resident cannot write a group session" "$T/rls" \
    "row-level security"
as_login dir1 "UPDATE pbl.responses SET text = 'x'" >"$T/rls"
expect_grep "a director cannot change an answer" "$T/rls" "permission denied"
sync_as fac2 "$T/g.db"
expect_grep "another facilitator's sync pulls nothing" "$T/out" \
    "pulled: nothing moved"

# ---- bad input ---------------------------------------------------------
cp "$T/a.db" "$T/a-before.db"
# the records, not the settings (where sync notes its last outcome)
records() { sqlite3 "$1" .dump | grep -v "^INSERT INTO settings"; }
records "$T/a.db" >"$T/a0.sql"
PGPASSWORD=pw-fac1 run "$PBL" --db "$T/a.db" sync \
    "postgresql:///pbl?host=$HUBDIR&port=1&user=fac1"
expect_rc "an unreachable hub: exit 1" 1
expect_grep "an unreachable hub: a clear message" "$T/err" \
    "pbl: cannot connect to the hub"
sync_as fac1 "$T/a.db" wrong
expect_rc "a wrong password: exit 1" 1
expect_grep "a wrong password: a clear message" "$T/err" \
    "password authentication failed"
PGPASSWORD= run "$PBL" --db "$T/a.db" sync \
    "postgresql://fac1:TopSecret42@/pbl?host=$HUBDIR&port=$HUBPORT"
expect_rc "a URL with a wrong password: exit 1" 1
expect_no_grep "the URL's password is never echoed" "$T/err" "TopSecret42"
PGPASSWORD= run "$PBL" --db "$T/a.db" sync \
    "postgresql://fac1:pw-fac1@/pbl?host=$HUBDIR&port=$HUBPORT"
expect_rc "a URL with the right password syncs" 0
cat "$T/err" >>"$T/out"
expect_no_grep "... and its password is not echoed either" "$T/out" "pw-fac1"
run "$PBL" --db "$T/a.db" db set hub \
    "postgresql://fac1:TopSecret42@/pbl?host=$HUBDIR"
expect_rc "db set hub refuses a URL with a password" 1
expect_no_grep "... without echoing it" "$T/err" "TopSecret42"
hub_psql "UPDATE pbl.meta SET value = '99' WHERE key = 'schema_version'"
sync_as fac1 "$T/a.db"
expect_grep "a newer hub is refused" "$T/err" \
    "has schema version 99, newer than this pbl knows ($HUBV)"
run "$PBL" hub init "$ADMIN_URL"
expect_rc "hub init refuses a newer hub" 1
hub_psql "UPDATE pbl.meta SET value = '$HUBV' WHERE key = 'schema_version'"
# a hub of schema 1 (a snapshot per session) upgraded by hub init
hub_psql "CREATE DATABASE old"
OLD_URL="postgresql:///old?host=$HUBDIR&port=$HUBPORT&user=admin"
PBL_TEST_HUB_SCHEMA=1 "$PBL" hub init "$OLD_URL" >/dev/null
"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$OLD_URL" >"$T/old.log" 2>&1 <<'SQL'
INSERT INTO pbl.sessions VALUES ('00000000-0000-4000-8000-000000000001', 'group', 'G', 'Dr. F', NULL, NULL,
  NULL, '2026-01-01T00:00:00Z', NULL, 'active', 0, 'summary'),
  ('00000000-0000-4000-8000-000000000002', 'group', 'G', 'Dr. F', NULL, NULL, NULL, '2026-01-02T00:00:00Z',
  NULL, 'active', 0, 'summary');
INSERT INTO pbl.session_modules SELECT uuid, 0, 'm', 1, 'fnv1a64:1', 'm.yaml',
  'Old title', NULL, NULL, 'A scenario', NULL, NULL, 0, 1, '[]', '[]', NULL
  FROM pbl.sessions;
INSERT INTO pbl.snapshot_questions SELECT uuid, 0, 0, 'Why?', 'text', 5,
  'Because', NULL, 0 FROM pbl.sessions;
INSERT INTO pbl.snapshot_points SELECT uuid, 0, 0, 0, 'a point'
  FROM pbl.sessions;
SQL
run "$PBL" hub init "$OLD_URL"
expect_grep "hub init upgrades a schema-1 hub" "$T/out" \
    "upgraded from schema 1 to $HUBV"
[ "$("$PGBIN/psql" -X -At "$OLD_URL" -c "SELECT (SELECT count(*) FROM
  pbl.snapshots)::text || (SELECT count(*) FROM pbl.snapshot_questions) ||
  (SELECT count(*) FROM pbl.snapshot_points) || (SELECT count(*) FROM
  pbl.session_modules)")" = 1112 ] &&
    ok "the upgrade keeps each snapshot once and both sessions' modules" ||
    fail "the upgrade keeps each snapshot once and both sessions' modules"
run "$PBL" --db "$T/old.db" sync "$OLD_URL"
[ "$(sqlite3 "$T/old.db" "SELECT count(*) || group_concat(DISTINCT m.title)
  || (SELECT count(*) FROM snapshot_points) FROM session_modules m")" = \
    "2Old title2" ] && ok "the upgraded hub's sessions pull whole" ||
    fail "the upgraded hub's sessions pull whole"
hub_psql "CREATE DATABASE other"
run "$PBL" --db "$T/a.db" sync \
    "postgresql:///other?host=$HUBDIR&port=$HUBPORT&user=admin"
expect_grep "a database that is no hub is named so" "$T/err" \
    "is not a pbl hub"
records "$T/a.db" >"$T/a1.sql"
expect_same "nothing changed locally after the bad input" "$T/a0.sql" "$T/a1.sql"

# the stored hub, and ~/.pgpass
run "$PBL" --db "$T/a.db" db set hub "$(hub_url fac1)"
expect_rc "db set hub stores the URL" 0
printf '*:*:*:fac1:pw-fac1\n' >"$PGPASSFILE"
chmod 600 "$PGPASSFILE"
run "$PBL" --db "$T/a.db" sync
expect_rc "sync uses the stored hub and the password file" 0

# ---- SIGKILL at random moments -----------------------------------------
"$TOOLS/store_crash_writer" "$T/k.db" 1500 >/dev/null
sqlite3 "$T/k.db" "UPDATE sessions SET facilitator = 'Dr. F'"
kills() { # DB LOGIN: fifteen syncs, each killed after 0-0.4 s
    i=0
    while [ $i -lt 15 ]; do
        PGPASSWORD=pw-$2 "$PBL" --db "$1" sync "$(hub_url "$2")" \
            >/dev/null 2>&1 &
        pid=$!
        sleep "0.$(awk -v s="$i$$" 'BEGIN { srand(s); printf "%03d", rand() * 400 }')"
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        i=$((i + 1))
    done
}
kills "$T/k.db" fac1
sync_as fac1 "$T/k.db"
expect_rc "after 15 kills while pushing, a final sync succeeds" 0
sqlite3 "$T/k.db" "SELECT s.uuid || r.modpos || r.qidx || coalesce(r.text, '')
  FROM responses r JOIN sessions s ON s.id = r.session_id" | sort >"$T/k.local"
hub_psql "SELECT session_uuid || modpos || qidx || coalesce(text, '')
  FROM pbl.responses WHERE session_uuid IN (SELECT uuid FROM pbl.sessions)" |
    sort >"$T/k.hub"
comm -23 "$T/k.local" "$T/k.hub" >"$T/k.missing"
[ ! -s "$T/k.missing" ] && ok "the hub has every answer, once" ||
    fail "the hub has every answer, once"
kills "$T/p.db" dir1
sync_as dir1 "$T/p.db"
expect_rc "after 15 kills while pulling, a final sync succeeds" 0
sync_as dir1 "$T/p.db"
expect_grep "... and then nothing is left to move" "$T/out" "pulled: nothing moved"
[ "$(sqlite3 "$T/p.db" "SELECT count(*) FROM responses")" = \
    "$(hub_psql "SELECT count(*) FROM pbl.responses")" ] &&
    ok "the pulled database has every answer of the hub, once" ||
    fail "the pulled database has every answer of the hub, once"
check "the killed databases pass db check" sh -c \
    "'$PBL' --db '$T/k.db' db check && '$PBL' --db '$T/p.db' db check"

# ---- the server stopped mid-sync ---------------------------------------
"$TOOLS/store_crash_writer" "$T/s.db" 1500 >/dev/null
sqlite3 "$T/s.db" "UPDATE sessions SET facilitator = 'Dr. F'"
PGPASSWORD=pw-fac1 "$PBL" --db "$T/s.db" sync "$(hub_url fac1)" \
    >"$T/s.out" 2>"$T/s.err" &
pid=$!
sleep 0.1
as_user "$PGBIN/pg_ctl" -D "$HUBDIR/data" -m immediate stop >/dev/null 2>&1
wait $pid
src=$?
as_user "$PGBIN/pg_ctl" -D "$HUBDIR/data" -l "$HUBDIR/log" -w \
    -o "-k $HUBDIR -p $HUBPORT -c listen_addresses='' -c fsync=off" \
    start >/dev/null 2>&1
{ [ $src = 1 ] && grep -q "^pbl: " "$T/s.err"; } || grep -q "^synced" "$T/s.out" &&
    ok "a sync whose server stops fails with a message (or had finished)" ||
    { fail "a sync whose server stops fails with a message (or had finished)"; cat "$T/s.err"; }
sync_as fac1 "$T/s.db"
expect_rc "after the server restarts, a sync succeeds" 0
sync_as fac1 "$T/s.db"
expect_grep "... and the next one moves nothing" "$T/out" "pushed: nothing moved"

# on a terminal (script(1) gives it one), a progress bar, erased after
"$TOOLS/store_crash_writer" "$T/t.db" 30 >/dev/null
sqlite3 "$T/t.db" "UPDATE sessions SET facilitator = 'Dr. F'"
PGPASSWORD=pw-fac1 script -qec "'$PBL' --db '$T/t.db' sync '$(hub_url fac1)'" \
    /dev/null >"$T/tty.out" 2>&1
if grep -q 'pushing  \[' "$T/tty.out" && grep -q "$(printf '\033\\[K')" "$T/tty.out"; then
    ok "on a terminal, sync draws a progress bar and erases it"
else
    fail "on a terminal, sync draws a progress bar and erases it"
    sed 's/^/#   /' "$T/tty.out" | cat -v | head -n 5
fi

# ---- the console: S on the home screen, a finished session pushed -----
# console NAME DB ARGS...: the console, driven by the script $T/NAME.script
# (keys, one a line), drawing nowhere; screens it :dumps go to $T/NAME/
console() {
    _cn=$1 _db=$2; shift 2
    mkdir -p "$T/$_cn"
    PBL_NO_DISPLAY=1 LINES=24 COLUMNS=80 LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        TERM=xterm-256color PBL_SCRIPT="$T/$_cn.script" PBL_DUMP_DIR="$T/$_cn" \
        PGPASSWORD=pw-fac1 "$PBL" --db "$_db" --modules tests/fixtures/good \
        "$@" >"$T/$_cn.out" 2>&1
}
# setting_soon DB KEY: waits (up to 10 s) for the setting, then prints it
setting_soon() {
    i=0
    while [ $i -lt 100 ]; do
        v=$(sqlite3 "$1" "SELECT value FROM settings WHERE key = '$2'" 2>/dev/null)
        [ -n "$v" ] && break
        sleep 0.1
        i=$((i + 1))
    done
    echo "$v"
}
"$TOOLS/store_crash_writer" "$T/h.db" 8 >/dev/null
sqlite3 "$T/h.db" "UPDATE sessions SET facilitator = 'Dr. F'"
"$PBL" --db "$T/h.db" db set hub "$(hub_url fac1)"
printf 'S\n' >"$T/s1.script"
console s1 "$T/h.db"
[ -n "$(setting_soon "$T/h.db" hub.last_sync)" ] &&
    [ "$(hub_psql "SELECT count(*) FROM pbl.sessions WHERE uuid IN
      ($(sqlite3 "$T/h.db" "SELECT group_concat(quote(uuid)) FROM sessions"))")" = \
      "$(sqlite3 "$T/h.db" "SELECT count(*) FROM sessions")" ] &&
    ok "S on the home screen syncs in the background" ||
    fail "S on the home screen syncs in the background"
printf ':dump home\n' >"$T/s2.script"
console s2 "$T/h.db"
expect_grep "the home screen shows the last sync" "$T/s2/home" "hub: last sync "
expect_layout "... and fits 80x24" "$T/s2/home"
"$PBL" --db "$T/f.db" db set hub \
    "postgresql:///pbl?host=$HUBDIR&port=1&user=fac1"
console s1 "$T/f.db"
setting_soon "$T/f.db" hub.last_error >/dev/null
console s2 "$T/f.db"
expect_grep "a failed sync is shown on the home screen" "$T/s2/home" \
    "hub: the last sync failed: cannot connect"
expect_layout "... and fits 80x24" "$T/s2/home"
# a session finished (F on its summary) is pushed without asking
printf '%s\n' Right Right Right Right Right Right F >"$T/s3.script"
"$PBL" --db "$T/n.db" db set hub "$(hub_url fac1)"
console s3 "$T/n.db" facilitate sample-module --group "Late group" \
    --facilitator "Dr. F"
setting_soon "$T/n.db" hub.last_sync >/dev/null
[ "$(hub_psql "SELECT status FROM pbl.sessions
  WHERE group_name = 'Late group'")" = finished ] &&
    ok "a finished session is pushed in the background" ||
    { fail "a finished session is pushed in the background"; sed 's/^/#   /' "$T/s3.out" | tail -n 5; }

# ---- ten machines at once ----------------------------------------------
before=$(hub_psql "SELECT count(*) FROM pbl.sessions")
i=0
while [ $i -lt 10 ]; do
    "$TOOLS/store_crash_writer" "$T/m$i.db" 20 >/dev/null
    sqlite3 "$T/m$i.db" "UPDATE sessions SET facilitator = 'Dr. F'"
    i=$((i + 1))
done
want=$((before + $(for i in 0 1 2 3 4 5 6 7 8 9; do
    sqlite3 "$T/m$i.db" "SELECT count(*) FROM sessions"; done |
    awk '{ n += $1 } END { print n }')))
i=0
while [ $i -lt 10 ]; do
    PGPASSWORD=pw-fac1 "$PBL" --db "$T/m$i.db" sync "$(hub_url fac1)" \
        >"$T/m$i.out" 2>"$T/m$i.err" &
    i=$((i + 1))
done
wait
cat "$T"/m?.err >"$T/m.err"
[ ! -s "$T/m.err" ] && ok "ten syncs at once show no error" ||
    { fail "ten syncs at once show no error"; sed 's/^/#   /' "$T/m.err" | head -n 5; }
[ "$(hub_psql "SELECT count(*) FROM pbl.sessions")" = "$want" ] &&
    ok "ten syncs at once lose nothing" || fail "ten syncs at once lose nothing"

# ---- the roster: two facilitators and a director ----------------------
# each facilitator's laptop keeps a roster (overlapping: Ana on both, the
# same person) and marks who attended and spoke in its own session; a
# rename on one, a retirement on the other; the director gets the union
MARK=$TOOLS/roster_marks
"$PBL" --db "$T/base.db" db backup "$T/ra.db" >/dev/null
"$PBL" --db "$T/base.db" db backup "$T/rb.db" >/dev/null
# B's sessions are other sessions than A's: other UUIDs, B's facilitator
for t in sessions responses stage_timings parking events review_comments; do
    sqlite3 "$T/rb.db" "UPDATE $t SET uuid = 'bbbbbbbb' || substr(uuid, 9)"
done
sqlite3 "$T/rb.db" "UPDATE sessions SET facilitator = 'Dr. G'
  WHERE kind = 'group'"
GA=00000000-0000-4000-8000-000000000001
GB=bbbbbbbb-0000-4000-8000-000000000001
export PBL_NOW=2026-09-01T10:00:00Z
for n in Noor "Ana Ruiz"; do
    "$PBL" --db "$T/ra.db" roster add "$n" --class PGY1 >/dev/null
done
for n in "ana ruiz" Omar "Zed Q"; do
    "$PBL" --db "$T/rb.db" roster add "$n" --class PGY2 >/dev/null
done
"$MARK" "$T/ra.db" $GA attend Noor && "$MARK" "$T/ra.db" $GA attend "Ana Ruiz" &&
    "$MARK" "$T/ra.db" $GA speak "Ana Ruiz" 0 0 &&
    "$MARK" "$T/rb.db" $GB attend Omar && "$MARK" "$T/rb.db" $GB speak Omar 0 0 &&
    PBL_NOW=2026-09-02T00:00:00Z "$PBL" --db "$T/rb.db" roster rename "Zed Q" \
        "Zed Quinn" >/dev/null &&
    PBL_NOW=2026-09-03T00:00:00Z "$PBL" --db "$T/ra.db" roster retire \
        "Ana Ruiz" >/dev/null &&
    ok "two facilitators keep rosters and mark attendance and speakers" ||
    fail "two facilitators keep rosters and mark attendance and speakers"
sync_as fac1 "$T/ra.db"
expect_grep "a facilitator pushes the roster and attendance" "$T/out" \
    "2 residents, 2 attendees, 1 speaker mark added"
sync_as fac2 "$T/rb.db"
expect_grep "the other pulls the roster it lacked" "$T/out" \
    "pulled: 1 resident added"
sync_as fac1 "$T/ra.db"
sync_as dir1 "$T/rd.db"
expect_rc "the director syncs the roster into a new database" 0
"$PBL" --db "$T/rd.db" roster list --all >"$T/rd.list"
printf '%s\n' "NAME       CLASS  EMAIL  STATUS" \
    "Noor       PGY1   -      active" "Omar       PGY2   -      active" \
    "Zed Quinn  PGY2   -      active" "Ana Ruiz   PGY1   -      graduated" \
    >"$T/rd.want"
expect_same "the director's roster list --all is the union" "$T/rd.want" \
    "$T/rd.list"
"$PBL" --db "$T/rd.db" export --all -f json | python3 -c 'import json, sys
u = {s["uuid"] for s in json.load(sys.stdin)["sessions"]}
sys.exit(0 if {sys.argv[1], sys.argv[2]} <= u else 1)' $GA $GB &&
    ok "the director's export --all has both facilitators' sessions" ||
    fail "the director's export --all has both facilitators' sessions"
"$PBL" --db "$T/rd.db" roster show Omar >"$T/omar"
expect_grep "the director sees who attended and spoke on B's laptop" \
    "$T/omar" "spoke to 1 question)"
"$PBL" --db "$T/rd.db" roster show "Zed Q" >"$T/zed"
expect_grep "... and the former name from the rename" "$T/zed" "formerly Zed Q"
PBL_NOW=2026-09-04T00:00:00Z "$MARK" "$T/ra.db" $GA unspeak "Ana Ruiz" 0 0
sync_as fac1 "$T/ra.db"
expect_grep "an unmarked speaker is pushed as a later write" "$T/out" \
    "pushed: 1 updated by a later write"
sync_as dir1 "$T/rd.db"
"$PBL" --db "$T/rd.db" roster show "Ana Ruiz" >"$T/ana"
expect_grep "the director sees the speaker unmarked" "$T/ana" \
    "spoke to 0 questions)"
sync_as dir1 "$T/rd.db"
expect_grep "a second roster sync pulls nothing" "$T/out" \
    "pulled: nothing moved"
expect_grep "... and pushes nothing" "$T/out" "pushed: nothing moved"
sync_as fac2 "$T/rb.db"
sync_as fac2 "$T/rb.db"
expect_grep "a facilitator's second sync moves nothing either" "$T/out" \
    "pushed: nothing moved"
[ "$(as_login res1 "SELECT string_agg(name, ',') FROM pbl.residents")" = Noor ] &&
    ok "a resident reads her own roster row only" ||
    fail "a resident reads her own roster row only"
[ "$(as_login res1 "SELECT count(*) FROM pbl.residents WHERE name = 'Omar'")/$(
    as_login res2 "SELECT count(*) FROM pbl.residents WHERE name = 'Noor'")/$(
    as_login res1 "SELECT count(*) FROM pbl.resident_names")" = "0/0/0" ] &&
    ok "... not another resident's row nor names" ||
    fail "... not another resident's row nor names"
[ "$(as_login res2 "SELECT count(*) FROM pbl.attendance")/$(as_login res2 \
    "SELECT count(*) FROM pbl.speakers")" = "0/0" ] &&
    ok "... nor anybody's attendance or speaker marks" ||
    fail "... nor anybody's attendance or speaker marks"
as_login res1 "INSERT INTO pbl.residents VALUES('x', 'X', 'x', 'PGY1',
  NULL, 1, '2026', NULL, '2026')" >"$T/rls"
expect_grep "a resident cannot write the roster" "$T/rls" "permission denied"
[ "$(as_login fac2 "SELECT count(*) FROM pbl.residents")/$(as_login fac2 \
    "SELECT count(*) FROM pbl.attendance")/$(as_login dir1 \
    "SELECT count(*) FROM pbl.attendance")" = "4/1/3" ] &&
    ok "a facilitator reads the roster and only its own attendance" ||
    fail "a facilitator reads the roster and only its own attendance"
# the director keeps the roster too: a resident added on its machine
"$PBL" --db "$T/rd.db" roster add "Dee New" --class PGY1 >/dev/null
sync_as dir1 "$T/rd.db"
expect_grep "the director pushes a resident it added" "$T/out" \
    "pushed: 1 resident added"
sync_as fac2 "$T/rb.db"
expect_grep "... and a facilitator pulls it" "$T/out" "pulled: 1 resident added"
sync_as res1 "$T/rr.db"
[ "$("$PBL" --db "$T/rr.db" roster list --all | sed 1d | cut -d' ' -f1)" = Noor ] &&
    ok "a resident's sync pulls her own roster row" ||
    fail "a resident's sync pulls her own roster row"
# a resident links her self-study to herself only, and marks nobody
OMAR=$(hub_psql "SELECT uuid FROM pbl.residents WHERE name = 'Omar'")
as_login res1 "UPDATE pbl.sessions SET resident_uuid = '$OMAR'" >"$T/rls"
expect_grep "a resident cannot link her self-study to another resident" \
    "$T/rls" "row-level security"
as_login res1 "INSERT INTO pbl.attendance VALUES('$GA', '$OMAR',
  '2026', NULL, '2026')" >"$T/rls"
expect_grep "... nor write attendance" "$T/rls" "permission denied"
# a former name is no key to another resident's row: say Omar was once
# called Noor, the name res1 was granted under; res1 still reads only her
# own row
hub_psql "INSERT INTO pbl.resident_names SELECT '$OMAR', 'Noor',
  name_key, '2026' FROM pbl.people WHERE login = 'res1'"
[ "$(as_login res1 "SELECT count(*) FROM pbl.residents WHERE uuid = '$OMAR'")" = 0 ] &&
    ok "a former name does not open another resident's row" ||
    fail "a former name does not open another resident's row"
[ "$(hub_psql "SELECT collation_name FROM information_schema.columns
  WHERE table_schema = 'pbl' AND table_name = 'residents'
  AND column_name = 'name'")" = C ] &&
    ok "residents' names compare in byte order, as in SQLite" ||
    fail "residents' names compare in byte order, as in SQLite"
unset PBL_NOW

# ---- revs become visible in order, whoever writes ---------------------
# an administrator's transaction stamps a session and stays open; another
# write commits meanwhile; a sync in between must not keep a mark past
# the first one's rev (the stamp waits for the pushes' lock)
CMT=$(hub_psql "SELECT c.uuid FROM pbl.review_comments c JOIN pbl.sessions s
  ON s.uuid = c.session_uuid ORDER BY c.uuid LIMIT 1")
PRK=$(hub_psql "SELECT p.uuid FROM pbl.parking p WHERE p.session_uuid <>
  (SELECT session_uuid FROM pbl.review_comments WHERE uuid = '$CMT')
  ORDER BY p.uuid LIMIT 1")
sync_as dir1 "$T/d.db"
hub_psql "BEGIN; UPDATE pbl.review_comments SET text = 'admin fix',
  updated_at = '2027-03-01T00:00:00Z' WHERE uuid = '$CMT';
  SELECT pg_sleep(2); COMMIT" >/dev/null &
slow=$!
sleep 0.5
hub_psql "UPDATE pbl.parking SET changed_at = '2027-03-02T00:00:00Z',
  resolved_at = '2027-03-02T00:00:00Z' WHERE uuid = '$PRK'" >/dev/null &
fast=$!
sleep 0.5
sync_as dir1 "$T/d.db"
wait $slow $fast
sync_as dir1 "$T/d.db"
[ "$(sqlite3 "$T/d.db" "SELECT text FROM review_comments WHERE uuid = '$CMT'")" = \
    "admin fix" ] &&
    ok "a write committed after a later one still reaches the next sync" ||
    fail "a write committed after a later one still reaches the next sync"

# ---- deleting a session (hub schema 7) ---------------------------------
sync_as fac1 "$T/a.db"
sync_as fac1 "$T/b.db"
sync_as dir1 "$T/d.db"
"$PBL" --db "$T/b.db" db backup "$T/b-old.db" >/dev/null
DEL=$(sqlite3 "$T/a.db" "SELECT uuid FROM sessions WHERE kind = 'group'
  AND facilitator = 'Dr. F' ORDER BY uuid LIMIT 1")
KEEP=$(sqlite3 "$T/a.db" "SELECT uuid FROM sessions WHERE kind = 'group'
  AND facilitator = 'Dr. F' ORDER BY uuid DESC LIMIT 1")
# hub_has UUID: "sessions/tombstones/answers" the hub has of UUID
hub_has() {
    hub_psql "SELECT (SELECT count(*) FROM pbl.sessions WHERE uuid = '$1')
  || '/' || (SELECT count(*) FROM pbl.deleted_sessions WHERE uuid = '$1'
  AND kind = 'group' AND facilitator = 'Dr. F') || '/' || (SELECT count(*)
  FROM pbl.responses WHERE session_uuid = '$1')"
}
has() { sqlite3 "$1" "SELECT count(*) FROM sessions WHERE uuid = '$2'"; }
sqlite3 "$T/a.db" "PRAGMA foreign_keys = ON; DELETE FROM sessions
  WHERE uuid = '$DEL'"
sync_as fac1 "$T/a.db"
expect_grep "laptop A pushes its deletion" "$T/out" \
    "pushed: 1 session deleted"
[ "$(hub_has "$DEL")" = 0/1/0 ] &&
    ok "the hub lacks it, its answers, and records its tombstone" ||
    fail "the hub lacks it, its answers, and records its tombstone ($(hub_has "$DEL"))"
sync_as fac1 "$T/b.db"
expect_grep "laptop B's sync deletes it there" "$T/out" \
    "pulled: 1 session deleted"
[ "$(has "$T/b.db" "$DEL")" = 0 ] && ok "... it is gone from B" ||
    fail "... it is gone from B"
sync_as dir1 "$T/d.db"
[ "$(has "$T/d.db" "$DEL")/$(has "$T/d.db" "$KEEP")" = 0/1 ] &&
    ok "the director's sync deletes it there, and only it" ||
    fail "the director's sync deletes it there, and only it"
sync_as fac1 "$T/b-old.db"
[ "$(hub_has "$DEL")/$(has "$T/b-old.db" "$DEL")" = 0/1/0/0 ] &&
    ok "B's older copy synced again does not bring it back" ||
    fail "B's older copy synced again does not bring it back"
as_login fac1 "INSERT INTO pbl.sessions VALUES('$DEL', 'group', 'G',
  'Dr. F', NULL, NULL, NULL, '2026', NULL, 'active', 0, 'scenario')"
[ "$(hub_has "$DEL")" = 0/1/0 ] &&
    ok "a tombstoned session pushed again is skipped" ||
    fail "a tombstoned session pushed again is skipped"
sync_as fac1 "$T/a.db"
sync_as fac1 "$T/a.db"
expect_grep "a second sync after a deletion pulls nothing" "$T/out" \
    "pulled: nothing moved"
expect_grep "... and pushes nothing" "$T/out" "pushed: nothing moved"
# forging: with real logins
as_login fac2 "WITH gone AS (DELETE FROM pbl.sessions s WHERE uuid = '$KEEP'
  RETURNING s.uuid, 'x', s.kind, s.facilitator, s.resident)
  INSERT INTO pbl.deleted_sessions SELECT * FROM gone" >"$T/rls"
[ "$(hub_psql "SELECT count(*) FROM pbl.sessions WHERE uuid = '$KEEP'")/$(
    hub_psql "SELECT count(*) FROM pbl.deleted_sessions
  WHERE uuid = '$KEEP'")" = 1/0 ] &&
    ok "a facilitator cannot delete another's session: nothing, no tombstone" ||
    fail "a facilitator cannot delete another's session: nothing, no tombstone"
as_login fac1 "INSERT INTO pbl.deleted_sessions(uuid, deleted_at, kind,
  facilitator) VALUES('$KEEP', 'x', 'group', 'Dr. F')" >"$T/rls"
expect_grep "a tombstone for an existing session is refused" "$T/rls" \
    "is not deleted"
as_login fac2 "INSERT INTO pbl.deleted_sessions(uuid, deleted_at, kind,
  facilitator) VALUES('$KEEP', 'x', 'group', 'Dr. G')" >"$T/rls"
expect_grep "... another facilitator's too" "$T/rls" "is not deleted"
as_login fac1 "INSERT INTO pbl.deleted_sessions(uuid, deleted_at, kind,
  facilitator) VALUES('00000000-0000-4000-8000-00000000dead', 'x', 'group',
  'Dr. F')" >"$T/rls"
expect_grep "... and one for a UUID nobody deleted" "$T/rls" \
    "was not deleted by this transaction"
NGROUP=$(hub_psql "SELECT count(*) FROM pbl.sessions WHERE kind = 'group'")
as_login res1 "DELETE FROM pbl.sessions WHERE kind = 'group'" >"$T/rls"
[ "$(hub_psql "SELECT count(*) FROM pbl.sessions WHERE kind = 'group'")" = \
    "$NGROUP" ] && ok "a resident cannot delete a group session" ||
    fail "a resident cannot delete a group session"
# a director's deletion stays on the director's machine
sqlite3 "$T/d.db" "PRAGMA foreign_keys = ON; DELETE FROM sessions
  WHERE uuid = '$KEEP'"
sync_as dir1 "$T/d.db"
expect_grep "a director's deletion is not pushed" "$T/out" \
    "pushed: nothing moved"
[ "$(hub_psql "SELECT count(*) FROM pbl.sessions WHERE uuid = '$KEEP'")/$(
    has "$T/d.db" "$KEEP")" = 1/0 ] &&
    ok "... the hub keeps it, and it stays deleted there" ||
    fail "... the hub keeps it, and it stays deleted there"
# a resident deletes her own self-study
SELF=$(hub_psql "SELECT uuid FROM pbl.sessions WHERE kind = 'self-study'
  AND resident = 'Noor' ORDER BY uuid LIMIT 1")
sync_as res1 "$T/r.db"
sqlite3 "$T/r.db" "PRAGMA foreign_keys = ON; DELETE FROM sessions
  WHERE uuid = '$SELF'"
sync_as res1 "$T/r.db"
expect_grep "a resident's deletion of her own self-study is pushed" \
    "$T/out" "pushed: 1 session deleted"
sync_as dir1 "$T/d.db"
[ -n "$SELF" ] && [ "$(hub_psql "SELECT count(*) FROM pbl.sessions
  WHERE uuid = '$SELF'")/$(has "$T/d.db" "$SELF")" = 0/0 ] &&
    ok "... and reaches the director" || fail "... and reaches the director"
