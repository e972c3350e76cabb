/* export.c - the export API: formats, the selection of sessions (checked,
 * then resolved into SQL parameters), running a format's writer over the
 * store, and small helpers the writers share. The atomic file writer is
 * in export_file.c, the walk over the records in export_walk.c, each
 * format in its own export_FORMAT.c. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "export_impl.h"
#include "pbl/module.h"
#include "pbl/store.h"

static const char *const format_names[] = {"md", "csv", "json", "html", "xlsx"};

const char *export_format_name(enum export_format f)
{
    return (unsigned)f < 5 ? format_names[f] : "md";
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
    int i = format_index(format_names, 5, name);
    if (i < 0)
        return -1;
    *out = (enum export_format)i;
    return 0;
}

int ex_fail(char **err, int rc, const char *fmt, ...)
{
    if (!err)
        return rc;
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    free(*err);
    *err = strdup(buf);
    return rc;
}

int ex_db_error(sqlite3 *db, char **err)
{
    return ex_step_error(db, SQLITE_ERROR, err);
}

int ex_step_error(sqlite3 *db, int rc, char **err)
{
    /* a later reset of an outer statement clears the connection's error
     * ("not an error"): then the step's own code says what happened */
    const char *why = sqlite3_errmsg(db);
    if (sqlite3_errcode(db) == SQLITE_OK)
        why = rc != SQLITE_OK && rc != SQLITE_ERROR && rc != SQLITE_ROW &&
                      rc != SQLITE_DONE
                  ? sqlite3_errstr(rc)
                  : "a record could not be read (the database may be "
                    "damaged; 'pbl db check' looks closer)";
    return ex_fail(err, EXPORT_ERROR, "cannot read the sessions: %s", why);
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

/* A JSON array of the n strings, built by SQLite (json_insert), in
 * *out; NULL for an empty list. */
static int json_list(sqlite3 *db, const char *const *v, size_t n, char **out,
                     char **err)
{
    *out = NULL;
    if (n == 0)
        return EXPORT_OK;
    sqlite3_stmt *s = NULL;
    char *acc = strdup("[]");
    if (!acc)
        return ex_fail(err, EXPORT_ERROR, "out of memory");
    if (sqlite3_prepare_v2(db, "SELECT json_insert(?1, '$[#]', ?2)", -1, &s,
                           NULL) != SQLITE_OK)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(s, 1, acc, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, v[i], -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_ROW)
            goto fail;
        char *next = strdup((const char *)sqlite3_column_text(s, 0));
        sqlite3_reset(s);
        free(acc);
        acc = next;
        if (!acc) {
            sqlite3_finalize(s);
            return ex_fail(err, EXPORT_ERROR, "out of memory");
        }
    }
    sqlite3_finalize(s);
    *out = acc;
    return EXPORT_OK;
fail:
    ex_db_error(db, err);
    sqlite3_finalize(s);
    free(acc);
    return EXPORT_ERROR;
}

/* The full UUIDs of the --session values, as a JSON array. */
static int resolve_sessions(struct pbl_store *st,
                            const struct export_selection *sel,
                            struct ex_sel *r, char **err)
{
    if (sel->nsessions == 0)
        return EXPORT_OK;
    char(*ids)[STORE_UUID_LEN + 1] = calloc(sel->nsessions, sizeof *ids);
    const char **v = calloc(sel->nsessions, sizeof *v);
    int rc = EXPORT_OK;
    if (!ids || !v)
        rc = ex_fail(err, EXPORT_ERROR, "out of memory");
    for (size_t i = 0; rc == EXPORT_OK && i < sel->nsessions; i++) {
        const char *want = sel->sessions[i];
        int f = store_find_session(st, want, ids[i]);
        if (f == STORE_NOT_FOUND)
            rc =
                ex_fail(err, EXPORT_NOT_FOUND, "no session matches '%s'", want);
        else if (f == STORE_AMBIGUOUS)
            rc = ex_fail(err, EXPORT_NOT_FOUND,
                         "'%s' matches several sessions; give more of the "
                         "session id",
                         want);
        else if (f != STORE_OK)
            rc = ex_fail(err, EXPORT_ERROR, "%s", store_error(st));
        v[i] = ids[i];
    }
    if (rc == EXPORT_OK)
        rc = json_list(r->db, v, sel->nsessions, &r->sessions, err);
    free(v);
    free(ids);
    return rc;
}

