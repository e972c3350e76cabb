/* test_export_escape.c - the escapers of the export formats, one value at
 * a time (CSV cells with the formula guard, HTML text, Markdown text in
 * a block and on one line), and the small parsers: dates, format names,
 * the selection checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pbl/export.h"
#include "pbl/report.h"

/* What fn wrote for s, in a static buffer. */
static const char *wrote(void (*fn)(FILE *, const char *), const char *s)
{
    static char out[4096];
    memset(out, 0, sizeof out);
    FILE *f = fmemopen(out, sizeof out, "w");
    assert_non_null(f);
    fn(f, s);
    fclose(f);
    return out;
}

static void md_block_indented(FILE *f, const char *s)
{
    md_write_block(f, s, "  ");
}

static void csv_plain_cells_stay_plain(void **state)
{
    (void)state;
    assert_string_equal(wrote(csv_write_cell, "plain text"), "plain text");
    assert_string_equal(wrote(csv_write_cell, ""), "");
    assert_string_equal(wrote(csv_write_cell, NULL), "");
    assert_string_equal(wrote(csv_write_cell, "caf\xC3\xA9 \xF0\x9F\x99\x82"),
                        "caf\xC3\xA9 \xF0\x9F\x99\x82");
    assert_string_equal(wrote(csv_write_cell, "a 'quote'"), "a 'quote'");
    assert_string_equal(wrote(csv_write_cell, "2"), "2");
}

static void csv_quotes_what_rfc4180_says(void **state)
{
    (void)state;
    assert_string_equal(wrote(csv_write_cell, "a,b"), "\"a,b\"");
    assert_string_equal(wrote(csv_write_cell, "say \"hi\""),
                        "\"say \"\"hi\"\"\"");
    assert_string_equal(wrote(csv_write_cell, "two\nlines"), "\"two\nlines\"");
    assert_string_equal(wrote(csv_write_cell, "cr\rhere"), "\"cr\rhere\"");
    assert_string_equal(wrote(csv_write_cell, "\""), "\"\"\"\"");
}

static void csv_guards_formulas(void **state)
{
    (void)state;
    assert_string_equal(wrote(csv_write_cell, "=1+1"), "'=1+1");
    assert_string_equal(wrote(csv_write_cell, "+1"), "'+1");
    assert_string_equal(wrote(csv_write_cell, "-2"), "'-2");
    assert_string_equal(wrote(csv_write_cell, "@SUM(1)"), "'@SUM(1)");
    assert_string_equal(wrote(csv_write_cell, "\tx"), "'\tx");
    assert_string_equal(wrote(csv_write_cell, "\rx"), "\"'\rx\"");
    assert_string_equal(
        wrote(csv_write_cell, "=HYPERLINK(\"http://e.x\",\"a\")"),
        "\"'=HYPERLINK(\"\"http://e.x\"\",\"\"a\"\")\"");
    assert_true(csv_needs_guard("=x"));
    assert_false(csv_needs_guard("x=1"));
    assert_false(csv_needs_guard(""));
    assert_false(csv_needs_guard(NULL));
    assert_false(csv_needs_guard(" =1"));
}

static void csv_rows_end_in_crlf(void **state)
{
    (void)state;
    char out[64];
    FILE *f = fmemopen(out, sizeof out, "w");
    csv_write_cell(f, "a");
    csv_sep(f);
    csv_write_cell(f, "b");
    csv_end_row(f);
    fclose(f);
    assert_string_equal(out, "a,b\r\n");
}

static void html_escapes_the_five(void **state)
{
    (void)state;
    assert_string_equal(wrote(html_write_escaped, "<script>&\"'"),
                        "&lt;script&gt;&amp;&quot;&#39;");
    assert_string_equal(wrote(html_write_escaped, "&amp;"), "&amp;amp;");
    assert_string_equal(wrote(html_write_escaped, "a\tb\nc\rd"), "a\tb\nc\rd");
    assert_string_equal(wrote(html_write_escaped, NULL), "");
}

static void html_keeps_unicode_and_replaces_the_invalid(void **state)
{
    (void)state;
    const char *rtl = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xF0\x9F\x99\x82";
    assert_string_equal(wrote(html_write_escaped, rtl), rtl);
    /* a control character, a lone continuation byte, a truncated
     * sequence, an overlong encoding, a C1 control */
    assert_string_equal(wrote(html_write_escaped, "a\x01"
                                                  "b"),
                        "a\xEF\xBF\xBD"
                        "b");
    assert_string_equal(wrote(html_write_escaped, "\x80x"), "\xEF\xBF\xBDx");
    assert_string_equal(wrote(html_write_escaped, "\xE2\x82"),
                        "\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_string_equal(wrote(html_write_escaped, "\xC0\xAF"),
                        "\xEF\xBF\xBD\xEF\xBF\xBD");
    assert_string_equal(wrote(html_write_escaped, "\xC2\x85"), "\xEF\xBF\xBD");
}

