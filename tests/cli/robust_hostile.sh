#!/bin/sh
# tests/cli/robust_hostile.sh - hostile module files: each is refused with a
# clear message naming it, fast and in little memory, and the good module
# beside it still loads.
#
# Each hostile file goes into a folder with one good module; `pbl validate`
# runs on the folder under tests/tools/limits_run, which reports wall time
# and peak memory (and kills it after 10 s). The bounds, 1 s and 50 MB, are
# limits with ten times the headroom or more, not speed measurements
# (`make bench` measures speed); under the sanitizers (BUILD=build-asan)
# they are three times as wide.
#
# Then the findings of the fuzzers that show on the command line, and
# tests/tools/robust_units (the library's own functions).
. tests/lib.sh
plan 150
case ${BUILD:-build} in
/*) TOOLS=$BUILD/tools ;;
*) TOOLS=$ROOT/${BUILD:-build}/tools ;;
esac
LIM_MS=1000 LIM_KB=51200
case ${BUILD:-build} in *asan*) LIM_MS=3000 LIM_KB=153600 ;; esac
for t in limits_run robust_vanish robust_units; do
    [ -x "$TOOLS/$t" ] || { fail "$t is built ($TOOLS/$t)"; exit 1; }
done
GOOD=tests/fixtures/good/minimal.yaml
H=$T/hostile
mkdir -p "$H"

# hostile NAME EXPECTED...: $H/NAME/ holds the hostile file (made by the
# caller) and a copy of the good module; validate must exit 1 within the
# bounds, print each EXPECTED text, and count the good module as good.
hostile() {
    name=$1
    shift
    d=$H/$name
    cp "$GOOD" "$d/good.yaml"
    "$TOOLS/limits_run" "$T/limits" 10 "$PBL" validate "$d" >"$T/out" 2>"$T/err"
    read -r _ ms _ kb _ st <"$T/limits"
    if [ "$st" = 1 ]; then ok "$name: refused (exit 1)"; else
        fail "$name: refused (exit $st)"
        sed 's/^/#   /' "$T/out" "$T/err" | head -n 8
    fi
    for want in "$@"; do
        expect_grep "$name: says '$want'" "$T/out" "$want"
    done
    expect_grep "$name: the good module beside it loads" "$T/out" "2 files checked: 1 good, 1 with problems"
    if [ "$ms" -lt $LIM_MS ] && [ "$kb" -lt $LIM_KB ]; then
        ok "$name: in $ms ms and $((kb / 1024)) MB (bounds: $LIM_MS ms, $((LIM_KB / 1024)) MB)"
    else
        fail "$name: took $ms ms and $((kb / 1024)) MB (bounds: $LIM_MS ms, $((LIM_KB / 1024)) MB)"
    fi
    grep -m 1 "error:" "$T/out" | sed "s|$T|\$T|g; s/^/#   /"
}

# billion laughs: nine levels of nine aliases (9^9 strings if expanded)
mkdir "$H/laughs"
{
    echo 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
    i=1
    while [ $i -le 9 ]; do
        p=$((i - 1))
        echo "a$i: &a$i [*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p]"
        i=$((i + 1))
    done
} >"$H/laughs/laughs.yaml"
hostile laughs "laughs.yaml:1:5: error: anchors (&a0) are not allowed in modules"

# the same with aliases only (no anchor in the first line the loader sees)
mkdir "$H/alias"
printf 'schema: 1\nid: *x\n' >"$H/alias/alias.yaml"
hostile alias "alias.yaml:2:5: error: aliases (*x) are not allowed in modules"

# 100,000 nested brackets, and as many nested braces
mkdir "$H/brackets" "$H/braces"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; for (i = 0; i < 100000; i++) printf "]"; print "" }' \
    >"$H/brackets/brackets.yaml"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{a: "; printf "1"; for (i = 0; i < 100000; i++) printf "}"; print "" }' \
    >"$H/braces/braces.yaml"
hostile brackets "brackets.yaml:1:65: error: nesting deeper than 64 levels"
hostile braces "error: nesting deeper than 64 levels"

# a 10 MB scalar
mkdir "$H/scalar"
{ printf 'scenario: '; head -c 10485760 /dev/zero | tr '\0' a; echo; } >"$H/scalar/scalar.yaml"
hostile scalar "scalar.yaml: error: file is 10485771 bytes; modules are limited to 1048576"

# a 2 GB sparse file
mkdir "$H/sparse"
truncate -s 2G "$H/sparse/sparse.yaml"
hostile sparse "sparse.yaml: error: file is 2147483648 bytes; modules are limited to 1048576"

# a FIFO (nobody writes to it: opening it must not block), and a device
mkdir "$H/fifo" "$H/device"
mkfifo "$H/fifo/fifo.yaml"
ln -s /dev/zero "$H/device/zero.yaml"
hostile fifo "fifo.yaml: error: not a regular file (a pipe or device?)"
hostile device "zero.yaml: error: not a regular file (a pipe or device?)"

# a folder named as a module, and a symbolic link that loops
mkdir -p "$H/folder/folder.yaml" "$H/loop"
ln -s loop.yaml "$H/loop/loop.yaml"
hostile folder "folder.yaml: error: is a folder, not a module file"
hostile loop "loop.yaml: error: cannot read: Too many levels of symbolic links"

# 1 MB of binary noise, and 1 MB of unknown keys (a problem on every line)
mkdir "$H/noise" "$H/keys"
head -c 1000000 /dev/urandom >"$H/noise/noise.yaml"
awk 'BEGIN { for (i = 0; i < 110000; i++) printf "k%d: v\n", i }' | head -c 1000000 >"$H/keys/keys.yaml"
hostile noise "noise.yaml:"
hostile keys "keys.yaml:1:1: error: unknown key 'k0' in a module"

# a file that vanishes between the listing of its folder and its reading
mkdir "$H/vanish"
cp "$GOOD" "$H/vanish/good.yaml"
cp "$GOOD" "$H/vanish/vanishing.yaml"
sed -i 's/^id: .*/id: vanishing/' "$H/vanish/vanishing.yaml"
"$TOOLS/robust_vanish" "$H/vanish/vanishing.yaml" "$H/vanish" >"$T/out" 2>"$T/err"
rc=$?
[ $rc = 1 ] && ok "vanish: refused (exit 1)" || { fail "vanish: refused (exit $rc)"; sed 's/^/#   /' "$T/out" "$T/err"; }
expect_grep "vanish: says the file cannot be read, and why" "$T/out" \
    "vanishing.yaml: error: cannot read: No such file or directory"
