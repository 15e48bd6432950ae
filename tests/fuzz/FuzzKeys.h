#pragma once
// Fixed, made-up keys and contexts shared by sealed_value_fuzz.cpp and make_seeds.cpp, so the
// seed corpus holds values that really decrypt and the fuzzer starts past the tag check.
// Test-only constants: no deployment ever uses them (real keys come from SecureRandom).
#include <cstdint>

#include "crypto/CaseKeys.h"
#include "crypto/FieldCipher.h"
#include "crypto/KeyRing.h"
#include "crypto/SecretBytes.h"

namespace binhan::fuzz {

inline crypto::SecretBytes filledKey(std::uint8_t byte) {
    crypto::SecretBytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i) key.data()[i] = byte;
    return key;
}

// The field key and context of "Field ciphertext" in docs/formats.md's example.
inline const crypto::SecretBytes& fuzzFieldKey() {
    static const crypto::SecretBytes key = filledKey(0x11);
    return key;
}
inline crypto::FieldContext fuzzFieldContext() {
    return {"survivor", 42, "full_name", 3};
}

// Master versions 1 and 2; wrapped case keys belong to case 7 under version 2.
inline const crypto::KeyRing& fuzzKeyRing() {
    static const crypto::KeyRing ring = [] {
        crypto::KeyRing r;
        r.add(1, filledKey(0x21));
        r.add(2, filledKey(0x22));
        return r;
    }();
    return ring;
}
constexpr std::int64_t kFuzzCaseId = 7;
constexpr std::uint32_t kFuzzMasterVersion = 2;

inline const crypto::SecretBytes& fuzzBackupKey() {
    static const crypto::SecretBytes key = filledKey(0x33);
    return key;
}

}  // namespace binhan::fuzz
