/* report.c - the skill report: its tables (read from the store by
 * store_report.h, which holds all its SQL), and the CSV and JSON writers
 * (text and Markdown are in report_text.c).
 *
 * CSV: one block per table, each starting with a header row whose first
 * cell is "section", blocks separated by an empty row; cells escaped and
 * guarded like the export. JSON: one object, made of SQLite's JSON:
 *   {"format": "pbl-skill-report", "version": 1, "generated_at": ...,
 *    "summary": {...}, "skills": [...], "by_module": [...],
 *    "by_group": [...], "missed_points": [...], "stages": [...],
 *    "open_parking": [...]}; the rows' objects are made by SQLite. */
#include <string.h>

#include "pbl/text.h"
#include "report_impl.h"

static const char *const format_names[] = {"text", "csv",  "json",
                                           "md",   "html", "xlsx"};
#define NFORMATS (int)(sizeof format_names / sizeof format_names[0])

const char *report_format_name(enum report_format f)
{
    return (int)f >= 0 && (int)f < NFORMATS ? format_names[f] : "text";
}

int report_format_parse(const char *name, enum report_format *out)
{
    int i = format_index(format_names, NFORMATS, name);
    if (i < 0)
        return -1;
    *out = (enum report_format)i;
    return 0;
}

#define RATE_COLS "named_target_pct", "named_other_pct"
#define RATE_TYPES RP_PCT, RP_PCT

const struct rp_table rp_tables[] = {
    {"summary",
     NULL,
     7,
     {"sessions", "discussions", "first_session", "last_session",
      "left_out_nothing_reached", "left_out_by_status", "left_out_statuses"},
     {RP_INT, RP_INT, RP_DATE, RP_DATE, RP_INT, RP_INT, RP_TEXT},
     0,
     false},
    {"skills",
     "Skills over all module discussions",
     6,
     {"skill", "target", "named", "missed", RATE_COLS},
     {RP_TEXT, RP_INT, RP_INT, RP_INT, RATE_TYPES},
     0,
     false},
    {"by_module",
     "Skills by module",
     8,
     {"module", "discussions", "skill", "target", "named", "missed", RATE_COLS},
     {RP_TEXT, RP_INT, RP_TEXT, RP_INT, RP_INT, RP_INT, RATE_TYPES},
     2,
     false},
    {"by_group",
     "Skills by group or resident",
     9,
     {"kind", "name", "discussions", "skill", "target", "named", "missed",
      RATE_COLS},
     {RP_TEXT, RP_TEXT, RP_INT, RP_TEXT, RP_INT, RP_INT, RP_INT, RATE_TYPES},
     3,
     false},
    {"missed_points",
     "Most-missed key points",
     5,
     {"missed", "discussed", "module", "question", "key_point"},
     {RP_INT, RP_INT, RP_TEXT, RP_TEXT, RP_TEXT},
     0,
     false},
    {"stages",
     "Time per stage",
     5,
     {"stage", "times", "average", "time_box", "over_box"},
     {RP_TEXT, RP_INT, RP_SECS, RP_SECS, RP_INT},
     0,
     false},
    {"open_parking",
     "Open parking-lot items",
     5,
     {"raised", "kind", "name", "session", "item"},
     {RP_DATE, RP_TEXT, RP_TEXT, RP_TEXT, RP_TEXT},
     0,
     false},
    {"key_points",
     "Key points reached",
     6,
     {"module", "question", "key_point", "discussed", "reached", "reached_pct"},
     {RP_TEXT, RP_TEXT, RP_TEXT, RP_INT, RP_INT, RP_PCT},
     2,
     false},
    {"self_study",
     "Self-study by module",
     8,
     {"module", "attempts", "finished", "answered", "got", "partly",
      "rated_missed", "gave_up"},
     {RP_TEXT, RP_INT, RP_INT, RP_INT, RP_INT, RP_INT, RP_INT, RP_INT},
     0,
     false},
    {"residents",
     "Residents",
     11,
     {"resident", "group_discussions", "study_discussions", "modules", "target",
      "named_target", "named_target_pct", "got", "partly", "rated_missed",
      "gave_up"},
     {RP_TEXT, RP_INT, RP_INT, RP_INT, RP_INT, RP_INT, RP_PCT, RP_INT, RP_INT,
      RP_INT, RP_INT},
     0,
     false},
    {"milestones",
     "Milestones by resident",
     6,
     {"resident", "milestone", "discussions", "target", "named_target",
      "named_target_pct"},
     {RP_TEXT, RP_TEXT, RP_INT, RP_INT, RP_INT, RP_PCT},
     1,
     false},
    {"trend",
     "Skills over time",
     8,
     {"period", "skill", "discussions", "target", "named", "missed", RATE_COLS},
     {RP_TEXT, RP_TEXT, RP_INT, RP_INT, RP_INT, RP_INT, RATE_TYPES},
     1,
     true},
};
const int rp_ntables = sizeof rp_tables / sizeof rp_tables[0];