/* Every writer shows an escape sequence, a C1 control and a bad byte as
 * U+FFFD and drops a bidi override, through text_safe_step. */
static void writers_make_hostile_text_safe(void **state)
{
    (void)state;
    const char *hostile = "a\x1bP52;c;aGk=\x07\xC2\x9B\xFF\xE2\x80\xAE"
                          "b";
    const char *want = "a\xEF\xBF\xBDP52;c;aGk=\xEF\xBF\xBD\xEF\xBF\xBD"
                       "\xEF\xBF\xBD"
                       "b";
    assert_string_equal(wrote(csv_write_cell, hostile), want);
    assert_string_equal(wrote(html_write_escaped, hostile), want);
    assert_string_equal(wrote(md_write_escaped, hostile), want);
    assert_string_equal(wrote(md_write_inline, hostile), want);
    /* the formula guard sees what a spreadsheet sees: no override */
    assert_string_equal(wrote(csv_write_cell, "\xE2\x80\xAE=1+1"), "'=1+1");
}

static void md_escapes_inline_markup(void **state)
{
    (void)state;
    assert_string_equal(wrote(md_write_escaped, "plain words, here."),
                        "plain words, here.");
    assert_string_equal(wrote(md_write_escaped, "*a* _b_ `c` ~d~"),
                        "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~");
    assert_string_equal(wrote(md_write_escaped, "[x](http://y) <b> &amp;"),
                        "\\[x\\](http://y) \\<b\\> \\&amp;");
    assert_string_equal(wrote(md_write_escaped, "a | b # c \\ d"),
                        "a \\| b \\# c \\\\ d");
    assert_string_equal(wrote(md_write_escaped, "<script>alert(1)</script>"),
                        "\\<script\\>alert(1)\\</script\\>");
}

static void md_escapes_line_starts(void **state)
{
    (void)state;
    assert_string_equal(wrote(md_write_escaped, "- item"), "\\- item");
    assert_string_equal(wrote(md_write_escaped, "+ item"), "\\+ item");
    assert_string_equal(wrote(md_write_escaped, "= x"), "\\= x");
    assert_string_equal(wrote(md_write_escaped, "-2"), "\\-2");
    assert_string_equal(wrote(md_write_escaped, "12. x"), "12\\. x");
    assert_string_equal(wrote(md_write_escaped, "3) x"), "3\\) x");
    assert_string_equal(wrote(md_write_escaped, "# h"), "\\# h");
    assert_string_equal(wrote(md_write_escaped, "> q"), "\\> q");
    assert_string_equal(wrote(md_write_escaped, "a - b 1. c"), "a - b 1. c");
    /* leading blanks would make a code block: dropped */
    assert_string_equal(wrote(md_write_escaped, "    code?"), "code?");
    assert_string_equal(wrote(md_write_escaped, "\tx"), "x");
}

static void md_keeps_line_breaks(void **state)
{
    (void)state;
    assert_string_equal(wrote(md_write_escaped, "one\ntwo"), "one\\\ntwo");
    assert_string_equal(wrote(md_write_escaped, "one\r\n- two"),
                        "one\\\n\\- two");
    assert_string_equal(wrote(md_write_escaped, "p1\n\n\np2"), "p1\n\np2");
    assert_string_equal(wrote(md_write_escaped, "p1\n  \n  p2"), "p1\n\np2");
    assert_string_equal(wrote(md_write_escaped, "\n\nx\n\n"), "x");
    assert_string_equal(wrote(md_write_escaped, "x\\\ny"), "x\\\\\\\ny");
    assert_string_equal(wrote(md_write_escaped, ""), "");
    assert_string_equal(wrote(md_write_escaped, NULL), "");
    assert_string_equal(wrote(md_write_escaped, "\n \t\n"), "");
}

static void md_inline_and_block_variants(void **state)
{
    (void)state;
    assert_string_equal(wrote(md_write_inline, "a\nb\n\n- c"), "a b \\- c");
    assert_string_equal(wrote(md_write_inline, "Group #2"), "Group \\#2");
    assert_string_equal(wrote(md_block_indented, "a\nb\n\nc"),
                        "a\\\n  b\n\n  c");
}

static void dates_are_real_calendar_days(void **state)
{
    (void)state;
    assert_int_equal(export_check_date("2026-03-04"), 0);
    assert_int_equal(export_check_date("2024-02-29"), 0);
    assert_int_equal(export_check_date("2025-02-29"), -1);
    assert_int_equal(export_check_date("2026-13-01"), -1);
    assert_int_equal(export_check_date("2026-04-31"), -1);
    assert_int_equal(export_check_date("2026-3-4"), -1);
    assert_int_equal(export_check_date("2026-03-04x"), -1);
    assert_int_equal(export_check_date("2026-03-04T00:00:00Z"), -1);
    assert_int_equal(export_check_date(""), -1);
    assert_int_equal(export_check_date(NULL), -1);
}