expect_grep "vanish: the good module beside it loads" "$T/out" "2 files checked: 1 good, 1 with problems"

# `pbl list` goes on with the good modules, whatever is beside them
mkdir "$H/all"
cp "$H/laughs/laughs.yaml" "$H/brackets/brackets.yaml" "$H/keys/keys.yaml" "$H/all/"
mkfifo "$H/all/fifo.yaml"
truncate -s 2G "$H/all/sparse.yaml"
cp "$GOOD" "$H/all/good.yaml"
"$TOOLS/limits_run" "$T/limits" 10 "$PBL" --modules "$H/all" list >"$T/out" 2>"$T/err"
read -r _ ms _ kb _ st <"$T/limits"
[ "$st" = 0 ] && ok "list beside all of them: exit 0" || fail "list beside all of them: exit $st"
expect_grep "list beside all of them: the good module is listed" "$T/out" "minimal"
expect_grep "list beside all of them: says what was skipped" "$T/err" "5 module files with problems skipped"

# --- findings of the fuzzers, on the command line (all fixed in 69282a6) ------
# Messages quoted keys and values as they are, line breaks and escape
# sequences included.
mkdir "$H/quote"
cat >"$H/quote/quote.yaml" <<'EOF'
schema: 1
id: quoted
title: Quoted
version: 1
scenario: Something happens.
questions:
  - prompt: Who?
    answer: The patient.
    minutes: "4\nrm -rf /"
