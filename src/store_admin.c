/* store_admin.c - where the database lives, and its maintenance: the
 * integrity check and the backup behind `pbl db check` / `pbl db backup`. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_impl.h"

/* malloc'd a + b, or NULL with *errmsg set. */
static char *join(const char *a, const char *b, char **errmsg)
{
    size_t na = strlen(a), nb = strlen(b);
    char *p = malloc(na + nb + 1);
    if (!p) {
        if (errmsg)
            *errmsg = strdup("out of memory");
        return NULL;
    }
    memcpy(p, a, na);
    memcpy(p + na, b, nb + 1);
    return p;
}

/* XDG Base Directory rules: XDG_DATA_HOME counts only when absolute; the
 * fallback is ~/.local/share, with ~ from HOME, else the password file. */
char *store_default_path(char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    const char *x = getenv("XDG_DATA_HOME");
    if (x && x[0] == '/')
        return join(x, "/pbl/pbl.db", errmsg);
    const char *home = getenv("HOME");
    if (!home || home[0] != '/') {
        struct passwd *pw = getpwuid(getuid());
        home = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
    }
    if (!home) {
        if (errmsg)
            *errmsg = strdup("cannot find your home folder; set HOME or "
                             "XDG_DATA_HOME, or give --db FILE");
        return NULL;
    }
    return join(home, "/.local/share/pbl/pbl.db", errmsg);
}

/* --db, then PBL_DB, then the default: the order the brief sets. */
char *store_resolve_path(const char *explicit_path, char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    if (!explicit_path || !*explicit_path) {
        const char *env = getenv("PBL_DB");
        explicit_path = env && *env ? env : NULL;
    }
    if (explicit_path)
        return join(explicit_path, "", errmsg);
    return store_default_path(errmsg);
}

/* Frees the lines of a list built here (e.g. the check's problems). */
void store_strv_free(struct pbl_strv *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    v->v = NULL;
    v->n = 0;
}

/* Appends a copy of s; -1 when memory ran out. */
static int strv_push(struct pbl_strv *v, const char *s)
{
    char **nv = realloc(v->v, (v->n + 2) * sizeof *nv);
    if (!nv)
        return -1;
    v->v = nv;
    if (!(nv[v->n] = strdup(s)))
        return -1;
    nv[++v->n] = NULL;
    return 0;
}

/* Appends each line of text (SQLite's integrity_check rows may hold
 * several) as a problem, leaving out its "*** in database main ***"
 * headings; -1 when memory ran out. */
static int push_lines(struct pbl_strv *problems, const char *text)
{
    while (*text) {
        size_t n = strcspn(text, "\n");
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(n < 511 ? n : 511), text);
        if (n > 0 && strncmp(line, "*** ", 4) != 0 &&
            strv_push(problems, line) != 0)
            return -1;
        text += n;
        if (*text)
            text++;
    }
    return 0;
}

/* See store_impl.h: one problem line, formatted; long ones are cut at
 * 511 bytes. */
int store_problem(struct pbl_strv *problems, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    return push_lines(problems, line);
}

/* See store_impl.h: "WHAT: REASON" for a check that stopped on SQLite
 * error rc, as a problem line. */
int store_problem_sql(struct pbl_store *st, struct pbl_strv *problems,
                      const char *what, int rc)
{
    return store_problem(problems, "%s: %s", what,
                         store_explain(rc, sqlite3_system_errno(st->db),
                                       sqlite3_errmsg(st->db)));
}

/* Runs one checking pragma; each row it returns that is not "ok" becomes
 * problem lines, formatted for foreign_key_check rows when `fk`. When the
 * pragma stops on an error (a corrupt page), what it found before is
 * kept and the error is the last line, as the sqlite3 shell shows it.
 * -1 only when memory ran out. */
