#include "crypto/KeyDerivation.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <memory>
#include <new>
#include <stdexcept>

namespace binhan::crypto {

namespace {

constexpr std::size_t kMaxInfoSize = 1024;        // OpenSSL's HKDF limit
constexpr std::size_t kMaxOutputSize = 255 * 32;  // RFC 5869: 255 × HashLen

// Fetched once and never freed (see FieldCipher.cpp on why not at exit).
EVP_KDF* hkdf() {
    static EVP_KDF* const kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
    if (kdf == nullptr) throw std::runtime_error("OpenSSL provides no HKDF");
    return kdf;
}

OSSL_PARAM octets(const char* name, const void* data, std::size_t size) {
    return OSSL_PARAM_construct_octet_string(name, const_cast<void*>(data), size);
}

}  // namespace

SecretBytes hkdfSha256(const SecretBytes& inputKey, const std::string& salt,
                       const std::string& info, std::size_t length) {
    if (inputKey.empty()) throw std::invalid_argument("HKDF needs an input key");
    if (info.size() > kMaxInfoSize) throw std::invalid_argument("HKDF info too long");
    if (length == 0 || length > kMaxOutputSize) throw std::invalid_argument("bad HKDF length");

    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> context(EVP_KDF_CTX_new(hkdf()),
                                                                      &EVP_KDF_CTX_free);
    if (!context) throw std::bad_alloc();
    char digest[] = "SHA256";
    OSSL_PARAM params[5];
    OSSL_PARAM* p = params;
    *p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    *p++ = octets(OSSL_KDF_PARAM_KEY, inputKey.data(), inputKey.size());
    if (!salt.empty()) *p++ = octets(OSSL_KDF_PARAM_SALT, salt.data(), salt.size());
    if (!info.empty()) *p++ = octets(OSSL_KDF_PARAM_INFO, info.data(), info.size());
    *p = OSSL_PARAM_construct_end();

    SecretBytes out(length);
    if (EVP_KDF_derive(context.get(), out.data(), out.size(), params) != 1)
        throw std::runtime_error("HKDF-SHA256 failed");
    return out;  // the context's copy of the key is cleansed by EVP_KDF_CTX_free
}

SecretBytes deriveKey(const SecretBytes& master, const std::string& purpose) {
    if (purpose.empty()) throw std::invalid_argument("a derived key needs a purpose");
    return hkdfSha256(master, std::string(), purpose, kDerivedKeySize);
}

}  // namespace binhan::crypto
