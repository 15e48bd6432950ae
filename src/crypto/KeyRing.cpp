#include "crypto/KeyRing.h"

#include <stdexcept>

#include "crypto/SecureRandom.h"

namespace binhan::crypto {

void KeyRing::add(std::uint32_t version, SecretBytes key) {
    if (key.size() != kKeySize) throw std::invalid_argument("master key must be 32 bytes");
    if (version == 0 || keys_.count(version) || derivationOnly_.count(version))
        throw std::invalid_argument("bad key version");
    if (!derivationOnly_.empty() && version < derivationOnly_.begin()->first)
        throw std::invalid_argument("a key version below the derivation root");
    keys_.emplace(version, std::move(key));
}

void KeyRing::addDerivationOnly(std::uint32_t version, SecretBytes key) {
    if (key.size() != kKeySize) throw std::invalid_argument("master key must be 32 bytes");
    if (version == 0 || !derivationOnly_.empty() || keys_.count(version))
        throw std::invalid_argument("bad derivation-only key version");
    if (!keys_.empty() && keys_.begin()->first < version)
        throw std::invalid_argument("a derivation-only key must be the lowest version");
    derivationOnly_.emplace(version, std::move(key));
}

std::uint32_t KeyRing::currentVersion() const {
    if (keys_.empty()) throw std::logic_error("key ring is empty");
    return keys_.rbegin()->first;
}

const SecretBytes& KeyRing::key(std::uint32_t version) const {
    auto it = keys_.find(version);
    if (it == keys_.end()) throw std::out_of_range("no master key of that version");
    return it->second;
}

std::uint32_t KeyRing::derivationRootVersion() const {
    if (!derivationOnly_.empty()) return derivationOnly_.begin()->first;
    if (keys_.empty()) throw std::logic_error("key ring is empty");
    return keys_.begin()->first;
}

const SecretBytes& KeyRing::derivationRoot() const {
    if (!derivationOnly_.empty()) return derivationOnly_.begin()->second;
    if (keys_.empty()) throw std::logic_error("key ring is empty");
    return keys_.begin()->second;
}

std::uint32_t KeyRing::addNewVersion() {
    const std::uint32_t version = currentVersion() + 1;
    if (version == 0) throw std::overflow_error("no master key version left");
    add(version, randomSecret(kKeySize));
    return version;
}

void KeyRing::retire(std::uint32_t version) {
    auto it = keys_.find(version);
    if (it == keys_.end() || version == currentVersion())
        throw std::invalid_argument("only an older wrapping key version can be retired");
    if (version == derivationRootVersion()) derivationOnly_.emplace(version, it->second);
    keys_.erase(it);
}

KeyRing newKeyRing() {
    KeyRing ring;
    ring.add(1, randomSecret(KeyRing::kKeySize));
    return ring;
}

KeyRing mergeKeyRings(const KeyRing& held, const KeyRing& fromFile) {
    if (held.derivationRootVersion() != fromFile.derivationRootVersion() ||
        !held.derivationRoot().equals(fromFile.derivationRoot()))
        throw std::runtime_error("the key file's derivation root is not the one in use");
    KeyRing merged;
    const bool rootRetired = held.rootIsDerivationOnly() && fromFile.rootIsDerivationOnly();
    if (rootRetired) merged.addDerivationOnly(held.derivationRootVersion(), held.derivationRoot());
    for (const auto* ring : {&held, &fromFile})
        for (const auto& [version, key] : ring->keys()) {
            if (!merged.has(version)) {
                merged.add(version, key);
            } else if (!merged.key(version).equals(key)) {
                throw std::runtime_error("the key file holds other bytes for master key version " +
                                         std::to_string(version));
            }
        }
    if (!rootRetired && !merged.has(held.derivationRootVersion()))
        merged.add(held.derivationRootVersion(), held.derivationRoot());
    return merged;
}

}  // namespace binhan::crypto
