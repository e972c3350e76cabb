/* attend.c - who is in the room, picked from the roster (OV_ATTEND).
 *
 * One checklist, three uses:
 *  - on the form (C-r): the residents who attend, written when the
 *    session starts;
 *  - during a group session (a): late arrivals and early leavers, each
 *    toggle written at once with its time;
 *  - on a question (s): who spoke to it, among the attendees.
 * Its keys are the W_TICKING rows of TUI_ACTIONS: Up/Down (j/k) move,
 * Space or x toggles, Esc, Enter or q closes. The rows come from the
 * store (roster.h); nothing here decides anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/roster.h"
#include "pbl/text.h"
#include "pbl/util.h"
#include "tui.h"

/* One resident on the checklist. */
struct attend_row {
    int64_t id;
    char *name;
    char klass[ROSTER_CLASS_MAX];
    bool on;
    bool left; /* attended, then left (session mode) */
};

struct attend_ui {
    enum attend_mode mode;
    struct attend_row *rows;
    size_t n, cap;
    struct list list; /* the row selected, the first shown */
    bool picked;      /* form mode: picks were made (kept until start) */
};

/* Frees the rows of the checklist. */
static void rows_free(struct attend_ui *a)
{
    for (size_t i = 0; i < a->n; i++)
        free(a->rows[i].name);
    free(a->rows);
    a->rows = NULL;
    a->n = a->cap = 0;
}

void attend_free(struct tui *t)
{
    if (!t->attend)
        return;
    rows_free(t->attend);
    free(t->attend);
    t->attend = NULL;
}

/* Appends a row (name copied); false when memory ran out. */
static bool add_row(struct attend_ui *a, int64_t id, const char *name,
                    const char *klass, bool on)
{
    struct attend_row *v = util_grow(a->rows, &a->cap, a->n + 1, sizeof *v);
    if (!v)
        return false;
    a->rows = v;
    struct attend_row *r = &v[a->n];
    memset(r, 0, sizeof *r);
    r->id = id;
    r->on = on;
    r->name = strdup(name ? name : "");
    snprintf(r->klass, sizeof r->klass, "%s", klass ? klass : "");
    if (!r->name)
        return false;
    a->n++;
    return true;
}

/* The active roster as rows, each on when `present` lists it (present
 * and not left); a resident who left is marked so. */
static int load_roster(struct tui *t, struct attend_ui *a,
                       const struct roster_attendance *present)
{
    struct roster_list l;
    if (roster_list(t->store, false, &l) != STORE_OK)
        return -1;
    bool ok = true;
    for (size_t i = 0; ok && i < l.n; i++) {
        bool on = false, left = false;
        for (size_t j = 0; present && j < present->n; j++)
            if (present->v[j].resident_id == l.v[i].id) {
                on = !present->v[j].left_at[0];
                left = !on;
            }
        ok = add_row(a, l.v[i].id, l.v[i].name, l.v[i].klass, on);
        if (ok)
            a->rows[a->n - 1].left = left;
    }
    roster_list_free(&l);
    return ok ? 0 : -1;
}

/* The attendees of the session on screen as rows, on when they spoke to
 * the current question. */
static int load_speakers(struct tui *t, struct attend_ui *a)
{
    const char *uuid = session_uuid(t->sess);
    struct session_stage g = session_stage(t->sess);
    struct roster_attendance at;
    int64_t *ids = NULL;
    size_t nids = 0;
    if (roster_list_attendance(t->store, uuid, &at) != STORE_OK)
        return -1;
    bool ok = roster_list_speakers(t->store, uuid, g.modpos, g.qidx, &ids,
                                   &nids) == STORE_OK;
    for (size_t i = 0; ok && i < at.n; i++) {
        bool on = false;
        for (size_t j = 0; j < nids; j++)
            on = on || ids[j] == at.v[i].resident_id;
        ok = add_row(a, at.v[i].resident_id, at.v[i].name, "", on);
        if (ok)
            a->rows[a->n - 1].left = at.v[i].left_at[0] != '\0';
    }
    free(ids);
    roster_attendance_free(&at);
    return ok ? 0 : -1;
}

