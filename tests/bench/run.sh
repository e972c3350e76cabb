#!/bin/sh
# tests/bench/run.sh - `make bench`: measures pbl against the limit of the
# machine and against what a user would otherwise use, in the same run, and
# prints one Markdown table (also written to $BUILD/bench.md).
#
# Each row shows pbl's figure, the reference measured beside it, the ratio,
# and the target it is aimed at; a target missed is a figure, not a
# failure. A row fails, and the run exits 1 after the table, when pbl or
# its reference exits non-zero, or when the reference's output is not what
# pbl wrote (the CSV export and the report: tests/bench/same_csv.py), so
# that no ratio compares unequal work. Progress goes to standard error.
#
# Environment:
#   BUILD        build folder with pbl and the bench tools (default build)
#   BENCH_DATA   where the generated data goes (default $BUILD/bench-data);
#                libraries and databases are made once per seed and kept
#   BENCH_DBS    the answer databases' sizes, e.g. "10000 100000" (default
#                10,000 to 1,000,000; the hub's rows all but the largest)
#   BENCH_SEED   seed of the generators (default 1)
#   BENCH_QUICK  1: small sizes (a quick check of the harness, not figures)
#   BENCH_ROWS   the sections to run, comma-separated: load, startup,
#                record, export, hub, typing, room (default all)
#   BENCH_RUNS   the runs a figure is the median of (default 7, 3 quick)
set -u
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$PWD/$BUILD ;; esac
B=$BUILD/bench
PBL=$BUILD/pbl
DATA=${BENCH_DATA:-$BUILD/bench-data}
SEED=${BENCH_SEED:-1}
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
mkdir -p "$DATA"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pbl-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
unset PBL_MODULES PBL_DB NO_COLOR PBL_THEME PBL_NOW
export LC_ALL=C.UTF-8

if [ "${BENCH_QUICK:-}" = 1 ]; then
    LIBS="100 300 1000" DBS="1000 10000" RECORDS=1000 RUNS=3
else
    LIBS="100 1000 10000" DBS="10000 100000 1000000" RECORDS=10000 RUNS=7
fi
# BENCH_DBS: the hub's rows at 100,000 without the 1,000,000 database
HUB_DBS=${DBS% *}
[ -n "${BENCH_DBS:-}" ] && DBS=$BENCH_DBS HUB_DBS=$BENCH_DBS
[ -n "${BENCH_RUNS:-}" ] && RUNS=$BENCH_RUNS

say() { echo "bench: $*" >&2; }
want() { case ",${BENCH_ROWS:-all}," in *,all,* | *,$1,*) return 0 ;; esac; return 1; }
# failed WHAT: the row cannot stand (a command failed, or the reference
# did other work); printed in the row's last column, and the run fails
# (kept in a file: it is called inside $(...))
failed() { echo "$1" >>"$TMP/failed"; echo "**failed: $1**"; }
# status WHO LINE: "" when the measured command exited 0, else a failure
status() { [ "$(field "$2" 4)" = 0 ] || failed "$1 exited $(field "$2" 4)"; }
# measure ARGS...: prints "median min maxrss status" per command
measure() { "$B/measure" "$@"; }
# ms MEDIAN-LINE -> "12.3 ms"; fmt_ms NUMBER
fmt_ms() { awk -v v="$1" 'BEGIN {
    if (v >= 1000) printf "%.2f s", v / 1000;
    else if (v >= 10) printf "%.0f ms", v; else printf "%.1f ms", v }'; }
fmt_mb() { awk -v v="$1" 'BEGIN { printf "%.1f MB", v / 1024 }'; }
fmt_us() { awk -v v="$1" 'BEGIN { printf "%.0f µs", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {
    if (b <= 0) print "—"; else printf "%.2fx", a / b }'; }
# met OP A B: "yes" when A OP B holds (OP: le, lt)
met() { awk -v op="$1" -v a="$2" -v b="$3" 'BEGIN {
    ok = op == "le" ? a <= b : a < b; print ok ? "yes" : "**no**" }'; }
field() { echo "$1" | awk -v n="$2" '{ print $n }'; }
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
line() { sed -n "${2}p" "$1"; }
row() { # MEASURE PBL REFERENCE REF_FIGURE RATIO TARGET MET
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@" >>"$TMP/table"
}

for t in measure gen_library gen_db yaml_floor record typing; do
    [ -x "$B/$t" ] || { echo "bench: $B/$t is not built; run make bench" >&2; exit 1; }
done
[ -x "$PBL" ] || { echo "bench: $PBL is not built" >&2; exit 1; }

