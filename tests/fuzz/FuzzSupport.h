#pragma once
// The libFuzzer targets of tests/fuzz (issue 10), as plain functions so that two builds share
// them: the clang fuzz build (BINHAN_FUZZ=ON, ops/fuzz) wraps each in LLVMFuzzerTestOneInput,
// and the ordinary unit_tests replays every file of tests/fuzz/corpus/<target>/ through the
// same function (tests/unit/fuzz/FuzzCorpus_test.cpp), so a crash once found stays fixed under
// g++ and ASan too, on machines without clang.
//
// Each function takes arbitrary bytes and returns 0. An input the code under test refuses the
// way its contract says (core::Error, the documented exception type) is fine; anything else —
// another exception escaping, a broken invariant (FUZZ_CHECK), a sanitizer report — is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace binhan::fuzz {

// JSON request bodies: the first byte picks the body type, the second the caller and case.
int requestBody(const std::uint8_t* data, std::size_t size);
// "METHOD /path" against the real route table (src/http/Routes.cpp).
int routeMatch(const std::uint8_t* data, std::size_t size);
// Sealed values: field ciphertexts, wrapped case keys, backup files; the first byte picks.
int sealedValue(const std::uint8_t* data, std::size_t size);
// Audit entry canonical bytes and checkpoint lines; the first byte picks.
int auditEntry(const std::uint8_t* data, std::size_t size);
// A raw HTTP request: head, framing, chunked body (http/Framing.h).
int requestHead(const std::uint8_t* data, std::size_t size);
// An uploaded evidence file through its metadata filter (core/attachment/MetadataFilter.h).
int imageFilter(const std::uint8_t* data, std::size_t size);

struct Target {
    const char* name;  // tests/fuzz/<name>_fuzz.cpp, tests/fuzz/corpus/<name>/
    int (*run)(const std::uint8_t*, std::size_t);
};
inline const std::vector<Target>& targets() {
    static const std::vector<Target> all = {
        {"request_body", requestBody}, {"route_match", routeMatch},
        {"sealed_value", sealedValue}, {"audit_entry", auditEntry},
        {"request_head", requestHead}, {"image_filter", imageFilter}};
    return all;
}

}  // namespace binhan::fuzz

// A broken invariant: says which, then aborts (libFuzzer keeps the input as a crash).
#define FUZZ_CHECK(condition)                                                              \
    do {                                                                                   \
        if (!(condition)) {                                                                \
            std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n", __FILE__, __LINE__, \
                         #condition);                                                      \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)

// In the libFuzzer build only: the entry point libFuzzer calls.
#ifdef BINHAN_LIBFUZZER
#define BINHAN_FUZZ_ENTRY(function)                                                     \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { \
        return function(data, size);                                                    \
    }
#else
#define BINHAN_FUZZ_ENTRY(function)
#endif
