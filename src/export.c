/* export.c - the export API: formats, the selection of sessions (checked,
 * then resolved into SQL parameters), running a format's writer over the
 * store, and small helpers the writers share. The atomic file writer is
 * in export_file.c, the walk over the records is the store's
 * (store_walk.c), each format in its own export_FORMAT.c. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "export_impl.h"
#include "pbl/module.h"
#include "pbl/store.h"
#include "pbl/util.h"

/* The formats of PBL_EXPORT_FORMATS, in enum order: names, extensions
 * and writers. */
struct export_format_row {
    const char *name, *extension;
    int (*write)(struct pbl_store *st, const struct store_selection *sel,
                 FILE *out, char **err);
};

#define FORMAT_ROW(id, name, ext, note, help) {#name, ext, ex_write_##name},
static const struct export_format_row formats[EXPORT_FORMAT_COUNT] = {
    PBL_EXPORT_FORMATS(FORMAT_ROW)};
#undef FORMAT_ROW

/* The row of format f; the default's when f is out of range. */
static const struct export_format_row *format_row(enum export_format f)
{
    return &formats[(unsigned)f < EXPORT_FORMAT_COUNT ? f : EXPORT_MD];
}

const char *export_format_name(enum export_format f)
{
    return format_row(f)->name;
}

const char *export_format_extension(enum export_format f)
{
    return format_row(f)->extension;
}

