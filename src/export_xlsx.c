/* export_xlsx.c - the export as an Excel workbook (libxlsxwriter,
 * pbl/xlsx.h), a visitor of the store's walk (store_walk()) like the CSV
 * writer: a sheet of sessions, one of answers (the CSV's rows and columns), one
 * of stage timings and one of parking-lot items; header rows bold and frozen;
 * numbers as numbers, times as dates with their time (UTC), text always a
 * string and never a formula. */
#include <string.h>

#include "export_impl.h"
#include "pbl/xlsx.h"

struct book {
    lxw_workbook *wb;
    lxw_worksheet *sessions, *answers, *stages, *parking;
    lxw_row_t nsessions, nanswers, nstages, nparking;
    lxw_format *bold, *when;
    long long cut;
    /* the session being walked: stages come without their session */
    char session[64];
};

static const char *const session_cols[] = {
    "session",      "started_at", "ended_at",        "kind",
    "status",       "group",      "facilitator",     "resident",
    "participants", "notes",      "duration_seconds"};
static const char *const stage_cols[] = {"session", "module_number",
                                         "stage",   "visits",
                                         "seconds", "time_box_minutes"};
static const char *const parking_cols[] = {"session", "item", "raised_at",
                                           "resolved_at", "raised_here"};
#define N(a) (sizeof a / sizeof a[0])

static lxw_worksheet *sheet(struct book *b, const char *name,
                            const char *const *cols, size_t n)
{
    lxw_worksheet *ws = workbook_add_worksheet(b->wb, name);
    for (size_t i = 0; ws && i < n; i++) {
        worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i], b->bold);
        worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, 16, NULL);
    }
    if (ws)
        worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

static void text(struct book *b, lxw_worksheet *ws, lxw_row_t r, int c,
                 const char *s)
{
    b->cut += xlsx_write_text(ws, r, (lxw_col_t)c, s);
}

/* A number; nothing for a negative one (none). */
static void num(lxw_worksheet *ws, lxw_row_t r, int c, long long v)
{
    if (v >= 0)
        worksheet_write_number(ws, r, (lxw_col_t)c, (double)v, NULL);
}

/* A time "YYYY-MM-DDTHH:MM:SSZ" as a date and time; other text as it is. */
static void when(struct book *b, lxw_worksheet *ws, lxw_row_t r, int c,
                 const char *iso)
{
    int y, mo, d, h, mi, s;
    if (iso && strlen(iso) == CLOCK_ISO_LEN &&
        sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) ==
            6) {
        lxw_datetime dt = {y, mo, d, h, mi, (double)s};
        worksheet_write_datetime(ws, r, (lxw_col_t)c, &dt, b->when);
    } else {
        text(b, ws, r, c, iso);
    }
}

static void x_session(void *ctx, const struct walk_session *s)
{
    struct book *b = ctx;
    snprintf(b->session, sizeof b->session, "%s", s->uuid ? s->uuid : "");
    lxw_row_t r = ++b->nsessions;
    text(b, b->sessions, r, 0, s->uuid);
    when(b, b->sessions, r, 1, s->started_at);
    when(b, b->sessions, r, 2, s->ended_at);
    text(b, b->sessions, r, 3, s->kind);
    text(b, b->sessions, r, 4, s->status);
    text(b, b->sessions, r, 5, s->group);
    text(b, b->sessions, r, 6, s->facilitator);
    text(b, b->sessions, r, 7, s->resident);
    text(b, b->sessions, r, 8, s->participants);
    text(b, b->sessions, r, 9, s->notes);
    num(b->sessions, r, 10, s->duration);
}

