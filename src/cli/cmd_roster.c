/* cmd_roster.c - `pbl roster`: the residents of the program.
 *
 *   pbl roster add NAME --class PGY2 [--email E]
 *   pbl roster list [--all]
 *   pbl roster rename OLD NEW
 *   pbl roster retire NAME
 *   pbl roster show NAME
 *
 * Names are matched however spaced or cased, and by a former name after a
 * rename. Everything printed from the database is made safe for the
 * terminal (text_safe_pad). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/cli.h"
#include "pbl/clock.h"
#include "pbl/roster.h"
#include "pbl/text.h"

/* Options of `pbl roster ACTION`, parsed in one place. */
struct roster_args {
    const char *klass;
    const char *email;
    bool all;
    char **words; /* the words after the action */
    int nwords;
};

/* Opens the database for list and show (read-only when it cannot be
 * written); prints the error and returns NULL on failure. Writes open it
 * with cli_open_rw(). */
static struct pbl_store *open_for_reading(struct pbl_cli *cli)
{
    char *err = NULL;
    char *path = store_resolve_path(cli->db_path, &err);
    struct pbl_store *st = NULL;
    if (!path || store_open(path, STORE_MAY_READONLY, &st, &err) != STORE_OK) {
        cli_error(cli, "%s", err ? err : "out of memory");
        st = NULL;
    } else if (store_warning(st)) {
        cli_error(cli, "%s", store_warning(st));
    }
    free(err);
    free(path);
    return st;
}

/* Prints store_error() and returns 1. */
static int store_failure(struct pbl_cli *cli, struct pbl_store *st)
{
    cli_error(cli, "%s", store_error(st));
    return 1;
}

/* Prints what was done and the name it was done to (stored form, made
 * safe); returns 0. */
static int say(struct pbl_cli *cli, const char *what, const char *name)
{
    char *stored = text_name(name);
    fputs(what, cli->out);
    if (stored)
        text_safe_write(cli->out, stored, strlen(stored), 0);
    putc('\n', cli->out);
    free(stored);
    return 0;
}

/* Prints the roster as an aligned table. */
static void print_list(struct pbl_cli *cli, const struct roster_list *l)
{
    int wname = 4, wemail = 5;
    for (size_t i = 0; i < l->n; i++) {
        int w = text_safe_width(l->v[i].name, strlen(l->v[i].name), 0);
        wname = w > wname ? w : wname;
        if (l->v[i].email) {
            w = text_safe_width(l->v[i].email, strlen(l->v[i].email), 0);
            wemail = w > wemail ? w : wemail;
        }
    }
    text_safe_pad(cli->out, "NAME", wname + 2);
    text_safe_pad(cli->out, "CLASS", 7);
    text_safe_pad(cli->out, "EMAIL", wemail + 2);
    fputs("STATUS\n", cli->out);
    for (size_t i = 0; i < l->n; i++) {
        const struct roster_resident *r = &l->v[i];
        text_safe_pad(cli->out, r->name, wname + 2);
        text_safe_pad(cli->out, r->klass, 7);
        text_safe_pad(cli->out, r->email ? r->email : "-", wemail + 2);
        fputs(r->active ? "active\n" : "graduated\n", cli->out);
    }
}

/* `pbl roster show NAME`: the resident, former names and every session. */
static int show(struct pbl_cli *cli, struct pbl_store *st, const char *name)
{
    struct roster_resident r;
    if (roster_find(st, name, &r) != STORE_OK)
        return store_failure(cli, st);
    struct pbl_strv former;
    struct roster_records rec;
    int rc = 0;
    if (roster_former_names(st, r.id, &former) != STORE_OK) {
        roster_resident_free(&r);
        return store_failure(cli, st);
    }
    if (roster_resident_records(st, r.id, &rec) != STORE_OK) {
        rc = store_failure(cli, st);
    } else {
        text_safe_write(cli->out, r.name, strlen(r.name), 0);
        fprintf(cli->out, " (%s, %s)\n", r.klass,
                r.active ? "active" : "graduated");
        for (size_t i = 0; i < former.n; i++) {
            fputs("  formerly ", cli->out);
            text_safe_write(cli->out, former.v[i], strlen(former.v[i]), 0);
            putc('\n', cli->out);
        }
        for (size_t i = 0; i < rec.n; i++) {
            const struct roster_record *x = &rec.v[i];
            char when[64];
            clock_when_text(x->started_at, false, when, sizeof when);
            fprintf(cli->out, "%s  %.8s  %-10s  %-9s  ", when, x->uuid,
                    x->kind == STORE_GROUP ? "group" : "self-study",
                    store_status_name(x->status));
            text_safe_write(cli->out, x->label ? x->label : "-",
                            x->label ? strlen(x->label) : 1, 0);
            if (x->kind == STORE_GROUP)
                fprintf(cli->out, "  (spoke to %d question%s)", x->spoke,
                        x->spoke == 1 ? "" : "s");
            putc('\n', cli->out);
        }
        if (rec.n == 0)
            fputs("no sessions yet\n", cli->out);
        roster_records_free(&rec);
    }
    store_strv_free(&former);
    roster_resident_free(&r);
    return rc;
}

