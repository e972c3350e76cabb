/* hub.h - the department's hub: a PostgreSQL database every machine
 * syncs its records with, through libpq (src/hub*.c).
 *
 * Everything a server must do is PostgreSQL's: logins and passwords
 * (libpq's ~/.pgpass, PGSERVICE, PGPASSWORD; never pbl's options), TLS,
 * access rights (roles pbl_director, pbl_facilitator, pbl_resident and
 * row-level security on every table), backup. The hub's schema is
 * versioned in pbl.meta; a pbl older than the hub refuses it.
 *
 * A URL given to pbl may carry a password; it is never printed: messages
 * name the hub by hub_redact(). */
#ifndef PBL_HUB_H
#define PBL_HUB_H

#include <stddef.h>

#include "pbl/store.h"
#include "pbl/sync.h"

/* The version of the hub's schema this pbl creates and understands. */
#define HUB_SCHEMA_VERSION 7

struct pbl_hub;

/* The URL without a password (postgresql://user:pw@host -> user@host,
 * password=... dropped from a key=value string); malloc'd, NULL when out
 * of memory. */
char *hub_redact(const char *url);

/* Connects to the hub at url (a postgresql:// URL or key=value string).
 * 0, or -1 with a message in err naming the hub without its password. */
int hub_connect(const char *url, struct pbl_hub **out, char *err, size_t errsz);
void hub_close(struct pbl_hub *h);

/* "HOST:PORT/DATABASE as USER", for messages. */
const char *hub_name(const struct pbl_hub *h);

/* Creates or upgrades the hub's schema, roles and policies (one
 * transaction) to version target (0 or anything out of range: the
 * newest, HUB_SCHEMA_VERSION; an older one only for tests of the
 * upgrade); *was gets the version found (0: none). 0 or -1. */
int hub_init(struct pbl_hub *h, int target, int *was, char *err, size_t errsz);

/* Adds a person: login role LOGIN (created without a password when
 * missing), member of pbl_ROLE, bound to NAME (the facilitator or
 * resident name their records carry). 0 or -1. */
int hub_grant(struct pbl_hub *h, const char *role, const char *login,
              const char *name, char *err, size_t errsz);

/* Called as a sync goes: `what` ("pulling", "pushing"), done of total
 * steps; for a progress bar on a terminal. */
typedef void (*hub_progress_fn)(void *ctx, const char *what, int done,
                                int total);
void hub_set_progress(struct pbl_hub *h, hub_progress_fn fn, void *ctx);

/* Gives the hub a new identity (pbl.meta's hub_id), after it was
 * restored from a backup: the marks every machine kept of it no longer
 * apply, so each one's next sync compares every session (and pushes
 * what the backup lacked). 0 or -1. */
int hub_new_identity(struct pbl_hub *h, char *err, size_t errsz);

/* Pulls what this login may see and st lacks, then pushes what the hub
 * lacks (and this login may write): the tallies say what moved. Each
 * half is one transaction. Only the sessions written on either side
 * since the last sync with this hub (as this person) are compared,
 * unless full (every session). 0 or -1. */
int hub_sync(struct pbl_hub *h, struct pbl_store *st, bool full,
             struct sync_tally *pulled, struct sync_tally *pushed, char *err,
             size_t errsz);

#endif
