/* module.c - reads one scenario module (schema 1) into a struct pbl_module.
 *
 * Parsing and checking are separate: yaml_tree builds a positioned tree
 * (refusing hostile structure), then this file checks it against the schema,
 * reporting every problem at the offending key or value. */
#include "pbl/module.h"

#include <stdlib.h>
#include <string.h>

#include "pbl/fileio.h"
#include "pbl/schema.h"
#include "pbl/yaml_tree.h"
#include "module_impl.h"

/* Each row's key and bit follow from its place in PBL_SKILLS. */
#define CHECK_SKILL_ROW(id, name, key, bit)                                    \
    _Static_assert(SKILL_##id == (key)-1 && SKILL_BIT(SKILL_##id) == (bit),    \
                   #name ": key or bit out of place");
PBL_SKILLS(CHECK_SKILL_ROW)
#undef CHECK_SKILL_ROW

#define SKILL_NAME(id, name, key, bit) #name,
static const char *const skill_names[SKILL_COUNT] = {PBL_SKILLS(SKILL_NAME)};
#undef SKILL_NAME

const char *skill_name(enum pbl_skill s)
{
    return (unsigned)s < SKILL_COUNT ? skill_names[s] : "?";
}

int skill_from_name(const char *s)
{
    for (int i = 0; i < SKILL_COUNT; i++)
        if (strcmp(s, skill_names[i]) == 0)
            return i;
    return -1;
}

static const char *const kind_names[] = {"customers", "skills", "text"};

const char *question_kind_name(enum pbl_question_kind k)
{
    return (unsigned)k <= QKIND_TEXT ? kind_names[k] : "?";
}

static void strv_free(struct pbl_strv *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
}

/* Frees the module's content: its text, questions and source. */
static void free_content(struct pbl_module *m)
{
    module_free_keys(m);
    free(m->title);
    free(m->summary);
    free(m->level);
    strv_free(&m->tags);
    strv_free(&m->customers);
    free(m->scenario);
    free(m->video.url);
    free(m->video.title);
    free(m->video.file);
    free(m->origin);
    for (size_t i = 0; i < m->nquestions; i++) {
        struct pbl_question *q = &m->questions[i];
        free(q->prompt);
        free(q->answer);
        free(q->notes);
        strv_free(&q->points);
    }
    free(m->questions);
    free(m->source);
}

void module_free(struct pbl_module *m)
{
    if (!m)
        return;
    free_content(m);
    free(m->path);
    free(m->id);
    free(m);
}

void module_keep_identity(struct pbl_module *m)
{
    free_content(m);
    *m = (struct pbl_module){.path = m->path,
                             .id = m->id,
                             .id_line = m->id_line,
                             .id_col = m->id_col,
                             .focus = -1};
}

/* FNV-1a over the file's bytes: enough to tell versions of a text apart
 * in a snapshot; not a security measure. */
void module_hash(const struct pbl_module *m, char out[32])
{
    if (m->hash[0]) {
        memcpy(out, m->hash, sizeof m->hash);
        return;
    }
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; m->source && i < m->source_len; i++) {
        h ^= (unsigned char)m->source[i];
        h *= 1099511628211ULL;
    }
    snprintf(out, 32, "fnv1a64:%016llx", (unsigned long long)h);
}

const char *module_id_problem(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 ||
        strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") != n)
        return "must be 1 to 64 of a-z, 0-9 and '-'";
    if (s[0] == '-')
        return "must start with a-z or 0-9";
    return NULL;
}

/* A list of skill names becomes a bit set; unknown names are errors. */
static void read_skills(struct schema_ctx *c, const struct ynode *n,
                        unsigned *out)
{
    if (!n || schema_is_null(n))
        return;
    if (n->type != YNODE_SEQ) {
        schema_error(c, n,
                     "'skills' must be a list, like [reliability, empathy]");
        return;
    }
    for (size_t i = 0; i < n->n; i++) {
        const struct ynode *s = n->kids[i];
        int k = s->type == YNODE_SCALAR ? skill_from_name(s->str) : -1;
        if (k < 0)
            schema_error(c, s, "unknown skill '%s'; the skills are %s",
                         s->type == YNODE_SCALAR ? s->str : "(not text)",
                         PBL_SKILL_NAMES_TEXT);
        else if (*out & SKILL_BIT(k))
            schema_error(c, s, "skill '%s' is listed twice", s->str);
        else
            *out |= SKILL_BIT(k);
    }
}

