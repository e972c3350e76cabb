/* cmd_hub.c - `pbl hub`: the department's hub, for its administrator.
 *
 *   pbl hub init URL                      create or upgrade its schema
 *   pbl hub grant ROLE LOGIN --as NAME    add a person (ROLE: director,
 *                                         facilitator or resident)
 *
 * grant's hub is --hub URL, else $PBL_HUB. Credentials come from libpq
 * (~/.pgpass, PGSERVICE, PGPASSWORD); a URL's password is never printed. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/cli.h"
#include "pbl/hub.h"

/* `pbl hub init [--restored] URL`. */
static int hub_init_cmd(struct pbl_cli *cli, const char *url, bool restored)
{
    struct pbl_hub *h = NULL;
    char err[1024];
    int was = 0;
    /* PBL_TEST_HUB_SCHEMA: stop at an older schema (the upgrade's tests) */
    const char *to = getenv("PBL_TEST_HUB_SCHEMA");
    int target = to ? atoi(to) : 0;
    if (target <= 0 || target > HUB_SCHEMA_VERSION)
        target = HUB_SCHEMA_VERSION;
    if (hub_connect(url, &h, err, sizeof err) != 0 ||
        hub_init(h, target, &was, err, sizeof err) != 0 ||
        (restored && hub_new_identity(h, err, sizeof err) != 0)) {
        cli_error(cli, "%s", err);
        hub_close(h);
        return 1;
    }
    if (restored)
        fprintf(cli->out,
                "the hub %s has a new identity: each machine's next sync "
                "compares every session and pushes what the backup lacked\n",
                hub_name(h));
    if (was >= target)
        fprintf(cli->out, "the hub %s is up to date (schema %d)\n", hub_name(h),
                was);
    else if (was == 0)
        fprintf(cli->out, "the hub %s is ready (schema %d)\n", hub_name(h),
                target);
    else
        fprintf(cli->out, "the hub %s was upgraded from schema %d to %d\n",
                hub_name(h), was, target);
    hub_close(h);
    return 0;
}

/* `pbl hub grant ROLE LOGIN --as NAME`. */
static int hub_grant_cmd(struct pbl_cli *cli, const char *url, char **args,
                         const char *name)
{
    struct pbl_hub *h = NULL;
    char err[1024];
    if (hub_connect(url, &h, err, sizeof err) != 0 ||
        hub_grant(h, args[0], args[1], name, err, sizeof err) != 0) {
        cli_error(cli, "%s", err);
        hub_close(h);
        return 1;
    }
    fprintf(cli->out, "%s is a %s on the hub %s, as \"%s\"\n", args[1], args[0],
            hub_name(h), name);
    hub_close(h);
    return 0;
}

/* Parses `pbl hub ACTION ...`; 0 ok, 1 failure, 2 usage. */
int cmd_hub(struct pbl_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"as", required_argument, NULL, 'a'},
                                         {"hub", required_argument, NULL, 'u'},
                                         {"restored", no_argument, NULL, 'r'},
                                         {NULL, 0, NULL, 0}};
    const char *name = NULL, *url = getenv("PBL_HUB");
    bool restored = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(cli, "hub");
        else if (c == 'a')
            name = optarg;
        else if (c == 'u')
            url = optarg;
        else if (c == 'r')
            restored = true;
        else
            return cli_usage_error(cli, "hub", "unknown option '%s'",
                                   cli_bad_option(argc, argv, optopt));
    }
    int n = argc - optind;
    const char *action = n > 0 ? argv[optind] : "";
    if (strcmp(action, "init") == 0) {
        if (n != 2)
            return cli_usage_error(cli, "hub", "init needs the hub's URL");
        return hub_init_cmd(cli, argv[optind + 1], restored);
    }
    if (strcmp(action, "grant") == 0) {
        if (n != 3 || !name)
            return cli_usage_error(cli, "hub",
                                   "grant needs ROLE LOGIN --as NAME");
        if (cli_check_text(cli, "hub", "--as", name) != 0)
            return 2;
        if (!url || !*url)
            return cli_usage_error(cli, "hub",
                                   "grant needs --hub URL or PBL_HUB");
        return hub_grant_cmd(cli, url, argv + optind + 1, name);
    }
    return cli_usage_error(cli, "hub",
                           "say init URL or grant ROLE LOGIN "
                           "--as NAME");
}