bool rp_shown(const struct rp_table *t, const char *by)
{
    return !t->by || by;
}

struct rp_table rp_table_by(int i, const char *by)
{
    struct rp_table t = rp_tables[i];
    if (t.by && by && strcmp(by, "class") == 0)
        t.title = "Skills by class";
    return t;
}

static const char *const by_names[] = {"month", "block", "class"};

int report_by_parse(const char *name, const char **out)
{
    int i = format_index(by_names, 3, name);
    if (i < 0)
        return -1;
    *out = by_names[i];
    return 0;
}

int rp_headline(struct store_report *q, char *buf, size_t n, char *left,
                size_t nleft, char **err)
{
    struct store_report_summary m;
    int rc = store_report_summary(q, &m, err);
    left[0] = '\0';
    if (rc != EXPORT_OK)
        return rc;
    long long ns = m.sessions, nd = m.discussions;
    int w = snprintf(buf, n, "%lld session%s, %lld module discussion%s", ns,
                     ns == 1 ? "" : "s", nd, nd == 1 ? "" : "s");
    if (m.first[0] && m.last[0] && w > 0 && (size_t)w < n)
        snprintf(buf + w, n - (size_t)w,
                 strcmp(m.first, m.last) ? ", %s to %s" : ", %s", m.first,
                 m.last);
    w = 0;
    if (m.left_empty)
        w = snprintf(left, nleft,
                     "%lld session%s where no question was reached (no "
                     "answer, tag, tick or reveal)",
                     m.left_empty, m.left_empty == 1 ? "" : "s");
    if (m.left_by_status && w >= 0 && (size_t)w < nleft)
        snprintf(left + w, nleft - (size_t)w,
                 "%s%lld session%s by status (%s; --status includes "
                 "them)",
                 w ? "; " : "", m.left_by_status,
                 m.left_by_status == 1 ? "" : "s", m.statuses);
    store_report_summary_free(&m);
    return EXPORT_OK;
}

/* A JSON row: the row's object, after a separator. */
struct json_ctx {
    FILE *out;
    bool single;
    int n;
};

static int json_row(void *arg, const struct store_report_cell *c,
                    const char *row)
{
    struct json_ctx *x = arg;
    if (!x->single)
        fputs(x->n++ ? ",\n" : "\n", x->out);
    /* SQLite copies bad bytes and C1 controls as they are */
    text_safe_write(x->out, row, row ? strlen(row) : 0, TEXT_SAFE_BREAKS);
    return 0;
}

/* "key": the table's JSON objects, as an array (or the one object of
 * the summary). */
static int json_table(struct store_report *q, const struct rp_table *t,
                      FILE *out, char **err)
{
    struct json_ctx x = {out, strcmp(t->key, "summary") == 0, 0};
    fprintf(out, ",\n\"%s\":%s", t->key, x.single ? "" : "[");
    int rc = store_report_rows(q, t->key, t->cols, t->ncols, json_row, &x, err);
    if (!x.single)
        fputs(x.n ? "\n]" : "]", out);
    return rc;
}

