/* stage_summary.c - the summary: what was covered, skills named and
 * missed per module, time per stage against its time box, the parking
 * lot; finish or export from here. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/util.h"
#include "tui.h"

static void skills_list(unsigned set, char *buf, size_t n)
{
    buf[0] = '\0';
    for (int k = 0; k < SKILL_COUNT; k++)
        if (set & SKILL_BIT(k))
            snprintf(buf + strlen(buf), n - strlen(buf), "%s%s",
                     buf[0] ? ", " : "", skill_name((enum pbl_skill)k));
    if (!buf[0])
        snprintf(buf, n, "-");
}

/* "skills named   a, b, c" with the list wrapped beside its label, in
 * `e` when the set is not empty; returns the rows used. */
static int skills_row(struct tui *t, int y, int bottom, const char *label,
                      unsigned set, enum elem e)
{
    int mg = theme_margin(t), w = t->cols - 2 * mg, x = mg + 3 + 15;
    char list[128];
    if (y >= bottom)
        return 1;
    skills_list(set, list, sizeof list);
    draw_text(t, y, mg + 3, 14, E_DIM, label);
    int n = draw_wrapped(t, y, x, w - 18, bottom - y, 0, set ? e : E_DIM, list);
    return n > 0 ? n : 1;
}

static int draw_module(struct tui *t, int y, int bottom, int modpos,
                       const struct store_stage_list *stages)
{
    const struct pbl_module *m = session_module(t->sess, modpos);
    int mg = theme_margin(t), w = t->cols - 2 * mg, row = 0;
    unsigned named, missed;
    char buf[512];
    session_module_skills(t->sess, modpos, &named, &missed);
    snprintf(buf, sizeof buf, "%d. %s", modpos + 1, m->title);
    draw_text(t, y + row++, mg, w, E_HEADING, buf);
    /* a line each, the lists wrapped in a column of their own: side by
     * side they overwrote each other */
    row += skills_row(t, y + row, bottom, "skills named", named, E_ON);
    row += skills_row(t, y + row, bottom, "skills missed", missed, E_MISSED);
    for (size_t q = 0; q < m->nquestions && y + row < bottom; q++) {
        const struct session_answer *a =
            session_answer(t->sess, modpos, (int)q);
        char stage[STORE_STAGE_MAX];
        int planned = 0;
        store_stage_question((int)q, stage);
        long secs =
            store_stage_seconds(stages, modpos, stage, clock_now(), &planned);
        char box[16] = "no box";
        if (planned)
            snprintf(box, sizeof box, "of %d:00", planned);
        char spent[32];
        util_format_duration(secs, 0, spent, sizeof spent);
        snprintf(buf, sizeof buf, "Q%zu %-9s %6s %-9s %s%s%s%s", q + 1,
                 a->gave_up              ? "gave up"
                 : a->text && a->text[0] ? "answered"
                                         : "no answer",
                 spent, box, a->revealed ? "revealed" : "",
                 a->points ? " · points ticked" : "",
                 a->rating ? " · rated " : "",
                 a->rating ? store_rating_name(a->rating) : "");
        draw_text(t, y + row++, mg + 3, w - 3, E_NORMAL, buf);
    }
    return row + 1;
}

void stage_summary_draw(struct tui *t, int top, int bottom)
{
    struct store_stage_list stages = {0};
    if (store_list_stages(t->store, session_uuid(t->sess), &stages) != STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    int y = top - t->scroll;
    for (size_t i = 0; i < session_nmodules(t->sess) && y < bottom; i++)
        y += draw_module(t, y, bottom, (int)i, &stages);
    store_stage_list_free(&stages);
    int mg = theme_margin(t), w = t->cols - 2 * mg;
    struct store_park_list park = {0};
    if (session_kind(t->sess) == STORE_GROUP &&
        session_parking_lot(t->sess, &park) == 0 && y < bottom) {
        draw_text(t, y++, mg, w, E_HEADING, "Parking lot");
        if (!park.n)
            draw_text(t, y++, mg + 3, w - 3, E_DIM, "(empty: p adds an item)");
        for (size_t i = 0; i < park.n && y < bottom; i++) {
            char *hidden = phi_guard_hide(t, park.v[i].text); /* projected */
            y += draw_wrapped(t, y, mg + 3, w - 3, bottom - y, 0, E_NORMAL,
                              hidden ? hidden : park.v[i].text);
            free(hidden);
        }
    }
    store_park_list_free(&park);
    if (y < bottom)
        draw_text(t, bottom - 1, mg, w, E_DIM,
                  "F finishes the session · x exports it to a file");
}

void stage_summary_key(struct tui *t, enum action a)
{
    if (a == A_EXPORT) {
        export_prompt_open(t, session_uuid(t->sess));
    } else if (a == A_FINISH) {
        if (session_finish(t->sess) < 0) {
            tui_message(t, "%s", session_error(t->sess));
            return;
        }
        bool self = session_kind(t->sess) == STORE_SELF_STUDY;
        if (self && !t->resident && session_resident(t->sess))
            t->resident = strdup(session_resident(t->sess)); /* resumed */
        int closed = tui_close_session(t);
        home_sync_start(t, false); /* pushed in the background, if a hub
                                    * is set */
        if (self)
            selfstudy_after_finish(t);
        else
            home_enter(t);
        if (closed < 0)
            tui_message(t, "not saved: %s",
                        t->not_saved ? t->not_saved : "out of memory");
        else
            tui_message(t, "%s finished and saved",
                        self ? "attempt" : "session");
    }
}
