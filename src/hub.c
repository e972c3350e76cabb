/* hub.c - connecting to the hub through libpq, and what every hub
 * command needs: messages that never show a password, the schema
 * version check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hub_impl.h"

/* See hub.h. A postgresql:// URL loses ":password" before its '@'; a
 * key=value string loses its password=... word. */
char *hub_redact(const char *url)
{
    char *out = strdup(url ? url : "");
    if (!out)
        return NULL;
    char *scheme = strstr(out, "://");
    if (scheme) {
        char *auth = scheme + 3;
        char *at = strchr(auth, '@');
        char *slash = strchr(auth, '/');
        char *colon = strchr(auth, ':');
        if (at && (!slash || at < slash) && colon && colon < at)
            memmove(colon, at, strlen(at) + 1);
        char *q = strchr(out, '?');
        while (q) { /* ?password=... or &password=... */
            char *p = strstr(q, "password=");
            if (!p)
                break;
            char *end = strchr(p, '&');
            if (end)
                memmove(p, end + 1, strlen(end + 1) + 1);
            else
                p[p > q + 1 ? -1 : 0] = '\0';
        }
        return out;
    }
    char *p;
    while ((p = strstr(out, "password")) && (p == out || p[-1] == ' ') &&
           (p[8] == '=' || p[8] == ' ')) {
        char *end = strchr(p, '=');
        end = end ? end + 1 : p + 8;
        while (*end == ' ')
            end++;
        if (*end == '\'') {
            for (end++; *end && *end != '\''; end++)
                if (*end == '\\' && end[1])
                    end++;
            if (*end)
                end++;
        } else {
            while (*end && *end != ' ')
                end++;
        }
        while (*end == ' ')
            end++;
        memmove(p, end, strlen(end) + 1);
    }
    return out;
}

/* Replaces each occurrence of the password in s by "***". */
static void hide_password(const struct pbl_hub *h, char *s)
{
    if (!h || !h->password || !*h->password)
        return;
    size_t n = strlen(h->password);
    char *p;
    while ((p = strstr(s, h->password))) {
        memcpy(p, "***", 3);
        memmove(p + 3, p + n, strlen(p + n) + 1);
        if (n < 3)
            break;
    }
}

/* The first line of libpq's message (its later lines repeat it). */
static void first_line(char *dst, size_t n, const char *msg)
{
    snprintf(dst, n, "%s", msg && *msg ? msg : "unknown error");
    dst[strcspn(dst, "\n")] = '\0';
}

/* Drops the server's notices: its warnings (a shutdown under way) are
 * followed by an error pbl reports itself, and its text is not written to
 * the terminal unchecked. */
static void no_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* See hub.h. */
int hub_connect(const char *url, struct pbl_hub **out, char *err, size_t errsz)
{
    *out = NULL;
    struct pbl_hub *h = calloc(1, sizeof *h);
    if (!h) {
        snprintf(err, errsz, "out of memory");
        return -1;
    }
    char *perr = NULL;
    PQconninfoOption *opts = PQconninfoParse(url, &perr);
    char *shown = hub_redact(url);
    if (!opts) {
        char line[256];
        first_line(line, sizeof line, perr);
        snprintf(err, errsz, "%s is not a hub URL: %s",
                 shown ? shown : "the URL", line);
        PQfreemem(perr);
        free(shown);
        free(h);
        return -1;
    }
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val)
            h->password = strdup(o->val);
    PQconninfoFree(opts);
    const char *keys[] = {"dbname", "connect_timeout", "application_name",
                          NULL};
    const char *vals[] = {url, "10", "pbl", NULL};
    h->conn = PQconnectdbParams(keys, vals, 1);
    if (!h->conn || PQstatus(h->conn) != CONNECTION_OK) {
        char line[512];
        first_line(line, sizeof line,
                   h->conn ? PQerrorMessage(h->conn) : "out of memory");
        hide_password(h, line);
        snprintf(err, errsz, "cannot connect to the hub %s: %s",
                 shown ? shown : "", line);
        free(shown);
        hub_close(h);
        return -1;
    }
    free(shown);
    PQsetNoticeProcessor(h->conn, no_notices, NULL);
    snprintf(h->name, sizeof h->name, "%s:%s/%s as %s",
             *PQhost(h->conn) == '/' ? "socket" : PQhost(h->conn),
             PQport(h->conn), PQdb(h->conn), PQuser(h->conn));
    *out = h;
    return 0;
}

