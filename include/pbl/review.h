/* review.h - one recorded session as readable text, exactly as it was.
 *
 * Built from the store alone (the module snapshots, not the YAML files),
 * so it shows what the group saw even after a module changed or was
 * deleted; read through store_walk() (store_walk.h) over a selection of
 * the one session, as every export reads it, so the review and the
 * exports agree on times, damaged records and the parking lot. The text comes
 * out as typed parts (a heading, a question's title, an answer, a model answer,
 * other text), so that a screen styles a part by what it is, never by how its
 * words begin: an answer typed as
 * "== x" or "Question 1" is still an answer. The console's review screen
 * pages through the parts; plain C. */
#ifndef PBL_REVIEW_H
#define PBL_REVIEW_H

#include <stddef.h>
#include <stdio.h>

#include "pbl/store.h"

/* What a part of the review text is. */
enum review_kind {
    REVIEW_TEXT,     /* anything else: times, skills, key points, ... */
    REVIEW_HEADING,  /* "== 1. Title (id, version 1) ==", "== Parking lot ==" */
    REVIEW_QUESTION, /* "Question 1 of 3: prompt" */
    REVIEW_ANSWER,   /* "Answer: ..." with every line of the answer */
    REVIEW_MODEL     /* "Model answer: ..." with every line of it */
};

/* One part: its kind and its text, one or more lines (joined by '\n',
 * without a final one; "" for a blank line). */
struct review_part {
    enum review_kind kind;
    char *text;
};

struct review_parts {
    struct review_part *v;
    size_t n, cap;
};

/* Session `uuid` as parts, in order: who and when, each module as
 * snapshotted with each question's recorded answer, skills tagged, the
 * customers marked (customers questions), key points reached and missed,
 * rating, model answer and time against its time box, then the parking
 * lot (raised or resolved in the session) and the review comments. A
 * damaged record shows STORE_MISSING where its text is lost. Paragraphs are
 * single lines for the reader to wrap. Returns 0 (free *out with
 * review_parts_free), or -1 with *errmsg (malloc'd) and *out empty. */
int review_parts(struct pbl_store *st, const char *uuid,
                 struct review_parts *out, char **errmsg);

/* Frees the parts and leaves *p empty; an empty *p is allowed. */
void review_parts_free(struct review_parts *p);

/* Writes session `uuid` as text to out: each part's text and a newline.
 * Returns 0, or -1 with *errmsg (malloc'd). */
int review_write(struct pbl_store *st, const char *uuid, FILE *out,
                 char **errmsg);

#endif
