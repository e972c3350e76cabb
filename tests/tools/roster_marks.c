/* roster_marks.c - for tests/cli/merge.sh and hub.sh: marks attendance
 * and speakers of a group session through the store's own calls (what
 * the console's `a` and `s` lists do), so that a test can record them
 * without driving the console.
 *
 *   roster_marks DB SESSION attend|leave NAME
 *   roster_marks DB SESSION speak|unspeak NAME MODPOS QIDX
 *
 * SESSION is a session's UUID, or "first" for the oldest group session.
 * Exit 0 when done, 1 with a message when the store refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/roster.h"
#include "unit/test_store_util.h"

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: roster_marks DB SESSION WHAT NAME"
                        " [MODPOS QIDX]\n");
        return 2;
    }
    struct pbl_store *st = NULL;
    char *err = NULL;
    if (store_open(argv[1], STORE_CREATE, &st, &err) != STORE_OK) {
        fprintf(stderr, "roster_marks: %s\n", err);
        free(err);
        return 1;
    }
    char uuid[STORE_UUID_LEN + 1];
    snprintf(uuid, sizeof uuid, "%s", argv[2]);
    if (strcmp(argv[2], "first") == 0) {
        sqlite3_stmt *s = NULL;
        sqlite3_prepare_v2(store_db(st),
                           "SELECT uuid FROM sessions WHERE kind = 'group'"
                           " ORDER BY started_at, id LIMIT 1",
                           -1, &s, NULL);
        if (s && sqlite3_step(s) == SQLITE_ROW)
            snprintf(uuid, sizeof uuid, "%s", sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
    }
    struct roster_resident r;
    int rc = roster_find(st, argv[4], &r);
    const char *what = argv[3];
    if (rc == STORE_OK && (!strcmp(what, "attend") || !strcmp(what, "leave")))
        rc = roster_set_present(st, uuid, r.id, !strcmp(what, "attend"));
    else if (rc == STORE_OK && argc == 7 &&
             (!strcmp(what, "speak") || !strcmp(what, "unspeak")))
        rc = roster_set_speaker(st, uuid, atoi(argv[5]), atoi(argv[6]), r.id,
                                !strcmp(what, "speak"));
    else if (rc == STORE_OK) {
        fprintf(stderr, "roster_marks: no such mark: %s\n", what);
        roster_resident_free(&r);
        store_close(st);
        return 2;
    }
    roster_resident_free(&r);
    if (rc != STORE_OK)
        fprintf(stderr, "roster_marks: %s\n", store_error(st));
    store_close(st);
    return rc == STORE_OK ? 0 : 1;
}
