/* store_crash_writer.c - for tests/cli/store_crash.sh: records sessions,
 * drafts and responses into a store as fast as it can, and acknowledges
 * each on standard output only after the store call returned (that is,
 * after the commit). The test kills it with SIGKILL at random moments and
 * checks that everything acknowledged is in the database.
 *
 *   store_crash_writer DB [LIMIT]
 *
 * Lines printed, one per committed write:
 *   ack session UUID - -
 *   ack draft UUID QIDX dIIIIIIII-K     (K = 1..3: successive drafts)
 *   ack resp UUID QIDX rIIIIIIII        (clears the draft)
 * I counts responses across all runs on the same database, so each text is
 * unique. LIMIT stops after that many responses (default: never). */
#include <stdio.h>
#include <stdlib.h>

#include "unit/test_store_util.h"

#define NQ 8

/* Prints the message and exits 1: the test treats any such exit as a
 * failure (a kill is the only expected end). */
static void die(struct pbl_store *st, const char *what)
{
    fprintf(stderr, "store_crash_writer: %s: %s\n", what, store_error(st));
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: store_crash_writer DB [LIMIT]\n");
        return 2;
    }
    long limit = argc == 3 ? atol(argv[2]) : -1;
    struct pbl_store *st = NULL;
    char *err = NULL;
    if (store_open(argv[1], STORE_CREATE, &st, &err) != STORE_OK) {
        fprintf(stderr, "store_crash_writer: %s\n", err);
        free(err);
        return 1;
    }
    long i = sql_int(st, "SELECT count(*) FROM responses");
    struct pbl_module *m = make_module("crash", NQ);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {.kind = STORE_GROUP,
                                  .group_name = "crash",
                                  .modules = mods,
                                  .nmodules = 1};
    for (long done = 0; limit < 0 || done < limit;) {
        char uuid[STORE_UUID_LEN + 1];
        if (store_create_session(st, &n, uuid) != STORE_OK)
            die(st, "create session");
        printf("ack session %s - -\n", uuid);
        fflush(stdout);
        for (int q = 0; q < NQ && (limit < 0 || done < limit); q++, done++) {
            char text[32];
            for (int k = 1; k <= 3; k++) {
                snprintf(text, sizeof text, "d%08ld-%d", i, k);
                if (store_save_draft(st, uuid, 0, q, text) != STORE_OK)
                    die(st, "save draft");
                printf("ack draft %s %d %s\n", uuid, q, text);
                fflush(stdout);
            }
            snprintf(text, sizeof text, "r%08ld", i++);
            if (store_record_response(st, uuid, 0, q, text) != STORE_OK)
                die(st, "record response");
            printf("ack resp %s %d %s\n", uuid, q, text);
            fflush(stdout);
        }
    }
    free_module(m);
    store_close(st);
    return 0;
}
