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

#endif
