/* test_editor.c - the answer editor: typing, deleting, moving, wrapping,
 * and the incremental layout against a fresh text_wrap() of the same text.
 *
 * This file compiles src/editor.c itself, and src/util.c whose util_grow()
 * the editor grows its arrays with, with malloc, calloc and realloc
 * replaced by versions that can be told to fail, so that the tests can
 * check that running out of memory at any point leaves the text and the
 * layout intact. (The linker then takes no editor.o or util.o from
 * libpbl.a.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "pbl/editor.h"
#include "pbl/text.h"

/* Allocations left before they fail; -1 for no limit. */
static long alloc_budget = -1;

static int alloc_allowed(void)
{
    if (alloc_budget == 0)
        return 0;
    if (alloc_budget > 0)
        alloc_budget--;
    return 1;
}

static void *fi_malloc(size_t n)
{
    return alloc_allowed() ? malloc(n) : NULL;
}

static void *fi_calloc(size_t n, size_t size)
{
    return alloc_allowed() ? calloc(n, size) : NULL;
}

static void *fi_realloc(void *p, size_t n)
{
    return alloc_allowed() ? realloc(p, n) : NULL;
}

#define malloc fi_malloc
#define calloc fi_calloc
#define realloc fi_realloc
#include "../../src/editor.c"
#include "../../src/util.c"
#undef malloc
#undef calloc
#undef realloc

/* ---- helpers ---- */

static struct pbl_editor *make(const char *s, int width)
{
    struct pbl_editor *e = editor_new(s, strlen(s));
    assert_non_null(e);
    assert_int_equal(editor_set_width(e, width), 0);
    return e;
}

static void type(struct pbl_editor *e, const char *s)
{
    assert_int_equal(editor_insert(e, s, strlen(s)), 0);
}

/* Types s one character (code point) at a time, as keys arrive. */
static void type_keys(struct pbl_editor *e, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        assert_int_equal(editor_insert(e, s + i, k), 0);
        i += k;
    }
}

/* The display lines joined with '|'. */
static char *joined(const struct pbl_editor *e)
{
    size_t len, n = editor_nlines(e);
    const char *t = editor_text(e, &len);
    char *out = malloc(len + n + 1), *o = out;
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        struct text_line l = editor_line(e, i);
        if (i)
            *o++ = '|';
        memcpy(o, t + l.start, l.len);
        o += l.len;
    }
    *o = '\0';
    return out;
}

#define assert_lines(e, expect)                                                \
    do {                                                                       \
        char *got_ = joined(e);                                                \
        assert_string_equal(got_, expect);                                     \
        free(got_);                                                            \
    } while (0)

#define assert_text(e, expect)                                                 \
    do {                                                                       \
        size_t n_;                                                             \
        const char *t_ = editor_text(e, &n_);                                  \
        assert_int_equal(n_, strlen(expect));                                  \
        assert_memory_equal(t_, expect, n_ + 1);                               \
    } while (0)

#define assert_rowcol(e, r, c)                                                 \
    do {                                                                       \
        size_t row_;                                                           \
        int col_;                                                              \
        editor_cursor_rowcol(e, &row_, &col_);                                 \
        assert_int_equal(row_, r);                                             \
        assert_int_equal(col_, c);                                             \
    } while (0)

/* The text is valid UTF-8 with no control character but '\n', and the
 * cursor is inside it, at the start of a character. */
static void check_text(const struct pbl_editor *e)
{
    size_t len, cur = editor_cursor(e);
    const char *t = editor_text(e, &len);
    assert_int_equal(t[len], '\0');
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = utf8_decode(t + i, len - i, &cp);
        if (cp == 0xFFFD)
            assert_memory_equal(t + i, "\xEF\xBF\xBD", 3);
        assert_true(cp == '\n' || (cp >= 0x20 && cp != 0x7F));
        assert_false(cp >= 0x80 && cp < 0xA0);
        i += k;
    }
    assert_true(cur <= len);
    assert_true(((unsigned char)t[cur] & 0xC0) != 0x80);
}

/* The editor's layout is exactly a fresh text_wrap() of its text: the same
 * line starts (plus an empty last line after a final '\n' or for no text),
 * each line running to the next line's start or its paragraph's end, with
 * the spaces past the width left out. (text_wrap() gives one empty line
 * for no text.) Also checks check_text() and that
 * the cursor's row holds the cursor. */
