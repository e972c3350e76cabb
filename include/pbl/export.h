/* export.h - getting the records out: session notes as Markdown, CSV,
 * JSON or one printable HTML page, the selection of sessions they cover,
 * an atomic file writer, and the escapers each format relies on.
 *
 * Plain C over the store (no ncurses): `pbl export` calls it from the
 * command line, and the console's summary and review screens call
 * export_to_file() for the session they show.
 *
 * Everything is streamed: sessions, modules and answers are read with SQL
 * and written to the FILE * row by row, so memory does not grow with the
 * number of answers exported. Output is deterministic: sessions oldest
 * first (by start time, then creation order), modules by position,
 * questions by number.
 *
 * Errors are return values: EXPORT_OK (0), or another EXPORT_* code with
 * *err set to a malloc'd one-line message (no "pbl: " prefix) that the
 * caller frees; *err is set to NULL on entry, and err may be NULL. Nothing
 * here prints to stderr, exits or aborts. */
#ifndef PBL_EXPORT_H
#define PBL_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct pbl_store;

enum {
    EXPORT_OK = 0,
    EXPORT_ERROR = -1,    /* the database or the output failed */
    EXPORT_NOT_FOUND = 1, /* a --session that names no session, or several */
    EXPORT_USAGE = 2,     /* a bad selection: date, kind, format */
    EXPORT_EMPTY = 3,     /* no session matches the selection */
};

/* The export formats, one row each, in the order Tab cycles them in the
 * console:
 *   X(ID, name, extension, note, help)
 * ID makes EXPORT_ID; `name` is what -f takes and its writer is
 * ex_write_NAME (export_impl.h, in src/export_NAME.c); `extension` is the
 * file's ending the console proposes; `note` follows the name in the list
 * of `pbl help export` (" (default)" on the first row, the default) and
 * `help` is the format's own line there. The -f parsing, its error
 * message, the console's export prompt and the help are all made from
 * this list, and tests/cli/export.sh checks that the man page names every
 * format: adding a format is one row here plus its writer. */
#define PBL_EXPORT_FORMATS(X)                                                  \
    X(MD, md, "md", " (default)", "Markdown, to read or print")                \
    X(CSV, csv, "csv", "", "a row per answer, for spreadsheets")               \
    X(JSON, json, "json", "", "everything, for programs")                      \
    X(HTML, html, "html", "", "one printable page")                            \
    X(XLSX, xlsx, "xlsx", "", "an Excel workbook, a sheet per kind of row")

#define EXPORT_FORMAT_ENUM_(id, name, ext, note, help) EXPORT_##id,
enum export_format {
    PBL_EXPORT_FORMATS(EXPORT_FORMAT_ENUM_) EXPORT_FORMAT_COUNT
};
#undef EXPORT_FORMAT_ENUM_

/* The -f part of `pbl help export`, a string literal: the names on one
 * line ("md (default), csv, json, html, or markdown (= md):"), then a
 * line a format. */
#define EXPORT_FORMAT_NAME_(id, name, ext, note, help) #name note ", "
#define EXPORT_FORMAT_LINE_(id, name, ext, note, help)                         \
    "                        " #name ": " help "\n"
#define EXPORT_FORMATS_HELP                                                    \
    PBL_EXPORT_FORMATS(EXPORT_FORMAT_NAME_)                                    \
    "or markdown (= md):\n" PBL_EXPORT_FORMATS(EXPORT_FORMAT_LINE_)

/* The format's name ("md", "csv", "json", "html", "xlsx"); "md" when out of
 * range. */
const char *export_format_name(enum export_format f);
/* The file extension the format proposes, without the dot. */
const char *export_format_extension(enum export_format f);
/* Parses a format name (also "markdown"); 0, or -1 when unknown. */
int export_format_parse(const char *name, enum export_format *out);
/* Every format name, for a message, into buf (n bytes, cut if too
 * short): "md, csv, json, html or xlsx". */
void export_format_names_text(char *buf, size_t n);

/* The index of `name` among the n format names ("markdown" counts as
 * "md"), or -1: the one lookup behind export_format_parse and
 * report_format_parse. */
int format_index(const char *const *names, int n, const char *name);

/* Which sessions to export or report on. Every field may be left zero.
 * Lists are alternatives (a session matches any of them); different
 * fields must all match. With no field set, export takes the most recent
 * session and report takes every session; `all` says "every session"
 * explicitly. */
struct export_selection {
    const char *const *sessions; /* UUIDs or unique prefixes of them */
    size_t nsessions;
    const char *const *groups; /* group names (spaces, case ignored) */
    size_t ngroups;
    const char *const *residents; /* resident names (the same) */
    size_t nresidents;
    /* Module ids: sessions that used one of them, and within those
     * sessions only these modules' discussions. */
    const char *const *modules;
    size_t nmodules;
    /* Session statuses: "active", "finished", "abandoned". Export takes
     * every status when none is given; report leaves abandoned sessions
     * out unless a status or a session is named. */
    const char *const *statuses;
    size_t nstatuses;
    const char *from, *to; /* "YYYY-MM-DD", inclusive, UTC; NULL: open */
    const char *kind;      /* "group" or "study" ("self-study"); NULL: both */
    bool all;
};

