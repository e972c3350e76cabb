/* screen_review.c - the review screens: every recorded session and self-study
 * attempt, newest first, filtered by a search and by kind; and one
 * session paged through exactly as it was, where a reviewer adds comments,
 * resolves parking-lot items or deletes the session. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/review.h"
#include "pbl/search.h"
#include "pbl/sync.h"
#include "pbl/text.h"
#include "tui.h"

static const char *const kind_names[] = {"all", "group", "self-study"};

/* The list of sessions (SCR_RLIST). */
struct review_list {
    struct list list;
    struct store_session_list sessions;
    int kind_filter; /* 0 all, 1 group, 2 self-study */
    time_t loaded;   /* when the list was read: it is read again */
    bool *match;     /* per session: matches the search */
    char err[200];   /* what is wrong with the search, or "" */
};

/* One session in review (SCR_RVIEW). */
struct review_view {
    struct pager pager; /* the session shown, as text */
    char uuid[STORE_UUID_LEN + 1];
    struct line_input input; /* a comment, or the name to delete */
    struct store_park_list park;
    int park_sel;
};

static struct review_list *rlist_of(const struct tui *t)
{
    return screen_state(t, SCR_RLIST);
}

static struct review_view *rview_of(const struct tui *t)
{
    return screen_state(t, SCR_RVIEW);
}

/* Lets go of the session shown. */
static void review_view_free(struct tui *t)
{
    struct review_view *rv = rview_of(t);
    store_park_list_free(&rv->park);
    review_parts_free(&rv->pager.text);
}

/* Lets go of the list. */
static void review_list_free(struct tui *t)
{
    struct review_list *rl = rlist_of(t);
    store_session_list_free(&rl->sessions);
    free(rl->match);
    rl->match = NULL;
}

/* Lets go of the list and of the session shown. */
static void review_free(struct tui *t)
{
    review_list_free(t);
    review_view_free(t);
}

/* Runs the search over the list (search.h); a query that cannot be run
 * (a date that is not one) matches nothing and says why. */
static void run_search(struct tui *t)
{
    struct review_list *rl = rlist_of(t);
    struct search_query q;
    char *err = NULL;
    free(rl->match);
    rl->err[0] = '\0';
    if (!(rl->match = calloc(rl->sessions.n + 1, sizeof *rl->match)))
        return;
    if (search_parse(rl->list.search.buf, &q, &err) == 0)
        search_sessions(t->store, &q, &rl->sessions, rl->match, &err);
    if (err)
        snprintf(rl->err, sizeof rl->err, "%s", err);
    free(err);
    search_query_free(&q);
}

static size_t visible(const struct tui *t, size_t *out);

/* Reads the sessions again (another window may have recorded some),
 * keeping the selection on the session it was on. */
