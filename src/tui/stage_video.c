/* stage_video.c - the video stage: the link large and readable, a QR code
 * of it for phones in the room, and `o` to open it (fork/exec of
 * xdg-open, never a shell). */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pbl/qr.h"
#include "pbl/text.h"
#include "tui.h"

extern char **environ;

/* Whether `prog` is an executable file on PATH. */
static bool on_path(const char *prog)
{
    const char *path = getenv("PATH");
    char buf[4096];
    while (path && *path) {
        size_t n = strcspn(path, ":");
        if (n && n + strlen(prog) + 2 < sizeof buf) {
            snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, prog);
            if (access(buf, X_OK) == 0)
                return true;
        }
        path += n + (path[n] == ':');
    }
    return false;
}

/* Opens url with xdg-open in the background; its output goes to
 * /dev/null so it cannot scribble over the screen. */
void open_url(struct tui *t, const char *url)
{
    if (!on_path("xdg-open")) {
        tui_message(t, "no opener found (xdg-open is not installed); the "
                       "link is on the screen");
        return;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY,
                                     0);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY,
                                     0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY,
                                     0);
    char *argv[] = {"xdg-open", (char *)url, NULL};
    pid_t pid;
    int rc = posix_spawnp(&pid, "xdg-open", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        tui_message(t, "could not start xdg-open: %s", strerror(rc));
    else
        tui_message(t, "opening the video in a browser…");
}

void stage_video_draw(struct tui *t, int top, int bottom)
{
    const struct pbl_module *m =
        session_module(t->sess, session_stage(t->sess).modpos);
    int mg = theme_margin(t), w = t->cols - 2 * mg;
    char line[256];
    snprintf(line, sizeof line, "%s",
             m->video.title ? m->video.title : "Video");
    if (m->video.minutes)
        snprintf(line + strlen(line), sizeof line - strlen(line), " · %d min",
                 m->video.minutes);
    draw_text(t, top, mg, w, E_HEADING, line);
    int uw = text_width(m->video.url, strlen(m->video.url));
    draw_text(t, top + 2, uw < w ? mg + (w - uw) / 2 : mg, w, E_LINK,
              m->video.url);
    draw_text(t, top + 3, mg, w, E_DIM,
              "o opens it here · or scan the code with a phone");
    struct pbl_qr qr;
    /* light modules as blocks on dark backgrounds, so the code reads as
     * dark-on-light whatever the terminal's colours */
    if (qr_render(m->video.url, t->theme != theme_find("light"), &qr) < 0) {
        draw_text(t, top + 5, mg, w, E_DIM,
                  "(no QR code: the link is too long)");
        return;
    }
    int y = top + 5, x = qr.cols < t->cols ? (t->cols - qr.cols) / 2 : 0;
    if (y + (int)qr.nlines > bottom) {
        draw_text(t, y, mg, w, E_DIM,
                  "(make the window taller to show the QR code)");
    } else {
        for (size_t i = 0; i < qr.nlines; i++)
            draw_text(t, y + (int)i, x, qr.cols, E_NORMAL, qr.lines[i]);
    }
    qr_free(&qr);
}
