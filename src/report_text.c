/* report_text.c - the report's tables as an aligned text table for the
 * terminal, and as Markdown tables.
 *
 * Text: columns are measured in display columns (wide characters count
 * two) over the table's rows (aggregates: a few rows per module, group,
 * stage or open item, never one per answer), then written. Text from
 * the database is made safe for a
 * terminal by text_safe_step(): control characters (escape sequences
 * included) and invalid UTF-8 are shown as U+FFFD, bidi controls dropped,
 * line breaks shown as spaces. */
#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"
#include "report_impl.h"

/* Writes s to `out` (when not NULL) as a terminal shows it safely (see
 * text_safe_step; line breaks as spaces), and returns its width in
 * columns. */
static int term_clean(const char *s, FILE *out)
{
    size_t n = strlen(s);
    if (out)
        text_safe_write(out, s, n, 0);
    return text_safe_width(s, n, 0);
}

static int term_width(const char *s)
{
    return term_clean(s, NULL);
}

/* A cell as text: "-" for NULL, numbers as digits, seconds as m:ss. */
const char *rp_cell(const struct store_report_cell *c, enum rp_type type,
                    char *buf, size_t n)
{
    if (c->null)
        return "-";
    if (RP_IS_TEXT(type))
        return c->text;
    long long v = c->num;
    if (type == RP_SECS)
        ex_duration(v, buf, n);
    else if (type == RP_PCT)
        snprintf(buf, n, "%lld%%", v);
    else
        snprintf(buf, n, "%lld", v);
    return buf;
}

/* A column heading: the name with '_' shown as a blank, and a "_pct"
 * ending as " %". */
void rp_heading(const char *name, char *buf, size_t n)
{
    size_t len = strlen(name);
    bool pct = len > 4 && strcmp(name + len - 4, "_pct") == 0;
    snprintf(buf, n, "%.*s%s", (int)(pct ? len - 4 : len), name,
             pct ? " %" : "");
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = ' ';
}

/* The leading cells of the last row, to show repeats blank. */
struct repeats {
    char *prev[RP_MAX_COLS];
    int n;    /* how many leading cells may be blanked */
    bool run; /* every cell so far in this row repeated */
};

/* True when cell i and all before it equal the last row's; call it for
 * cells 0, 1, ... of each row in order. */
static bool repeated(struct repeats *rp, int i, const char *v)
{
    if (i == 0)
        rp->run = true;
    if (i >= rp->n)
        return false;
    bool same = rp->run && rp->prev[i] && strcmp(rp->prev[i], v) == 0;
    if (!same) {
        rp->run = false;
        free(rp->prev[i]);
        rp->prev[i] = strdup(v);
    }
    return same;
}

static void repeats_free(struct repeats *rp)
{
    for (int i = 0; i < RP_MAX_COLS; i++)
        free(rp->prev[i]);
}

static void pad(FILE *out, int n)
{
    while (n-- > 0)
        putc(' ', out);
}

/* The rows of a table, as text: aggregates (a few rows per module,
 * group or stage), kept to measure the columns before writing. */
struct rows {
    char **cell; /* n * ncols strings */
    size_t n, cap;
    int ncols;
};

static int rows_add(struct rows *t, const struct store_report_cell *c,
                    const enum rp_type *types)
{
    char buf[64];
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        char **v = realloc(t->cell, cap * (size_t)t->ncols * sizeof *v);
        if (!v)
            return -1;
        t->cell = v;
        t->cap = cap;
    }
    char **row = t->cell + t->n * (size_t)t->ncols;
    for (int i = 0; i < t->ncols; i++) {
        const char *v = rp_cell(&c[i], types[i], buf, sizeof buf);
        row[i] = strdup(RP_IS_TEXT(types[i]) ? v + strspn(v, " \t\r\n") : v);
        if (!row[i]) {
            while (i-- > 0)
                free(row[i]);
            return -1;
        }
    }
    t->n++;
    return 0;
}

static void rows_free(struct rows *t)
{
    for (size_t i = 0; i < t->n * (size_t)t->ncols; i++)
        free(t->cell[i]);
    free(t->cell);
}

/* Writes one cell padded to `width`: numbers to the right, text to the
 * left (the last column unpadded). */
