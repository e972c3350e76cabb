/* diag.c - a growable list of located problems. */
#include "pbl/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"
#include "pbl/util.h"

/* Appends one problem. The list owns copies of the file name and message. */
int diags_add(struct pbl_diags *d, const char *file, int line, int col,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = diags_vadd(d, file, line, col, fmt, ap);
    va_end(ap);
    return rc;
}

/* Replaces control characters in place: C0 and DEL by '?', and the C1
 * controls U+0080..U+009F (two bytes in UTF-8) by "?" as well, which
 * terminals would otherwise obey. */
static void defang(char *s)
{
    char *o = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            *o++ = '?';
            p++;
        } else {
            *o++ = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
        }
    }
    *o = '\0';
}

int diags_vadd(struct pbl_diags *d, const char *file, int line, int col,
               const char *fmt, va_list ap)
{
    struct pbl_diag *v = util_grow(d->v, &d->cap, d->n + 1, sizeof *v);
    if (!v)
        return -1;
    d->v = v;
    char *msg = text_vformat(fmt, ap);
    char *f = strdup(file ? file : "-");
    if (!msg || !f) {
        free(msg);
        free(f);
        return -1;
    }
    /* A message quotes what the file says; a control character in it
     * (an escape sequence, a newline) must not reach the terminal. */
    defang(msg);
    defang(f);
    d->v[d->n++] = (struct pbl_diag){f, line, col, msg};
    return 0;
}

/* Prints in the form compilers use, so editors can jump to the place. */
void diags_print(const struct pbl_diags *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct pbl_diag *p = &d->v[i];
        if (p->line > 0)
            fprintf(out, "%s:%d:%d: error: %s\n", p->file, p->line,
                    p->col > 0 ? p->col : 1, p->msg);
        else
            fprintf(out, "%s: error: %s\n", p->file, p->msg);
    }
}

void diags_free(struct pbl_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
    }
    free(d->v);
    *d = (struct pbl_diags){0};
}
