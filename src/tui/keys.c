/* keys.c - key names, and the action table generated from TUI_ACTIONS. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "pbl/text.h"
#include "tui.h"

static const struct action_info actions[A_COUNT] = {
    [A_NONE] = {"none", "", "", 0},
#define AS_INFO(id, keys, help, where) [A_##id] = {#id, keys, help, where},
    TUI_ACTIONS(AS_INFO)
#undef AS_INFO
};

const struct action_info *action_info(enum action a)
{
    return &actions[(unsigned)a < A_COUNT ? a : A_NONE];
}

static const struct {
    const char *name;
    int key;
} named[] = {
    {"Up", TK(KEY_UP)},
    {"Down", TK(KEY_DOWN)},
    {"Left", TK(KEY_LEFT)},
    {"Right", TK(KEY_RIGHT)},
    {"PgUp", TK(KEY_PPAGE)},
    {"PgDn", TK(KEY_NPAGE)},
    {"Home", TK(KEY_HOME)},
    {"End", TK(KEY_END)},
    {"Backspace", TK(KEY_BACKSPACE)},
    {"DEL", 127}, /* what many terminals send for Backspace */
    {"Delete", TK(KEY_DC)},
    {"S-Tab", TK(KEY_BTAB)},
    {"C-Left", TK_CTRL_LEFT},
    {"C-Right", TK_CTRL_RIGHT},
    {"Resize", TK(KEY_RESIZE)},
    {"Enter", '\n'},
    {"Esc", 27},
    {"Tab", '\t'},
    {"Space", ' '},
    {"F1", TK(KEY_F(1))},
};

int key_from_name(const char *name)
{
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        if (strcmp(name, named[i].name) == 0)
            return named[i].key;
    if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' && name[2] <= 'z' &&
        !name[3])
        return name[2] - 'a' + 1;
    uint32_t cp;
    size_t n = strlen(name);
    if (n && utf8_decode(name, n, &cp) == n && cp != 0xFFFD)
        return (int)cp;
    return -1;
}

bool key_types_text(int key)
{
    return key >= 32 && key != 127 && !(key & TK_FLAG);
}

/* Whether `key` is one of the space-separated names in `keys`. */
static int key_in(int key, const char *keys)
{
    char name[16];
    while (*keys) {
        size_t n = strcspn(keys, " ");
        if (n < sizeof name) {
            memcpy(name, keys, n);
            name[n] = '\0';
            if (key_from_name(name) == key)
                return 1;
        }
        keys += n;
        keys += *keys == ' ';
    }
    return 0;
}

int action_applies(enum action a, unsigned where)
{
    unsigned w = action_info(a)->where;
    if (!(w & where & ~(unsigned)W_SELF))
        return 0;
    if ((w & W_GROUP_ONLY) && (where & W_SELF))
        return 0;
    return !(w & W_STUDY_ONLY) || (where & W_SELF);
}

enum action key_action(int key, unsigned where)
{
    for (int a = 1; a < A_COUNT; a++)
        if (action_applies((enum action)a, where) &&
            key_in(key, actions[a].keys))
            return (enum action)a;
    return A_NONE;
}

/* The name of action a's nth key into name (of 16 bytes); in `text`, keys
 * that type a character do not count. "" when there is none. */
static void hint_key(enum action a, int nth, bool text, char name[16])
{
    const char *keys = action_info(a)->keys;
    name[0] = '\0';
    while (*keys) {
        size_t n = strcspn(keys, " ");
        if (n < 16) {
            memcpy(name, keys, n);
            name[n] = '\0';
            if (!(text && key_types_text(key_from_name(name))) && nth-- == 0)
                return;
        }
        keys += n;
        keys += *keys == ' ';
    }
    name[0] = '\0';
}

char *key_hints(char *buf, size_t size, const struct key_hint *h, size_t n,
                bool text)
{
    size_t len = strlen(buf);
    const char *sep = len ? " · " : "";
    for (size_t i = 0; i < n && len < size; i++) {
        char k1[16], k2[16] = "";
        hint_key(h[i].a, h[i].nth, text, k1);
        if (h[i].also != A_NONE)
            hint_key(h[i].also, h[i].nth, text, k2);
        int w = snprintf(buf + len, size - len, "%s%s%s%s%s%s", sep, k1,
                         k2[0] ? "/" : "", k2, h[i].label ? " " : "",
                         h[i].label ? h[i].label : "");
        len += w > 0 ? (size_t)w : 0;
        sep = h[i].label ? " · " : " ";
    }
    return buf;
}
