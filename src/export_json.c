/* export_json.c - the complete record for other programs, written from
 * the JSON objects the store's walk builds (store_walk.h, walk_visitor
 * .json; SQLite escapes every string, valid for any UTF-8 text):
 *
 *   {"format": "pbl-export", "version": 1, "exported_at": "...",
 *    "sessions": [
 *      {"uuid": ..., "kind": ..., ..., "parking_lot": [...],
 *       "review_comments": [...], "modules": [
 *         {"number": 1, "id": ..., ..., "questions": [
 *           {"number": 1, "prompt": ..., "answer": ..., ...}, ...]},
 *         ...]},
 *      ...]}
 *
 * Streamed: SQLite makes one object per session (without its modules),
 * one per module (without its questions) and one per question, written
 * one at a time, so memory holds one question at most. An object is
 * opened by writing SQLite's text without its closing brace, then the
 * member that holds its parts, then the brace.
 *
 * SQLite copies a string's bytes as they are, so its text goes out
 * through text_safe_write(): invalid UTF-8 (which would make the whole
 * file unreadable to a JSON parser) and C1 controls become U+FFFD, bidi
 * controls are dropped; C0 controls SQLite has escaped already. */
#include <string.h>

#include "export_impl.h"
#include "pbl/text.h"

/* Where the writer is: how many items the open lists hold. */
struct json {
    FILE *out;
    long nsessions, nmodules, nquestions;
};

/* Writes a JSON object without its closing brace, and a comma when it
 * has members, so that more members can follow. */
static void open_object(FILE *out, const char *obj)
{
    size_t n = obj ? strlen(obj) : 0;
    if (n < 2 || obj[n - 1] != '}') {
        fputs("{", out);
        return;
    }
    text_safe_write(out, obj, n - 1, TEXT_SAFE_BREAKS);
    if (n > 2)
        putc(',', out);
}

/* The separator before an item of a list: a newline, after a comma
 * from the second on. */
static void next_item(FILE *out, long *n)
{
    fputs((*n)++ ? ",\n" : "\n", out);
}

static void json_begin(void *ctx, const struct walk_doc *d)
{
    struct json *c = ctx;
    open_object(c->out, d->json);
    fputs("\"sessions\":[", c->out);
}

static void json_session(void *ctx, const struct walk_session *s)
{
    struct json *c = ctx;
    next_item(c->out, &c->nsessions);
    open_object(c->out, s->json);
    fputs("\"modules\":[", c->out);
    c->nmodules = 0;
}

static void json_module(void *ctx, const struct walk_session *s,
                        const struct walk_module *m)
{
    struct json *c = ctx;
    next_item(c->out, &c->nmodules);
    open_object(c->out, m->json);
    fputs("\"questions\":[", c->out);
    c->nquestions = 0;
    (void)s;
}

static void json_question(void *ctx, const struct walk_session *s,
                          const struct walk_module *m,
                          const struct walk_question *q)
{
    struct json *c = ctx;
    next_item(c->out, &c->nquestions);
    text_safe_write(c->out, q->json, q->json ? strlen(q->json) : 0,
                    TEXT_SAFE_BREAKS);
    (void)s;
    (void)m;
}

/* Closes a module's questions and object, or a session's modules and
 * object. */
static void json_close_module(void *ctx, const struct walk_module *m)
{
    struct json *c = ctx;
    fputs("]}", c->out);
    (void)m;
}

static void json_close_session(void *ctx, const struct walk_session *s)
{
    struct json *c = ctx;
    fputs("]}", c->out);
    (void)s;
}

static void json_end(void *ctx, const struct walk_doc *d)
{
    struct json *c = ctx;
    fputs("\n]}\n", c->out);
    (void)d;
}

static const struct walk_visitor json_visitor = {
    .json = true,
    .begin = json_begin,
    .session = json_session,
    .module = json_module,
    .question = json_question,
    .module_end = json_close_module,
    .session_end = json_close_session,
    .end = json_end,
};

int ex_write_json(struct pbl_store *st, const struct store_selection *sel,
                  FILE *out, char **err)
{
    struct json c = {out, 0, 0, 0};
    return store_walk(st, sel, &json_visitor, &c, err);
}
