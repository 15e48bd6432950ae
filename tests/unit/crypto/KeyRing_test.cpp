// Master key versions through a rotation (issue 9): a new version becomes current, an old one
// is retired, and the derivation root (blind index, audit chain, TOTP) never changes.
#include "crypto/KeyRing.h"

#include <catch2/catch.hpp>

#include "crypto/CaseKeys.h"
#include "crypto/FieldCipher.h"
#include "crypto/SecureRandom.h"

using namespace binhan::crypto;

TEST_CASE("a rotation adds the next version, which wraps new case keys",
          "[crypto][keys][rotation]") {
    initialiseCrypto();
    KeyRing ring = newKeyRing();
    const SecretBytes root = ring.derivationRoot();
    const auto old = wrapCaseKey(ring, 7, newCaseKey());
    CHECK(ring.addNewVersion() == 2);
    CHECK(ring.currentVersion() == 2);
    CHECK(wrapCaseKey(ring, 8, newCaseKey()).masterVersion == 2);
    const auto moved = rewrapCaseKey(ring, 7, old);
    CHECK(moved.masterVersion == 2);
    CHECK(unwrapCaseKey(ring, 7, moved).equals(unwrapCaseKey(ring, 7, old)));
    CHECK(ring.derivationRootVersion() == 1);
    CHECK(ring.derivationRoot().equals(root));
}

TEST_CASE("retiring the oldest version keeps it for derivation only, later ones go",
          "[crypto][keys][rotation]") {
    initialiseCrypto();
    KeyRing ring = newKeyRing();
    const SecretBytes root = ring.derivationRoot();
    const auto underOne = wrapCaseKey(ring, 7, newCaseKey());
    ring.addNewVersion();
    CHECK_THROWS_AS(ring.retire(2), std::invalid_argument);  // the current one
    ring.retire(1);
    CHECK(ring.rootIsDerivationOnly());
    CHECK_FALSE(ring.has(1));
    CHECK(ring.keys().size() == 1);
    CHECK_THROWS_AS(ring.key(1), std::out_of_range);
    CHECK_THROWS_AS(unwrapCaseKey(ring, 7, underOne), std::out_of_range);  // wraps nothing now
    CHECK(ring.derivationRootVersion() == 1);
    CHECK(ring.derivationRoot().equals(root));
    CHECK_THROWS_AS(ring.retire(1), std::invalid_argument);  // already retired

    ring.addNewVersion();
    ring.retire(2);  // not the root: removed altogether
    CHECK(ring.keys().size() == 1);
    CHECK(ring.currentVersion() == 3);
    CHECK(ring.derivationRoot().equals(root));
}

TEST_CASE("a derivation-only key must be the lowest version", "[crypto][keys][rotation]") {
    initialiseCrypto();
    KeyRing ring;
    ring.add(2, randomSecret(32));
    CHECK_THROWS_AS(ring.addDerivationOnly(3, randomSecret(32)), std::invalid_argument);
    ring.addDerivationOnly(1, randomSecret(32));
    CHECK_THROWS_AS(ring.addDerivationOnly(0, randomSecret(32)), std::invalid_argument);
    CHECK(ring.derivationRootVersion() == 1);
    CHECK(ring.currentVersion() == 2);
    KeyRing rootOnly;
    rootOnly.addDerivationOnly(1, randomSecret(32));
    CHECK(rootOnly.empty());  // no key to wrap with
}

TEST_CASE("merging a rotated key file into a held ring keeps every version",
          "[crypto][keys][rotation]") {
    initialiseCrypto();
    KeyRing held = newKeyRing();
    KeyRing file = held;
    file.addNewVersion();
    file.retire(1);
    const KeyRing merged = mergeKeyRings(held, file);
    CHECK(merged.currentVersion() == 2);
    CHECK(merged.has(1));  // a read already under way may still unwrap under it
    CHECK(merged.key(2).equals(file.key(2)));
    CHECK(merged.derivationRoot().equals(held.derivationRoot()));
}

TEST_CASE("a key file that contradicts the held ring is not merged", "[crypto][keys][rotation]") {
    initialiseCrypto();
    KeyRing held = newKeyRing();
    held.addNewVersion();
    KeyRing otherRoot = newKeyRing();  // another deployment's
    otherRoot.addNewVersion();
    CHECK_THROWS_AS(mergeKeyRings(held, otherRoot), std::runtime_error);
    KeyRing otherTwo;
    otherTwo.add(1, held.key(1));
    otherTwo.add(2, randomSecret(32));  // version 2 with other bytes
    CHECK_THROWS_AS(mergeKeyRings(held, otherTwo), std::runtime_error);
}
