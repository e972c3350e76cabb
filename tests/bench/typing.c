/* typing.c - the answer editor under typing, for `make bench`: counts what
 * a keystroke costs in an editor holding a 5,000-character answer.
 *
 *   typing KEYS [end|middle]
 *
 * Builds a 5,000-character answer (four paragraphs of ordinary sentences,
 * a few non-ASCII characters), wraps it at 76 columns (an 80-column
 * console), puts the cursor at the end or in the middle of the text, then
 * calls type_keys(): KEYS keystrokes of typing, a sentence at a time, with
 * a backspace now and then, as a facilitator types. full_rewrap() wraps the
 * whole text once with text_wrap(), the work a naive editor would do on
 * every key: the reference.
 *
 * Under valgrind --tool=callgrind --toggle-collect=type_keys the collected
 * instruction count divided by KEYS is the cost of one keystroke; with
 * --toggle-collect=full_rewrap it is the cost of one full re-wrap. Without
 * valgrind it prints the editor's own count of bytes re-wrapped per key
 * (editor_layout_work()) beside the text's length, and checks the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/editor.h"
#include "pbl/text.h"

#define ANSWER_CHARS 5000
#define WIDTH 76

static const char *const sentences[] = {
    "The medicine resident was promised a call back and never got one. ",
    "The trauma team needed fast reads, and got them. ",
    "Nobody told the family how long the wait would be — or why. ",
    ("A short call saying “I am delayed; I will call you by eleven” would "
     "have kept the trust. "),
    "Reliability is doing what was promised, when it was promised. ",
    "Empathy: name the worry behind the question before answering it. ",
    "The technologist's question deserved a real answer, not a brush-off. ",
    "Follow up afterwards: a repaired relationship is worth the minute. ",
};

/* The answer: sentences until ANSWER_CHARS characters, a paragraph break
 * every ~1,200. Returns a malloc'd string. */
static char *make_answer(size_t *len)
{
    size_t cap = ANSWER_CHARS * 4, n = 0, chars = 0, k = 0, para = 0;
    char *s = malloc(cap);
    if (!s)
        exit(1);
    while (chars < ANSWER_CHARS) {
        const char *t = sentences[k++ % (sizeof sentences / sizeof *sentences)];
        for (size_t i = 0; t[i] && chars < ANSWER_CHARS; i++) {
            s[n++] = t[i];
            if (((unsigned char)t[i] & 0xC0) != 0x80) {
                chars++;
                para++;
            }
        }
        if (para > 1200 && chars + 2 < ANSWER_CHARS) {
            s[n - 1] = '\n'; /* the sentence's last space */
            s[n++] = '\n';
            chars++;
            para = 0;
        }
    }
    s[n] = '\0';
    *len = n;
    return s;
}

/* KEYS keystrokes: the letters of a sentence one by one, and after every
 * 25th key a backspace (a typo fixed). Not inlined, so that callgrind can
 * count it alone. */
__attribute__((noinline)) static void type_keys(struct pbl_editor *e, long keys)
{
    static const char typed[] =
        "the group also named the charge nurse as a customer, and said the "
        "promise should have been reset with a quick call ";
    for (long i = 0, j = 0; i < keys; i++) {
        if (i % 25 == 24) {
            editor_backspace(e);
            continue;
        }
        editor_insert(e, typed + j, 1);
        j = (j + 1) % (long)(sizeof typed - 1);
    }
}

/* One full re-wrap of the text: what the editor avoids on each key. */
__attribute__((noinline)) static size_t full_rewrap(const char *s, size_t n)
{
    struct text_line *lines;
    size_t count = text_wrap(s, n, WIDTH, &lines);
    free(lines);
    return count;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: typing KEYS [end|middle]\n");
        return 2;
    }
    long keys = atol(argv[1]);
    int middle = argc == 3 && strcmp(argv[2], "middle") == 0;
    size_t len;
    char *answer = make_answer(&len);
    struct pbl_editor *e = editor_new(answer, len);
    if (!e || editor_set_width(e, WIDTH) < 0) {
        fprintf(stderr, "typing: out of memory\n");
        return 1;
    }
    if (middle) {
        editor_set_cursor(e, len / 2);
        editor_move(e, ED_WORD_RIGHT); /* between two words */
    }
    size_t lines = full_rewrap(answer, len);
    size_t work0 = editor_layout_work(e);
    type_keys(e, keys);
    size_t work = editor_layout_work(e) - work0;
    size_t after;
    editor_text(e, &after);
    /* every key added a byte but the backspaces, which took one away */
    long want = (long)len + keys - 2 * (keys / 25);
    if ((long)after != want || editor_nlines(e) < lines) {
        fprintf(stderr, "typing: the text is %zu bytes, not %ld\n", after,
                want);
        return 1;
    }
    printf("chars %d bytes %zu lines %zu keys %ld work_per_key %.1f\n",
           ANSWER_CHARS, len, lines, keys,
           keys ? (double)work / (double)keys : 0.0);
    editor_free(e);
    free(answer);
    return 0;
}
