/* session_plan.c - the session plan (see session.h): the minutes planned
 * for each stage, and how far the session is behind them; what the group
 * carried in from its earlier sessions. */
#include "pbl/session.h"

#include <stdlib.h>
#include <string.h>

#include "session_impl.h"

int session_target_minutes(const struct pbl_session *s)
{
    return s->target_minutes;
}

int session_parse_target(const char *text)
{
    text += strspn(text, " ");
    size_t n = strspn(text, "0123456789");
    if (text[n + strspn(text + n, " ")] != '\0')
        return -1;
    if (n == 0)
        return SESSION_DEFAULT_TARGET_MINUTES;
    if (n > 4)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (text[i] - '0');
    return v >= 1 && v <= SESSION_MAX_TARGET_MINUTES ? v : -1;
}

/* A stage's planned minutes: what its module writes, or the default. */
int session_stage_plan(const struct pbl_session *s, size_t i)
{
    if (i >= s->nstages)
        return 0;
    struct session_stage g = s->stages[i];
    const struct pbl_module *m = session_module(s, g.modpos);
    switch (g.kind) {
    case STAGE_SCENARIO:
        return m ? module_scenario_plan(m) : 0;
    case STAGE_VIDEO:
        return m ? module_video_plan(m) : 0;
    case STAGE_QUESTION:
        return m ? module_question_plan(&m->questions[g.qidx]) : 0;
    case STAGE_OPENING:
        return SESSION_OPENING_MINUTES;
    case STAGE_CLOSING:
        return SESSION_CLOSING_MINUTES;
    case STAGE_SUMMARY:
        break;
    }
    return 0;
}

int session_planned_minutes(const struct pbl_session *s)
{
    int total = 0;
    for (size_t i = 0; i < s->nstages; i++)
        total += session_stage_plan(s, i);
    return total;
}

/* The time on screen against the planned end of the current stage. */
long session_behind_plan(const struct pbl_session *s, time_t now)
{
    long planned = 0;
    for (size_t i = 0; i <= s->cur && i < s->nstages; i++)
        planned += session_stage_plan(s, i) * 60L;
    return session_elapsed(s, now) - planned;
}

/* The group's open items, less those raised in this session. */
int session_carried_parking(struct pbl_session *s, struct store_park_list *out)
{
    *out = (struct store_park_list){0};
    if (!s->group)
        return 0;
    if (session_parking_lot(s, out) < 0)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++) {
        if (strcmp(out->v[i].session, s->uuid) == 0) {
            free(out->v[i].text);
            continue;
        }
        out->v[k++] = out->v[i];
    }
    out->n = k;
    return 0;
}
