#include "crypto/KeyRingFile.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "crypto/SecureRandom.h"

using namespace binhan::crypto;
namespace fs = std::filesystem;

namespace {
std::string tempPath(const std::string& name) {
    return (fs::temp_directory_path() / ("binhan-unit-" + std::to_string(::getpid()) + "-" + name)).string();
}
}  // namespace

TEST_CASE("a key ring saved 0600 loads back with the same keys", "[crypto][keys]") {
    initialiseCrypto();
    const std::string path = tempPath("ring");
    KeyRing ring = newKeyRing();
    ring.add(2, randomSecret(32));
    KeyRingFile::save(path, ring);
    CHECK((fs::status(path).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    KeyRing loaded = KeyRingFile::load(path);
    CHECK(loaded.currentVersion() == 2);
    CHECK(loaded.key(1).equals(ring.key(1)));
    CHECK(loaded.key(2).equals(ring.key(2)));
    fs::remove(path);
}

TEST_CASE("a key file readable by others, or malformed, is refused", "[crypto][keys]") {
    initialiseCrypto();
    const std::string path = tempPath("open");
    KeyRingFile::save(path, newKeyRing());
    ::chmod(path.c_str(), 0644);
    CHECK_THROWS_WITH(KeyRingFile::load(path), Catch::Contains("readable by others"));
    std::ofstream(path) << "something else\n";
    ::chmod(path.c_str(), 0600);
    CHECK_THROWS_WITH(KeyRingFile::load(path), Catch::Contains("not a Bình An key file"));
    fs::remove(path);
    CHECK_THROWS_WITH(KeyRingFile::load(path), Catch::Contains("not found"));
}
