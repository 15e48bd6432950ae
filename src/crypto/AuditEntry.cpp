#include "crypto/AuditEntry.h"

#include <stdexcept>

namespace binhan::crypto {
namespace {

enum class Charset { Identifier, Utf8 };

struct FieldRule {
    const char* name;
    std::size_t maxBytes;
    bool required;
    Charset charset;
};

const FieldRule kRole{"role", kMaxRoleBytes, false, Charset::Identifier};
const FieldRule kAction{"action", kMaxActionBytes, true, Charset::Identifier};
const FieldRule kSourceAddress{"source address", kMaxSourceAddressBytes, false,
                               Charset::Identifier};
const FieldRule kOutcome{"outcome", kMaxOutcomeBytes, true, Charset::Identifier};
const FieldRule kDetail{"detail", kMaxDetailBytes, false, Charset::Utf8};

[[noreturn]] void reject(const std::string& why) {
    throw std::invalid_argument("audit entry: " + why);
}

bool isIdentifier(const std::string& text) {
    for (unsigned char c : text)
        if (c < 0x21 || c > 0x7E) return false;
    return true;
}

void checkString(const std::string& value, const FieldRule& rule) {
    if (value.size() > rule.maxBytes) reject(std::string(rule.name) + " is too long");
    if (rule.required && value.empty()) reject(std::string(rule.name) + " is empty");
    const bool ok =
        rule.charset == Charset::Identifier ? isIdentifier(value) : isWellFormedUtf8(value);
    if (!ok) reject(std::string(rule.name) + " has characters it may not hold");
}

void checkEntry(const AuditEntry& e) {
    if (e.sequence < 1) reject("sequence must be at least 1");
    if (e.actorId < 0) reject("actor id must not be negative");
    if (e.caseId < 0) reject("case id must not be negative");
    if (!isAuditTime(e.time)) reject("time is not an RFC 3339 UTC time");
    checkString(e.role, kRole);
    checkString(e.action, kAction);
    checkString(e.sourceAddress, kSourceAddress);
    checkString(e.outcome, kOutcome);
    checkString(e.detail, kDetail);
}

void putInt64(std::vector<std::uint8_t>& out, std::int64_t value) {
    const auto u = static_cast<std::uint64_t>(value);
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(u >> shift));
}

void putString(std::vector<std::uint8_t>& out, const std::string& value) {
    out.push_back(static_cast<std::uint8_t>(value.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(value.size()));
    out.insert(out.end(), value.begin(), value.end());
}

// Bounds-checked cursor over untrusted bytes: every read first checks what is left.
class Reader {
  public:
    Reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    std::uint8_t byte() {
        need(1);
        return data_[pos_++];
    }
    std::int64_t int64() {
        need(8);
        std::uint64_t u = 0;
        for (int i = 0; i < 8; ++i) u = (u << 8) | data_[pos_++];
        return static_cast<std::int64_t>(u);
    }
    std::string string(std::size_t maxBytes, const char* name) {
        need(2);
        const std::size_t length = (std::size_t{data_[pos_]} << 8) | data_[pos_ + 1];
        pos_ += 2;
        if (length > maxBytes) reject(std::string(name) + " is too long");
        need(length);
        std::string out(reinterpret_cast<const char*>(data_ + pos_), length);
        pos_ += length;
        return out;
    }
    bool atEnd() const { return pos_ == size_; }

  private:
    void need(std::size_t count) const {
        if (size_ - pos_ < count) reject("truncated encoding");
    }
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

// Reads `count` decimal digits at `from` into `value` (at most 9 digits, so it cannot overflow).
bool number(const std::string& text, std::size_t from, std::size_t count, int& value) {
    value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        if (count <= 9) value = value * 10 + (text[i] - '0');
    }
    return true;
}

int daysInMonth(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// Length of the UTF-8 sequence led by `lead` and the allowed range of its second byte, or 0.
int sequenceLength(unsigned char lead, unsigned char& low, unsigned char& high) {
    low = 0x80;
    high = 0xBF;
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) {
        if (lead == 0xE0) low = 0xA0;   // no overlong forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
        return 3;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        if (lead == 0xF0) low = 0x90;   // no overlong forms
        if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
        return 4;
    }
    return 0;
}

}  // namespace

bool operator==(const AuditEntry& a, const AuditEntry& b) {
    return a.sequence == b.sequence && a.time == b.time && a.actorId == b.actorId &&
           a.role == b.role && a.action == b.action && a.caseId == b.caseId &&
           a.sourceAddress == b.sourceAddress && a.outcome == b.outcome && a.detail == b.detail;
}

bool isWellFormedUtf8(const std::string& text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    for (std::size_t i = 0; i < size;) {
        unsigned char low = 0, high = 0;
        const int length = sequenceLength(s[i], low, high);
        if (length == 0 || size - i < static_cast<std::size_t>(length)) return false;
        for (int k = 1; k < length; ++k) {
            const unsigned char c = s[i + k];
            if (k == 1 ? (c < low || c > high) : (c < 0x80 || c > 0xBF)) return false;
        }
        i += static_cast<std::size_t>(length);
    }
    return true;
}

bool isAuditTime(const std::string& time) {
    // "YYYY-MM-DDTHH:MM:SS" then an optional fraction, then "Z". Checked here rather than with
    // core::parseRfc3339, which converts to a time point and cannot hold every year up to 9999.
    if (time.size() < 20 || time.size() > kMaxTimeBytes || time[4] != '-' || time[7] != '-' ||
        time[10] != 'T' || time[13] != ':' || time[16] != ':' || time.back() != 'Z')
        return false;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!number(time, 0, 4, year) || !number(time, 5, 2, month) || !number(time, 8, 2, day) ||
        !number(time, 11, 2, hour) || !number(time, 14, 2, minute) || !number(time, 17, 2, second))
        return false;
    const std::size_t fraction = time.size() - 20;  // ".ddd" between the seconds and the 'Z'
    if (fraction == 1 || fraction > 10) return false;
    if (fraction > 0) {
        int ignored = 0;
        if (time[19] != '.' || !number(time, 20, fraction - 1, ignored)) return false;
    }
    return year >= 1900 && month >= 1 && month <= 12 && day >= 1 &&
           day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 60;
}

