# pbl - a terminal facilitator console for problem-based learning sessions.
#
#   make run      build, then start the console on ./modules
#   make check    build, then run every test (unit, CLI, end-to-end)
#   make check-the-checks   the tests of the tests (tests/checks/)
#   make asan     the same tests under AddressSanitizer + UBSan
#
# `run` and `check` call `deps` first, so on a fresh Debian/Ubuntu machine
# they are the only set-up commands.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/pbl
MANDIR    ?= $(PREFIX)/share/man/man1
DESTDIR   ?=

CC        ?= cc
BUILD     ?= build
PKGS      := ncursesw yaml-0.1 sqlite3 libqrencode libpq xlsxwriter
OPT       ?= -O2 -g
SAN       ?=
CFLAGS_ALL = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -DPBL_VERSION='"$(VERSION)"' \
             -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wno-unused-parameter \
             -Iinclude $(OPT) $(SAN) $(CFLAGS) \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null | sed 's/-D_XOPEN_SOURCE=600//')
LIBS_ALL   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm $(LDLIBS)
# What the core alone needs: no curses (see test_core_alone below); libpq
# for the hub (src/hub*.c), xlsxwriter for the workbooks (src/xlsx.c).
CORE_PKGS := yaml-0.1 sqlite3 libqrencode libpq xlsxwriter
CORE_LIBS  = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) -lm $(LDLIBS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

# Three layers, each linked only with those below it: the core (src/*.c,
# plain C, libpbl.a), the screens (src/tui/, libpbltui.a) and the command
# line (src/cli/: main, the command table, one file per command).
LIB_SRC   := $(sort $(wildcard src/*.c))
TUI_SRC   := $(sort $(wildcard src/tui/*.c))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
# The test programs `make test` runs, a fixed list (tests/run.sh fails one
# that is missing, and a test source that is not listed here).
UNIT_TESTS := test_bigfont test_clock test_core_alone test_curriculum \
              test_editor test_export test_report test_review \
              test_export_escape test_keyin test_module test_session \
              test_lock test_room test_search test_session_plan test_session_time test_store \
              test_store_file test_store_records test_store_snapshot \
              test_store_sync test_study \
              test_study_attempts test_roster test_phi \
              test_text test_util
SHELL_TESTS := tests/cli/console_cli.sh tests/cli/curriculum.sh tests/cli/export.sh \
              tests/cli/export_html.sh tests/cli/hub.sh tests/cli/layers.sh \
              tests/cli/merge.sh tests/cli/messages.sh tests/cli/modules.sh \
              tests/cli/names.sh tests/cli/roster.sh tests/cli/attendance.sh tests/cli/phi.sh \
              tests/cli/robust_damaged_db.sh tests/cli/robust_files.sh \
              tests/cli/robust_fuzz_replay.sh \
              tests/cli/robust_hostile.sh \
              tests/cli/robust_store_faults.sh tests/cli/robust_terminal.sh \
              tests/cli/report_html.sh tests/cli/report_rates.sh tests/cli/report_status.sh \
              tests/cli/report_xlsx.sh tests/cli/room_screens.sh \
              tests/cli/screens.sh tests/cli/screen_layout.sh \
              tests/cli/store_crash.sh tests/cli/store_db.sh tests/cli/store_migrate.sh \
              tests/cli/store_seam.sh \
              tests/cli/session_saving.sh tests/cli/store_two_writers.sh \
              tests/e2e/console.sh tests/e2e/curriculum.sh tests/e2e/robust_damaged.sh \
              tests/e2e/pacing.sh tests/e2e/robust_kill.sh \
              tests/e2e/review_colours.sh tests/e2e/room.sh \
              tests/e2e/robust_terminal.sh tests/e2e/screen_keys.sh \
              tests/e2e/scrolling.sh tests/e2e/study_attempts.sh \
              tests/e2e/study_review.sh tests/e2e/time_on_screen.sh \
              tests/e2e/two_consoles.sh tests/e2e/typing_paste.sh \
              tests/e2e/attendance.sh
UNIT_SRC  := $(UNIT_TESTS:%=tests/unit/%.c)
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c))

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ   := $(TUI_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TESTS     := $(UNIT_BIN) $(SHELL_TESTS)
UNLISTED  := $(filter-out $(UNIT_SRC) $(SHELL_TESTS),$(wildcard \
               tests/unit/test_*.c tests/cli/*.sh tests/e2e/*.sh))
TOOL_BIN  := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
LIBPBL    := $(BUILD)/libpbl.a
LIBTUI    := $(BUILD)/libpbltui.a
BENCH_BIN := $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(wildcard tests/bench/*.c))

.PHONY: all run check check-the-checks asan test deps install uninstall \
        clean format

all: pbl

pbl: $(BUILD)/pbl
	cp $< $@

$(BUILD)/pbl: $(CLI_OBJ) $(LIBTUI) $(LIBPBL)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS_ALL)

$(LIBPBL): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(LIBTUI): $(TUI_OBJ)
	rm -f $@
	ar rcs $@ $^

# The installed data folder is compiled into main.o; a change of PREFIX or
# DATADIR (make install PREFIX=/usr) rebuilds it through this header.
$(BUILD)/config.h: FORCE
	@mkdir -p $(dir $@)
	@echo '#define PBL_DATADIR "$(DATADIR)"' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
FORCE:

$(BUILD)/src/cli/main.o: $(BUILD)/config.h
$(BUILD)/src/cli/main.o: CFLAGS += -include $(BUILD)/config.h

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBPBL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -Itests -o $@ $< $(LIBPBL) $(LDFLAGS_ALL) \
	    $(CMOCKA_LIBS) $(LIBS_ALL)

# The core links alone: every object of libpbl.a (--whole-archive), and
# neither the screens, the command line nor curses. A core file that calls
# up into them fails this link, and so `make check`.
$(BUILD)/tests/test_core_alone: tests/unit/test_core_alone.c $(LIBPBL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -Itests -o $@ $< -Wl,--whole-archive \
	    $(LIBPBL) -Wl,--no-whole-archive $(LDFLAGS_ALL) $(CMOCKA_LIBS) \
	    $(CORE_LIBS)

$(BUILD)/tools/%: tests/tools/%.c $(LIBPBL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -Itests -o $@ $< $(LIBPBL) $(LDFLAGS_ALL) \
	    $(LIBS_ALL)

-include $(LIB_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
# test programs include fuzz targets and test headers: rebuilt when those
# change (the compiler writes NAME.d beside each program)
-include $(UNIT_BIN:=.d) $(TOOL_BIN:=.d)

# Every kind of test; ends with one line "N passed, N failed, N skipped".
test: $(BUILD)/pbl $(UNIT_BIN) $(TOOL_BIN)
	@BUILD=$(BUILD) UNLISTED="$(UNLISTED)" sh tests/run.sh $(TESTS)

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test

# Tests of the tests: broken scripts, builds and screens the suite must
# fail (tests/checks/check_the_checks.sh); a few seconds.
check-the-checks: $(BUILD)/pbl $(UNIT_BIN) $(TOOL_BIN) $(BENCH_BIN)
	@BUILD=$(BUILD) sh tests/run.sh tests/checks/check_the_checks.sh

# A sanitizer's finding exits 86 (ASan, LSan) or 87 (UBSan), statuses no
# check expects, and tests/run.sh fails a program that left a report.
SAN_ENV := ASAN_OPTIONS=exitcode=86:halt_on_error=1:abort_on_error=0:detect_leaks=1 \
           UBSAN_OPTIONS=exitcode=87:halt_on_error=1:print_stacktrace=1
asan: deps
	@$(SAN_ENV) $(MAKE) --no-print-directory test BUILD=build-asan OPT='-O1 -g' \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all'

run: deps
	@$(MAKE) --no-print-directory all
	./pbl --modules ./modules

# Installs what a fresh Debian/Ubuntu machine lacks: with apt-get as root,
# otherwise prints the one command to run.
DEB_PKGS := gcc make pkg-config libncurses-dev libyaml-dev libsqlite3-dev \
            libcmocka-dev libqrencode-dev libxlsxwriter-dev sqlite3 tmux \
            python3 libpq-dev postgresql-15
deps:
	@command -v dpkg-query >/dev/null 2>&1 || { \
	    echo "deps: not Debian/Ubuntu; install the -dev packages for: $(PKGS) cmocka"; exit 0; }; \
	missing=""; for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || \
	        missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ]; then \
	    echo "deps: installing$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null || \
	    { apt-get update -q >/dev/null && \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; }; \
	else \
	    echo "deps: missing packages; run: sudo apt-get install$$missing"; exit 1; \
	fi

install: pbl
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/modules $(DESTDIR)$(MANDIR)
	install -m 755 pbl $(DESTDIR)$(BINDIR)/pbl
	install -m 644 src/pbl.1 $(DESTDIR)$(MANDIR)/pbl.1
	install -m 644 modules/*.yaml $(DESTDIR)$(DATADIR)/modules/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pbl $(DESTDIR)$(MANDIR)/pbl.1
	rm -rf $(DESTDIR)$(DATADIR)

format:
	clang-format -i src/*.c src/tui/*.c src/cli/*.c include/pbl/*.h tests/unit/*.c tests/tools/*.c

clean:
	rm -rf build build-asan pbl

# ---- benchmarks, fuzzing, memcheck ------------------------------------------
#
#   make bench      one Markdown table: pbl's figures beside references
#                   measured in the same run (the machine's floor, and what a
#                   user would otherwise use), with the ratios. Data is
#                   generated (seeded) under $(BUILD)/bench-data, never
#                   committed; see tests/bench/run.sh.
#   make fuzz       each libFuzzer target in tests/fuzz/ (clang, ASan + UBSan)
#                   for FUZZ_SECONDS (default 60); findings go to
#                   build/fuzz/findings/. The export escapers' target is built
#                   once include/pbl/export.h exists. fuzz_db damages one
#                   field of the export fixture and runs every reader.
#   make valgrind   every unit test under valgrind's memcheck: zero errors,
#                   zero leaks of any kind.
.PHONY: bench fuzz valgrind

$(BUILD)/bench/%: tests/bench/%.c $(LIBPBL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(LIBPBL) $(LDFLAGS_ALL) $(LIBS_ALL)

# Every program of the project, tests, tools and benchmarks included (CI
# builds them all with clang too: make CC=clang BUILD=build-clang programs).
.PHONY: programs
programs: $(BUILD)/pbl $(UNIT_BIN) $(TOOL_BIN) $(BENCH_BIN)

bench: deps
	@$(MAKE) --no-print-directory all $(BENCH_BIN)
	@BUILD=$(BUILD) sh tests/bench/run.sh

FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build/fuzz
# checks listed in tests/fuzz/ubsan.supp must be recoverable to be suppressed
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fsanitize-recover=pointer-overflow,nonnull-attribute \
                -fno-omit-frame-pointer
FUZZ_TARGETS := module text editor keyin \
                $(if $(wildcard include/pbl/export.h),export) db

# the database target builds the export fixture itself
$(FUZZ_BUILD)/fuzz_db: tests/fuzz/db_readers.h tests/tools/export_fixture.c

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIBPBL)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(LIBPBL) $(LDFLAGS_ALL) \
	    -fsanitize=fuzzer $(LIBS_ALL)

fuzz: deps
	@command -v clang >/dev/null 2>&1 || { \
	    echo "fuzz: needs clang with libFuzzer (apt-get install clang)"; exit 1; }
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang OPT='-O1 -g' \
	    SAN='$(FUZZ_SAN) -fsanitize=fuzzer-no-link' \
	    $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)
	@$(if $(wildcard include/pbl/export.h),,echo "fuzz_export: skipped: \
	    include/pbl/export.h does not exist yet";) \
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(FUZZ_BUILD) \
	    sh tests/fuzz/run.sh $(FUZZ_TARGETS)

VALGRIND := valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all \
            --errors-for-leak-kinds=all --error-exitcode=99 --num-callers=30

# Each unit test under memcheck is its own target (a file never made, so
# it always runs), two at a time: CI's minutes are counted.
VALGRIND_RUNS := $(UNIT_BIN:%=%.vgrun)

valgrind: deps
	@command -v valgrind >/dev/null 2>&1 || { \
	    echo "valgrind: not installed (apt-get install valgrind)"; exit 1; }
	@$(MAKE) --no-print-directory $(UNIT_BIN)
	@$(MAKE) --no-print-directory -k -j2 $(VALGRIND_RUNS) && \
	    echo "valgrind: every unit test clean" || \
	    { echo "valgrind: problems found"; exit 1; }

%.vgrun: %
	@t=$<; CMOCKA_MESSAGE_OUTPUT=TAP $(VALGRIND) --log-file=$$t.memcheck \
	    $$t >$$t.memcheck.out 2>&1; rc=$$?; \
	errs=$$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' $$t.memcheck | tail -n 1); \
	if [ $$rc = 0 ] && [ "$$errs" = 0 ]; then \
	    printf '%-28s ok: 0 errors, 0 leaks\n' $${t##*/}; \
	else \
	    printf '%-28s FAILED (exit %s, %s errors); %s:\n' $${t##*/} $$rc \
	        "$${errs:-?}" $$t.memcheck; \
	    grep -E '^==[0-9]+== +(Invalid|Conditional|Use of|Mismatched|[0-9,]+ bytes in)|^not ok' \
	        $$t.memcheck $$t.memcheck.out | head -n 10; \
	    exit 1; \
	fi
