/* export_impl.h - what src/export*.c share; not part of the API.
 *
 * The writers read the records through the store's walk (store_walk.h):
 * Markdown, CSV and HTML as visitors of the typed records, JSON of the
 * JSON objects the store builds. Only the store knows the tables.
 */
#ifndef PBL_EXPORT_IMPL_H
#define PBL_EXPORT_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "pbl/clock.h"
#include "pbl/export.h"
#include "pbl/store.h"
#include "pbl/store_walk.h"

struct pbl_store;

/* A selection checked and resolved for the store: --session prefixes
 * turned into full UUIDs (owned here), the kind into its stored word. */
struct ex_selection {
    struct store_selection sel;
    char (*uuids)[STORE_UUID_LEN + 1];
    const char **uuidv;
};

/* Checks and resolves `sel` against the store. With an empty selection,
 * takes the most recent session unless `empty_means_all`. EXPORT_OK (free
 * *out with ex_selection_free), or another code with *err set. */
int ex_select(struct pbl_store *st, const struct export_selection *sel,
              bool empty_means_all, struct ex_selection *out, char **err);
void ex_selection_free(struct ex_selection *s);

/* *err = a malloc'd copy of the formatted message; returns rc. */
int ex_fail(char **err, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The writers, one a format: EXPORT_OK or EXPORT_ERROR with *err. */
int ex_write_md(struct pbl_store *st, const struct store_selection *sel,
                FILE *out, char **err);
int ex_write_csv(struct pbl_store *st, const struct store_selection *sel,
                 FILE *out, char **err);
/* The CSV, counting into *long_cells the cells past Excel's limit. */
int ex_write_csv_counted(struct pbl_store *st,
                         const struct store_selection *sel, FILE *out,
                         long long *long_cells, char **err);
int ex_write_html(struct pbl_store *st, const struct store_selection *sel,
                  FILE *out, char **err);
int ex_write_json(struct pbl_store *st, const struct store_selection *sel,
                  FILE *out, char **err);
int ex_write_xlsx(struct pbl_store *st, const struct store_selection *sel,
                  FILE *out, char **err);

/* The columns of a row per recorded answer (the CSV's, and the xlsx's
 * answers sheet), in order. */
extern const char *const ex_answer_columns[];
extern const size_t ex_nanswer_columns;

/* True for a group session ("group"), false for self-study. */
bool ex_is_group(const struct walk_session *s);

/* Helpers for the writers. */
/* "reliability, empathy" (sep between names), or "" for none. */
void ex_skills_text(unsigned set, const char *sep, char *buf, size_t n);
/* "12:05" (minutes:seconds) or "1:02:05"; "-" for a negative value. */
void ex_duration(long long secs, char *buf, size_t n);

#endif
