/* report_impl.h - the report's tables, shared by report.c (CSV and
 * JSON) and report_text.c (the aligned text table and Markdown); not part
 * of the API.
 *
 * Each part of the report is one table, read from the store
 * (store_report.h) with its columns bound by name; each row also comes as
 * a JSON object, for the JSON format. */
#ifndef PBL_REPORT_IMPL_H
#define PBL_REPORT_IMPL_H

#include "export_impl.h"
#include "pbl/report.h"
#include "pbl/store_report.h"

enum rp_type {
    RP_TEXT,
    RP_INT,
    RP_SECS, /* seconds: "m:ss" in text and Markdown, a number elsewhere */
    RP_PCT,  /* a percentage: "67%" in text and Markdown, 67 elsewhere */
    RP_DATE, /* a day, "YYYY-MM-DD": text, but a date in a spreadsheet */
};

#define RP_IS_TEXT(t) ((t) == RP_TEXT || (t) == RP_DATE)

#define RP_MAX_COLS 12

struct rp_table {
    const char *key;   /* the store's part; JSON member, CSV section */
    const char *title; /* heading in text and Markdown */
    int ncols;
    const char *cols[RP_MAX_COLS];
    enum rp_type types[RP_MAX_COLS];
    int nrepeat; /* leading columns shown once while they repeat */
    bool by;     /* only with --by */
};

extern const struct rp_table rp_tables[];
extern const int rp_ntables;

/* True when table t is part of a report made with --by `by` (or NULL). */
bool rp_shown(const struct rp_table *t, const char *by);
/* Table i as shown with --by `by`: the trend is "Skills by class" with
 * --by class (its period column then holds the class). */
struct rp_table rp_table_by(int i, const char *by);

/* The table writers: each reads t's rows from the store and writes them;
 * EXPORT_OK or EXPORT_ERROR with *err set. */
int rp_text_table(struct store_report *q, const struct rp_table *t, FILE *out,
                  char **err);
int rp_md_table(struct store_report *q, const struct rp_table *t, FILE *out,
                char **err);

/* A cell as text: "-" for NULL, numbers as digits, seconds as m:ss,
 * percentages with '%' (in buf, or the cell's own text). */
const char *rp_cell(const struct store_report_cell *c, enum rp_type type,
                    char *buf, size_t n);
/* A column heading: '_' as a blank, a "_pct" ending as " %". */
void rp_heading(const char *name, char *buf, size_t n);

/* The report as one HTML page: `line` and `left` as rp_headline() made
 * them, then every part shown with --by `by`, with its chart. */
int rp_write_html(struct store_report *q, const char *by, const char *line,
                  const char *left, FILE *out, char **err);
/* The resident summary page of `name` over q (the cohort's selection). */
int rp_write_resident(struct store_report *q, const char *name, FILE *out,
                      char **err);

/* The report as CSV (o->long_form: one long table; o->excel: a BOM). */
int rp_write_csv(struct store_report *q, const struct report_opts *o, FILE *out,
                 char **err);

/* The report as an Excel workbook: a sheet per part shown. */
int rp_write_xlsx(struct store_report *q, const char *by, FILE *out,
                  char **err);

/* HTML pieces shared by the two pages: the document's head up to <body>
 * (CSS, no script); a section of table t (heading `title`, or t's own),
 * with its chart; an <svg> opened with the hatch pattern defined. */
void rp_html_head(FILE *out, const char *title);
int rp_write_part(struct store_report *q, const struct rp_table *t,
                  const char *title, bool chart, FILE *out, char **err);
void rp_svg_open(FILE *out, int w, int h, const char *label);
/* A legend at (x, y): a solid swatch and a hatched one, with their
 * labels (pbl's own words). */
void rp_svg_legend(FILE *out, int x, int y, const char *solid,
                   const char *hatched);

/* The report's first line in text and Markdown: "N sessions, M module
 * discussions, FIRST to LAST" (the sessions with a module discussed), and
 * in `left` what was left out and why ("" when nothing was). */
int rp_headline(struct store_report *q, char *buf, size_t n, char *left,
                size_t nleft, char **err);

#endif
