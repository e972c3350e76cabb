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
                              argv[optind - 1]);
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
    rc = library_load(&lib, paths, npaths, &d);
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

/* Writes the module's skills as "a, b, c" into buf. */
static void skills_text(unsigned skills, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int k = 0; k < SKILL_COUNT; k++)
        if (skills & SKILL_BIT(k)) {
            size_t len = strlen(buf);
            snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                     skill_name((enum pbl_skill)k));
        }
}

/* Prints s padded with spaces to `width` display columns. */
static void print_padded(FILE *out, const char *s, int width)
{
    fputs(s, out);
    for (int w = text_width(s, strlen(s)); w < width; w++)
        fputc(' ', out);
}

static void list_text(struct pbl_cli *cli, const struct pbl_library *lib)
{
    int wid = 2, wtitle = 5;
    for (size_t i = 0; i < lib->n; i++) {
        int a = text_width(lib->mods[i]->id, strlen(lib->mods[i]->id));
        int b = text_width(lib->mods[i]->title, strlen(lib->mods[i]->title));
        wid = a > wid ? a : wid;
        wtitle = b > wtitle ? b : wtitle;
    }
    print_padded(cli->out, "ID", wid + 2);
    print_padded(cli->out, "TITLE", wtitle + 2);
    fprintf(cli->out, " Q  SKILLS\n");
    for (size_t i = 0; i < lib->n; i++) {
        const struct pbl_module *m = lib->mods[i];
        char skills[128];
        skills_text(m->skills, skills, sizeof skills);
        print_padded(cli->out, m->id, wid + 2);
        print_padded(cli->out, m->title, wtitle + 2);
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

/* Prints text reflowed and wrapped to `width`, with `indent` spaces
 * before each line. */
static void print_wrapped(FILE *out, const char *text, int indent, int width)
{
    struct text_line *lines;
    char *s = text_reflow(text);
    if (!s)
        return;
    size_t n = text_wrap(s, strlen(s), width - indent, &lines);
    for (size_t i = 0; i < n; i++) {
        if (lines[i].len)
            fprintf(out, "%*s%.*s", indent, "", (int)lines[i].len,
                    s + lines[i].start);
        fputc('\n', out);
    }
    free(lines);
    free(s);
}

static void print_rule(FILE *out, const char *title, int width)
{
    fputc('\n', out);
    fputs(title, out);
    fputc(' ', out);
    for (int w = text_width(title, strlen(title)) + 1; w < width; w++)
        fputs("─", out);
    fputc('\n', out);
}

static void print_list(FILE *out, const char *label, const struct pbl_strv *v,
                       int width)
{
    if (!v->n)
        return;
    size_t len = strlen(label) + 2;
    for (size_t i = 0; i < v->n; i++)
        len += strlen(v->v[i]) + 2;
    char *buf = malloc(len + 1);
    if (!buf)
        return;
    char *p = buf + sprintf(buf, "%s ", label);
    for (size_t i = 0; i < v->n; i++)
        p += sprintf(p, "%s%s", v->v[i], i + 1 < v->n ? "; " : "");
    print_wrapped(out, buf, 0, width);
    free(buf);
}

static void show_question(FILE *out, const struct pbl_module *m, size_t i,
                          int width)
{
    const struct pbl_question *q = &m->questions[i];
    char head[96];
    if (q->minutes)
        snprintf(head, sizeof head, "QUESTION %zu OF %zu (%s, %d min)", i + 1,
                 m->nquestions, question_kind_name(q->kind), q->minutes);
    else
        snprintf(head, sizeof head, "QUESTION %zu OF %zu (%s)", i + 1,
                 m->nquestions, question_kind_name(q->kind));
    print_rule(out, head, width);
    print_wrapped(out, q->prompt, 2, width);
    fprintf(out, "\n  Model answer:\n");
    print_wrapped(out, q->answer, 4, width);
    if (q->points.n) {
        fprintf(out, "\n  Key points:\n");
        for (size_t k = 0; k < q->points.n; k++) {
            fprintf(out, "    - ");
            print_wrapped(out, q->points.v[k], 0, width - 6);
        }
    }
    if (q->notes) {
        fprintf(out, "\n  Facilitator notes:\n");
        print_wrapped(out, q->notes, 4, width);
    }
}

static void show_module(FILE *out, const struct pbl_module *m, int width)
{
    char skills[128];
    skills_text(m->skills, skills, sizeof skills);
    fprintf(out, "%s\n", m->title);
    fprintf(out, "%s, version %d%s%s\n", m->id, m->version,
            m->level ? ", level " : "", m->level ? m->level : "");
    if (m->summary)
        print_wrapped(out, m->summary, 0, width);
    if (skills[0])
        fprintf(out, "Skills: %s\n", skills);
    print_list(out, "Customers:", &m->customers, width);
    print_list(out, "Tags:", &m->tags, width);
    print_rule(out, "SCENARIO", width);
    print_wrapped(out, m->scenario, 2, width);
    if (m->video.url) {
        print_rule(out, "VIDEO", width);
        if (m->video.title && m->video.minutes)
            fprintf(out, "  %s (%d min)\n", m->video.title, m->video.minutes);
        else if (m->video.title)
            fprintf(out, "  %s\n", m->video.title);
        fprintf(out, "  %s\n", m->video.url);
    }
    for (size_t i = 0; i < m->nquestions; i++)
        show_question(out, m, i, width);
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
        show_module(cli->out, m, output_width(cli->out));
    } else {
        fprintf(cli->err,
                "pbl: no module with id '%s'; 'pbl list' shows "
                "the library\n",
                argv[first]);
        rc = 1;
    }
    library_free(&lib);
    return rc;
}
