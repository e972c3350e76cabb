/* export_escape.c - the escapers of the export formats: one CSV cell,
 * HTML text, Markdown text. Each is small, takes any bytes and writes
 * one value; they are the part of the export that fuzzing aims at. Each
 * also makes the text safe through text_safe_step() (controls and
 * invalid UTF-8 as U+FFFD, bidi controls dropped), so that a file shown
 * with cat or opened in a viewer cannot drive the terminal. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/export.h"
#include "pbl/text.h"
#include "pbl/xlsx.h"

/* ---- CSV (RFC 4180) -------------------------------------------------- */

bool csv_needs_guard(const char *s)
{
    return s && s[0] && strchr("=+-@\t\r", s[0]) != NULL;
}

void csv_write_cell(FILE *out, const char *s)
{
    if (!s)
        return;
    /* made safe first, so that the formula guard sees what a spreadsheet
     * will see (a bidi control before '=' is dropped); a cell of printable
     * ASCII, the usual one, is safe as it is */
    size_t n = strlen(s);
    bool plain = true;
    for (size_t i = 0; plain && i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        plain = (c >= 0x20 && c < 0x7F) || c == '\t' || c == '\n' || c == '\r';
    }
    char *copy = plain ? NULL : text_safe_dup(s, n, TEXT_SAFE_BREAKS);
    const char *safe = plain ? s : copy;
    if (!safe) {
        fputs("\xEF\xBF\xBD", out); /* out of memory: a visible mark */
        return;
    }
    bool quote = strpbrk(safe, ",\"\r\n") != NULL;
    if (quote)
        putc('"', out);
    if (csv_needs_guard(safe))
        putc('\'', out);
    for (const char *p = safe; *p;) {
        size_t run = strcspn(p, "\"");
        fwrite(p, 1, run, out);
        p += run;
        if (*p == '"') {
            fputs("\"\"", out);
            p++;
        }
    }
    if (quote)
        putc('"', out);
    free(copy);
}

void csv_sep(FILE *out)
{
    putc(',', out);
}

void csv_end_row(FILE *out)
{
    fputs("\r\n", out);
}

bool csv_excel_too_long(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80; /* bytes that begin one */
    return n > XLSX_CELL_MAX;
}

void csv_excel_warn(FILE *err, long long n)
{
    if (n > 0)
        fprintf(err,
                "pbl: warning: %lld cell%s longer than Excel's %d characters "
                "(Excel cuts them)\n",
                n, n == 1 ? "" : "s", XLSX_CELL_MAX);
}

/* ---- HTML ------------------------------------------------------------ */

/* The entity for a byte that HTML text must not hold as it is, or NULL
 * when the byte is fine. */
static const char *html_entity(char c)
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
    default:
        return NULL;
    }
}

/* Runs between entities are made safe by text_safe_write (controls and
 * invalid UTF-8 as U+FFFD, bidi controls dropped); the entity characters
 * are ASCII, so a run never splits a character. */
void html_write_escaped(FILE *out, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p;) {
        size_t run = strcspn(p, "&<>\"'");
        text_safe_write(out, p, run, TEXT_SAFE_BREAKS);
        p += run;
        if (*p)
            fputs(html_entity(*p++), out);
    }
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
        text_safe_write(out, p, plain, TEXT_SAFE_BREAKS);
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
