#include "crypto/BlindIndex.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <algorithm>
#include <memory>
#include <new>
#include <stdexcept>

#include "core/TextFold.h"
#include "crypto/FieldCipher.h"
#include "crypto/KeyDerivation.h"
#include "crypto/SecureRandom.h"

namespace binhan::crypto {

namespace {

// Domain labels: part of every stored term, so they can never change (docs/formats.md).
const std::string kPhone = "phone";
const std::string kIdNumber = "id_number";
const std::string kFullName = "full_name";
const std::string kNameWord = "name_word";

constexpr std::size_t kKeySize = 32;
constexpr std::size_t kMacSize = 32;  // SHA-256

// Fetched once and never freed (see FieldCipher.cpp on why not at exit).
EVP_MAC* hmac() {
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac == nullptr) throw std::runtime_error("OpenSSL provides no HMAC");
    return mac;
}

bool hasDigit(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

BlindIndex::BlindIndex(SecretBytes key) : key_(std::move(key)) {
    if (key_.size() != kKeySize) throw std::invalid_argument("blind-index key must be 32 bytes");
}

BlindIndex BlindIndex::fromMasterKey(const SecretBytes& master) {
    return BlindIndex(deriveKey(master, kPurposeBlindIndex));
}

std::string BlindIndex::term(const std::string& kind, const std::string& value) const {
    if (value.empty()) return std::string();
    std::vector<std::uint8_t> message;
    message.reserve(4 + kind.size() + value.size());
    sealed::appendText(message, kind);
    message.insert(message.end(), value.begin(), value.end());

    std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> context(EVP_MAC_CTX_new(hmac()),
                                                                      &EVP_MAC_CTX_free);
    if (!context) throw std::bad_alloc();
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    std::uint8_t mac[kMacSize];
    std::size_t macSize = 0;
    if (EVP_MAC_init(context.get(), key_.data(), key_.size(), params) != 1 ||
        EVP_MAC_update(context.get(), message.data(), message.size()) != 1 ||
        EVP_MAC_final(context.get(), mac, &macSize, sizeof mac) != 1 || macSize != kMacSize)
        throw std::runtime_error("HMAC-SHA-256 failed");
    return toHex(mac, kTermBytes);
}

std::string BlindIndex::phone(const std::string& raw) const {
    return term(kPhone, core::normalisePhone(raw));
}

std::string BlindIndex::idNumber(const std::string& raw) const {
    return term(kIdNumber, core::normaliseIdNumber(raw));
}

std::string BlindIndex::fullName(const std::string& raw) const {
    return term(kFullName, core::foldForSearch(raw));
}

std::vector<std::string> BlindIndex::nameWords(const std::string& raw) const {
    std::vector<std::string> terms;
    for (const std::string& word : core::nameWords(raw)) terms.push_back(term(kNameWord, word));
    return terms;
}

SearchTerms BlindIndex::termsForQuery(const std::string& query) const {
    SearchTerms terms;
    const std::string phoneTerm = phone(query);
    if (!phoneTerm.empty()) terms.anyOf.push_back(phoneTerm);
    const std::string idNumber = core::normaliseIdNumber(query);
    if (hasDigit(idNumber)) terms.anyOf.push_back(term(kIdNumber, idNumber));
    const std::string nameTerm = fullName(query);
    if (!nameTerm.empty()) terms.anyOf.push_back(nameTerm);
    terms.allOf = nameWords(query);
    return terms;
}

}  // namespace binhan::crypto