static void check_layout(const struct pbl_editor *e, int width)
{
    size_t len;
    const char *t = editor_text(e, &len);
    struct text_line *ref;
    size_t nref = text_wrap(t, len, width, &ref);
    size_t *starts = malloc((nref + 1) * sizeof *starts), n = nref;
    assert_non_null(starts);
    for (size_t i = 0; i < nref; i++)
        starts[i] = ref[i].start;
    if (len > 0 && t[len - 1] == '\n')
        starts[n++] = len;
    free(ref);
    if (width < 1)
        width = 1;

    assert_int_equal(editor_nlines(e), n);
    for (size_t i = 0; i < n; i++) {
        size_t s = starts[i], end = i + 1 < n ? starts[i + 1] : len;
        const char *nl = memchr(t + s, '\n', len - s);
        if (nl && (size_t)(nl - t) < end)
            end = (size_t)(nl - t);
        size_t text_end = end;
        while (text_end > s && t[text_end - 1] == ' ')
            text_end--;
        int w = text_width(t + s, text_end - s);
        size_t spaces = w >= width ? 0 : end - text_end;
        if (spaces > (size_t)(width - w))
            spaces = (size_t)(width - w);
        struct text_line l = editor_line(e, i);
        if (l.start != s || l.len != text_end + spaces - s)
            fail_msg("line %zu: got %zu+%zu, want %zu+%zu", i, l.start, l.len,
                     s, text_end + spaces - s);
    }
    check_text(e);

    size_t row, cur = editor_cursor(e);
    int col;
    editor_cursor_rowcol(e, &row, &col);
    assert_true(row < n);
    assert_true(starts[row] <= cur);
    assert_true(row + 1 == n || starts[row + 1] > cur);
    assert_true(col >= 0 && col <= width);
    free(starts);
}

static uint64_t rng_state;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static size_t rnd_below(size_t n)
{
    return (size_t)(rnd() % n);
}

/* ---- typing and deleting ---- */

static void typing_and_backspace_remove_whole_characters(void **state)
{
    struct pbl_editor *e = make("", 40);
    type_keys(e, "aé日本👍e\xcc\x81");
    assert_text(e, "aé日本👍e\xcc\x81");
    assert_int_equal(editor_cursor(e), strlen("aé日本👍e\xcc\x81"));
    assert_rowcol(e, 0, 9);
    editor_backspace(e); /* e and its combining accent together */
    assert_text(e, "aé日本👍");
    editor_backspace(e);
    assert_text(e, "aé日本");
    editor_backspace(e);
    assert_text(e, "aé日");
    editor_backspace(e);
    assert_text(e, "aé");
    editor_backspace(e);
    assert_text(e, "a");
    editor_backspace(e);
    assert_text(e, "");
    check_layout(e, 40);
    editor_free(e);
}

static void delete_removes_whole_characters(void **state)
{
    struct pbl_editor *e = make("é日👍e\xcc\x81x", 40);
    editor_set_cursor(e, 1); /* inside é: snaps to its start */
    assert_int_equal(editor_cursor(e), 0);
    editor_delete(e);
    assert_text(e, "日👍e\xcc\x81x");
    editor_delete(e);
    assert_text(e, "👍e\xcc\x81x");
    editor_delete(e);
    assert_text(e, "e\xcc\x81x");
    editor_set_cursor(e, 1); /* between e and its accent: snaps to e */
    assert_int_equal(editor_cursor(e), 0);
    editor_move(e, ED_RIGHT); /* over the whole character */
    assert_int_equal(editor_cursor(e), 3);
    editor_move(e, ED_LEFT);
    editor_delete(e);
    assert_text(e, "x");
    check_layout(e, 40);
    editor_free(e);
}

static void edges_are_no_ops(void **state)
{
    struct pbl_editor *e = make("abc", 40);
    unsigned long gen = editor_generation(e);
    editor_delete(e); /* at the end */
    assert_text(e, "abc");
    editor_move(e, ED_RIGHT);
    assert_int_equal(editor_cursor(e), 3);
    editor_move(e, ED_TEXT_START);
    editor_backspace(e); /* at the start */
    editor_move(e, ED_LEFT);
    assert_int_equal(editor_cursor(e), 0);
    assert_text(e, "abc");
    assert_int_equal(editor_generation(e), gen);
    editor_free(e);
}

