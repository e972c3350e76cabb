/* module_text.c - one module as readable plain text (pbl show, and the
 * console's module library). */
#include "pbl/module_text.h"

#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"

/* Writes the module's skills as "a, b, c" into buf. */
void module_skills_text(unsigned skills, char *buf, size_t size)
{
    buf[0] = '\0';
    for (int k = 0; k < SKILL_COUNT; k++)
        if (skills & SKILL_BIT(k)) {
            size_t len = strlen(buf);
            snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                     skill_name((enum pbl_skill)k));
        }
}

/* Writes s made safe for a terminal (see text_safe_step). */
static void put_safe(FILE *out, const char *s)
{
    if (s)
        text_safe_write(out, s, strlen(s), 0);
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
        if (lines[i].len) {
            fprintf(out, "%*s", indent, "");
            text_safe_write(out, s + lines[i].start, lines[i].len, 0);
        }
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

/* What a facilitator sends ahead or hands out: the objectives, the
 * prework, and the role-play cards. */
static void show_preparation(FILE *out, const struct pbl_module *m, int width)
{
    if (m->objectives.n) {
        print_rule(out, "OBJECTIVES", width);
        for (size_t k = 0; k < m->objectives.n; k++) {
            fprintf(out, "  - ");
            print_wrapped(out, m->objectives.v[k], 0, width - 4);
        }
    }
    if (m->prework) {
        print_rule(out, "PREWORK", width);
        print_wrapped(out, m->prework, 2, width);
    }
    if (m->nroles)
        print_rule(out, "ROLES", width);
    for (size_t k = 0; k < m->nroles; k++) {
        fprintf(out, "  %s\n", m->roles[k].name);
        print_wrapped(out, m->roles[k].knows, 4, width);
    }
}

void module_write_text(FILE *out, const struct pbl_module *m, int width)
{
    char skills[128];
    module_skills_text(m->skills, skills, sizeof skills);
    put_safe(out, m->title);
    fputc('\n', out);
    put_safe(out, m->id);
    fprintf(out, ", version %d%s", m->version, m->level ? ", level " : "");
    put_safe(out, m->level);
    fputc('\n', out);
    if (m->summary)
        print_wrapped(out, m->summary, 0, width);
    if (skills[0])
        fprintf(out, "Skills: %s\n", skills);
    if (m->focus >= 0)
        fprintf(out, "Focus: %s\n", skill_name((enum pbl_skill)m->focus));
    print_list(out, "Customers:", &m->customers, width);
    print_list(out, "Tags:", &m->tags, width);
    print_list(out, "Milestones:", &m->milestones, width);
    show_preparation(out, m, width);
    print_rule(out, "SCENARIO", width);
    print_wrapped(out, m->scenario, 2, width);
    if (m->video.url) {
        print_rule(out, "VIDEO", width);
        fputs("  ", out);
        put_safe(out, m->video.title);
        if (m->video.title && m->video.minutes)
            fprintf(out, " (%d min)", m->video.minutes);
        if (m->video.title)
            fputs("\n  ", out);
        put_safe(out, m->video.url);
        fputc('\n', out);
        if (m->video.file) {
            fputs("  file: ", out);
            put_safe(out, m->video.file);
            fputc('\n', out);
        }
    }
    for (size_t i = 0; i < m->nquestions; i++)
        show_question(out, m, i, width);
}