/* Runs one action on an open store; the exit status. */
static int run_action(struct pbl_cli *cli, struct pbl_store *st,
                      const char *action, const struct roster_args *a)
{
    if (strcmp(action, "add") == 0) {
        if (roster_add(st, a->words[0], a->klass, a->email, NULL) != STORE_OK)
            return store_failure(cli, st);
        return say(cli, "added to the roster: ", a->words[0]);
    }
    if (strcmp(action, "rename") == 0) {
        if (roster_rename(st, a->words[0], a->words[1]) != STORE_OK)
            return store_failure(cli, st);
        return say(cli,
                   "renamed; the old name still finds them: ", a->words[1]);
    }
    if (strcmp(action, "retire") == 0) {
        if (roster_retire(st, a->words[0]) != STORE_OK)
            return store_failure(cli, st);
        return say(cli, "graduated (records kept): ", a->words[0]);
    }
    if (strcmp(action, "show") == 0)
        return show(cli, st, a->words[0]);
    struct roster_list l;
    if (roster_list(st, a->all, &l) != STORE_OK)
        return store_failure(cli, st);
    if (l.n == 0)
        cli_error(cli, "the roster is empty; add a resident with"
                       " 'pbl roster add NAME --class PGY1'");
    else
        print_list(cli, &l);
    roster_list_free(&l);
    return 0;
}

/* The number of words an action takes, or -1 for no such action. */
static int action_words(const char *action)
{
    static const struct {
        const char *name;
        int words;
    } actions[] = {
        {"add", 1}, {"list", 0}, {"rename", 2}, {"retire", 1}, {"show", 1}};
    for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
        if (strcmp(action, actions[i].name) == 0)
            return actions[i].words;
    return -1;
}

/* Checks the options and words against the action; 0, or the usage
 * error's status. */
static int check_args(struct pbl_cli *cli, const char *action,
                      const struct roster_args *a)
{
    int want = action_words(action);
    if (want < 0)
        return cli_usage_error(cli, "roster", "unknown action '%s'", action);
    if (a->nwords != want)
        return cli_usage_error(cli, "roster", "%s takes %d name%s", action,
                               want, want == 1 ? "" : "s");
    if (strcmp(action, "add") == 0 && !a->klass)
        return cli_usage_error(cli, "roster", "add needs --class");
    char cls[ROSTER_CLASS_MAX];
    if (a->klass && roster_class_parse(a->klass, cls) != 0)
        return cli_usage_error(cli, "roster",
                               "--class is PGY1 to PGY5 or a graduation year"
                               " (e.g. 2027), not '%s'",
                               a->klass);
    if (strcmp(action, "add") != 0 && (a->klass || a->email))
        return cli_usage_error(cli, "roster",
                               "--class and --email are for add only");
    if (a->all && strcmp(action, "list") != 0)
        return cli_usage_error(cli, "roster", "--all is for list only");
    for (int i = 0; i < a->nwords; i++) {
        int rc = cli_check_text(cli, "roster", "a name", a->words[i]);
        if (rc)
            return rc;
    }
    if (a->email && cli_check_text(cli, "roster", "--email", a->email))
        return 2;
    return 0;
}

int cmd_roster(struct pbl_cli *cli, int argc, char **argv)
{
    static const struct option opts[] = {
        {"class", required_argument, NULL, 'c'},
        {"email", required_argument, NULL, 'e'},
        {"all", no_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    struct roster_args a = {0};
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h')
            return cli_help(cli, "roster");
        else if (c == 'c')
            a.klass = optarg;
        else if (c == 'e')
            a.email = optarg;
        else if (c == 'a')
            a.all = true;
        else
            return cli_usage_error(cli, "roster", "unknown option '%s'",
                                   cli_bad_option(argc, argv, optopt));
    }
    if (optind >= argc)
        return cli_usage_error(cli, "roster",
                               "say add, list, rename, retire or show");
    const char *action = argv[optind];
    a.words = argv + optind + 1;
    a.nwords = argc - optind - 1;
    int rc = check_args(cli, action, &a);
    if (rc)
        return rc;
    bool writes = strcmp(action, "list") != 0 && strcmp(action, "show") != 0;
    struct pbl_store *st = writes ? cli_open_rw(cli) : open_for_reading(cli);
    if (!st)
        return 1;
    rc = run_action(cli, st, action, &a);
    store_close(st);
    return rc;
}
