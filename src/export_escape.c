/* export_escape.c - the escapers of the export formats: one CSV cell,
 * HTML text, Markdown text. Each is small, takes any bytes and writes
 * one value; they are the part of the export that fuzzing aims at. */
#include <stdint.h>
#include <string.h>

#include "pbl/export.h"
#include "pbl/text.h"

/* ---- CSV (RFC 4180) -------------------------------------------------- */

bool csv_needs_guard(const char *s)
{
    return s && s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void csv_write_cell(FILE *out, const char *s)
{
    if (!s)
        return;
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        putc('"', out);
    if (csv_needs_guard(s))
        putc('\'', out);
    for (const char *p = s; *p;) {
        size_t n = strcspn(p, "\"");
        fwrite(p, 1, n, out);
        p += n;
        if (*p == '"') {
            fputs("\"\"", out);
            p++;
        }
    }
    if (quote)
        putc('"', out);
}

void csv_sep(FILE *out)
{
    putc(',', out);
}

void csv_end_row(FILE *out)
{
    fputs("\r\n", out);
}

/* ---- HTML ------------------------------------------------------------ */

/* The entity for an ASCII byte that HTML text must not hold as it is,
 * U+FFFD for a control character, or NULL when the byte is fine. */
static const char *html_entity(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    case '\t':
    case '\n':
    case '\r':
        return NULL;
    default:
        return c < 0x20 || c == 0x7f ? "\xEF\xBF\xBD" : NULL;
    }
}

void html_write_escaped(FILE *out, const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s), run = 0; /* s[run..i) is written as it is */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t len = 1;
        if (c < 0x80) {
            rep = html_entity(c);
        } else {
            uint32_t cp;
            len = utf8_decode(s + i, n - i, &cp);
            if (cp == 0xFFFD || (cp >= 0x80 && cp < 0xA0))
                rep = "\xEF\xBF\xBD";
        }
        if (rep) {
            fwrite(s + run, 1, i - run, out);
            fputs(rep, out);
            run = i + len;
        }
        i += len;
    }
    fwrite(s + run, 1, n - run, out);
}

/* ---- Markdown -------------------------------------------------------- */

/* Characters escaped wherever they stand: they can open emphasis, code,
 * links, raw HTML, entities, tables, strikethrough or a heading's
 * closing sequence. */
static bool md_special(char c)
{
    return c && strchr("\\`*_[]<>&|~#", c) != NULL;
}

/* Writes the line-start part of s at *p: a block marker that is not
 * caught by md_special ("-", "+", "=", "12." or "12)") gets its
 * backslash. Advances *p past what it wrote; false when it wrote
 * nothing. */
static bool md_line_start(FILE *out, const char **p)
{
    const char *s = *p;
    if (*s == '-' || *s == '+' || *s == '=') {
        putc('\\', out);
        putc(*s, out);
        *p = s + 1;
        return true;
    }
    size_t digits = strspn(s, "0123456789");
    if (digits > 0 && (s[digits] == '.' || s[digits] == ')')) {
        fwrite(s, 1, digits, out);
        putc('\\', out);
        putc(s[digits], out);
        *p = s + digits + 1;
        return true;
    }
    return false;
}

/* The shared body: `inline_` writes every run of line breaks as one
 * space; otherwise one break is a hard break and more are a paragraph
 * break, with `indent` after each. Blanks that open a line are dropped,
 * and so are line breaks before the first and after the last text. */
static void md_text(FILE *out, const char *s, const char *indent, bool inline_)
{
    if (!s)
        return;
    const char *p = s;
    bool bol = true, started = false;
    while (*p) {
        if (bol)
            p += strspn(p, " \t");
        if (*p == '\n' || *p == '\r') {
            int lines = 0;
            while (*p == '\n' || *p == '\r') {
                p += *p == '\r' && p[1] == '\n' ? 2 : 1;
                lines++;
                p += strspn(p, " \t");
            }
            if (!*p)
                break;
            if (started && inline_)
                putc(' ', out);
            else if (started)
                fprintf(out, lines == 1 ? "\\\n%s" : "\n\n%s", indent);
            bol = true;
            continue;
        }
        if (!*p)
            break;
        started = true;
        if (bol) {
            bol = false;
            if (md_line_start(out, &p))
                continue;
        }
        if (md_special(*p)) {
            putc('\\', out);
            putc(*p++, out);
        }
        size_t plain = strcspn(p, "\\`*_[]<>&|~#\r\n");
        fwrite(p, 1, plain, out);
        p += plain;
    }
}

void md_write_escaped(FILE *out, const char *s)
{
    md_text(out, s, "", false);
}

void md_write_block(FILE *out, const char *s, const char *indent)
{
    md_text(out, s, indent ? indent : "", false);
}

void md_write_inline(FILE *out, const char *s)
{
    md_text(out, s, "", true);
}
