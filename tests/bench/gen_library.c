/* gen_library.c - writes a synthetic module library for the benchmarks.
 *
 *   gen_library SEED COUNT DIR
 *
 * Writes COUNT schema-1 modules into DIR (created if missing) as
 * gen-NNNNN.yaml, plus a copy of nothing else: no skills.yaml, so every
 * file is a module. The same SEED and COUNT always give the same bytes.
 *
 * Each module looks like a real one: an id, title, summary, level, tags,
 * customers, two or three target skills, a scenario of 1 to 3 KB in
 * paragraphs wrapped at 72 columns (a `|` block), a video on half of them,
 * and the standard four questions, each with a time box, a model answer of
 * a few sentences, two to four key points and facilitator notes. The
 * sentences are recombined from a small bank written for this generator,
 * with names, roles and places drawn at random, and a little non-ASCII
 * text (curly quotes, accents, a dash) as in the shipped modules. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

/* splitmix64: small, fast and the same on every platform. */
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A number in [lo, hi]. */
static int between(int lo, int hi)
{
    return lo + (int)(rnd() % (uint64_t)(hi - lo + 1));
}

#define PICK(arr) (arr[rnd() % (sizeof arr / sizeof arr[0])])

static const char *const first_names[] = {
    "Daniel", "Hannah", "Amara",  "José",    "Mei",    "Priya", "Tomasz",
    "Leila",  "Kwame",  "Sofía",  "Ingrid",  "Rahul",  "Chloé", "Yusuf",
    "Noor",   "Elena",  "Marcus", "Aiko",    "Fatima", "Owen",  "Zanele",
    "Björn",  "Grace",  "Mateo",  "Anjali",  "Declan", "Rosa",  "Kenji",
    "Imani",  "Pavel",  "Lucía",  "Tariq",   "Helen",  "Sven",  "Adaeze",
    "Ruth",   "Omar",   "Céline", "Nikolai", "Bea"};

static const char *const roles[] = {"the internal medicine resident",
                                    "the emergency physician",
                                    "the trauma attending",
                                    "the charge nurse",
                                    "the CT technologist",
                                    "the MRI technologist",
                                    "the front-desk receptionist",
                                    "the scheduling coordinator",
                                    "the oncology fellow",
                                    "the surgical resident",
                                    "the pediatric nurse",
                                    "the PACS administrator",
                                    "the department manager",
                                    "the transport aide",
                                    "the referring nurse practitioner",
                                    "the patient's daughter",
                                    "the patient's father",
                                    "the ward clerk",
                                    "the interventional radiologist",
                                    "the night-float resident"};

static const char *const places[] = {"the reading room",
                                     "the CT control room",
                                     "the front desk",
                                     "the waiting room",
                                     "the fluoroscopy suite",
                                     "the MRI zone",
                                     "the emergency department",
                                     "the ward",
                                     "the procedure room",
                                     "the scheduling office",
                                     "the hallway outside ultrasound"};

static const char *const studies[] = {
    "a chest CT",           "a head CT",          "an abdominal MRI",
    "a portable film",      "a renal ultrasound", "a CT angiogram",
    "a barium swallow",     "a lumbar puncture",  "a pelvic ultrasound",
    "a knee MRI",           "a shoulder X-ray",   "a PET-CT",
    "a screening mammogram"};

static const char *const times[] = {
    "a little after nine",
    "just before midnight",
    "at the start of the morning list",
    "during the lunch rush",
    "late on a Friday afternoon",
    "in the middle of a busy night shift",
    "twenty minutes before handover",
    "while the department was short two technologists"};

static const char *const tags[] = {"on-call",
                                   "internal-customer",
                                   "external-customer",
                                   "patients",
                                   "families",
                                   "it",
                                   "scheduling",
                                   "technologists",
                                   "children",
                                   "communication",
                                   "handover",
                                   "equipment",
                                   "waiting",
                                   "safety",
                                   "referring-provider",
                                   "front-desk"};