# ---- data --------------------------------------------------------------
# gen_library/gen_db write into a temporary name, renamed when complete,
# so an interrupted run never leaves half a data set behind.
for n in $LIBS; do
    d=$DATA/lib-$SEED-$n
    if [ ! -d "$d" ]; then
        say "generating a library of $n modules (seed $SEED)"
        rm -rf "$d.tmp" && "$B/gen_library" "$SEED" "$n" "$d.tmp" && mv "$d.tmp" "$d" || exit 1
    fi
done
LIB_FIRST=$DATA/lib-$SEED-${LIBS%% *}
SCHEMA=$(sed -n 's/^#define STORE_SCHEMA_VERSION //p' include/pbl/store.h)
for n in $DBS; do
    f=$DATA/answers-$SEED-$n.db
    # a database made by an older schema would be upgraded by the first
    # pbl to open it, inside a measured run: made again instead
    if [ -f "$f" ] && command -v sqlite3 >/dev/null 2>&1 &&
        [ "$(sqlite3 "$f" 'PRAGMA user_version')" != "$SCHEMA" ]; then
        say "$f has an older schema; making it again"
        rm -f "$f"
    fi
    if [ ! -f "$f" ]; then
        say "generating a database of $n answers (seed $SEED); the largest takes a minute"
        rm -f "$f.tmp"* && "$B/gen_db" "$SEED" "$n" "$f.tmp" "$LIB_FIRST" >/dev/null &&
            mv "$f.tmp" "$f" || exit 1
    fi
done

: >"$TMP/table"
printf '| Measure | pbl | Reference (same run) | Reference | Ratio | Target | Met |\n' >>"$TMP/table"
printf '| --- | ---: | --- | ---: | ---: | --- | --- |\n' >>"$TMP/table"

# ---- loading --------------------------------------------------------------
if want load; then
have_pyyaml=no
$PY -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' 2>/dev/null && have_pyyaml=yes
validate_ms=""
for n in $LIBS; do
    d=$DATA/lib-$SEED-$n
    say "loading $n modules: pbl validate, the libyaml floor, PyYAML"
    runs=$RUNS
    [ "$n" -ge 10000 ] && runs=5
    if [ $have_pyyaml = yes ]; then
        measure -n $runs -- "$PBL" validate "$d" ::: "$B/yaml_floor" "$d" \
            ::: $PY tests/bench/pyyaml_load.py "$d" >"$TMP/load" || exit 1
    else
        measure -n $runs -- "$PBL" validate "$d" ::: "$B/yaml_floor" "$d" >"$TMP/load" || exit 1
    fi
    p=$(line "$TMP/load" 1) f=$(line "$TMP/load" 2)
    [ "$(field "$p" 4)" = 0 ] || { say "pbl validate failed on $d"; exit 1; }
    [ "$(field "$f" 4)" = 0 ] || { say "yaml_floor failed on $d"; exit 1; }
    if [ $have_pyyaml = yes ] && [ "$(field "$(line "$TMP/load" 3)" 4)" != 0 ]; then
        say "the PyYAML reference failed on $d"
        exit 1
    fi
    pm=$(field "$p" 1) fm=$(field "$f" 1)
    us=$(awk -v t="$pm" -v n="$n" 'BEGIN { printf "%.0f", t * 1000 / n }')
    validate_ms="$validate_ms $pm"
    nn=$(commas "$n")
    row "\`pbl validate\`, $nn modules" "$(fmt_ms "$pm") ($us µs/module, $(fmt_mb "$(field "$p" 3)"))" \
        "libyaml event parser only (floor)" "$(fmt_ms "$fm")" "$(ratio "$pm" "$fm")" \
        "≤ 1.5x floor" "$(met le "$(awk -v a="$pm" -v b="$fm" 'BEGIN{print a/b}')" 1.5)"
    if [ $have_pyyaml = yes ]; then
        y=$(line "$TMP/load" 3) ym=$(field "$(line "$TMP/load" 3)" 1)
        row "\`pbl validate\`, $nn modules" "$(fmt_ms "$pm")" \
            "PyYAML CSafeLoader script" "$(fmt_ms "$ym")" "$(ratio "$pm" "$ym")" \
            "faster (< 1x)" "$(met lt "$pm" "$ym")"
    else
        row "\`pbl validate\`, $nn modules" "$(fmt_ms "$pm")" "PyYAML CSafeLoader script" \
            "n/a (python3-yaml with libyaml not installed)" "—" "faster (< 1x)" "—"
    fi
