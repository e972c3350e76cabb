/* report_html.c - the report as one self-contained page (like the HTML
 * export: its own CSS, no script, no external file, a
 * Content-Security-Policy saying so), with charts drawn as inline SVG
 * beside the tables that hold their numbers:
 *  - skills: a bar per skill, named when a target (solid) and missed
 *    (hatched), out of the discussions where it was a target;
 *  - residents: each resident's rate of naming a targeted skill, against
 *    the cohort's (a dashed line);
 *  - skills over time (--by): a line per skill, each its own dash and
 *    marker, so that print and greyscale keep them apart.
 * Every text goes through html_write_escaped(). The tables are read once
 * from the store into memory (aggregates: a few rows per skill, module,
 * resident or period). */
#include <stdlib.h>
#include <string.h>

#include "pbl/module.h"
#include "report_impl.h"

static const char css[] =
    "@page { size: A4; margin: 14mm 14mm; }\n"
    "html { color: #111; background: #fff; }\n"
    "body { font: 10.5pt/1.4 'Helvetica Neue', Arial, 'DejaVu Sans',"
    " sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1.5em; }\n"
    "h1 { font-size: 19pt; margin: 0 0 .2em; }\n"
    "h2 { font-size: 13pt; border-bottom: 2px solid #333;"
    " padding-bottom: .15em; margin: 1.6em 0 .5em; break-after: avoid;"
    " page-break-after: avoid; }\n"
    "p.lead { color: #333; margin: 0 0 .3em; }\n"
    "section { break-inside: avoid; page-break-inside: avoid; }\n"
    ".pair { display: flex; flex-wrap: wrap; gap: 1.5em;"
    " align-items: flex-start; }\n"
    "figure { margin: 0; }\n"
    "figcaption { font-size: 9pt; color: #444; }\n"
    "svg text { font: 10px 'DejaVu Sans', Arial, sans-serif; fill: #111; }\n"
    "table.data { border-collapse: collapse; font-size: 9.5pt; }\n"
    "table.data th, table.data td { padding: .1em .8em .1em 0;"
    " border-bottom: 1px solid #ccc; text-align: left;"
    " vertical-align: top; }\n"
    "table.data th { font-weight: 600; color: #333; }\n"
    "table.data .num { text-align: right; font-variant-numeric:"
    " tabular-nums; }\n"
    ".none { color: #666; font-style: italic; }\n"
    "@media print { body { margin: 0; max-width: none; padding: 0; } }\n";

/* A table read into memory: cells row by row. */
struct grid {
    const struct rp_table *t;
    size_t n, cap;
    char **text; /* n * ncols copies, NULL for SQL NULL */
    long long *num;
};

static int grid_row(void *arg, const struct store_report_cell *c,
                    const char *json)
{
    struct grid *g = arg;
    size_t nc = (size_t)g->t->ncols;
    if (g->n == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 16;
        char **t = realloc(g->text, cap * nc * sizeof *t);
        if (!t)
            return -1;
        g->text = t;
        long long *v = realloc(g->num, cap * nc * sizeof *v);
        if (!v)
            return -1;
        g->num = v;
        g->cap = cap;
    }
    for (size_t i = 0; i < nc; i++) {
        char *s = c[i].null || !c[i].text ? NULL : strdup(c[i].text);
        if (!c[i].null && c[i].text && !s) {
            while (i-- > 0)
                free(g->text[g->n * nc + i]);
            return -1;
        }
        g->text[g->n * nc + i] = s;
        g->num[g->n * nc + i] = c[i].num;
    }
    g->n++;
    return 0;
}

static int grid_read(struct store_report *q, const struct rp_table *t,
                     struct grid *g, char **err)
{
    memset(g, 0, sizeof *g);
    g->t = t;
    return store_report_rows(q, t->key, t->cols, t->ncols, grid_row, g, err);
}

static void grid_free(struct grid *g)
{
    for (size_t i = 0; i < g->n * (size_t)g->t->ncols; i++)
        free(g->text[i]);
    free(g->text);
    free(g->num);
}

/* The column of g named `name`, or -1. */
static int col(const struct grid *g, const char *name)
{
    for (int i = 0; i < g->t->ncols; i++)
        if (strcmp(g->t->cols[i], name) == 0)
            return i;
    return -1;
}

/* A cell's text, "" for NULL (a damaged record's date, say). */
static const char *cell_text(const struct grid *g, size_t r, int c)
{
    const char *v = g->text[r * (size_t)g->t->ncols + (size_t)c];
    return v ? v : "";
}

