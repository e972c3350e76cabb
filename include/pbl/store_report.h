/* store_report.h - the store's reader for the skill report: every query
 * the report runs, and the only code of the report that knows the
 * tables.
 *
 * A report query is opened over a selection (that of export.h): the
 * selection is resolved, a read transaction begun, and the selected
 * module discussions gathered once. Its parts are then read as rows of
 * typed cells, bound by column name: the caller names the columns it
 * wants and gets them in that order, whatever order the SQL has them in.
 * Strings are valid only during the callback. Aggregates only: memory
 * does not grow with the number of answers.
 *
 * Codes and messages as export.h (EXPORT_*, *err malloc'd). */
#ifndef PBL_STORE_REPORT_H
#define PBL_STORE_REPORT_H

#include <stdbool.h>

#include "pbl/export.h"

struct pbl_store;
struct store_report;

/* How the report reads: `by` "month", "block" or "class" (the roster's
 * classes of the residents who took part) for the trend part (NULL for
 * none); days in the local time zone (TZ), or in UTC with `utc`. */
struct store_report_how {
    const char *by;
    bool utc;
};

/* True for a valid academic year start "MM-DD" (not 02-29), the value of
 * the year-start setting (1 July when unset). */
bool store_report_year_start_ok(const char *mmdd);

/* Opens a report query over `sel` (abandoned attempts are left out
 * unless --status or --session asks for them), read as `how` says (NULL:
 * no trend, local days). EXPORT_OK with *out set;
 * EXPORT_EMPTY when no session matches (the message says why);
 * EXPORT_USAGE, EXPORT_NOT_FOUND or EXPORT_ERROR as export_sessions(). */
int store_report_open(struct pbl_store *st, const struct export_selection *sel,
                      const struct store_report_how *how,
                      struct store_report **out, char **err);
/* Ends the query (its temporary table dropped, the transaction ended). */
void store_report_close(struct store_report *q);

/* Narrows the parts "skills", "residents", "milestones" and "trend" to
 * one resident (names compared as pbl_fold() does: case and spaces do not
 * matter; a roster resident's former name finds them too): the module
 * discussions they took part in (group sessions they attended, their
 * self-study). NULL: everyone.
 * `who` must outlive the reads. */
void store_report_set_who(struct store_report *q, const char *who);

/* The patient identifiers masked so far in what the parts showed (the
 * open parking-lot items' text, read through store_mask_begin()). */
size_t store_report_masked(const struct store_report *q);

/* The time the report was made, "YYYY-MM-DDTHH:MM:SSZ" (PBL_NOW in
 * tests). */
const char *store_report_now(const struct store_report *q);

/* The sessions counted (those with a module discussed) and the ones left
 * out. Dates are "YYYY-MM-DD", "" when there is none. */
struct store_report_summary {
    long long sessions, discussions;
    char first[16], last[16];
    long long left_empty;     /* selected, no question reached */
    long long left_by_status; /* matched every filter but --status */
    char statuses[128];       /* "1 abandoned, 2 active", or "" */
    char *json;               /* the summary as one JSON object (malloc'd) */
};
int store_report_summary(struct store_report *q,
                         struct store_report_summary *out, char **err);
void store_report_summary_free(struct store_report_summary *s);

/* One cell: `num` for a number column, `text` (NULL for SQL NULL) for
 * both kinds. */
struct store_report_cell {
    bool null;
    long long num;
    const char *text;
};

/* Called once a row, with the cells in the order asked for, and the row
 * as one JSON object (SQLite's json_object; member names those of the
 * JSON report). Returns 0 to go on, else stops the read (the read then
 * returns EXPORT_ERROR, *err "out of memory"). */
typedef int (*store_report_row_fn)(void *ctx,
                                   const struct store_report_cell *cells,
                                   const char *json);

/* Reads the part `part` of the report ("skills", "by_module",
 * "by_group", "missed_points", "stages", "open_parking", "key_points",
 * "self_study", "residents", and "trend" when opened with a `by`), its
 * columns `cols` bound by name (a name the
 * part lacks is an EXPORT_ERROR). EXPORT_OK or EXPORT_ERROR with *err. */
int store_report_rows(struct store_report *q, const char *part,
                      const char *const *cols, int ncols,
                      store_report_row_fn fn, void *ctx, char **err);

#endif