void export_format_names_text(char *buf, size_t n)
{
    size_t len = 0;
    if (n)
        buf[0] = '\0';
    for (int i = 0; i < EXPORT_FORMAT_COUNT && len < n; i++) {
        const char *sep = i == 0                         ? ""
                          : i == EXPORT_FORMAT_COUNT - 1 ? " or "
                                                         : ", ";
        int w = snprintf(buf + len, n - len, "%s%s", sep, formats[i].name);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

int format_index(const char *const *names, int n, const char *name)
{
    if (name && strcmp(name, "markdown") == 0)
        name = "md";
    for (int i = 0; name && i < n; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

int export_format_parse(const char *name, enum export_format *out)
{
    const char *names[EXPORT_FORMAT_COUNT];
    for (int i = 0; i < EXPORT_FORMAT_COUNT; i++)
        names[i] = formats[i].name;
    int i = format_index(names, EXPORT_FORMAT_COUNT, name);
    if (i < 0)
        return -1;
    *out = (enum export_format)i;
    return 0;
}

int ex_fail(char **err, int rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    util_vset_message(err, fmt, ap);
    va_end(ap);
    return rc;
}

int export_check_date(const char *s)
{
    char iso[32];
    time_t t;
    if (!s || strlen(s) != 10)
        return -1;
    snprintf(iso, sizeof iso, "%sT00:00:00Z", s);
    return clock_parse_iso(iso, &t) == 0 ? 0 : -1;
}

/* The stored word for a --kind, or NULL when it is not one. */
static const char *kind_word(const char *k)
{
    if (strcmp(k, "group") == 0)
        return "group";
    if (strcmp(k, "study") == 0 || strcmp(k, "self-study") == 0)
        return "self-study";
    return NULL;
}

bool export_selection_empty(const struct export_selection *sel)
{
    return !sel->nsessions && !sel->ngroups && !sel->nresidents &&
           !sel->nmodules && !sel->nstatuses && !sel->from && !sel->to &&
           !sel->kind && !sel->all;
}

int export_check_selection(const struct export_selection *sel, char **err)
{
    const char *bad = NULL, *opt = NULL;
    if (err)
        *err = NULL;
    if (sel->from && export_check_date(sel->from) < 0)
        bad = sel->from, opt = "--from";
    else if (sel->to && export_check_date(sel->to) < 0)
        bad = sel->to, opt = "--to";
    if (bad)
        return ex_fail(err, EXPORT_USAGE,
                       "%s '%s' is not a date; write it YYYY-MM-DD, such as "
                       "2026-03-04",
                       opt, bad);
    if (sel->from && sel->to && strcmp(sel->from, sel->to) > 0)
        return ex_fail(err, EXPORT_USAGE, "--from %s is after --to %s",
                       sel->from, sel->to);
    if (sel->kind && !kind_word(sel->kind))
        return ex_fail(err, EXPORT_USAGE,
                       "unknown kind '%s'; say group or study", sel->kind);
    for (size_t i = 0; i < sel->nstatuses; i++) {
        enum store_status st;
        if (store_status_parse(sel->statuses[i], &st) != 0)
            return ex_fail(err, EXPORT_USAGE,
                           "unknown status '%s'; say active, finished or "
                           "abandoned",
                           sel->statuses[i]);
    }
    return EXPORT_OK;
}

/* The full UUIDs of the --session values, into s->uuids. */
static int resolve_sessions(struct pbl_store *st,
                            const struct export_selection *sel,
                            struct ex_selection *s, char **err)
{
    if (sel->nsessions == 0)
        return EXPORT_OK;
    s->uuids = calloc(sel->nsessions, sizeof *s->uuids);
    s->uuidv = calloc(sel->nsessions, sizeof *s->uuidv);
    if (!s->uuids || !s->uuidv)
        return ex_fail(err, EXPORT_ERROR, "out of memory");
    for (size_t i = 0; i < sel->nsessions; i++) {
        const char *want = sel->sessions[i];
        int f = store_find_session(st, want, s->uuids[i]);
        if (f == STORE_NOT_FOUND)
            return ex_fail(err, EXPORT_NOT_FOUND, "no session matches '%s'",
                           want);
        if (f == STORE_AMBIGUOUS)
            return ex_fail(err, EXPORT_NOT_FOUND,
                           "'%s' matches several sessions; give more of the "
                           "session id",
                           want);
        if (f != STORE_OK)
            return ex_fail(err, EXPORT_ERROR, "%s", store_error(st));
        s->uuidv[i] = s->uuids[i];
    }
    s->sel.sessions = s->uuidv;
    s->sel.nsessions = sel->nsessions;
    return EXPORT_OK;
}

int ex_select(struct pbl_store *st, const struct export_selection *sel,
              bool empty_means_all, struct ex_selection *out, char **err)
{
    memset(out, 0, sizeof *out);
    int rc = export_check_selection(sel, err);
    if (rc != EXPORT_OK)
        return rc;
    struct store_selection *s = &out->sel;
    s->groups = sel->groups;
    s->ngroups = sel->ngroups;
    s->residents = sel->residents;
    s->nresidents = sel->nresidents;
    s->modules = sel->modules;
    s->nmodules = sel->nmodules;
    s->statuses = sel->statuses;
    s->nstatuses = sel->nstatuses;
    s->from = sel->from;
    s->to = sel->to;
    s->kind = sel->kind ? kind_word(sel->kind) : NULL;
    s->limit = export_selection_empty(sel) && !empty_means_all ? 1 : -1;
    rc = resolve_sessions(st, sel, out, err);
    if (rc != EXPORT_OK)
        ex_selection_free(out);
    return rc;
}

void ex_selection_free(struct ex_selection *s)
{
    free(s->uuids);
    free(s->uuidv);
    memset(s, 0, sizeof *s);
}

bool ex_is_group(const struct walk_session *s)
{
    return !s->kind || strcmp(s->kind, "self-study") != 0;
}

void ex_skills_text(unsigned set, const char *sep, char *buf, size_t n)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int k = 0; k < SKILL_COUNT; k++)
        if (set & SKILL_BIT(k)) {
            int w = snprintf(buf + len, n - len, "%s%s", len ? sep : "",
                             skill_name((enum pbl_skill)k));
            if (w < 0 || (size_t)w >= n - len)
                break;
            len += (size_t)w;
        }
}

void ex_duration(long long secs, char *buf, size_t n)
{
    util_format_duration(secs, UTIL_DURATION_HOURS, buf, n);
}

struct run_ctx {
    struct pbl_store *st;
    const struct export_opts *o;
};

/* Runs the chosen writer inside one read transaction, so that the
 * export is a consistent snapshot even while a session is recorded. */
static int run(void *arg, FILE *out, char **err)
{
    const struct run_ctx *c = arg;
    struct pbl_store *st = c->st;
    const struct export_opts *o = c->o;
    struct ex_selection s;
    int rc = ex_select(st, &o->sel, false, &s, err);
    if (rc != EXPORT_OK)
        return rc;
    /* the selection's days are local ones unless --utc, as the report's */
    char from[CLOCK_ISO_LEN + 1], to[CLOCK_ISO_LEN + 1];
    s.sel.utc = o->utc;
    if (!o->utc && s.sel.from &&
        clock_local_day_start(s.sel.from, 0, from) == 0)
        s.sel.from = from;
    if (!o->utc && s.sel.to && clock_local_day_start(s.sel.to, 1, to) == 0)
        s.sel.to = to;
    struct store_mask *mask = NULL; /* the one seam of masking */
    if (!o->unmasked && !(mask = store_mask_begin(st, err))) {
        ex_selection_free(&s);
        return EXPORT_ERROR;
    }
    bool tx = store_read_begin(st);
    long long n = 0;
    if (store_count_selected(st, &s.sel, &n, err) != 0)
        rc = EXPORT_ERROR;
    if (rc == EXPORT_OK && n == 0)
        rc = ex_fail(err, EXPORT_EMPTY,
                     export_selection_empty(&o->sel)
                         ? "no sessions recorded yet; nothing to export"
                         : "no sessions match the selection; nothing to "
                           "export");
    long long long_cells = 0;
    if (rc == EXPORT_OK && o->excel && o->format == EXPORT_CSV) {
        fputs(CSV_EXCEL_BOM, out);
        rc = ex_write_csv_counted(st, &s.sel, out, &long_cells, err);
        if (o->long_cells)
            *o->long_cells = long_cells;
    } else if (rc == EXPORT_OK)
        rc = format_row(o->format)->write(st, &s.sel, out, err);
    store_read_end(st, tx);
    size_t nmasked = store_mask_end(st, mask);
    if (o->masked)
        *o->masked = nmasked;
    ex_selection_free(&s);
    return rc;
}

int export_sessions(struct pbl_store *st, const struct export_opts *o,
                    FILE *out, char **err)
{
    struct run_ctx c = {st, o};
    return export_write_stream(out, run, &c, "export", err);
}

int export_to_file(struct pbl_store *st, const struct export_opts *o,
                   const char *path, char **err)
{
    struct run_ctx c = {st, o};
    if (err)
        *err = NULL;
    return export_write_atomic(path, run, &c, err);
}
