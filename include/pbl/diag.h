/* diag.h - a list of located problems ("file:line:column: error: message").
 *
 * Loaders append every problem they find instead of stopping at the first,
 * so a module author sees all that is wrong with a file in one run. */
#ifndef PBL_DIAG_H
#define PBL_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct pbl_diag {
    char *file; /* path as given by the caller */
    int line;   /* 1-based; 0 when the problem concerns the whole file */
    int col;    /* 1-based; 0 when unknown */
    char *msg;
};

struct pbl_diags {
    struct pbl_diag *v;
    size_t n, cap;
};

/* Appends a problem; the message is printf-formatted. Returns 0, or -1 when
 * memory ran out (the problem is then dropped, which callers may ignore). */
int diags_add(struct pbl_diags *d, const char *file, int line, int col,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The same with a va_list, for wrappers that add context. */
int diags_vadd(struct pbl_diags *d, const char *file, int line, int col,
               const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

/* Prints each problem as "FILE:LINE:COLUMN: error: MESSAGE", one a line. */
void diags_print(const struct pbl_diags *d, FILE *out);

void diags_free(struct pbl_diags *d);

#endif
