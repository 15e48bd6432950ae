// Fuzz target: the audit log's decoders (docs/formats.md "Audit entry encoding", "Audit
// checkpoints"), which `binhan audit verify` runs over data an attacker may have edited.
// Input: byte 0 picks the decoder, the rest is the value.
//   even  crypto::decodeCanonical: refused with std::invalid_argument, or accepted and then
//         encoded again to exactly the same bytes (one encoding per entry);
//   odd   crypto::parseCheckpointLine: refused with std::invalid_argument, or accepted and then
//         formatted again to exactly the same line, with signed bytes that can be built.
#include <stdexcept>

#include "crypto/AuditEntry.h"
#include "crypto/Checkpoint.h"
#include "fuzz/FuzzSupport.h"

namespace binhan::fuzz {
namespace {

void canonicalEntry(const std::uint8_t* data, std::size_t size) {
    crypto::AuditEntry entry;
    try {
        entry = crypto::decodeCanonical(data, size);
    } catch (const std::invalid_argument&) {
        return;
    }
    const auto again = crypto::canonicalBytes(entry);  // must not throw: the entry was valid
    FUZZ_CHECK(again == std::vector<std::uint8_t>(data, data + size));
}

void checkpointLine(const std::uint8_t* data, std::size_t size) {
    const std::string line(reinterpret_cast<const char*>(data), size);
    crypto::Checkpoint checkpoint;
    try {
        checkpoint = crypto::parseCheckpointLine(line);
    } catch (const std::invalid_argument&) {
        return;
    }
    FUZZ_CHECK(crypto::formatCheckpointLine(checkpoint) == line);
    FUZZ_CHECK(!crypto::checkpointSignedBytes(checkpoint).empty());
}

}  // namespace

int auditEntry(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    if (data[0] % 2 == 0)
        canonicalEntry(data + 1, size - 1);
    else
        checkpointLine(data + 1, size - 1);
    return 0;
}

}  // namespace binhan::fuzz

BINHAN_FUZZ_ENTRY(binhan::fuzz::auditEntry)