int ex_resolve(struct pbl_store *st, const struct export_selection *sel,
               bool empty_means_all, struct ex_sel *r, char **err)
{
    memset(r, 0, sizeof *r);
    r->db = store_db(st);
    clock_now_iso(r->now);
    int rc = export_check_selection(sel, err);
    if (rc != EXPORT_OK)
        return rc;
    r->from = sel->from;
    r->to = sel->to;
    r->kind = sel->kind ? kind_word(sel->kind) : NULL;
    r->limit = export_selection_empty(sel) && !empty_means_all ? 1 : -1;
    if ((rc = resolve_sessions(st, sel, r, err)) != EXPORT_OK ||
        (rc = json_list(r->db, sel->groups, sel->ngroups, &r->groups, err)) !=
            EXPORT_OK ||
        (rc = json_list(r->db, sel->residents, sel->nresidents, &r->residents,
                        err)) != EXPORT_OK ||
        (rc = json_list(r->db, sel->modules, sel->nmodules, &r->modules,
                        err)) != EXPORT_OK ||
        (rc = json_list(r->db, sel->statuses, sel->nstatuses, &r->statuses,
                        err)) != EXPORT_OK)
        ex_sel_free(r);
    return rc;
}

void ex_sel_free(struct ex_sel *r)
{
    free(r->sessions);
    free(r->groups);
    free(r->residents);
    free(r->modules);
    free(r->statuses);
    r->sessions = r->groups = r->residents = r->modules = r->statuses = NULL;
}

/* Binds text (or NULL) to the parameter `name` when the statement has
 * it. */
static void bind_named(sqlite3_stmt *s, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(s, name);
    if (i > 0)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

sqlite3_stmt *ex_prepare(const struct ex_sel *r, const char *sql, char **err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(r->db, sql, -1, &s, NULL) != SQLITE_OK) {
        ex_db_error(r->db, err);
        sqlite3_finalize(s);
        return NULL;
    }
    bind_named(s, ":sessions", r->sessions);
    bind_named(s, ":groups", r->groups);
    bind_named(s, ":residents", r->residents);
    bind_named(s, ":modules", r->modules);
    bind_named(s, ":statuses", r->statuses);
    bind_named(s, ":from", r->from);
    bind_named(s, ":to", r->to);
    bind_named(s, ":kind", r->kind);
    bind_named(s, ":now", r->now);
    int i = sqlite3_bind_parameter_index(s, ":limit");
    if (i > 0)
        sqlite3_bind_int64(s, i, r->limit);
    return s;
}

int ex_count(const struct ex_sel *r, long long *n, char **err)
{
    sqlite3_stmt *s = ex_prepare(
        r, EX_CTE " SELECT count(*) FROM sessions s WHERE" EX_IS_SELECTED, err);
    if (!s)
        return EXPORT_ERROR;
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? EXPORT_OK : ex_db_error(r->db, err);
}

bool ex_is_group(const struct ex_session *s)
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
    if (secs < 0)
        snprintf(buf, n, "-");
    else if (secs >= 3600)
        snprintf(buf, n, "%lld:%02lld:%02lld", secs / 3600, secs / 60 % 60,
                 secs % 60);
    else
        snprintf(buf, n, "%lld:%02lld", secs / 60, secs % 60);
}

void ex_when(const char *iso, char *buf, size_t n)
{
    time_t t;
    if (iso && clock_parse_iso(iso, &t) == 0)
        snprintf(buf, n, "%.10s %.5s UTC", iso, iso + 11);
    else /* never the stored text: it may be anything */
        snprintf(buf, n, "%s", iso ? "?" : "");
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
    struct ex_sel r;
    int rc = ex_resolve(st, &o->sel, false, &r, err);
    if (rc != EXPORT_OK)
        return rc;
    bool tx = sqlite3_get_autocommit(r.db) &&
              sqlite3_exec(r.db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    long long n = 0;
    rc = ex_count(&r, &n, err);
    if (rc == EXPORT_OK && n == 0)
        rc = ex_fail(err, EXPORT_EMPTY,
                     export_selection_empty(&o->sel)
                         ? "no sessions recorded yet; nothing to export"
                         : "no sessions match the selection; nothing to "
                           "export");
    if (rc == EXPORT_OK) {
        switch (o->format) {
        case EXPORT_JSON:
            rc = ex_write_json(&r, out, err);
            break;
        case EXPORT_CSV:
            rc = ex_write_csv(&r, out, err);
            break;
        case EXPORT_HTML:
            rc = ex_write_html(&r, out, err);
            break;
        case EXPORT_XLSX:
            rc = ex_write_xlsx(&r, out, err);
            break;
        default:
            rc = ex_write_md(&r, out, err);
        }
    }
    if (tx)
        sqlite3_exec(r.db, "COMMIT", NULL, NULL, NULL);
    ex_sel_free(&r);
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
