/* robust_replay_keyin.c - the fuzz target tests/fuzz/fuzz_keyin.c run
 * without libFuzzer, on its saved regressions, the seeds and seeded
 * mutations of them (see replay_main.h); for tests/cli/robust_fuzz_replay.sh.
 */
#include "fuzz/fuzz_keyin.c"
#include "tools/replay_main.h"
