/* cli.c - the command table, help and usage messages.
 *
 * Every subcommand is listed once, in PBL_COMMANDS, with its synopsis,
 * one-line summary and help text; dispatch, `pbl --help` and
 * `pbl help COMMAND` are all generated from that list, so the help can
 * never drift from what the commands are. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/cli.h"
#include "pbl/export.h"
#include "pbl/text.h"

#define PBL_COMMANDS(X)                                                        \
    X(facilitate, "facilitate [ID...]", "run a group session",                 \
      "Opens the console for a group session: the module picker (or the\n"     \
      "modules given, in order), then a short form, then each module's\n"      \
      "scenario, video and questions. Everything typed is saved as it is\n"    \
      "typed. Press ? on any screen for its keys.\n"                           \
      "  --group NAME        the group's name (with IDs: starts at once)\n"    \
      "  --facilitator NAME  who runs the session\n")                          \
    X(resume, "resume [SESSION]", "continue an unfinished session",            \
      "Continues an unfinished session exactly where it stopped, the text\n"   \
      "being typed included. SESSION is its id or the start of it; without\n"  \
      "it, the only unfinished session is resumed, or the home screen lists\n" \
      "them when there are several.\n"                                         \
      "  --list              print the unfinished sessions, one a line\n"      \
      "  --read-only         follow a session open in another console\n"       \
      "  --take-over         take over a session open in another console\n")   \
    X(study, "study [ID]", "self-study for a resident",                        \
      "Self-study at a workstation: answer each question before the model\n"   \
      "answer is shown, compare, rate yourself, and see your progress. The\n"  \
      "name is asked once and remembered on this workstation; w on the\n"      \
      "picker studies under another name (and remembers it).\n"                \
      "  --resident NAME     study as NAME, this time only\n"                  \
      "  --remember          with --resident: remember NAME from now on\n")    \
    X(review, "review", "browse recorded sessions and attempts",               \
      "Lists every recorded session and self-study attempt, newest first;\n"   \
      "open one to page through it exactly as it was, add review comments,\n"  \
      "mark parking-lot items resolved or delete it.\n")                       \
    X(room, "room [SESSION]", "the projector's view of a running session",     \
      "Follows a group session live, read-only, for the room: the module's\n"  \
      "title and scenario, the video link and its QR code, the question in\n"  \
      "large type, the group's answer as it is typed, and after reveal the\n"  \
      "model answer and the skills named; never the facilitator notes or\n"    \
      "the key points before reveal. Run it in a second terminal (the\n"       \
      "projector's window); the console becomes the presenter's view.\n"       \
      "Without SESSION it follows the session being facilitated now, and\n"    \
      "waits for one when none is. The projector theme unless --theme.\n"      \
      "Keys: q quits, b blanks this screen, ? shows the keys.\n")              \
    X(validate, "validate [PATH...]",                                          \
      "check module files; non-zero exit on any error",                        \
      "Checks module files, or every *.yaml file in the folders given (by\n"   \
      "default the module search path). Prints every problem of every file\n"  \
      "as FILE:LINE:COLUMN: error: MESSAGE, then one summary line.\n"          \
      "Exits 0 when every file is good, 1 otherwise.\n")                       \
    X(list, "list [--json]", "the module library, one module a line",          \
      "Lists the modules on the search path: id, title, number of\n"           \
      "questions and target skills, aligned. --json prints a JSON array\n"     \
      "for scripts. Files with problems are reported on standard error\n"      \
      "and left out.\n")                                                       \
    X(show, "show ID", "one module as readable text",                          \
      "Prints a whole module: scenario, video link, each question with its\n"  \
      "model answer, key points and facilitator notes, wrapped to the\n"       \
      "terminal's width (80 columns when not writing to a terminal).\n")       \
    X(new, "new ID", "write a module template to ID.yaml",                     \
      "Writes ID.yaml in the current folder: a commented module template\n"    \
      "that passes 'pbl validate', ready to fill in. Never overwrites a\n"     \
      "file. See modules/README.md for every key.\n")                          \
    X(db, "db check|backup FILE|path|set KEY VALUE",                           \
      "check, back up or locate the database; settings",                       \
      "pbl db check         SQLite's checks and pbl's own rules for each\n"    \
      "                     record; prints ok, or every problem (exit 1)\n"    \
      "pbl db backup FILE   a consistent copy (mode 0600), safe while pbl\n"   \
      "                     runs; FILE must not exist\n"                       \
      "pbl db path          where the database is\n"                           \
      "pbl db set phi-patterns FILE\n"                                         \
      "                     more patterns of patient identifiers, one a\n"     \
      "                     line: KIND REGEX (POSIX extended, any case);\n"    \
      "                     an empty FILE removes them\n"                      \
      "pbl db set hub URL   the hub 'pbl sync' uses (no password in it)\n"     \
      "pbl db set year-start MM-DD\n"                                          \
      "                     the academic year's start for report --by\n"       \
      "                     block (07-01 when unset)\n")                       \
    X(merge, "merge FILE", "merge another pbl database into this one",         \
      "Adds the records of another pbl database (a laptop's file) that\n"      \
      "this one lacks, matched by their UUIDs; FILE is only read. A\n"         \
      "parking-lot resolution or a review comment changed in both keeps\n"     \
      "the later write and logs the other as a conflict; an answer keeps\n"    \
      "its later version. Prints what moved; merging again moves nothing.\n")  \
    X(sync, "sync [--full] [URL]",                                             \
      "sync this database with the department's hub",                          \
      "Pulls from the hub (PostgreSQL) what this login may see and this\n"     \
      "database lacks, then pushes what the hub lacks; prints what moved.\n"   \
      "Conflicts follow the rules of 'pbl merge'. URL is a postgresql://\n"    \
      "URL, else $PBL_HUB, else the one stored with 'pbl db set hub URL'.\n"   \
      "Passwords come from ~/.pgpass, PGSERVICE or PGPASSWORD. Only the\n"     \
      "sessions written on either side since the last sync are compared;\n"    \
      "--full compares every one.\n")                                          \
    X(hub, "hub init [--restored] URL | hub grant ROLE LOGIN --as NAME",       \
      "set up the department's hub (administrator)",                           \
      "pbl hub init URL     create or upgrade the hub's schema, roles and\n"   \
      "                     row-level security in a PostgreSQL database\n"     \
      "pbl hub init --restored URL\n"                                          \
      "                     after restoring the hub from a backup: a new\n"    \
      "                     identity, so every machine's next sync compares\n" \
      "                     every session and pushes what the backup lacked\n" \
      "pbl hub grant ROLE LOGIN --as NAME [--hub URL]\n"                       \
      "                     let LOGIN sync as a director, facilitator or\n"    \
      "                     resident whose records carry NAME\n")              \
    X(export, "export [OPTIONS]",                                              \
      "session notes for people and programs (-f)",                            \
      "Writes the records of sessions: metadata, each module as the\n"         \
      "group saw it, every question with the answer recorded, skills\n"        \
      "tagged, key points reached and missed, the model answer, self-\n"       \
      "ratings, time per stage against its time box, review comments\n"        \
      "and the parking lot. Without a selection: the latest session.\n"        \
      "  -f, --format FMT    " EXPORT_FORMATS_HELP                             \
      "  -o, --output FILE   write FILE (mode 0600, replaced\n"                \
      "                      atomically), not standard output\n"               \
      "  --session ID        a session by its id or the start of it\n"         \
      "  --from DATE         started on or after DATE (YYYY-MM-DD, a\n"        \
      "                      local day; --utc: UTC's)\n"                       \
      "  --to DATE           started on or before DATE\n"                      \
      "  --utc               days and times in UTC, not the local time\n"      \
      "                      zone (TZ)\n"                                      \
      "  --excel             CSV for Excel: a byte-order mark, and a\n"        \
      "                      warning for cells past 32,767 characters\n"       \
      "  --group NAME        a group's sessions\n"                             \
      "  --resident NAME     the sessions a resident took part in (group\n"    \
      "                      sessions attended, and self-study)\n"             \
      "  --module ID         sessions that used the module; only its part\n"   \
      "  --kind KIND         group or study\n"                                 \
      "  --status STATUS     active, finished or abandoned\n"                  \
      "  --all               every session\n"                                  \
      "  --unmasked          keep what looks like a patient identifier\n"      \
      "                      (masked as [identifier removed] by default)\n"    \
      "--session, --group, --resident, --module and --status are\n"            \
      "repeatable (any of them matches).\n")                                   \
    X(report, "report [OPTIONS]",                                              \
      "skill summary: named vs missed, by module and group",                   \
      "Summarises a selection (all but abandoned sessions by default):\n"      \
      "for each skill, the module discussions where it was a target,\n"        \
      "named by the group, and missed; the same by module and by group\n"      \
      "or resident, with the rates named when a target and when not;\n"        \
      "the most-missed key points; the average time per stage against\n"       \
      "its time box; the open parking-lot items; each key point's\n"           \
      "reached rate; self-study's ratings and give-ups; each resident\n"       \
      "(self-study, and group sessions they attended). A module\n"             \
      "counts as discussed once a question of it has an answer, a tag,\n"      \
      "a tick or a reveal; abandoned sessions are left out unless\n"           \
      "--status or --session names them. The first lines say what was\n"       \
      "left out, and why.\n"                                                   \
      "  -f, --format FMT    text (an aligned table, default), csv,\n"         \
      "                      json, md, html (one page with charts) or\n"       \
      "                      xlsx (a sheet per part)\n"                        \
      "  -o, --output FILE   write FILE (mode 0600), not standard output\n"    \
      "  --by month|block|class\n"                                             \
      "                      add the skills over time, by month or by\n"       \
      "                      4-week block of the academic year (1 July;\n"     \
      "                      'pbl db set year-start MM-DD'), or by the\n"      \
      "                      roster's classes\n"                               \
      "  --utc               days in UTC, not the local time zone (TZ)\n"      \
      "  --excel             CSV for Excel: a byte-order mark, and a\n"        \
      "                      warning for cells past 32,767 characters\n"       \
      "  --long              CSV as one tidy table: part, keys, measure,\n"    \
      "                      value (for a pivot table)\n"                      \
      "  --session, --from, --to, --group, --resident, --module, --kind,\n"    \
      "  --status, --all     choose the sessions, as for 'pbl export'\n")      \
    X(roster, "roster add|list|rename|retire|show ...",                        \
      "the residents of the program",                                          \
      "pbl roster add NAME --class CLASS [--email E]\n"                        \
      "                     CLASS is PGY1 to PGY5 or a graduation year\n"      \
      "pbl roster list [--all]   the active residents (--all: graduated\n"     \
      "                     ones too)\n"                                       \
      "pbl roster rename OLD NEW the old name still finds the resident\n"      \
      "pbl roster retire NAME    graduated: off the forms, records kept\n"     \
      "pbl roster show NAME      the group sessions attended and the\n"        \
      "                     self-study of one resident\n"                      \
      "Names match however spaced or cased.\n")                                \
    X(help, "help [COMMAND]", "this overview, or one command's help",          \
      "Prints the overview of all commands, or the help of one.\n")

struct command {
    const char *name, *synopsis, *summary, *help;
    pbl_cmd_fn fn;
};

#define AS_ENTRY(n, syn, sum, help) {#n, syn, sum, help, cmd_##n},
static const struct command commands[] = {PBL_COMMANDS(AS_ENTRY)};
#undef AS_ENTRY
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static const char global_help[] =
    "Global options (before or after the command):\n"
    "  --db FILE        the database (default: $XDG_DATA_HOME/pbl/pbl.db)\n"
    "  --modules DIR    a module folder; repeatable (default: ./modules,\n"
    "                   else the installed data folder)\n"
    "  --theme NAME     default, projector, light or mono\n"
    "  -h, --help       help; -V, --version: the version\n"
    "Environment: PBL_DB, PBL_MODULES (folders separated by ':'),\n"
    "PBL_THEME, NO_COLOR.\n";

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

pbl_cmd_fn cli_find(const char *name)
{
    const struct command *c = find_command(name);
    return c ? c->fn : NULL;
}

int cli_help(struct pbl_cli *cli, const char *name)
{
    if (!name) {
        fprintf(cli->out, "usage: pbl [OPTIONS] COMMAND [ARGS]\n\n"
                          "pbl runs problem-based learning sessions from "
                          "scenario modules.\n\nCommands:\n");
        for (size_t i = 0; i < NCOMMANDS; i++)
            fprintf(cli->out, "  %-26s %s\n", commands[i].synopsis,
                    commands[i].summary);
        fprintf(cli->out,
                "\n%s\n'pbl help COMMAND' shows one command's "
                "help; 'man pbl' has it all.\n",
                global_help);
        return 0;
    }
    const struct command *c = find_command(name);
    if (!c)
        return cli_usage_error(cli, NULL, "unknown command '%s'", name);
    fprintf(cli->out, "usage: pbl %s\n\n%s\n%s", c->synopsis, c->help,
            global_help);
    return 0;
}

/* Writes "pbl: " and the formatted message, made safe for the terminal
 * (it may quote what was typed or read), without a line break. */
