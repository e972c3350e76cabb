/* xlsx.c - the shared part of the Excel writers (see xlsx.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export_impl.h"
#include "pbl/xlsx.h"

lxw_workbook *xlsx_open(struct xlsx_tmp *tmp, char **err)
{
    const char *dir = getenv("TMPDIR");
    snprintf(tmp->path, sizeof tmp->path, "%s/pbl-xlsx.XXXXXX",
             dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp->path);
    if (fd < 0) {
        ex_fail(err, EXPORT_ERROR, "cannot make a temporary file in %s",
                dir && *dir ? dir : "/tmp");
        return NULL;
    }
    close(fd);
    /* rows go to temporary files as they are written: memory stays flat
     * however long the sheets (strings are then inline, not shared) */
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
                                .tmpdir = dir && *dir ? (char *)dir : NULL};
    lxw_workbook *wb = workbook_new_opt(tmp->path, &opt);
    if (!wb) {
        unlink(tmp->path);
        ex_fail(err, EXPORT_ERROR, "cannot start the workbook");
    }
    return wb;
}

/* Copies the file at path to out; 0, or -1. */
static int copy_to(const char *path, FILE *out)
{
    FILE *in = fopen(path, "rb");
    if (!in)
        return -1;
    char buf[65536];
    size_t n;
    int rc = 0;
    while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            rc = -1;
    if (ferror(in))
        rc = -1;
    fclose(in);
    return rc;
}

int xlsx_close(struct xlsx_tmp *tmp, lxw_workbook *wb, int rc, long long cut,
               FILE *out, char **err)
{
    lxw_error e = workbook_close(wb);
    if (rc == EXPORT_OK && e != LXW_NO_ERROR)
        rc = ex_fail(err, EXPORT_ERROR, "cannot write the workbook: %s",
                     lxw_strerror(e));
    if (rc == EXPORT_OK && copy_to(tmp->path, out) != 0)
        rc = ex_fail(err, EXPORT_ERROR, "cannot copy the workbook");
    unlink(tmp->path);
    if (rc == EXPORT_OK && cut > 0)
        fprintf(stderr,
                "pbl: warning: %lld text%s cut to a cell's %d characters\n",
                cut, cut == 1 ? "" : "s", XLSX_CELL_MAX);
    return rc;
}

int xlsx_write_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    const char *s)
{
    if (!s)
        return 0;
    /* count characters (not continuation bytes) up to the limit */
    size_t i = 0, chars = 0;
    while (s[i] && chars < XLSX_CELL_MAX) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    if (!s[i]) {
        worksheet_write_string(ws, row, col, s, NULL);
        return 0;
    }
    char *head = strndup(s, i);
    if (head)
        worksheet_write_string(ws, row, col, head, NULL);
    free(head);
    return 1;
}
