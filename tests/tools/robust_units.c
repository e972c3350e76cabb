/* robust_units.c - regression tests for findings of the fuzzers that are
 * best shown on the library's functions directly, for
 * tests/cli/robust_hostile.sh. Prints TAP; a test of a known bug that
 * awaits its fix is marked "# TODO".
 *
 *   robust_units
 *
 * Each test forks, so that a crash or a read past the end of a buffer is
 * a failing test and not the end of the run. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pbl/editor.h"
#include "pbl/module.h"
#include "pbl/text.h"

static int ntest;

/* Runs fn in a child; "ok" when it returns 0, "not ok" when it returns
 * non-zero or dies (the signal is shown). */
static void test(int (*fn)(void), const char *name, const char *todo)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn() ? 1 : 0);
    int st = 0;
    waitpid(pid, &st, 0);
    int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
    printf("%s %d - %s", ok ? "ok" : "not ok", ++ntest, name);
    if (WIFSIGNALED(st))
        printf(" (killed by signal %d)", WTERMSIG(st));
    if (todo)
        printf(" # TODO %s", todo);
    printf("\n");
    fflush(stdout);
}

/* n bytes of s placed so that the byte after them is the first byte of an
 * unreadable page: reading past the end is a SIGSEGV. */
static char *at_page_end(const char *s, size_t n)
{
    long page = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + page, (size_t)page, PROT_NONE) != 0)
        return NULL;
    char *b = p + page - n;
    memcpy(b, s, n);
    return b;
}

/* A regression (found by fuzz_module, fixed in 69282a6): module_parse()
 * checked for a blank input with strspn(), which read on past `len` while
 * the bytes were blanks. */
static int parse_stays_in_bounds(void)
{
    static const char *const inputs[] = {" ", "\n\n", " \t\r\n ", "a",
                                         "schema: 1"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        size_t n = strlen(inputs[i]);
        char *b = at_page_end(inputs[i], n);
        if (!b)
            return 1;
        struct pbl_diags d = {0};
        module_free(module_parse("x.yaml", b, n, &d));
        if (d.n == 0)
            return 1; /* none of these is a module */
        diags_free(&d);
    }
    return 0;
}

/* The same for the other readers of memory, which do stay in bounds. */
static int text_stays_in_bounds(void)
{
    static const char *const inputs[] = {"\xE6\x82", "a b c  ", "\xF0\x9F",
                                         "word\n", "\xCC\x81"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        size_t n = strlen(inputs[i]);
        char *b = at_page_end(inputs[i], n);
        if (!b)
            return 1;
        struct text_line *l;
        size_t nl = text_wrap(b, n, 3, &l);
        free(l);
        (void)nl;
        (void)text_width(b, n);
        uint32_t cp;
        (void)utf8_decode(b, n, &cp);
        struct pbl_editor *e = editor_new(b, n);
        if (!e)
            return 1;
        editor_insert(e, b, n);
        editor_free(e);
    }
    return 0;
}

/* Found by fuzz_editor: text.h said text_wrap() of nothing gave no line,
 * the code one empty line; text.h now says one empty line (as an editor
 * shows it), and so does the code. */
static int wrap_of_nothing(void)
{
    struct text_line *l = NULL;
    size_t n = text_wrap("", 0, 10, &l);
    int ok = n == 1 && l != NULL && l[0].start == 0 && l[0].len == 0;
    free(l);
    return !ok;
}

/* A regression (found by fuzz_text, fixed in 69282a6): a paragraph's
 * indentation wider than the width came out as a line of blanks wider than
 * the width. */
static int wrap_indent_within_width(void)
{
    static const char s[] = "      indented text";
    for (int w = 1; w < 8; w++) {
        struct text_line *l;
        size_t n = text_wrap(s, sizeof s - 1, w, &l);
        for (size_t i = 0; i < n; i++)
            if (text_width(s + l[i].start, l[i].len) > w) {
                fprintf(stderr, "# width %d: line %zu is %d columns\n", w, i,
                        text_width(s + l[i].start, l[i].len));
                free(l);
                return 1;
            }
        free(l);
    }
    return 0;
}

/* The editor's layout stays the same as laid out from scratch, and no
 * display line is wider than the width, through a long seeded random
 * session of typing, moving and deleting (CJK, emoji, combining marks,
 * newlines) at widths from 1 to 40. */
static uint64_t seed = 42;
static unsigned rnd(unsigned n)
{
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(seed >> 33) % n;
}

static int editor_random_session(void)
{
    static const char *const bits[] = {
        "a",         "word ",    " ", "\n", "患者", "😀",
        "e\xCC\x81", "\xCC\x81", "—", "\t", "\xFF", "long-unbroken-word"};
    struct pbl_editor *e = editor_new(NULL, 0);
    int width = 20;
    editor_set_width(e, width);
    for (int i = 0; i < 20000; i++) {
        unsigned op = rnd(10);
        if (op < 5) {
            const char *b = bits[rnd(sizeof bits / sizeof *bits)];
            editor_insert(e, b, strlen(b));
        } else if (op == 5) {
            editor_backspace(e);
        } else if (op == 6) {
            editor_delete(e);
        } else if (op == 7) {
            editor_move(e, (enum editor_move)rnd(12));
        } else if (op == 8 && rnd(50) == 0) {
            width = 1 + (int)rnd(40);
            editor_set_width(e, width);
        } else {
            size_t len;
            editor_text(e, &len);
            editor_set_cursor(e, rnd((unsigned)len + 1));
        }
        if (i % 97 != 0)
            continue;
        size_t len;
        const char *s = editor_text(e, &len);
        struct pbl_editor *f = editor_new(s, len);
        editor_set_width(f, width);
        if (editor_nlines(f) != editor_nlines(e)) {
            fprintf(stderr, "# op %d: %zu lines, %zu from scratch\n", i,
                    editor_nlines(e), editor_nlines(f));
            return 1;
        }
        for (size_t k = 0; k < editor_nlines(e); k++) {
            struct text_line a = editor_line(e, k), b = editor_line(f, k);
            int w = text_width(s + a.start, a.len);
            if (a.start != b.start || a.len != b.len ||
                (w > width && width > 1)) {
                fprintf(stderr, "# op %d line %zu: [%zu,+%zu) %d cols\n", i, k,
                        a.start, a.len, w);
                return 1;
            }
        }
        editor_free(f);
        if (len > 3000)
            editor_set_text(e, "", 0);
    }
    editor_free(e);
    return 0;
}

int main(void)
{
    test(parse_stays_in_bounds,
         "module_parse reads no byte past len, even of an all-blank buffer",
         NULL);
    test(text_stays_in_bounds,
         ("text_wrap, text_width, utf8_decode and the editor read no byte "
          "past n"),
         NULL);
    test(wrap_of_nothing,
         "text_wrap of nothing is one empty line (as text.h says)", NULL);
    test(wrap_indent_within_width,
         "text_wrap keeps indentation within the width", NULL);
    test(editor_random_session,
         ("20,000 random edits: the layout is always the one made from "
          "scratch, no line wider than the width"),
         NULL);
    return 0;
}