static void x_question(void *ctx, const struct walk_session *s,
                       const struct walk_module *m,
                       const struct walk_question *q)
{
    struct book *b = ctx;
    if (!q->recorded)
        return;
    lxw_worksheet *ws = b->answers;
    lxw_row_t r = ++b->nanswers;
    char skills[128];
    ex_skills_text(q->skills, "; ", skills, sizeof skills);
    const char *texts[] = {s->uuid,     NULL,           s->kind,
                           s->status,   s->group,       s->facilitator,
                           s->resident, s->participants};
    for (int i = 0; i < 8; i++)
        if (i != 1)
            text(b, ws, r, i, texts[i]);
    when(b, ws, r, 1, s->started_at);
    num(ws, r, 8, m->number);
    text(b, ws, r, 9, m->id);
    num(ws, r, 10, m->version);
    text(b, ws, r, 11, m->title);
    num(ws, r, 12, q->number);
    text(b, ws, r, 13, q->prompt);
    text(b, ws, r, 14, q->answer);
    text(b, ws, r, 15, q->draft);
    text(b, ws, r, 16, skills);
    text(b, ws, r, 17, q->reached);
    text(b, ws, r, 18, q->missed);
    text(b, ws, r, 19, q->model_answer);
    text(b, ws, r, 20, q->rating);
    text(b, ws, r, 21, q->gave_up ? "yes" : "no");
    when(b, ws, r, 22, q->revealed_at);
    when(b, ws, r, 23, q->updated_at);
    num(ws, r, 24, q->minutes > 0 ? q->minutes : -1);
    num(ws, r, 25, q->secs);
    text(b, ws, r, 26, q->customers_named);
    text(b, ws, r, 27, q->edited_after_reveal ? "yes" : "no");
    text(b, ws, r, 28, q->edited_after_reveal ? q->answer_at_reveal : NULL);
}

static void x_stage(void *ctx, const struct walk_module *m,
                    const struct walk_stage *t)
{
    struct book *b = ctx;
    lxw_row_t r = ++b->nstages;
    text(b, b->stages, r, 0, b->session);
    num(b->stages, r, 1, m ? m->number : -1);
    text(b, b->stages, r, 2, t->stage);
    num(b->stages, r, 3, t->visits);
    num(b->stages, r, 4, t->secs);
    num(b->stages, r, 5, t->planned_minutes > 0 ? t->planned_minutes : -1);
}

static void x_park(void *ctx, const struct walk_session *s,
                   const struct walk_park *p)
{
    struct book *b = ctx;
    lxw_row_t r = ++b->nparking;
    text(b, b->parking, r, 0, s->uuid);
    text(b, b->parking, r, 1, p->text);
    when(b, b->parking, r, 2, p->raised_at);
    when(b, b->parking, r, 3, p->resolved_at);
    text(b, b->parking, r, 4, p->raised_here ? "yes" : "no");
}

static const struct walk_visitor xlsx_visitor = {
    .session = x_session,
    .question = x_question,
    .stage = x_stage,
    .park = x_park,
};

int ex_write_xlsx(struct pbl_store *st, const struct store_selection *sel,
                  FILE *out, char **err)
{
    struct xlsx_tmp tmp;
    struct book b = {0};
    b.wb = xlsx_open(&tmp, err);
    if (!b.wb)
        return EXPORT_ERROR;
    b.bold = workbook_add_format(b.wb);
    format_set_bold(b.bold);
    b.when = workbook_add_format(b.wb);
    format_set_num_format(b.when, "yyyy-mm-dd hh:mm:ss");
    b.sessions = sheet(&b, "sessions", session_cols, N(session_cols));
    b.answers = sheet(&b, "answers", ex_answer_columns, ex_nanswer_columns);
    b.stages = sheet(&b, "stages", stage_cols, N(stage_cols));
    b.parking = sheet(&b, "parking", parking_cols, N(parking_cols));
    int rc = !(b.sessions && b.answers && b.stages && b.parking)
                 ? ex_fail(err, EXPORT_ERROR, "cannot add the sheets")
             : store_walk(st, sel, &xlsx_visitor, &b, err) != 0 ? EXPORT_ERROR
                                                                : EXPORT_OK;
    return xlsx_close(&tmp, b.wb, rc, b.cut, out, err);
}