static long long cell_num(const struct grid *g, size_t r, int c)
{
    return g->num[r * (size_t)g->t->ncols + (size_t)c];
}

#define E(out, s) html_write_escaped((out), (s))

/* The table's head. */
static void table_head(FILE *out, const struct rp_table *t)
{
    fputs("<table class=\"data\">\n<thead><tr>", out);
    for (int i = 0; i < t->ncols; i++) {
        char head[64];
        rp_heading(t->cols[i], head, sizeof head);
        fprintf(out, "<th scope=\"col\"%s>",
                RP_IS_TEXT(t->types[i]) ? "" : " class=\"num\"");
        E(out, head);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
}

/* One row: every cell shown (no blanks for repeats), numbers to the
 * right, seconds as m:ss, percentages with '%'. */
static void table_row(FILE *out, const struct rp_table *t,
                      const struct store_report_cell *c)
{
    fputs("<tr>", out);
    for (int i = 0; i < t->ncols; i++) {
        char buf[64];
        const char *v = rp_cell(&c[i], t->types[i], buf, sizeof buf);
        fputs(RP_IS_TEXT(t->types[i]) ? "<td dir=\"auto\">"
                                      : "<td class=\"num\">",
              out);
        E(out, v ? v : "-");
        fputs("</td>", out);
    }
    fputs("</tr>\n", out);
}

/* The end of a table of n rows ("None." when there was none). */
static void table_end(FILE *out, size_t n)
{
    fputs(n ? "</tbody>\n</table>\n" : "<p class=\"none\">None.</p>\n", out);
}

/* A table kept in memory (for its chart), as HTML. */
static void write_table(FILE *out, const struct grid *g)
{
    const struct rp_table *t = g->t;
    struct store_report_cell c[RP_MAX_COLS];
    if (g->n)
        table_head(out, t);
    for (size_t r = 0; r < g->n; r++) {
        for (int i = 0; i < t->ncols; i++) {
            const char *v = g->text[r * (size_t)t->ncols + (size_t)i];
            c[i] = (struct store_report_cell){!v, cell_num(g, r, i), v};
        }
        table_row(out, t, c);
    }
    table_end(out, g->n);
}

/* A table without a chart, written as its rows come (memory does not
 * grow with a long table, such as every key point of a large library). */
struct stream_ctx {
    FILE *out;
    const struct rp_table *t;
    size_t n;
};

static int stream_row(void *arg, const struct store_report_cell *c,
                      const char *json)
{
    struct stream_ctx *x = arg;
    if (x->n++ == 0)
        table_head(x->out, x->t);
    table_row(x->out, x->t, c);
    return 0;
}

/* Shared SVG definitions: the hatch of a missed bar. */
void rp_svg_open(FILE *out, int w, int h, const char *label)
{
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
            "height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
            "aria-label=\"",
            w, h, w, h);
    E(out, label);
    fputs("\">\n<defs><pattern id=\"hatch\" width=\"5\" height=\"5\" "
          "patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" "
          "fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" "
          "stroke=\"#555\" stroke-width=\"2\"/></pattern></defs>\n",
          out);
}

/* A bar's label, right-aligned to end at x. */
static void svg_label(FILE *out, int x, int y, const char *text)
{
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", x, y);
    E(out, text);
    fputs("</text>\n", out);
}

void rp_svg_legend(FILE *out, int x, int y, const char *solid,
                   const char *hatched)
{
    fprintf(out,
            "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
            "fill=\"#404040\"/><text x=\"%d\" y=\"%d\">%s</text>\n"
            "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" "
            "fill=\"url(#hatch)\" stroke=\"#555\"/>"
            "<text x=\"%d\" y=\"%d\">%s</text>\n",
            x, y, x + 14, y + 9, solid, x + 80, y, x + 94, y + 9, hatched);
}

/* Skills: per skill that was a target, a bar of its target discussions,
 * named (solid) then missed (hatched). */
