/* fuzz_export.c - the escapers of the export formats (pbl/export.h) on
 * any text: csv_write_cell(), html_write_escaped(), md_write_escaped(),
 * md_write_block() and md_write_inline().
 *
 * The first byte picks the escaper; the rest, up to its first NUL, is the
 * value. Properties:
 *  - CSV: the cell reads back, by RFC 4180, as exactly the value (with
 *    the "'" guard in front when csv_needs_guard() says so), and is
 *    quoted whenever it holds a comma, a quote, CR or LF;
 *  - HTML: no raw < > " ', every & starts one of the five entities, the
 *    output is valid UTF-8 with no control character but tab, LF, CR;
 *  - Markdown: every character that could start markup is escaped with a
 *    backslash, no line starts with a blank or an unescaped block marker
 *    (- + = or "1." / "1)"), and the inline form holds no line break. */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "pbl/export.h"
#include "pbl/text.h"
#include "pbl/yaml_tree.h"

static void check_csv(const char *raw, const char *out, size_t n)
{
    /* the cell holds the text made safe (text_safe_step): controls and bad
     * bytes shown as U+FFFD, bidi controls dropped */
    char *s = text_safe_dup(raw, strlen(raw), TEXT_SAFE_BREAKS);
    char *back = malloc(n + 1);
    size_t b = 0;
    if (!back || !s) {
        free(back);
        free(s);
        return;
    }
    if (n > 0 && out[0] == '"') {
        CHECK(n >= 2 && out[n - 1] == '"', "unterminated quoted cell");
        for (size_t i = 1; i < n - 1; i++) {
            if (out[i] == '"') {
                CHECK(i + 1 < n - 1 && out[i + 1] == '"',
                      "a lone quote at %zu inside a quoted cell", i);
                i++;
            }
            back[b++] = out[i];
        }
    } else {
        CHECK(strpbrk(s, ",\"\r\n") == NULL || n == 0,
              "a cell with , \" CR or LF is not quoted");
        memcpy(back, out, n);
        b = n;
    }
    back[b] = '\0';
    const char *want = back;
    if (csv_needs_guard(s)) {
        CHECK(back[0] == '\'', "a formula cell has no guard");
        want++;
    }
    CHECK(strcmp(want, s) == 0, "the cell reads back differently");
    free(back);
    free(s);
}

static void check_html(const char *out, size_t n)
{
    CHECK(utf8_invalid_offset(out, n) < 0, "invalid UTF-8 at %ld",
          utf8_invalid_offset(out, n));
    static const char *const ents[] = {"&amp;", "&lt;", "&gt;", "&quot;",
                                       "&#39;"};
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)out[i];
        CHECK(!strchr("<>\"'", c) || c == 0, "raw %c at %zu", c, i);
        CHECK(c >= 0x20 || c == '\t' || c == '\n' || c == '\r',
              "control byte 0x%02x at %zu", c, i);
        CHECK(c != 0x7F, "DEL at %zu", i);
        if (c == '&') {
            bool ok = false;
            for (size_t k = 0; k < 5; k++)
                ok |= strncmp(out + i, ents[k], strlen(ents[k])) == 0;
            CHECK(ok, "a bare & at %zu", i);
        }
    }
}

static void check_md(const char *out, size_t n, bool inline_,
                     const char *indent)
{
    size_t ind = strlen(indent);
    bool bol = true;
    for (size_t i = 0; i < n; i++) {
        char c = out[i];
        if (inline_)
            CHECK(c != '\n' && c != '\r', "a line break in inline Markdown");
        if (bol) {
            /* after the indent, a line starts with no blank and no
             * unescaped block marker */
            if (i > 0 && strncmp(out + i, indent, ind) == 0)
                i += ind;
            if (i >= n)
                break;
            c = out[i];
            CHECK(c != ' ' && c != '\t', "a line starts with a blank at %zu",
                  i);
            CHECK(c != '-' && c != '+' && c != '=',
                  "an unescaped %c starts a line at %zu", c, i);
            size_t d = strspn(out + i, "0123456789");
            CHECK(d == 0 || (out[i + d] != '.' && out[i + d] != ')'),
                  "an unescaped ordered-list marker at %zu", i);
            bol = false;
        }
        if (c == '\\') { /* an escaped character, or a hard break */
            i++;
            bol = i < n && out[i] == '\n';
            continue;
        }
        CHECK(!strchr("`*_[]<>&|~#", c) || c == 0, "unescaped %c at %zu", c, i);
        if (c == '\n')
            bol = true;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned which = data[0] % 5;
    char *s = malloc(size);
    if (!s)
        return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = '\0';
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    if (!f) {
        free(s);
        return 0;
    }
    switch (which) {
    case 0:
        csv_write_cell(f, s);
        break;
    case 1:
        html_write_escaped(f, s);
        break;
    case 2:
        md_write_escaped(f, s);
        break;
    case 3:
        md_write_block(f, s, "  ");
        break;
    case 4:
        md_write_inline(f, s);
        break;
    }
    fclose(f);
    switch (which) {
    case 0:
        check_csv(s, out, n);
        break;
    case 1:
        check_html(out, n);
        break;
    default:
        check_md(out, n, which == 4, which == 3 ? "  " : "");
        break;
    }
    free(out);
    free(s);
    return 0;
}
