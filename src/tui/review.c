/* review.c - the review screens: every recorded session and self-study
 * attempt, newest first, filtered by a search and by kind; and one
 * session paged through exactly as it was, where a reviewer adds comments,
 * resolves parking-lot items or deletes the session. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/clock.h"
#include "pbl/module_text.h"
#include "pbl/review.h"
#include "pbl/search.h"
#include "pbl/text.h"
#include "tui.h"

static const char *const kind_names[] = {"all", "group", "self-study"};

void review_free(struct tui *t)
{
    store_session_list_free(&t->sessions);
    store_park_list_free(&t->rv_park);
    free(t->rv_text);
    t->rv_text = NULL;
    free(t->rl_match);
    t->rl_match = NULL;
}

/* Runs the search over the list (search.h); a query that cannot be run
 * (a date that is not one) matches nothing and says why. */
static void run_search(struct tui *t)
{
    struct search_query q;
    char *err = NULL;
    free(t->rl_match);
    t->rl_err[0] = '\0';
    if (!(t->rl_match = calloc(t->sessions.n + 1, sizeof *t->rl_match)))
        return;
    if (search_parse(t->search.buf, &q, &err) == 0)
        search_sessions(t->store, &q, &t->sessions, t->rl_match, &err);
    if (err)
        snprintf(t->rl_err, sizeof t->rl_err, "%s", err);
    free(err);
    search_query_free(&q);
}

static size_t visible(const struct tui *t, size_t *out);

/* Reads the sessions again (another window may have recorded some),
 * keeping the selection on the session it was on. */
static void review_reload(struct tui *t)
{
    char keep[STORE_UUID_LEN + 1] = "";
    size_t *vis = malloc((t->sessions.n + 1) * sizeof *vis);
    if (vis && t->rl_sel >= 0 && (size_t)t->rl_sel < visible(t, vis))
        snprintf(keep, sizeof keep, "%s", t->sessions.v[vis[t->rl_sel]].uuid);
    free(vis);
    store_session_list_free(&t->sessions);
    if (store_list_sessions(t->store, STORE_LIST_ALL, &t->sessions) != STORE_OK)
        tui_message(t, "%s", store_error(t->store));
    t->rl_loaded = clock_now();
    run_search(t); /* the matches go with the list read */
    vis = malloc((t->sessions.n + 1) * sizeof *vis);
    size_t n = vis ? visible(t, vis) : 0;
    for (size_t i = 0; keep[0] && i < n; i++)
        if (strcmp(t->sessions.v[vis[i]].uuid, keep) == 0)
            t->rl_sel = (int)i;
    free(vis);
    if (t->rl_sel < 0)
        t->rl_sel = 0;
}

/* Back to the list from a session: read again, the search kept. */
static void review_back_to_list(struct tui *t)
{
    store_park_list_free(&t->rv_park);
    free(t->rv_text);
    t->rv_text = NULL;
    review_reload(t);
    t->screen = SCR_RLIST;
    t->searching = false;
}

/* Opens the list afresh: its own empty search (not the picker's), the
 * sessions read now. */
void review_enter(struct tui *t)
{
    review_free(t);
    input_set(&t->search, NULL);
    t->rl_sel = t->rl_top = 0;
    review_back_to_list(t);
}

/* Whether a session passes the kind filter and the search. */
static bool shown(const struct tui *t, size_t i)
{
    const struct store_session *s = &t->sessions.v[i];
    if ((t->kind_filter == 1 && s->kind != STORE_GROUP) ||
        (t->kind_filter == 2 && s->kind != STORE_SELF_STUDY))
        return false;
    return t->rl_match && t->rl_match[i];
}

static size_t visible(const struct tui *t, size_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < t->sessions.n; i++)
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