"\e]0;pwned\a\e[2J": 1
"\u009b2J": 1
EOF
run "$PBL" validate "$H/quote/quote.yaml"
if grep -v '^1 file checked' "$T/out" | grep -qv '^[^:]*:[0-9]*:[0-9]*: error: '; then
    fail "a problem quoting a value of several lines is still one line"
    sed "s|$T|\$T|g; s/^/#   /" "$T/out" | cat -v
else
    ok "a problem quoting a value of several lines is still one line"
fi
if grep -q "$(printf '\033')" "$T/out" "$T/err"; then
    fail "no escape sequence from a module reaches the terminal"
    grep "$(printf '\033')" "$T/out" "$T/err" | cat -v | sed 's/^/#   /'
else
    ok "no escape sequence from a module reaches the terminal"
fi
# Nor the C1 controls (U+0080..U+009F; U+009B is CSI, which some terminals
# obey; fixed in 39f193c).
if LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$T/out" "$T/err"; then
    fail "no C1 control from a module reaches the terminal"
    LC_ALL=C grep "$(printf '\302[\200-\237]')" "$T/out" "$T/err" | cat -v | sed 's/^/#   /'
else
    ok "no C1 control from a module reaches the terminal"
fi

# A module that writes escape sequences in its text (YAML's "\e" in a
# double-quoted title, scenario or prompt) validated, and `pbl list` and
# `pbl show` wrote them raw to the terminal (a window title, colours, a
# cleared screen). Now it is refused, each at its place (fixed in 39f193c).
mkdir "$H/inject"
cat >"$H/inject/inject.yaml" <<'EOF'
schema: 1
id: inject
title: "Title \e]0;pwned\a\e[31mRED"
version: 1
scenario: "Scenario \e[2J cleared \u009b31m"
questions:
  - prompt: "Who? \e[5m"
    answer: The patient.
EOF
"$PBL" --modules "$H/inject" list >"$T/out" 2>"$T/err"
"$PBL" --modules "$H/inject" show inject >>"$T/out" 2>>"$T/err"
if LC_ALL=C grep -q "$(printf '\033\|\302[\200-\237]')" "$T/out" "$T/err"; then
    fail "pbl list and show write no escape sequence from a module's text"
    LC_ALL=C grep "$(printf '\033\|\302[\200-\237]')" "$T/out" "$T/err" | head -n 3 | cat -v | sed 's/^/#   /'
else
    ok "pbl list and show write no escape sequence from a module's text"
fi
run "$PBL" validate "$H/inject/inject.yaml"
expect_grep "a control character in a module's text is refused at its place" "$T/out" \
    "inject.yaml:3:8: error: 'title' contains the control character U+001B"

# --- hostile text in a database ---------------------------------------------
# A database written by an older pbl or by hand may hold anything: an OSC 52
# sequence (writes the clipboard), ESC c (resets the terminal), OSC 0 (sets
# the window title), C1 controls (U+009B is CSI), a raw 0x9B byte, a bad
# byte and U+202E (turns the rest of the line around). Every writer shows
# them harmless: no control character but tab and line breaks, no C1, no
# bidi control, valid UTF-8, and the visible rest of the text still there.

