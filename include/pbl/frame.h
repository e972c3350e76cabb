/* frame.h - what the workshop's frame shows: the opening slide (what
 * customer service is, the kinds of customers, the five skills, from
 * skills.yaml) and the closing one (the skills named and missed across
 * the session, the parking lot, the final discussion).
 *
 * Computed here, in plain C, as a list of lines with a role each, so that
 * every screen that shows a session (the console, the room view) draws
 * the same content its own way; nothing here knows about terminals. */
#ifndef PBL_FRAME_H
#define PBL_FRAME_H

#include <stdbool.h>
#include <stddef.h>

#include "pbl/module.h"
#include "pbl/session.h"

enum frame_role {
    FRAME_HEADING, /* a section's heading */
    FRAME_TEXT,    /* a paragraph */
    FRAME_ITEM,    /* an item of a list under a heading */
    FRAME_NAMED,   /* a skill the group named */
    FRAME_MISSED,  /* a target skill the group did not name */
    FRAME_ANSWER,  /* what the group answered */
    FRAME_MODEL    /* the model answer */
};

struct frame_line {
    enum frame_role role;
    char *text;
    char *detail; /* an item's explanation (a skill's definition); or NULL */
};

struct frame_slide {
    char *title;
    struct frame_line *v;
    size_t n, cap;
};

/* The opening: from the vocabulary when there is one (NULL: the skills'
 * names only), with the parking-lot items `carried` over from the group's
 * earlier sessions (NULL or empty: none). Returns 0, or -1 when memory
 * ran out (*out is then freed). */
int frame_opening(const struct pbl_vocabulary *voc,
                  const struct store_park_list *carried,
                  struct frame_slide *out);

/* The closing of session s: the skills the group named (and where a
 * module's target was missed all the same), the target skills it never
 * named; the open parking-lot items;
 * the final discussion's question. Returns 0, or -1 when the parking lot
 * could not be read (session_error() says why) or memory ran out (*out is
 * then freed). */
int frame_closing(struct pbl_session *s, struct frame_slide *out);

/* The "all answers" overview of module `modpos`, like the workshop's
 * answer slide: for each question its prompt (a heading), what the group
 * answered (FRAME_ANSWER; "No answer recorded." when nothing was) and the
 * model answer (FRAME_MODEL). Returns 0, or -1 when memory ran out or
 * there is no such module. */
int frame_answers(const struct pbl_session *s, int modpos,
                  struct frame_slide *out);

/* Whether the session stands on the last question of a module, where the
 * overview is offered. */
bool frame_answers_offered(const struct pbl_session *s);

void frame_slide_free(struct frame_slide *f);

#endif