static void print_safe(struct pbl_cli *cli, const char *fmt, va_list ap)
{
    fputs("pbl: ", cli->err);
    text_safe_vprintf(cli->err, fmt, ap);
}

void cli_error(struct pbl_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_safe(cli, fmt, ap);
    va_end(ap);
    putc('\n', cli->err);
}

int cli_usage_error(struct pbl_cli *cli, const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    print_safe(cli, fmt, ap);
    va_end(ap);
    const struct command *c = cmd ? find_command(cmd) : NULL;
    if (c)
        fprintf(cli->err, "\nusage: pbl %s  (see 'pbl help %s')\n", c->synopsis,
                c->name);
    else
        fprintf(cli->err, "\nusage: pbl [OPTIONS] COMMAND [ARGS]  (see "
                          "'pbl --help')\n");
    return 2;
}

int cli_check_text(struct pbl_cli *cli, const char *cmd, const char *option,
                   const char *value)
{
    uint32_t cp;
    unsigned char byte;
    long at = text_find_untypable(value, &cp, &byte);
    if (at < 0)
        return 0;
    long pos = 1; /* in characters, as a person counts */
    for (size_t i = 0; i < (size_t)at; pos++) {
        uint32_t c;
        i += utf8_decode(value + i, (size_t)at - i, &c);
    }
    if (cp == 0xFFFD)
        return cli_usage_error(cli, cmd,
                               "%s is not valid UTF-8 (byte 0x%02X at "
                               "position %ld); give plain text",
                               option, byte, pos);
    return cli_usage_error(cli, cmd,
                           "%s contains the %s U+%04X at position %ld; give "
                           "plain text",
                           option,
                           cp < 0xA0 ? "control character" : "bidi control",
                           (unsigned)cp, pos);
}