static void invalid_bytes_become_replacement_characters(void **state)
{
    struct pbl_editor *e = make("", 40);
    type(e, "a\xff"
            "b\xe6\x97");
    assert_text(e, "a\xEF\xBF\xBD"
                   "b\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_int_equal(editor_set_text(e, "\xc0\xaf\xed\xa0\x80ok", 7), 0);
    assert_text(e, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF"
                   "\xBDok");
    check_layout(e, 40);
    editor_free(e);
}

static void controls_are_dropped_and_tabs_expanded(void **state)
{
    struct pbl_editor *e = make("", 40);
    type(e, "x\x01\x1b[31my\x7f\xc2\x9bz\tw");
    assert_text(e, "x[31myz    w");
    assert_int_equal(editor_insert(e, "a\0b", 3), 0);
    assert_text(e, "x[31myz    wab");
    check_layout(e, 40);
    editor_free(e);
}

static void crlf_paste_is_normalised(void **state)
{
    struct pbl_editor *e = make("", 40);
    type(e, "one\r\ntwo\rthree\n\r\n");
    assert_text(e, "one\ntwo\nthree\n\n");
    assert_lines(e, "one|two|three||");
    assert_rowcol(e, 4, 0);
    check_layout(e, 40);
    editor_free(e);
}

static void inserting_its_own_text_works(void **state)
{
    struct pbl_editor *e = make("abc def", 40);
    size_t n;
    type(e, " ");
    const char *t = editor_text(e, &n);
    assert_int_equal(editor_insert(e, t, n), 0);
    assert_text(e, "abc def abc def ");
    check_layout(e, 40);
    editor_free(e);
}

/* ---- wrapping and the cursor's place ---- */

static void wraps_words_at_width_10(void **state)
{
    struct pbl_editor *e = make("the quick brown fox jumps", 10);
    assert_lines(e, "the quick |brown fox |jumps");
    assert_int_equal(editor_nlines(e), 3);
    check_layout(e, 10);
    assert_int_equal(editor_set_text(e, "abcdefghijklmno", 15), 0);
    assert_lines(e, "abcdefghij|klmno");
    assert_int_equal(editor_set_text(e, "one\n\ntwo\n", 9), 0);
    assert_lines(e, "one||two|");
    assert_int_equal(editor_set_text(e, "", 0), 0);
    assert_int_equal(editor_nlines(e), 1);
    assert_lines(e, "");
    struct text_line l = editor_line(e, 5); /* out of range */
    assert_int_equal(l.start, 0);
    assert_int_equal(l.len, 0);
    editor_free(e);
}

static void spaces_past_the_width_are_not_drawn(void **state)
{
    struct pbl_editor *e = make("ab                    cd", 10);
    assert_lines(e, "ab        |cd");
    editor_set_cursor(e, 15); /* among the spaces: kept in the row */
    assert_rowcol(e, 0, 10);
    check_layout(e, 10);
    editor_free(e);
}

static void cursor_row_and_column_follow_typing(void **state)
{
    struct pbl_editor *e = make("", 10);
    type_keys(e, "the quick");
    assert_rowcol(e, 0, 9);
    type_keys(e, " "); /* a full row with no row after it */
    assert_rowcol(e, 0, 10);
    type_keys(e, "b"); /* the word goes down, the cursor with it */
    assert_lines(e, "the quick |b");
    assert_rowcol(e, 1, 1);
    type_keys(e, "rown");
    assert_rowcol(e, 1, 5);
    editor_set_cursor(e, 4);
    type_keys(e, "very ");
    assert_lines(e, "the very |quick |brown");
    assert_rowcol(e, 1, 0); /* at a soft break: the start of the next row */
    check_layout(e, 10);
    editor_free(e);
}

static void wide_characters_take_two_columns(void **state)
{
    struct pbl_editor *e = make("日本語日本語", 5);
    assert_lines(e, "日本|語日|本語");
    assert_rowcol(e, 2, 4);
    editor_set_cursor(e, 3);
    assert_rowcol(e, 0, 2);
    editor_set_cursor(e, 6);
    assert_rowcol(e, 1, 0);
    assert_int_equal(editor_set_width(e, 4), 0);
    editor_move(e, ED_TEXT_END);
    assert_rowcol(e, 2, 4); /* a full last row: column `width` */
    assert_int_equal(editor_set_width(e, 10), 0);
    assert_int_equal(editor_set_text(e, "", 0), 0);
    type(e, "👍 e\xcc\x81"
            "e\xcc\x81");
    assert_rowcol(e, 0, 5);
    assert_int_equal(editor_set_text(e, "abcdefghij", 10), 0);
    assert_rowcol(e, 0, 10);
    editor_free(e);
}

static void set_width_rewraps(void **state)
{
    struct pbl_editor *e = make("the quick brown fox jumps", 10);
    assert_lines(e, "the quick |brown fox |jumps");
    assert_int_equal(editor_set_width(e, 20), 0);
    assert_lines(e, "the quick brown fox |jumps");
    size_t work = editor_layout_work(e);
    assert_int_equal(editor_set_width(e, 20), 0);
    assert_int_equal(editor_layout_work(e), work); /* no change, no wrap */
    assert_int_equal(editor_set_width(e, 0), 0);   /* counts as 1 */
    check_layout(e, 1);
    assert_int_equal(editor_set_width(e, -5), 0);
    check_layout(e, 1);
    assert_int_equal(editor_set_width(e, 7), 0);
    check_layout(e, 7);
    editor_free(e);
}

/* ---- moving ---- */

static void up_down_keep_the_goal_column(void **state)
{
    /* "a long first line" is 17 bytes, "ab" starts at 18, the last at 21 */
    struct pbl_editor *e = make("a long first line\nab\nanother long line", 40);
    editor_set_cursor(e, 9);
    editor_move(e, ED_DOWN);
    assert_int_equal(editor_cursor(e), 20); /* the end of "ab" */
    editor_move(e, ED_DOWN);
    assert_int_equal(editor_cursor(e), 30); /* column 9 again */
    editor_move(e, ED_UP);
    assert_int_equal(editor_cursor(e), 20);
    editor_move(e, ED_UP);
    assert_int_equal(editor_cursor(e), 9);
    editor_move(e, ED_UP); /* the top row: to the start */
    assert_int_equal(editor_cursor(e), 0);
    editor_move(e, ED_TEXT_END);
    editor_move(e, ED_DOWN); /* the last row: to the end */
    assert_int_equal(editor_cursor(e), strlen(editor_text(e, NULL)));

    /* a wide character is not entered halfway */
    assert_int_equal(editor_set_text(e, "日本語\nabcd", 14), 0);
    editor_set_cursor(e, 13); /* column 3 */
    editor_move(e, ED_UP);
    assert_int_equal(editor_cursor(e), 3); /* column 2 */
    editor_move(e, ED_DOWN);
    assert_int_equal(editor_cursor(e), 13);

    /* up from the end of a wrapped paragraph stays on the upper row */
    assert_int_equal(editor_set_text(e, "the quick brown fox", 19), 0);
    assert_int_equal(editor_set_width(e, 10), 0);
    editor_move(e, ED_UP);
    assert_int_equal(editor_cursor(e), 9);
    assert_rowcol(e, 0, 9);
    editor_free(e);
}

static void page_up_and_down(void **state)
{
    struct pbl_editor *e = make("", 40);
    for (int i = 0; i < 30; i++)
        type(e, "line\n");
    type(e, "end");
    editor_set_page(e, 10);
    editor_set_cursor(e, 2);
    editor_move(e, ED_PAGE_DOWN);
    assert_rowcol(e, 10, 2);
    editor_move(e, ED_PAGE_DOWN);
    editor_move(e, ED_PAGE_DOWN);
    assert_rowcol(e, 30, 2); /* the last row, same column */
    editor_move(e, ED_PAGE_DOWN);
    assert_int_equal(editor_cursor(e), strlen(editor_text(e, NULL)));
    editor_move(e, ED_PAGE_UP);
    assert_rowcol(e, 20, 3);
    editor_set_page(e, 0); /* counts as 1 */
    editor_move(e, ED_PAGE_UP);
    assert_rowcol(e, 19, 3);
    editor_free(e);
}

static void home_and_end_use_the_display_row(void **state)
{
    /* rows: "the quick " [0,10), "brown fox " [10,20), "jumps" [20,25) */
    struct pbl_editor *e = make("the quick brown fox jumps", 10);
    editor_set_cursor(e, 12);
    editor_move(e, ED_HOME);
    assert_int_equal(editor_cursor(e), 10);
    editor_move(e, ED_END); /* before the break's space, still on the row */
    assert_int_equal(editor_cursor(e), 19);
    assert_rowcol(e, 1, 9);
    editor_set_cursor(e, 22);
    editor_move(e, ED_END);
    assert_int_equal(editor_cursor(e), 25);
    editor_move(e, ED_HOME);
    assert_int_equal(editor_cursor(e), 20);
    editor_set_cursor(e, 3);
    editor_move(e, ED_END);
    assert_int_equal(editor_cursor(e), 9);
    editor_move(e, ED_HOME);
    assert_int_equal(editor_cursor(e), 0);
    editor_free(e);
}

static void word_jumps(void **state)
{
    /* "Hello, " 7 bytes, "wörld" 6, "! " 2, "foo_bar" 7, "  " 2,
     * "日本" 6, " x" 2 */
    struct pbl_editor *e = make("Hello, wörld! foo_bar  日本 x", 40);
    static const size_t right[] = {5, 13, 22, 30, 32, 32};
    static const size_t left[] = {31, 24, 15, 7, 0, 0};
    editor_move(e, ED_TEXT_START);
    for (size_t i = 0; i < 6; i++) {
        editor_move(e, ED_WORD_RIGHT);
        assert_int_equal(editor_cursor(e), right[i]);
    }
    for (size_t i = 0; i < 6; i++) {
        editor_move(e, ED_WORD_LEFT);
        assert_int_equal(editor_cursor(e), left[i]);
    }
    /* across lines */
    assert_int_equal(editor_set_text(e, "one,\n  two", 10), 0);
    editor_move(e, ED_WORD_LEFT);
    assert_int_equal(editor_cursor(e), 7);
    editor_move(e, ED_WORD_LEFT);
    assert_int_equal(editor_cursor(e), 0);
    editor_move(e, ED_WORD_RIGHT);
    editor_move(e, ED_WORD_RIGHT);
    assert_int_equal(editor_cursor(e), 10);
    editor_free(e);
}

/* ---- generation ---- */

static void generation_counts_changes_only(void **state)
{
    struct pbl_editor *e = make("abc", 10);
    assert_int_equal(editor_generation(e), 0);
    editor_move(e, ED_LEFT);
    editor_move(e, ED_HOME);
    editor_set_cursor(e, 2);
    assert_int_equal(editor_set_width(e, 3), 0);
    assert_int_equal(editor_generation(e), 0);
    type(e, "");
    type(e, "\x01\x02"); /* all dropped: no change */
    assert_int_equal(editor_generation(e), 0);
    type(e, "x");
    assert_int_equal(editor_generation(e), 1);
    editor_backspace(e);
    assert_int_equal(editor_generation(e), 2);
    editor_delete(e);
    assert_int_equal(editor_generation(e), 3);
    assert_int_equal(editor_set_text(e, "ab", 2), 0); /* the same text */
    assert_int_equal(editor_generation(e), 3);
    assert_int_equal(editor_set_text(e, "abd", 3), 0);
    assert_int_equal(editor_generation(e), 4);
    editor_free(e);
}

/* ---- size and speed ---- */

/* A text of about n bytes: words, wide characters, accents, newlines. */
static char *sample(size_t n, const char *nl)
{
    static const char *const words[] = {
        "problem",   "based",      "learning",
        "日本語",    "👍",          "café",
        "e\xcc\x81", "a",          "of",
        "the",       "hypothesis", "mechanism",
        "—",         "x",          "supercalifragilisticexpialidocious",
    };
    char *s = malloc(n + 64);
    assert_non_null(s);
    size_t o = 0;
    while (o < n) {
        const char *w = words[rnd_below(sizeof words / sizeof words[0])];
        memcpy(s + o, w, strlen(w));
        o += strlen(w);
        if (rnd_below(40) == 0) {
            memcpy(s + o, nl, strlen(nl));
            o += strlen(nl);
        } else {
            s[o++] = ' ';
        }
    }
    s[o] = '\0';
    return s;
}

static void paste_of_100kb_is_fast_and_correct(void **state)
{
    rng_state = 12345;
    char *paste = sample(100 * 1024, "\r\n");
    size_t n = strlen(paste);
    char *want = malloc(n + 64);
    size_t w = 0;
    memcpy(want, "start ", 6);
    w = 6;
    for (size_t i = 0; i < n; i++)
        if (paste[i] != '\r')
            want[w++] = paste[i];
    memcpy(want + w, "end", 4);

    struct pbl_editor *e = make("start end", 60);
    editor_set_cursor(e, 6);
    size_t work = editor_layout_work(e);
    clock_t t0 = clock();
    assert_int_equal(editor_insert(e, paste, n), 0);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_true(secs < 2.0); /* about 2 ms without valgrind */
    /* linear: each byte examined about once, not once per line */
    assert_true(editor_layout_work(e) - work < 2 * n);
    assert_text(e, want);
    assert_int_equal(editor_cursor(e), w);
    check_layout(e, 60);

    /* and once more in the middle of it */
    editor_set_cursor(e, w / 2);
    assert_int_equal(editor_insert(e, paste, n), 0);
    check_layout(e, 60);
    free(paste);
    free(want);
    editor_free(e);
}

/* One key in the middle of a long answer re-wraps only the rows near it. */
static void a_key_rewraps_only_nearby_rows(void **state)
{
    rng_state = 777;
    char *one = sample(5000, " "); /* a single paragraph */
    char *many = sample(5000, "\n");
    const char *texts[] = {one, many};
    for (int k = 0; k < 2; k++) {
        struct pbl_editor *e = make(texts[k], 60);
        size_t len = strlen(editor_text(e, NULL));
        size_t full = editor_layout_work(e);
        assert_true(full >= len);
        static const size_t at[] = {0, 2500, 4990, SIZE_MAX};
        for (size_t i = 0; i < 4; i++) {
            editor_set_cursor(e, at[i]);
            size_t before = editor_layout_work(e);
            type(e, "x");
            type(e, " ");
            editor_backspace(e);
            editor_backspace(e);
            editor_move(e, ED_LEFT);
            editor_delete(e);
            size_t cost = editor_layout_work(e) - before;
            /* six edits, each a line or two, never the whole text */
            assert_true(cost < 6 * 300);
        }
        check_layout(e, 60);
        editor_free(e);
    }
    free(one);
    free(many);
}

/* ---- the key test: many random edits keep the layout exact ---- */

static void random_edits_keep_the_layout_exact(void **state)
{
    static const char *const bits[] = {
        "a",
        "b",
        " ",
        "  ",
        "word ",
        "hello",
        "\n",
        "\n\n",
        "é",
        "日本",
        "👍",
        "e\xcc\x81",
        "\xcc\x81",
        "\xcc\x81\xcc\x81",
        "supercalifragilistic",
        "x y z ",
        "\r\n",
        "\r",
        "\t",
        "\xff",
        "\xe6\x97",
        "日本語日本語日本語日本語",
        "a\nb",
        "   lead",
        "...",
        "end.\n",
        "longword longerword longestwordofall",
    };
    rng_state = 0x9E3779B97F4A7C15u;
    int width = 12;
    struct pbl_editor *e = make("", width);
    for (int op = 0; op < 20000; op++) {
        size_t len = strlen(editor_text(e, NULL));
        unsigned r = (unsigned)rnd_below(100);
        if (len > 1500 && r < 40)
            r += 40; /* keep the text small enough to check every time */
        if (r < 38) {
            const char *b = bits[rnd_below(sizeof bits / sizeof bits[0])];
            type(e, b);
        } else if (r < 56) {
            editor_backspace(e);
        } else if (r < 70) {
            editor_delete(e);
        } else if (r < 80) {
            editor_set_cursor(e, rnd_below(len + 2));
        } else if (r < 99) {
            editor_move(e, (enum editor_move)rnd_below(ED_PAGE_DOWN + 1));
        } else {
            width = (int)rnd_below(40) - 2;
            assert_int_equal(editor_set_width(e, width), 0);
        }
        check_layout(e, width);
    }
    editor_free(e);
}

/* ---- running out of memory ---- */

enum oom_op {
    OOM_TYPE,
    OOM_PASTE,
    OOM_JOIN,
    OOM_DELETE,
    OOM_WIDTH,
    OOM_SET_TEXT,
    OOM_NEW
};

/* Runs op with allocation failing after 0, 1, 2... allocations: each
 * failure leaves the text, the cursor and the layout as they were. */
static void oom_run(enum oom_op op)
{
    rng_state = 99;
    char *big = sample(3000, "\n");
    const char *start = "one two three four five six\nseven eight nine";
    for (long budget = 0;; budget++) {
        struct pbl_editor *e = make(start, 8);
        if (op == OOM_JOIN || op == OOM_DELETE)
            editor_set_cursor(e, op == OOM_JOIN ? 28 : 4);
        else
            editor_set_cursor(e, 10);
        size_t cur = editor_cursor(e);
        unsigned long gen = editor_generation(e);
        int width = 8, rc = 0;
        struct pbl_editor *made = NULL;
        alloc_budget = budget;
        switch (op) {
        case OOM_TYPE:
            rc = editor_insert(e, "xyzzy", 5);
            break;
        case OOM_PASTE:
            rc = editor_insert(e, big, strlen(big));
            break;
        case OOM_JOIN:
            editor_backspace(e);
            rc = editor_generation(e) == gen ? -1 : 0;
            break;
        case OOM_DELETE:
            editor_delete(e);
            rc = editor_generation(e) == gen ? -1 : 0;
            break;
        case OOM_WIDTH:
            rc = editor_set_width(e, 5);
            width = rc == 0 ? 5 : 8;
            break;
        case OOM_SET_TEXT:
            rc = editor_set_text(e, big, strlen(big));
            break;
        case OOM_NEW:
            made = editor_new(big, strlen(big));
            rc = made ? 0 : -1;
            break;
        }
        alloc_budget = -1;
        if (rc < 0) {
            assert_text(e, start);
            assert_int_equal(editor_cursor(e), cur);
            assert_int_equal(editor_generation(e), gen);
        }
        check_layout(e, width);
        if (made)
            check_layout(made, 80);
        editor_free(made);
        editor_free(e);
        if (rc == 0)
            break;
        assert_true(budget < 100);
    }
    free(big);
}

static void out_of_memory_loses_nothing(void **state)
{
    for (int op = OOM_TYPE; op <= OOM_NEW; op++)
        oom_run((enum oom_op)op);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typing_and_backspace_remove_whole_characters),
        cmocka_unit_test(delete_removes_whole_characters),
        cmocka_unit_test(edges_are_no_ops),
        cmocka_unit_test(invalid_bytes_become_replacement_characters),
        cmocka_unit_test(controls_are_dropped_and_tabs_expanded),
        cmocka_unit_test(crlf_paste_is_normalised),
        cmocka_unit_test(inserting_its_own_text_works),
        cmocka_unit_test(wraps_words_at_width_10),
        cmocka_unit_test(spaces_past_the_width_are_not_drawn),
        cmocka_unit_test(cursor_row_and_column_follow_typing),
        cmocka_unit_test(wide_characters_take_two_columns),
        cmocka_unit_test(set_width_rewraps),
        cmocka_unit_test(up_down_keep_the_goal_column),
        cmocka_unit_test(page_up_and_down),
        cmocka_unit_test(home_and_end_use_the_display_row),
        cmocka_unit_test(word_jumps),
        cmocka_unit_test(generation_counts_changes_only),
        cmocka_unit_test(paste_of_100kb_is_fast_and_correct),
        cmocka_unit_test(a_key_rewraps_only_nearby_rows),
        cmocka_unit_test(random_edits_keep_the_layout_exact),
        cmocka_unit_test(out_of_memory_loses_nothing),
    };
    return cmocka_run_group_tests_name("editor", tests, NULL, NULL);
}