void review_list_draw(struct tui *t)
{
    int m = theme_margin(t), w = t->cols - 2 * m;
    char line[512];
    draw_title(t, 0, "Review recorded sessions");
    snprintf(line, sizeof line,
             "Showing: %s (f changes) · Search:", kind_names[t->kind_filter]);
    draw_text(t, 2, m, w, E_DIM, line);
    int sx = m + text_width(line, strlen(line)) + 1;
    draw_input(t, 2, sx, 30, &t->search, t->searching);
    size_t *vis = malloc((t->sessions.n + 1) * sizeof *vis);
    if (!vis)
        return;
    size_t n = visible(t, vis);
    if (t->rl_sel >= (int)n)
        t->rl_sel = n ? (int)n - 1 : 0;
    int top = 4, h = t->rows - top - 2;
    if (t->rl_sel < t->rl_top)
        t->rl_top = t->rl_sel;
    if (t->rl_sel >= t->rl_top + h)
        t->rl_top = t->rl_sel - h + 1;
    for (int r = 0; r < h && t->rl_top + r < (int)n; r++) {
        session_line(&t->sessions.v[vis[t->rl_top + r]], w, line, sizeof line);
        bool sel = t->rl_top + r == t->rl_sel;
        if (sel) {
            attrset(theme_attr(t, E_SELECTED));
            mvhline(top + r, m, ' ', w);
        }
        draw_text(t, top + r, m, w, sel ? E_SELECTED : E_NORMAL, line);
    }
    if (!n)
        draw_text(t, top, m, w, t->rl_err[0] ? E_MISSED : E_DIM,
                  t->rl_err[0]    ? t->rl_err
                  : t->sessions.n ? "no session matches"
                                  : "no sessions recorded yet");
    free(vis);
    draw_status(t,
                t->msg[0]
                    ? t->msg
                    : "Enter open · / search · f kind · Esc back · ? keys",
                NULL, E_STATUS);
    if (t->searching)
        draw_input(t, 2, sx, 30, &t->search, true);
}

/* Renders the selected session to text for paging. */
static void open_session(struct tui *t, const char *uuid)
{
    char *buf = NULL, *err = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        tui_message(t, "out of memory");
        return;
    }
    int rc = review_write(t->store, uuid, f, &err);
    fclose(f);
    if (rc < 0) {
        tui_message(t, "cannot show the session: %s", err ? err : "?");
        free(err);
        free(buf);
        return;
    }
    free(t->rv_text);
    t->rv_text = buf;
    snprintf(t->rv_uuid, sizeof t->rv_uuid, "%s", uuid);
    t->rv_scroll = 0;
    t->screen = SCR_RVIEW;
}

