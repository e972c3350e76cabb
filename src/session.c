/* session.c - the session state machine (see session.h). */
#include "pbl/session.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "session_impl.h"

static int fail(struct pbl_session *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Keeps a one-line message for session_error(); returns -1. */
static int fail(struct pbl_session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return -1;
}

/* Fails with the store's own message for what it just refused. */
static int fail_from_store(struct pbl_session *s)
{
    return fail(s, "%s", store_error(s->st));
}

const char *session_error(const struct pbl_session *s)
{
    return s->err;
}

const char *session_uuid(const struct pbl_session *s)
{
    return s->uuid;
}

enum store_kind session_kind(const struct pbl_session *s)
{
    return s->kind;
}

const char *session_group(const struct pbl_session *s)
{
    return s->group;
}

const char *session_resident(const struct pbl_session *s)
{
    return s->resident;
}

size_t session_nmodules(const struct pbl_session *s)
{
    return s->nmods;
}

const struct pbl_module *session_module(const struct pbl_session *s, int modpos)
{
    return modpos >= 0 && (size_t)modpos < s->nmods ? s->mods[modpos] : NULL;
}

size_t session_nstages(const struct pbl_session *s)
{
    return s->nstages;
}

size_t session_current(const struct pbl_session *s)
{
    return s->cur;
}

struct session_stage session_stage_at(const struct pbl_session *s, size_t i)
{
    return s->stages[i < s->nstages ? i : s->nstages - 1];
}

struct session_stage session_stage(const struct pbl_session *s)
{
    return s->stages[s->cur];
}

static struct session_answer *answer_of(const struct pbl_session *s,
                                        struct session_stage g)
{
    if (g.kind != STAGE_QUESTION)
        return NULL;
    return &s->ans[g.modpos][g.qidx];
}

const struct session_answer *session_answer(const struct pbl_session *s,
                                            int modpos, int qidx)
{
    const struct pbl_module *m = session_module(s, modpos);
    if (!m || qidx < 0 || (size_t)qidx >= m->nquestions)
        return NULL;
    return &s->ans[modpos][qidx];
}

/* The store's name for a stage: "scenario", "video", "qN", "summary",
 * "opening", "closing". */
static void stage_name(struct session_stage g, char buf[STORE_STAGE_MAX])
{
    switch (g.kind) {
    case STAGE_SCENARIO:
        strcpy(buf, "scenario");
        break;
    case STAGE_VIDEO:
        strcpy(buf, "video");
        break;
    case STAGE_QUESTION:
        store_stage_question(g.qidx, buf);
        break;
    case STAGE_SUMMARY:
        strcpy(buf, "summary");
        break;
    case STAGE_OPENING:
        strcpy(buf, "opening");
        break;
    case STAGE_CLOSING:
        strcpy(buf, "closing");
        break;
    }
}

/* The time box of stage g in minutes, as the module writes it (0 when
 * none): the countdown; the plan's defaults are not a box. */
static int stage_minutes(const struct pbl_session *s, struct session_stage g)
{
    if (g.kind == STAGE_QUESTION)
        return s->mods[g.modpos]->questions[g.qidx].minutes;
    if (g.kind == STAGE_VIDEO)
        return s->mods[g.modpos]->video.minutes;
    if (g.kind == STAGE_SCENARIO)
        return s->mods[g.modpos]->scenario_minutes;
    return 0;
}

int session_stage_minutes(const struct pbl_session *s)
{
    return stage_minutes(s, session_stage(s));
}

/* Lays out the stages: the opening (when framed), each module's
 * scenario, video and questions, the closing (when framed), then one
 * summary. */
static int build_stages(struct pbl_session *s)
{
    size_t n = 3;
    for (size_t i = 0; i < s->nmods; i++)
        n += 1 + (s->mods[i]->video.url != NULL) + s->mods[i]->nquestions;
    s->stages = calloc(n, sizeof *s->stages);
    s->ans = calloc(s->nmods ? s->nmods : 1, sizeof *s->ans);
    if (!s->stages || !s->ans)
        return fail(s, "out of memory");
    if (s->frame & STORE_FRAME_OPENING)
        s->stages[s->nstages++] = (struct session_stage){STAGE_OPENING, -1, -1};
    for (size_t i = 0; i < s->nmods; i++) {
        const struct pbl_module *m = s->mods[i];
        s->ans[i] = calloc(m->nquestions ? m->nquestions : 1, sizeof **s->ans);
        if (!s->ans[i])
            return fail(s, "out of memory");
        s->stages[s->nstages++] =
            (struct session_stage){STAGE_SCENARIO, (int)i, -1};
        if (m->video.url)
            s->stages[s->nstages++] =
                (struct session_stage){STAGE_VIDEO, (int)i, -1};
        for (size_t q = 0; q < m->nquestions; q++)
            s->stages[s->nstages++] =
                (struct session_stage){STAGE_QUESTION, (int)i, (int)q};
    }
    if (s->frame & STORE_FRAME_CLOSING)
        s->stages[s->nstages++] = (struct session_stage){STAGE_CLOSING, -1, -1};
    s->stages[s->nstages++] = (struct session_stage){STAGE_SUMMARY, -1, -1};
    return 0;
}

/* Enters stage i in the store (which closes the previous one). */
static int enter_stage(struct pbl_session *s, size_t i)
{
    char name[STORE_STAGE_MAX];
    struct session_stage g = s->stages[i];
    stage_name(g, name);
    if (session_may_write(s) < 0)
        return -1;
    /* the session moves only once the store has the move, so what is on
     * screen is always what resume will show */
    if (store_stage_enter(s->st, s->uuid, g.modpos < 0 ? 0 : g.modpos, name,
                          stage_minutes(s, g)) != STORE_OK)
        return fail_from_store(s);
    s->cur = i;
    s->notes = false;
    s->stage_started = clock_now();
    s->seen_saved_ms = clock_mono_ms();
    /* the countdown goes on from what earlier visits used of the box */
    struct store_stage_list l;
    s->stage_prior = s->session_prior = 0;
    if (store_list_stages(s->st, s->uuid, &l) == STORE_OK) {
        s->stage_prior =
            store_stage_seconds(&l, g.modpos < 0 ? 0 : g.modpos, name, 0, NULL);
        s->session_prior = store_stage_seconds(&l, 0, NULL, 0, NULL);
        store_stage_list_free(&l);
    }
    return 0;
}

/* Loads every module snapshot of the session. */
static int load_modules(struct pbl_session *s, size_t n)
{
    s->mods = calloc(n ? n : 1, sizeof *s->mods);
    if (!s->mods)
        return fail(s, "out of memory");
    for (size_t i = 0; i < n; i++, s->nmods++)
        if (store_load_snapshot(s->st, s->uuid, (int)i, &s->mods[i]) !=
            STORE_OK)
            return fail_from_store(s);
    return build_stages(s);
}

static struct pbl_session *session_alloc(struct pbl_store *st)
{
    struct pbl_session *s = calloc(1, sizeof *s);
    if (s) {
        s->st = st;
        s->draft_saved_ms = clock_mono_ms();
    }
    return s;
}

/* Hands a failed start's message to the caller and frees the session. */
static int give_up_start(struct pbl_session *s, char **errmsg)
{
    *errmsg = strdup(s->err[0] ? s->err : "out of memory");
    s->nstages = 0; /* nothing to save on the way out */
    session_free(s);
    return -1;
}

int session_start(struct pbl_store *st, const struct store_session_new *n,
                  struct pbl_session **out, char **errmsg)
{
    struct pbl_session *s = session_alloc(st);
    *out = NULL;
    if (!s) {
        *errmsg = strdup("out of memory");
        return -1;
    }
    s->kind = n->kind;
    s->target_minutes = n->target_minutes;
    s->frame = n->frame;
    if ((n->group_name && !(s->group = strdup(n->group_name))) ||
        (n->resident && !(s->resident = strdup(n->resident))))
        fail(s, "out of memory");
    else if (store_create_session(st, n, s->uuid) != STORE_OK)
        fail_from_store(s);
    else if (session_take_lock(s, false, NULL) == 0 &&
             load_modules(s, n->nmodules) == 0 && enter_stage(s, 0) == 0) {
        *out = s;
        return 0;
    }
    return give_up_start(s, errmsg);
}

/* Reads back what was recorded for every question: the draft being typed
 * wins over the entered text, since it is newer. */
static int load_answers(struct pbl_session *s)
{
    for (size_t i = 0; i < s->nmods; i++)
        for (size_t q = 0; q < s->mods[i]->nquestions; q++) {
            struct store_response r;
            int rc = store_get_response(s->st, s->uuid, (int)i, (int)q, &r);
            if (rc == STORE_NOT_FOUND)
                continue;
            if (rc != STORE_OK)
                return fail_from_store(s);
            struct session_answer *a = &s->ans[i][q];
            const char *text = r.draft ? r.draft : r.text;
            a->text = text ? strdup(text) : NULL;
            a->entered = r.text && !r.draft;
            a->skills = r.skills;
            a->points = r.points;
            a->customers = r.customers;
            a->revealed = r.revealed_at[0] != '\0';
            a->gave_up = r.gave_up;
            a->rating = r.rating;
            store_response_free(&r);
        }
    return 0;
}

/* The stage index matching a stored position, or 0. */
static size_t find_stage(const struct pbl_session *s, int modpos,
                         const char *stage)
{
    for (size_t i = 0; i < s->nstages; i++) {
        char name[STORE_STAGE_MAX];
        stage_name(s->stages[i], name);
        if (strcmp(name, stage) == 0 &&
            (s->stages[i].modpos < 0 || s->stages[i].modpos == modpos))
            return i;
    }
    return 0;
}

int session_open(struct pbl_store *st, const char *uuid,
                 enum session_open_mode mode, struct pbl_session **out,
                 struct store_lock *holder, char **errmsg)
{
    struct pbl_session *s = session_alloc(st);
    struct store_session info = {0};
    *out = NULL;
    if (!s) {
        *errmsg = strdup("out of memory");
        return -1;
    }
    snprintf(s->uuid, sizeof s->uuid, "%s", uuid);
    s->readonly = mode == SESSION_FOLLOW;
    int locked = 0;
    if (store_get_session(st, uuid, &info) != STORE_OK) {
        fail_from_store(s);
        return give_up_start(s, errmsg);
    }
    s->kind = info.kind;
    s->target_minutes = info.target_minutes;
    s->frame = info.frame;
    if ((info.group_name && !(s->group = strdup(info.group_name))) ||
        (info.resident && !(s->resident = strdup(info.resident))))
        fail(s, "out of memory");
    else if (!s->readonly && (locked = session_take_lock(
                                  s, mode == SESSION_TAKE_OVER, holder)) != 0)
        ; /* locked by another console, or an error */
    else if (load_modules(s, info.module_ids.n) == 0 && load_answers(s) == 0 &&
             (s->readonly ||
              /* a stage left open by a crash ends at its last activity */
              (store_stage_recover(st, uuid, NULL) == STORE_OK &&
               store_log_event(st, uuid, "resume", NULL) == STORE_OK))) {
        size_t i = find_stage(s, info.modpos, info.stage);
        if (s->readonly || enter_stage(s, i) == 0) {
            if (s->readonly) /* following: where the other console is */
                session_follow_stage(s, i);
            store_session_free(&info);
            *out = s;
            return 0;
        }
    }
    if (!s->err[0])
        fail_from_store(s);
    store_session_free(&info);
    if (locked == 1) {
        s->nstages = 0;
        session_free(s);
        *errmsg = NULL;
        return 1;
    }
    return give_up_start(s, errmsg);
}

int session_resume(struct pbl_store *st, const char *uuid,
                   struct pbl_session **out, char **errmsg)
{
    struct store_lock holder;
    int rc = session_open(st, uuid, SESSION_RESUME, out, &holder, errmsg);
    if (rc != 1)
        return rc;
    char who[256], msg[400];
    session_lock_describe(&holder, who, sizeof who);
    snprintf(msg, sizeof msg, "the session is open in another console (%s)",
             who);
    *errmsg = strdup(msg);
    return -1;
}

/* Writes the current question's typed text to the store as a draft. */
static int save_draft(struct pbl_session *s)
{
    struct session_stage g = session_stage(s);
    struct session_answer *a = answer_of(s, g);
    if (!a || !s->draft_unsaved)
        return 0;
    if (session_may_write(s) < 0)
        return -1;
    if (store_save_draft(s->st, s->uuid, g.modpos, g.qidx,
                         a->text ? a->text : "") != STORE_OK)
        return fail_from_store(s);
    s->draft_unsaved = false;
    s->draft_saved_ms = clock_mono_ms();
    return 0;
}

void session_free(struct pbl_session *s)
{
    if (!s)
        return;
    if (s->nstages)
        save_draft(s);
    if (s->locked)
        store_unlock_session(s->st, s->uuid, s->lock.token);
    for (size_t i = 0; i < s->nmods; i++) {
        for (size_t q = 0; s->ans && s->ans[i] && q < s->mods[i]->nquestions;
             q++)
            free(s->ans[i][q].text);
        if (s->ans)
            free(s->ans[i]);
        module_free(s->mods[i]);
    }
    free(s->ans);
    free(s->mods);
    free(s->stages);
    free(s->group);
    free(s->resident);
    free(s);
}

/* A malloc'd copy of "<what>: <why>" (NULL when memory ran out). */
static char *said(const char *what, const char *why)
{
    size_t n = strlen(what) + strlen(why) + 3;
    char *m = malloc(n);
    if (m)
        snprintf(m, n, "%s: %s", what, why);
    return m;
}

/* Describes the draft that could not be saved, for session_close(). */
static char *unsaved_draft(const struct pbl_session *s, const char *why)
{
    struct session_stage g = session_stage(s);
    const struct session_answer *a = answer_of(s, g);
    char what[160];
    snprintf(what, sizeof what,
             "the answer typed on question %d of module %d (%zu bytes) was "
             "not saved",
             g.qidx + 1, g.modpos + 1, a && a->text ? strlen(a->text) : 0);
    return said(what, why);
}

int session_close(struct pbl_session *s, char **errmsg)
{
    struct store_session info;
    *errmsg = NULL;
    if (!s)
        return 0;
    bool failed = true;
    int rc = store_get_session(s->st, s->uuid, &info);
    if (rc == STORE_NOT_FOUND) {
        size_t len = 160;
        if ((*errmsg = malloc(len)))
            snprintf(*errmsg, len,
                     "session %.8s was deleted meanwhile: nothing of it is "
                     "kept%s",
                     s->uuid,
                     s->draft_unsaved ? ", not even the answer being typed"
                                      : "");
    } else if (rc != STORE_OK) {
        *errmsg = strdup(store_error(s->st));
    } else {
        store_session_free(&info);
        if (save_draft(s) < 0)
            *errmsg = unsaved_draft(s, s->err);
        else if (store_stage_pause(s->st, s->uuid, "quit") != STORE_OK)
            *errmsg = said("the time on the stage being left (it ends at "
                           "the quit) was not saved",
                           store_error(s->st));
        else
            failed = false;
    }
    if (failed) {
        if (!*errmsg)
            *errmsg = strdup("out of memory");
        s->nstages = 0; /* what failed is said; session_free() tries no more */
    }
    session_free(s);
    return failed ? -1 : 0;
}

int session_heartbeat(struct pbl_session *s)
{
    if (clock_mono_ms() - s->seen_saved_ms < SESSION_HEARTBEAT_MS)
        return 0;
    s->seen_saved_ms = clock_mono_ms();
    if (store_stage_seen(s->st, s->uuid) != STORE_OK)
        return fail_from_store(s);
    return 0;
}

int session_goto(struct pbl_session *s, size_t i)
{
    if (i >= s->nstages || i == s->cur)
        return 0;
    if (save_draft(s) < 0)
        return -1;
    return enter_stage(s, i);
}

int session_next(struct pbl_session *s)
{
    return session_goto(s, s->cur + 1);
}

int session_prev(struct pbl_session *s)
{
    return s->cur > 0 ? session_goto(s, s->cur - 1) : 0;
}

bool session_draft_due(const struct pbl_session *s)
{
    return clock_mono_ms() - s->draft_saved_ms >= STORE_DRAFT_INTERVAL_MS;
}

int session_type(struct pbl_session *s, const char *text, bool force)
{
    struct session_answer *a = answer_of(s, session_stage(s));
    if (!a)
        return fail(s, "there is no answer to type on this stage");
    if (!a->text || strcmp(a->text, text) != 0) {
        char *copy = strdup(text);
        if (!copy)
            return fail(s, "out of memory");
        free(a->text);
        a->text = copy;
        a->entered = false;
        s->draft_unsaved = true;
    }
    if (force || session_draft_due(s))
        return save_draft(s);
    return 0;
}

int session_enter(struct pbl_session *s)
{
    struct session_stage g = session_stage(s);
    struct session_answer *a = answer_of(s, g);
    if (!a)
        return fail(s, "there is no answer on this stage");
    if (a->entered)
        return 0;
    if (session_may_write(s) < 0)
        return -1;
    if (store_record_response(s->st, s->uuid, g.modpos, g.qidx,
                              a->text ? a->text : "") != STORE_OK)
        return fail_from_store(s);
    a->entered = true;
    s->draft_unsaved = false;
    s->draft_saved_ms = clock_mono_ms();
    return 0;
}

int session_toggle_skill(struct pbl_session *s, enum pbl_skill k)
{
    struct session_stage g = session_stage(s);
    struct session_answer *a = answer_of(s, g);
    if (!a || (unsigned)k >= SKILL_COUNT)
        return fail(s, "skills are tagged on a question");
    unsigned skills = a->skills ^ SKILL_BIT(k);
    if (session_may_write(s) < 0)
        return -1;
    if (store_set_skills(s->st, s->uuid, g.modpos, g.qidx, skills) != STORE_OK)
        return fail_from_store(s);
    a->skills = skills;
    return 0;
}

int session_toggle_point(struct pbl_session *s, int i)
{
    struct session_stage g = session_stage(s);
    struct session_answer *a = answer_of(s, g);
    if (!a)
        return fail(s, "key points are ticked on a question");
    const struct pbl_question *q = &s->mods[g.modpos]->questions[g.qidx];
    if (i < 0 || (size_t)i >= q->points.n || i >= STORE_MAX_POINTS)
        return fail(s, "this question has no key point %d", i + 1);
    uint64_t points = a->points ^ (UINT64_C(1) << i);
    if (session_may_write(s) < 0)
        return -1;
    if (store_set_points(s->st, s->uuid, g.modpos, g.qidx, points) != STORE_OK)
        return fail_from_store(s);
    a->points = points;
    return 0;
}

int session_toggle_customer(struct pbl_session *s, int i)
{
    struct session_stage g = session_stage(s);
    struct session_answer *a = answer_of(s, g);
    const struct pbl_module *m = session_module(s, g.modpos);
    if (!a || m->questions[g.qidx].kind != QKIND_CUSTOMERS)
        return fail(s, "customers are marked on the customers question");
    if (i < 0 || (size_t)i >= m->customers.n || i >= STORE_MAX_POINTS)
        return fail(s, "the module has no customer %d", i + 1);
    if (session_may_write(s) < 0)
        return -1;
    uint64_t marked = a->customers ^ (UINT64_C(1) << i);
    if (store_set_customers(s->st, s->uuid, g.modpos, g.qidx, marked) !=
        STORE_OK)
        return fail_from_store(s);
    a->customers = marked;
    return 0;
}

/* True when the text on the question has more than spaces in it. */
static bool has_answer(const struct session_answer *a)
{
    return a->text && a->text[strspn(a->text, " \t\n")] != '\0';
}

bool session_can_reveal(const struct pbl_session *s)
{
    const struct session_answer *a = answer_of(s, session_stage(s));
    if (!a)
        return false;
    return s->kind == STORE_GROUP || a->gave_up || has_answer(a);
}

int session_reveal(struct pbl_session *s)
{
    struct session_stage g = session_stage(s);
    struct session_answer *a = answer_of(s, g);
    if (!a)
        return fail(s, "only a question has a model answer");
    if (!session_can_reveal(s))
        return fail(s, "type your answer first (or give up on the question)");
    if (a->text && session_enter(s) < 0)
        return -1;
    if (session_may_write(s) < 0)
        return -1;
    if (store_mark_revealed(s->st, s->uuid, g.modpos, g.qidx) != STORE_OK)
        return fail_from_store(s);
    a->revealed = true;
    return 0;
}

void session_hide(struct pbl_session *s)
{
    struct session_answer *a = answer_of(s, session_stage(s));
    if (a)
        a->revealed = false;
}

bool session_give_up_asks(const struct pbl_session *s)
{
    const struct session_answer *a = answer_of(s, session_stage(s));
    return a && !a->gave_up && has_answer(a);
}

int session_give_up(struct pbl_session *s, bool confirmed)
{
    struct session_stage g = session_stage(s);
    struct session_answer *a = answer_of(s, g);
    if (!a)
        return fail(s, "only a question can be given up");
    if (session_may_write(s) < 0)
        return -1;
    if (a->rating != STORE_RATING_NONE)
        return fail(s, "you rated this question already: it was not given up");
    if (session_give_up_asks(s) && !confirmed)
        return fail(s, "you answered this question: confirm to give it up");
    if (!a->gave_up &&
        store_set_gave_up(s->st, s->uuid, g.modpos, g.qidx, true) != STORE_OK)
        return fail_from_store(s);
    a->gave_up = true;
    return session_reveal(s);
}

int session_rate(struct pbl_session *s, enum store_rating r)
{
    struct session_stage g = session_stage(s);
    struct session_answer *a = answer_of(s, g);
    if (!a || !a->revealed)
        return fail(s, "rate yourself after the model answer is shown");
    if (session_may_write(s) < 0)
        return -1;
    if (a->gave_up)
        return fail(s, "you gave up on this question: it counts as missed, "
                       "with no rating");
    if (store_set_rating(s->st, s->uuid, g.modpos, g.qidx, r) != STORE_OK)
        return fail_from_store(s);
    a->rating = r;
    return 0;
}

void session_toggle_notes(struct pbl_session *s)
{
    s->notes = !s->notes;
}

bool session_notes_visible(const struct pbl_session *s)
{
    return s->notes;
}

int session_park(struct pbl_session *s, const char *text)
{
    if (!text || !text[strspn(text, " \t\n")])
        return fail(s, "an empty learning issue was not added");
    if (session_may_write(s) < 0)
        return -1;
    if (store_park_item(s->st, s->uuid, text, NULL) != STORE_OK)
        return fail_from_store(s);
    return 0;
}

int session_parking_lot(struct pbl_session *s, struct store_park_list *out)
{
    int rc = s->group ? store_list_open_park_items(s->st, s->group, out)
                      : store_list_park_items(s->st, s->uuid, out);
    return rc == STORE_OK ? 0 : fail_from_store(s);
}

int session_finish(struct pbl_session *s)
{
    if (save_draft(s) < 0 || session_may_write(s) < 0)
        return -1;
    if (store_finish_session(s->st, s->uuid) != STORE_OK)
        return fail_from_store(s);
    return 0;
}

long session_elapsed(const struct pbl_session *s, time_t now)
{
    return s->session_prior +
           (now > s->stage_started ? (long)(now - s->stage_started) : 0);
}

long session_stage_elapsed(const struct pbl_session *s, time_t now)
{
    return s->stage_prior +
           (now > s->stage_started ? (long)(now - s->stage_started) : 0);
}

void session_module_skills(const struct pbl_session *s, int modpos,
                           unsigned *named, unsigned *missed)
{
    const struct pbl_module *m = session_module(s, modpos);
    *named = *missed = 0;
    if (!m)
        return;
    for (size_t q = 0; q < m->nquestions; q++)
        *named |= s->ans[modpos][q].skills;
    *missed = m->skills & ~*named;
}
