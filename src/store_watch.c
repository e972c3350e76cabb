/* store_watch.c - noticing that another pbl wrote to the database, for a
 * reader that follows it live (the room view): one cheap PRAGMA, asked on
 * a timer (see store.h). */
#include "store_impl.h"

int store_data_version(struct pbl_store *st, int64_t *version)
{
    sqlite3_stmt *s = store_stmt(st, SQL_DATA_VERSION, "PRAGMA data_version");
    if (!s)
        return store_fail(st, "cannot watch the database");
    int rc = store_step(st, s);
    if (rc != SQLITE_ROW)
        return store_fail(st, "cannot watch the database");
    *version = (int64_t)sqlite3_column_int64(s, 0);
    store_done(s);
    return STORE_OK;
}
