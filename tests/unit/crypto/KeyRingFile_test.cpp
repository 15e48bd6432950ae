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
    return (fs::temp_directory_path() / ("binhan-unit-" + std::to_string(::getpid()) + "-" + name))
        .string();
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

TEST_CASE("a retired root is saved derive-only and loads back as such",
          "[crypto][keys][rotation]") {
    initialiseCrypto();
    const std::string path = tempPath("retired");
    KeyRing ring = newKeyRing();
    ring.addNewVersion();
    ring.retire(1);
    KeyRingFile::save(path, ring);
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find(" derive-only\n") != std::string::npos);
    const KeyRing loaded = KeyRingFile::load(path);
    CHECK(loaded.rootIsDerivationOnly());
    CHECK(loaded.derivationRootVersion() == 1);
    CHECK(loaded.derivationRoot().equals(ring.derivationRoot()));
    CHECK_FALSE(loaded.has(1));
    CHECK(loaded.currentVersion() == 2);
    CHECK(loaded.key(2).equals(ring.key(2)));
    fs::remove(path);
}

TEST_CASE("a key file with an unknown key flag, or only a derive-only key, is refused",
          "[crypto][keys][rotation]") {
    initialiseCrypto();
    const std::string path = tempPath("flags");
    const std::string key = base64Encode(randomSecret(32).data(), 32);
    for (const std::string& body :
         {"key 1 " + key + " retired\n", "key 1 " + key + " derive-only extra\n",
          "key 1 " + key + " derive-only\n",
          "key 2 " + key + "\nkey 3 " + key + " derive-only\n"}) {
        {
            std::ofstream out(path, std::ios::trunc);
            out << "binhan-key-ring 1\n" << body;
        }
        ::chmod(path.c_str(), 0600);
        CHECK_THROWS_AS(KeyRingFile::load(path), std::runtime_error);
    }
    fs::remove(path);
}

TEST_CASE("a second process cannot lock the key file while one holds it",
          "[crypto][keys][rotation]") {
    const std::string path = tempPath("locked");
    {
        KeyRingLock first(path);
        // flock locks belong to the open file description: a second open conflicts, as a second
        // process would.
        CHECK_THROWS(KeyRingLock(path));
    }
    CHECK_NOTHROW(KeyRingLock(path));
    fs::remove(path + ".lock");
}