# unsafe FILE: prints the first thing in FILE that could drive a terminal
# or break a reader, with its byte offset; nothing when FILE is safe.
unsafe() {
    od -An -v -tu1 "$1" | awk '
    { for (i = 1; i <= NF; i++) b[n++] = $i + 0 }
    END {
        for (i = 0; i < n; i++) {
            c = b[i]
            if ((c < 32 && c != 9 && c != 10 && c != 13) || c == 127) {
                printf "control 0x%02x at byte %d\n", c, i; exit }
            if (c < 128) continue
            if (c >= 194 && c <= 223) need = 1
            else if (c >= 224 && c <= 239) need = 2
            else if (c >= 240 && c <= 244) need = 3
            else { printf "invalid UTF-8 0x%02x at byte %d\n", c, i; exit }
            for (k = 1; k <= need; k++)
                if (i + k >= n || b[i + k] < 128 || b[i + k] > 191) {
                    printf "invalid UTF-8 0x%02x at byte %d\n", c, i; exit }
            if (c == 194 && b[i + 1] < 160) {
                printf "C1 control at byte %d\n", i; exit }
            if (c == 226 && ((b[i + 1] == 128 && b[i + 2] >= 170 &&
                b[i + 2] <= 174) || (b[i + 1] == 129 && b[i + 2] >= 166 &&
                b[i + 2] <= 169))) {
                printf "bidi control at byte %d\n", i; exit }
            i += need
        }
    }'
}
# expect_safe DESC FILE: FILE holds nothing unsafe (see unsafe).
expect_safe() {
    _u=$(unsafe "$2")
    if [ -z "$_u" ]; then ok "$1"; else
        fail "$1: $_u"
        cat -v "$2" | grep -m 3 'M-\|\^' | cut -c1-120 | sed 's/^/#   /'
    fi
}
HDB=$T/hostile-text.db
"$TOOLS/export_fixture" "$HDB" >/dev/null 2>&1 ||
    fail "the hostile-text database builds"
# the hostile text as SQL hex: OSC 52, ESC c, OSC 0, CSI as U+009B, a raw
# 0x9B, a bad byte 0xFF and U+202E between visible words
HEX=$(printf 'A\033]52;c;cHduZWQ=\007B\033cC\033]0;pwned\007D\302\2332JE\2332JF\377G\342\200\256H' |
    od -An -v -tx1 | tr -d ' \n')
sqlite3 "$HDB" "
UPDATE sessions SET group_name = CAST(X'$HEX' AS TEXT)
    WHERE group_name IS NOT NULL;
UPDATE sessions SET resident = CAST(X'$HEX' AS TEXT),
    facilitator = CAST(X'$HEX' AS TEXT), participants = CAST(X'$HEX' AS TEXT),
    notes = CAST(X'$HEX' AS TEXT);
UPDATE responses SET text = CAST(X'$HEX' AS TEXT);
UPDATE review_comments SET text = CAST(X'$HEX' AS TEXT);
UPDATE parking SET text = CAST(X'$HEX' AS TEXT);
UPDATE sessions SET started_at = CAST(X'$HEX' AS TEXT) WHERE id = 2;" ||
    fail "the hostile text is written into the database"
for f in md csv json html; do
    run "$PBL" --db "$HDB" export --all -f "$f"
    expect_rc "export -f $f of hostile text succeeds" 0
    cp "$T/out" "$T/hostile-text.$f"
    expect_safe "export -f $f writes the hostile text harmless" "$T/out"
done
for f in md csv html; do
    expect_grep "export -f $f shows what the sequences said" \
        "$T/hostile-text.$f" "$(printf 'cHduZWQ=\357\277\275B\357\277\275cC')"
done
expect_grep "export -f json shows what the sequences said" \
    "$T/hostile-text.json" "$(printf 'D\357\277\2752JE\357\277\2752JF\357\277\275GH')"
if command -v python3 >/dev/null 2>&1; then
    check "export -f json of hostile text parses" python3 -c \
        "import json,sys; json.load(open(sys.argv[1], encoding='utf-8'))" \
        "$T/hostile-text.json"
else
    ok "# SKIP export -f json parses: python3 is not installed"
fi
for f in text csv md json; do
    run "$PBL" --db "$HDB" report -f "$f"
    expect_rc "report -f $f of hostile text succeeds" 0
    expect_safe "report -f $f writes the hostile text harmless" "$T/out"
