#include "crypto/KeyRing.h"

#include <stdexcept>

#include "crypto/SecureRandom.h"

namespace binhan::crypto {

void KeyRing::add(std::uint32_t version, SecretBytes key) {
    if (key.size() != kKeySize) throw std::invalid_argument("master key must be 32 bytes");
    if (version == 0 || keys_.count(version)) throw std::invalid_argument("bad key version");
    keys_.emplace(version, std::move(key));
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

KeyRing newKeyRing() {
    KeyRing ring;
    ring.add(1, randomSecret(KeyRing::kKeySize));
    return ring;
}

}  // namespace binhan::crypto
