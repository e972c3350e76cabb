/* report_csv.c - the report as CSV: one block per part, each starting
 * with a header row whose first cell is "section", blocks separated by an
 * empty row, cells escaped and guarded like the export's; or, with
 * --long, one tidy table a pivot table can take: a row per number of
 * every part (part, the keys the part has, measure, value). --excel
 * starts the file with a UTF-8 byte-order mark and warns about cells past
 * Excel's 32,767 characters (which Excel cuts or splits). */
#include <string.h>

#include "report_impl.h"

/* A CSV row of table t: its section, then the cells. */
struct csv_ctx {
    FILE *out;
    const struct rp_table *t;
    long long *long_cells; /* cells past Excel's limit, or NULL */
};

static int csv_row(void *arg, const struct store_report_cell *c,
                   const char *json)
{
    const struct csv_ctx *x = arg;
    csv_write_cell(x->out, x->t->key);
    for (int i = 0; i < x->t->ncols; i++) {
        csv_sep(x->out);
        if (RP_IS_TEXT(x->t->types[i])) {
            csv_write_cell(x->out, c[i].text);
            if (x->long_cells && csv_excel_too_long(c[i].text))
                ++*x->long_cells;
        } else if (!c[i].null)
            fprintf(x->out, "%lld", c[i].num);
    }
    csv_end_row(x->out);
    return 0;
}

static int csv_table(struct store_report *q, const struct rp_table *t,
                     long long *long_cells, FILE *out, char **err)
{
    csv_write_cell(out, "section");
    for (int i = 0; i < t->ncols; i++) {
        csv_sep(out);
        csv_write_cell(out, t->cols[i]);
    }
    csv_end_row(out);
    struct csv_ctx x = {out, t, long_cells};
    return store_report_rows(q, t->key, t->cols, t->ncols, csv_row, &x, err);
}

/* The key columns of the long table, in order: every text column a part
 * may have. */
static const char *const keys[] = {
    "module",   "kind",      "name",  "resident",  "skill",
    "question", "key_point", "stage", "milestone", "period"};
#define NKEYS (int)(sizeof keys / sizeof keys[0])

struct long_ctx {
    FILE *out;
    const struct rp_table *t;
    int key_col[NKEYS]; /* the part's column of each key, or -1 */
};

/* One row of a part: a line per number it holds. */
static int long_row(void *arg, const struct store_report_cell *c,
                    const char *json)
{
    const struct long_ctx *x = arg;
    for (int i = 0; i < x->t->ncols; i++) {
        if (RP_IS_TEXT(x->t->types[i]) || c[i].null)
            continue;
        csv_write_cell(x->out, x->t->key);
        for (int k = 0; k < NKEYS; k++) {
            csv_sep(x->out);
            if (x->key_col[k] >= 0)
                csv_write_cell(x->out, c[x->key_col[k]].text);
        }
        csv_sep(x->out);
        csv_write_cell(x->out, x->t->cols[i]);
        fprintf(x->out, ",%lld", c[i].num);
        csv_end_row(x->out);
    }
    return 0;
}

static int long_table(struct store_report *q, const struct rp_table *t,
                      FILE *out, char **err)
{
    struct long_ctx x = {out, t, {0}};
    for (int k = 0; k < NKEYS; k++) {
        x.key_col[k] = -1;
        for (int i = 0; i < t->ncols; i++)
            if (RP_IS_TEXT(t->types[i]) && strcmp(t->cols[i], keys[k]) == 0)
                x.key_col[k] = i;
    }
    return store_report_rows(q, t->key, t->cols, t->ncols, long_row, &x, err);
}

int rp_write_csv(struct store_report *q, const struct report_opts *o, FILE *out,
                 char **err)
{
    long long long_cells = 0;
    int rc = EXPORT_OK;
    if (o->excel)
        fputs(CSV_EXCEL_BOM, out);
    if (o->long_form) {
        csv_write_cell(out, "part");
        for (int k = 0; k < NKEYS; k++) {
            csv_sep(out);
            csv_write_cell(out, keys[k]);
        }
        fputs(",measure,value", out);
        csv_end_row(out);
    }
    for (int i = 0; rc == EXPORT_OK && i < rp_ntables; i++) {
        if (!rp_shown(&rp_tables[i], o->by))
            continue;
        if (o->long_form) {
            if (i) /* the summary's numbers are the headline's */
                rc = long_table(q, &rp_tables[i], out, err);
            continue;
        }
        if (i)
            csv_end_row(out);
        rc = csv_table(q, &rp_tables[i], o->excel ? &long_cells : NULL, out,
                       err);
    }
    if (rc == EXPORT_OK)
        csv_excel_warn(stderr, long_cells);
    return rc;
}