static int run_check(struct pbl_store *st, const char *sql, bool fk,
                     struct pbl_strv *problems)
{
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = SQLITE_ROW;
    while (rc == SQLITE_ROW && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        char line[512];
        const char *c0 = (const char *)sqlite3_column_text(s, 0);
        if (fk)
            snprintf(line, sizeof line,
                     "foreign key: %s row %lld refers to a missing %s row",
                     c0 ? c0 : "?", (long long)sqlite3_column_int64(s, 1),
                     sqlite3_column_text(s, 2)
                         ? (const char *)sqlite3_column_text(s, 2)
                         : "?");
        else if (c0 && strcmp(c0, "ok") == 0)
            continue;
        else
            snprintf(line, sizeof line, "%s", c0 ? c0 : "?");
        if (push_lines(problems, line) != 0) {
            sqlite3_finalize(s);
            return -1;
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        char what[64];
        snprintf(what, sizeof what, "%s stopped", sql + 7);
        return store_problem_sql(st, problems, what, rc);
    }
    return 0;
}

/* The full check `pbl db check` prints: that the file is a pbl database,
 * page-level integrity, references between tables, then pbl's own rules
 * for each record (store_check.c). */
int store_integrity_check(struct pbl_store *st, struct pbl_strv *problems)
{
    problems->v = NULL;
    problems->n = 0;
    bool is_pbl = false;
    if (store_check_has_schema(st, &is_pbl) != STORE_OK)
        return STORE_ERROR;
    if (!is_pbl)
        return store_failv(st, STORE_ERROR,
                           "%s is not a pbl database: it has no pbl schema"
                           " (an empty file, or an interrupted copy or"
                           " backup, looks like this)",
                           st->path);
    if (run_check(st, "PRAGMA integrity_check", false, problems) != 0 ||
        run_check(st, "PRAGMA foreign_key_check", true, problems) != 0 ||
        store_check_records(st, problems) != 0) {
        store_strv_free(problems);
        return store_failv(st, STORE_ERROR, "out of memory");
    }
    return STORE_OK;
}

/* A consistent copy while others may be writing: VACUUM INTO reads one
 * snapshot into a new hidden file beside dest (0600, made before SQLite
 * writes it), which is synced and only then given the name dest. An
 * interrupted backup leaves at most that hidden file, never a dest that
 * looks like a backup; dest is a plain file name, never a URI. */
int store_backup(struct pbl_store *st, const char *dest)
{
    struct stat sb;
    if (lstat(dest, &sb) == 0)
        return store_failv(st, STORE_ERROR,
                           "%s already exists; choose a new name", dest);
    char *tmp = store_temp_beside(dest, st->err, sizeof st->err);
    if (!tmp)
        return STORE_ERROR;
    char *plain = store_plain_name(tmp);
    sqlite3_stmt *s = NULL;
    int rc = plain ? sqlite3_prepare_v2(st->db, "VACUUM INTO ?1", -1, &s, NULL)
                   : SQLITE_NOMEM;
    if (rc == SQLITE_OK) {
        store_bind_str(s, 1, plain);
        rc = sqlite3_step(s);
    }
    if (rc != SQLITE_DONE)
        store_note_sql(st, rc);
    sqlite3_finalize(s);
    free(plain);
    int r = STORE_OK;
    if (rc != SQLITE_DONE)
        r = store_fail(st, "cannot back up to %s", dest);
    else if (store_publish(tmp, dest, st->err, sizeof st->err) != 0)
        r = STORE_ERROR;
    unlink(tmp);
    free(tmp);
    return r;
}

/* ---- settings -------------------------------------------------------- */

/* A remembered setting (e.g. the resident's name at this workstation). */
int store_get_setting(struct pbl_store *st, const char *key, char **value)
{
    *value = NULL;
    sqlite3_stmt *s = store_stmt(st, SQL_GET_SETTING,
                                 "SELECT value FROM settings WHERE key = ?1");
    if (!s)
        return store_fail(st, "cannot read setting %s", key);
    store_bind_str(s, 1, key);
    int rc = store_step(st, s);
    if (rc == SQLITE_DONE) {
        store_done(s);
        return store_failv(st, STORE_NOT_FOUND, "no setting %s", key);
    }
    if (rc != SQLITE_ROW)
        return store_fail(st, "cannot read setting %s", key);
    bool oom = false;
    *value = store_col_dup(s, 0, &oom);
    store_done(s);
    if (oom)
        return store_failv(st, STORE_ERROR, "out of memory");
    return STORE_OK;
}

/* Sets (upsert) or removes a setting, in its own transaction. */
int store_set_setting(struct pbl_store *st, const char *key, const char *value)
{
    if (store_begin(st, "save the setting") != STORE_OK)
        return STORE_ERROR;
    sqlite3_stmt *s =
        value ? store_stmt(st, SQL_SET_SETTING,
                           "INSERT INTO settings(key, value) VALUES(?1, ?2)"
                           " ON CONFLICT(key) DO UPDATE SET value = ?2")
              : store_stmt(st, SQL_DEL_SETTING,
                           "DELETE FROM settings WHERE key = ?1");
    if (s) {
        store_bind_str(s, 1, key);
        if (value)
            store_bind_str(s, 2, value);
    }
    if (!s || store_exec_stmt(st, s) != SQLITE_DONE) {
        store_fail(st, "cannot save setting %s", key);
        store_rollback(st);
        return STORE_ERROR;
    }
    return store_commit(st, "save the setting");
}
