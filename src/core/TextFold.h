#pragma once
// Normalisation of search keys before they are blind-indexed (DESIGN.md §3, "Searching encrypted
// data"). Two spellings a person would call the same name, phone or ID number must normalise to
// the same bytes, because the blind index can only find exact matches.
//
// Pure functions: no I/O, no locale, no allocation beyond the result. Thread-safe. They never
// throw except std::bad_alloc; malformed UTF-8 is treated as a separator, not an error.
#include <string>
#include <vector>

namespace binhan::core {

// Folds UTF-8 text to lower-case ASCII for name search:
//  - Vietnamese letters lose their diacritics, precomposed (NFC) or decomposed (NFD):
//    "ễ" and "e" + U+0302 + U+0303 both become "e"; "đ"/"Đ" become "d". Other Latin-1 letters
//    with diacritics fold the same way ("ü" → "u").
//  - Combining marks U+0300–U+036F are dropped; soft hyphens and zero-width characters too.
//  - ASCII letters are lower-cased and digits kept; everything else (punctuation, symbols,
//    any Unicode space, letters with no ASCII base, malformed bytes) separates words.
//  - Runs of separators become one space; leading and trailing ones are removed.
// "Nguyễn Thị Hoà", "NGUYEN thi  hoa" and "Nguyễn Thị Hòa" (NFD) all give "nguyen thi hoa".
std::string foldForSearch(const std::string& utf8);

// `text` without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
std::string trimmed(const std::string& text);

// The distinct words of foldForSearch(text), in order of first appearance. Folding is idempotent,
// so already folded text may be passed. Empty for text with no letters or digits.
std::vector<std::string> nameWords(const std::string& text);

// A phone number in one canonical form, so "+84 912 345 678", "0912.345.678" and "0912345678"
// are equal ("0912345678"):
//  - only digits count; a leading '+' marks an international number;
//  - a Vietnamese country code ("+84…", "0084…", or "84" followed by exactly 9 digits) and
//    a leading trunk "0" are removed, and the result is written "0" + national number;
//  - another country's number written with '+' or "00" becomes "+" + its digits.
// Returns "" when fewer than 9 or more than 15 digits remain (not a subscriber number).
std::string normalisePhone(const std::string& raw);

// An identity document number (CCCD, CMND, passport) as upper-case ASCII letters and digits
// only: " 001-234 567.890 " → "001234567890", "b1234567" → "B1234567". "" when none remain.
std::string normaliseIdNumber(const std::string& raw);

}  // namespace binhan::core
