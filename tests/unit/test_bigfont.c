/* test_bigfont.c - the projector theme's block letters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pbl/bigfont.h"

static void letters_are_three_rows_of_half_blocks(void **state)
{
    char *rows[BIGFONT_ROWS];
    assert_int_equal(bigfont_render("Hi", 2, rows), 2 * BIGFONT_CELL);
    assert_string_equal(rows[0], "█ █ ▀█▀ ");
    assert_string_equal(rows[1], "█▀█  █  ");
    assert_string_equal(rows[2], "▀ ▀ ▀▀▀ ");
    for (int r = 0; r < BIGFONT_ROWS; r++)
        free(rows[r]);
}

static void typographic_marks_map_to_plain_glyphs(void **state)
{
    assert_true(bigfont_supported("Who is/are the customer(s)?"));
    assert_true(bigfont_supported("“I’m just covering” — 2026"));
    assert_false(bigfont_supported("患者"));
    assert_false(bigfont_supported("50%"));
}

static void unsupported_text_renders_nothing(void **state)
{
    char *rows[BIGFONT_ROWS];
    assert_int_equal(bigfont_render("a患", strlen("a患"), rows), -1);
    for (int r = 0; r < BIGFONT_ROWS; r++)
        assert_null(rows[r]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(letters_are_three_rows_of_half_blocks),
        cmocka_unit_test(typographic_marks_map_to_plain_glyphs),
        cmocka_unit_test(unsupported_text_renders_nothing),
    };
    return cmocka_run_group_tests_name("bigfont", tests, NULL, NULL);
}