/* True when no field of the selection is set, `all` included. */
bool export_selection_empty(const struct export_selection *sel);

/* Checks what can be checked without the database: real calendar dates
 * as YYYY-MM-DD, --from not after --to, a known kind and known statuses.
 * EXPORT_OK, or
 * EXPORT_USAGE with *err set. */
int export_check_selection(const struct export_selection *sel, char **err);

/* 0 when s is a real calendar date written YYYY-MM-DD, else -1. */
int export_check_date(const char *s);

struct export_opts {
    enum export_format format;
    struct export_selection sel;
    /* What looks like a patient identifier in answers, comments and
     * parking-lot items is written as "[identifier removed]" (phi.h)
     * unless `unmasked`; *masked (when not NULL) gets how many were. */
    bool unmasked;
    size_t *masked;
    /* Times shown (Markdown, HTML) and the days of --from/--to in UTC;
     * else in the local time zone (TZ). */
    bool utc;
    /* CSV for Excel: a UTF-8 byte-order mark first; *long_cells (when
     * not NULL) gets how many cells pass Excel's 32,767 characters. */
    bool excel;
    long long *long_cells;
};

/* Writes the selected sessions to `out` in the chosen format. Returns
 * EXPORT_OK; EXPORT_USAGE for a bad selection; EXPORT_NOT_FOUND for a
 * session id that matches no session or several; EXPORT_EMPTY when no
 * session matches (nothing is written then); EXPORT_ERROR when reading
 * the database or writing `out` fails. */
int export_sessions(struct pbl_store *st, const struct export_opts *o,
                    FILE *out, char **err);

/* The same, written atomically to `path` with mode 0600 (see
 * export_write_atomic): on any failure the file that was there is left
 * as it was. */
int export_to_file(struct pbl_store *st, const struct export_opts *o,
                   const char *path, char **err);

/* ---- atomic files ---------------------------------------------------- */

/* Writes the output of a function to `path` atomically: into a new file
 * in the same folder (an unnamed O_TMPFILE where the file system has it,
 * so that even a kill -9 leaves nothing behind; else a hidden temporary
 * file, removed on failure), flushed and synced, then renamed over
 * `path`; mode 0600. `fn` returns EXPORT_OK or another code with *err
 * set; a write error (full disk, file too large) is reported as
 * "cannot write PATH: REASON" with EXPORT_ERROR. On failure `path` is
 * untouched. */
typedef int (*export_write_fn)(void *ctx, FILE *out, char **err);
int export_write_atomic(const char *path, export_write_fn fn, void *ctx,
                        char **err);

/* Runs `fn` on an open stream (standard output), then flushes it: a write
 * error is "cannot write the WHAT: REASON" with EXPORT_ERROR. */
int export_write_stream(FILE *out, export_write_fn fn, void *ctx,
                        const char *what, char **err);

/* ---- escapers (each writes one value; NULL writes nothing) ------------ */

/* One CSV cell per RFC 4180: quoted when it holds a comma, a double
 * quote, CR or LF, with quotes doubled; newlines are kept as they are.
 * A cell that a spreadsheet would read as a formula (starting with '=',
 * '+', '-', '@', tab or CR) gets a leading "'". Rows end with
 * csv_end_row() ("\r\n"); cells are separated with csv_sep(). */
void csv_write_cell(FILE *out, const char *s);
/* True when csv_write_cell() guards s with a leading "'". */
bool csv_needs_guard(const char *s);
void csv_sep(FILE *out);
void csv_end_row(FILE *out);
/* CSV for Excel (--excel): the UTF-8 byte-order mark a file starts with;
 * whether a cell is longer than the 32,767 characters Excel keeps (its
 * characters counted, not its bytes); the warning about n such cells. */
#define CSV_EXCEL_BOM "\xEF\xBB\xBF"
bool csv_excel_too_long(const char *s);
void csv_excel_warn(FILE *err, long long n);

/* Text for HTML element content or a quoted attribute value: & < > " '
 * become entities; invalid UTF-8 and control characters other than tab,
 * LF and CR become U+FFFD. */
void html_write_escaped(FILE *out, const char *s);

/* Markdown text that renders as exactly the characters given: every
 * character that could start markup or raw HTML (\ ` * _ [ ] < > & | ~ #
 * and, at the start of a line, - + = and "1." / "1)") is escaped with a
 * backslash, leading blanks of a line are dropped (no code blocks), a line
 * break becomes a hard break ("\" + newline) and a blank line a paragraph
 * break. Written at the start of a line. */
void md_write_escaped(FILE *out, const char *s);
/* The same, with every line after the first prefixed by `indent` (e.g.
 * "  " to continue a list item). */
void md_write_block(FILE *out, const char *s, const char *indent);
/* One line of Markdown (a heading, a list item, a table cell): escaped
 * the same way, with each run of line breaks written as one space. */
void md_write_inline(FILE *out, const char *s);

#endif
