/* store_two_writers.c - for tests/cli/store_two_writers.sh: one of two
 * processes recording into the same database at once. Each records N
 * responses (a draft, then the entered answer, as the console does) in
 * sessions of 20 questions; any error is printed and ends it with 1.
 *
 *   store_two_writers DB TAG N
 *
 * Response texts are "TAG-I", I = 0..N-1. */
#include <stdio.h>
#include <stdlib.h>

#include "unit/test_store_util.h"

#define NQ 20

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: store_two_writers DB TAG N\n");
        return 2;
    }
    const char *tag = argv[2];
    long total = atol(argv[3]);
    struct pbl_store *st = NULL;
    char *err = NULL;
    if (store_open(argv[1], STORE_CREATE, &st, &err) != STORE_OK) {
        fprintf(stderr, "%s: %s\n", tag, err);
        free(err);
        return 1;
    }
    struct pbl_module *m = make_module("two-writers", NQ);
    const struct pbl_module *mods[] = {m};
    struct store_session_new n = {
        .kind = STORE_GROUP, .group_name = tag, .modules = mods, .nmodules = 1};
    char uuid[STORE_UUID_LEN + 1];
    int rc = 0;
    for (long i = 0; i < total && rc == 0; i++) {
        char text[64];
        int q = (int)(i % NQ);
        snprintf(text, sizeof text, "%s-%ld", tag, i);
        if (q == 0 && store_create_session(st, &n, uuid) != STORE_OK)
            rc = 1;
        else if (store_save_draft(st, uuid, 0, q, "typing") != STORE_OK)
            rc = 1;
        else if (store_record_response(st, uuid, 0, q, text) != STORE_OK)
            rc = 1;
        if (rc)
            fprintf(stderr, "%s: response %ld: %s\n", tag, i, store_error(st));
    }
    free_module(m);
    store_close(st);
    return rc;
}
