#pragma once
// Blind indexes: searchable stand-ins for encrypted identifying fields (DESIGN.md §3, "Searching
// encrypted data"). A term is HMAC-SHA-256 under the blind-index key (derived from a master key
// with KeyDerivation, purpose kPurposeBlindIndex) over the kind of value and its normalised form
// (core/TextFold), truncated to 16 bytes and written as 32 lower-case hex digits. Equal
// normalised values give equal terms; without the key a term reveals nothing, but equal terms
// do show equal values, so terms are stored only beside the case they index.
//
// Each kind (phone, id_number, full_name, name_word) is a separate domain: the same text
// indexed as two kinds gives unrelated terms. Layout: docs/formats.md, "Derived keys".
//
// Thread-safe: all methods are const and each uses its own HMAC context. Failure: a key that is
// not 32 bytes throws std::invalid_argument; an OpenSSL failure std::runtime_error. Input that
// normalises to nothing gives "" (or an empty list), never an error.
#include <cstddef>
#include <string>
#include <vector>

#include "crypto/SecretBytes.h"

namespace binhan::crypto {

// The terms one search string can match. A record matches the search when it holds ANY term of
// `anyOf` (its phone, ID number or whole folded name equals the search) OR, if `allOf` is not
// empty, EVERY term of `allOf` (each word of the search is one of its name words, in any
// order). Holding the full-name term is an exact match, which a caller may list first.
struct SearchTerms {
    std::vector<std::string> anyOf;  // phone, ID number and full-name terms, as they apply
    std::vector<std::string> allOf;  // one name-word term per distinct folded word
    bool empty() const { return anyOf.empty() && allOf.empty(); }
};

class BlindIndex {
  public:
    static constexpr std::size_t kTermBytes = 16;

    // `key` is the blind-index key itself, deriveKey(master, kPurposeBlindIndex).
    explicit BlindIndex(SecretBytes key);
    // The index whose key is derived from `master` (normally the key ring's version 1).
    static BlindIndex fromMasterKey(const SecretBytes& master);

    // The term of core::normalisePhone(raw); "" when raw is not a phone number.
    std::string phone(const std::string& raw) const;
    // The term of core::normaliseIdNumber(raw); "" when raw has no letters or digits.
    std::string idNumber(const std::string& raw) const;
    // The term of core::foldForSearch(raw), the whole name; "" when nothing is left.
    std::string fullName(const std::string& raw) const;
    // One term per distinct word of core::nameWords(raw), in order; empty when none.
    std::vector<std::string> nameWords(const std::string& raw) const;

    // The terms a search string can match (see SearchTerms for how to combine them): the phone
    // term if the query normalises to a phone number, the ID-number term if it holds a digit,
    // the full-name term, and the name-word terms. Empty for a query with no letters or digits.
    SearchTerms termsForQuery(const std::string& query) const;

  private:
    // HMAC(key, u32 length of kind | kind | value), truncated and hex; "" for an empty value.
    std::string term(const std::string& kind, const std::string& value) const;

    SecretBytes key_;
};

}  // namespace binhan::crypto
