/* store_migrate.c - bringing a database up to this schema: the
 * migrations of store_schema.c applied in order, each in its own
 * transaction, with what they need while they run (foreign keys and
 * CHECK constraints off, pbl_row_uuid() registered). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_impl.h"

/* Reads PRAGMA user_version; -1 with err filled on failure. */
static int user_version(sqlite3 *db, char *err, size_t errsz)
{
    sqlite3_stmt *s = NULL;
    int v = -1;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    else
        snprintf(
            err, errsz, "%s",
            store_explain(rc, sqlite3_system_errno(db), sqlite3_errmsg(db)));
    sqlite3_finalize(s);
    return v;
}

static int migrate_steps(sqlite3 *db, int from, int to, char *err,
                         size_t errsz);

/* Applies migrations from..to-1, each in its own BEGIN IMMEDIATE
 * transaction. Inside each, the version is read again: when another
 * process migrated meanwhile, the step is skipped, so two pbl opening an
 * old database at once do not apply a step twice. Returns 0, or -1 with a
 * message in err (the failed step rolled back, the earlier ones kept). */
int store_migrate_db(sqlite3 *db, int from, int to, char *err, size_t errsz)
{
    if (from >= to)
        return 0;
    /* Tables are rebuilt (12-step ALTER): foreign keys off, or dropping a
     * table would delete the rows that refer to it; CHECK constraints
     * ignored, so that a record already out of range is copied as it is
     * (db check reports it). Both only while migrating. */
    sqlite3_stmt *s = NULL;
    int fk = 0;
    if (sqlite3_prepare_v2(db, "PRAGMA foreign_keys", -1, &s, NULL) ==
            SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        fk = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    sqlite3_exec(db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL);
    sqlite3_create_function(db, "pbl_row_uuid", -1,
                            SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                            store_row_uuid_sql, NULL, NULL);
    int rc = migrate_steps(db, from, to, err, errsz);
    sqlite3_create_function(db, "pbl_row_uuid", -1, SQLITE_UTF8, NULL, NULL,
                            NULL, NULL);
    sqlite3_exec(db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL);
    if (fk)
        sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    return rc;
}

/* The steps of store_migrate_db(). */
static int migrate_steps(sqlite3 *db, int from, int to, char *err, size_t errsz)
{
    char sql[64];
    for (int k = from; k < to; k++) {
        int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            snprintf(err, errsz, "cannot upgrade the database: %s",
                     store_explain(rc, sqlite3_system_errno(db),
                                   sqlite3_errmsg(db)));
            return -1;
        }
        int v = user_version(db, err, errsz);
        if (v < 0) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
        if (v > k) { /* done by another process meanwhile */
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            k = v - 1;
            continue;
        }
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", k + 1);
        rc = sqlite3_exec(db, store_migration(k), NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            snprintf(err, errsz,
                     "cannot upgrade the database to version %d: %s", k + 1,
                     store_explain(rc, sqlite3_system_errno(db),
                                   sqlite3_errmsg(db)));
            if (!sqlite3_get_autocommit(db))
                sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return -1;
        }
    }
    return 0;
}

/* The test hook declared in store.h: brings a raw connection from its
 * current version up to `version` (never down). */
int store_migrate_to(sqlite3 *db, int version, char **errmsg)
{
    char err[512] = "";
    if (errmsg)
        *errmsg = NULL;
    if (version < 0 || version > STORE_SCHEMA_VERSION) {
        snprintf(err, sizeof err, "no schema version %d (this pbl knows %d)",
                 version, STORE_SCHEMA_VERSION);
    } else {
        int v = user_version(db, err, sizeof err);
        if (v >= 0 && store_migrate_db(db, v, version, err, sizeof err) == 0)
            return STORE_OK;
    }
    if (errmsg)
        *errmsg = strdup(err);
    return STORE_ERROR;
}