const char *cli_bad_option(int argc, char **argv, int opt_char)
{
    if (optind <= 0 || optind > argc)
        return "?";
    const char *prev = argv[optind - 1],
               *cur = optind < argc ? argv[optind] : "";
    /* getopt leaves optind on a cluster of short options ("-json") until
     * its last letter; the letter that failed then lies inside argv[optind],
     * unless the word before ends with it */
    size_t plen = strlen(prev);
    bool prev_ends = prev[0] == '-' && prev[1] != '-' && plen > 1 &&
                     prev[plen - 1] == opt_char;
    if (opt_char > 0 && !prev_ends && cur[0] == '-' && cur[1] &&
        cur[1] != '-' && strchr(cur + 1, opt_char))
        return cur;
    return prev;
}

/* See cli.h: the option loop of every command that takes only --help. */
int cli_help_only(struct pbl_cli *cli, const char *cmd, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(cli, cmd);
        return cli_usage_error(cli, cmd, "unknown option '%s'",
                               cli_bad_option(argc, argv, optopt));
    }
    return -1;
}

int cmd_help(struct pbl_cli *cli, int argc, char **argv)
{
    if (argc > 2)
        return cli_usage_error(cli, "help", "give one command");
    return cli_help(cli, argc == 2 ? argv[1] : NULL);
}
