/* cmd_sync.c - `pbl merge FILE.db`: another pbl database merged into this
 * one by the rules of sync.h (src/store_sync.c). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/cli.h"
#include "pbl/store.h"
#include "pbl/sync.h"

/* Opens (creating it when missing) the database this pbl writes; NULL
 * with the message printed on failure. */
static struct pbl_store *open_rw(struct pbl_cli *cli)
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
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(cli, "merge");
        return cli_usage_error(cli, "merge", "unknown option '%s'",
                               cli_bad_option(argc, argv, optopt));
    }
    if (argc - optind != 1)
        return cli_usage_error(cli, "merge", "say which FILE to merge");
    struct pbl_store *st = open_rw(cli);
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
