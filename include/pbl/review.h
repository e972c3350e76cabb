/* review.h - one recorded session as readable text, exactly as it was.
 *
 * Built from the store alone (the module snapshots, not the YAML files),
 * so it shows what the group saw even after a module changed or was
 * deleted. The console's review screen pages through it; plain C. */
#ifndef PBL_REVIEW_H
#define PBL_REVIEW_H

#include <stdio.h>

#include "pbl/store.h"

/* Writes session `uuid` as text to out: who and when, each module as
 * snapshotted with each question's recorded answer, skills tagged, key
 * points reached and missed, rating, model answer and time against its
 * time box, then the parking lot and the review comments. Paragraphs are
 * single lines for the reader to wrap. Returns 0, or -1 with *errmsg
 * (malloc'd). */
int review_write(struct pbl_store *st, const char *uuid, FILE *out,
                 char **errmsg);

#endif