/* See hub.h. */
void hub_close(struct pbl_hub *h)
{
    if (!h)
        return;
    if (h->conn)
        PQfinish(h->conn);
    free(h->password);
    free(h);
}

/* See hub.h. */
const char *hub_name(const struct pbl_hub *h)
{
    return h->name;
}

/* See hub_impl.h. */
int hub_fail(struct pbl_hub *h, const PGresult *r, const char *what, char *err,
             size_t errsz)
{
    char line[512];
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    first_line(line, sizeof line, msg ? msg : PQerrorMessage(h->conn));
    hide_password(h, line);
    snprintf(err, errsz, "%s: %s", what, line);
    return -1;
}

/* See hub_impl.h. */
int hub_exec(struct pbl_hub *h, const char *sql, ExecStatusType want,
             const char *what, char *err, size_t errsz)
{
    PGresult *r = PQexec(h->conn, sql);
    int rc = 0;
    if (PQresultStatus(r) != want)
        rc = hub_fail(h, r, what, err, errsz);
    PQclear(r);
    return rc;
}

/* See hub_impl.h. Two statements: a query naming pbl.meta fails to
 * plan where the table does not exist. */
int hub_version(struct pbl_hub *h, char *err, size_t errsz)
{
    PGresult *r = PQexec(h->conn, "SELECT to_regclass('pbl.meta') IS NULL");
    int v = 1; /* 1: pbl.meta exists */
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
        v = hub_fail(h, r, "cannot read the hub's version", err, errsz);
    else if (strcmp(PQgetvalue(r, 0, 0), "t") == 0)
        v = 0;
    PQclear(r);
    if (v <= 0)
        return v;
    r = PQexec(h->conn,
               "SELECT value FROM pbl.meta WHERE key = 'schema_version'");
    if (PQresultStatus(r) == PGRES_TUPLES_OK)
        v = PQntuples(r) == 1 ? atoi(PQgetvalue(r, 0, 0)) : 0;
    else
        hub_fail(h, r, "cannot read the hub's version", err, errsz);
    PQclear(r);
    return v;
}

/* See hub_impl.h. */
int hub_check_version(struct pbl_hub *h, char *err, size_t errsz)
{
    int v = hub_version(h, err, errsz);
    if (v < 0)
        return -1;
    if (v == 0) {
        snprintf(err, errsz,
                 "%s is not a pbl hub (no pbl schema); its administrator "
                 "runs 'pbl hub init' first",
                 h->name);
        return -1;
    }
    if (v > HUB_SCHEMA_VERSION) {
        snprintf(err, errsz,
                 "the hub %s has schema version %d, newer than this pbl "
                 "knows (%d): upgrade pbl to sync with it",
                 h->name, v, HUB_SCHEMA_VERSION);
        return -1;
    }
    if (v < HUB_SCHEMA_VERSION) {
        snprintf(err, errsz,
                 "the hub %s has schema version %d, older than this pbl "
                 "(%d): its administrator runs 'pbl hub init' to upgrade it",
                 h->name, v, HUB_SCHEMA_VERSION);
        return -1;
    }
    return 0;
}

/* See hub.h. */
void hub_set_progress(struct pbl_hub *h, hub_progress_fn fn, void *ctx)
{
    h->progress = fn;
    h->progress_ctx = ctx;
}

/* See hub_impl.h. */
void hub_progress(struct pbl_hub *h, const char *what, int done, int total)
{
    if (h->progress)
        h->progress(h->progress_ctx, what, done, total);
}
