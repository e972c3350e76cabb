/* cli.h - the command line (src/cli/): what every subcommand receives
 * from main(), and the helpers they share. Only src/cli/ includes it: the
 * core and the screens know nothing of the command line.
 *
 * Subcommands print only through `out` and `err`, so the CLI tests can
 * capture them and compare; the console's (cmd_console.c) hand over to the
 * screens through pbl/console.h. Each returns the
 * process exit status: 0 success, 1 failure the user must fix (bad module,
 * missing session), 2 usage error. */
#ifndef PBL_CLI_H
#define PBL_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "pbl/diag.h"

struct pbl_store;

struct pbl_cli {
    FILE *out;
    FILE *err;
    const char *db_path;      /* --db, else PBL_DB, else NULL (default) */
    const char **module_dirs; /* the module search path, in order */
    size_t nmodule_dirs;
    const char *theme;   /* --theme, else PBL_THEME, else NULL */
    bool theme_from_env; /* theme is PBL_THEME's: an unknown one is a
                          * warning, not an error */
};

/* A subcommand; argv[0] is the subcommand's name, getopt-ready. */
typedef int (*pbl_cmd_fn)(struct pbl_cli *cli, int argc, char **argv);

/* Prints "pbl: " + message to cli->err (made safe, as cli_error), then
 * the usage hint; returns 2. */
int cli_usage_error(struct pbl_cli *cli, const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints "pbl: " + message + newline to cli->err, the message made safe
 * for the terminal (see text_safe_step): for messages that quote what was
 * typed or read. */
void cli_error(struct pbl_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Checks the value of a free-text option (a name): 0 when it is plain
 * text, else prints a usage error naming `option` and the first control
 * character or invalid byte, and returns 2 (see text_find_untypable). */
int cli_check_text(struct pbl_cli *cli, const char *cmd, const char *option,
                   const char *value);

/* The command-line word getopt failed on, for "unknown option": call it
 * when getopt returned '?' or ':', with optopt. */
const char *cli_bad_option(int argc, char **argv, int opt_char);

/* Parses the options of a command that has only --help: -1 to go on
 * (optind is then its first operand), else the exit status (0 after the
 * help, 2 after a usage error). */
int cli_help_only(struct pbl_cli *cli, const char *cmd, int argc, char **argv);

/* Prints the help of one command (or the overview for NULL) to cli->out;
 * returns 0, or 2 with a message when there is no such command. */
int cli_help(struct pbl_cli *cli, const char *cmd);

/* The function of a subcommand, or NULL when there is no such command. */
pbl_cmd_fn cli_find(const char *name);

int cmd_help(struct pbl_cli *cli, int argc, char **argv);
int cmd_validate(struct pbl_cli *cli, int argc, char **argv);
int cmd_list(struct pbl_cli *cli, int argc, char **argv);
int cmd_show(struct pbl_cli *cli, int argc, char **argv);
int cmd_new(struct pbl_cli *cli, int argc, char **argv);
int cmd_db(struct pbl_cli *cli, int argc, char **argv);
/* pbl roster (cmd_roster.c). */
int cmd_roster(struct pbl_cli *cli, int argc, char **argv);
/* pbl merge, pbl sync (cmd_sync.c); pbl hub (cmd_hub.c). */
int cmd_merge(struct pbl_cli *cli, int argc, char **argv);
int cmd_sync(struct pbl_cli *cli, int argc, char **argv);
int cmd_hub(struct pbl_cli *cli, int argc, char **argv);
/* Opens (creating it when missing) the database for writing; NULL with
 * the message printed when it cannot be, or only read-only (cmd_sync.c). */
struct pbl_store *cli_open_rw(struct pbl_cli *cli);
/* pbl export / pbl report (cmd_export.c). */
int cmd_export(struct pbl_cli *cli, int argc, char **argv);
int cmd_report(struct pbl_cli *cli, int argc, char **argv);
/* The console (cmd_console.c): the home screen, a group session, resume,
 * self-study, review. */
int cmd_home(struct pbl_cli *cli, int argc, char **argv);
int cmd_facilitate(struct pbl_cli *cli, int argc, char **argv);
int cmd_resume(struct pbl_cli *cli, int argc, char **argv);
int cmd_study(struct pbl_cli *cli, int argc, char **argv);
int cmd_review(struct pbl_cli *cli, int argc, char **argv);

#endif
