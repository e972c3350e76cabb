/* robust_replay_text.c - the fuzz target tests/fuzz/fuzz_text.c run without
 * libFuzzer, on its saved regressions, the seeds and seeded mutations of
 * them (see replay_main.h); for tests/cli/robust_fuzz_replay.sh. */
#include "fuzz/fuzz_text.c"
#include "tools/replay_main.h"