static const char *const customers[] = {"internal medicine resident",
                                        "emergency physician",
                                        "trauma team",
                                        "patient",
                                        "patient's family",
                                        "technologist",
                                        "ward nurse",
                                        "front-desk staff",
                                        "referring surgeon",
                                        "scheduling office",
                                        "IT department",
                                        "purchasing office"};

static const char *const skills[] = {"reliability", "responsiveness",
                                     "assurance", "empathy", "tangibles"};

static const char *const levels[] = {"PGY1", "PGY2", "PGY3",
                                     "PGY4", "PGY5", "any"};

static const char *const nouns[] = {
    "promise",  "delay",     "callback", "protocol", "schedule",  "handover",
    "scanner",  "report",    "result",   "slot",     "contrast",  "order",
    "consent",  "page",      "queue",    "upgrade",  "complaint", "waiting",
    "question", "interview", "study",    "film",     "read",      "list"};

static const char *const adjectives[] = {
    "promised", "late",    "missing",  "refused", "urgent",   "quiet",
    "crowded",  "broken",  "second",   "unread",  "careful",  "frightened",
    "angry",    "patient", "friendly", "tired",   "hurried",  "uncertain",
    "delayed",  "overdue", "new",      "shared",  "critical", "routine"};

/* Sentence templates: %N a first name, %R a role, %P a place, %S a study,
 * %T a time. Each fills in fresh random values. */
static const char *const scenario_bank[] = {
    ("%N is a second-year resident covering %P on their own for the first "
     "time."),
    "%T, %R calls about %S that finished twenty minutes ago.",
    "“Of course — it’s the next thing I open,” %N says, and means it.",
    ("Before %N can open the study, an overhead page pulls everyone toward "
     "%P."),
    ("The next hour goes to a patient whose blood pressure keeps sliding, "
     "and the promise is forgotten."),
    "%R walks into %P, visibly upset, and asks why nobody called back.",
    "Nobody had told the family how long the wait would be, or why.",
    ("%N explains the protocol in a rush of technical words that the "
     "patient does not follow."),
    ("The scanner shows an error message and the morning list starts to "
     "back up."),
    "%R has already rescheduled %S twice this week.",
    ("A child in %P is crying, and the parent keeps asking the same "
     "question."),
    ("The printed instructions on the wall are out of date and contradict "
     "what the desk says."),
    ("%N says the department is “doing its best” and turns back to the "
     "screen."),
    ("Later, %N wonders whether a thirty-second phone call would have "
     "changed the whole evening."),
    ("%R points out that the order was placed hours ago and nothing has "
     "happened since."),
    ("Two teams need the same radiologist at the same moment, and each "
     "believes its patient comes first."),
    ("The technologist suggests a different protocol, and %N is not sure "
     "whether to agree."),
    ("An upgrade to the image archive was announced by e-mail the night "
     "before, and few people read it."),
    ("%N apologises, then promises a result “within the hour” without "
     "checking the queue."),
    ("The waiting room is full, the chairs are worn, and the television "
     "has been broken for a month."),
    "%R stops by later to say thank you, which %N did not expect.",
    ("By the time the report is signed, the patient has already been moved "
     "to another ward."),
    "%N remembers the argument more than the findings.",
    ("The group is asked to imagine the same evening from the point of view "
     "of %R.")};

static const char *const answer_bank[] = {
    ("%N is serving more than one customer at once, and each of them is "
     "relying on the department."),
    "%R is an internal customer: their patient depends on the read.",
    ("A promise sets an expectation; when it cannot be kept, the customer "
     "needs to hear that early."),
    "Reliability means doing what was promised, when it was promised.",
    ("Responsiveness is the willingness to help promptly, even when the "
     "answer is “not yet”."),
    "Assurance comes from knowledge and courtesy that inspire trust.",
    ("Empathy is caring, individual attention: naming the worry behind the "
     "question."),
    ("Tangibles are what people see: the room, the equipment, the printed "
     "instructions, the badge."),
    ("A short call to say “I am delayed by a trauma; I will call you by "
     "eleven” would have kept the relationship."),
    ("Keeping calm in front of the technologists protects the team as well "
     "as the patient."),
    ("Explaining the delay in plain words, without jargon, is part of the "
     "service."),
    ("Asking what the customer needs most, before offering a solution, "
     "avoids a second complaint."),
    "Following up afterwards turns a failure into a repaired relationship.",
    ("The technologist is a customer too: their question deserves a real "
     "answer, not a brush-off.")};

