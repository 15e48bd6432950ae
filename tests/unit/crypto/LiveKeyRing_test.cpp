// A running server's key ring follows the key file that `binhan keys rotate` changes (issue 9).
#include "crypto/LiveKeyRing.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "crypto/CaseKeys.h"
#include "crypto/KeyRingFile.h"
#include "crypto/SecureRandom.h"

using namespace binhan::crypto;
namespace fs = std::filesystem;

namespace {
std::string tempPath(const std::string& name) {
    return (fs::temp_directory_path() /
            ("binhan-unit-live-" + std::to_string(::getpid()) + "-" + name))
        .string();
}
}  // namespace

TEST_CASE("a key re-wrapped under a version added after start unwraps after a reload",
          "[crypto][keys][rotation]") {
    initialiseCrypto();
    const std::string path = tempPath("reload");
    KeyRing file = newKeyRing();
    KeyRingFile::save(path, file);
    auto live = LiveKeyRing::fromFile(path);
    const auto caseKey = newCaseKey();
    const auto underOne = wrapCaseKey(*live->forWrapping(), 5, caseKey);

    file.addNewVersion();  // what the rotation does, in another process
    KeyRingFile::save(path, file);
    const auto underTwo = rewrapCaseKey(file, 5, underOne);
    CHECK_FALSE(live->snapshot()->has(2));
    CHECK(unwrapCaseKey(*live->forVersion(2), 5, underTwo).equals(caseKey));
    CHECK(wrapCaseKey(*live->forWrapping(), 6, newCaseKey()).masterVersion == 2);

    file.retire(1);
    KeyRingFile::save(path, file);
    CHECK(live->forWrapping()->currentVersion() == 2);
    // Retired in the file, still held: a read that fetched the old wrapped key still succeeds.
    CHECK(unwrapCaseKey(*live->forVersion(1), 5, underOne).equals(caseKey));
    fs::remove(path);
}

TEST_CASE("new keys are wrapped under the file's current version without an unknown version first",
          "[crypto][keys][rotation]") {
    initialiseCrypto();
    const std::string path = tempPath("wrap");
    KeyRing file = newKeyRing();
    KeyRingFile::save(path, file);
    auto live = LiveKeyRing::fromFile(path);
    file.addNewVersion();
    KeyRingFile::save(path, file);
    // A key wrapped under 1 now could be missed by the rotation's count and lost at retirement.
    CHECK(live->forWrapping()->currentVersion() == 2);
    fs::remove(path);
}

TEST_CASE("a changed key file that cannot be used stops new keys, not reads",
          "[crypto][keys][rotation]") {
    initialiseCrypto();
    const std::string path = tempPath("foreign");
    KeyRing file = newKeyRing();
    KeyRingFile::save(path, file);
    auto live = LiveKeyRing::fromFile(path);
    const auto underOne = wrapCaseKey(file, 5, newCaseKey());
    KeyRing foreign = newKeyRing();  // another deployment's key file copied over ours
    foreign.addNewVersion();
    KeyRingFile::save(path, foreign);
    CHECK_THROWS_AS(live->forWrapping(), std::runtime_error);
    CHECK_NOTHROW(unwrapCaseKey(*live->forVersion(1), 5, underOne));
    CHECK_FALSE(live->forVersion(2)->has(2));  // refused, not merged
    fs::remove(path);
}

TEST_CASE("a fixed ring never reloads", "[crypto][keys][rotation]") {
    initialiseCrypto();
    LiveKeyRing live(newKeyRing());
    CHECK(live.forWrapping()->currentVersion() == 1);
    CHECK_FALSE(live.forVersion(2)->has(2));
}
