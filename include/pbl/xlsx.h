/* xlsx.h - what the Excel writers (the report's, and the export's to
 * come) share over libxlsxwriter: a workbook made in a private temporary
 * file and then copied to a stream, and text cells that are always
 * strings (never formulas) and never longer than a cell holds.
 *
 * Codes and messages as export.h (EXPORT_*, *err malloc'd). */
#ifndef PBL_XLSX_H
#define PBL_XLSX_H

#include <stdio.h>

#include <xlsxwriter.h>

/* The most characters an Excel cell holds. */
#define XLSX_CELL_MAX 32767

struct xlsx_tmp {
    char path[4096];
};

/* A new workbook in a temporary file (mode 0600, in TMPDIR or /tmp), in
 * libxlsxwriter's constant-memory mode (rows written in order, strings
 * inline); NULL with *err set. */
lxw_workbook *xlsx_open(struct xlsx_tmp *tmp, char **err);

/* Closes the workbook, and when rc is EXPORT_OK copies it to `out`; the
 * temporary file is removed either way. `cut`, the texts cut to a cell's
 * limit, is said on standard error. Returns rc, or EXPORT_ERROR (with
 * *err) when the workbook cannot be written or copied. */
int xlsx_close(struct xlsx_tmp *tmp, lxw_workbook *wb, int rc, long long cut,
               FILE *out, char **err);

/* Writes s as a string cell (NULL: nothing), cut to XLSX_CELL_MAX
 * characters; returns 1 when it was cut, else 0. */
int xlsx_write_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    const char *s);

#endif