done
# linear growth: the marginal cost of a module (the slope between two
# sizes) is the same from the small to the middle library as from the
# middle to the large one; the fixed cost of starting pbl drops out
set -- $LIBS
n1=$1 n2=$2 n3=$3
set -- $validate_ms
slope1=$(awk -v a="$1" -v b="$2" -v x="$n1" -v y="$n2" 'BEGIN { printf "%.1f", (b - a) * 1000 / (y - x) }')
slope2=$(awk -v a="$2" -v b="$3" -v x="$n2" -v y="$n3" 'BEGIN { printf "%.1f", (b - a) * 1000 / (y - x) }')
row "growth: time per added module, $(commas $n1) → $(commas $n2) and $(commas $n2) → $(commas $n3) modules" \
    "$slope1 µs, then $slope2 µs" "the first interval" "$slope1 µs" "$(ratio "$slope2" "$slope1")" \
    "linear (0.75x to 1.33x)" \
    "$(awk -v a="$slope2" -v b="$slope1" 'BEGIN { print (b > 0 && a / b <= 1.33 && a / b >= 0.75) ? "yes" : "**no**" }')"
fi

# ---- start-up -----------------------------------------------------------
if want startup; then
say "start-up: pbl list, the console's first frame"
measure -n 21 -w 2 -- "$PBL" --modules modules list ::: /bin/true >"$TMP/list" || exit 1
p=$(line "$TMP/list" 1) t=$(line "$TMP/list" 2)
[ "$(field "$p" 4)" = 0 ] || { say "pbl list exited $(field "$p" 4)"; exit 1; }
row "\`pbl list\`, shipped library, wall" "$(fmt_ms "$(field "$p" 1)")" \
    "\`/bin/true\` (process start floor)" "$(fmt_ms "$(field "$t" 1)")" \
    "$(ratio "$(field "$p" 1)" "$(field "$t" 1)")" "< 20 ms" "$(met lt "$(field "$p" 1)" 20)"
row "\`pbl list\`, peak memory" "$(fmt_mb "$(field "$p" 3)")" "\`/bin/true\`" \
    "$(fmt_mb "$(field "$t" 3)")" "$(ratio "$(field "$p" 3)" "$(field "$t" 3)")" \
    "< 10 MB" "$(met lt "$(field "$p" 3)" 10240)"
: >"$TMP/empty.script"
PBL_NO_DISPLAY=1 PBL_SCRIPT="$TMP/empty.script" LINES=24 COLUMNS=80 TERM=xterm-256color \
    measure -n 21 -w 2 -- "$PBL" --modules modules --db "$TMP/console.db" ::: /bin/true >"$TMP/console" || exit 1
p=$(line "$TMP/console" 1) t=$(line "$TMP/console" 2)
verdict=$(status "the console" "$p")
row "console: first frame and out (scripted keys), wall" "$(fmt_ms "$(field "$p" 1)")" \
    "\`/bin/true\`" "$(fmt_ms "$(field "$t" 1)")" "$(ratio "$(field "$p" 1)" "$(field "$t" 1)")" \
    "< 20 ms" "${verdict:-$(met lt "$(field "$p" 1)" 20)}"
row "console: first frame and out, peak memory" "$(fmt_mb "$(field "$p" 3)")" "\`/bin/true\`" \
    "$(fmt_mb "$(field "$t" 3)")" "$(ratio "$(field "$p" 3)" "$(field "$t" 3)")" \
    "< 10 MB" "$(met lt "$(field "$p" 3)" 10240)"
fi

# ---- recording ----------------------------------------------------------
if want record; then
say "recording: $RECORDS answers through the store and through bare sqlite3"
mkdir -p "$DATA/record"
"$B/record" "$DATA/record" "$RECORDS" >"$TMP/record" || exit 1
rm -f "$DATA/record/"*.db*
s=$(grep '^store ' "$TMP/record") b=$(grep '^bare ' "$TMP/record")
say "for comparison, the bare insert inside BEGIN IMMEDIATE ... COMMIT: $(grep '^bare-tx ' "$TMP/record" | cut -d' ' -f2-) (µs)"
for stat in median p99; do
    col=$([ $stat = median ] && echo 3 || echo 5)
    sv=$(field "$s" $col) bv=$(field "$b" $col)
    row "commit one answer (WAL, synchronous=FULL), $stat of $RECORDS" "$(fmt_us "$sv")" \
        "bare SQLite insert + commit, same settings" "$(fmt_us "$bv")" "$(ratio "$sv" "$bv")" \
        "≤ 1.2x" "$(met le "$(awk -v a="$sv" -v b="$bv" 'BEGIN{print a/b}')" 1.2)"
done
fi

