/* store_rows.h - a row of the store's SQL read into a record by its
 * columns' names (SELECT ... AS name), through one table of fields a
 * record: inside the store only. */
#ifndef PBL_STORE_ROWS_H
#define PBL_STORE_ROWS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a column's value becomes a field. */
enum field_type {
    F_TEXT,   /* const char *: the text, NULL for NULL */
    F_I64,    /* long long, as stored */
    F_INT,    /* int, as SQLite converts it (sqlite3_column_int) */
    F_INDEX,  /* int: an index or count, -1 when damaged (col_index) */
    F_NUMBER, /* int: an index shown 1-based, 0 when damaged */
    F_SMALL,  /* int: minutes or a version, 0 when out of range */
    F_BOOL,   /* bool: not 0 */
    F_SKILLS, /* unsigned: a SKILL_BIT set */
    F_U64,    /* uint64_t: a bit set */
};

/* A field of a record and the column that fills it. */
struct field {
    const char *column;
    enum field_type type;
    size_t offset;
};

#define FIELD(rec, col, type, member)                                          \
    {                                                                          \
        col, type, offsetof(struct rec, member)                                \
    }

/* The largest position, index or count taken from a row as it is: a
 * damaged database may hold anything in those columns. */
#define EX_INDEX_MAX 1000000
#define MAX_COLUMNS 32

/* A statement and, for each of its columns, the field it fills (NULL:
 * a column the caller reads itself, such as a row id). */
struct reader {
    sqlite3_stmt *s;
    int ncols;
    const struct field *of[MAX_COLUMNS];
};

/* Matches the statement's column names with the record's fields (a table
 * ended by a NULL column), once per statement. */
void reader_bind(struct reader *rd, const struct field *fields);
/* The number of the column named `name`, or -1. */
int column_of(const struct reader *rd, const char *name);
/* Fills the record at `rec` from the current row, field by field. */
void reader_fill(const struct reader *rd, void *rec);

/* An index, position or count column, read 64-bit: the value when it is
 * in 0..EX_INDEX_MAX, else -1 (damaged). */
int col_index(sqlite3_stmt *s, int i);

#endif
