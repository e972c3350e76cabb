/* report_xlsx.c - the report as an Excel workbook (libxlsxwriter): one
 * sheet per part, its header row bold and frozen, typed cells: counts and
 * seconds as numbers, percentages as fractions shown as "50%", days as
 * dates. Text is always written as a string, never as a formula, whatever
 * it starts with ('=', '+', '-', '@'); a text longer than a cell holds
 * (32,767 characters) is cut there and counted in the warning.
 *
 * libxlsxwriter writes to a file path: the workbook is made in a private
 * temporary file (mode 0600, in TMPDIR) and then copied to `out`, so that
 * -o keeps its atomic write and standard output works too. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "report_impl.h"
#include "pbl/xlsx.h"

struct sheet_ctx {
    lxw_worksheet *ws;
    const struct rp_table *t;
    lxw_format *pct, *date;
    lxw_row_t row;
    long long cut; /* texts cut to the cell's limit */
};

/* A day "YYYY-MM-DD" as a date, else false. */
static bool as_date(const char *s, lxw_datetime *d)
{
    int y, m, dd;
    char end;
    if (!s || strlen(s) != 10 ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &end) != 3)
        return false;
    *d = (lxw_datetime){y, m, dd, 0, 0, 0};
    return true;
}

static int sheet_row(void *arg, const struct store_report_cell *c,
                     const char *json)
{
    struct sheet_ctx *x = arg;
    for (int i = 0; i < x->t->ncols; i++) {
        lxw_col_t col = (lxw_col_t)i;
        lxw_datetime d;
        if (c[i].null)
            continue;
        switch (x->t->types[i]) {
        case RP_INT:
        case RP_SECS:
            worksheet_write_number(x->ws, x->row, col, (double)c[i].num, NULL);
            break;
        case RP_PCT:
            worksheet_write_number(x->ws, x->row, col, c[i].num / 100.0,
                                   x->pct);
            break;
        case RP_DATE: /* a day as a date; anything else as text */
            if (as_date(c[i].text, &d))
                worksheet_write_datetime(x->ws, x->row, col, &d, x->date);
            else
                x->cut += xlsx_write_text(x->ws, x->row, col, c[i].text);
            break;
        case RP_TEXT:
            x->cut += xlsx_write_text(x->ws, x->row, col, c[i].text);
            break;
        }
    }
    x->row++;
    return 0;
}

/* One part as a sheet named after it. */
static int write_sheet(struct store_report *q, lxw_workbook *wb,
                       const struct rp_table *t, lxw_format *bold,
                       lxw_format *pct, lxw_format *date, long long *cut,
                       char **err)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->key);
    if (!ws)
        return ex_fail(err, EXPORT_ERROR, "cannot add the sheet %s", t->key);
    for (int i = 0; i < t->ncols; i++) {
        worksheet_write_string(ws, 0, (lxw_col_t)i, t->cols[i], bold);
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
                             RP_IS_TEXT(t->types[i]) ? 18 : 12, NULL);
    }
    worksheet_freeze_panes(ws, 1, 0);
    struct sheet_ctx x = {ws, t, pct, date, 1, 0};
    int rc =
        store_report_rows(q, t->key, t->cols, t->ncols, sheet_row, &x, err);
    *cut += x.cut;
    return rc;
}

int rp_write_xlsx(struct store_report *q, const char *by, FILE *out, char **err)
{
    struct xlsx_tmp tmp;
    lxw_workbook *wb = xlsx_open(&tmp, err);
    if (!wb)
        return EXPORT_ERROR;
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *pct = workbook_add_format(wb);
    format_set_num_format(pct, "0%");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    long long cut = 0;
    int rc = EXPORT_OK;
    for (int i = 0; rc == EXPORT_OK && i < rp_ntables; i++)
        if (rp_shown(&rp_tables[i], by))
            rc = write_sheet(q, wb, &rp_tables[i], bold, pct, date, &cut, err);
    return xlsx_close(&tmp, wb, rc, cut, out, err);
}
