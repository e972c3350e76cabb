/* cmd_module.c - the module author's commands: validate, list, show, new. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "pbl/cli.h"
#include "pbl/library.h"
#include "pbl/module_text.h"
#include "pbl/text.h"

/* Parses a subcommand's options when it takes only --help (and --json for
 * list). Returns the index of the first operand, or -1 after printing
 * help (rc 0) or a usage error (rc 2) through *rc. */
static int parse_opts(struct pbl_cli *cli, int argc, char **argv, int *json,
                      int *rc)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"json", no_argument, NULL, 'j'},
                                         {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        if (c == 'h') {
            cli_help(cli, argv[0]);
            *rc = 0;
            return -1;
        }
        if (c == 'j' && json) {
            *json = 1;
            continue;
        }
        *rc = cli_usage_error(cli, argv[0], "unknown option '%s'",
                              cli_bad_option(argc, argv, optopt));
        return -1;
    }
    return optind;
}

/* Loads the library from the search path; its problems go to cli->err with
 * a hint, and the good modules are used. */
static int load_library(struct pbl_cli *cli, struct pbl_library *lib)
{
    struct pbl_diags d = {0};
    int rc = library_load(lib, cli->module_dirs, cli->nmodule_dirs, &d);
    if (d.n) {
        diags_print(&d, cli->err);
        fprintf(cli->err,
                "pbl: %zu module file%s with problems skipped; see 'pbl "
                "validate'\n",
                lib->nbad, lib->nbad == 1 ? "" : "s");
    }
    diags_free(&d);
    if (rc < 0)
        fprintf(cli->err, "pbl: out of memory\n");
    return rc;
}

int cmd_validate(struct pbl_cli *cli, int argc, char **argv)
{
    int rc = 0;
    int first = parse_opts(cli, argc, argv, NULL, &rc);
    if (first < 0)
        return rc;
    struct pbl_library lib;
    struct pbl_diags d = {0};
    const char *const *paths = cli->module_dirs;
    size_t npaths = cli->nmodule_dirs;
    if (first < argc)
        paths = (const char *const *)argv + first,
        npaths = (size_t)(argc - first);
    rc = library_check(&lib, paths, npaths, &d);
    diags_print(&d, cli->out);
    if (rc < 0)
        fprintf(cli->err, "pbl: out of memory\n");
    if (lib.nfiles == 0)
        fprintf(cli->out, "no module files found\n");
    else if (lib.nbad == 0)
        fprintf(cli->out, "%zu file%s checked: all good\n", lib.nfiles,
                lib.nfiles == 1 ? "" : "s");
    else
        fprintf(cli->out,
                "%zu file%s checked: %zu good, %zu with problems "
                "(%zu error%s)\n",
                lib.nfiles, lib.nfiles == 1 ? "" : "s", lib.nfiles - lib.nbad,
                lib.nbad, d.n, d.n == 1 ? "" : "s");
    int bad = rc < 0 || lib.nbad > 0 || lib.nfiles == 0;
    diags_free(&d);
    library_free(&lib);
    return bad ? 1 : 0;
}

static void list_text(struct pbl_cli *cli, const struct pbl_library *lib)
{
    int wid = 2, wtitle = 5;
    for (size_t i = 0; i < lib->n; i++) {
        const struct pbl_module *m = lib->mods[i];
        int a = text_safe_width(m->id, strlen(m->id), 0);
        int b = text_safe_width(m->title, strlen(m->title), 0);
        wid = a > wid ? a : wid;
        wtitle = b > wtitle ? b : wtitle;
    }
    text_safe_pad(cli->out, "ID", wid + 2);
    text_safe_pad(cli->out, "TITLE", wtitle + 2);
    fprintf(cli->out, " Q  SKILLS\n");
    for (size_t i = 0; i < lib->n; i++) {
        const struct pbl_module *m = lib->mods[i];
        char skills[128];
        module_skills_text(m->skills, skills, sizeof skills);
        text_safe_pad(cli->out, m->id, wid + 2);
        text_safe_pad(cli->out, m->title, wtitle + 2);
        fprintf(cli->out, "%2zu%s%s\n", m->nquestions, skills[0] ? "  " : "",
                skills);
    }
}

int cmd_list(struct pbl_cli *cli, int argc, char **argv)
{
    int rc = 0, json = 0;
    int first = parse_opts(cli, argc, argv, &json, &rc);
    if (first < 0)
        return rc;
    if (first < argc)
        return cli_usage_error(cli, argv[0], "unexpected argument '%s'",
                               argv[first]);
    struct pbl_library lib;
    if (load_library(cli, &lib) < 0) {
        library_free(&lib);
        return 1;
    }
    if (json)
        rc = library_write_json(&lib, cli->out) ? 1 : 0;
    else
        list_text(cli, &lib);
    library_free(&lib);
    return rc;
}

/* Width for `pbl show`: the terminal's when writing to one, else 80. */
static int output_width(FILE *out)
{
    struct winsize ws;
    if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col >= 20)
        return ws.ws_col > 100 ? 100 : ws.ws_col;
    return 80;
}

int cmd_show(struct pbl_cli *cli, int argc, char **argv)
{
    int rc = 0;
    int first = parse_opts(cli, argc, argv, NULL, &rc);
    if (first < 0)
        return rc;
    if (argc - first != 1)
        return cli_usage_error(cli, argv[0],
                               argc == first ? "which module? give its id"
                                             : "give one module id");
    struct pbl_library lib;
    if (load_library(cli, &lib) < 0) {
        library_free(&lib);
        return 1;
    }
    const struct pbl_module *m = library_find(&lib, argv[first]);
    if (m) {
        module_write_text(cli->out, m, output_width(cli->out));
    } else {
        cli_error(cli, "no module with id '%s'; 'pbl list' shows the library",
                  argv[first]);
        rc = 1;
    }
    library_free(&lib);
    return rc;
}