void attend_open(struct tui *t, enum attend_mode mode)
{
    struct attend_ui *a = t->attend;
    if (a && (a->mode != mode || mode != ATTEND_FORM))
        attend_free(t);
    if (!t->attend) {
        a = calloc(1, sizeof *a);
        if (!a)
            return;
        a->mode = mode;
        t->attend = a;
        int rc;
        if (mode == ATTEND_SPEAKERS) {
            rc = load_speakers(t, a);
        } else {
            struct roster_attendance present = {0};
            rc = mode == ATTEND_SESSION
                     ? roster_list_attendance(t->store, session_uuid(t->sess),
                                              &present)
                     : STORE_OK;
            if (rc == STORE_OK)
                rc = load_roster(t, a, &present);
            roster_attendance_free(&present);
        }
        if (rc != 0) {
            tui_message(t, "%s", store_error(t->store));
            attend_free(t);
            return;
        }
    }
    if (t->attend->n == 0) {
        tui_message(t, "%s",
                    mode == ATTEND_SPEAKERS
                        ? "nobody is marked as attending: a picks them"
                        : "the roster is empty: pbl roster add NAME "
                          "--class PGY1 adds a resident");
        if (mode != ATTEND_FORM)
            attend_free(t);
        return;
    }
    t->overlay = OV_ATTEND;
}

size_t attend_form_count(const struct tui *t)
{
    size_t n = 0;
    for (size_t i = 0;
         t->attend && t->attend->mode == ATTEND_FORM && i < t->attend->n; i++)
        n += t->attend->rows[i].on;
    return n;
}

int attend_session_started(struct tui *t)
{
    int rc = 0;
    const char *uuid = session_uuid(t->sess);
    for (size_t i = 0; t->attend && t->attend->mode == ATTEND_FORM &&
                       i < t->attend->n && rc == 0;
         i++)
        if (t->attend->rows[i].on &&
            roster_set_present(t->store, uuid, t->attend->rows[i].id, true) !=
                STORE_OK) {
            tui_message(t, "attendance not saved: %s", store_error(t->store));
            rc = -1;
        }
    attend_free(t);
    return rc;
}

int name_column(int widest, int width, int rest)
{
    int w = widest < width - rest ? widest : width - rest;
    return w < 8 ? 8 : w;
}

void attend_draw(struct tui *t)
{
    struct attend_ui *a = t->attend;
    if (!a)
        return;
    int m = theme_margin(t), w = t->cols - 2 * m, top = 2;
    for (int y = top; y < t->rows - 1; y++)
        draw_fill(t, y, E_NOTES);
    static const struct key_hint hints[] = {HINT(A_TICK, "marks"),
                                            HINT(A_TICK_DONE, "done")};
    char heading[200];
    snprintf(heading, sizeof heading, "%s",
             a->mode == ATTEND_SPEAKERS ? "Who spoke to this question"
                                        : "Who is here (from the roster)");
    draw_text(t, top, m, w, E_NOTES, KEY_HINTS(heading, hints, false));
    list_clamp(&a->list, (int)a->n, 0);
    struct scroll_view v =
        scroll_region(t, top + 1, m, w, t->rows - top - 2, (int)a->n,
                      &a->list.top, a->list.sel, false);
    int widest = 0;
    for (size_t i = 0; i < a->n; i++) {
        int nw = text_safe_width(a->rows[i].name, strlen(a->rows[i].name), 0);
        widest = nw > widest ? nw : widest;
    }
    int cols = name_column(widest, w, 16);
    for (int i = 0; i < v.h && a->list.top + i < (int)a->n; i++) {
        const struct attend_row *r = &a->rows[a->list.top + i];
        char name[400], line[512];
        text_pad(name, sizeof name, r->name, cols);
        snprintf(line, sizeof line, "[%s] %s  %-5s%s", r->on ? "x" : " ", name,
                 r->klass, r->left && !r->on ? " left" : "");
        draw_text(t, v.y + i, m, w,
                  list_elem(&a->list, a->list.top + i, E_NOTES), line);
    }
}

