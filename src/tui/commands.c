/* commands.c - the subcommands that open the console. */
#include "tui.h"

int cmd_home(struct pbl_cli *cli, int argc, char **argv)
{
    return tui_run(cli, argc, argv, TUI_HOME);
}

int cmd_facilitate(struct pbl_cli *cli, int argc, char **argv)
{
    return tui_run(cli, argc, argv, TUI_FACILITATE);
}

int cmd_resume(struct pbl_cli *cli, int argc, char **argv)
{
    return tui_run(cli, argc, argv, TUI_RESUME);
}

int cmd_study(struct pbl_cli *cli, int argc, char **argv)
{
    return tui_run(cli, argc, argv, TUI_STUDY);
}

int cmd_review(struct pbl_cli *cli, int argc, char **argv)
{
    return tui_run(cli, argc, argv, TUI_REVIEW);
}
