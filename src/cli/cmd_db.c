/* cmd_db.c - `pbl db`: the database's path, an integrity check, and an
 * online backup.
 *
 *   pbl db path          prints the database path in use
 *   pbl db check         prints "ok", or each problem found (exit 1)
 *   pbl db backup FILE   writes a consistent copy to FILE (new, 0600)
 *   pbl db set KEY VALUE a setting of the database (db_settings below)
 *
 * The path is --db, else PBL_DB, else the default. check and backup open
 * the database read-only: they never migrate or change it, and they work
 * while a session is being recorded in it. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/cli.h"
#include "pbl/fileio.h"
#include "pbl/hub.h"
#include "pbl/phi.h"
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

/* `pbl db set phi-patterns FILE`: the file's patterns, checked, kept in
 * the database (an empty file removes them). 0, or 1 with the message. */
static int set_phi_patterns(struct pbl_cli *cli, struct pbl_store *st,
                            const char *file)
{
    struct pbl_diags d = {0};
    size_t len;
    char *text = read_small_file(file, 1 << 20, &len, &d);
    if (!text) {
        diags_print(&d, cli->err);
        diags_free(&d);
        return 1;
    }
    char *err = NULL;
    struct phi_set *set = phi_default();
    int rc = 0;
    if (!set || phi_add_patterns(set, text, &err) != 0) {
        cli_error(cli, "%s: %s", file, err ? err : "out of memory");
        rc = 1;
    } else if (store_set_setting(st, PHI_SETTING, len ? text : NULL) !=
               STORE_OK) {
        rc = failure(cli, store_error(st));
    } else {
        fprintf(cli->out, "%s\n",
                len ? "patient-identifier patterns added"
                    : "the program's own patient-identifier patterns removed");
    }
    phi_free(set);
    free(err);
    free(text);
    return rc;
}

/* `pbl db set hub URL`: the hub `pbl sync` uses (issue 15). A URL with
 * a password is refused: the database is no place for one. */
static int set_hub(struct pbl_cli *cli, struct pbl_store *st, const char *url)
{
    char *shown = hub_redact(url);
    if (!shown || strcmp(shown, url) != 0) {
        cli_error(cli,
                  "a hub URL with a password is not stored; put the "
                  "password in ~/.pgpass and store %s",
                  shown ? shown : "the URL without it");
        free(shown);
        return 1;
    }
    free(shown);
    if (store_set_setting(st, "hub", url) != STORE_OK)
        return failure(cli, store_error(st));
    return 0;
}

/* `pbl db set year-start MM-DD`: the academic year's first day, for
 * `pbl report --by block` (1 July when unset). */
static int set_year_start(struct pbl_cli *cli, struct pbl_store *st,
                          const char *mmdd)
{
    if (!store_report_year_start_ok(mmdd))
        return cli_usage_error(
            cli, "db", "year-start is MM-DD, such as 07-01, not '%s'", mmdd);
    if (store_set_setting(st, "year-start", mmdd) != STORE_OK)
        return failure(cli, store_error(st));
    fprintf(cli->out, "year-start set to %s\n", mmdd);
    return 0;
}

/* The settings `pbl db set` knows: the key and what sets it. */
static const struct {
    const char *key;
    int (*set)(struct pbl_cli *cli, struct pbl_store *st, const char *value);
} db_settings[] = {
    {"hub", set_hub},
    {"phi-patterns", set_phi_patterns},
    {"year-start", set_year_start},
};

/* `pbl db set KEY VALUE`: n and args are what follows "set". The
 * database is opened for writing (created when missing). */
static int db_set(struct pbl_cli *cli, int n, char **args)
{
    if (n != 2)
        return cli_usage_error(cli, "db", "set needs a KEY and a VALUE");
    size_t k = 0, count = sizeof db_settings / sizeof db_settings[0];
    while (k < count && strcmp(db_settings[k].key, args[0]) != 0)
        k++;
    if (k == count)
        return cli_usage_error(
            cli, "db", "no setting '%s'; say hub, phi-patterns or year-start",
            args[0]);
    struct pbl_store *st = cli_open_rw(cli);
    if (!st)
        return 1;
    int rc = db_settings[k].set(cli, st, args[1]);
    store_close(st);
    return rc;
}

/* Parses `pbl db ACTION [FILE]` and runs the action; 0 ok, 1 failure,
 * 2 usage. */
int cmd_db(struct pbl_cli *cli, int argc, char **argv)
{
    int done = cli_help_only(cli, "db", argc, argv);
    if (done >= 0)
        return done;
    if (optind >= argc)
        return cli_usage_error(cli, "db", "say check, backup FILE or path");
    const char *action = argv[optind];
    if (strcmp(action, "set") == 0)
        return db_set(cli, argc - optind - 1, argv + optind + 1);
    int nargs = argc - optind - 1;
    int want = strcmp(action, "backup") == 0 ? 1 : 0;
    if (strcmp(action, "check") != 0 && strcmp(action, "path") != 0 &&
        strcmp(action, "backup") != 0)
        return cli_usage_error(cli, "db", "unknown action '%s'", action);
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
    } else {
        rc = db_backup(cli, path, argv[optind + 1]);
    }
    free(path);
    return rc;
}
