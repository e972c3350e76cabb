#!/bin/sh
# tests/cli/store_crash.sh - kill -9 at 100 random moments loses nothing
# that was acknowledged.
#
# tests/tools/store_crash_writer records sessions, drafts and responses in
# a loop and prints "ack ..." after each commit returned. Each round starts
# it on the same database, kills it with SIGKILL after a random 0-120 ms
# (sometimes while it is still opening), then checks with the sqlite3 CLI
# that every write acknowledged in any round so far is there (the latest
# draft of a question, or its entered answer), that no session was left
# half-created, and that PRAGMA integrity_check says ok.
. tests/lib.sh
case ${BUILD:-build} in
/*) W=$BUILD/tools/store_crash_writer ;;
*) W=$ROOT/${BUILD:-build}/tools/store_crash_writer ;;
esac
DB=$T/crash.db
KILLS=${PBL_CRASH_KILLS:-100}

plan 2
if ! command -v sqlite3 >/dev/null 2>&1; then
    fail "the sqlite3 command-line tool is installed (make deps)"
    exit 1
fi
if [ ! -x "$W" ]; then
    fail "store_crash_writer is built ($W)"
    exit 1
fi

# The checks, as SQL whose only output is "ok" when all is well.
checks() {
    awk 'BEGIN {
        print "CREATE TEMP TABLE acks(seq INTEGER PRIMARY KEY, kind TEXT,"
        print "  uuid TEXT, q INTEGER, txt TEXT);"
        print "BEGIN;"
    }
    $1 == "ack" && NF == 5 && $3 ~ /^[0-9a-f-]+$/ {
        printf "INSERT INTO acks(kind, uuid, q, txt) VALUES(\047%s\047,", $2
        printf " \047%s\047, %s, \047%s\047);\n", $3,
            ($4 == "-" ? "NULL" : $4), $5
    }
    END { print "COMMIT;" }' "$T/acks"
    if grep -q '^ack ' "$T/acks"; then
        cat <<'SQL'
CREATE INDEX temp.acks_key ON acks(uuid, q, seq);
SELECT 'lost session ' || uuid FROM acks a WHERE kind = 'session'
  AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.uuid = a.uuid);
SELECT 'lost response ' || txt FROM acks a WHERE kind = 'resp'
  AND NOT EXISTS (SELECT 1 FROM responses r
    JOIN sessions s ON s.id = r.session_id
    WHERE s.uuid = a.uuid AND r.qidx = a.q AND r.text = a.txt);
SELECT 'lost draft ' || txt FROM acks a WHERE kind = 'draft'
  AND seq = (SELECT max(seq) FROM acks b WHERE b.uuid = a.uuid AND b.q = a.q)
  AND NOT EXISTS (SELECT 1 FROM responses r
    JOIN sessions s ON s.id = r.session_id
    WHERE s.uuid = a.uuid AND r.qidx = a.q
      AND (r.text IS NOT NULL OR r.draft >= a.txt));
SELECT 'half-created session ' || s.uuid FROM sessions s
  WHERE (SELECT count(*) FROM snapshot_questions q
    JOIN session_modules m ON m.id = q.session_module_id
    WHERE m.session_id = s.id) != 8;
PRAGMA foreign_key_check;
SQL
    fi
    echo "PRAGMA integrity_check;"
}

: >"$T/acks"
i=0
failed=""
start=$(date +%s)
while [ "$i" -lt "$KILLS" ]; do
    i=$((i + 1))
    ms=$(awk -v seed=$(($$ + i * 7919)) 'BEGIN { srand(seed); printf "%d", rand() * 121 }')
    "$W" "$DB" >"$T/run.out" 2>"$T/run.err" &
    pid=$!
    sleep "$(printf '0.%03d' "$ms")"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rc=$?
    cat "$T/run.out" >>"$T/acks"
    if [ "$rc" != 137 ] || [ -s "$T/run.err" ]; then
        failed="round $i: the writer ended by itself (exit $rc)"
        sed 's/^/#   /' "$T/run.err" | head -n 5
        break
    fi
    [ -f "$DB" ] || continue
    checks >"$T/check.sql"
    sqlite3 "$DB" <"$T/check.sql" >"$T/check.out" 2>&1
    if [ "$(cat "$T/check.out")" != "ok" ]; then
        failed="round $i (killed after $ms ms)"
        sed 's/^/#   /' "$T/check.out" | head -n 10
        break
    fi
done
end=$(date +%s)

if [ -z "$failed" ]; then
    ok "$KILLS kills: every acknowledged write is in the database, integrity ok"
else
    fail "after a kill: $failed"
fi
n=$(grep -c '^ack resp ' "$T/acks")
if [ "$n" -ge 100 ]; then
    ok "$n acknowledged responses checked"
else
    fail "only $n acknowledged responses: the writer hardly ran"
fi
echo "# $KILLS crash rounds took $((end - start)) s"
