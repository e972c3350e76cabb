# pbl - a terminal facilitator console for problem-based learning sessions.
#
#   make run      build, then start the console on ./modules
#   make check    build, then run every test (unit, CLI, end-to-end)
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
PKGS      := ncursesw yaml-0.1 sqlite3 libqrencode
OPT       ?= -O2 -g
SAN       ?=
CFLAGS_ALL = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
             -DPBL_VERSION='"$(VERSION)"' \
             -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wno-unused-parameter \
             -Iinclude $(OPT) $(SAN) $(CFLAGS) \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null | sed 's/-D_XOPEN_SOURCE=600//')
LIBS_ALL   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm $(LDLIBS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

LIB_SRC   := $(sort $(filter-out src/main.c,$(wildcard src/*.c)))
TUI_SRC   := $(sort $(wildcard src/tui/*.c))
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
TOOL_SRC  := $(sort $(wildcard tests/tools/*.c))

LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ   := $(TUI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BIN  := $(TOOL_SRC:tests/tools/%.c=$(BUILD)/tools/%)
LIBPBL    := $(BUILD)/libpbl.a

.PHONY: all run check asan test deps install uninstall clean format

all: pbl

pbl: $(BUILD)/pbl
	cp $< $@

$(BUILD)/pbl: $(BUILD)/src/main.o $(TUI_OBJ) $(LIBPBL)
	$(CC) $(LDFLAGS_ALL) -o $@ $^ $(LIBS_ALL)

$(LIBPBL): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# The installed data folder is compiled into main.o; a change of PREFIX or
# DATADIR (make install PREFIX=/usr) rebuilds it through this header.
$(BUILD)/config.h: FORCE
	@mkdir -p $(dir $@)
	@echo '#define PBL_DATADIR "$(DATADIR)"' >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
FORCE:

$(BUILD)/src/main.o: $(BUILD)/config.h
$(BUILD)/src/main.o: CFLAGS += -include $(BUILD)/config.h

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBPBL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(LIBPBL) $(LDFLAGS_ALL) \
	    $(CMOCKA_LIBS) $(LIBS_ALL)

$(BUILD)/tools/%: tests/tools/%.c $(LIBPBL)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Itests -o $@ $< $(LIBPBL) $(LDFLAGS_ALL) $(LIBS_ALL)

-include $(LIB_OBJ:.o=.d) $(TUI_OBJ:.o=.d) $(BUILD)/src/main.d

# Every kind of test; ends with one line "N passed, N failed".
test: $(BUILD)/pbl $(UNIT_BIN) $(TOOL_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test

asan: deps
	@$(MAKE) --no-print-directory test BUILD=build-asan OPT='-O1 -g' \
	    SAN='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all'

run: deps
	@$(MAKE) --no-print-directory all
	./pbl --modules ./modules

# Installs what a fresh Debian/Ubuntu machine lacks: with apt-get as root,
# otherwise prints the one command to run.
DEB_PKGS := gcc make pkg-config libncurses-dev libyaml-dev libsqlite3-dev \
            libcmocka-dev libqrencode-dev sqlite3 tmux python3
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
	clang-format -i src/*.c src/tui/*.c include/pbl/*.h tests/unit/*.c tests/tools/*.c

clean:
	rm -rf build build-asan pbl
