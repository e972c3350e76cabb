/* study_progress.c - a resident's progress over the library, folded
 * from their attempts at each module as the store reads them
 * (store_study_attempts: one read-only query). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/study.h"

/* The position in the library (sorted by id, see library.h) of the
 * module with this id, or -1 when the library no longer has it. */
static long library_index(const struct pbl_library *lib, const char *id)
{
    size_t lo = 0, hi = lib->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, lib->mods[mid]->id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

/* The text, "" for a missing one. */
static const char *or_empty(const char *t)
{
    return t ? t : "";
}

/* The worst rating of a finished attempt's questions: given up or missed
 * is missed, then partly, then got; NONE when nothing was rated. */
static enum store_rating attempt_result(int gave_up, int got, int partly,
                                        int missed)
{
    if (gave_up > 0 || missed > 0)
        return STORE_RATING_MISSED;
    if (partly > 0)
        return STORE_RATING_PARTLY;
    if (got > 0)
        return STORE_RATING_GOT;
    return STORE_RATING_NONE;
}

/* What the attempts are folded into. */
struct fold {
    struct study_progress *p;
    const struct pbl_library *lib;
};

/* Folds one attempt into the progress. Rows come oldest
 * start first, so each one overwrites what an earlier attempt left: what
 * remains is the latest attempt, and the latest finished one. An attempt
 * of a module the library no longer has is skipped. */
static void add_attempt(void *ctx, const struct store_attempt *a)
{
    const struct fold *f = ctx;
    struct study_progress *p = f->p;
    long k = library_index(f->lib, or_empty(a->module_id));
    if (k < 0)
        return;
    struct study_module_progress *mp = &p->v[k];
    bool finished = strcmp(or_empty(a->status), "finished") == 0;
    const char *started = or_empty(a->started_at);
    const char *ended = or_empty(a->ended_at);
    if (finished && !*ended) /* not expected: fall back on the start */
        ended = started;
    mp->state = finished ? STUDY_DONE : STUDY_IN_PROGRESS;
    snprintf(mp->last_uuid, sizeof mp->last_uuid, "%s", or_empty(a->uuid));
    snprintf(mp->last_date, sizeof mp->last_date, "%s",
             finished ? ended : started);
    if (!finished)
        return;
    mp->attempts++;
    mp->gave_up = a->gave_up;
    mp->got = a->got;
    mp->partly = a->partly;
    mp->missed = a->missed;
    mp->result = attempt_result(mp->gave_up, mp->got, mp->partly, mp->missed);
    time_t end = 0;
    if (clock_parse_iso(ended, &end) == 0)
        mp->due = end + (time_t)study_revisit_days(mp->result) * 86400;
    else
        mp->due = 0; /* an unreadable time: due at once */
    unsigned target = (unsigned)a->target;
    unsigned named = (unsigned)a->named;
    for (int b = 0; b < SKILL_COUNT; b++)
        if (target & SKILL_BIT(b)) {
            p->mattered[b]++;
            if (named & SKILL_BIT(b))
                p->named[b]++;
        }
}

/* Hands back a one-line message (malloc'd) when the caller wants it. */
static int progress_fail(struct study_progress *out, char **errmsg,
                         const char *why)
{
    study_progress_free(out);
    if (errmsg) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot read the study progress: %s", why);
        *errmsg = strdup(msg);
    }
    return -1;
}

/* Starts every library module as not started, then folds in the
 * resident's attempts from one query. */
int study_progress(struct pbl_store *st, const char *resident,
                   const struct pbl_library *lib, struct study_progress *out,
                   char **errmsg)
{
    if (errmsg)
        *errmsg = NULL;
    memset(out, 0, sizeof *out);
    if (!st || !lib)
        return progress_fail(out, errmsg, "no database or no library");
    out->v = calloc(lib->n ? lib->n : 1, sizeof *out->v);
    if (!out->v)
        return progress_fail(out, errmsg, "out of memory");
    out->n = lib->n;
    for (size_t i = 0; i < lib->n; i++)
        out->v[i].module = lib->mods[i];
    if (!resident)
        return 0; /* nobody named: nothing started */

    struct fold f = {out, lib};
    char why[256];
    if (store_study_attempts(st, resident, add_attempt, &f, why, sizeof why))
        return progress_fail(out, errmsg, why);
    for (size_t i = 0; i < out->n; i++)
        if (out->v[i].attempts > 0)
            out->done++;
    return 0;
}

/* Frees the per-module array and leaves p empty; NULL is allowed. */
void study_progress_free(struct study_progress *p)
{
    if (!p)
        return;
    free(p->v);
    memset(p, 0, sizeof *p);
}
