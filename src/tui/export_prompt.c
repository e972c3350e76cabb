/* export_prompt.c - exporting the session shown (summary and review):
 * one line asks for the file name, Tab cycles the format, and the
 * extension follows it. The writing is pbl export's, atomic and 0600. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/export.h"
#include "pbl/text.h"
#include "tui.h"

/* Sets the file name to NAME.EXT, replacing the extension it has. */
static void set_extension(struct line_input *in, enum export_format f)
{
    char *dot = strrchr(in->buf, '.');
    char *slash = strrchr(in->buf, '/');
    if (dot && (!slash || dot > slash))
        *dot = '\0';
    size_t len = strlen(in->buf);
    snprintf(in->buf + len, sizeof in->buf - len, ".%s",
             export_format_extension(f));
    in->len = strlen(in->buf);
}

void export_prompt_open(struct tui *t, const char *uuid)
{
    snprintf(t->export_uuid, sizeof t->export_uuid, "%s", uuid);
    t->export_fmt = EXPORT_MD;
    snprintf(t->export_input.buf, sizeof t->export_input.buf,
             "pbl-session-%.8s", uuid);
    set_extension(&t->export_input, t->export_fmt);
    t->overlay = OV_EXPORT;
}

void export_prompt_draw(struct tui *t)
{
    int m = theme_margin(t), y = t->rows - 2;
    char label[96];
    snprintf(label, sizeof label, "Export as %s (Tab: format) to:",
             export_format_name((enum export_format)t->export_fmt));
    int lw = text_width(label, strlen(label)) + 1;
    draw_fill(t, y, E_NOTES);
    draw_text(t, y, m, lw, E_NOTES, label);
    draw_input(t, y, m + lw, t->cols - 2 * m - lw, &t->export_input, true);
}

static void export_now(struct tui *t)
{
    const char *ids[] = {t->export_uuid};
    struct export_opts o = {.format = (enum export_format)t->export_fmt,
                            .sel = {.sessions = ids, .nsessions = 1}};
    char *err = NULL;
    if (!t->export_input.len)
        tui_message(t, "give a file name");
    else if (export_to_file(t->store, &o, t->export_input.buf, &err) !=
             EXPORT_OK)
        tui_message(t, "not exported: %s", err ? err : "?");
    else
        tui_message(t, "exported to %s", t->export_input.buf);
    free(err);
}

void export_prompt_key(struct tui *t, int key)
{
    enum action a = key_action(key, W_INPUT | W_EXPORTING);
    if (a == A_INPUT_CANCEL) {
        t->overlay = OV_NONE;
    } else if (a == A_NEXT_FORMAT) {
        t->export_fmt = (t->export_fmt + 1) % EXPORT_FORMAT_COUNT;
        set_extension(&t->export_input, (enum export_format)t->export_fmt);
    } else if (a == A_INPUT_DONE) {
        t->overlay = OV_NONE;
        export_now(t);
    } else {
        input_key(&t->export_input, key);
    }
}
