// Replays every file of tests/fuzz/corpus/<target>/ — the seeds and each input a fuzzer once
// crashed on — through the fuzz targets' own functions (tests/fuzz/FuzzSupport.h), compiled
// here without libFuzzer. So a bug ops/fuzz found stays fixed in every ordinary test run, under
// g++ and under ASan + UBSan, on machines without clang. A regression aborts (FUZZ_CHECK or a
// sanitizer) or throws out of the target, and this test fails naming the file.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <catch2/catch.hpp>

#include "fuzz/FuzzSupport.h"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> corpusFiles(const std::string& target) {
    std::vector<fs::path> files;
    for (const auto& entry :
         fs::directory_iterator(fs::path(BINHAN_SOURCE_DIR) / "tests/fuzz/corpus" / target))
        if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::uint8_t> bytesOf(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("Every fuzz seed and kept crash input runs clean through its target (issue 10)") {
    for (const auto& target : binhan::fuzz::targets()) {
        const auto files = corpusFiles(target.name);
        INFO("target " << target.name);
        CHECK(files.size() >= 3);  // a target without seeds starts from nothing
        for (const auto& file : files) {
            INFO("input tests/fuzz/corpus/" << target.name << "/" << file.filename().string());
            const auto bytes = bytesOf(file);
            CHECK(target.run(bytes.data(), bytes.size()) == 0);
        }
    }
}
