/* cmd_console.c - the commands that open the console: pbl (the home
 * screen), facilitate, resume, study and review.
 *
 * Each parses its options, checks the theme, opens the database and the
 * module library, and resolves what the options name (the modules of
 * `facilitate ID...`, the session of `resume [ID]`) before anything is
 * drawn, so a mistake is said on the command line with its exit status;
 * then tui_run (pbl/console.h) shows the screens. `resume --list` prints
 * the unfinished sessions and needs no terminal. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/cli.h"
#include "pbl/clock.h"
#include "pbl/console.h"
#include "pbl/text.h"

/* A console command's arguments: what tui_options does not hold. */
struct console_args {
    bool list;         /* resume --list */
    const char *which; /* resume ID: a session id or the start of one */
    char **ids;        /* the words after the options */
    int nids;
};

/* Parses a console command's options into o and a; returns 0, 1 after
 * printing the help, or 2 after a usage error. */
static int parse_run_opts(struct pbl_cli *cli, int argc, char **argv,
                          struct tui_options *o, struct console_args *a)
{
    static const struct option opts[] = {
        {"group", required_argument, NULL, 'g'},
        {"facilitator", required_argument, NULL, 'f'},
        {"resident", required_argument, NULL, 'R'},
        {"list", no_argument, NULL, 'l'},
        {"remember", no_argument, NULL, 'M'},
        {"take-over", no_argument, NULL, 'T'},
        {"read-only", no_argument, NULL, 'O'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    enum tui_mode mode = o->mode;
    const char *resident = NULL;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hg:f:R:l", opts, NULL)) != -1) {
        const char *opt = c == 'g'   ? "--group"
                          : c == 'f' ? "--facilitator"
                          : c == 'R' ? "--resident"
                                     : NULL;
        if (c == ':')
            return cli_usage_error(cli, argv[0], "option '%s' needs a value",
                                   argv[optind - 1]);
        if (opt && cli_check_text(cli, argv[0], opt, optarg))
            return 2;
        if (c == 'h')
            return cli_help(cli, argv[0]) == 0 ? 1 : 2;
        if (c == 'g' && mode == TUI_FACILITATE)
            o->group = optarg;
        else if (c == 'f' && mode == TUI_FACILITATE)
            o->facilitator = optarg;
        else if (c == 'R' && mode == TUI_STUDY)
            resident = optarg;
        else if (c == 'M' && mode == TUI_STUDY)
            o->remember = true;
        else if (c == 'T' && mode == TUI_RESUME)
            o->open_mode = SESSION_TAKE_OVER;
        else if (c == 'O' && mode == TUI_RESUME)
            o->open_mode = SESSION_FOLLOW;
        else if (c == 'l' && mode == TUI_RESUME)
            a->list = true;
        else
            return cli_usage_error(cli, argv[0], "unknown option '%s'",
                                   cli_bad_option(argc, argv, optopt));
    }
    a->ids = argv + optind;
    a->nids = argc - optind;
    if (mode == TUI_RESUME && a->nids > 1)
        return cli_usage_error(cli, argv[0], "give one session");
    if (mode == TUI_ROOM && a->nids > 1)
        return cli_usage_error(cli, argv[0], "give one session");
    if ((mode == TUI_RESUME || mode == TUI_ROOM) && a->nids == 1)
        a->which = a->ids[0];
    if ((mode == TUI_HOME || mode == TUI_REVIEW) && a->nids)
        return cli_usage_error(cli, mode == TUI_REVIEW ? argv[0] : NULL,
                               "unexpected '%s'", a->ids[0]);
    if (mode == TUI_STUDY && a->nids > 1)
        return cli_usage_error(cli, argv[0], "give one module to study");
    if (mode == TUI_STUDY && a->nids == 1)
        o->study_id = a->ids[0];
    if (o->remember && !resident)
        return cli_usage_error(cli, argv[0], "--remember needs --resident");
    const char *names[] = {o->group, o->facilitator, resident};
    static const char *const what[] = {"--group", "--facilitator",
                                       "--resident"};
    for (int k = 0; k < 3; k++) {
        char *name = text_name(names[k]);
        bool blank = name && !*name;
        if (k == 2 && name && !blank)
            o->resident = name;
        else
            free(name);
        if (blank)
            return cli_usage_error(cli, argv[0], "%s needs a name", what[k]);
    }
    return 0;
}

/* The theme --theme or PBL_THEME names: 0, or 2 after a usage error for
 * an unknown --theme. A stale PBL_THEME must not stop the console: it is
 * a warning, and the default theme is used. */
static int choose_theme(struct pbl_cli *cli, struct tui_options *o)
{
    /* the room view is for a projector unless told otherwise */
    bool room = o->mode == TUI_ROOM && (!cli->theme || cli->theme_from_env);
    const char *theme = room         ? "projector"
                        : cli->theme ? cli->theme
                                     : "default";
    if (theme_find(theme)) {
        o->theme = theme;
        return 0;
    }
    if (!cli->theme_from_env)
        return cli_usage_error(cli, NULL,
                               "unknown theme '%s'; the themes are %s", theme,
                               theme_names());
    fprintf(cli->err,
            "pbl: warning: PBL_THEME '%s' is not a theme (the themes "
            "are %s); using the default\n",
            theme, theme_names());
    o->theme = "default";
    return 0;
}

/* Opens the database and, when the command shows modules, the module
 * library; problems are said on standard error now (it may be a script)
 * and on the first screen (o->message, in `said`). (`resume --list` reads
 * sessions only: a missing or broken library is not its business.) */
static int open_data(struct pbl_cli *cli, struct tui_options *o,
                     bool with_library, char *said, size_t size)
{
    char *err = NULL, *path = store_resolve_path(cli->db_path, &err);
    /* a listing or the room view only reads (but for the room's
     * heartbeat): a read-only folder or disk does not stop it */
    bool reads = !with_library || o->mode == TUI_ROOM;
    unsigned flags = STORE_CREATE | (reads ? STORE_MAY_READONLY : 0);
    if (!path || store_open(path, flags, &o->store, &err) != STORE_OK) {
        fprintf(cli->err, "pbl: %s\n", err ? err : "out of memory");
        free(err);
        free(path);
        return -1;
    }
    free(path);
    if (store_warning(o->store)) {
        fprintf(cli->err, "pbl: %s\n", store_warning(o->store));
        snprintf(said, size, "%s", store_warning(o->store));
        o->message = said;
    }
    if (!with_library)
        return 0;
    struct pbl_diags d = {0};
    if (library_load(&o->lib, cli->module_dirs, cli->nmodule_dirs, &d) < 0) {
        fprintf(cli->err, "pbl: out of memory\n");
        diags_free(&d);
        return -1;
    }
    if (d.n)
        diags_print(&d, cli->err);
    if (d.n && o->mode != TUI_ROOM) { /* nothing of it on the projector */
        snprintf(said, size,
                 "%zu module file%s with problems left out; run 'pbl "
                 "validate'",
                 o->lib.nbad, o->lib.nbad == 1 ? "" : "s");
        o->message = said;
    }
    diags_free(&d);
    return 0;
}

/* What tui_run would have closed and freed, when it does not run. */
static void free_console_data(struct tui_options *o)
{
    store_close(o->store);
    library_free(&o->lib);
    if (o->script)
        fclose(o->script);
    free(o->resident);
}

/* `pbl resume --list`: the unfinished sessions, one a line, for people
 * and scripts, each open in a console now marked "(open on HOST)"; no
 * terminal needed. */
static int list_unfinished(struct pbl_cli *cli, struct pbl_store *store)
{
    struct store_session_list l;
    if (store_list_sessions(store, STORE_LIST_UNFINISHED, &l) != STORE_OK) {
        fprintf(cli->err, "pbl: %s\n", store_error(store));
        return 1;
    }
    time_t now = clock_now();
    for (size_t i = 0; i < l.n; i++) {
        const struct store_session *s = &l.v[i];
        /* names are record text: made safe (an old database may hold
         * anything), padded by display columns */
        text_safe_pad(cli->out, s->uuid, 0);
        fputs("  ", cli->out);
        text_safe_pad(cli->out, s->started_at, 0);
        fprintf(cli->out, "  %-10s  ", store_kind_name(s->kind));
        text_safe_pad(cli->out,
                      s->group_name ? s->group_name
                      : s->resident ? s->resident
                                    : "-",
                      20);
        if (store_stage_of_session(s->stage))
            fputs("  ", cli->out); /* the frame or summary: no module's */
        else if (s->modpos >= 0)
            fprintf(cli->out, "  module %d, ", s->modpos + 1);
        else
            fputs("  module ?, ", cli->out); /* a damaged position */
        text_safe_pad(cli->out, s->stage, 0);
        struct store_lock holder;
        if (store_lock_held(store, s->uuid, now, &holder)) {
            fputs("  (open on ", cli->out); /* the host is record text */
            text_safe_pad(cli->out, holder.host, 0);
            fputc(')', cli->out);
        }
        fputc('\n', cli->out);
    }
    if (!l.n)
        fprintf(cli->out, "No unfinished sessions.\n");
    store_session_list_free(&l);
    return 0;
}

/* `pbl resume` without a session: the only unfinished session, into uuid;
 * with several, uuid stays empty and the home screen lists them first.
 * Returns 1 when there is nothing to resume (said on standard output). */
static int resume_default(struct pbl_cli *cli, struct pbl_store *store,
                          char uuid[STORE_UUID_LEN + 1])
{
    struct store_session_list l;
    if (store_list_sessions(store, STORE_LIST_UNFINISHED, &l) != STORE_OK) {
        fprintf(cli->err, "pbl: %s\n", store_error(store));
        return -1;
    }
    int rc = 0;
    if (l.n == 0) {
        fprintf(cli->out, "No unfinished sessions.\n");
        rc = 1;
    } else if (l.n == 1) {
        snprintf(uuid, STORE_UUID_LEN + 1, "%s", l.v[0].uuid);
    }
    store_session_list_free(&l);
    return rc;
}

/* The session `which` (an id or its start) names, into uuid; -1 with a
 * message when none or several. */
static int find_resume(struct pbl_cli *cli, struct pbl_store *store,
                       const char *which, char uuid[STORE_UUID_LEN + 1])
{
    int rc = store_find_session(store, which, uuid);
    if (rc != STORE_OK) {
        fprintf(cli->err, "pbl: %s\n",
                rc == STORE_NOT_FOUND ? "no session with that id; 'pbl resume' "
                                        "lists the unfinished ones"
                : rc == STORE_AMBIGUOUS ? "that prefix names several sessions; "
                                          "give more of the id"
                                        : store_error(store));
        return -1;
    }
    return 0;
}

/* The library indexes of the modules `pbl facilitate ID...` names, into
 * picked; -1 with a message at the first id the library lacks. */
static int find_modules(struct pbl_cli *cli, const struct pbl_library *lib,
                        char **ids, int nids, size_t *picked)
{
    for (int i = 0; i < nids; i++) {
        const struct pbl_module *m = library_find(lib, ids[i]);
        if (!m) {
            cli_error(cli,
                      "no module with id '%s'; 'pbl list' shows the library",
                      ids[i]);
            return -1;
        }
        size_t k = 0;
        while (lib->mods[k] != m)
            k++;
        picked[i] = k;
    }
    return 0;
}

/* Resolves the modules or the session the arguments name, then runs the
 * console; frees what it opened when the console does not run. */
static int resolve_and_run(struct pbl_cli *cli, struct tui_options *o,
                           const struct console_args *a)
{
    char uuid[STORE_UUID_LEN + 1] = "";
    size_t *picked = calloc((size_t)a->nids + 1, sizeof *picked);
    int rc = picked ? 0 : -1;
    if (rc == 0 && o->mode == TUI_RESUME && !a->which) {
        rc = resume_default(cli, o->store, uuid);
        if (rc > 0) { /* nothing to resume: said, and not a failure */
            free_console_data(o);
            free(picked);
            return 0;
        }
    }
    if (rc == 0 && o->mode == TUI_FACILITATE)
        rc = find_modules(cli, &o->lib, a->ids, a->nids, picked);
    if (rc == 0 && a->which)
        rc = find_resume(cli, o->store, a->which, uuid);
    if (rc < 0) {
        free_console_data(o);
        free(picked);
        return 1;
    }
    if (o->mode == TUI_FACILITATE) {
        o->modules = picked;
        o->nmodules = (size_t)a->nids;
    }
    o->session = uuid[0] ? uuid : NULL;
    rc = tui_run(o);
    free(picked);
    return rc;
}

/* A console command: options, theme, script, data, then the screens. */
static int run_console(struct pbl_cli *cli, int argc, char **argv,
                       enum tui_mode mode)
{
    struct tui_options o = {.out = cli->out, .err = cli->err, .mode = mode};
    struct console_args a = {0};
    char said[1024];
    int rc = parse_run_opts(cli, argc, argv, &o, &a);
    if (rc == 0)
        rc = choose_theme(cli, &o);
    if (rc) {
        free(o.resident);
        return rc == 1 ? 0 : rc;
    }
    const char *script = getenv("PBL_SCRIPT");
    if (script && *script && !(o.script = fopen(script, "r"))) {
        fprintf(cli->err, "pbl: cannot read PBL_SCRIPT %s: %s\n", script,
                strerror(errno));
        free(o.resident);
        return 1;
    }
    o.dump_dir = getenv("PBL_DUMP_DIR");
    /* the room reads modules from the session's snapshots, the library
     * only for the skills vocabulary (its opening slide) */
    bool library = !(mode == TUI_RESUME && a.list);
    if (open_data(cli, &o, library, said, sizeof said) < 0) {
        free_console_data(&o);
        return 1;
    }
    if (mode == TUI_RESUME && a.list) {
        rc = list_unfinished(cli, o.store);
        free_console_data(&o);
        return rc;
    }
    return resolve_and_run(cli, &o, &a);
}

int cmd_home(struct pbl_cli *cli, int argc, char **argv)
{
    return run_console(cli, argc, argv, TUI_HOME);
}

int cmd_facilitate(struct pbl_cli *cli, int argc, char **argv)
{
    return run_console(cli, argc, argv, TUI_FACILITATE);
}

int cmd_resume(struct pbl_cli *cli, int argc, char **argv)
{
    return run_console(cli, argc, argv, TUI_RESUME);
}

int cmd_study(struct pbl_cli *cli, int argc, char **argv)
{
    return run_console(cli, argc, argv, TUI_STUDY);
}

int cmd_review(struct pbl_cli *cli, int argc, char **argv)
{
    return run_console(cli, argc, argv, TUI_REVIEW);
}

int cmd_room(struct pbl_cli *cli, int argc, char **argv)
{
    return run_console(cli, argc, argv, TUI_ROOM);
}
