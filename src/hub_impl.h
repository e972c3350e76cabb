/* hub_impl.h - what the src/hub*.c files share; not part of the API. */
#ifndef PBL_HUB_IMPL_H
#define PBL_HUB_IMPL_H

#include <libpq-fe.h>

#include "pbl/hub.h"

struct pbl_hub {
    PGconn *conn;
    char name[256];           /* hub_name() */
    char *password;           /* the URL's password, taken out of messages */
    hub_progress_fn progress; /* hub_set_progress(), or NULL */
    void *progress_ctx;
};

/* Reports a step of `what` (done of total) to the progress function. */
void hub_progress(struct pbl_hub *h, const char *what, int done, int total);

/* Runs sql (no parameters); 0 when it returned `want`, else -1 with
 * "<what>: <the server's message>" in err. */
int hub_exec(struct pbl_hub *h, const char *sql, ExecStatusType want,
             const char *what, char *err, size_t errsz);

/* Writes "<what>: <the server's message>" to err (the password, if the
 * URL had one, never in it); returns -1. */
int hub_fail(struct pbl_hub *h, const PGresult *r, const char *what, char *err,
             size_t errsz);

/* The hub's schema version: 0 when it has no pbl schema, -1 on error. */
int hub_version(struct pbl_hub *h, char *err, size_t errsz);

/* Checks that the hub is one this pbl can sync with: 0, or -1 with a
 * message (no pbl schema; a newer one). */
int hub_check_version(struct pbl_hub *h, char *err, size_t errsz);

/* ---- between the push and the pull of `pbl sync` ---------------- */

#include "pbl/sync.h"

/* The order tables are pushed and pulled in (hub_pull.c). */
extern const enum sync_table hub_sync_order[SYNC_TABLES];

/* The local rows written since a mark (the sessions' UUIDs, the
 * tombstones), for hub_copy_in: rows(st, since, ...) is
 * store_sync_changed or store_sync_deleted (hub_pull.c). */
struct hub_marked {
    struct pbl_store *st;
    long long since;
    int (*rows)(struct pbl_store *st, long long since, sync_row_fn fn,
                void *ctx);
};
int hub_marked_rows(void *arg, sync_row_fn fn, void *ctx);

/* Runs sql, which ends in a COPY ... FROM STDIN, and sends it the rows
 * produce() gives (*rows, when not NULL, gets their number); 0, or -1
 * with the message in err (st's when the local side failed). In
 * hub_sync.c. */
int hub_copy_in(struct pbl_hub *h, struct pbl_store *st, const char *sql,
                int (*produce)(void *, sync_row_fn, void *), void *arg,
                long *rows, char *err, size_t errsz);

/* Where the last sync with a hub left off: the store's mark then
 * (store_sync_mark) and the highest rev of the hub's sessions it saw;
 * -1 for "compare every session". */
struct sync_marks {
    long long local, hub;
};

/* The pull (hub_pull.c): the hub's records this login sees that differ
 * here (of the sessions written on either side since the marks m, which
 * become -1 when the hub's revs went back; *hub_now gets the hub's rev),
 * staged and merged into st; the digests stay for the push to compare
 * with. */
int hub_pull(struct pbl_hub *h, struct pbl_store *st, struct sync_marks *m,
             long long *hub_now, struct sync_tally *t, char *err, size_t errsz);

#endif
