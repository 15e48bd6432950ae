#include "crypto/PasswordHasher.h"

#include <catch2/catch.hpp>

using binhan::crypto::PasswordHasher;

TEST_CASE("Argon2id hashes verify the right password only", "[crypto][password]") {
    PasswordHasher hasher;
    const std::string hash = hasher.hash("Mat-khau-thu-nghiem");
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("m=19456,t=2,p=1") != std::string::npos);  // OWASP minimum
    CHECK(hasher.verify("Mat-khau-thu-nghiem", hash));
    CHECK_FALSE(hasher.verify("Mat-khau-thu-nghiem ", hash));
    CHECK_FALSE(hasher.verify("Mat-khau-thu-nghiem", "not a hash"));
    CHECK(hasher.hash("same") != hasher.hash("same"));  // salted
}

TEST_CASE("weaker stored hashes are flagged for rehash", "[crypto][password]") {
    PasswordHasher weak(PasswordHasher::Cost{1, 8u * 1024 * 1024});
    PasswordHasher strong;
    CHECK(strong.needsRehash(weak.hash("x")));
    CHECK_FALSE(strong.needsRehash(strong.hash("x")));
}
