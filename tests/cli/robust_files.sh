#!/bin/sh
# tests/cli/robust_files.sh - the files pbl writes and opens, attacked:
# output streams that fail, -o aimed at special files, backups named like
# URIs or interrupted, databases with loose permissions, existing files
# that are not pbl databases, dangling links, read-only folders, and odd
# global options and environments.
. tests/lib.sh
plan 88
case ${BUILD:-build} in
/*) W=$BUILD/tools/store_crash_writer ;;
*) W=$ROOT/${BUILD:-build}/tools/store_crash_writer ;;
esac
MODS="--modules $ROOT/tests/fixtures/good"

# --- write errors on standard output (item 6) ------------------------------
if [ -w /dev/full ]; then
    for c in "list --json" "list" "db path" "--help" "resume --list"; do
        # shellcheck disable=SC2086
        "$PBL" $MODS $c >/dev/full 2>"$T/err"
        rc=$?
        expect_rc "$c >/dev/full: exit 1" 1
        expect_grep "$c >/dev/full: names standard output" "$T/err" \
            "cannot write to standard output"
    done
else
    ok "# SKIP no writable /dev/full"
fi

# --- -o never replaces what is not a regular file (item 2) -----------------
"$W" "$T/test.db" 3 >/dev/null 2>&1
mkdir "$T/o"
mkfifo "$T/o/fifo"
# a character device of our own (as root), never the real /dev/null: an
# old pbl would replace it for the whole machine
if mknod "$T/o/null" c 1 3 2>/dev/null; then :; else
    mkfifo "$T/o/null" # not root: a second FIFO stands in
fi
ln -s fifo "$T/o/to-fifo"
for target in fifo null to-fifo; do
    for c in export report; do
        run "$PBL" $c --all -o "$T/o/$target"
        expect_rc "$c -o $target: exit 1" 1
        expect_grep "$c -o $target: says it is not a regular file" "$T/err" \
            "not a regular file"
    done
done
[ -p "$T/o/fifo" ] && ok "the FIFO is still a FIFO" || fail "the FIFO was replaced"
[ -c "$T/o/null" ] || [ -p "$T/o/null" ] &&
    ok "the device is still a character device" ||
    fail "the device was replaced"
[ -L "$T/o/to-fifo" ] && ok "the link is still a link" || fail "the link was replaced"
echo "old" >"$T/o/real.md"
ln -s real.md "$T/o/to-real"
run "$PBL" export --all -o "$T/o/to-real"
expect_rc "-o through a link to a regular file: exit 0" 0
[ -L "$T/o/to-real" ] && ok "the link stays a link" || fail "the link was replaced"
expect_grep "the file the link points to is written" "$T/o/real.md" "# Session notes"
run "$PBL" export --all -o "$T/o/no/such/notes.md"
expect_rc "-o into a missing folder: exit 1" 1
expect_grep "the missing folder is named as missing" "$T/err" \
    "the folder $T/o/no/such does not exist"

# --- db backup: plain names, complete or absent, 0600 (item 3) -------------
mkdir "$T/b"
(cd "$T/b" && umask 022 && "$PBL" db backup file:copy.db >"$T/out" 2>"$T/err")
rc=$?
expect_rc "backup file:copy.db: exit 0" 0
[ -s "$T/b/file:copy.db" ] && ok "the file named file:copy.db holds the backup" ||
    fail "file:copy.db is empty or missing"
[ ! -e "$T/b/copy.db" ] && ok "no copy.db beside it (not read as a URI)" ||
    fail "the backup went to copy.db"
[ "$(stat -c %a "$T/b/file:copy.db")" = 600 ] && ok "the backup is 0600" ||
    fail "the backup is mode $(stat -c %a "$T/b/file:copy.db")"
run "$PBL" --db "$T/b/file:copy.db" db check
expect_rc "the backup passes db check" 0
(cd "$T/b" && "$PBL" db backup 'mem.db?mode=memory' >"$T/out" 2>"$T/err")
[ -s "$T/b/mem.db?mode=memory" ] && ok "?mode=memory is part of a file name" ||
    fail "?mode=memory backed up to nowhere"
run "$PBL" --db "$T/b/mem.db?mode=memory" db check
expect_rc "that backup passes db check" 0
# interrupted: a file-size limit kills it (SIGXFSZ) mid-way: three
# quarters of the database, in sh's 512-byte blocks (above the 32 KB -shm
# that opening makes)
lim=$(($(stat -c %s "$T/test.db") * 3 / 4 / 512))
(ulimit -f "$lim"; exec "$PBL" db backup "$T/b/cut.db") >/dev/null 2>&1
[ $? -gt 128 ] && ok "the backup was killed mid-way (limit $lim blocks)" ||
    fail "the backup was not killed (limit $lim blocks)"
[ ! -e "$T/b/cut.db" ] && ok "an interrupted backup leaves no cut.db" ||
    fail "an interrupted backup left cut.db ($(stat -c %s "$T/b/cut.db") bytes)"
[ -z "$(ls -A "$T/b" | grep -v -x -e 'file:copy.db' -e 'mem.db?mode=memory' -e '.cut.db.*')" ] &&
    ok "nothing else beside it" || fail "left: $(ls -A "$T/b")"

# --- permissions of what exists (item 4) -----------------------------------
cp "$T/test.db" "$T/loose.db"
chmod 644 "$T/loose.db"
run "$PBL" --db "$T/loose.db" resume --list
expect_rc "a 0644 database opens" 0
[ "$(stat -c %a "$T/loose.db")" = 600 ] && ok "it is tightened to 0600" ||
    fail "it is still $(stat -c %a "$T/loose.db")"
mkdir "$T/open"
chmod 777 "$T/open"
run "$PBL" --db "$T/open/pbl.db" resume --list
expect_rc "a database in a 0777 folder opens" 0
expect_grep "a 0777 folder is warned about on stderr" "$T/err" \
    "others can write the folder $T/open (mode 0777)"
chmod 1777 "$T/open"
run "$PBL" --db "$T/open/pbl.db" export --all
expect_grep "export warns about a 1777 folder too" "$T/err" "(mode 1777)"
run "$PBL" --db "$T/open/pbl.db" db check
expect_grep "db check warns about it" "$T/err" "others can write the folder"
# not the owner: refused for writing with the reason, read with a warning
# (as root: another user, through setpriv)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    chmod 711 "$T"
    mkdir -m 755 "$T/theirs"
    cp "$T/test.db" "$T/theirs/pbl.db"
    chmod 644 "$T/theirs/pbl.db"
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    run as_nobody "$PBL" --db "$T/theirs/pbl.db" $MODS facilitate minimal --group G </dev/null
    expect_rc "another's 0644 database: refused for writing" 1
    expect_grep "the reason is given" "$T/err" \
        "is open to others (mode 644) and cannot be made private: Operation not permitted"
    run as_nobody "$PBL" --db "$T/theirs/pbl.db" export --all
    expect_rc "it can still be exported" 0
    expect_grep "with the same words as a warning" "$T/err" "cannot be made private"
    [ "$(stat -c %a "$T/theirs/pbl.db")" = 644 ] && ok "its mode is left alone" ||
        fail "its mode changed"
    chmod 700 "$T"
else
    ok "# SKIP another owner's database (needs root and setpriv)"
fi

# --- existing files that are not pbl databases (item 5) --------------------
: >"$T/empty.db"
ln -s empty.db "$T/to-empty.db"
for f in empty.db to-empty.db; do
    run "$PBL" --db "$T/$f" resume --list
    expect_rc "$f: refused" 1
    expect_grep "$f: says it is an empty file" "$T/err" "is an empty file, not a pbl database"
    [ ! -s "$T/empty.db" ] && ok "$f: the file is left empty" ||
        fail "$f: the empty file became a database"
done
printf 'my notes\n' >"$T/notes.txt"
run "$PBL" --db "$T/notes.txt" resume --list
expect_grep "a text file: not a SQLite file" "$T/err" "not a database (not a SQLite file)"
expect_same "the text file is untouched" /dev/stdin "$T/notes.txt" <<'X'
my notes
X

# --- a dangling link as the database ----------------------------------------
ln -s "$T/nowhere/pbl.db" "$T/dangling.db"
run "$PBL" --db "$T/dangling.db" resume --list
expect_rc "a dangling link: refused" 1
expect_grep "it is named as a dangling link" "$T/err" \
    "$T/dangling.db is a dangling link to $T/nowhere/pbl.db"
expect_no_grep "no talk of folders" "$T/err" "does its folder exist"

# --- a database in a read-only folder can still be read --------------------
# As root: a tmpfs remounted read-only (chmod does not stop root);
# otherwise a 0555 folder.
R=$T/rofolder
mkdir "$R"
mounted=
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m,mode=0700 tmpfs "$R" 2>/dev/null; then
    mounted=1
    trap 'umount "$R" 2>/dev/null; rm -rf "$T"' EXIT
fi
cp "$T/test.db" "$R/pbl.db"
if [ -n "$mounted" ]; then mount -o remount,ro "$R"; else chmod 555 "$R"; fi
if touch "$R/probe" 2>/dev/null; then
    ok "# SKIP a read-only folder (root without mount)"
else
    run "$PBL" --db "$R/pbl.db" export --all
    expect_rc "export from a read-only folder: exit 0" 0
    expect_grep "it exports the sessions" "$T/out" "# Session notes"
    run "$PBL" --db "$R/pbl.db" report -f csv
    expect_rc "report from a read-only folder: exit 0" 0
    run "$PBL" --db "$R/pbl.db" db check
    expect_rc "db check in a read-only folder: exit 0" 0
    expect_grep "it says ok" "$T/out" "ok"
    run "$PBL" --db "$R/pbl.db" db backup "$T/from-ro.db"
    expect_rc "db backup from a read-only folder: exit 0" 0
    run "$PBL" --db "$R/pbl.db" resume --list
    expect_rc "resume --list from a read-only folder: exit 0" 0
    run "$PBL" --db "$R/pbl.db" $MODS facilitate minimal --group G </dev/null
    expect_rc "writing there is refused" 1
    expect_grep "saying the disk or file is read-only" "$T/err" "read-only"
    expect_no_grep "no folder warning on a read-only disk" "$T/err" "others can write"
fi
if [ -n "$mounted" ]; then umount "$R"; else chmod 755 "$R"; fi

# --- odd global options and environments -------------------------------------
G=$ROOT/tests/fixtures/good
ngood=$("$PBL" --modules "$G" list 2>/dev/null | tail -n +2 | wc -l)
run "$PBL" --modules "$G" --modules "$G/" --modules "$G/../good" list
expect_rc "the same folder three ways: exit 0" 0
expect_no_grep "no module is a duplicate of itself" "$T/err" "duplicate id"
n=$(tail -n +2 "$T/out" | wc -l)
[ "$n" = "$ngood" ] && [ "$n" -gt 0 ] && ok "each module is listed once ($n)" ||
    fail "$n modules listed, wanted $ngood"
ln -s "$G" "$T/good-link"
run "$PBL" --modules "$G" --modules "$T/good-link" validate
expect_rc "a folder and a link to it: validate exits 0" 0
run "$PBL" --db "" db path
expect_rc "--db '': a usage error" 2
expect_grep "--db '': says it is empty" "$T/err" "option '--db' is empty; give a file name"
run "$PBL" --db= list
expect_rc "--db=: a usage error" 2
run "$PBL" --modules "" list
expect_rc "--modules '': a usage error" 2
expect_grep "--modules '': says it is empty" "$T/err" "option '--modules' is empty"
run env PBL_MODULES=':::' "$PBL" list
expect_rc "PBL_MODULES=':::': a usage error" 2
expect_grep "PBL_MODULES=':::': says it names no folder" "$T/err" \
    "PBL_MODULES (':::') names no folder"
run env PBL_MODULES="$G" "$PBL" list
expect_grep "PBL_MODULES with a folder still works" "$T/out" "minimal"
run env PBL_THEME=bogus "$PBL" resume --list
expect_rc "PBL_THEME=bogus: resume --list still works" 0
expect_grep "PBL_THEME=bogus: a warning" "$T/err" \
    "warning: PBL_THEME 'bogus' is not a theme"
n=$(grep -c PBL_THEME "$T/err")
[ "$n" = 1 ] && ok "warned once" || fail "warned $n times"
run "$PBL" --theme bogus resume --list
expect_rc "--theme bogus stays a usage error" 2
