/* report.h - the skill report over a selection of sessions: where the
 * discussions fall short.
 *
 * A "module discussion" is one module of one session. For each of the
 * five skills it counts the discussions where the skill was a target of
 * the module ("target"), where the group (or the resident) tagged it on
 * any question ("named"), and where it was a target and not named
 * ("missed"); the same by module and by group or resident. Then the
 * most-missed key points (over the questions that have a recorded
 * response), the average time per stage against its time box, and the
 * open parking-lot items raised in the selected sessions.
 *
 * Plain C over the store; conventions of export.h (EXPORT_* codes, *err
 * malloc'd). Aggregates only: memory does not grow with the number of
 * answers. */
#ifndef PBL_REPORT_H
#define PBL_REPORT_H

#include <stdio.h>

#include "pbl/export.h"

struct pbl_store;

enum report_format {
    REPORT_TEXT,
    REPORT_CSV,
    REPORT_JSON,
    REPORT_MD,
    REPORT_HTML,
    REPORT_XLSX
};

/* "text", "csv", "json", "md", "html", "xlsx". */
const char *report_format_name(enum report_format f);
/* Parses a format name (also "markdown"); 0, or -1 when unknown. */
int report_format_parse(const char *name, enum report_format *out);

/* How many key points the report lists, most missed first. */
#define REPORT_TOP_POINTS 10

struct report_opts {
    enum report_format format;
    /* The same selection as export; empty means every session. */
    struct export_selection sel;
    /* --by: "month", "block" or "class" adds the skills over time (or by
     * the roster's classes); NULL for none */
    const char *by;
    bool utc;       /* days in UTC, not the local time zone (TZ) */
    bool excel;     /* CSV: a UTF-8 byte-order mark; cells past Excel's
                       32,767 characters said on standard error */
    bool long_form; /* CSV: one tidy table (part, keys, measure, value) */
    /* when not NULL: how many patient identifiers were masked (phi.h; the
     * open parking-lot items are always masked) */
    size_t *masked;
};

/* Parses a --by value ("month", "block", "class") into the static name;
 * 0, or -1 when unknown. */
int report_by_parse(const char *name, const char **out);

/* Writes the report. EXPORT_OK; EXPORT_USAGE, EXPORT_NOT_FOUND as for
 * export_sessions(); EXPORT_EMPTY when no session matches (nothing is
 * written); EXPORT_ERROR when the database or `out` fails. */
int report_write(struct pbl_store *st, const struct report_opts *o, FILE *out,
                 char **err);

/* The same, written atomically to `path` with mode 0600. */
int report_to_file(struct pbl_store *st, const struct report_opts *o,
                   const char *path, char **err);

#endif