void review_list_key(struct tui *t, int key, enum action a)
{
    if (t->searching) {
        if (key == '\n' || key == 27 || key == '\t')
            t->searching = false;
        else if (input_key(&t->search, key)) {
            t->rl_sel = t->rl_top = 0;
            run_search(t);
        }
        return;
    }
    size_t *vis = malloc((t->sessions.n + 1) * sizeof *vis);
    if (!vis)
        return;
    size_t n = visible(t, vis);
    switch (a) {
    case A_UP:
        if (t->rl_sel > 0)
            t->rl_sel--;
        break;
    case A_DOWN:
        if (t->rl_sel + 1 < (int)n)
            t->rl_sel++;
        break;
    case A_SEARCH:
        t->searching = true;
        break;
    case A_KIND_FILTER:
        t->kind_filter = (t->kind_filter + 1) % 3;
        t->rl_sel = t->rl_top = 0;
        break;
    case A_REFRESH:
        review_reload(t);
        tui_message(t, "%zu sessions recorded", t->sessions.n);
        break;
    case A_NONE: /* the clock: sessions recorded meanwhile show up */
        if (key == TK_TICK && clock_now() - t->rl_loaded >= 5)
            review_reload(t);
        break;
    case A_SELECT:
        if (n)
            open_session(t, t->sessions.v[vis[t->rl_sel]].uuid);
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

/* Scrolling keys of the pagers (review, module library); returns true
 * when the action was one of them. Past the end is clamped when drawn. */
static bool pager_key(struct tui *t, enum action a, int page)
{
    switch (a) {
    case A_UP:
        t->rv_scroll -= t->rv_scroll > 0;
        return true;
    case A_DOWN:
        t->rv_scroll++;
        return true;
    case A_PAGE_UP:
        t->rv_scroll = t->rv_scroll > page ? t->rv_scroll - page : 0;
        return true;
    case A_PAGE_DOWN:
        t->rv_scroll += page;
        return true;
    case A_GO_TOP:
        t->rv_scroll = 0;
        return true;
    case A_GO_BOTTOM:
        t->rv_scroll = 1 << 20;
        return true;
    default:
        return false;
    }
}

/* The text of the session, wrapped, from row `skip` on. Returns the
 * number of wrapped rows in all. */
int review_draw_pages(struct tui *t, int top, int h, int skip)
{
    int m = theme_margin(t), w = t->cols - 2 * m, row = 0;
    const char *p = t->rv_text;
    while (p && *p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *para = strndup(p, len);
        if (!para)
            break;
        enum elem e = len > 2 && para[0] == '=' && para[1] == '=' ? E_HEADING
                      : strncmp(para, "Model answer:", 13) == 0   ? E_MODEL
                      : strncmp(para, "Answer", 6) == 0           ? E_ANSWER
                      : strncmp(para, "Question", 8) == 0         ? E_TITLE
                                                                  : E_NORMAL;
        int n = len ? wrapped_rows(para, w) : 1;
        if (row + n > skip && row - skip < h)
            draw_wrapped(t, top + (row > skip ? row - skip : 0), m, w,
                         h - (row > skip ? row - skip : 0),
                         row < skip ? skip - row : 0, e, para);
        row += n;
        free(para);
        p = eol ? eol + 1 : NULL;
    }
    return row;
}

/* How much of the text has been seen, in percent (100 at the end). */
static int percent_seen(int top, int h, int total)
{
    int p = total > h ? (top + h) * 100 / total : 100;
    return p > 100 ? 100 : p;
}

/* The text in h rows from row y, from t->rv_scroll (kept within the
 * text), with ↑/↓ markers; returns the text's rows. */
static int draw_pages_scrolled(struct tui *t, int y, int h)
{
    int total = review_draw_pages(t, y, 0, 0); /* measures; draws nothing */
    struct scroll_view v =
        scroll_region(t, y, theme_margin(t), t->cols - 2 * theme_margin(t), h,
                      total, &t->rv_scroll, -1, true);
    review_draw_pages(t, v.y, v.h, t->rv_scroll);
    return total;
}

static void draw_resolve_overlay(struct tui *t)
{
    int m = theme_margin(t), w = t->cols - 2 * m;
    for (int y = 2; y < t->rows - 1; y++)
        draw_fill(t, y, E_NORMAL);
    draw_text(t, 2, m, w, E_HEADING,
              "Parking lot · Space marks resolved or open · Esc done");
    if (!t->rv_park.n)
        draw_text(t, 4, m, w, E_DIM,
                  "(this session raised no learning issues)");
    for (size_t i = 0; i < t->rv_park.n && 4 + (int)i < t->rows - 2; i++) {
        char buf[600];
        snprintf(buf, sizeof buf, "[%s] %s",
                 t->rv_park.v[i].resolved_at[0] ? "x" : " ",
                 t->rv_park.v[i].text);
        draw_text(t, 4 + (int)i, m, w,
                  (int)i == t->rv_park_sel ? E_SELECTED : E_NORMAL, buf);
    }
}

void review_view_draw(struct tui *t)
{
    int h = t->rows - 4;
    draw_title(t, 0, "Review");
    int total = draw_pages_scrolled(t, 2, h);
    if (t->overlay == OV_RESOLVE)
        draw_resolve_overlay(t);
    char status[160];
    snprintf(
        status, sizeof status,
        "%d%% · c comment · P parking lot · D delete · x export · Esc back",
        percent_seen(t->rv_scroll, h, total));
    draw_status(t, t->msg[0] ? t->msg : status, NULL, E_STATUS);
    if (t->overlay == OV_COMMENT || t->overlay == OV_DELETE) {
        int m = theme_margin(t);
        const char *label = t->overlay == OV_COMMENT
                                ? "Comment (Enter saves, Esc cancels):"
                                : "Type the group or resident name to delete:";
        int lw = text_width(label, strlen(label)) + 1;
        draw_fill(t, t->rows - 2, E_NOTES);
        draw_text(t, t->rows - 2, m, lw, E_NOTES, label);
        draw_input(t, t->rows - 2, m + lw, t->cols - 2 * m - lw, &t->rv_input,
                   true);
    }
}

/* Renders the session again after a change. */
static void reload(struct tui *t)
{
    char uuid[STORE_UUID_LEN + 1];
    int scroll = t->rv_scroll;
    snprintf(uuid, sizeof uuid, "%s", t->rv_uuid);
    open_session(t, uuid);
    t->rv_scroll = scroll;
}

/* The name a deletion must be confirmed with: the group's, else the
 * resident's. */
static const char *confirm_name(const struct tui *t)
{
    for (size_t i = 0; i < t->sessions.n; i++)
        if (strcmp(t->sessions.v[i].uuid, t->rv_uuid) == 0)
            return t->sessions.v[i].group_name ? t->sessions.v[i].group_name
                                               : t->sessions.v[i].resident;
    return NULL;
}

static void input_done(struct tui *t)
{
    if (t->overlay == OV_COMMENT && t->rv_input.len) {
        if (store_add_review_comment(t->store, t->rv_uuid, t->rv_input.buf) !=
            STORE_OK)
            tui_message(t, "comment not saved: %s", store_error(t->store));
        else
            reload(t);
        phi_guard_check(t, t->rv_input.buf, "comment");
    } else if (t->overlay == OV_DELETE) {
        const char *name = confirm_name(t);
        if (!name || strcmp(name, t->rv_input.buf) != 0) {
            tui_message(t, "not deleted: the name did not match");
        } else if (store_delete_session(t->store, t->rv_uuid) != STORE_OK) {
            tui_message(t, "not deleted: %s", store_error(t->store));
        } else {
            t->overlay = OV_NONE;
            review_enter(t);
            tui_message(t, "session deleted");
            return;
        }
    }
    t->overlay = OV_NONE;
}

static void resolve_key(struct tui *t, int key, enum action a)
{
    if (key == 27 || key == '\n' || a == A_QUIT) {
        t->overlay = OV_NONE;
        reload(t);
    } else if (a == A_UP && t->rv_park_sel > 0) {
        t->rv_park_sel--;
    } else if (a == A_DOWN && t->rv_park_sel + 1 < (int)t->rv_park.n) {
        t->rv_park_sel++;
    } else if ((key == ' ' || key == 'x') && t->rv_park.n) {
        struct store_park_item *it = &t->rv_park.v[t->rv_park_sel];
        /* resolved in review, so in no session */
        int rc = it->resolved_at[0]
                     ? store_reopen_park_item(t->store, it->id)
                     : store_resolve_park_item(t->store, it->id, NULL);
        if (rc != STORE_OK)
            tui_message(t, "%s", store_error(t->store));
        store_park_list_free(&t->rv_park);
        store_list_park_items(t->store, t->rv_uuid, &t->rv_park);
    }
}

void review_view_key(struct tui *t, int key, enum action a)
{
    if (t->overlay == OV_COMMENT || t->overlay == OV_DELETE) {
        if (key == 27)
            t->overlay = OV_NONE;
        else if (key == '\n')
            input_done(t);
        else
            input_key(&t->rv_input, key);
        return;
    }
    if (t->overlay == OV_RESOLVE) {
        resolve_key(t, key, a);
        return;
    }
    if (pager_key(t, a, t->rows - 5))
        return;
    switch (a) {
    case A_COMMENT:
    case A_DELETE:
        t->overlay = a == A_COMMENT ? OV_COMMENT : OV_DELETE;
        t->rv_input.len = 0;
        t->rv_input.buf[0] = '\0';
        break;
    case A_RESOLVE:
        store_park_list_free(&t->rv_park);
        if (store_list_park_items(t->store, t->rv_uuid, &t->rv_park) !=
            STORE_OK)
            tui_message(t, "%s", store_error(t->store));
        t->rv_park_sel = 0;
        t->overlay = OV_RESOLVE;
        break;
    case A_EXPORT:
        export_prompt_open(t, t->rv_uuid);
        break;
    case A_BACK:
        review_back_to_list(t);
        break;
    default:
        break;
    }
}

/* ---- the module library: one module's whole text --------------------- */

void read_module(struct tui *t, size_t k)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) {
        tui_message(t, "out of memory");
        return;
    }
    module_write_text(f, t->lib.mods[k], t->cols - 2 * theme_margin(t));
    fclose(f);
    free(t->rv_text);
    t->rv_text = buf;
    t->rv_scroll = 0;
    t->screen = SCR_READ;
}

void library_read_draw(struct tui *t)
{
    int h = t->rows - 3;
    int total = draw_pages_scrolled(t, 0, h);
    char status[96];
    snprintf(status, sizeof status, "%d%% · j/k PgUp/PgDn scroll · Esc back",
             percent_seen(t->rv_scroll, h, total));
    draw_status(t, t->msg[0] ? t->msg : status, NULL, E_STATUS);
}

void library_read_key(struct tui *t, int key, enum action a)
{
    if (pager_key(t, a, t->rows - 4))
        return;
    switch (a) {
    case A_BACK:
        free(t->rv_text);
        t->rv_text = NULL;
        t->screen = SCR_PICKER;
        break;
    default:
        break;
    }
}