static int write_json(struct store_report *q, const char *by, FILE *out,
                      char **err)
{
    /* the time is pbl's own ISO text */
    fprintf(out,
            "{\"format\":\"pbl-skill-report\",\"version\":1,"
            "\"generated_at\":\"%s\"",
            store_report_now(q));
    int rc = EXPORT_OK;
    for (int i = 0; rc == EXPORT_OK && i < rp_ntables; i++)
        if (rp_shown(&rp_tables[i], by))
            rc = json_table(q, &rp_tables[i], out, err);
    if (rc == EXPORT_OK)
        fputs("}\n", out);
    return rc;
}

struct run_ctx {
    struct pbl_store *st;
    const struct report_opts *o;
};

/* Ends the report's query, saying how many identifiers it masked. */
static void close_report(const struct run_ctx *c, struct store_report *q)
{
    if (c->o->masked)
        *c->o->masked = store_report_masked(q);
    store_report_close(q);
}

/* --resident NAME -f html: the resident's summary, against the cohort
 * (the same selection without --resident), by month unless --by. */
static int run_resident(const struct run_ctx *c, FILE *out, char **err)
{
    struct export_selection cohort = c->o->sel;
    cohort.residents = NULL;
    cohort.nresidents = 0;
    struct store_report_how how = {c->o->by ? c->o->by : "month", c->o->utc};
    struct store_report *q;
    int rc = store_report_open(c->st, &cohort, &how, &q, err);
    if (rc == EXPORT_OK) {
        rc = rp_write_resident(q, c->o->sel.residents[0], out, err);
        close_report(c, q);
    }
    return rc;
}

static int run(void *arg, FILE *out, char **err)
{
    const struct run_ctx *c = arg;
    struct store_report *q;
    struct store_report_how how = {c->o->by, c->o->utc};
    if (c->o->format == REPORT_HTML && c->o->sel.nresidents == 1)
        return run_resident(c, out, err);
    int rc = store_report_open(c->st, &c->o->sel, &how, &q, err);
    if (rc != EXPORT_OK)
        return rc;
    char line[256], left[256];
    if (c->o->format == REPORT_JSON) {
        rc = write_json(q, c->o->by, out, err);
    } else if (c->o->format == REPORT_XLSX) {
        rc = rp_write_xlsx(q, c->o->by, out, err);
    } else if (c->o->format == REPORT_CSV) {
        rc = rp_write_csv(q, c->o, out, err);
    } else if ((rc = rp_headline(q, line, sizeof line, left, sizeof left,
                                 err)) == EXPORT_OK) {
        bool md = c->o->format == REPORT_MD;
        if (c->o->format == REPORT_HTML) {
            rc = rp_write_html(q, c->o->by, line, left, out, err);
            close_report(c, q);
            return rc;
        }
        /* the dates in it are the database's text */
        fputs(md ? "# Skill report\n\n" : "Skill report: ", out);
        if (md)
            md_write_inline(out, line);
        else
            text_safe_write(out, line, strlen(line), 0);
        fputs(md ? ".\n" : "\n", out);
        if (left[0]) { /* pbl's own words and numbers */
            fputs(md ? "\nLeft out: " : "Left out: ", out);
            fputs(left, out);
            fputs(md ? ".\n" : "\n", out);
        }
        for (int i = 1; rc == EXPORT_OK && i < rp_ntables; i++) {
            struct rp_table t = rp_table_by(i, c->o->by);
            if (rp_shown(&t, c->o->by))
                rc = md ? rp_md_table(q, &t, out, err)
                        : rp_text_table(q, &t, out, err);
        }
    }
    close_report(c, q);
    return rc;
}

int report_write(struct pbl_store *st, const struct report_opts *o, FILE *out,
                 char **err)
{
    struct run_ctx c = {st, o};
    return export_write_stream(out, run, &c, "report", err);
}

int report_to_file(struct pbl_store *st, const struct report_opts *o,
                   const char *path, char **err)
{
    struct run_ctx c = {st, o};
    if (err)
        *err = NULL;
    return export_write_atomic(path, run, &c, err);
}
