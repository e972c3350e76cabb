/* report_resident.c - `pbl report --resident NAME -f html`: one resident's
 * summary for the Clinical Competency Committee, one or two printed
 * pages: their module discussions (group sessions whose participants name
 * them, and self-study), the skills they named when targeted against the
 * cohort (the whole selection but --resident), the evidence per milestone,
 * their trend over the year, and their self-study's ratings and give-ups.
 * Charts as in report_html.c, with the numbers in tables beside them. */
#include <string.h>

#include "pbl/module.h"
#include "report_impl.h"

/* One skill's counts: the discussions where it was a target, and named
 * there. */
struct pair {
    long long target, named;
};

struct skills_ctx {
    struct pair v[SKILL_COUNT];
    int n;
};

static int skill_row(void *arg, const struct store_report_cell *c,
                     const char *json)
{
    struct skills_ctx *x = arg;
    if (x->n < SKILL_COUNT) {
        x->v[x->n].target = c[0].num;
        x->v[x->n].named = c[0].num - c[1].num;
        x->n++;
    }
    return 0;
}

static int read_skills(struct store_report *q, struct skills_ctx *x, char **err)
{
    static const char *const cols[] = {"target", "missed"};
    memset(x, 0, sizeof *x);
    return store_report_rows(q, "skills", cols, 2, skill_row, x, err);
}

static int pct(struct pair p)
{
    return p.target ? (int)((200 * p.named + p.target) / (2 * p.target)) : -1;
}

/* Per skill: the resident's rate (solid) over the cohort's (hatched);
 * then the same numbers as a table. */
static void skills_vs_cohort(FILE *out, const struct skills_ctx *me,
                             const struct skills_ctx *all)
{
    const int x0 = 90, w = 200, row = 30;
    fputs("<div class=\"pair\">\n<figure>\n", out);
    rp_svg_open(out, x0 + w + 50, 30 + SKILL_COUNT * row,
                "Skills named when targeted, resident against cohort");
    int y = 4;
    for (int k = 0; k < SKILL_COUNT; k++, y += row) {
        int a = pct(me->v[k]), b = pct(all->v[k]);
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                x0 - 6, y + 14, skill_name((enum pbl_skill)k));
        if (a >= 0)
            fprintf(out,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"11\" "
                    "fill=\"#404040\"/><text x=\"%d\" y=\"%d\">%d%%</text>\n",
                    x0, y, a * w / 100, x0 + a * w / 100 + 4, y + 9, a);
        if (b >= 0)
            fprintf(out,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"11\" "
                    "fill=\"url(#hatch)\" stroke=\"#555\"/>"
                    "<text x=\"%d\" y=\"%d\">%d%%</text>\n",
                    x0, y + 13, b * w / 100, x0 + b * w / 100 + 4, y + 22, b);
    }
    rp_svg_legend(out, x0, y + 2, "resident", "cohort");
    fputs("</svg>\n", out);
    fputs("<figcaption>Named when the skill was a target: the resident "
          "(solid) and the cohort (hatched).</figcaption>\n</figure>\n"
          "<table class=\"data\">\n<thead><tr><th scope=\"col\">skill</th>"
          "<th scope=\"col\" class=\"num\">target</th>"
          "<th scope=\"col\" class=\"num\">named</th>"
          "<th scope=\"col\" class=\"num\">resident %</th>"
          "<th scope=\"col\" class=\"num\">cohort %</th></tr></thead>\n"
          "<tbody>\n",
          out);
    for (int k = 0; k < SKILL_COUNT; k++) {
        int a = pct(me->v[k]), b = pct(all->v[k]);
        fprintf(out,
                "<tr><td>%s</td><td class=\"num\">%lld</td>"
                "<td class=\"num\">%lld</td>",
                skill_name((enum pbl_skill)k), me->v[k].target, me->v[k].named);
        if (a >= 0)
            fprintf(out, "<td class=\"num\">%d%%</td>", a);
        else
            fputs("<td class=\"num\">-</td>", out);
        if (b >= 0)
            fprintf(out, "<td class=\"num\">%d%%</td></tr>\n", b);
        else
            fputs("<td class=\"num\">-</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</div>\n", out);
}

/* The table named `key` (of rp_tables), as a section, narrowed to the
 * resident. */
static int part(struct store_report *q, const char *key, const char *title,
                bool chart, FILE *out, char **err)
{
    for (int i = 0; i < rp_ntables; i++)
        if (strcmp(rp_tables[i].key, key) == 0)
            return rp_write_part(q, &rp_tables[i], title, chart, out, err);
    return EXPORT_OK;
}

/* The review comments on the resident's sessions: in the summary only. */
static const struct rp_table comments = {
    "comments",
    "Comments",
    5,
    {"day", "kind", "name", "session", "comment"},
    {RP_DATE, RP_TEXT, RP_TEXT, RP_TEXT, RP_TEXT},
    0,
    false};

static int count_row(void *arg, const struct store_report_cell *c,
                     const char *json)
{
    ++*(int *)arg;
    return 0;
}

int rp_write_resident(struct store_report *q, const char *name, FILE *out,
                      char **err)
{
    static const char *const cols[] = {"resident"};
    struct skills_ctx all, me;
    int rows = 0;
    int rc = read_skills(q, &all, err);
    store_report_set_who(q, name);
    if (rc == EXPORT_OK)
        rc = store_report_rows(q, "residents", cols, 1, count_row, &rows, err);
    if (rc == EXPORT_OK && rows == 0)
        rc = ex_fail(err, EXPORT_EMPTY,
                     "no module discussion names the resident '%s' (a "
                     "self-study, or a group session's participants)",
                     name);
    if (rc == EXPORT_OK)
        rc = read_skills(q, &me, err);
    if (rc != EXPORT_OK)
        return rc;
    rp_html_head(out, "Resident summary");
    fputs("<header>\n<h1>Resident summary: ", out);
    html_write_escaped(out, name);
    fputs("</h1>\n<p class=\"lead\">Group sessions the resident attended "
          "(before the roster: whose participants name them), and the "
          "resident's self-study; the cohort is every module discussion of "
          "the same selection.</p>\n"
          "</header>\n",
          out);
    rc = part(q, "residents", "Discussions, modules and self-study", false, out,
              err);
    if (rc == EXPORT_OK) {
        fputs("<section>\n<h2>Skills named when targeted, against the "
              "cohort</h2>\n",
              out);
        skills_vs_cohort(out, &me, &all);
        fputs("</section>\n", out);
        rc = part(q, "milestones", "Evidence by milestone", false, out, err);
    }
    if (rc == EXPORT_OK)
        rc = part(q, "trend", "Over the year", true, out, err);
    if (rc == EXPORT_OK)
        rc = rp_write_part(q, &comments, "Review comments on their sessions",
                           false, out, err);
    if (rc == EXPORT_OK)
        fputs("</body>\n</html>\n", out);
    return rc;
}
