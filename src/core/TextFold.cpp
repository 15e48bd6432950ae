#include "core/TextFold.h"

#include <algorithm>

namespace binhan::core {

namespace {

constexpr char kDrop = '\0';      // the code point leaves no trace
constexpr char kSeparator = ' ';  // the code point ends a word
constexpr char32_t kInvalid = 0xFFFFFFFF;

// U+00C0..U+00FF (Latin-1 Supplement letters) → ASCII base letter; ' ' for Æ × Þ ß æ ÷ þ.
// Ð/ð (U+00D0/U+00F0) are folded to 'd' because they are typed in place of Đ/đ.
constexpr char kLatin1[] =
    "aaaaaa ceeeeiiiidnooooo ouuuuy  "
    "aaaaaa ceeeeiiiidnooooo ouuuuy y";
static_assert(sizeof(kLatin1) == 64 + 1, "one entry per code point U+00C0..U+00FF");

struct FoldRange {
    char32_t first;
    char32_t last;
    char letter;  // kDrop to drop the code point
};

// Every other code point that folds to a letter or is dropped. Vietnamese needs Latin
// Extended-A/B for ă đ ĩ ũ ơ ư and all of U+1EA0..U+1EF9 for the vowels with tone marks.
constexpr FoldRange kRanges[] = {
    {0x00AD, 0x00AD, kDrop},  // soft hyphen
    {0x0102, 0x0103, 'a'},    // Ă ă
    {0x0110, 0x0111, 'd'},    // Đ đ
    {0x0128, 0x0129, 'i'},    // Ĩ ĩ
    {0x0168, 0x0169, 'u'},    // Ũ ũ
    {0x01A0, 0x01A1, 'o'},    // Ơ ơ
    {0x01AF, 0x01B0, 'u'},    // Ư ư
    {0x0300, 0x036F, kDrop},  // combining diacritical marks (NFD tone marks, breve, horn…)
    {0x1EA0, 0x1EB7, 'a'},    // Ạ ạ … Ặ ặ
    {0x1EB8, 0x1EC7, 'e'},    // Ẹ ẹ … Ệ ệ
    {0x1EC8, 0x1ECB, 'i'},    // Ỉ ỉ Ị ị
    {0x1ECC, 0x1EE3, 'o'},    // Ọ ọ … Ợ ợ
    {0x1EE4, 0x1EF1, 'u'},    // Ụ ụ … Ự ự
    {0x1EF2, 0x1EF9, 'y'},    // Ỳ ỳ … Ỹ ỹ
    {0x200B, 0x200D, kDrop},  // zero-width space, non-joiner, joiner
    {0x2060, 0x2060, kDrop},  // word joiner
    {0xFEFF, 0xFEFF, kDrop},  // byte-order mark
};

bool isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isAsciiUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool isAsciiLower(char c) {
    return c >= 'a' && c <= 'z';
}

// Decodes the UTF-8 sequence at text[pos] and advances pos past it. Returns kInvalid (advancing
// one byte) for a stray continuation byte, a truncated or overlong sequence, or a surrogate.
char32_t nextCodePoint(const std::string& text, std::size_t& pos) {
    const auto lead = static_cast<unsigned char>(text[pos]);
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        ++pos;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2, cp = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, cp = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, cp = lead & 0x07, minimum = 0x10000;
    } else {
        ++pos;
        return kInvalid;
    }
    if (pos + length > text.size()) {
        ++pos;
        return kInvalid;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[pos + k]);
        if ((next & 0xC0) != 0x80) {
            ++pos;
            return kInvalid;
        }
        cp = (cp << 6) | (next & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++pos;
        return kInvalid;
    }
    pos += length;
    return cp;
}

// The ASCII letter or digit a code point folds to, kDrop, or kSeparator.
char foldCodePoint(char32_t cp) {
    if (cp < 0x80) {
        const char c = static_cast<char>(cp);
        if (isAsciiDigit(c) || isAsciiLower(c)) return c;
        if (isAsciiUpper(c)) return static_cast<char>(c - 'A' + 'a');
        return kSeparator;
    }
    if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
    for (const FoldRange& range : kRanges) {
        if (cp >= range.first && cp <= range.last) return range.letter;
    }
    return kSeparator;  // includes kInvalid
}

}  // namespace

std::string foldForSearch(const std::string& utf8) {
    std::string out;
    out.reserve(utf8.size());
    bool pendingSpace = false;
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        const char folded = foldCodePoint(nextCodePoint(utf8, pos));
        if (folded == kDrop) continue;
        if (folded == kSeparator) {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += folded;
    }
    return out;
}

std::vector<std::string> nameWords(const std::string& text) {
    const std::string folded = foldForSearch(text);
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start < folded.size()) {
        std::size_t end = folded.find(' ', start);
        if (end == std::string::npos) end = folded.size();
        std::string word = folded.substr(start, end - start);
        if (std::find(words.begin(), words.end(), word) == words.end())
            words.push_back(std::move(word));
        start = end + 1;
    }
    return words;
}

namespace {

constexpr std::size_t kMinPhoneDigits = 9;   // a Vietnamese mobile number without its "0"
constexpr std::size_t kMaxPhoneDigits = 15;  // E.164 maximum

bool startsWith(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

bool plausibleLength(const std::string& digits) {
    return digits.size() >= kMinPhoneDigits && digits.size() <= kMaxPhoneDigits;
}

}  // namespace

std::string normalisePhone(const std::string& raw) {
    std::string digits;
    bool international = false;
    for (char c : raw) {
        if (isAsciiDigit(c))
            digits += c;
        else if (c == '+' && digits.empty())
            international = true;
    }
    if (!international && startsWith(digits, "00")) {
        digits.erase(0, 2);
        international = true;
    }
    std::string national;
    if (international) {
        if (!startsWith(digits, "84")) return plausibleLength(digits) ? "+" + digits : "";
        national = digits.substr(2);
    } else if (digits.size() == 2 + 9 && startsWith(digits, "84")) {
        national = digits.substr(2);
    } else {
        national = digits;
    }
    if (startsWith(national, "0")) national.erase(0, 1);  // "+84 0912…" is written too
    return plausibleLength(national) ? "0" + national : "";
}

std::string normaliseIdNumber(const std::string& raw) {
    std::string out;
    for (char c : raw) {
        if (isAsciiDigit(c) || isAsciiUpper(c))
            out += c;
        else if (isAsciiLower(c))
            out += static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

std::string trimmed(const std::string& text) {
    const char* space = " \t\r\n\f\v";
    const auto first = text.find_first_not_of(space);
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

}  // namespace binhan::core
