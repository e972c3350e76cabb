/* cmd_export.c - `pbl export` and `pbl report`: the options, then
 * export_sessions() / report_write() to standard output, or
 * export_to_file() / report_to_file() with -o.
 *
 * Exit status: 0 done; 1 nothing to export, an unknown session, a
 * database or write failure; 2 a usage error (unknown option or format,
 * a date that is not YYYY-MM-DD). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pbl/cli.h"
#include "pbl/export.h"
#include "pbl/phi.h"
#include "pbl/report.h"
#include "pbl/store.h"

/* What both commands take. */
struct args {
    const char *format, *output, *by; /* --by: report only */
    bool utc, excel, long_form;       /* --utc, --excel, --long: report */
    struct export_selection sel;
    const char **lists; /* storage for the four lists below */
    bool unmasked;      /* export --unmasked: identifiers kept */
};

enum {
    OPT_FROM = 256,
    OPT_TO,
    OPT_GROUP,
    OPT_RESIDENT,
    OPT_MODULE,
    OPT_KIND,
    OPT_ALL,
    OPT_SESSION,
    OPT_STATUS,
    OPT_BY,
    OPT_UTC,
    OPT_EXCEL,
    OPT_LONG,
    OPT_UNMASKED
};

static const struct option options[] = {
    {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},
    {"session", required_argument, NULL, OPT_SESSION},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"group", required_argument, NULL, OPT_GROUP},
    {"resident", required_argument, NULL, OPT_RESIDENT},
    {"module", required_argument, NULL, OPT_MODULE},
    {"kind", required_argument, NULL, OPT_KIND},
    {"status", required_argument, NULL, OPT_STATUS},
    {"all", no_argument, NULL, OPT_ALL},
    {"by", required_argument, NULL, OPT_BY},
    {"utc", no_argument, NULL, OPT_UTC},
    {"excel", no_argument, NULL, OPT_EXCEL},
    {"long", no_argument, NULL, OPT_LONG},
    {"unmasked", no_argument, NULL, OPT_UNMASKED},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Appends v to one of the selection's lists; each list has room for
 * argc entries in a.lists. */
static void push(const char *const **list, size_t *n, const char **room,
                 const char *v)
{
    if (!*list)
        *list = room;
    room[(*n)++] = v;
}

/* Parses the options; 0, 2 after a usage error (printed), or -1 for
 * --help (printed). */
static int parse(struct pbl_cli *cli, const char *cmd, int argc, char **argv,
                 struct args *a)
{
    int c;
    memset(a, 0, sizeof *a);
    a->lists = calloc(5 * ((size_t)argc + 1), sizeof *a->lists);
    if (!a->lists) {
        fprintf(cli->err, "pbl: out of memory\n");
        return 1;
    }
    const char **sessions = a->lists, **groups = sessions + argc + 1,
               **residents = groups + argc + 1,
               **modules = residents + argc + 1,
               **statuses = modules + argc + 1;
    struct export_selection *sel = &a->sel;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:f:o:h", options, NULL)) != -1) {
        switch (c) {
        case 'f':
            a->format = optarg;
            break;
        case 'o':
            a->output = optarg;
            break;
        case OPT_SESSION:
            if (cli_check_text(cli, cmd, "--session", optarg))
                return 2;
            push(&sel->sessions, &sel->nsessions, sessions, optarg);
            break;
        case OPT_FROM:
            sel->from = optarg;
            break;
        case OPT_TO:
            sel->to = optarg;
            break;
        case OPT_GROUP:
            if (cli_check_text(cli, cmd, "--group", optarg))
                return 2;
            push(&sel->groups, &sel->ngroups, groups, optarg);
            break;
        case OPT_RESIDENT:
            if (cli_check_text(cli, cmd, "--resident", optarg))
                return 2;
            push(&sel->residents, &sel->nresidents, residents, optarg);
            break;
        case OPT_MODULE:
            if (cli_check_text(cli, cmd, "--module", optarg))
                return 2;
            push(&sel->modules, &sel->nmodules, modules, optarg);
            break;
        case OPT_KIND:
            sel->kind = optarg;
            break;
        case OPT_STATUS:
            push(&sel->statuses, &sel->nstatuses, statuses, optarg);
            break;
        case OPT_ALL:
            sel->all = true;
            break;
        case OPT_BY:
            a->by = optarg;
            break;
        case OPT_UTC:
            a->utc = true;
            break;
        case OPT_EXCEL:
            a->excel = true;
            break;
        case OPT_LONG:
            a->long_form = true;
            break;
        case OPT_UNMASKED:
            if (strcmp(cmd, "export") != 0)
                return cli_usage_error(cli, cmd, "--unmasked is for export");
            a->unmasked = true;
            break;
        case 'h':
            cli_help(cli, cmd);
            return -1;
        case ':':
            return cli_usage_error(cli, cmd, "option '%s' needs a value",
                                   argv[optind - 1]);
        default:
            return cli_usage_error(cli, cmd, "unknown option '%s'",
                                   cli_bad_option(argc, argv, optopt));
        }
    }
    if (optind < argc)
        return cli_usage_error(cli, cmd, "unexpected argument '%s'",
                               argv[optind]);
    char *err = NULL;
    if (export_check_selection(sel, &err) != EXPORT_OK) {
        int rc = cli_usage_error(cli, cmd, "%s", err ? err : "bad selection");
        free(err);
        return rc;
    }
    return 0;
}

/* Opens the database for reading records; NULL (message printed) when
 * there is none or it cannot be opened. */
