/* cmd_sync.c - `pbl merge FILE.db`: another pbl database merged into this
 * one by the rules of sync.h (src/store_sync.c); `pbl sync [URL]`: this
 * database synced with the department's hub (src/hub_sync.c).
 *
 * The hub is URL, else $PBL_HUB, else the setting `pbl db set hub URL`
 * stored. A sync's outcome is kept in the settings hub.last_sync (when it
 * last succeeded) and hub.last_error (why the last one failed, removed by
 * a success), which the console's home screen shows. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pbl/cli.h"
#include "pbl/clock.h"
#include "pbl/hub.h"
#include "pbl/store.h"
#include "pbl/sync.h"

/* See cli.h. */
struct pbl_store *cli_open_rw(struct pbl_cli *cli)
{
    char *err = NULL;
    char *path = store_resolve_path(cli->db_path, &err);
    struct pbl_store *st = NULL;
    if (!path || store_open(path, STORE_CREATE, &st, &err) != STORE_OK) {
        cli_error(cli, "%s", err ? err : "out of memory");
        st = NULL;
    } else if (store_readonly(st)) {
        cli_error(cli, "%s",
                  store_warning(st) ? store_warning(st)
                                    : "the database is read-only");
        store_close(st);
        st = NULL;
    }
    free(err);
    free(path);
    return st;
}

/* `pbl merge FILE`: 0 merged, 1 failure (nothing changed), 2 usage. */
int cmd_merge(struct pbl_cli *cli, int argc, char **argv)
{
    int done = cli_help_only(cli, "merge", argc, argv);
    if (done >= 0)
        return done;
    if (argc - optind != 1)
        return cli_usage_error(cli, "merge", "say which FILE to merge");
    struct pbl_store *st = cli_open_rw(cli);
    if (!st)
        return 1;
    struct sync_tally t;
    int rc = 0;
    if (store_merge_file(st, argv[optind], &t) != STORE_OK) {
        cli_error(cli, "%s", store_error(st));
        rc = 1;
    } else {
        char what[64];
        snprintf(what, sizeof what, "merged");
        sync_tally_print(cli->out, what, &t);
    }
    store_close(st);
    return rc;
}

/* The hub's URL: the argument, else $PBL_HUB, else the stored setting;
 * malloc'd, NULL (message printed) when there is none. */
static char *hub_url(struct pbl_cli *cli, struct pbl_store *st, const char *arg)
{
    const char *env = getenv("PBL_HUB");
    char *url = NULL;
    if (arg)
        url = strdup(arg);
    else if (env && *env)
        url = strdup(env);
    else if (store_get_setting(st, "hub", &url) != STORE_OK)
        url = NULL;
    if (!url || !*url) {
        cli_error(cli, "no hub: give its URL, set PBL_HUB, or store it with "
                       "'pbl db set hub URL'");
        free(url);
        return NULL;
    }
    return url;
}

/* Records the outcome of a sync for the home screen (best effort: a
 * failure to record it is not the sync's). */
static void note_outcome(struct pbl_store *st, const char *error)
{
    char now[CLOCK_ISO_LEN + 1];
    clock_now_iso(now);
    char *had = NULL;
    if (!error)
        store_set_setting(st, "hub.last_sync", now);
    if (error || (store_get_setting(st, "hub.last_error", &had) == STORE_OK &&
                  had)) /* one write less when nothing changes */
        store_set_setting(st, "hub.last_error", error);
    free(had);
}

/* hub_progress_fn: a bar on standard error ("pushing [####    ]"),
 * redrawn in place, and erased by clear_progress when the sync ends. */
static void show_progress(void *ctx, const char *what, int done, int total)
{
    FILE *f = ctx;
    int w = total > 0 ? 20 * done / total : 20;
    fprintf(f, "\r%-8s [%.*s%*s]", what, w, "####################", 20 - w, "");
    fflush(f);
}

/* Erases the progress bar's line. */
static void clear_progress(struct pbl_cli *cli, bool shown)
{
    if (shown) {
        fputs("\r\033[K", cli->err);
        fflush(cli->err);
    }
}

/* `pbl sync [--full] [URL]`: 0 synced, 1 failure, 2 usage. */
int cmd_sync(struct pbl_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"full", no_argument, NULL, 'f'},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    bool full = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(cli, "sync");
        if (c != 'f')
            return cli_usage_error(cli, "sync", "unknown option '%s'",
                                   cli_bad_option(argc, argv, optopt));
        full = true;
    }
    if (argc - optind > 1)
        return cli_usage_error(cli, "sync", "one URL at most");
    struct pbl_store *st = cli_open_rw(cli);
    if (!st)
        return 1;
    char *url = hub_url(cli, st, optind < argc ? argv[optind] : NULL);
    struct pbl_hub *h = NULL;
    char err[1024] = "";
    struct sync_tally in, out;
    int rc = 1;
    bool bar = isatty(fileno(cli->err));
    if (url && hub_connect(url, &h, err, sizeof err) == 0 && bar)
        hub_set_progress(h, show_progress, cli->err);
    int synced = h && hub_sync(h, st, full, &in, &out, err, sizeof err) == 0;
    clear_progress(cli, bar && h);
    if (synced) {
        sync_tally_print(cli->out, "pulled", &in);
        sync_tally_print(cli->out, "pushed", &out);
        fprintf(cli->out, "synced with %s\n", hub_name(h));
        note_outcome(st, NULL);
        rc = 0;
    } else if (url) {
        cli_error(cli, "%s", err);
        note_outcome(st, err);
    }
    hub_close(h);
    free(url);
    store_close(st);
    return rc;
}
