/* console.h - the console (the screens, src/tui/) as the command line
 * starts it: the screens' one entry point.
 *
 * The command line (src/cli/cmd_console.c) parses a console command's
 * options, opens the database and the module library, and resolves what
 * the options name (modules, a session); tui_run then runs the screens
 * until the user quits. No core file (src/ itself) includes this header. */
#ifndef PBL_CONSOLE_H
#define PBL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "pbl/library.h"
#include "pbl/session.h"
#include "pbl/store.h"

/* The command that opened the console: which screen comes first. */
enum tui_mode { TUI_HOME, TUI_FACILITATE, TUI_RESUME, TUI_STUDY, TUI_REVIEW };

struct tui_options {
    FILE *out, *err; /* what the console says before and after the screens */
    enum tui_mode mode;
    const char *theme;    /* a name theme_find knows; NULL: the default */
    const char *message;  /* the first screen's message line, or NULL */
    const char *dump_dir; /* where a script's ":dump NAME" writes */

    /* Handed over: tui_run closes or frees these, whatever it returns. */
    struct pbl_store *store; /* open, created if need be */
    struct pbl_library lib;  /* loaded */
    FILE *script;            /* keys to read (PBL_SCRIPT), or NULL */
    char *resident;          /* study --resident, a clean name, or NULL */

    /* facilitate: the modules given (library indexes, in order), and the
     * names for the form; with modules and a group, the session starts */
    const size_t *modules;
    size_t nmodules;
    const char *group, *facilitator;
    /* study: make the resident the default (--remember); a module id */
    bool remember;
    const char *study_id;
    /* resume: the session to open at once (a full id), or NULL */
    const char *session;
    enum session_open_mode open_mode;
};

/* Runs the console on the terminal (or on PBL_SCRIPT's keys) until the
 * user quits; returns the process exit status (0, 1 on failure, 128 + a
 * signal that stopped it). */
int tui_run(struct tui_options *o);

/* The theme named `name` ("default", "projector", "light", "mono"), or
 * NULL when there is none (theme.c). */
struct theme;
const struct theme *theme_find(const char *name);
/* The themes' names, for a message: "default, projector, light, mono". */
const char *theme_names(void);

#endif
