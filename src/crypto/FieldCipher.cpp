#include "crypto/FieldCipher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <new>

namespace binhan::crypto {

namespace {

constexpr char kFieldPurpose[] = "field";

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// Fetched once: an explicit fetch spares OpenSSL 3 a provider lookup on every call. Never freed,
// because OpenSSL's own exit handler may run before static destructors would.
const EVP_CIPHER* aes256Gcm() {
    static EVP_CIPHER* const cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    if (cipher == nullptr) throw std::runtime_error("OpenSSL provides no AES-256-GCM");
    return cipher;
}

CipherContext newContext() {
    CipherContext context(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!context) throw std::bad_alloc();
    return context;
}

void checkKey(const SecretBytes& key) {
    if (key.size() != kSealKeySize) throw std::invalid_argument("AES-256-GCM key must be 32 bytes");
}

// EVP takes lengths as int.
int evpLength(std::size_t size) {
    if (size > static_cast<std::size_t>(INT_MAX)) throw std::invalid_argument("input too large");
    return static_cast<int>(size);
}

void checkName(const std::string& name) {
    if (name.empty()) throw std::invalid_argument("field context needs a table and a field name");
}

}  // namespace

namespace sealed {

void appendText(std::vector<std::uint8_t>& out, const std::string& text) {
    if (text.size() > UINT32_MAX) throw std::invalid_argument("associated text too long");
    appendU32(out, static_cast<std::uint32_t>(text.size()));
    out.insert(out.end(), text.begin(), text.end());
}

void appendU32(std::vector<std::uint8_t>& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(value >> shift));
}

void appendI64(std::vector<std::uint8_t>& out, std::int64_t value) {
    const auto bits = static_cast<std::uint64_t>(value);  // two's complement
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(bits >> shift));
}

std::vector<std::uint8_t> seal(const SecretBytes& key, const std::vector<std::uint8_t>& aad,
                               const std::uint8_t* plaintext, std::size_t size) {
    checkKey(key);
    const int textLength = evpLength(size);
    const int aadLength = evpLength(aad.size());
    std::vector<std::uint8_t> out(kSealOverhead + size);
    out[0] = kSealFormatVersion;
    std::uint8_t* nonce = out.data() + 1;
    std::uint8_t* ciphertext = nonce + kSealNonceSize;
    std::uint8_t* tag = ciphertext + size;
    randombytes_buf(nonce, kSealNonceSize);

    CipherContext context = newContext();
    EVP_CIPHER_CTX* c = context.get();
    int written = 0;
    const bool ok =
        EVP_EncryptInit_ex2(c, aes256Gcm(), key.data(), nonce, nullptr) == 1 &&
        (aadLength == 0 || EVP_EncryptUpdate(c, nullptr, &written, aad.data(), aadLength) == 1) &&
        (textLength == 0 ||
         EVP_EncryptUpdate(c, ciphertext, &written, plaintext, textLength) == 1) &&
        EVP_EncryptFinal_ex(c, tag, &written) == 1 &&
        EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kSealTagSize), tag) == 1;
    if (!ok) throw std::runtime_error("AES-256-GCM encryption failed");
    return out;
}

std::size_t openedSize(std::size_t sealedSize) {
    if (sealedSize < kSealOverhead) throw DecryptionError("ciphertext is truncated");
    return sealedSize - kSealOverhead;
}

void open(const SecretBytes& key, const std::vector<std::uint8_t>& aad, const std::uint8_t* data,
          std::size_t size, std::uint8_t* out) {
    checkKey(key);
    const std::size_t textSize = openedSize(size);
    if (data[0] != kSealFormatVersion) throw DecryptionError("unknown ciphertext format version");
    const int textLength = evpLength(textSize);
    const int aadLength = evpLength(aad.size());
    const std::uint8_t* nonce = data + 1;
    const std::uint8_t* ciphertext = nonce + kSealNonceSize;
    std::uint8_t tag[kSealTagSize];
    std::copy(ciphertext + textSize, ciphertext + textSize + kSealTagSize, tag);

    CipherContext context = newContext();
    EVP_CIPHER_CTX* c = context.get();
    int written = 0;
    // A final result <= 0 means the tag did not verify (STYLE.md, Poco pitfalls).
    const bool ok =
        EVP_DecryptInit_ex2(c, aes256Gcm(), key.data(), nonce, nullptr) == 1 &&
        (aadLength == 0 || EVP_DecryptUpdate(c, nullptr, &written, aad.data(), aadLength) == 1) &&
        (textLength == 0 || EVP_DecryptUpdate(c, out, &written, ciphertext, textLength) == 1) &&
        EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kSealTagSize), tag) == 1 &&
        EVP_DecryptFinal_ex(c, out + textSize, &written) > 0;
    if (!ok) {
        if (textSize > 0) OPENSSL_cleanse(out, textSize);  // unauthenticated plaintext
        throw DecryptionError();
    }
}

}  // namespace sealed

std::vector<std::uint8_t> fieldAssociatedData(const FieldContext& ctx) {
    checkName(ctx.table);
    checkName(ctx.field);
    std::vector<std::uint8_t> aad;
    aad.push_back(kSealFormatVersion);
    sealed::appendText(aad, kFieldPurpose);
    sealed::appendText(aad, ctx.table);
    sealed::appendI64(aad, ctx.recordId);
    sealed::appendText(aad, ctx.field);
    sealed::appendU32(aad, ctx.keyVersion);
    return aad;
}

std::vector<std::uint8_t> encryptField(const SecretBytes& key, const FieldContext& ctx,
                                       const std::string& plaintext) {
    return sealed::seal(key, fieldAssociatedData(ctx),
                        reinterpret_cast<const std::uint8_t*>(plaintext.data()), plaintext.size());
}

std::string decryptField(const SecretBytes& key, const FieldContext& ctx, const std::uint8_t* data,
                         std::size_t size) {
    std::string plaintext(sealed::openedSize(size), '\0');
    sealed::open(key, fieldAssociatedData(ctx), data, size,
                 reinterpret_cast<std::uint8_t*>(plaintext.data()));
    return plaintext;
}

std::string decryptField(const SecretBytes& key, const FieldContext& ctx,
                         const std::vector<std::uint8_t>& data) {
    return decryptField(key, ctx, data.data(), data.size());
}

}  // namespace binhan::crypto