static struct pbl_store *open_store(struct pbl_cli *cli)
{
    char *err = NULL;
    char *path = store_resolve_path(cli->db_path, &err);
    struct pbl_store *st = NULL;
    if (!path) {
        fprintf(cli->err, "pbl: %s\n", err ? err : "out of memory");
    } else if (access(path, F_OK) != 0) {
        fprintf(cli->err, "pbl: no sessions recorded yet (no database at %s)\n",
                path);
    } else if (store_open(path, STORE_MAY_READONLY, &st, &err) != STORE_OK) {
        fprintf(cli->err, "pbl: %s\n", err ? err : "cannot open the database");
        st = NULL;
    } else if (store_warning(st)) {
        fprintf(cli->err, "pbl: %s\n", store_warning(st));
    }
    free(err);
    free(path);
    return st;
}

/* The exit status for an EXPORT_* code, printing the message. */
static int status(struct pbl_cli *cli, const char *cmd, int rc, char *err)
{
    int exit_code = 0;
    if (rc == EXPORT_USAGE)
        exit_code = cli_usage_error(cli, cmd, "%s", err ? err : "bad usage");
    else if (rc != EXPORT_OK) {
        fprintf(cli->err, "pbl: %s\n", err ? err : "the export failed");
        exit_code = 1;
    }
    free(err);
    return exit_code;
}

/* A workbook (-f xlsx) goes to a file: to standard output only when that
 * is not a terminal, where its bytes would garble the screen. 0, or the
 * usage error's 2 with the message printed. */
static int refuse_binary_tty(struct pbl_cli *cli, const char *cmd, bool binary,
                             const char *output)
{
    if (!binary || output || !isatty(fileno(cli->out)))
        return 0;
    return cli_usage_error(cli, cmd,
                           "-f xlsx writes a binary workbook, not for a "
                           "terminal; give -o FILE or redirect the output "
                           "to a file");
}

int cmd_export(struct pbl_cli *cli, int argc, char **argv)
{
    struct args a;
    int rc = parse(cli, "export", argc, argv, &a);
    size_t masked = 0;
    long long long_cells = 0;
    struct export_opts o = {.format = EXPORT_MD,
                            .sel = a.sel,
                            .unmasked = a.unmasked,
                            .masked = &masked,
                            .utc = a.utc,
                            .excel = a.excel,
                            .long_cells = &long_cells};
    if (rc == 0 && (a.by || a.long_form))
        rc = cli_usage_error(cli, "export", "%s is an option of pbl report",
                             a.by ? "--by" : "--long");
    if (rc == 0 && a.format && export_format_parse(a.format, &o.format) != 0) {
        char names[128];
        export_format_names_text(names, sizeof names);
        rc = cli_usage_error(cli, "export", "unknown format '%s'; say %s",
                             a.format, names);
    }
    if (rc == 0 && a.excel && o.format != EXPORT_CSV)
        rc = cli_usage_error(cli, "export", "--excel goes with -f csv");
    if (rc == 0)
        rc =
            refuse_binary_tty(cli, "export", o.format == EXPORT_XLSX, a.output);
    struct pbl_store *st = rc == 0 ? open_store(cli) : NULL;
    if (rc == 0 && !st)
        rc = 1;
    if (rc == 0) {
        char *err = NULL;
        int r = a.output ? export_to_file(st, &o, a.output, &err)
                         : export_sessions(st, &o, cli->out, &err);
        rc = status(cli, "export", r, err);
        if (rc == 0 && a.output)
            fprintf(cli->out, "exported to %s\n", a.output);
        if (rc == 0)
            csv_excel_warn(cli->err, long_cells);
        if (rc == 0 && masked)
            fprintf(cli->err,
                    "pbl: %zu patient identifier%s masked as %s"
                    " (--unmasked keeps them)\n",
                    masked, masked == 1 ? "" : "s", PHI_MASK);
    }
    store_close(st);
    free(a.lists);
    return rc < 0 ? 0 : rc;
}

int cmd_report(struct pbl_cli *cli, int argc, char **argv)
{
    struct args a;
    int rc = parse(cli, "report", argc, argv, &a);
    size_t masked = 0;
    struct report_opts o = {.format = REPORT_TEXT,
                            .masked = &masked,
                            .sel = a.sel,
                            .utc = a.utc,
                            .excel = a.excel,
                            .long_form = a.long_form};
    if (rc == 0 && a.by && report_by_parse(a.by, &o.by) != 0)
        rc = cli_usage_error(cli, "report",
                             "unknown --by '%s'; say month, block or class",
                             a.by);
    if (rc == 0 && a.format && report_format_parse(a.format, &o.format) != 0)
        rc = cli_usage_error(
            cli, "report",
            "unknown format '%s'; say text, csv, json, md, html or xlsx",
            a.format);
    if (rc == 0 && (a.excel || a.long_form) && o.format != REPORT_CSV)
        rc = cli_usage_error(cli, "report", "%s goes with -f csv",
                             a.excel ? "--excel" : "--long");
    if (rc == 0)
        rc =
            refuse_binary_tty(cli, "report", o.format == REPORT_XLSX, a.output);
    struct pbl_store *st = rc == 0 ? open_store(cli) : NULL;
    if (rc == 0 && !st)
        rc = 1;
    if (rc == 0) {
        char *err = NULL;
        int r = a.output ? report_to_file(st, &o, a.output, &err)
                         : report_write(st, &o, cli->out, &err);
        rc = status(cli, "report", r, err);
        if (rc == 0 && a.output)
            fprintf(cli->out, "report written to %s\n", a.output);
        if (rc == 0 && masked)
            fprintf(cli->err, "pbl: %zu patient identifier%s masked as %s\n",
                    masked, masked == 1 ? "" : "s", PHI_MASK);
    }
    store_close(st);
    free(a.lists);
    return rc < 0 ? 0 : rc;
}