static void format_names_round_trip(void **state)
{
    (void)state;
    enum export_format f;
    enum report_format r;
    const char *names[] = {"md", "csv", "json", "html", "xlsx"};
    assert_int_equal(sizeof names / sizeof names[0], EXPORT_FORMAT_COUNT);
    for (int i = 0; i < EXPORT_FORMAT_COUNT; i++) {
        assert_int_equal(export_format_parse(names[i], &f), 0);
        assert_string_equal(export_format_name(f), names[i]);
    }
    assert_int_equal(export_format_parse("markdown", &f), 0);
    assert_int_equal(f, EXPORT_MD);
    assert_int_equal(export_format_parse("pdf", &f), -1);
    assert_int_equal(export_format_parse(NULL, &f), -1);
    const char *rnames[] = {"text", "csv", "json", "md", "html", "xlsx"};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(report_format_parse(rnames[i], &r), 0);
        assert_string_equal(report_format_name(r), rnames[i]);
    }
    assert_int_equal(report_format_parse("pdf", &r), -1);
}

/* Every format of the table parses, names itself, has an extension and
 * a help line; the list of names for messages is made from the table. */
static void format_table_feeds_every_use(void **state)
{
    (void)state;
    static const char help[] = EXPORT_FORMATS_HELP;
    for (int i = 0; i < EXPORT_FORMAT_COUNT; i++) {
        enum export_format f;
        const char *name = export_format_name((enum export_format)i);
        assert_int_equal(export_format_parse(name, &f), 0);
        assert_int_equal(f, i);
        assert_true(strlen(export_format_extension(f)) > 0);
        char line[64];
        snprintf(line, sizeof line, " %s: ", name);
        assert_non_null(strstr(help, line));
    }
    assert_string_equal(export_format_extension(EXPORT_HTML), "html");
    assert_string_equal(export_format_extension(EXPORT_XLSX), "xlsx");
    char names[64];
    export_format_names_text(names, sizeof names);
    assert_string_equal(names, "md, csv, json, html or xlsx");
    export_format_names_text(names, 6); /* cut, still terminated */
    assert_string_equal(names, "md, c");
    assert_string_equal(export_format_name(EXPORT_FORMAT_COUNT), "md");
}

static void selection_checks_give_reasons(void **state)
{
    (void)state;
    char *err = NULL;
    struct export_selection sel = {0};
    assert_true(export_selection_empty(&sel));
    assert_int_equal(export_check_selection(&sel, &err), EXPORT_OK);
    sel.from = "2026-13-01";
    assert_int_equal(export_check_selection(&sel, &err), EXPORT_USAGE);
    assert_non_null(strstr(err, "--from '2026-13-01' is not a date"));
    free(err);
    err = NULL;
    sel.from = "2026-03-05";
    sel.to = "2026-03-04";
    assert_int_equal(export_check_selection(&sel, &err), EXPORT_USAGE);
    assert_non_null(strstr(err, "is after --to"));
    free(err);
    err = NULL;
    sel.to = NULL;
    sel.kind = "solo";
    assert_int_equal(export_check_selection(&sel, &err), EXPORT_USAGE);
    assert_non_null(strstr(err, "say group or study"));
    free(err);
    err = NULL;
    sel.kind = "study";
    assert_int_equal(export_check_selection(&sel, &err), EXPORT_OK);
    assert_false(export_selection_empty(&sel));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_plain_cells_stay_plain),
        cmocka_unit_test(csv_quotes_what_rfc4180_says),
        cmocka_unit_test(csv_guards_formulas),
        cmocka_unit_test(csv_rows_end_in_crlf),
        cmocka_unit_test(html_escapes_the_five),
        cmocka_unit_test(html_keeps_unicode_and_replaces_the_invalid),
        cmocka_unit_test(writers_make_hostile_text_safe),
        cmocka_unit_test(md_escapes_inline_markup),
        cmocka_unit_test(md_escapes_line_starts),
        cmocka_unit_test(md_keeps_line_breaks),
        cmocka_unit_test(md_inline_and_block_variants),
        cmocka_unit_test(dates_are_real_calendar_days),
        cmocka_unit_test(format_names_round_trip),
        cmocka_unit_test(format_table_feeds_every_use),
        cmocka_unit_test(selection_checks_give_reasons),
    };
    return cmocka_run_group_tests_name("export_escape", tests, NULL, NULL);
}
