/* store_raw.h - the store's raw SQLite connection, for tests, tools and
 * benchmarks that set up, inspect or damage a database beneath the
 * store's API. Not part of the API: inside src/ only the store's own
 * files use the connection (src/store_impl.h). */
#ifndef PBL_TESTS_STORE_RAW_H
#define PBL_TESTS_STORE_RAW_H

struct sqlite3;
struct pbl_store;

struct sqlite3 *store_db(struct pbl_store *st);

/* The UUID pbl_row_uuid(table, key) gives (src/store_uuid.c): a
 * resident's, from the name key it was first added under. */
void store_derived_uuid(const char *table, const char *key, char out[37]);

#endif