static void chart_skills(FILE *out, const struct grid *g)
{
    int cs = col(g, "skill"), ct = col(g, "target"), cm = col(g, "missed");
    long long max = 0;
    int bars = 0;
    for (size_t r = 0; r < g->n; r++) {
        long long t = cell_num(g, r, ct);
        max = t > max ? t : max;
        bars += t > 0;
    }
    if (!bars)
        return;
    const int x0 = 90, w = 220, row = 20;
    int h = 26 + bars * row;
    fputs("<figure>\n", out);
    rp_svg_open(out, x0 + w + 70, h, "Skills named and missed when a target");
    int y = 4;
    for (size_t r = 0; r < g->n; r++) {
        long long t = cell_num(g, r, ct), m = cell_num(g, r, cm);
        if (t <= 0)
            continue;
        int wn = (int)((t - m) * w / max), wm = (int)(m * w / max);
        svg_label(out, x0 - 6, y + 12, cell_text(g, r, cs));
        fprintf(out,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\""
                " fill=\"#404040\"/>\n<rect x=\"%d\" y=\"%d\" width=\"%d\""
                " height=\"14\" fill=\"url(#hatch)\" stroke=\"#555\"/>\n"
                "<text x=\"%d\" y=\"%d\">%lld of %lld</text>\n",
                x0, y, wn, x0 + wn, y, wm, x0 + wn + wm + 4, y + 12, t - m, t);
        y += row;
    }
    rp_svg_legend(out, x0, y + 2, "named", "missed");
    fputs("</svg>\n", out);
    fputs("<figcaption>Discussions where the skill was a target: named "
          "(solid) and missed (hatched).</figcaption>\n</figure>\n",
          out);
}

/* Residents: each one's rate of naming a targeted skill, and the
 * cohort's (every resident's targets together) as a dashed line. */
static void chart_residents(FILE *out, const struct grid *g)
{
    int cr = col(g, "resident"), ct = col(g, "target"),
        cn = col(g, "named_target");
    long long all_t = 0, all_n = 0;
    int bars = 0;
    for (size_t r = 0; r < g->n; r++)
        if (cell_num(g, r, ct) > 0) {
            all_t += cell_num(g, r, ct);
            all_n += cell_num(g, r, cn);
            bars++;
        }
    if (!bars)
        return;
    const int x0 = 110, w = 200, row = 18;
    int h = 30 + bars * row;
    fputs("<figure>\n", out);
    rp_svg_open(out, x0 + w + 50, h, "Each resident against the cohort");
    int y = 4;
    for (size_t r = 0; r < g->n; r++) {
        long long t = cell_num(g, r, ct), n = cell_num(g, r, cn);
        if (t <= 0)
            continue;
        int pct = (int)((200 * n + t) / (2 * t));
        svg_label(out, x0 - 6, y + 11, cell_text(g, r, cr));
        fprintf(out,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\""
                " fill=\"#404040\"/>\n<text x=\"%d\" y=\"%d\">%d%%</text>\n",
                x0, y, pct * w / 100, x0 + pct * w / 100 + 4, y + 10, pct);
        y += row;
    }
    int cohort = (int)((200 * all_n + all_t) / (2 * all_t));
    int cx = x0 + cohort * w / 100;
    fprintf(out,
            "<line x1=\"%d\" y1=\"0\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" "
            "stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n"
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">cohort "
            "%d%%</text>\n</svg>\n",
            cx, cx, y, cx, y + 14, cohort);
    fputs("<figcaption>Targeted skills named, per resident; the dashed line "
          "is the cohort.</figcaption>\n</figure>\n",
          out);
}

/* Skills over time: x the periods, y the rate of naming a skill when a
 * target (0-100%); one line per skill, each with its own dash and
 * marker. */
