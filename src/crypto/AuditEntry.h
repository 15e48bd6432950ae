#pragma once
// One entry of the tamper-evident audit log (DESIGN.md §3 "Audit", issue 6) and its canonical
// byte encoding, specified byte by byte in docs/formats.md, "Audit entry encoding". The entry
// records who did what to which case, from where, with what outcome — never case content and
// never names. The canonical bytes are what the hash chain (AuditChain) and the Merkle leaves
// (RFC 6962) commit to, so the encoding is injective: two different entries never share bytes.
//
// Validity (checked by both canonicalBytes and decodeCanonical, so every encodable entry round
// trips and nothing else decodes):
//   sequence ≥ 1; actorId ≥ 0 and caseId ≥ 0 (0 = none);
//   time: RFC 3339 in UTC, "YYYY-MM-DDTHH:MM:SS[.f]Z" (isAuditTime below);
//   role, action, outcome, sourceAddress: printable ASCII without spaces (0x21..0x7E) — they are
//     identifiers ("police", "case.read", "ok", "192.0.2.7"); action and outcome are non-empty;
//   detail: well-formed UTF-8 (no overlong forms, no surrogates), may be empty;
//   each string no longer than its kMax… bound below.
//
// Thread-safety: pure functions, safe from any thread. Failure: std::invalid_argument.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace binhan::crypto {

struct AuditEntry {
    std::int64_t sequence = 0;  // 1, 2, 3 … without gaps
    std::string time;           // RFC 3339 UTC, e.g. "2024-05-01T08:30:00Z"
    std::int64_t actorId = 0;   // user id; 0 = none (e.g. a failed login by an unknown name)
    std::string role;           // role id of the actor ("police" …); may be empty
    std::string action;         // what was done ("case.read", "login.failure" …)
    std::int64_t caseId = 0;    // 0 = none; never case content
    std::string sourceAddress;  // client IP address; empty for the command line
    std::string outcome;        // "ok", "denied", "error" …
    std::string detail;         // short, never personal data; may be empty
};

bool operator==(const AuditEntry& a, const AuditEntry& b);
inline bool operator!=(const AuditEntry& a, const AuditEntry& b) {
    return !(a == b);
}

constexpr std::uint8_t kAuditEntryFormat = 1;
constexpr std::size_t kMaxTimeBytes = 40;
constexpr std::size_t kMaxRoleBytes = 64;
constexpr std::size_t kMaxActionBytes = 128;
constexpr std::size_t kMaxSourceAddressBytes = 128;
constexpr std::size_t kMaxOutcomeBytes = 64;
constexpr std::size_t kMaxDetailBytes = 1024;

// The versioned canonical encoding (format 1). Throws std::invalid_argument naming the field
// when the entry breaks a rule above.
std::vector<std::uint8_t> canonicalBytes(const AuditEntry& entry);

// The inverse of canonicalBytes. Reads only within [data, data + size); throws
// std::invalid_argument on an unknown format byte, a short buffer, an over-long or invalid
// field, or trailing bytes. Safe on arbitrary (fuzzed) input.
AuditEntry decodeCanonical(const std::uint8_t* data, std::size_t size);

// True when `time` is an RFC 3339 UTC time as the audit log and its checkpoints store it:
// "YYYY-MM-DDTHH:MM:SS[.f]Z" — upper-case T and Z, no offset, a fraction of 1 to 9 digits, a real
// calendar date from year 1900 to 9999, hour ≤ 23, minute ≤ 59, second ≤ 60 (leap second).
bool isAuditTime(const std::string& time);

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// above U+10FFFF).
bool isWellFormedUtf8(const std::string& text);

}  // namespace binhan::crypto
