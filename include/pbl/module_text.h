/* module_text.h - one module as readable plain text. */
#ifndef PBL_MODULE_TEXT_H
#define PBL_MODULE_TEXT_H

#include <stddef.h>
#include <stdio.h>

#include "pbl/module.h"

/* The whole module (scenario, video, questions, model answers, key points,
 * facilitator notes) wrapped to `width` columns. */
void module_write_text(FILE *out, const struct pbl_module *m, int width);

/* The skills of a set as "a, b, c" into buf. */
void module_skills_text(unsigned skills, char *buf, size_t size);

#endif
