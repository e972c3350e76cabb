/* search.h - the review list's search: which recorded sessions a query
 * typed by a reviewer matches. Plain C; the console's review screen calls
 * it whenever the query changes.
 *
 * A query is words separated by spaces:
 *   from:YYYY-MM-DD, to:YYYY-MM-DD   the session started on or after / on
 *                                    or before that day (UTC); a date that
 *                                    is not a real day is an error
 *   group:X, resident:X, module:X    X appears in that field
 *   kind:group, kind:self-study      that kind of session (also "study")
 *   any other word                   appears in any field shown in the
 *                                    list (date, kind, group or resident,
 *                                    facilitator, status, module ids) or,
 *                                    as the start of a word, in a recorded
 *                                    answer, a review comment or a
 *                                    parking-lot item (full-text search)
 * Terms of the same field are alternatives (resident:Ana resident:Ben is
 * Ana's or Ben's sessions, as --resident repeated is for export); terms
 * of different fields, and free words, must all hold. Matching ignores
 * case (Unicode) and runs of spaces; full-text words ignore accents too. */
#ifndef PBL_SEARCH_H
#define PBL_SEARCH_H

#include <stdbool.h>

#include "pbl/module.h"
#include "pbl/store.h"

enum search_field {
    SEARCH_GROUP,
    SEARCH_RESIDENT,
    SEARCH_MODULE,
    SEARCH_KIND,
    SEARCH_FIELDS
};

struct search_query {
    char from[11], to[11];                /* YYYY-MM-DD, or "" */
    struct pbl_strv field[SEARCH_FIELDS]; /* folded values per field */
    struct pbl_strv words;                /* folded free words */
};

/* Parses `text` into *q (zeroed first; free with search_query_free()
 * either way). Returns 0, or -1 with *err a malloc'd one-line message
 * ("from:2026-13-01 is not a date; write from:YYYY-MM-DD"). */
int search_parse(const char *text, struct search_query *q, char **err);
void search_query_free(struct search_query *q);

/* Sets match[i] for each session of l that q matches (match has l->n
 * entries). Reads the full-text index (store_search_text) for the free
 * words. Returns 0, or -1 with *err a malloc'd message (match then all
 * false). */
int search_sessions(struct pbl_store *st, const struct search_query *q,
                    const struct store_session_list *l, bool *match,
                    char **err);

#endif
