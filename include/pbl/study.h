/* study.h - the rules of self-study: checking a resident's answer against
 * the module (the customers they named, the skills they picked), and their
 * progress across the library (which modules are done, how often each
 * skill was named when it mattered, what to practise next).
 *
 * Plain C, no ncurses: the self-study screens call these functions. The
 * progress is read from the store with read-only SQL; nothing here writes.
 *
 * A resident's attempt at a module is one module of a self-study session
 * (kind 'self-study') whose resident is that name. Sessions that are
 * 'active' are attempts in progress, 'finished' ones are finished attempts,
 * 'abandoned' ones are ignored. "Latest" means started last (the session's
 * start time, then the order the sessions were created, then the module's
 * position in the session). */
#ifndef PBL_STUDY_H
#define PBL_STUDY_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "pbl/library.h"
#include "pbl/module.h"
#include "pbl/store.h"

/* ---- checking one answer -------------------------------------------- */

/* Which of `customers` the free-text answer names: bit i set when
 * customers->v[i] is found (only the first 64 customers are looked at).
 * Both the answer and each customer are normalised the same way, then the
 * customer's words must appear as a contiguous run of whole words in the
 * answer's words ("patient" is not found in "outpatient"):
 *  - ASCII letters are lower-cased; other UTF-8 is kept as it is.
 *  - Punctuation between words separates them ("residents,and"). A dot
 *    after a single letter inside a word is removed ("E.R." -> "er",
 *    "U.S.A." -> "usa"); an apostrophe inside a word is removed ("O'Neil"
 *    -> "oneil") and a possessive "'s" is dropped ("ER's" -> "er"); the
 *    typographic apostrophe U+2019 counts as one.
 *  - The words "the", "a" and "an" are ignored.
 *  - Each word is singularised: "people" -> "person", "children" ->
 *    "child", "women" -> "woman"; words of 3 letters or fewer, and words
 *    ending in "ss", are kept; "...ies" -> "...y" when longer than 4
 *    letters ("families" -> "family", "ties" -> "tie"); "...sses",
 *    "...ches", "...shes", "...xes" lose "es" ("bosses" -> "boss"); any
 *    other final "s" is removed ("residents" -> "resident", "ICUs" ->
 *    "icu").
 *  - Other punctuation and spaces of UTF-8 (U+00A0..U+00BF, U+2000..U+206F:
 *    no-break space, dashes, curly quotes, ...) separate words too.
 * A customer with no words left (empty, "the", punctuation) is never
 * found. NULL answer or customers, or memory running out, give 0. */
uint64_t study_customers_named(const char *answer,
                               const struct pbl_strv *customers);

/* The same over a module's customers, where naming any of a customer's
 * aliases (the module's `customers: [{name, aliases}]`) counts as naming
 * that customer: "ED attending" for "ER attending". */
uint64_t study_module_customers_named(const char *answer,
                                      const struct pbl_module *m);

/* Normalises `text` as study_customers_named() does, into a malloc'd
 * string of its words, each preceded and followed by one space
 * ("The E.R. residents!" -> " er resident "; no words -> " "). NULL when
 * memory ran out. For showing or testing what was matched. */
char *study_normalise(const char *text);

/* The skills picked against the module's target skills:
 * matched = picked & target; missed = target & ~picked;
 * extra = picked & ~target. Any output pointer may be NULL. */
void study_compare_skills(unsigned picked, unsigned target, unsigned *matched,
                          unsigned *missed, unsigned *extra);

/* Days until a module rated r comes back: missed 1, partly 3, got 14
 * (STORE_RATING_NONE, or anything else: 3). */
int study_revisit_days(enum store_rating r);

/* ---- progress over the library -------------------------------------- */

enum study_state { STUDY_NOT_STARTED, STUDY_IN_PROGRESS, STUDY_DONE };

struct study_module_progress {
    const struct pbl_module *module; /* from the library (not owned) */
    enum study_state state; /* of the resident's latest attempt at it */
    /* when the latest attempt started (in progress) or ended (done); ""
     * if none */
    char last_date[STORE_TIME_LEN + 1];
    char last_uuid[STORE_UUID_LEN + 1]; /* the latest attempt's session */
    int attempts;                       /* finished attempts */
    /* the latest finished attempt, per question: given up (whatever its
     * rating), else rated got / partly / missed; unrated questions count
     * in none of them */
    int got, partly, missed, gave_up;
    /* the module's result in the latest finished attempt: the worst
     * rating of its questions (missed < partly < got), a question given
     * up counting as missed; NONE when no question was rated or given up,
     * or never finished */
    enum store_rating result;
    /* when it should come back: end of the latest finished attempt +
     * study_revisit_days(result) days; 0 if never finished */
    time_t due;
};