static const char *const notes_bank[] = {
    "Steer the group back to the person the promise was made to.",
    "Ask who else was affected: the patients, the staff who watched.",
    ("If the group jumps to blame, ask what a good first sentence would "
     "have been."),
    "Invite someone to role-play the phone call in thirty seconds.",
    "Point out the gap between what was said and what was done.",
    "Ask which of the five skills the group would practise first.",
    "Bring in the patient's view if nobody has mentioned it yet."};

static const char *const point_bank[] = {
    "Names the referring team as a customer",
    "Names the patient and family as customers",
    "Sees the broken promise as a reliability problem",
    "Proposes an early call to reset the expectation",
    "Explains without jargon",
    "Acknowledges the feeling before the facts",
    "Mentions following up afterwards",
    "Notices what the room and signs say to a visitor",
    "Offers a concrete time rather than “soon”",
    "Treats the technologist's question with respect"};

/* A growable string. */
struct buf {
    char *p;
    size_t n, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            fprintf(stderr, "gen_library: out of memory\n");
            exit(1);
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* Appends a template with its placeholders filled in. */
static void fill(struct buf *b, const char *tpl)
{
    for (const char *s = tpl; *s; s++) {
        if (*s != '%' || !s[1]) {
            put(b, s, 1);
            continue;
        }
        const char *v = NULL;
        switch (*++s) {
        case 'N':
            v = PICK(first_names);
            break;
        case 'R':
            v = PICK(roles);
            break;
        case 'P':
            v = PICK(places);
            break;
        case 'S':
            v = PICK(studies);
            break;
        case 'T':
            v = PICK(times);
            break;
        default:
            put(b, s - 1, 2);
            continue;
        }
        /* a sentence starts with a capital letter */
        if (s == tpl + 1 && v[0] >= 'a' && v[0] <= 'z') {
            char c = (char)(v[0] - 'a' + 'A');
            put(b, &c, 1);
            puts_(b, v + 1);
        } else {
            puts_(b, v);
        }
    }
}

/* Appends text as the body of a `|` block: wrapped at 72 columns (counted
 * in bytes, which is close enough), each line indented by `indent`
 * spaces; "\n\n" in text separates paragraphs. */
static void block(struct buf *out, const char *text, int indent)
{
    const char *p = text;
    while (*p) {
        const char *end = strstr(p, "\n\n");
        size_t plen = end ? (size_t)(end - p) : strlen(p);
        size_t col = 0;
        const char *w = p, *pend = p + plen;
        while (w < pend) {
            const char *we = w;
            while (we < pend && *we != ' ')
                we++;
            size_t wl = (size_t)(we - w);
            if (col > 0 && col + 1 + wl > 72) {
                puts_(out, "\n");
                col = 0;
            }
            if (col == 0) {
                for (int i = 0; i < indent; i++)
                    puts_(out, " ");
            } else {
                puts_(out, " ");
                col++;
            }
            put(out, w, wl);
            col += wl;
            w = we < pend ? we + 1 : we;
        }
        puts_(out, "\n");
        if (!end)
            break;
        puts_(out, "\n");
        p = end + 2;
    }
}

/* A paragraph of n sentences from bank. */
static void sentences(struct buf *b, const char *const *bank, size_t nbank,
                      int n)
{
    for (int i = 0; i < n; i++) {
        if (i)
            puts_(b, " ");
        fill(b, bank[rnd() % nbank]);
    }
}

/* A flow list of k distinct entries of arr (k <= n). */
static void flow_list(struct buf *out, const char *const *arr, size_t n, int k)
{
    int used[64] = {0};
    puts_(out, "[");
    for (int i = 0; i < k; i++) {
        size_t j;
        do
            j = rnd() % n;
        while (used[j]);
        used[j] = 1;
        if (i)
            puts_(out, ", ");
        puts_(out, arr[j]);
    }
    puts_(out, "]\n");
}

static const struct {
    const char *prompt, *kind;
} std_questions[4] = {
    {"Who is/are the customer(s)?", "customers"},
    {"Which customer-service skill(s) matter here?", "skills"},
    {"What did the resident do well?", "text"},
    {"What could the resident have done better?", "text"},
};

static void module(struct buf *out, long i)
{
    char line[256];
    const char *adj = PICK(adjectives), *noun = PICK(nouns);
    out->n = 0;
    snprintf(line, sizeof line,
             ("schema: 1\nid: gen-%05ld-%s-%s\ntitle: The %s %s (%ld)\n"
              "version: %d\n"),
             i, adj, noun, adj, noun, i, between(1, 9));
    puts_(out, line);
    puts_(out, "summary: ");
    fill(out, "%N and %R disagree about %S, %T.");
    puts_(out, "\n");
    snprintf(line, sizeof line, "level: %s\ntags: ", PICK(levels));
    puts_(out, line);
    flow_list(out, tags, sizeof tags / sizeof tags[0], between(1, 4));
    puts_(out, "customers: ");
    flow_list(out, customers, sizeof customers / sizeof customers[0],
              between(1, 3));
    puts_(out, "skills: ");
    flow_list(out, skills, 5, between(2, 3));

    /* the scenario: paragraphs of sentences until 1 to 3 KB */
    struct buf sc = {0};
    size_t target = (size_t)between(1024, 2900); /* + one sentence < 3 KB */
    for (int left = between(3, 6); sc.n < target; left--) {
        if (left == 0) { /* a new paragraph every 3 to 6 sentences */
            puts_(&sc, "\n\n");
            left = between(3, 6);
        } else if (sc.n) {
            puts_(&sc, " ");
        }
        fill(&sc, PICK(scenario_bank));
    }
    puts_(out, "scenario: |\n");
    block(out, sc.p, 2);
    free(sc.p);

    if (rnd() % 2) {
        snprintf(line, sizeof line,
                 ("video:\n  url: https://videos.example.org/pbl/%ld\n"
                  "  title: Role-play of scenario %ld\n  minutes: %d\n"),
                 i, i, between(2, 9));
        puts_(out, line);
    }
    puts_(out, "questions:\n");
    for (int q = 0; q < 4; q++) {
        snprintf(line, sizeof line,
                 ("  - prompt: %s\n    kind: %s\n    minutes: %d\n"
                  "    answer: |\n"),
                 std_questions[q].prompt, std_questions[q].kind, between(3, 8));
        puts_(out, line);
        struct buf a = {0};
        sentences(&a, answer_bank, sizeof answer_bank / sizeof answer_bank[0],
                  between(3, 6));
        block(out, a.p, 6);
        puts_(out, "    points:\n");
        for (int k = between(2, 4); k > 0; k--) {
            puts_(out, "      - ");
            puts_(out, PICK(point_bank));
            puts_(out, "\n");
        }
        puts_(out, "    notes: |\n");
        a.n = 0;
        sentences(&a, notes_bank, sizeof notes_bank / sizeof notes_bank[0],
                  between(1, 3));
        block(out, a.p, 6);
        free(a.p);
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gen_library SEED COUNT DIR\n");
        return 2;
    }
    unsigned long long seed = strtoull(argv[1], NULL, 10);
    long count = atol(argv[2]);
    const char *dir = argv[3];
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_library: cannot create %s: %s\n", dir,
                strerror(errno));
        return 1;
    }
    struct buf out = {0};
    for (long i = 0; i < count; i++) {
        /* each module from its own seed: module i is the same in every
         * library size, so the sizes differ only in how many there are */
        rng_state = seed * 1000003ULL + (unsigned long long)i;
        module(&out, i);
        char path[4096];
        snprintf(path, sizeof path, "%s/gen-%05ld.yaml", dir, i);
        FILE *f = fopen(path, "w");
        if (!f || fwrite(out.p, 1, out.n, f) != out.n || fclose(f) != 0) {
            fprintf(stderr, "gen_library: cannot write %s: %s\n", path,
                    strerror(errno));
            return 1;
        }
    }
    free(out.p);
    return 0;
}