static void put_cell(FILE *out, const char *v, int width, bool right, bool last)
{
    int room = width - term_width(v);
    fputs("  ", out);
    if (right)
        pad(out, room);
    term_clean(v, out);
    if (!right && !last)
        pad(out, room);
}

/* Keeps a row of the table being written (rows_add). */
struct keep_ctx {
    struct rows *rows;
    const enum rp_type *types;
};

static int keep_row(void *arg, const struct store_report_cell *c,
                    const char *json)
{
    const struct keep_ctx *k = arg;
    return rows_add(k->rows, c, k->types);
}

int rp_text_table(struct store_report *q, const struct rp_table *t, FILE *out,
                  char **err)
{
    struct rows rows = {NULL, 0, 0, t->ncols};
    struct keep_ctx keep = {&rows, t->types};
    int width[RP_MAX_COLS];
    int rc =
        store_report_rows(q, t->key, t->cols, t->ncols, keep_row, &keep, err);
    if (rc != EXPORT_OK) {
        rows_free(&rows);
        return rc;
    }
    char head[RP_MAX_COLS][64];
    for (int i = 0; i < t->ncols; i++) {
        rp_heading(t->cols[i], head[i], sizeof head[i]);
        width[i] = term_width(head[i]);
        for (size_t k = 0; k < rows.n; k++) {
            int w = term_width(rows.cell[k * (size_t)t->ncols + (size_t)i]);
            width[i] = w > width[i] ? w : width[i];
        }
    }
    fprintf(out, "\n%s\n", t->title);
    if (rows.n == 0)
        fputs("  (none)\n", out);
    for (int i = 0; rows.n && i < t->ncols; i++)
        put_cell(out, head[i], width[i], !RP_IS_TEXT(t->types[i]),
                 i == t->ncols - 1);
    if (rows.n)
        fputc('\n', out);
    struct repeats rp = {{NULL}, t->nrepeat, false};
    for (size_t k = 0; k < rows.n; k++) {
        for (int i = 0; i < t->ncols; i++) {
            const char *v = rows.cell[k * (size_t)t->ncols + (size_t)i];
            put_cell(out, repeated(&rp, i, v) ? "" : v, width[i],
                     !RP_IS_TEXT(t->types[i]), i == t->ncols - 1);
        }
        fputc('\n', out);
    }
    repeats_free(&rp);
    rows_free(&rows);
    return EXPORT_OK;
}

/* Markdown: the heading row before the first row, repeats blanked. */
struct md_ctx {
    FILE *out;
    const struct rp_table *t;
    struct repeats rp;
    int rows;
};

static int md_row(void *arg, const struct store_report_cell *c,
                  const char *json)
{
    struct md_ctx *x = arg;
    const struct rp_table *t = x->t;
    char buf[64], head[64];
    if (x->rows++ == 0) {
        for (int i = 0; i < t->ncols; i++) {
            rp_heading(t->cols[i], head, sizeof head);
            fprintf(x->out, "| %s ", head);
        }
        fputs("|\n", x->out);
        for (int i = 0; i < t->ncols; i++)
            fputs(RP_IS_TEXT(t->types[i]) ? "| :-- " : "| --: ", x->out);
        fputs("|\n", x->out);
    }
    for (int i = 0; i < t->ncols; i++) {
        const char *v = rp_cell(&c[i], t->types[i], buf, sizeof buf);
        bool rep = repeated(&x->rp, i, v);
        fputs("| ", x->out);
        if (!rep && c[i].null)
            fputs("-", x->out);
        else if (!rep)
            md_write_inline(x->out, v);
        fputs(" ", x->out);
    }
    fputs("|\n", x->out);
    return 0;
}

int rp_md_table(struct store_report *q, const struct rp_table *t, FILE *out,
                char **err)
{
    struct md_ctx x = {out, t, {{NULL}, t->nrepeat, false}, 0};
    fprintf(out, "\n## %s\n\n", t->title);
    int rc = store_report_rows(q, t->key, t->cols, t->ncols, md_row, &x, err);
    if (rc == EXPORT_OK && x.rows == 0)
        fputs("*None.*\n", out);
    repeats_free(&x.rp);
    return rc;
}
