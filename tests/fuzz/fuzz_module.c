/* fuzz_module.c - the module loader fed from memory: module_parse() and
 * vocabulary_parse() on any bytes.
 *
 * The input is given exactly as it comes, without a terminating NUL, as
 * module_parse()'s (buf, len) contract allows. Properties: a module comes
 * back exactly when no problem was reported; every problem names the
 * label and a plausible place, on one line without control characters
 * (it quotes the file, and goes to a terminal); a module that loads has
 * no control character in its text (it is printed to terminals) and has
 * what schema 1
 * requires (a valid id, a title, a version >= 1, a scenario, at least one
 * question, each with a prompt and an answer, skills within the five) and
 * keeps the source bytes it was parsed from.
 *
 * Seeds: modules/ and tests/fixtures/good, tests/fixtures/bad. */
#include <string.h>

#include "fuzz.h"
#include "pbl/module.h"

static void check_diags(const struct pbl_diags *d, size_t size)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct pbl_diag *g = &d->v[i];
        CHECK(g->file && strcmp(g->file, "fuzz.yaml") == 0, "label %s",
              g->file ? g->file : "(null)");
        CHECK(g->msg && g->msg[0], "an empty message");
        for (const char *p = g->msg; *p; p++) {
            CHECK((unsigned char)*p >= 0x20 && *p != 0x7F,
                  "a control character (0x%02x) in a message: %s",
                  (unsigned char)*p, g->msg);
            /* nor a C1 control (U+0080..U+009F; U+009B is CSI) */
            CHECK(!((unsigned char)p[0] == 0xC2 &&
                    (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9F),
                  "a C1 control (U+%04X) in a message: %s",
                  (unsigned)(unsigned char)p[1], g->msg);
        }
        CHECK(g->line >= 0 && (size_t)g->line <= size + 1,
              "line %d of a %zu-byte input", g->line, size);
        CHECK(g->col >= 0 && (size_t)g->col <= size + 1,
              "column %d of a %zu-byte input", g->col, size);
    }
}

/* A text field holds no C0 control but '\n' and '\t', no DEL and no C1
 * control (U+0080..U+009F). */
static void check_text(const char *what, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        CHECK(*p >= 0x20 || *p == '\n' || *p == '\t',
              "control character 0x%02x in the %s", *p, what);
        CHECK(*p != 0x7F, "DEL in the %s", what);
        CHECK(!(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F),
              "C1 control U+%04X in the %s", p[1], what);
    }
}

static void check_strv(const char *what, const struct pbl_strv *v)
{
    for (size_t i = 0; i < v->n; i++)
        check_text(what, v->v[i]);
}

static void check_module(const struct pbl_module *m, const uint8_t *data,
                         size_t size)
{
    size_t idlen = strlen(m->id);
    CHECK(idlen >= 1 && idlen <= 64 &&
              strspn(m->id, "abcdefghijklmnopqrstuvwxyz0123456789-") == idlen,
          "id '%s'", m->id);
    CHECK(m->title && m->scenario, "a module without title or scenario");
    CHECK(m->version >= 1, "version %d", m->version);
    CHECK(m->nquestions >= 1 && m->questions, "no questions");
    CHECK((m->skills & ~(unsigned)SKILL_ALL) == 0, "skills %#x", m->skills);
    for (size_t i = 0; i < m->nquestions; i++) {
        const struct pbl_question *q = &m->questions[i];
        CHECK(q->prompt && q->answer, "question %zu incomplete", i + 1);
        CHECK(q->kind <= QKIND_TEXT, "kind %d", (int)q->kind);
        CHECK(q->minutes >= 0 && q->minutes <= 600, "minutes %d", q->minutes);
        for (size_t k = 0; k < q->points.n; k++)
            CHECK(q->points.v[k] != NULL, "point %zu is NULL", k);
    }
    CHECK(m->video.url == NULL || strncmp(m->video.url, "http", 4) == 0,
          "video url %s", m->video.url);
    CHECK(m->source && memcmp(m->source, data, size) == 0 &&
              m->source[size] == '\0',
          "the source text differs from the input");
    char hash[32];
    module_hash(m, hash);
    CHECK(strncmp(hash, "fnv1a64:", 8) == 0 && strlen(hash) == 24, "hash %s",
          hash);
    /* no control character in any text of a loaded module: `pbl list`
     * and `pbl show` print them to a terminal */
    check_text("title", m->title);
    check_text("summary", m->summary);
    check_text("level", m->level);
    check_text("scenario", m->scenario);
    check_text("video url", m->video.url);
    check_text("video title", m->video.title);
    check_strv("tags", &m->tags);
    check_strv("customers", &m->customers);
    for (size_t i = 0; i < m->nquestions; i++) {
        check_text("prompt", m->questions[i].prompt);
        check_text("answer", m->questions[i].answer);
        check_text("notes", m->questions[i].notes);
        check_strv("points", &m->questions[i].points);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy, so that ASan sees a read past the end */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    struct pbl_diags d = {0};
    struct pbl_module *m = module_parse("fuzz.yaml", buf, size, &d);
    CHECK((m != NULL) == (d.n == 0), "module %p with %zu problems", (void *)m,
          d.n);
    check_diags(&d, size);
    if (m)
        check_module(m, data, size);
    module_free(m);
    diags_free(&d);

    struct pbl_vocabulary v;
    struct pbl_diags dv = {0};
    int rc = vocabulary_parse("fuzz.yaml", buf, size, &v, &dv);
    CHECK((rc == 0) == (dv.n == 0), "vocabulary rc %d with %zu problems", rc,
          dv.n);
    check_diags(&dv, size);
    if (rc == 0)
        vocabulary_free(&v);
    diags_free(&dv);
    free(buf);
    return 0;
}
