/* store_rows.c - reading a row into a record by column name (see
 * store_rows.h). */
#include <string.h>

#include "pbl/module.h"
#include "store_rows.h"

/* An index, position or count column, read 64-bit: the value when it is
 * in 0..EX_INDEX_MAX, else -1 (damaged). */
int col_index(sqlite3_stmt *s, int i)
{
    sqlite3_int64 v = sqlite3_column_int64(s, i);
    return v >= 0 && v <= EX_INDEX_MAX ? (int)v : -1;
}

/* A count of minutes or a version, read 64-bit and kept within an int:
 * negative or too large reads as 0 (not shown). */
static int col_small(sqlite3_stmt *s, int i)
{
    sqlite3_int64 v = sqlite3_column_int64(s, i);
    return v > 0 && v <= INT32_MAX / 60 ? (int)v : 0;
}

/* The 1-based number shown for an index; 0 (shown as "?") when damaged. */
static int number_of(int idx)
{
    return idx >= 0 ? idx + 1 : 0;
}

/* Matches the statement's column names with the record's fields, once
 * per walk. */
void reader_bind(struct reader *rd, const struct field *fields)
{
    rd->ncols = sqlite3_column_count(rd->s);
    if (rd->ncols > MAX_COLUMNS)
        rd->ncols = MAX_COLUMNS;
    for (int i = 0; i < rd->ncols; i++) {
        const char *name = sqlite3_column_name(rd->s, i);
        rd->of[i] = NULL;
        for (const struct field *f = fields; name && f->column; f++)
            if (strcmp(f->column, name) == 0)
                rd->of[i] = f;
    }
}

/* The number of the column named `name`, or -1. */
int column_of(const struct reader *rd, const char *name)
{
    for (int i = 0; i < rd->ncols; i++) {
        const char *c = sqlite3_column_name(rd->s, i);
        if (c && strcmp(c, name) == 0)
            return i;
    }
    return -1;
}

/* Fills the record at `rec` from the current row, field by field. */
void reader_fill(const struct reader *rd, void *rec)
{
    sqlite3_stmt *s = rd->s;
    for (int i = 0; i < rd->ncols; i++) {
        const struct field *f = rd->of[i];
        if (!f)
            continue;
        char *at = (char *)rec + f->offset;
        switch (f->type) {
        case F_TEXT:
            *(const char **)at = (const char *)sqlite3_column_text(s, i);
            break;
        case F_I64:
            *(long long *)at = sqlite3_column_int64(s, i);
            break;
        case F_INT:
            *(int *)at = sqlite3_column_int(s, i);
            break;
        case F_INDEX:
            *(int *)at = col_index(s, i);
            break;
        case F_NUMBER:
            *(int *)at = number_of(col_index(s, i));
            break;
        case F_SMALL:
            *(int *)at = col_small(s, i);
            break;
        case F_BOOL:
            *(bool *)at = sqlite3_column_int64(s, i) != 0;
            break;
        case F_SKILLS:
            *(unsigned *)at = (unsigned)sqlite3_column_int64(s, i) & SKILL_ALL;
            break;
        case F_U64:
            *(uint64_t *)at = (uint64_t)sqlite3_column_int64(s, i);
            break;
        }
    }
}