done
run "$PBL" --db "$HDB" report -f text
expect_grep "the report shows what the group name said" "$T/out" \
    "$(printf 'A\357\277\275]52;c;cHduZWQ=')"
run "$PBL" --db "$HDB" resume --list
expect_rc "resume --list of hostile text succeeds" 0
expect_safe "resume --list writes the hostile text harmless" "$T/out"
expect_grep "resume --list shows what the group name said" "$T/out" \
    "$(printf 'A\357\277\275]52;c;cHduZWQ=')"

# ... and refused where it would enter: on the command line, exit 2 with
# a message naming the option (and the message itself is harmless)
for opt in "facilitate --group" "facilitate --facilitator" "study --resident" \
    "export --group" "export --resident" "report --group" "export --session"; do
    for bad in "$(printf 'x\033]0;pwned\007')" "$(printf 'x\302\233')" \
        "$(printf 'x\377')" "$(printf 'x\342\200\256y')" "$(printf 'a\tb')"; do
        run "$PBL" --db "$T/refused.db" ${opt% *} "${opt#* }" "$bad"
        expect_rc "$opt with $(printf '%s' "$bad" | od -An -c | tr -s ' ' | cut -c1-30): exit 2" 2
    done
    expect_grep "$opt: the message names the option" "$T/err" "pbl: ${opt#* } "
    expect_safe "$opt: the message is harmless" "$T/err"
done
[ ! -e "$T/refused.db" ] && ok "a refused name creates no database" ||
    fail "a refused name created a database"
run "$PBL" --db "$T/refused.db" export --group "$(printf 'x\033c')"
expect_grep "the message says which character" "$T/err" \
    "pbl: --group contains the control character U+001B at position 2; give plain text"
run "$PBL" --db "$T/refused.db" export --resident "$(printf 'ab\377')"
expect_grep "the message says which byte" "$T/err" \
    "pbl: --resident is not valid UTF-8 (byte 0xFF at position 3); give plain text"
run "$PBL" --db "$T/refused.db" export --group "$(printf '\346\227\245\346\234\254\342\200\256')"
expect_grep "the message names a bidi control, counting characters" "$T/err" \
    "pbl: --group contains the bidi control U+202E at position 3; give plain text"
for cmd in show facilitate; do
    run "$PBL" --db "$T/refused.db" $cmd "$(printf 'x\033]0;pwned\007')"
    expect_grep "$cmd: an unknown module id is named" "$T/err" "pbl: no module with id 'x"
    expect_safe "$cmd: an unknown module id is echoed harmless" "$T/err"
done
run "$PBL" --db "$T/refused.db" facilitate --group "Tuesday $(printf '\303\251') \
$(printf '\346\227\245')" --help
expect_rc "a name in any script is taken" 0

# Undefined behaviour, which only the sanitizer builds see (elsewhere these
# pass anyway): memcpy(kids, NULL, 0) in yaml_tree.c for a document whose
# first collection to close is empty; qsort(NULL, 0) in library.c when no
# module loads (every `pbl validate` of only bad files, or of an empty
# folder).
mkdir "$H/ub" "$H/empty"
printf '[]\n' >"$H/ub/empty-list.yaml"
for what in "a document of an empty list:$H/ub/empty-list.yaml" \
    "only bad files:$H/laughs/laughs.yaml" "an empty folder:$H/empty"; do
    run "$PBL" validate "${what#*:}"
    if grep -q "runtime error" "$T/err" || [ "$rc" -gt 1 ]; then
        fail "validating ${what%%:*} runs without undefined behaviour (exit $rc)"
        grep "runtime error" "$T/err" | sed 's/^/#   /' | head -n 3
    else
        ok "validating ${what%%:*} runs without undefined behaviour"
    fi
done

# --- the library's functions ---------------------------------------------------
"$TOOLS/robust_units"
