/* stage_video.c - the video stage: the link large and readable, a QR code
 * of it for phones in the room, the module's local copy of the video
 * when it has one, and `o` to open it (fork/exec of xdg-open, or of
 * PBL_OPENER, never a shell). */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pbl/qr.h"
#include "pbl/text.h"
#include "tui.h"

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

/* The system's opener: PBL_OPENER when set (a program's name or path,
 * for tests and unusual desktops), else xdg-open. */
static const char *opener(void)
{
    const char *o = getenv("PBL_OPENER");
    return o && *o ? o : "xdg-open";
}

/* Opens url (a link or a file's path) with the opener in the background,
 * detached: a new session without the terminal (setsid), so an opener
 * that falls back to a text browser on /dev/tty cannot scribble over the
 * screen, and its standard streams on /dev/null. The child is reaped by
 * open_url_reap; fork and exec with the target as one argument, never a
 * shell, so no text of a module is ever a command. */
void open_url(struct tui *t, const char *url)
{
    const char *prog = opener();
    if (strchr(prog, '/') ? access(prog, X_OK) != 0 : !on_path(prog)) {
        tui_message(t,
                    "no opener found (%s is not installed); the "
                    "link is on the screen",
                    prog);
        return;
    }
    pid_t pid = fork();
    if (pid < 0) {
        tui_message(t, "could not start %s: %s", prog, strerror(errno));
        return;
    }
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        setsid();
        if (fd >= 0) {
            dup2(fd, STDIN_FILENO);
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            if (fd > STDERR_FILENO)
                close(fd);
        }
        char *const argv[] = {(char *)prog, (char *)url, NULL};
        execvp(prog, argv);
        _exit(127);
    }
    tui_message(t, url[0] == '/' || !strstr(url, "://")
                       ? "opening the video file…"
                       : "opening the video in a browser…");
}

/* `o` on the video stage: the module's local file when it is there (a
 * room without internet), else the link. */
void open_video(struct tui *t, const struct pbl_module *m)
{
    char path[4096];
    if (module_video_file_exists(m) &&
        module_video_path(m, path, sizeof path) == 0)
        open_url(t, path);
    else
        open_url(t, m->video.url);
}

/* Reaps every opener that has ended (no zombie is left per press of `o`)
 * and says on the status line when one failed. Called from the main loop,
 * which wakes at least once a second. */
void open_url_reap(struct tui *t)
{
    int status;
    pid_t pid;
    const char *prog = opener();
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            tui_message(t,
                        "could not open the video: %s could not be "
                        "run; the link is on the screen",
                        prog);
        else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
            tui_message(t,
                        "could not open the video: %s failed (exit "
                        "status %d); the link is on the screen",
                        prog, WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
            tui_message(t,
                        "could not open the video: %s was killed "
                        "(signal %d); the link is on the screen",
                        prog, WTERMSIG(status));
    }
}

/* The title, the link and how to open it; beside the QR code when the
 * screen is too short to stack them. */
void stage_video_draw(struct tui *t, int top, int bottom)
{
    const struct pbl_module *m =
        session_module(t->sess, session_stage(t->sess).modpos);
    int mg = theme_margin(t), w = t->cols - 2 * mg;
    struct pbl_qr qr;
    /* light modules as blocks on dark backgrounds, so the code reads as
     * dark-on-light whatever the terminal's colours */
    bool have_qr =
        !t->ascii &&
        qr_render(m->video.url, t->theme != theme_find("light"), &qr) == 0;
    bool beside =
        have_qr && top + 6 + (int)qr.nlines > bottom && qr.cols + 30 <= w;
    int tw = beside ? w - qr.cols - 2 : w;
    char line[256];
    snprintf(line, sizeof line, "%s",
             m->video.title ? m->video.title : "Video");
    if (m->video.minutes)
        snprintf(line + strlen(line), sizeof line - strlen(line), " · %d min",
                 m->video.minutes);
    int y = top + draw_wrapped(t, top, mg, tw, 3, 0, E_HEADING, line) + 1;
    int uw = text_width(m->video.url, strlen(m->video.url));
    int ux = uw < tw ? mg + (tw - uw) / 2 : mg;
    if (uw <= tw) { /* on one line: the console can make it clickable */
        t->link = m->video.url;
        t->link_y = y;
        t->link_x = ux;
    }
    y += draw_wrapped(t, y, ux, tw, 3, 0, E_LINK, m->video.url) + 1;
    if (m->video.file) { /* the local copy, for a room without internet */
        bool here = module_video_file_exists(m);
        snprintf(line, sizeof line, "File: %s%s", m->video.file,
                 here ? "" : " (not found)");
        y += draw_wrapped(t, y, mg, tw, 2, 0, here ? E_NORMAL : E_MISSED, line);
    }
    y += draw_wrapped(t, y, mg, tw, 3, 0, E_DIM,
                      m->video.file && module_video_file_exists(m)
                          ? "o plays the file here · or scan the code with a "
                            "phone"
                          : "o opens it here · or scan the code with a phone") +
         1;
    if (!have_qr) {
        draw_text(t, y, mg, tw, E_DIM,
                  t->ascii ? "(the QR code needs a UTF-8 terminal)"
                           : "(no QR code: the link is too long)");
        return;
    }
    int qy = beside ? top : y,
        qx = beside ? mg + w - qr.cols : (t->cols - qr.cols) / 2;
    if (qy + (int)qr.nlines > bottom) {
        draw_text(t, y, mg, tw, E_DIM,
                  "(make the window taller to show the QR code)");
    } else {
        for (size_t i = 0; i < qr.nlines; i++)
            draw_text(t, qy + (int)i, qx, qr.cols, E_NORMAL, qr.lines[i]);
    }
    qr_free(&qr);
}
