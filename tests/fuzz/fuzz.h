/* fuzz.h - shared by the libFuzzer targets in tests/fuzz/.
 *
 * Each target is built with clang -fsanitize=fuzzer,address,undefined
 * against the library (see `make fuzz`). Besides the sanitizers, each
 * checks properties of the results with CHECK(): a broken property aborts
 * with a message, which libFuzzer reports as a crash and saves the input
 * that caused it. */
#ifndef PBL_FUZZ_H
#define PBL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond, ...)                                                       \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: property broken: %s: ", __FILE__,          \
                    __LINE__, #cond);                                          \
            fprintf(stderr, __VA_ARGS__);                                      \
            fputc('\n', stderr);                                               \
            abort();                                                           \
        }                                                                      \
    } while (0)

/* Prints n bytes of s to stderr, escaped, for the report of a broken
 * property (at most 300 bytes). */
static inline void fuzz_show(const char *what, const char *s, size_t n)
{
    fprintf(stderr, "%s (%zu bytes): \"", what, n);
    for (size_t i = 0; i < n && i < 300; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n')
            fputs("\\n", stderr);
        else if (c < 0x20 || c == 0x7F || c == '"' || c == '\\')
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
    fprintf(stderr, "\"%s\n", n > 300 ? "..." : "");
}

#endif