static void read_video(struct schema_ctx *c, const struct ynode *n,
                       struct pbl_video *v)
{
    static const char *const keys[] = {"*url", "title", "minutes", "file"};
    const struct ynode *val[4];
    if (!n || schema_is_null(n) || schema_collect(c, n, "video", keys, 4, val))
        return;
    schema_text(c, "url", val[0], &v->url);
    if (v->url && strncmp(v->url, "https://", 8) != 0 &&
        strncmp(v->url, "http://", 7) != 0)
        schema_error(c, val[0],
                     "video url must start with https:// or http://");
    schema_text(c, "title", val[1], &v->title);
    long minutes = 0;
    schema_int(c, "minutes", val[2], 0, 600, &minutes);
    v->minutes = (int)minutes;
    schema_text(c, "file", val[3], &v->file);
    const char *bad = v->file ? module_video_file_problem(v->file) : NULL;
    if (bad)
        schema_error(c, val[3], "video file '%s' %s", v->file, bad);
    if (val[3])
        v->file_line = val[3]->line, v->file_col = val[3]->col;
}

static void read_question(struct schema_ctx *c, const struct ynode *n,
                          struct pbl_question *q)
{
    static const char *const keys[] = {"*prompt",     "kind",   "minutes",
                                       "*answer",     "points", "notes",
                                       "judge_skills"};
    const struct ynode *val[7];
    q->kind = QKIND_TEXT;
    if (schema_collect(c, n, "a question", keys, 7, val))
        return;
    schema_text(c, "prompt", val[0], &q->prompt);
    if (val[1] && !schema_is_null(val[1])) {
        const struct ynode *k = val[1];
        size_t i = 0;
        while (i < 3 &&
               !(k->type == YNODE_SCALAR && strcmp(k->str, kind_names[i]) == 0))
            i++;
        if (i == 3)
            schema_error(
                c, k,
                "unknown question kind '%s'; use customers, skills or text",
                k->type == YNODE_SCALAR ? k->str : "(not text)");
        else
            q->kind = (enum pbl_question_kind)i;
    }
    long minutes = 0;
    schema_int(c, "minutes", val[2], 0, 600, &minutes);
    q->minutes = (int)minutes;
    schema_text(c, "answer", val[3], &q->answer);
    schema_strv(c, "points", val[4], &q->points);
    schema_text(c, "notes", val[5], &q->notes);
    schema_bool(c, "judge_skills", val[6], &q->judge_skills);
}

int module_scenario_plan(const struct pbl_module *m)
{
    return m->scenario_minutes > 0 ? m->scenario_minutes
                                   : MODULE_DEFAULT_SCENARIO_MINUTES;
}

int module_video_plan(const struct pbl_module *m)
{
    if (!m->video.url)
        return 0;
    return m->video.minutes > 0 ? m->video.minutes
                                : MODULE_DEFAULT_VIDEO_MINUTES;
}

int module_question_plan(const struct pbl_question *q)
{
    return q->minutes > 0 ? q->minutes : MODULE_DEFAULT_QUESTION_MINUTES;
}

int module_planned_minutes(const struct pbl_module *m)
{
    int total = module_scenario_plan(m) + module_video_plan(m);
    for (size_t i = 0; i < m->nquestions; i++)
        total += module_question_plan(&m->questions[i]);
    return total;
}

bool question_judges_skills(const struct pbl_question *q)
{
    return q && (q->kind == QKIND_SKILLS || q->judge_skills);
}

static void read_questions(struct schema_ctx *c, const struct ynode *n,
                           struct pbl_module *m)
{
    if (!n || schema_is_null(n))
        return; /* reported as missing by schema_collect */
    if (n->type != YNODE_SEQ) {
        schema_error(c, n, "'questions' must be a list of questions");
        return;
    }
    if (n->n == 0) {
        schema_error(
            c, n, "'questions' is empty; a module needs at least one question");
        return;
    }
    m->questions = calloc(n->n, sizeof *m->questions);
    if (!m->questions) {
        schema_error(c, n, "out of memory");
        return;
    }
    m->nquestions = n->n;
    for (size_t i = 0; i < n->n; i++)
        read_question(c, n->kids[i], &m->questions[i]);
}

enum {
    K_SCHEMA,
    K_ID,
    K_TITLE,
    K_VERSION,
    K_SUMMARY,
    K_LEVEL,
    K_TAGS,
    K_CUSTOMERS,
    K_SKILLS,
    K_SCENARIO,
    K_VIDEO,
    K_QUESTIONS,
    K_FOCUS,
    K_OBJECTIVES,
    K_MILESTONES,
    K_PREWORK,
    K_ROLES,
    K_SCENARIO_MINUTES,
    K_COUNT
};
static const char *const module_keys[K_COUNT] = {
    "*schema", "*id",        "*title",          "*version",   "summary",
    "level",   "tags",       "customers",       "skills",     "*scenario",
    "video",   "*questions", "focus",           "objectives", "milestones",
    "prework", "roles",      "scenario_minutes"};

