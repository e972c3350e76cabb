/* robust_replay_module.c - the fuzz target tests/fuzz/fuzz_module.c run without
 * libFuzzer, on its saved regressions, the seeds and seeded mutations of
 * them (see replay_main.h); for tests/cli/robust_fuzz_replay.sh. */
#include "fuzz/fuzz_module.c"
#include "tools/replay_main.h"
