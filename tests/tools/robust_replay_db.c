/* robust_replay_db.c - the fuzz target tests/fuzz/fuzz_db.c run without
 * libFuzzer, on its saved regressions and seeded mutations of them (see
 * replay_main.h); for tests/cli/robust_fuzz_replay.sh. */
#include "fuzz/fuzz_db.c"
#include "tools/replay_main.h"
