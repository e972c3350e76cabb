/* theme.c - colours as a table of semantic elements per theme (htop's
 * way): screens ask for E_MODEL or E_MISSED, never for a colour. */
#include <curses.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

struct elem_style {
    short fg, bg; /* -1: the terminal's default */
    attr_t attr;
};

struct theme {
    const char *name;
    int margin; /* columns left blank on each side */
    bool big;   /* headings in the block-letter font where they fit */
    struct elem_style e[E_COUNT];
};

#define B A_BOLD
#define R A_REVERSE
#define U A_UNDERLINE

static const struct theme themes[] = {
    {"default",
     2,
     false,
     {
         [E_NORMAL] = {-1, -1, 0},
         [E_TITLE] = {COLOR_CYAN, -1, B},
         [E_HEADING] = {COLOR_YELLOW, -1, B},
         [E_DIM] = {-1, -1, A_DIM},
         [E_STATUS] = {COLOR_BLACK, COLOR_CYAN, 0},
         [E_STATUS_OVER] = {COLOR_WHITE, COLOR_RED, B},
         [E_SELECTED] = {COLOR_BLACK, COLOR_YELLOW, 0},
         [E_PICKED] = {COLOR_GREEN, -1, B},
         [E_ON] = {COLOR_GREEN, -1, B},
         [E_MISSED] = {COLOR_RED, -1, B},
         [E_ANSWER] = {-1, -1, 0},
         [E_MODEL] = {COLOR_CYAN, -1, 0},
         [E_NOTES] = {COLOR_MAGENTA, -1, 0},
         [E_INPUT] = {-1, -1, U},
         [E_ERROR] = {COLOR_WHITE, COLOR_RED, B},
         [E_LINK] = {COLOR_BLUE, -1, B | U},
     }},
    /* High contrast, wide margins: read from the back of a room. */
    {"projector",
     6,
     true,
     {
         [E_NORMAL] = {COLOR_WHITE, COLOR_BLACK, B},
         [E_TITLE] = {COLOR_YELLOW, COLOR_BLACK, B},
         [E_HEADING] = {COLOR_YELLOW, COLOR_BLACK, B},
         [E_DIM] = {COLOR_WHITE, COLOR_BLACK, 0},
         [E_STATUS] = {COLOR_BLACK, COLOR_WHITE, B},
         [E_STATUS_OVER] = {COLOR_WHITE, COLOR_RED, B},
         [E_SELECTED] = {COLOR_BLACK, COLOR_YELLOW, B},
         [E_PICKED] = {COLOR_GREEN, COLOR_BLACK, B},
         [E_ON] = {COLOR_GREEN, COLOR_BLACK, B},
         [E_MISSED] = {COLOR_RED, COLOR_BLACK, B},
         [E_ANSWER] = {COLOR_WHITE, COLOR_BLACK, B},
         [E_MODEL] = {COLOR_CYAN, COLOR_BLACK, B},
         [E_NOTES] = {COLOR_MAGENTA, COLOR_BLACK, B},
         [E_INPUT] = {COLOR_WHITE, COLOR_BLACK, B | U},
         [E_ERROR] = {COLOR_WHITE, COLOR_RED, B},
         [E_LINK] = {COLOR_CYAN, COLOR_BLACK, B | U},
     }},
    /* Dark text for terminals with a light background. */
    {"light",
     2,
     false,
     {
         [E_NORMAL] = {-1, -1, 0},
         [E_TITLE] = {COLOR_BLUE, -1, B},
         [E_HEADING] = {COLOR_MAGENTA, -1, B},
         [E_DIM] = {-1, -1, A_DIM},
         [E_STATUS] = {COLOR_WHITE, COLOR_BLUE, 0},
         [E_STATUS_OVER] = {COLOR_WHITE, COLOR_RED, B},
         [E_SELECTED] = {COLOR_WHITE, COLOR_BLUE, 0},
         [E_PICKED] = {COLOR_GREEN, -1, B},
         [E_ON] = {COLOR_GREEN, -1, B},
         [E_MISSED] = {COLOR_RED, -1, B},
         [E_ANSWER] = {-1, -1, 0},
         [E_MODEL] = {COLOR_BLUE, -1, 0},
         [E_NOTES] = {COLOR_MAGENTA, -1, 0},
         [E_INPUT] = {-1, -1, U},
         [E_ERROR] = {COLOR_WHITE, COLOR_RED, B},
         [E_LINK] = {COLOR_BLUE, -1, U},
     }},
    /* No colour at all: attributes only (also what NO_COLOR gets). */
    {"mono",
     2,
     false,
     {
         [E_NORMAL] = {-1, -1, 0},
         [E_TITLE] = {-1, -1, B},
         [E_HEADING] = {-1, -1, B | U},
         [E_DIM] = {-1, -1, A_DIM},
         [E_STATUS] = {-1, -1, R},
         [E_STATUS_OVER] = {-1, -1, R | B},
         [E_SELECTED] = {-1, -1, R},
         [E_PICKED] = {-1, -1, B},
         [E_ON] = {-1, -1, B},
         [E_MISSED] = {-1, -1, U},
         [E_ANSWER] = {-1, -1, 0},
         [E_MODEL] = {-1, -1, B},
         [E_NOTES] = {-1, -1, A_DIM},
         [E_INPUT] = {-1, -1, U},
         [E_ERROR] = {-1, -1, R | B},
         [E_LINK] = {-1, -1, U},
     }},
};

#define NTHEMES (sizeof themes / sizeof themes[0])

const struct theme *theme_find(const char *name)
{
    for (size_t i = 0; i < NTHEMES; i++)
        if (strcmp(themes[i].name, name) == 0)
            return &themes[i];
    return NULL;
}

const char *theme_names(void)
{
    return "default, projector, light, mono";
}

/* Sets up one colour pair per element; with NO_COLOR or a terminal
 * without colours, elements keep only their attributes. */
void theme_apply(struct tui *t)
{
    const char *nc = getenv("NO_COLOR");
    t->color = !(nc && *nc) && has_colors() && t->theme != &themes[NTHEMES - 1];
    if (!t->color)
        return;
    start_color();
    use_default_colors();
    for (int e = 0; e < E_COUNT; e++)
        init_pair((short)(e + 1), t->theme->e[e].fg, t->theme->e[e].bg);
    bkgdset((chtype)COLOR_PAIR(E_NORMAL + 1) | ' ');
}

int theme_attr(const struct tui *t, enum elem e)
{
    if (!t->color) /* the mono theme's attributes stand in for colour */
        return (int)themes[NTHEMES - 1].e[e].attr;
    return (int)(t->theme->e[e].attr | COLOR_PAIR(e + 1));
}

int theme_margin(const struct tui *t)
{
    int m = t->theme->margin;
    return t->cols >= 100 ? m : (m > 2 ? 2 : m);
}

bool theme_big(const struct tui *t)
{
    return t->theme->big;
}