# ---- export and report --------------------------------------------------
# pbl's own figure beside the sqlite3 tool running the same selection in
# SQL (tests/bench/export.sql, report.sql) on the same database, with the
# bytes each wrote; then the peak memory of the small and the large
# database side by side: it must not grow with the number of answers.
if want export; then
export TZ=UTC # report.sql's days are UTC's
have_export=no have_report=no
"$PBL" export --help >/dev/null 2>&1 && have_export=yes
"$PBL" report --help >/dev/null 2>&1 && have_report=yes
command -v sqlite3 >/dev/null 2>&1 || { say "the sqlite3 tool is missing"; exit 1; }
mb_out() { awk -v b="$(stat -c %s "$1" 2>/dev/null || echo 0)" 'BEGIN {
    if (b >= 1048576) printf "%.0f MB out", b / 1048576; else printf "%.0f KB out", b / 1024 }'; }
# BENCH_FORMATS narrows the rows (say "report report-html report-xlsx")
for fmt in ${BENCH_FORMATS:-csv json report report-html report-xlsx}; do
    case $fmt in
    report)
        avail=$have_report cmdname=report what="\`pbl report --format csv\`"
        ref="\`sqlite3 -csv\`, the same summary in SQL" sql=tests/bench/report.sql mode=-csv ;;
    report-*)
        # the same summary drawn: a page with charts, a workbook
        avail=$have_report cmdname=report what="\`pbl report --format ${fmt#report-}\`"
        ref="\`sqlite3 -csv\`, the same summary in SQL" sql=tests/bench/report.sql mode=-csv ;;
    *)
        avail=$have_export cmdname=export what="\`pbl export --format $fmt --all\`"
        ref="\`sqlite3 -$fmt\`, the same rows in SQL" sql=tests/bench/export.sql mode=-$fmt ;;
    esac
    rss_line=""
    for n in $DBS; do
        db=$DATA/answers-$SEED-$n.db
        nn=$(commas "$n")
        say "$cmdname ($fmt), $n answers"
        runs=$([ "$n" -ge 1000000 ] && echo 3 || echo 5)
        if [ $avail = yes ]; then
            if [ $fmt = report ]; then
                set -- "$PBL" --db "$db" report --format csv
            elif [ $fmt != ${fmt#report-} ]; then
                set -- "$PBL" --db "$db" report --format ${fmt#report-}
            else
                set -- "$PBL" --db "$db" export --format $fmt --all
            fi
            measure -n $runs -o "$TMP/out.%d" -- "$@" ::: sqlite3 -bail -readonly $mode -header "$db" ".read $sql" \
                >"$TMP/exp" || exit 1
            p=$(line "$TMP/exp" 1) r=$(line "$TMP/exp" 2)
            verdict=$(status "pbl $cmdname" "$p")$(status "the reference" "$r")
            # the reference must have done pbl's work: the same rows (JSON
            # is shaped differently, so only the CSV forms are compared)
            if [ -z "$verdict" ] && { [ $fmt = csv ] || [ $fmt = report ]; } &&
                ! $PY tests/bench/same_csv.py "$TMP/out.1" "$TMP/out.2" >"$TMP/same" 2>&1; then
                sed 's/^/bench: /' "$TMP/same" | cut -c1-300 >&2
                verdict=$(failed "the reference's rows differ from pbl's ($sql)")
            fi
            row "$what, $nn answers" \
                "$(fmt_ms "$(field "$p" 1)") ($(fmt_mb "$(field "$p" 3)"), $(mb_out "$TMP/out.1"))" "$ref" \
                "$(fmt_ms "$(field "$r" 1)") ($(fmt_mb "$(field "$r" 3)"), $(mb_out "$TMP/out.2"))" \
                "$(ratio "$(field "$p" 1)" "$(field "$r" 1)")" "≤ 1.5x" \
                "${verdict:-$(met le "$(awk -v a="$(field "$p" 1)" -v b="$(field "$r" 1)" 'BEGIN{print a/b}')" 1.5)}"
            rss_line="$rss_line $(field "$p" 3)"
            rm -f "$TMP"/out.*
        else
            measure -n $runs -o "$TMP/out.%d" -- sqlite3 -bail -readonly $mode -header "$db" ".read $sql" >"$TMP/exp" || exit 1
            r=$(line "$TMP/exp" 1)
            row "$what, $nn answers" "n/a (pbl $cmdname not built yet)" "$ref" \
                "$(fmt_ms "$(field "$r" 1)") ($(fmt_mb "$(field "$r" 3)"), $(mb_out "$TMP/out.1"))" "—" "≤ 1.5x" "—"
            rm -f "$TMP"/out.*
        fi
    done
    if [ -n "$rss_line" ]; then
        # bounded: the last tenfold step adds at most a quarter and 1 MB
        set -- $rss_line
        first=$1
        for last in "$@"; do :; done
        prev=$first
        [ $# -ge 2 ] && eval "prev=\${$(($# - 1))}"
        row "$what, peak memory, $(commas ${DBS%% *}) → $(commas ${DBS##* }) answers" \
            "$(for v in "$@"; do fmt_mb "$v"; echo; done | paste -sd'~' | sed 's/~/ → /g')" \
            "the smallest database" "$(fmt_mb "$first")" "$(ratio "$last" "$first")" \
            "bounded (does not grow)" \
            "$(awk -v a="$last" -v b="$prev" 'BEGIN { print a <= b * 1.25 + 1024 ? "yes" : "**no**" }')"
    fi
done

fi

# ---- the hub (PostgreSQL) --------------------------------------------------
# `pbl sync` pushing an answer database to an empty hub on a throwaway
# cluster (tests/hub_lib.sh, in a subshell whose exit stops it), as the
# hub's owner (every record), beside the floor: one `psql` loading the
# very rows pbl pushed (read back from the hub) with `\copy` into the
# same emptied tables, with their keys, foreign keys and triggers, in one
# transaction. Then a sync with nothing new, as the owner and as a
# facilitator (row-level security), and the push's peak memory as the
# data grows.
if want hub; then
(
    . tests/lib.sh >/dev/null
    . tests/hub_lib.sh
    hub_start || { say "hub: no PostgreSQL server here; rows left out"; exit 0; }
    "$PBL" hub init "$ADMIN_URL" >/dev/null || exit 1
    "$PBL" hub grant facilitator fac --as "Dr. Singh" --hub "$ADMIN_URL" >/dev/null || exit 1
    hub_psql "ALTER ROLE fac PASSWORD 'pw-fac'"
    tables="sessions snapshots session_modules snapshot_questions
      snapshot_points responses stage_timings parking events review_comments"
    rss_line=""
    for n in $HUB_DBS; do
        db=$DATA/answers-$SEED-$n.db
        nn=$(commas "$n")
        : >"$TMP/push"; : >"$TMP/floor"
        for run in 1 2 3; do
            hub_psql "TRUNCATE pbl.sessions, pbl.snapshots CASCADE" 2>/dev/null
            cp "$db" "$TMP/push.db"
            say "hub: push $n answers, run $run"
            measure -n 1 -w 0 -- "$PBL" --db "$TMP/push.db" sync "$ADMIN_URL" >>"$TMP/push" || exit 1
            set --
            for tb in $tables; do
                [ $run = 1 ] && "$PGBIN/psql" -X -q "$ADMIN_URL" \
                    -c "\\copy pbl.$tb TO '$TMP/hub-$tb.csv' CSV"
                set -- "$@" -c "\\copy pbl.$tb FROM '$TMP/hub-$tb.csv' CSV"
            done
            hub_psql "TRUNCATE pbl.sessions, pbl.snapshots CASCADE" 2>/dev/null
            measure -n 1 -w 0 -- "$PGBIN/psql" -X -q -1 "$ADMIN_URL" "$@" >>"$TMP/floor" || exit 1
        done
        p=$(sort -n "$TMP/push" | sed -n 2p) r=$(sort -n "$TMP/floor" | sed -n 2p)
        verdict=$(status "pbl sync" "$p")$(status "psql" "$r")
        [ -z "$verdict" ] && [ "$(hub_psql "SELECT count(*) FROM pbl.responses")" != \
            "$(sqlite3 "$db" "SELECT count(*) FROM responses")" ] &&
            verdict=$(failed "the hub does not hold every answer pushed")
        row "\`pbl sync\`, push $nn answers (and their sessions, snapshots, times, events) to an empty hub, median of 3" \
            "$(fmt_ms "$(field "$p" 1)") ($(fmt_mb "$(field "$p" 3)"))" \
            "one \`psql\` loading the same rows into the same tables with \`\\copy\`" "$(fmt_ms "$(field "$r" 1)")" \
            "$(ratio "$(field "$p" 1)" "$(field "$r" 1)")" "≤ 2x" \
            "${verdict:-$(met le "$(awk -v a="$(field "$p" 1)" -v b="$(field "$r" 1)" 'BEGIN{print a/b}')" 2)}"
        rss_line="$rss_line $(field "$p" 3)"
        # the hub now holds what psql loaded: the same rows pbl pushed
        "$PBL" --db "$TMP/push.db" sync --full "$ADMIN_URL" >/dev/null || exit 1
        measure -n 5 -- "$PBL" --db "$TMP/push.db" sync "$ADMIN_URL" >"$TMP/noop" || exit 1
        q=$(line "$TMP/noop" 1)
        row "\`pbl sync\` with nothing new, $nn answers, as the hub's owner" "$(fmt_ms "$(field "$q" 1)")" \
            "" "" "—" "< 100 ms" "$(status "pbl sync" "$q")$(met lt "$(field "$q" 1)" 100)"
        PGPASSWORD=pw-fac "$PBL" --db "$TMP/push.db" sync "$(hub_url fac)" >/dev/null || exit 1
        PGPASSWORD=pw-fac measure -n 5 -- "$PBL" --db "$TMP/push.db" sync "$(hub_url fac)" >"$TMP/noop" || exit 1
        q=$(line "$TMP/noop" 1)
        row "\`pbl sync\` with nothing new, $nn answers, as a facilitator (row-level security)" "$(fmt_ms "$(field "$q" 1)")" \
            "" "" "—" "< 100 ms" "$(status "pbl sync" "$q")$(met lt "$(field "$q" 1)" 100)"
        PGPASSWORD=pw-fac measure -n 3 -- "$PBL" --db "$TMP/push.db" sync --full "$(hub_url fac)" >"$TMP/noop" || exit 1
        q=$(line "$TMP/noop" 1)
        row "\`pbl sync --full\` (every session compared), $nn answers, as a facilitator" "$(fmt_ms "$(field "$q" 1)")" \
            "" "" "—" "—" "$(status "pbl sync" "$q")"
        # a director's first sync: every record pulled into an empty file
        rm -f "$TMP/pull.db"*
        measure -n 1 -w 0 -- "$PBL" --db "$TMP/pull.db" sync "$ADMIN_URL" >"$TMP/pull" || exit 1
        q=$(line "$TMP/pull" 1)
        row "\`pbl sync\` into an empty database, pulling $nn answers (a director's first sync)" "$(fmt_ms "$(field "$q" 1)") ($(fmt_mb "$(field "$q" 3)"))" \
            "" "" "—" "—" "$(status "pbl sync" "$q")"
    done
    set -- $rss_line
    [ $# -ge 2 ] && row "\`pbl sync\` push, peak memory, $(commas ${HUB_DBS%% *}) → $(commas "$(echo $HUB_DBS | awk '{ print $NF }')") answers" \
        "$(fmt_mb "$1") → $(fmt_mb "$2")" "the smaller database" "$(fmt_mb "$1")" \
        "$(ratio "$2" "$1")" "bounded (does not grow)" \
        "$(awk -v a="$2" -v b="$1" 'BEGIN { print a <= b * 1.25 + 1024 ? "yes" : "**no**" }')"
)
fi

# ---- typing -------------------------------------------------------------
if want typing; then
if command -v valgrind >/dev/null 2>&1; then
    for where in end middle; do
        say "typing at the $where of a 5,000-character answer (callgrind)"
        for fn in type_keys full_rewrap; do
            valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.$fn" \
                --toggle-collect=$fn "$B/typing" 1000 $where >"$TMP/typing.$where" 2>"$TMP/cg.err" ||
                { sed 's/^/bench: /' "$TMP/cg.err" >&2; exit 1; }
        done
        k=$(awk '/^totals:/ { print $2 / 1000 }' "$TMP/cg.type_keys")
        w=$(awk '/^totals:/ { print $2 }' "$TMP/cg.full_rewrap")
        work=$(awk '{ print $NF }' "$TMP/typing.$where")
        row "typing at the $where of a 5,000-character answer: instructions per key" \
            "$(commas "$(printf '%.0f' "$k")") ($work bytes re-wrapped/key)" \
            "one full re-wrap of the text (\`text_wrap\`)" "$(commas "$w")" \
            "$(awk -v a="$k" -v b="$w" 'BEGIN { printf "%.3fx", a / b }')" \
            "no full re-wrap per key" "$(met lt "$k" "$w")"
    done
else
    row "typing: instructions per key" "n/a (valgrind not installed)" "" "" "—" "" "—"
fi
fi

# ---- a key's whole path, and pastes --------------------------------------
# The real console, scripted (PBL_SCRIPT) on a curses screen over
# /dev/null: every key goes through the key entry point, the editor, the
# session (session_type), a full frame (stage_draw) and refresh, as a key
# from the keyboard does. A run opens question 1, pastes a starting answer
# (":paste"), types KEYS keys, and Esc saves the answer; the same run
# without the keys is subtracted, so what is left is the keys alone.
say "typing: a key's whole path to the frame, in answers of 0, 5,000 and 1,000,000 characters"
KEYS=5000
$PY - "$TMP" "$KEYS" <<'PYEOF' || exit 1
import sys
tmp, keys = sys.argv[1], int(sys.argv[2])
sentence = "The group named the trauma team and the medicine resident as customers. "
def text(n):
    s = ""
    while len(s) < n:
        s += sentence
        if len(s) % 1200 < len(sentence):
            s += "\n"
    return s[:n]
for name, n in (("0", 0), ("5k", 5000), ("1m", 1000000), ("100kb", 102400)):
    open("%s/answer-%s.txt" % (tmp, name), "w").write(text(n))
typed = "the charge nurse was a customer too, and the promise should have been reset "
lines = []
left = keys
while left > 0:
    chunk = (typed * 40)[:min(left, 200)]
    lines.append(":type " + chunk)
    left -= len(chunk)
open(tmp + "/typed.keys", "w").write("\n".join(lines) + "\n")
PYEOF
for a in 0 5k 1m 100kb; do
    printf 'Right\nRight\ne\n:paste %s\n' "$TMP/answer-$a.txt" >"$TMP/open-$a.script"
    { cat "$TMP/open-$a.script"; echo Esc; } >"$TMP/base-$a.script"
    { cat "$TMP/open-$a.script" "$TMP/typed.keys"; echo Esc; } >"$TMP/keys-$a.script"
done
printf 'Right\nRight\ne\nEsc\n' >"$TMP/nopaste.script"
# console SCRIPT: the command line of the scripted console, for measure
console() {
    echo env PBL_NO_DISPLAY=1 LINES=24 COLUMNS=80 TERM=xterm-256color \
        PBL_SCRIPT="$1" "$PBL" --modules modules --db "$TMP/typing.db" \
        facilitate promised-read --group Bench
}
# per_key A: µs per key in an answer of A characters
per_key() {
    measure -n 9 -w 1 -- $(console "$TMP/keys-$1.script") ::: $(console "$TMP/base-$1.script") >"$TMP/key-$1" || exit 1
    for st in $(awk '{ print $4 }' "$TMP/key-$1"); do
        [ "$st" = 0 ] || { say "the scripted console exited with $st"; exit 1; }
    done
    awk -v k="$KEYS" 'NR == 1 { a = $1 } NR == 2 { b = $1 } END { printf "%.1f", (a - b) * 1000 / k }' "$TMP/key-$1"
}
us0=$(per_key 0) us5k=$(per_key 5k) us1m=$(per_key 1m)
row "typing: one key's whole path to the frame (scripted: key, editor, \`session_type\`, draw, refresh), 5,000-character answer" \
    "$(fmt_us "$us5k")" "the same keys in an empty answer" "$(fmt_us "$us0")" \
    "$(ratio "$us5k" "$us0")" "≤ 1.5x, < 1 ms" \
    "$(awk -v a="$us5k" -v b="$us0" 'BEGIN { print a <= b * 1.5 && a < 1000 ? "yes" : "**no**" }')"
row "typing: one key's whole path to the frame, 1,000,000-character answer" \
    "$(fmt_us "$us1m")" "the same keys in an empty answer" "$(fmt_us "$us0")" \
    "$(ratio "$us1m" "$us0")" "≤ 1.5x, < 1 ms" \
    "$(awk -v a="$us1m" -v b="$us0" 'BEGIN { print a <= b * 1.5 && a < 1000 ? "yes" : "**no**" }')"
# a paste: the run with ":paste" against the same run without it
for a in 100kb 1m; do
    measure -n 7 -w 1 -- $(console "$TMP/base-$a.script") ::: $(console "$TMP/nopaste.script") >"$TMP/paste-$a" || exit 1
    for st in $(awk '{ print $4 }' "$TMP/paste-$a"); do
        [ "$st" = 0 ] || { say "the scripted console exited with $st"; exit 1; }
    done
    p=$(line "$TMP/paste-$a" 1) b=$(line "$TMP/paste-$a" 2)
    ms=$(awk -v a="$(field "$p" 1)" -v b="$(field "$b" 1)" 'BEGIN { printf "%.1f", a - b }')
    size=$([ $a = 1m ] && echo "1 MB" || echo "100 KB")
    row "paste $size (bracketed) into the answer: to the frame, then saved (scripted)" \
        "$(fmt_ms "$ms")" "the same run without the paste" "$(fmt_ms "$(field "$b" 1)")" \
        "$(ratio "$ms" "$(field "$b" 1)")" "< 1 s" "$(met lt "$ms" 1000)"
done
# the same 1 MB pasted in a real terminal: tmux load-buffer + paste-buffer,
# timed until its last word is on screen
if command -v tmux >/dev/null 2>&1; then
    say "paste: 1 MB through tmux paste-buffer, until on screen"
    printf ' PASTE-END' >>"$TMP/answer-1m.txt"
    for run in 1 2 3; do
        sock=pbl-bench-$$-$run
        rm -f "$TMP/tmux.db"*
        tmux -L $sock -f /dev/null new-session -d -s b -x 80 -y 24 \
            "PBL_DB='$TMP/tmux.db' '$PBL' --modules modules facilitate promised-read --group Bench"
        tmux -L $sock set-option -t b status off >/dev/null
        i=0; until tmux -L $sock capture-pane -p -t b | grep -q 'Scenario' || [ $i -gt 100 ]; do sleep 0.05; i=$((i + 1)); done
        tmux -L $sock send-keys -t b Right Right e
        sleep 0.3
        tmux -L $sock load-buffer "$TMP/answer-1m.txt"
        t0=$(date +%s%N)
        tmux -L $sock paste-buffer -p -t b
        i=0; until tmux -L $sock capture-pane -p -t b | grep -q 'PASTE-END' || [ $i -gt 3000 ]; do sleep 0.01; i=$((i + 1)); done
        echo $(( ($(date +%s%N) - t0) / 1000000 )) >>"$TMP/tmux-paste"
        tmux -L $sock kill-server 2>/dev/null
    done
    ms=$(sort -n "$TMP/tmux-paste" | sed -n 2p)
    row "paste 1 MB in tmux (\`load-buffer\` + \`paste-buffer -p\`), until its end is on screen, median of 3" \
        "$(fmt_ms "$ms")" "" "" "—" "< 1 s" "$(met lt "$ms" 1000)"
fi

# ---- the room view -------------------------------------------------------
# the console and `pbl room` on two pseudo-terminals: a key typed in the
# console until the room redraws (its floor: the room asks the database
# every ROOM_POLL_MS, so half of that on average), and the room's CPU
# while nothing changes
if want room; then
    poll=$(sed -n 's/^#define ROOM_POLL_MS \([0-9]*\).*/\1/p' include/pbl/room.h)
    if [ "${BENCH_QUICK:-}" = 1 ]; then rkeys=200 ridle=3; else rkeys=1000 ridle=10; fi
    say "room view: $rkeys keys typed in the console, then $ridle s idle"
    rm -f "$TMP/room.db"*
    if r=$($PY tests/bench/room_latency.py "$PBL" "$TMP/room.db" tests/fixtures/good \
        "$rkeys" "$ridle"); then
        p50=$(field "$r" 1) p99=$(field "$r" 2) cpu=$(field "$r" 4) missed=$(field "$r" 5)
        row "room view: keystroke in the console to the room's redraw, p50 of $(commas $rkeys)" \
            "$(fmt_ms "$p50")" "the poll interval (floor: half of it on average)" \
            "$(fmt_ms "$poll")" "$(ratio "$p50" "$poll")" "< 100 ms" "$(met lt "$p50" 100)"
        row "room view: keystroke to the room's redraw, p99 ($missed keys not shown within 1 s)" \
            "$(fmt_ms "$p99")" "the poll interval" "$(fmt_ms "$poll")" \
            "$(ratio "$p99" "$poll")" "< 100 ms" "$(met lt "$p99" 100)"
        row "room view: CPU while idle, $ridle s" "$cpu %" "" "" "—" "< 1 %" "$(met lt "$cpu" 1)"
    else
        row "room view: keystroke to the room's redraw" "$(failed "room_latency.py")" \
            "" "" "—" "< 100 ms" "—"
    fi
fi

# ---- the machine ----------------------------------------------------------
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
cores=$(nproc 2>/dev/null || echo '?')
mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
fs=$(df -T "$DATA" 2>/dev/null | awk 'NR == 2 { print $2 }')
cc=$(${CC:-cc} --version 2>/dev/null | head -n 1)
sqlv=$(sqlite3 -version 2>/dev/null | awk '{ print $1 }')
yamlv=$(pkg-config --modversion yaml-0.1 2>/dev/null)
libsql=$(pkg-config --modversion sqlite3 2>/dev/null)
{
    echo "Measured $(date -u +%Y-%m-%d) on: ${cpu:-unknown CPU}, $cores cores, ${mem:-? RAM},"
    echo "${os:-unknown OS}, Linux $(uname -r), ${fs:-?} file system; $cc;"
    echo "SQLite $libsql (sqlite3 tool $sqlv), libyaml $yamlv; seed $SEED."
    echo "Medians of interleaved runs; \`make bench\` reproduces it."
    echo
    cat "$TMP/table"
} >"$BUILD/bench.md"
cat "$BUILD/bench.md"
if [ -s "$TMP/failed" ]; then
    sed 's/^/bench: a row failed: /' "$TMP/failed" >&2
    exit 1
fi
