/* cmd_new.c - `pbl new ID`: a commented module template that validates. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pbl/cli.h"
#include "pbl/module.h"

static const char template_text[] =
    "# A pbl scenario module (schema 1). Every key is described in\n"
    "# modules/README.md. Check your work with: pbl validate %s.yaml\n"
    "# Every name in this module is fictional; it holds no patient "
    "identifiers.\n"
    "schema: 1\n"
    "id: %s                 # a-z, 0-9 and '-'; the file name without .yaml\n"
    "title: A short title for the scenario\n"
    "version: 1             # add 1 whenever the text changes\n"
    "summary: One line that tells a facilitator what the scenario is about.\n"
    "level: any             # optional: PGY1 ... PGY5, or any\n"
    "tags: [internal-customer]\n"
    "customers:             # who the model answer names; a customer with\n"
    "  - patient            # other names that also count is written as:\n"
    "  - {name: referring clinician, aliases: [ordering physician]}\n"
    "skills: [reliability, empathy]  # reliability, responsiveness,\n"
    "                                # assurance, empathy, tangibles\n"
    "focus: reliability     # the primary skill: one of the skills above\n"
    "objectives:            # what a resident should be able to do after\n"
    "  - Keep a promise to a referring clinician, or say early when it slips\n"
    "# milestones: [ICS2, PROF2]  # ACGME ids listed in "
    "modules/milestones.yaml;\n"
    "#                            # pbl validate checks them when that file "
    "is\n"
    "#                            # beside this one or on the module path\n"
    "# prework: |           # to read before the session; shown by pbl show\n"
    "#   A policy or article to read.\n"
    "# roles:               # role-play cards: what only that role knows\n"
    "#   - name: The patient\n"
    "#     knows: |\n"
    "#       What this role knows that the others do not.\n"
    "scenario: |\n"
    "  Write the scenario here: who is involved, what happens, and where\n"
    "  it goes wrong. A blank line starts a new paragraph.\n"
    "# scenario_minutes: 5  # optional time box for reading the scenario\n"
    "# video: {url: https://example.org/video, title: Scenario video, minutes: "
    "3}\n"
    "questions:\n"
    "  - prompt: Who is/are the customer(s)?\n"
    "    kind: customers    # customers, skills or text\n"
    "    minutes: 4         # optional time box\n"
    "    answer: |\n"
    "      The model answer: the customers, and why each is one.\n"
    "    points:            # optional key points, ticked off in a session\n"
    "      - The referring clinician\n"
    "    notes: |\n"
    "      Facilitator-only prompts: hidden unless asked for.\n"
    "  - prompt: What is/are the relevant customer service skill(s)?\n"
    "    kind: skills       # skills named here are judged against 'skills'\n"
    "    minutes: 4\n"
    "    answer: |\n"
    "      Reliability: why it matters in this scenario.\n"
    "  - prompt: What did the resident do well?\n"
    "    kind: text\n"
    "    minutes: 5\n"
    "    answer: |\n"
    "      What went well.\n"
    "  - prompt: How could the resident improve?\n"
    "    kind: text\n"
    "    minutes: 7\n"
    "    # judge_skills: true  # also judge the skills named on this question\n"
    "    answer: |\n"
    "      What could be done better, concretely.\n";

int cmd_new(struct pbl_cli *cli, int argc, char **argv)
{
    if (argc == 2 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return cli_help(cli, "new");
    if (argc != 2)
        return cli_usage_error(
            cli, "new", argc < 2 ? "give the new module's id" : "give one id");
    const char *id = argv[1], *bad = module_id_problem(id);
    if (id[0] == '-' && id[1])
        return cli_usage_error(cli, "new", "unknown option '%s'", id);
    if (bad)
        return cli_usage_error(cli, "new", "id '%s' %s", id, bad);
    char path[80];
    snprintf(path, sizeof path, "%s.yaml", id);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(cli->err, "pbl: cannot create %s: %s\n", path,
                errno == EEXIST ? "it exists already (not overwritten)"
                                : strerror(errno));
        return 1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        fprintf(cli->err, "pbl: cannot write %s: %s\n", path, strerror(errno));
        return 1;
    }
    fprintf(f, template_text, id, id);
    if (fclose(f) != 0) {
        fprintf(cli->err, "pbl: cannot write %s: %s\n", path, strerror(errno));
        unlink(path);
        return 1;
    }
    fprintf(cli->out, "wrote %s; edit it, then run: pbl validate %s\n", path,
            path);
    return 0;
}
