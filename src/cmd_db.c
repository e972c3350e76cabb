/* cmd_db.c - `pbl db`: the database's path, an integrity check, and an
 * online backup.
 *
 *   pbl db path          prints the database path in use
 *   pbl db check         prints "ok", or each problem found (exit 1)
 *   pbl db backup FILE   writes a consistent copy to FILE (new, 0600)
 *   pbl db set KEY VALUE a setting: year-start MM-DD (the report's
 *                        academic year)
 *
 * The path is --db, else PBL_DB, else the default. check and backup open
 * the database read-only: they never migrate or change it, and they work
 * while a session is being recorded in it. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/cli.h"
#include "pbl/store.h"
#include "pbl/store_report.h"

/* Prints "pbl: " + msg on cli->err; returns 1. */
static int failure(struct pbl_cli *cli, const char *msg)
{
    fprintf(cli->err, "pbl: %s\n", msg && *msg ? msg : "out of memory");
    return 1;
}

/* Opens the database for check and backup, read-only and never created;
 * prints the error and returns NULL on failure. */
static struct pbl_store *open_ro(struct pbl_cli *cli, const char *path)
{
    struct pbl_store *st = NULL;
    char *err = NULL;
    if (store_open(path, STORE_READONLY, &st, &err) != STORE_OK) {
        failure(cli, err);
        free(err);
        return NULL;
    }
    if (store_warning(st))
        fprintf(cli->err, "pbl: %s\n", store_warning(st));
    return st;
}

/* `pbl db check`: integrity and foreign keys. */
static int db_check(struct pbl_cli *cli, const char *path)
{
    struct pbl_store *st = open_ro(cli, path);
    if (!st)
        return 1;
    struct pbl_strv problems;
    int rc = 1;
    if (store_integrity_check(st, &problems) != STORE_OK) {
        failure(cli, store_error(st));
    } else if (problems.n == 0) {
        fprintf(cli->out, "ok\n");
        rc = 0;
    } else {
        for (size_t i = 0; i < problems.n; i++)
            fprintf(cli->out, "%s\n", problems.v[i]);
        fprintf(cli->err, "pbl: %s: %zu problem%s found\n", path, problems.n,
                problems.n == 1 ? "" : "s");
        store_strv_free(&problems);
    }
    store_close(st);
    return rc;
}

/* `pbl db backup FILE`. */
static int db_backup(struct pbl_cli *cli, const char *path, const char *dest)
{
    struct pbl_store *st = open_ro(cli, path);
    if (!st)
        return 1;
    int rc = 0;
    if (store_backup(st, dest) != STORE_OK)
        rc = failure(cli, store_error(st));
    else
        fprintf(cli->out, "backup written to %s\n", dest);
    store_close(st);
    return rc;
}

/* `pbl db set KEY VALUE`: year-start MM-DD. */
static int db_set(struct pbl_cli *cli, const char *path, const char *key,
                  const char *value)
{
    if (strcmp(key, "year-start") != 0)
        return cli_usage_error(cli, "db",
                               "unknown setting '%s'; say year-start", key);
    if (!store_report_year_start_ok(value))
        return cli_usage_error(
            cli, "db", "year-start is MM-DD, such as 07-01, not '%s'", value);
    struct pbl_store *st = NULL;
    char *err = NULL;
    if (store_open(path, STORE_CREATE, &st, &err) != STORE_OK) {
        failure(cli, err);
        free(err);
        return 1;
    }
    int rc = 0;
    if (store_set_setting(st, key, value) != STORE_OK)
        rc = failure(cli, store_error(st));
    else
        fprintf(cli->out, "%s set to %s\n", key, value);
    store_close(st);
    return rc;
}

/* Parses `pbl db ACTION [FILE]` and runs the action; 0 ok, 1 failure,
 * 2 usage. */
int cmd_db(struct pbl_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(cli, "db");
        return cli_usage_error(cli, "db", "unknown option '%s'",
                               cli_bad_option(argc, argv, optopt));
    }
    if (optind >= argc)
        return cli_usage_error(cli, "db", "say check, backup FILE or path");
    const char *action = argv[optind];
    int nargs = argc - optind - 1;
    int want = strcmp(action, "backup") == 0 ? 1
               : strcmp(action, "set") == 0  ? 2
                                             : 0;
    if (strcmp(action, "check") != 0 && strcmp(action, "path") != 0 &&
        strcmp(action, "backup") != 0 && strcmp(action, "set") != 0)
        return cli_usage_error(cli, "db", "unknown action '%s'", action);
    if (nargs != want && want == 2)
        return cli_usage_error(cli, "db", "set needs a KEY and a VALUE");
    if (nargs != want && want)
        return cli_usage_error(cli, "db", "backup needs one FILE");
    if (nargs != want)
        return cli_usage_error(cli, "db", "'%s' takes no arguments", action);

    char *err = NULL;
    char *path = store_resolve_path(cli->db_path, &err);
    if (!path) {
        failure(cli, err);
        free(err);
        return 1;
    }
    int rc;
    if (strcmp(action, "path") == 0) {
        fprintf(cli->out, "%s\n", path);
        rc = 0;
    } else if (strcmp(action, "check") == 0) {
        rc = db_check(cli, path);
    } else if (want == 2) {
        rc = db_set(cli, path, argv[optind + 1], argv[optind + 2]);
    } else {
        rc = db_backup(cli, path, argv[optind + 1]);
    }
    free(path);
    return rc;
}
