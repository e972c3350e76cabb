#!/bin/sh
# tests/cli/merge.sh - `pbl merge FILE.db` as a program without a server
# uses it: two laptops start from the same database, each records more
# (new sessions, and the same parking-lot item and review comment changed
# on both), then each merges the other's file. Checked: the union by UUID
# of both exports (`pbl export --all -f json`) is what each has after,
# the later write wins a conflict and the other one is in the event log,
# a second merge moves nothing, the file merged is only read, and a file
# that is not a pbl database, of a newer schema or missing is refused
# with a clear message, exit 1 and nothing changed. Then the roster:
# residents by UUID, their former names, attendance and speakers. Then a
# deleted session: gone after a merge, not brought back by an older copy.
. tests/lib.sh
plan 57
case ${BUILD:-build} in
/*) TOOLS=$BUILD/tools ;;
*) TOOLS=$ROOT/${BUILD:-build}/tools ;;
esac
export PBL_NOW=2026-06-01T12:00:00Z
A=$T/a.db
B=$T/b.db
unset PBL_DB

# json DB FILE: the database's export of every session, as JSON
json() { "$PBL" --db "$1" export --all -f json >"$2"; }
# dump DB: every row of the database as SQL text (what "nothing changed"
# compares)
dump() { sqlite3 "$1" .dump; }

check "the shared start builds" "$TOOLS/export_fixture" "$T/base.db"
check "laptop A starts from it" "$PBL" --db "$T/base.db" db backup "$A"
check "laptop B starts from it" "$PBL" --db "$T/base.db" db backup "$B"
# more work on each: new sessions with answers ...
check "laptop A records sessions" "$TOOLS/store_crash_writer" "$A" 5
check "laptop B records sessions" "$TOOLS/store_crash_writer" "$B" 9
# ... and the same parking-lot item resolved, the same comment edited and
# a comment added, on both (B's writes are the later ones)
sqlite3 "$A" "UPDATE parking SET resolved_at = '2026-04-01T00:00:00Z'
  WHERE text LIKE '%call-back list%';
  UPDATE review_comments SET text = 'A edit',
  updated_at = '2026-05-01T00:00:00Z';" &&
    sqlite3 "$B" "UPDATE parking SET resolved_at = '2026-04-02T00:00:00Z'
  WHERE text LIKE '%call-back list%';
  UPDATE review_comments SET text = 'B edit',
  updated_at = '2026-05-02T00:00:00Z';
  INSERT INTO review_comments(session_id, text, created_at)
  VALUES(2, 'B only', '2026-05-03T00:00:00Z');" &&
    ok "both laptops change the same records" ||
    fail "both laptops change the same records"
json "$A" "$T/a0.json"
json "$B" "$T/b0.json"
dump "$B" >"$T/b0.sql"

run "$PBL" --db "$A" merge "$B"
expect_rc "merging B into A exits 0" 0
expect_grep "it says what moved" "$T/out" "merged: "
expect_grep "it counts the conflicts" "$T/out" "2 conflicts"
dump "$B" >"$T/b1.sql"
expect_same "the file merged is only read" "$T/b0.sql" "$T/b1.sql"

# union.py A0 B0 AFTER: AFTER has every session of A0 and B0 by UUID;
# those of one side only are exactly as they were there
cat >"$T/union.py" <<'EOF'
import json, sys
a0, b0, after = (
    {s["uuid"]: s for s in json.load(open(p))["sessions"]} for p in sys.argv[1:4]
)
want = set(a0) | set(b0)
if set(after) != want:
    sys.exit("sessions: missing %s, extra %s" % (want - set(after), set(after) - want))
for u in want:
    if (u in a0) != (u in b0):
        if after[u] != (a0.get(u) or b0.get(u)):
            sys.exit("session %s differs from its only source" % u)
print(len(want))
EOF
json "$A" "$T/a1.json"
check "A has the union of both by UUID" python3 "$T/union.py" "$T/a0.json" \
    "$T/b0.json" "$T/a1.json"
[ "$(sqlite3 "$A" "SELECT text FROM review_comments ORDER BY created_at
  LIMIT 1")" = "B edit" ] && ok "the later comment edit wins" ||
    fail "the later comment edit wins"
[ "$(sqlite3 "$A" "SELECT resolved_at FROM parking
  WHERE text LIKE '%call-back list%'")" = 2026-04-02T00:00:00Z ] &&
    ok "the later resolution wins" || fail "the later resolution wins"
sqlite3 "$A" "SELECT detail FROM events WHERE type = 'sync-conflict'" \
    >"$T/conflicts"
expect_grep "the losing comment is in the event log" "$T/conflicts" \
    '"text":"A edit"'
expect_grep "the losing resolution is in the event log" "$T/conflicts" \
    '"resolved_at":"2026-04-01T00:00:00Z"'

dump "$A" >"$T/a1.sql"
run "$PBL" --db "$A" merge "$B"
expect_rc "a second merge exits 0" 0
expect_grep "a second merge moves nothing" "$T/out" "merged: nothing moved"
dump "$A" >"$T/a2.sql"
expect_same "a second merge changes nothing" "$T/a1.sql" "$T/a2.sql"

# the other way round: both laptops end with the same records
run "$PBL" --db "$B" merge "$A"
expect_rc "merging A into B exits 0" 0
json "$B" "$T/b2.json"
json "$A" "$T/a2.json"
# sessions: the export's sessions keyed by UUID (ties in start time are
# listed in the order each database received them)
sessions() {
    python3 -c 'import json, sys
d = {s["uuid"]: s for s in json.load(open(sys.argv[1]))["sessions"]}
print(json.dumps(d, sort_keys=True, indent=0))' "$1"
}
sessions "$T/a2.json" >"$T/a2.cmp"
sessions "$T/b2.json" >"$T/b2.cmp"
expect_same "A and B agree after merging both ways" "$T/a2.cmp" "$T/b2.cmp"
check "the merged database passes db check" "$PBL" --db "$A" db check

# bad files: a clear message, exit 1, nothing changed
echo "not a database" >"$T/text.db"
run "$PBL" --db "$A" merge "$T/text.db"
expect_rc "a text file is refused with exit 1" 1
expect_grep "it says why" "$T/err" "text.db is not a database"
sqlite3 "$T/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
run "$PBL" --db "$A" merge "$T/other.db"
expect_grep "another SQLite file is refused" "$T/err" "not a pbl one"
"$PBL" --db "$B" db backup "$T/newer.db" >/dev/null
sqlite3 "$T/newer.db" "PRAGMA user_version = 1000"
run "$PBL" --db "$A" merge "$T/newer.db"
expect_grep "a newer schema is refused" "$T/err" "written by a newer pbl (schema 1000"
run "$PBL" --db "$A" merge "$T/missing.db"
expect_rc "a missing file is refused with exit 1" 1
dump "$A" >"$T/a3.sql"
expect_same "nothing changed after the bad files" "$T/a2.sql" "$T/a3.sql"

# what a merge or sync killed mid-way left in TMPDIR goes an hour later,
# and nothing else does
mkdir -p "$T/tmp/pbl-merge-old" "$T/tmp/pbl-sync-old" "$T/tmp/pbl-sync-new" \
    "$T/tmp/other-old"
for f in pbl-merge-old/copy.db pbl-sync-old/hub.db pbl-sync-old/hub.db-wal \
    pbl-sync-new/hub.db other-old/hub.db; do echo x >"$T/tmp/$f"; done
touch -d '2 hours ago' "$T/tmp/pbl-merge-old" "$T/tmp/pbl-sync-old" \
    "$T/tmp/other-old"
TMPDIR=$T/tmp run "$PBL" --db "$A" merge "$B"
[ ! -e "$T/tmp/pbl-merge-old" ] && [ ! -e "$T/tmp/pbl-sync-old" ] &&
    ok "a merge removes what a killed one left, an hour later" ||
    fail "a merge removes what a killed one left, an hour later"
[ -e "$T/tmp/pbl-sync-new/hub.db" ] && [ -e "$T/tmp/other-old/hub.db" ] &&
    [ "$(ls "$T/tmp" | wc -l)" = 2 ] &&
    ok "... and leaves a fresh one, anything else, and nothing of its own" ||
    fail "... and leaves a fresh one, anything else, and nothing of its own"

# the roster travels (schema 12): two laptops with overlapping rosters
# (the same name added on both is one person, one UUID), a rename on one
# and a retirement on the other, attendance and speakers of one session
# marked on both; the union by UUID, the later write of a resident
# changed on both sides, and a speaker unmarked after a merge stays so
"$PBL" --db "$T/base.db" db backup "$T/c.db" >/dev/null
"$PBL" --db "$T/base.db" db backup "$T/d.db" >/dev/null
C=$T/c.db
D=$T/d.db
MARK=$TOOLS/roster_marks
at() { PBL_NOW=$1 "$PBL" --db "$2" roster "$3" "$4" ${5:+"$5"} >/dev/null; }
for n in "Ana Ruiz" "Bo Li" "Dee Fox"; do
    "$PBL" --db "$C" roster add "$n" --class PGY1 >/dev/null
done
for n in " ana  RUIZ" "Cy Do" "Dee Fox"; do
    "$PBL" --db "$D" roster add "$n" --class PGY2 >/dev/null
done
G=00000000-0000-4000-8000-000000000001
PBL_NOW=2026-06-01T13:00:00Z "$MARK" "$C" $G attend "Ana Ruiz" &&
    PBL_NOW=2026-06-01T13:00:00Z "$MARK" "$C" $G attend "Bo Li" &&
    PBL_NOW=2026-06-01T13:01:00Z "$MARK" "$C" $G speak "Ana Ruiz" 0 0 &&
    PBL_NOW=2026-06-01T13:01:00Z "$MARK" "$C" $G speak "Bo Li" 0 1 &&
    PBL_NOW=2026-06-01T13:00:30Z "$MARK" "$D" $G attend "Ana Ruiz" &&
    PBL_NOW=2026-06-01T13:00:30Z "$MARK" "$D" $G attend "Cy Do" &&
    PBL_NOW=2026-06-01T13:02:00Z "$MARK" "$D" $G leave "Cy Do" &&
    PBL_NOW=2026-06-01T13:01:30Z "$MARK" "$D" $G speak "Cy Do" 0 0 &&
    ok "both laptops mark attendance and speakers of one session" ||
    fail "both laptops mark attendance and speakers of one session"
# a self-study session on D linked to D's roster resident
sqlite3 "$D" "INSERT INTO sessions(uuid, kind, resident, started_at,
  resident_id) SELECT 'aaaaaaaa-2222-4333-8444-555555555555', 'self-study',
  name, '2026-01-01T00:00:00Z', id FROM residents WHERE name = 'Cy Do'"
at 2026-06-02T00:00:00Z "$C" rename "Bo Li" "Bo Li-Wu"
at 2026-06-03T00:00:00Z "$D" retire "Cy Do"
# Dee Fox changed on both sides: D's retirement is the later write
at 2026-06-04T00:00:00Z "$C" rename "Dee Fox" "Dee Fox-Ng"
at 2026-06-05T00:00:00Z "$D" retire "Dee Fox"
[ "$(sqlite3 "$C" "SELECT uuid FROM residents WHERE name = 'Ana Ruiz'")" = \
    "$(sqlite3 "$D" "SELECT uuid FROM residents WHERE name = 'ana RUIZ'")" ] &&
    ok "the same name added on two laptops has one UUID" ||
    fail "the same name added on two laptops has one UUID"

run "$PBL" --db "$C" merge "$D"
expect_rc "merging D's roster into C exits 0" 0
expect_grep "it counts the residents, attendees and speaker marks" "$T/out" \
    "1 resident, 1 attendee, 1 speaker mark added"
expect_grep "... and the resident changed on both sides" "$T/out" "1 conflict"
PBL_NOW=2026-06-06T00:00:00Z "$MARK" "$C" $G unspeak "Ana Ruiz" 0 0
run "$PBL" --db "$D" merge "$C"
expect_rc "merging C's roster into D exits 0" 0
run "$PBL" --db "$C" merge "$D"
expect_grep "merging back moves nothing" "$T/out" "merged: nothing moved"
# roster DB: every resident with what travels, by UUID
roster() {
    sqlite3 "$1" "SELECT uuid, name, class, active, changed_at,
  (SELECT group_concat(name, ',') FROM (SELECT name FROM resident_names n
   WHERE n.resident_id = r.id ORDER BY name_key)) FROM residents r
  ORDER BY uuid;
  SELECT r.uuid, joined_at, left_at FROM attendance a
  JOIN residents r ON r.id = a.resident_id ORDER BY 1;
  SELECT r.uuid, modpos, qidx, spoke FROM speakers p
  JOIN residents r ON r.id = p.resident_id ORDER BY 1, 2, 3;
  SELECT s.uuid, r.uuid FROM sessions s JOIN residents r
  ON r.id = s.resident_id ORDER BY 1"
}
roster "$C" >"$T/c.roster"
roster "$D" >"$T/d.roster"
expect_same "C and D hold the same roster, attendance and speakers" \
    "$T/c.roster" "$T/d.roster"
"$PBL" --db "$C" roster list --all >"$T/c.list"
cat >"$T/c.want" <<'EOF2'
NAME      CLASS  EMAIL  STATUS
Ana Ruiz  PGY1   -      active
Bo Li-Wu  PGY1   -      active
Cy Do     PGY2   -      graduated
Dee Fox   PGY2   -      graduated
EOF2
expect_same "the union: one Ana, the rename and the later retirements" \
    "$T/c.want" "$T/c.list"
[ "$(sqlite3 "$C" "SELECT group_concat(r.name || ':' || (a.left_at IS NULL),
  ' ') FROM attendance a JOIN residents r ON r.id = a.resident_id
  ORDER BY r.name")" = "Ana Ruiz:1 Bo Li-Wu:1 Cy Do:0" ] &&
    ok "attendance is the union by session and person, Cy's leaving kept" ||
    fail "attendance is the union by session and person, Cy's leaving kept"
"$PBL" --db "$D" roster show "Ana Ruiz" >"$T/ana"
expect_grep "Ana's speaker mark, unmarked after the first merge, stays off" \
    "$T/ana" "Tuesday group  (spoke to 0 questions)"
"$PBL" --db "$D" roster show "Cy Do" >"$T/cy"
expect_grep "... and Cy's, marked on the other laptop, arrived" "$T/cy" \
    "spoke to 1 question"
[ "$(sqlite3 "$C" "SELECT r.name FROM sessions s JOIN residents r
  ON r.id = s.resident_id WHERE s.uuid LIKE 'aaaaaaaa%'")" = "Cy Do" ] &&
    ok "a self-study session is linked to the same person here" ||
    fail "a self-study session is linked to the same person here"
sqlite3 "$C" "SELECT detail FROM roster_events WHERE type = 'sync-conflict'" \
    >"$T/rc"
expect_grep "the losing rename is in the roster's log" "$T/rc" \
    '"lost":{"name":"Dee Fox-Ng"'
[ "$(sqlite3 "$D" "SELECT count(*) FROM roster_events")" = 1 ] &&
    ok "... once, on both laptops" || fail "... once, on both laptops"
"$PBL" --db "$D" roster show "Bo Li" >"$T/bo"
expect_grep "the renamed resident's old name travelled and finds them" \
    "$T/bo" "  formerly Bo Li"
dump "$C" >"$T/c1.sql"
dump "$D" >"$T/d1.sql"
run "$PBL" --db "$C" merge "$D"
expect_grep "a second merge of rosters moves nothing" "$T/out" \
    "merged: nothing moved"
run "$PBL" --db "$D" merge "$C"
dump "$C" >"$T/c2.sql"
dump "$D" >"$T/d2.sql"
expect_same "... and changes nothing here" "$T/c1.sql" "$T/c2.sql"
expect_same "... nor there" "$T/d1.sql" "$T/d2.sql"
check "... and the database passes db check" "$PBL" --db "$C" db check

# deleting a session travels (schema 13): deleted on C, merged into D, it
# is gone there; D's older copy (a file made before) merged into C does
# not bring it back; a second merge moves nothing
"$PBL" --db "$D" db backup "$T/d_old.db" >/dev/null
G=$(sqlite3 "$C" "SELECT uuid FROM sessions ORDER BY started_at LIMIT 1")
sqlite3 "$C" "PRAGMA foreign_keys = ON; DELETE FROM sessions
  WHERE uuid = '$G'"
[ "$(sqlite3 "$C" "SELECT count(*) FROM deleted_sessions WHERE uuid = '$G'
  AND sync_rev = (SELECT tick FROM sync_clock)")" = 1 ] &&
    ok "deleting a session leaves a tombstone with the next tick" ||
    fail "deleting a session leaves a tombstone with the next tick"
run "$PBL" --db "$D" merge "$C"
expect_grep "merging it says a session was deleted" "$T/out" \
    "1 session deleted"
[ "$(sqlite3 "$D" "SELECT count(*) FROM sessions WHERE uuid = '$G'")" = 0 ] &&
    [ "$(sqlite3 "$D" "SELECT count(*) FROM deleted_sessions
  WHERE uuid = '$G'")" = 1 ] &&
    ok "... it is gone there, its tombstone kept" ||
    fail "... it is gone there, its tombstone kept"
run "$PBL" --db "$C" merge "$T/d_old.db"
[ "$(sqlite3 "$C" "SELECT count(*) FROM sessions WHERE uuid = '$G'")" = 0 ] &&
    ok "an older copy that still has it does not bring it back" ||
    fail "an older copy that still has it does not bring it back"
expect_grep "... and merging it moves nothing" "$T/out" "merged: nothing moved"
dump "$D" >"$T/d3.sql"
run "$PBL" --db "$D" merge "$C"
expect_grep "a second merge after a deletion moves nothing" "$T/out" \
    "merged: nothing moved"
dump "$D" >"$T/d4.sql"
expect_same "... and changes nothing" "$T/d3.sql" "$T/d4.sql"
check "... and the database passes db check" "$PBL" --db "$D" db check