/* Checks the whole tree; every problem goes to c. */
static void read_module(struct schema_ctx *c, const struct ynode *root,
                        struct pbl_module *m)
{
    const struct ynode *val[K_COUNT];
    m->focus = -1;
    if (schema_collect(c, root, "a module", module_keys, K_COUNT, val))
        return;
    long schema = 0, version = 0;
    if (val[K_SCHEMA] &&
        schema_int(c, "schema", val[K_SCHEMA], 0, 1L << 30, &schema) == 0 &&
        schema != 1 && !schema_is_null(val[K_SCHEMA]))
        schema_error(c, val[K_SCHEMA],
                     "schema %ld is not supported; this pbl reads schema 1",
                     schema);
    schema_text(c, "id", val[K_ID], &m->id);
    if (val[K_ID])
        m->id_line = val[K_ID]->line, m->id_col = val[K_ID]->col;
    const char *bad_id = m->id ? module_id_problem(m->id) : NULL;
    if (bad_id)
        schema_error(c, val[K_ID], "id '%s' %s", m->id, bad_id);
    schema_text(c, "title", val[K_TITLE], &m->title);
    schema_int(c, "version", val[K_VERSION], 1, 1L << 30, &version);
    m->version = (int)version;
    schema_text(c, "summary", val[K_SUMMARY], &m->summary);
    schema_text(c, "level", val[K_LEVEL], &m->level);
    schema_strv(c, "tags", val[K_TAGS], &m->tags);
    module_read_customers(c, val[K_CUSTOMERS], m);
    read_skills(c, val[K_SKILLS], &m->skills);
    module_read_focus(c, val[K_FOCUS], m);
    schema_strv(c, "objectives", val[K_OBJECTIVES], &m->objectives);
    module_read_milestones(c, val[K_MILESTONES], m);
    schema_text(c, "prework", val[K_PREWORK], &m->prework);
    module_read_roles(c, val[K_ROLES], m);
    schema_text(c, "scenario", val[K_SCENARIO], &m->scenario);
    long scenario_minutes = 0;
    schema_int(c, "scenario_minutes", val[K_SCENARIO_MINUTES], 1, 600,
               &scenario_minutes);
    m->scenario_minutes = (int)scenario_minutes;
    read_video(c, val[K_VIDEO], &m->video);
    read_questions(c, val[K_QUESTIONS], m);
}

/* Parses buf, which the module takes over as its source when `owned` (it
 * must then be malloc'd with a NUL at buf[len]); otherwise the source is
 * copied. */
static struct pbl_module *parse_module(const char *label, char *buf, size_t len,
                                       int owned, struct pbl_diags *d)
{
    struct schema_ctx c = {label, d, 0};
    size_t blank = 0; /* buf need not end in a NUL: never read past len */
    while (blank < len && strchr(" \t\r\n", buf[blank]) && buf[blank])
        blank++;
    struct ytree *t = NULL;
    struct pbl_module *m = NULL;
    if (blank == len)
        schema_error(&c, NULL,
                     "empty file; a module needs at least schema, "
                     "id, title, version, scenario and questions");
    else
        t = ytree_parse(label, buf, len, MODULE_MAX_DEPTH, d);
    const struct ynode *root = t ? ytree_root(t) : NULL;
    if (!t) {
        /* reported */
    } else if (!(m = calloc(1, sizeof *m))) {
        schema_error(&c, NULL, "out of memory");
    } else if (!root) {
        schema_error(&c, NULL, "empty document");
    } else {
        read_module(&c, root, m);
        m->path = strdup(label);
        m->source = owned ? buf : malloc(len + 1);
        m->source_len = len;
        if (m->source && !owned) {
            memcpy(m->source, buf, len);
            m->source[len] = '\0';
        }
        owned = 0;
        if (!m->path || !m->source)
            schema_error(&c, NULL, "out of memory");
    }
    ytree_free(t);
    if (owned)
        free(buf);
    if (c.errors) {
        module_free(m);
        return NULL;
    }
    return m;
}

struct pbl_module *module_parse(const char *label, const char *buf, size_t len,
                                struct pbl_diags *d)
{
    return parse_module(label, (char *)buf, len, 0, d);
}

struct pbl_module *module_load_file(const char *path, struct pbl_diags *d)
{
    size_t len = 0;
    char *buf = read_small_file(path, MODULE_MAX_BYTES, &len, d);
    return buf ? parse_module(path, buf, len, 1, d) : NULL;
}