static void review_reload(struct tui *t)
{
    struct review_list *rl = rlist_of(t);
    char keep[STORE_UUID_LEN + 1] = "";
    size_t *vis = malloc((rl->sessions.n + 1) * sizeof *vis);
    if (vis && rl->list.sel >= 0 && (size_t)rl->list.sel < visible(t, vis))
        snprintf(keep, sizeof keep, "%s",
                 rl->sessions.v[vis[rl->list.sel]].uuid);
    free(vis);
    store_session_list_free(&rl->sessions);
    if (store_list_sessions(t->store, STORE_LIST_ALL, &rl->sessions) !=
        STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    rl->loaded = clock_now();
    run_search(t); /* the matches go with the list read */
    vis = malloc((rl->sessions.n + 1) * sizeof *vis);
    size_t n = vis ? visible(t, vis) : 0;
    for (size_t i = 0; keep[0] && i < n; i++)
        if (strcmp(rl->sessions.v[vis[i]].uuid, keep) == 0)
            rl->list.sel = (int)i;
    free(vis);
    if (rl->list.sel < 0)
        rl->list.sel = 0;
}

/* Back to the list from a session: read again, the search kept. */
static void review_back_to_list(struct tui *t)
{
    struct review_list *rl = rlist_of(t);
    review_view_free(t);
    review_reload(t);
    t->screen = SCR_RLIST;
    rl->list.searching = false;
}

/* Opens the list afresh: its own empty search (not the picker's), the
 * sessions read now. */
static void review_list_entered(struct tui *t)
{
    struct review_list *rl = rlist_of(t);
    review_free(t);
    input_set(&rl->list.search, NULL);
    rl->list.sel = rl->list.top = 0;
    review_back_to_list(t);
}

/* Goes to the list of sessions, opened afresh. */
void review_enter(struct tui *t)
{
    tui_enter(t, SCR_RLIST);
}

/* Whether a session passes the kind filter and the search. */
static bool shown(const struct tui *t, size_t i)
{
    struct review_list *rl = rlist_of(t);
    const struct store_session *s = &rl->sessions.v[i];
    if ((rl->kind_filter == 1 && s->kind != STORE_GROUP) ||
        (rl->kind_filter == 2 && s->kind != STORE_SELF_STUDY))
        return false;
    return rl->match && rl->match[i];
}

static size_t visible(const struct tui *t, size_t *out)
{
    struct review_list *rl = rlist_of(t);
    size_t n = 0;
    for (size_t i = 0; i < rl->sessions.n; i++)
        if (shown(t, i))
            out[n++] = i;
    return n;
}

/* One session as a row of the list: the name column is measured in
 * display columns and takes a share of a wide screen. */
static void session_line(const struct store_session *s, int width, char *buf,
                         size_t n)
{
    char who[400];
    int who_w = (width - 40) / 2;
    text_pad(who, sizeof who,
             s->group_name ? s->group_name
             : s->resident ? s->resident
                           : "-",
             who_w < 20   ? 20
             : who_w > 60 ? 60
                          : who_w);
    int len = snprintf(buf, n, "%.10s %.5s  %-10s %s %-9s ", s->started_at,
                       s->started_at + 11,
                       s->kind == STORE_GROUP ? "group" : "self-study", who,
                       store_status_name(s->status));
    for (size_t i = 0; i < s->module_ids.n && len > 0 && (size_t)len < n; i++)
        len += snprintf(buf + len, n - (size_t)len, "%s%s", i ? ", " : "",
                        s->module_ids.v[i]);
}

static void review_list_draw(struct tui *t)
{
    struct review_list *rl = rlist_of(t);
    int m = theme_margin(t), w = t->cols - 2 * m;
    char line[512];
    draw_title(t, 0, "Review recorded sessions");
    snprintf(line, sizeof line,
             "Showing: %s (f changes) · Search:", kind_names[rl->kind_filter]);
    draw_text(t, 2, m, w, E_DIM, line);
    int sx = m + text_width(line, strlen(line)) + 1;
    draw_input(t, 2, sx, 30, &rl->list.search, rl->list.searching);
    size_t *vis = malloc((rl->sessions.n + 1) * sizeof *vis);
    if (!vis)
        return;
    size_t n = visible(t, vis);
    int top = 4, h = t->rows - top - 2;
    list_clamp(&rl->list, (int)n, h);
    for (int r = 0; r < h && rl->list.top + r < (int)n; r++) {
        session_line(&rl->sessions.v[vis[rl->list.top + r]], w, line,
                     sizeof line);
        enum elem e =
            list_bar(t, &rl->list, rl->list.top + r, top + r, m, w, E_NORMAL);
        draw_text(t, top + r, m, w, e, line);
    }
    if (!n)
        draw_text(t, top, m, w, rl->err[0] ? E_MISSED : E_DIM,
                  rl->err[0]       ? rl->err
                  : rl->sessions.n ? "no session matches"
                                   : "no sessions recorded yet");
    free(vis);
    static const struct key_hint hints[] = {
        HINT(A_SELECT, "open"), HINT(A_SEARCH, "search"),
        HINT(A_KIND_FILTER, "kind"), HINT(A_BACK, "back"),
        HINT(A_HELP, "keys")};
    char status[200] = "";
    draw_status(t, t->msg[0] ? t->msg : KEY_HINTS(status, hints, false), NULL,
                E_STATUS);
    if (rl->list.searching)
        draw_input(t, 2, sx, 30, &rl->list.search, true);
}

/* Reads the selected session as typed parts for paging. */
static void open_session(struct tui *t, const char *uuid)
{
    struct review_view *rv = rview_of(t);
    struct review_parts parts;
    char *err = NULL;
    if (review_parts(t->store, uuid, &parts, &err) < 0) {
        tui_message(t, "cannot show the session: %s", err ? err : "?");
        free(err);
        return;
    }
    review_parts_free(&rv->pager.text);
    rv->pager.text = parts;
    snprintf(rv->uuid, sizeof rv->uuid, "%s", uuid);
    rv->pager.scroll = 0;
    t->screen = SCR_RVIEW;
}

static void review_list_key(struct tui *t, int key, enum action a)
{
    struct review_list *rl = rlist_of(t);
    switch (list_search_key(&rl->list, key)) {
    case LIST_SEARCH_CHANGED:
        run_search(t);
        return;
    case LIST_SEARCH_KEY:
        return;
    case LIST_NOT_SEARCHING:
        break;
    }
    if (a == A_NONE) { /* the clock: sessions recorded meanwhile show up */
        if (key == TK_TICK && clock_now() - rl->loaded >= 5)
            review_reload(t);
        return;
    }
    size_t *vis = malloc((rl->sessions.n + 1) * sizeof *vis);
    if (!vis)
        return;
    size_t n = visible(t, vis);
    switch (list_key(&rl->list, a, (int)n) ? A_NONE : a) {
    case A_KIND_FILTER:
        rl->kind_filter = (rl->kind_filter + 1) % 3;
        rl->list.sel = rl->list.top = 0;
        break;
    case A_REFRESH:
        review_reload(t);
        tui_message(t, "%zu sessions recorded", rl->sessions.n);
        break;
    case A_SELECT:
        if (n)
            open_session(t, rl->sessions.v[vis[rl->list.sel]].uuid);
        break;
    case A_BACK:
        review_free(t);
        home_enter(t);
        break;
    default:
        break;
    }
    free(vis);
}

bool pager_key(struct pager *pg, enum action a, int page)
{
    switch (a) {
    case A_UP:
        pg->scroll -= pg->scroll > 0;
        return true;
    case A_DOWN:
        pg->scroll++;
        return true;
    case A_PAGE_UP:
        pg->scroll = pg->scroll > page ? pg->scroll - page : 0;
        return true;
    case A_PAGE_DOWN:
        pg->scroll += page;
        return true;
    case A_GO_TOP:
        pg->scroll = 0;
        return true;
    case A_GO_BOTTOM:
        pg->scroll = 1 << 20;
        return true;
    default:
        return false;
    }
}

/* The style of a part of the review text: by its kind, never by its
 * words (an answer that reads "== x" is drawn as an answer). */
static enum elem part_elem(enum review_kind k)
{
    switch (k) {
    case REVIEW_HEADING:
        return E_HEADING;
    case REVIEW_QUESTION:
        return E_TITLE;
    case REVIEW_ANSWER:
        return E_ANSWER;
    case REVIEW_MODEL:
        return E_MODEL;
    default:
        return E_NORMAL;
    }
}

/* The text of the session (or module), wrapped, from row `skip` on: each
 * line of a part a paragraph in the part's style. Returns the number of
 * wrapped rows in all. */
static int review_draw_pages(struct tui *t, const struct pager *pg, int top,
                             int h, int skip)
{
    int m = theme_margin(t), w = t->cols - 2 * m, row = 0;
    for (size_t i = 0; i < pg->text.n; i++) {
        enum elem e = part_elem(pg->text.v[i].kind);
        const char *p = pg->text.v[i].text;
        while (p) {
            const char *eol = strchr(p, '\n');
            size_t len = eol ? (size_t)(eol - p) : strlen(p);
            char *para = strndup(p, len);
            if (!para)
                return row;
            int n = len ? wrapped_rows(para, w) : 1;
            if (row + n > skip && row - skip < h)
                draw_wrapped(t, top + (row > skip ? row - skip : 0), m, w,
                             h - (row > skip ? row - skip : 0),
                             row < skip ? skip - row : 0, e, para);
            row += n;
            free(para);
            p = eol ? eol + 1 : NULL;
        }
    }
    return row;
}

int pager_percent(int top, int h, int total)
{
    int p = total > h ? (top + h) * 100 / total : 100;
    return p > 100 ? 100 : p;
}

int pager_draw(struct tui *t, struct pager *pg, int y, int h)
{
    int total = review_draw_pages(t, pg, y, 0, 0); /* measures; draws nothing */
    struct scroll_view v =
        scroll_region(t, y, theme_margin(t), t->cols - 2 * theme_margin(t), h,
                      total, &pg->scroll, -1, true);
    review_draw_pages(t, pg, v.y, v.h, pg->scroll);
    return total;
}

static void draw_resolve_overlay(struct tui *t)
{
    struct review_view *rv = rview_of(t);
    int m = theme_margin(t), w = t->cols - 2 * m;
    for (int y = 2; y < t->rows - 1; y++)
        draw_fill(t, y, E_NORMAL);
    draw_text(t, 2, m, w, E_HEADING,
              "Parking lot · Space marks resolved or open · Esc done");
    if (!rv->park.n)
        draw_text(t, 4, m, w, E_DIM,
                  "(no learning issues raised or resolved in this session)");
    for (size_t i = 0; i < rv->park.n && 4 + (int)i < t->rows - 2; i++) {
        const struct store_park_item *it = &rv->park.v[i];
        char buf[600];
        snprintf(buf, sizeof buf, "[%s] %s%s", it->resolved_at[0] ? "x" : " ",
                 it->text,
                 strcmp(it->session, rv->uuid) != 0
                     ? " (raised in an earlier session)"
                     : "");
        draw_text(t, 4 + (int)i, m, w,
                  (int)i == rv->park_sel ? E_SELECTED : E_NORMAL, buf);
    }
}

static void review_view_draw(struct tui *t)
{
    struct review_view *rv = rview_of(t);
    int h = t->rows - 4;
    draw_title(t, 0, "Review");
    int total = pager_draw(t, &rv->pager, 2, h);
    if (t->overlay == OV_RESOLVE)
        draw_resolve_overlay(t);
    static const struct key_hint hints[] = {
        HINT(A_COMMENT, "comment"), HINT(A_RESOLVE, "parking lot"),
        HINT(A_DELETE, "delete"), HINT(A_EXPORT, "export"),
        HINT(A_BACK, "back")};
    char status[160];
    snprintf(status, sizeof status, "%d%%",
             pager_percent(rv->pager.scroll, h, total));
    KEY_HINTS(status, hints, false);
    draw_status(t, t->msg[0] ? t->msg : status, NULL, E_STATUS);
    if (t->overlay == OV_COMMENT || t->overlay == OV_DELETE) {
        int m = theme_margin(t);
        const char *label = t->overlay == OV_COMMENT
                                ? "Comment (Enter saves, Esc cancels):"
                                : "Type the group or resident name to delete:";
        int lw = text_width(label, strlen(label)) + 1;
        draw_fill(t, t->rows - 2, E_NOTES);
        draw_text(t, t->rows - 2, m, lw, E_NOTES, label);
        draw_input(t, t->rows - 2, m + lw, t->cols - 2 * m - lw, &rv->input,
                   true);
    }
}

/* Renders the session again after a change. */
static void reload(struct tui *t)
{
    struct review_view *rv = rview_of(t);
    char uuid[STORE_UUID_LEN + 1];
    int scroll = rv->pager.scroll;
    snprintf(uuid, sizeof uuid, "%s", rv->uuid);
    open_session(t, uuid);
    rv->pager.scroll = scroll;
}

/* The name a deletion must be confirmed with: the group's, else the
 * resident's. */
static const char *confirm_name(const struct tui *t)
{
    struct review_list *rl = rlist_of(t);
    struct review_view *rv = rview_of(t);
    for (size_t i = 0; i < rl->sessions.n; i++)
        if (strcmp(rl->sessions.v[i].uuid, rv->uuid) == 0)
            return rl->sessions.v[i].group_name ? rl->sessions.v[i].group_name
                                                : rl->sessions.v[i].resident;
    return NULL;
}

static void input_done(struct tui *t)
{
    struct review_view *rv = rview_of(t);
    if (t->overlay == OV_COMMENT && rv->input.len) {
        if (store_add_review_comment(t->store, rv->uuid, rv->input.buf) !=
            STORE_OK)
            tui_message(t, "comment not saved: %s", store_error(t->store));
        else
            reload(t);
        phi_guard_check(t, rv->input.buf, "comment");
    } else if (t->overlay == OV_DELETE) {
        const char *name = confirm_name(t);
        if (!name || strcmp(name, rv->input.buf) != 0) {
            tui_message(t, "not deleted: the name did not match");
        } else if (store_delete_session(t->store, rv->uuid) != STORE_OK) {
            tui_message(t, "not deleted: %s", store_error(t->store));
        } else {
            t->overlay = OV_NONE;
            review_enter(t);
            /* a tombstone travels (hub schema 7): say so where it will */
            tui_message(t, sync_hub_set(t->store)
                               ? "session deleted; the next sync deletes it "
                                 "on the hub too (not a director's)"
                               : "session deleted");
            return;
        }
    }
    t->overlay = OV_NONE;
}

/* Keys while ticking parking-lot items resolved (W_TICKING). */
static void resolve_key(struct tui *t, int key)
{
    struct review_view *rv = rview_of(t);
    enum action a = key_action(key, W_TICKING);
    if (a == A_TICK_DONE) {
        t->overlay = OV_NONE;
        reload(t);
    } else if (a == A_UP && rv->park_sel > 0) {
        rv->park_sel--;
    } else if (a == A_DOWN && rv->park_sel + 1 < (int)rv->park.n) {
        rv->park_sel++;
    } else if (a == A_TICK && rv->park.n) {
        struct store_park_item *it = &rv->park.v[rv->park_sel];
        /* resolved in review, so in no session; but Space again on an
         * item just reopened undoes that, back in the session that had
         * resolved it. Marked in place, so an earlier session's item
         * reopened stays in the list until Esc. */
        int rc = it->resolved_at[0]
                     ? store_reopen_park_item(t->store, it->id)
                     : store_resolve_park_item(
                           t->store, it->id,
                           it->resolved_in[0] ? it->resolved_in : NULL);
        if (rc != STORE_OK)
            tui_message(t, "%s", store_error(t->store));
        else if (it->resolved_at[0])
            it->resolved_at[0] = '\0';
        else
            clock_now_iso(it->resolved_at);
    }
}

static void review_view_key(struct tui *t, int key, enum action a)
{
    struct review_view *rv = rview_of(t);
    if (t->overlay == OV_COMMENT || t->overlay == OV_DELETE) {
        enum action in = key_action(key, W_INPUT);
        if (in == A_INPUT_CANCEL)
            t->overlay = OV_NONE;
        else if (in == A_INPUT_DONE)
            input_done(t);
        else
            input_key(&rv->input, key);
        return;
    }
    if (t->overlay == OV_RESOLVE) {
        resolve_key(t, key);
        return;
    }
    if (pager_key(&rv->pager, a, t->rows - 5))
        return;
    switch (a) {
    case A_COMMENT:
    case A_DELETE:
        t->overlay = a == A_COMMENT ? OV_COMMENT : OV_DELETE;
        rv->input.len = 0;
        rv->input.buf[0] = '\0';
        break;
    case A_RESOLVE:
        store_park_list_free(&rv->park);
        if (store_list_park_items_review(t->store, rv->uuid, &rv->park) !=
            STORE_OK)
            tui_message(t, "%s", store_error(t->store));
        rv->park_sel = 0;
        t->overlay = OV_RESOLVE;
        break;
    case A_EXPORT:
        export_prompt_open(t, rv->uuid);
        break;
    case A_BACK:
        review_back_to_list(t);
        break;
    default:
        break;
    }
}

static unsigned review_list_where(const struct tui *t)
{
    return W_RLIST;
}

static enum screen_input review_list_input(const struct tui *t)
{
    return rlist_of(t)->list.searching ? INPUT_MODAL : INPUT_NONE;
}

const struct screen_ops review_list_screen = {
    .enter = review_list_entered,
    .draw = review_list_draw,
    .key = review_list_key,
    .where = review_list_where,
    .input = review_list_input,
    .free = review_list_free,
    .state_size = sizeof(struct review_list),
};

static unsigned review_view_where(const struct tui *t)
{
    return W_RVIEW;
}

const struct screen_ops review_view_screen = {
    .draw = review_view_draw,
    .key = review_view_key,
    .where = review_view_where,
    .free = review_view_free,
    .state_size = sizeof(struct review_view),
};
