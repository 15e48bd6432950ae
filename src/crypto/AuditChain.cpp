#include "crypto/AuditChain.h"

#include <sodium.h>

#include <stdexcept>

namespace binhan::crypto {
namespace {

void requireKey(const SecretBytes& key, const char* what) {
    if (key.size() < kMinChainKeyBytes)
        throw std::invalid_argument(std::string(what) + " must be at least 32 bytes");
}

}  // namespace

Hash256 genesisHash() {
    return Hash256{};
}

Hash256 chainHash(const SecretBytes& chainKey, const Hash256& previousHash,
                  const AuditEntry& entry) {
    requireKey(chainKey, "audit chain key");
    const std::vector<std::uint8_t> bytes = canonicalBytes(entry);
    crypto_auth_hmacsha256_state state;
    Hash256 out{};
    crypto_auth_hmacsha256_init(&state, chainKey.data(), chainKey.size());
    crypto_auth_hmacsha256_update(&state, previousHash.data(), previousHash.size());
    crypto_auth_hmacsha256_update(&state, bytes.data(), bytes.size());
    crypto_auth_hmacsha256_final(&state, out.data());
    sodium_memzero(&state, sizeof state);
    return out;
}

Hash256 leafHash(const AuditEntry& entry) {
    const std::vector<std::uint8_t> bytes = canonicalBytes(entry);
    return merkleLeafHash(bytes.data(), bytes.size());
}

ChainVerifier::ChainVerifier(SecretBytes chainKey)
    : key_(std::move(chainKey)), head_(genesisHash()) {
    requireKey(key_, "audit chain key");
}

bool ChainVerifier::add(const AuditEntry& entry, const Hash256& storedHash) {
    if (firstBad_) return false;
    const std::int64_t expected = count_ + 1;
    if (entry.sequence != expected)
        return fail(expected, "expected sequence " + std::to_string(expected) + ", found " +
                                  std::to_string(entry.sequence) +
                                  (entry.sequence > expected ? " (entries missing)"
                                                             : " (repeated or out of order)"));
    Hash256 computed{};
    try {
        computed = chainHash(key_, head_, entry);
    } catch (const std::invalid_argument& e) {
        return fail(expected, std::string("malformed entry: ") + e.what());
    }
    if (sodium_memcmp(computed.data(), storedHash.data(), computed.size()) != 0)
        return fail(expected, "stored hash does not match the entry and the chain before it");
    head_ = computed;
    count_ = expected;
    return true;
}

bool ChainVerifier::fail(std::int64_t sequence, std::string reason) {
    firstBad_ = sequence;
    reason_ = "sequence " + std::to_string(sequence) + ": " + std::move(reason);
    return false;
}

}  // namespace binhan::crypto
