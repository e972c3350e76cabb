/* robust_replay_export.c - the fuzz target tests/fuzz/fuzz_export.c (the
 * export formats' escapers) run without libFuzzer, on its saved
 * regressions, the seeds and seeded mutations of them (see
 * replay_main.h); for tests/cli/robust_fuzz_replay.sh. */
#include "fuzz/fuzz_export.c"
#include "tools/replay_main.h"