struct study_progress {
    struct study_module_progress *v; /* one per library module, in order */
    size_t n;
    size_t done; /* modules with at least one finished attempt */
    /* over every finished attempt of a library module: the module
     * discussions where skill k was a target skill (of the module as it
     * was snapshotted in that session) ... */
    int mattered[SKILL_COUNT];
    /* ... and of those, the ones where the resident tagged skill k on any
     * question of the module */
    int named[SKILL_COUNT];
};

/* Progress of one resident over the library, from their self-study
 * sessions (resident = name, exact match; NULL: nobody). Modules are
 * matched by id; an attempt of a module that is no longer in the library
 * is ignored. Reads them with store_study_attempts(). Returns 0, or
 * -1 with *errmsg a malloc'd one-line message (and *out empty). Free *out
 * with study_progress_free() either way. */
int study_progress(struct pbl_store *st, const char *resident,
                   const struct pbl_library *lib, struct study_progress *out,
                   char **errmsg);
void study_progress_free(struct study_progress *p);

/* The "practise next" list: indexes into p->v of modules with a finished
 * attempt that are due (due <= now: a missed module comes back one day
 * after the attempt ended, partly or not rated after three, got after
 * fourteen), ordered by result (missed first, then partly, then got, then
 * not rated), then by due time, oldest first, then library order. Writes
 * at most max indexes to idx; returns the count written. */
size_t study_practise_next(const struct study_progress *p, time_t now,
                           size_t *idx, size_t max);

/* The "coming up" list: modules with a finished attempt that are not yet
 * due (due > now), soonest first, then library order. At most max
 * indexes; returns the count written. */
size_t study_coming_up(const struct study_progress *p, time_t now, size_t *idx,
                       size_t max);

/* When a module is due, against now, into buf (always terminated):
 *   "due since 2026-03-02"          (due <= now)
 *   "due 2026-03-02, in 5 h"        (less than a day away, hours rounded up)
 *   "due 2026-03-04, in 3 days"     (days rounded up; "in 1 day")
 * Dates are UTC. */
void study_due_label(time_t due, time_t now, char *buf, size_t size);

/* The skills ordered weakest first: by named / mattered, lowest first;
 * skills that never mattered come last; ties keep the enum order. */
void study_weakest_skills(const struct study_progress *p,
                          enum pbl_skill order[SKILL_COUNT]);

/* One line for the module picker, written into buf (always terminated,
 * cut short when it does not fit; nothing written when size is 0):
 *   "not started"
 *   "in progress since 2026-11-23"
 *   "in progress since 2026-11-23 · last: 2 got, 1 missed"  (finished
 *       before: the counts of the latest finished attempt)
 *   "done 2026-11-23 · 3 got, 1 partly"
 *   "done 2026-11-23 · 1 got, 1 gave up"
 *   "done 2026-11-23 · not rated"
 * Counts appear in the order got, partly, missed, gave up, and only when
 * not zero. The dot is U+00B7. */
void study_progress_label(const struct study_module_progress *mp, char *buf,
                          size_t size);

/* ---- unfinished attempts ------------------------------------------- */

/* A resident's unfinished attempts at one module: how many there are and
 * the latest (started last), which picking the module again continues. */
struct study_attempts {
    size_t n; /* 0: none */
    char uuid[STORE_UUID_LEN + 1];
    char started_at[STORE_TIME_LEN + 1];
};

/* Fills *out from the active self-study sessions of `resident` (exact
 * name) that hold module `module_id`. Returns 0, or -1 with *errmsg a
 * malloc'd one-line message. */
int study_unfinished_attempts(struct pbl_store *st, const char *resident,
                              const char *module_id, struct study_attempts *out,
                              char **errmsg);

/* Starting over: closes every unfinished attempt of the resident at the
 * module as abandoned (each logged "abandon"; nothing recorded in them is
 * deleted); *abandoned gets how many. 0, or -1 with *errmsg. */
int study_start_over(struct pbl_store *st, const char *resident,
                     const char *module_id, int *abandoned, char **errmsg);

#endif
