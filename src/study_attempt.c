/* study_attempt.c - a resident's unfinished attempts at a module: picking
 * the module again continues the latest one; starting over closes them
 * as abandoned (see study.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/study.h"

/* Keeps the latest attempt and counts them all. */
static void take_attempt(void *ctx, const struct store_attempt *a)
{
    struct study_attempts *out = ctx;
    if (out->n++ > 0)
        return; /* only counted: the latest one is continued */
    snprintf(out->uuid, sizeof out->uuid, "%s", a->uuid);
    snprintf(out->started_at, sizeof out->started_at, "%s", a->started_at);
}

int study_unfinished_attempts(struct pbl_store *st, const char *resident,
                              const char *module_id, struct study_attempts *out,
                              char **errmsg)
{
    memset(out, 0, sizeof *out);
    *errmsg = NULL;
    if (!resident || !module_id)
        return 0;
    char why[256];
    if (store_unfinished_attempts(st, resident, module_id, take_attempt, out,
                                  why, sizeof why) != 0) {
        memset(out, 0, sizeof *out);
        size_t n = strlen(why) + 64;
        if ((*errmsg = malloc(n)))
            snprintf(*errmsg, n, "cannot read the attempts: %s", why);
        return -1;
    }
    return 0;
}

int study_start_over(struct pbl_store *st, const char *resident,
                     const char *module_id, int *abandoned, char **errmsg)
{
    struct study_attempts a;
    *abandoned = 0;
    /* one at a time, newest first, until none is left: each abandon is
     * its own transaction and logs its own "abandon" event */
    for (int guard = 0; guard < 1000; guard++) {
        if (study_unfinished_attempts(st, resident, module_id, &a, errmsg) < 0)
            return -1;
        if (a.n == 0)
            return 0;
        if (store_abandon_session(st, a.uuid) != STORE_OK) {
            *errmsg = strdup(store_error(st));
            return -1;
        }
        ++*abandoned;
    }
    return 0;
}