/* Toggles the selected row, writing it at once during a session. */
static void toggle(struct tui *t, struct attend_ui *a)
{
    struct attend_row *r = &a->rows[a->list.sel];
    bool on = !r->on;
    int rc = STORE_OK;
    if (a->mode == ATTEND_SESSION) {
        rc = roster_set_present(t->store, session_uuid(t->sess), r->id, on);
        if (rc == STORE_OK && !on)
            r->left = true;
    } else if (a->mode == ATTEND_SPEAKERS) {
        struct session_stage g = session_stage(t->sess);
        rc = roster_set_speaker(t->store, session_uuid(t->sess), g.modpos,
                                g.qidx, r->id, on);
    }
    if (rc == STORE_OK)
        r->on = on;
    else
        tui_message(t, "%s", store_error(t->store));
}

void attend_key(struct tui *t, int key)
{
    struct attend_ui *a = t->attend;
    enum action act = key_action(key, W_TICKING);
    if (!a || act == A_TICK_DONE) {
        t->overlay = OV_NONE;
        if (a && a->mode != ATTEND_FORM)
            attend_free(t);
        return;
    }
    if (!list_move(&a->list, act, (int)a->n, false) && act == A_TICK)
        toggle(t, a);
}

/* Splits "NAME, CLASS" when CLASS is a class; false otherwise. */
static bool split_class(const char *typed, char **name,
                        char klass[static ROSTER_CLASS_MAX])
{
    const char *comma = strrchr(typed, ',');
    if (!comma)
        return false;
    char *cls = text_name(comma + 1);
    bool ok = cls && roster_class_parse(cls, klass) == 0;
    free(cls);
    if (ok)
        *name = strndup(typed, (size_t)(comma - typed));
    return ok && *name;
}

char *attend_study_name(struct tui *t, const char *typed)
{
    char klass[ROSTER_CLASS_MAX];
    char *name = NULL;
    struct roster_resident r;
    if (split_class(typed, &name, klass)) {
        t->roster_asked = false;
        if (roster_add(t->store, name, klass, NULL, NULL) != STORE_OK) {
            tui_message(t, "%s", store_error(t->store));
            free(name);
            return NULL;
        }
        char *stored = text_name(name);
        free(name);
        return stored;
    }
    int rc = roster_find(t->store, typed, &r);
    if (rc == STORE_OK) { /* as the roster spells it */
        t->roster_asked = false;
        name = strdup(r.name);
        roster_resident_free(&r);
        return name;
    }
    struct roster_list l = {0};
    bool empty = roster_list(t->store, false, &l) == STORE_OK && l.n == 0;
    roster_list_free(&l);
    if (empty || t->roster_asked) {
        t->roster_asked = false;
        return strdup(typed);
    }
    t->roster_asked = true;
    tui_message(t,
                "%s is not on the roster: add the class to add them "
                "(\"%s, PGY2\"), or Enter again to go on without",
                typed, typed);
    return NULL;
}

void attend_link_study(struct tui *t)
{
    struct roster_resident r;
    if (!t->sess || session_kind(t->sess) != STORE_SELF_STUDY ||
        roster_find(t->store, session_resident(t->sess), &r) != STORE_OK)
        return;
    if (roster_link_study(t->store, session_uuid(t->sess), r.id) != STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    roster_resident_free(&r);
}

int attend_group_count(struct tui *t, const char *name)
{
    struct roster_resident r;
    struct roster_records rec;
    if (!name || roster_find(t->store, name, &r) != STORE_OK)
        return -1;
    int n = -1;
    if (roster_resident_records(t->store, r.id, &rec) == STORE_OK) {
        n = 0;
        for (size_t i = 0; i < rec.n; i++)
            n += rec.v[i].kind == STORE_GROUP;
        roster_records_free(&rec);
    }
    roster_resident_free(&r);
    return n;
}
