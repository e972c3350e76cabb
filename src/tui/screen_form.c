/* screen_form.c - the short form before a group session: group name (required),
 * facilitator, participants, the session plan's target length and the
 * workshop's frame (an opening and a closing stage). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbl/text.h"
#include "tui.h"

static const char *const labels[FORM_FIELDS] = {
    "Group name (required)", "Facilitator (optional)",
    "Participants (optional)", "Target length in minutes (%d when empty)"};

/* The rows of the form: the text fields, then the frame's checkbox. */
#define FORM_ROWS (FORM_FIELDS + 1)

/* The form's state: the row being typed or toggled (the fields themselves
 * are t->field, which the command line may fill in), and whether the
 * session opens and closes with the workshop's frame. */
struct form {
    int sel;
    bool frame;
};

static struct form *form_of(const struct tui *t)
{
    return screen_state(t, SCR_FORM);
}

void form_open(struct tui *t, bool empty)
{
    if (empty)
        memset(t->field, 0, sizeof t->field);
    form_of(t)->sel = 0;
    t->screen = SCR_FORM;
}

/* Self-study asks one thing: the resident's name. */
static void study_form_draw(struct tui *t)
{
    int m = theme_margin(t), w = t->cols - 2 * m;
    draw_title(t, 0, "Self-study");
    draw_wrapped(
        t, 2, m, w, 3, 0, E_DIM,
        "Your name is kept on this workstation so your progress can be "
        "shown; w on the module picker changes it.");
    draw_text(t, 5, m, w, E_HEADING, "Your name");
    static const struct key_hint hints[] = {
        HINT(A_START, "goes on"), HINT(A_BACK, "back"), HINT(A_HELP, "keys")};
    char status[200] = "";
    draw_status(t, t->msg[0] ? t->msg : KEY_HINTS(status, hints, true), NULL,
                E_STATUS);
    draw_input(t, 6, m, w > 60 ? 60 : w, &t->field[0], true);
}

static void form_draw(struct tui *t)
{
    struct form *f = form_of(t);
    int m = theme_margin(t), w = t->cols - 2 * m;
    if (t->study) {
        study_form_draw(t);
        return;
    }
    draw_title(t, 0, "Who is in this session?");
    char line[600];
    int len = snprintf(line, sizeof line, "Modules, in order:");
    for (size_t i = 0; i < t->npicked && len < (int)sizeof line; i++)
        len += snprintf(line + len, sizeof line - (size_t)len, " %zu. %s",
                        i + 1, t->lib.mods[t->picked[i]]->title);
    draw_wrapped(t, 2, m, w, 3, 0, E_DIM, line);
    int y = 6;
    for (int k = 0; k < FORM_FIELDS; k++, y += 3) {
        snprintf(line, sizeof line, labels[k], SESSION_DEFAULT_TARGET_MINUTES);
        if (k == 2 && attend_form_count(t))
            snprintf(line, sizeof line,
                     "Participants (and %zu from the roster, C-r)",
                     attend_form_count(t));
        draw_text(t, y, m, w, k == f->sel ? E_HEADING : E_NORMAL, line);
        if (k != f->sel)
            draw_input(t, y + 1, m, w > 60 ? 60 : w, &t->field[k], false);
    }
    draw_text(t, y, m, w, f->sel == FORM_FIELDS ? E_HEADING : E_NORMAL,
              f->frame ? "[x] Open with the five skills, close with the "
                         "parking lot (Space)"
                       : "[ ] Open with the five skills, close with the "
                         "parking lot (Space)");
    static const struct key_hint hints[] = {
        HINT(A_FIELD_NEXT, "next field"),
        HINT(A_START, "starts from Participants on"), HINT(A_BACK, "back"),
        HINT(A_HELP, "keys")};
    char status[200] = "";
    draw_status(t, t->msg[0] ? t->msg : KEY_HINTS(status, hints, true), NULL,
                E_STATUS);
    if (f->sel < FORM_FIELDS)
        draw_input(t, 7 + 3 * f->sel, m, w > 60 ? 60 : w, &t->field[f->sel],
                   true);
}

/* Trims spaces at both ends; returns NULL for an empty field. */
static const char *field_value(struct line_input *in)
{
    char *name = text_name(in->buf); /* never longer than the field */
    if (name) {
        snprintf(in->buf, sizeof in->buf, "%s", name);
        in->len = strlen(in->buf);
        free(name);
    }
    return in->buf[0] ? in->buf : NULL;
}

void form_start_session(struct tui *t)
{
    const char *group = field_value(&t->field[0]);
    if (!group) {
        form_of(t)->sel = 0;
        tui_message(t, "give the group a name first");
        return;
    }
    int target = session_parse_target(t->field[3].buf);
    if (target < 0) {
        form_of(t)->sel = 3;
        tui_message(t,
                    "the target length is a whole number of minutes, "
                    "1 to %d",
                    SESSION_MAX_TARGET_MINUTES);
        return;
    }
    const struct pbl_module **mods = calloc(t->npicked, sizeof *mods);
    if (!mods)
        return;
    for (size_t i = 0; i < t->npicked; i++)
        mods[i] = t->lib.mods[t->picked[i]];
    struct store_session_new n = {
        .kind = STORE_GROUP,
        .group_name = group,
        .facilitator = field_value(&t->field[1]),
        .participants = field_value(&t->field[2]),
        .target_minutes = target,
        .frame =
            form_of(t)->frame ? STORE_FRAME_OPENING | STORE_FRAME_CLOSING : 0,
        .modules = mods,
        .nmodules = t->npicked,
    };
    struct pbl_session *s;
    char *err = NULL;
    if (session_start(t->store, &n, &s, &err) < 0) {
        tui_message(t, "cannot start the session: %s", err);
        free(err);
    } else {
        form_of(t)->frame = false; /* the next session asks again */
        tui_open_session(t, s);
        attend_session_started(t);
        stage_entered(t);
    }
    free(mods);
}

static void form_key(struct tui *t, int key, enum action a)
{
    struct form *f = form_of(t);
    if (t->study) {
        if (a == A_START)
            selfstudy_name_entered(t, field_value(&t->field[0]));
        else if (a == A_BACK && t->resident)
            selfstudy_after_finish(t); /* `w` changed its mind: the picker */
        else if (a == A_BACK)
            home_enter(t);
        else
            input_key(&t->field[0], key);
        return;
    }
    switch (a) {
    case A_FIELD_NEXT:
        f->sel = (f->sel + 1) % FORM_ROWS;
        return;
    case A_FIELD_PREV:
        f->sel = (f->sel + FORM_ROWS - 1) % FORM_ROWS;
        return;
    case A_START: /* the rows after the participants are optional */
        if (f->sel < 2)
            f->sel++;
        else
            form_start_session(t);
        return;
    case A_BACK:
        t->screen = SCR_PICKER;
        return;
    case A_ROSTER:
        attend_open(t, ATTEND_FORM);
        return;
    default:
        break;
    }
    if (f->sel == FORM_FIELDS) { /* the frame's checkbox */
        if (key == ' ' || key == 'y' || key == 'n')
            f->frame = key == ' ' ? !f->frame : key == 'y';
        return;
    }
    struct line_input *in = &t->field[f->sel];
    input_key(in, key);
}

static unsigned form_where(const struct tui *t)
{
    return W_FORM;
}

/* Every printable key is typed into a field. */
static enum screen_input form_input(const struct tui *t)
{
    return INPUT_TEXT;
}

const struct screen_ops form_screen = {
    .draw = form_draw,
    .key = form_key,
    .where = form_where,
    .input = form_input,
    .state_size = sizeof(struct form),
};