static void chart_trend(FILE *out, const struct grid *g)
{
    static const char *const dash[SKILL_COUNT] = {"none", "6 3", "2 2",
                                                  "8 3 2 3", "1 3"};
    int cp = col(g, "period"), cs = col(g, "skill"),
        cr = col(g, "named_target_pct");
    /* the periods, in order (the rows are sorted by period) */
    size_t np = 0;
    for (size_t r = 0; r < g->n; r++)
        if (r == 0 || strcmp(cell_text(g, r, cp), cell_text(g, r - 1, cp)))
            np++;
    if (np == 0)
        return;
    const int x0 = 40, w = 320, y0 = 10, h = 120;
    fputs("<figure>\n", out);
    rp_svg_open(out, x0 + w + 110, y0 + h + 30, "Skills over time");
    for (int p = 0; p <= 100; p += 50)
        fprintf(out,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                "stroke=\"#bbb\"/><text x=\"%d\" y=\"%d\" "
                "text-anchor=\"end\">%d%%</text>\n",
                x0, y0 + h - p * h / 100, x0 + w, y0 + h - p * h / 100, x0 - 4,
                y0 + h - p * h / 100 + 3, p);
    size_t pi = 0;
    for (size_t r = 0; r < g->n; r++) {
        if (r && !strcmp(cell_text(g, r, cp), cell_text(g, r - 1, cp)))
            continue;
        int x = x0 + (np == 1 ? w / 2 : (int)(pi * (size_t)w / (np - 1)));
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", x,
                y0 + h + 14);
        E(out, cell_text(g, r, cp));
        fputs("</text>\n", out);
        pi++;
    }
    for (size_t k = 0; k < (size_t)SKILL_COUNT; k++) {
        const char *skill = skill_name((enum pbl_skill)k);
        fprintf(out,
                "<polyline fill=\"none\" stroke=\"#111\" stroke-width=\"1.6\""
                " stroke-dasharray=\"%s\" points=\"",
                dash[k]);
        pi = 0;
        int drawn = 0;
        for (size_t r = 0; r < g->n; r++) {
            if (r && strcmp(cell_text(g, r, cp), cell_text(g, r - 1, cp)))
                pi++;
            if (strcmp(cell_text(g, r, cs), skill) || !*cell_text(g, r, cr))
                continue;
            int x = x0 + (np == 1 ? w / 2 : (int)(pi * (size_t)w / (np - 1)));
            int y = y0 + h - (int)(cell_num(g, r, cr) * h / 100);
            fprintf(out, "%s%d,%d", drawn++ ? " " : "", x, y);
        }
        fputs("\"/>\n", out);
        /* a marker at each point, so that one period still shows */
        pi = 0;
        for (size_t r = 0; r < g->n; r++) {
            if (r && strcmp(cell_text(g, r, cp), cell_text(g, r - 1, cp)))
                pi++;
            if (strcmp(cell_text(g, r, cs), skill) || !*cell_text(g, r, cr))
                continue;
            int x = x0 + (np == 1 ? w / 2 : (int)(pi * (size_t)w / (np - 1)));
            int y = y0 + h - (int)(cell_num(g, r, cr) * h / 100);
            fprintf(out,
                    "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\" "
                    "stroke=\"#111\"/>\n",
                    x + (int)k * 2 - 4, y, k % 2 ? "#fff" : "#111");
        }
        int ly = y0 + 8 + (int)k * 16;
        fprintf(out,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                "stroke=\"#111\" stroke-width=\"1.6\" "
                "stroke-dasharray=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                x0 + w + 8, ly, x0 + w + 30, ly, dash[k], x0 + w + 34, ly + 3,
                skill);
    }
    fputs("</svg>\n<figcaption>How often each skill was named when it was a "
          "target, by period.</figcaption>\n</figure>\n",
          out);
}

/* The chart of table t, or NULL when it has none. */
static void (*chart_of(const struct rp_table *t))(FILE *, const struct grid *)
{
    if (strcmp(t->key, "skills") == 0)
        return chart_skills;
    if (strcmp(t->key, "residents") == 0)
        return chart_residents;
    if (strcmp(t->key, "trend") == 0)
        return chart_trend;
    return NULL;
}

int rp_write_part(struct store_report *q, const struct rp_table *t,
                  const char *title, bool chart, FILE *out, char **err)
{
    void (*draw)(FILE *, const struct grid *) = chart ? chart_of(t) : NULL;
    struct grid g;
    int rc = draw ? grid_read(q, t, &g, err) : EXPORT_OK;
    if (rc == EXPORT_OK) {
        fprintf(out, "<section id=\"%s\">\n<h2>", t->key);
        E(out, title ? title : t->title);
        fputs("</h2>\n<div class=\"pair\">\n", out);
        if (draw) {
            draw(out, &g);
            write_table(out, &g);
        } else {
            struct stream_ctx x = {out, t, 0};
            rc = store_report_rows(q, t->key, t->cols, t->ncols, stream_row, &x,
                                   err);
            table_end(out, x.n);
        }
        fputs("</div>\n</section>\n", out);
    }
    if (draw)
        grid_free(&g);
    return rc;
}

void rp_html_head(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
          "<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" "
          "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
          "<title>",
          out);
    E(out, title);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

int rp_write_html(struct store_report *q, const char *by, const char *line,
                  const char *left, FILE *out, char **err)
{
    rp_html_head(out, "Skill report");
    fputs("<header>\n<h1>Skill report</h1>\n<p class=\"lead\">", out);
    E(out, line);
    fputs(".</p>\n", out);
    if (left[0]) {
        fputs("<p class=\"lead\">Left out: ", out);
        E(out, left);
        fputs(".</p>\n", out);
    }
    fputs("</header>\n", out);
    int rc = EXPORT_OK;
    for (int i = 1; rc == EXPORT_OK && i < rp_ntables; i++) {
        struct rp_table t = rp_table_by(i, by);
        if (rp_shown(&t, by))
            rc = rp_write_part(q, &t, NULL, true, out, err);
    }
    if (rc == EXPORT_OK)
        fputs("</body>\n</html>\n", out);
    return rc;
}