std::vector<std::uint8_t> canonicalBytes(const AuditEntry& entry) {
    checkEntry(entry);
    std::vector<std::uint8_t> out;
    out.reserve(1 + 3 * 8 + 6 * 2 + entry.time.size() + entry.role.size() + entry.action.size() +
                entry.sourceAddress.size() + entry.outcome.size() + entry.detail.size());
    out.push_back(kAuditEntryFormat);
    putInt64(out, entry.sequence);
    putString(out, entry.time);
    putInt64(out, entry.actorId);
    putString(out, entry.role);
    putString(out, entry.action);
    putInt64(out, entry.caseId);
    putString(out, entry.sourceAddress);
    putString(out, entry.outcome);
    putString(out, entry.detail);
    return out;
}

AuditEntry decodeCanonical(const std::uint8_t* data, std::size_t size) {
    if (data == nullptr && size != 0) reject("no data");
    Reader in(data, size);
    if (in.byte() != kAuditEntryFormat) reject("unknown format");
    AuditEntry e;
    e.sequence = in.int64();
    e.time = in.string(kMaxTimeBytes, "time");
    e.actorId = in.int64();
    e.role = in.string(kRole.maxBytes, kRole.name);
    e.action = in.string(kAction.maxBytes, kAction.name);
    e.caseId = in.int64();
    e.sourceAddress = in.string(kSourceAddress.maxBytes, kSourceAddress.name);
    e.outcome = in.string(kOutcome.maxBytes, kOutcome.name);
    e.detail = in.string(kDetail.maxBytes, kDetail.name);
    if (!in.atEnd()) reject("trailing bytes");
    checkEntry(e);
    return e;
}

}  // namespace binhan::crypto
