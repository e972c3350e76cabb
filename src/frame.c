/* frame.c - the opening and closing slides of a session (see frame.h). */
#include "pbl/frame.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"
#include "pbl/util.h"

void frame_slide_free(struct frame_slide *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].text);
        free(f->v[i].detail);
    }
    free(f->v);
    free(f->title);
    memset(f, 0, sizeof *f);
}

static int add(struct frame_slide *f, enum frame_role role, const char *fmt,
               ...) __attribute__((format(printf, 3, 4)));

/* Appends a line; -1 when memory ran out. */
static int add(struct frame_slide *f, enum frame_role role, const char *fmt,
               ...)
{
    struct frame_line *v = util_grow(f->v, &f->cap, f->n + 1, sizeof *v);
    if (!v)
        return -1;
    f->v = v;
    va_list ap;
    va_start(ap, fmt);
    char *text = text_vformat(fmt, ap);
    va_end(ap);
    if (!text)
        return -1;
    f->v[f->n++] = (struct frame_line){role, text, NULL};
    return 0;
}

/* Appends an item with its explanation (none when detail is NULL). */
static int add_item(struct frame_slide *f, const char *name, const char *detail)
{
    if (add(f, FRAME_ITEM, "%s", name) < 0)
        return -1;
    if (detail && !(f->v[f->n - 1].detail = strdup(detail)))
        return -1;
    return 0;
}

/* The parking-lot items as a list under `heading`; none adds nothing. */
static int add_parking(struct frame_slide *f, const char *heading,
                       const struct store_park_list *l)
{
    if (!l || !l->n)
        return 0;
    int rc = add(f, FRAME_HEADING, "%s", heading);
    for (size_t i = 0; rc == 0 && i < l->n; i++)
        rc = add(f, FRAME_ITEM, "%s", l->v[i].text);
    return rc;
}

int frame_opening(const struct pbl_vocabulary *voc,
                  const struct store_park_list *carried,
                  struct frame_slide *out)
{
    memset(out, 0, sizeof *out);
    int rc = (out->title = strdup("Customer service in radiology")) ? 0 : -1;
    if (rc == 0 && voc && voc->customer_service)
        rc = add(out, FRAME_HEADING, "What customer service is") ||
             add(out, FRAME_TEXT, "%s", voc->customer_service);
    if (rc == 0 && voc && voc->nkinds) {
        rc = add(out, FRAME_HEADING, "Who the customers are");
        for (size_t i = 0; rc == 0 && i < voc->nkinds; i++)
            rc = add_item(out, voc->kind[i].name, voc->kind[i].definition);
    }
    if (rc == 0)
        rc = add(out, FRAME_HEADING, "The five skills");
    for (int k = 0; rc == 0 && k < SKILL_COUNT; k++) {
        const struct pbl_skill_info *si = voc ? &voc->skill[k] : NULL;
        const char *name =
            si && si->name ? si->name : skill_name((enum pbl_skill)k);
        rc = add_item(out, name, si ? si->definition : NULL);
    }
    if (rc == 0)
        rc = add_parking(out, "Carried over from the last session", carried);
    if (rc < 0)
        frame_slide_free(out);
    return rc;
}

/* Per skill across the modules: named in any, and the modules whose
 * target it was and that did not name it ("1, 3"); a skill neither named
 * nor a target is left out. */
static int add_skills(struct pbl_session *s, struct frame_slide *f)
{
    unsigned named_any = 0, targets = 0;
    for (size_t i = 0; i < session_nmodules(s); i++) {
        unsigned named, missed;
        session_module_skills(s, (int)i, &named, &missed);
        named_any |= named;
        targets |= session_module(s, (int)i)->skills;
    }
    int rc = add(f, FRAME_HEADING, "Skills across the session");
    if (rc == 0 && !(named_any | targets))
        rc = add(f, FRAME_TEXT, "No skill was named.");
    for (int k = 0; rc == 0 && k < SKILL_COUNT; k++) {
        char where[256] = "";
        for (size_t i = 0; i < session_nmodules(s); i++) {
            unsigned named, missed;
            session_module_skills(s, (int)i, &named, &missed);
            if (missed & SKILL_BIT(k))
                snprintf(where + strlen(where), sizeof where - strlen(where),
                         "%s%zu", where[0] ? ", " : "", i + 1);
        }
        const char *name = skill_name((enum pbl_skill)k);
        if (named_any & SKILL_BIT(k))
            rc = where[0]
                     ? add(f, FRAME_NAMED, "%s: named, but missed in module %s",
                           name, where)
                     : add(f, FRAME_NAMED, "%s: named", name);
        else if (targets & SKILL_BIT(k))
            rc = add(f, FRAME_MISSED, "%s: missed (module %s)", name, where);
    }
    return rc;
}

int frame_closing(struct pbl_session *s, struct frame_slide *out)
{
    memset(out, 0, sizeof *out);
    struct store_park_list l = {0};
    if (session_parking_lot(s, &l) < 0)
        return -1;
    int rc = (out->title = strdup("Final discussion")) ? 0 : -1;
    if (rc == 0)
        rc = add_skills(s, out);
    if (rc == 0)
        rc = l.n ? add_parking(out, "Parking lot", &l)
                 : add(out, FRAME_HEADING, "Parking lot") ||
                       add(out, FRAME_TEXT, "Nothing was parked.");
    if (rc == 0)
        rc = add(out, FRAME_HEADING, "To close") ||
             add(out, FRAME_TEXT,
                 "What will each of you do differently on your next shift?");
    store_park_list_free(&l);
    if (rc < 0) {
        frame_slide_free(out);
        return -1; /* out of memory: no session message to keep */
    }
    return 0;
}

bool frame_answers_offered(const struct pbl_session *s)
{
    struct session_stage g = session_stage(s);
    const struct pbl_module *m = session_module(s, g.modpos);
    return g.kind == STAGE_QUESTION && m && (size_t)g.qidx + 1 == m->nquestions;
}

int frame_answers(const struct pbl_session *s, int modpos,
                  struct frame_slide *out)
{
    memset(out, 0, sizeof *out);
    const struct pbl_module *m = session_module(s, modpos);
    if (!m)
        return -1;
    size_t len = strlen(m->title) + sizeof "All answers: ";
    int rc = (out->title = malloc(len)) ? 0 : -1;
    if (rc == 0)
        snprintf(out->title, len, "All answers: %s", m->title);
    for (size_t q = 0; rc == 0 && q < m->nquestions; q++) {
        const struct session_answer *a = session_answer(s, modpos, (int)q);
        const char *text = a && a->text ? a->text : "";
        bool none = text[strspn(text, " \t\n")] == '\0';
        rc =
            add(out, FRAME_HEADING, "%zu. %s", q + 1, m->questions[q].prompt) ||
            add(out, FRAME_ANSWER, "%s", none ? "No answer recorded." : text) ||
            add(out, FRAME_MODEL, "%s", m->questions[q].answer);
    }
    if (rc < 0)
        frame_slide_free(out);
    return rc;
}
