/* main.c - parses the global options and runs one subcommand.
 *
 * Everything below main() reports errors by return value; only main()
 * decides the exit status. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/cli.h"
#include "pbl/library.h"

#ifndef PBL_VERSION
#define PBL_VERSION "0"
#endif
#ifndef PBL_DATADIR
#define PBL_DATADIR "/usr/local/share/pbl"
#endif

struct globals {
    const char *db, *theme;
    const char *empty; /* the option given an empty value */
    const char **dirs;
    size_t ndirs;
};

/* Takes a global option at argv[*i] ("--db F" or "--db=F", likewise
 * --modules and --theme); returns 1 when it was one, 0 when not, -1 when
 * its value is missing, -2 when --db or --modules is empty (g->empty). */
static int take_global(struct globals *g, int argc, char **argv, int *i)
{
    static const char *const names[] = {"--db", "--modules", "--theme"};
    for (int k = 0; k < 3; k++) {
        size_t len = strlen(names[k]);
        const char *a = argv[*i], *val;
        if (strncmp(a, names[k], len) != 0 || (a[len] && a[len] != '='))
            continue;
        if (a[len] == '=')
            val = a + len + 1;
        else if (*i + 1 < argc)
            val = argv[++*i];
        else
            return -1;
        if (k < 2 && !*val) { /* "" names nothing: never a default */
            g->empty = names[k];
            return -2;
        }
        if (k == 0)
            g->db = val;
        else if (k == 1)
            g->dirs[g->ndirs++] = val;
        else
            g->theme = val;
        return 1;
    }
    return 0;
}

/* The one place that checks every output stream before exit: a write
 * that failed at any time (the stream's error flag), or the last flush,
 * turns a success into exit 1 with a message naming the stream. */
static int finish_output(int rc)
{
    int out_err = ferror(stdout);
    errno = 0;
    if (fclose(stdout) != 0 || out_err) {
        /* an earlier failure's errno is gone; the last flush's is not */
        fprintf(stderr, "pbl: cannot write to standard output: %s\n",
                errno ? strerror(errno) : "a write failed");
        if (rc == 0)
            rc = 1;
    }
    if ((ferror(stderr) || fflush(stderr) != 0) && rc == 0)
        rc = 1; /* nowhere left to say it */
    return rc;
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    struct pbl_cli cli = {.out = stdout, .err = stderr};
    struct globals g = {0};
    g.dirs = calloc((size_t)argc + 1, sizeof *g.dirs);
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!g.dirs || !rest) {
        fprintf(stderr, "pbl: out of memory\n");
        return 1;
    }
    /* Global options may stand anywhere before "--"; the rest, in order,
     * is the command and its own arguments. */
    int nrest = 0, rc = 0, after_dashes = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        int t = after_dashes ? 0 : take_global(&g, argc, argv, &i);
        if (t == -2)
            rc = cli_usage_error(
                &cli, NULL, "option '%s' is empty; give %s", g.empty,
                strcmp(g.empty, "--db") == 0 ? "a file name" : "a folder");
        else if (t < 0)
            rc = cli_usage_error(&cli, NULL, "option '%s' needs a value",
                                 argv[i]);
        else if (t == 0)
            rest[nrest++] = argv[i];
        after_dashes |= strcmp(argv[i], "--") == 0;
    }
    const char *cmd = nrest ? rest[0] : NULL;
    if (rc) {
        /* reported */
    } else if (cmd && (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)) {
        rc = cli_help(&cli, NULL);
    } else if (cmd &&
               (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0)) {
        printf("pbl %s\n", PBL_VERSION);
    } else if (cmd && cmd[0] == '-') {
        rc = cli_usage_error(&cli, NULL, "unknown option '%s'", cmd);
    } else if (cmd && !cli_find(cmd)) {
        rc = cli_usage_error(&cli, NULL, "unknown command '%s'", cmd);
    } else {
        char *storage = NULL;
        const char *env_db = getenv("PBL_DB"), *env_theme = getenv("PBL_THEME");
        cli.db_path = g.db ? g.db : (env_db && *env_db ? env_db : NULL);
        const char *env_mods = getenv("PBL_MODULES");
        cli.theme = g.theme ? g.theme : env_theme;
        cli.theme_from_env = !g.theme && env_theme;
        cli.nmodule_dirs = library_search_path(
            g.dirs, g.ndirs, env_mods, PBL_DATADIR, &cli.module_dirs, &storage);
        /* no command: the console's home screen */
        char *home[] = {"pbl", NULL};
        if (!g.ndirs && env_mods && *env_mods && cli.module_dirs &&
            cli.nmodule_dirs == 0)
            rc = cli_usage_error(&cli, NULL,
                                 "PBL_MODULES ('%s') names no folder; give "
                                 "folders separated by ':', or unset it",
                                 env_mods);
        else
            rc = cmd ? cli_find(cmd)(&cli, nrest, rest)
                     : cmd_home(&cli, 1, home);
        free(cli.module_dirs);
        free(storage);
    }
    free(g.dirs);
    free(rest);
    return finish_output(rc);
}
