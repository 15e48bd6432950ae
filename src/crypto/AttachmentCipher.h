#pragma once
// An evidence file sealed under its case's data key (issue 21; docs/formats.md "Attachment
// file"): a header in clear (magic, format version, chunk size), then the file in chunks of
// 64 KiB, each an AES-256-GCM sealed box whose associated data binds the header, the case, the
// attachment, the chunk's index and whether it is the last. So a chunk swapped with another,
// a file cut at a chunk boundary or extended, or a file moved to another attachment or case
// does not open. Erasing the case's key shreds its files with its fields.
//
// Both directions stream: memory stays at one chunk whatever the file's size. Thread-compatible
// (one object per file). Failure: anything that does not authenticate throws DecryptionError
// (crypto/FieldCipher.h), never partial plaintext of the failing chunk.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/ByteSource.h"
#include "crypto/SecretBytes.h"

namespace binhan::crypto {

constexpr std::size_t kAttachmentChunk = 64 * 1024;

struct AttachmentContext {
    std::int64_t caseId = 0;
    std::int64_t attachmentId = 0;
};

// Where sealed bytes go (a file, a database row being filled).
using ByteSink = std::function<void(const std::uint8_t* data, std::size_t size)>;

class AttachmentSealer {
  public:
    // Writes the header to `sink` at once.
    AttachmentSealer(const SecretBytes& key, AttachmentContext context, ByteSink sink);
    // Seals the next plaintext bytes; full chunks go to the sink as they fill, each held back
    // until the next byte shows it is not the last.
    void write(const std::uint8_t* data, std::size_t size);
    // Seals what is held as the last chunk (empty when the file is empty).
    void finish();
    std::uint64_t plaintextSize() const { return total_; }

  private:
    void sealHeld(bool last);

    const SecretBytes& key_;
    AttachmentContext context_;
    ByteSink sink_;
    std::vector<std::uint8_t> header_;
    std::vector<std::uint8_t> held_;
    std::int64_t index_ = 0;
    std::uint64_t total_ = 0;
    bool finished_ = false;
};

class AttachmentOpener {
  public:
    // Reads and checks the header from `sealed`; throws DecryptionError when it is not one.
    AttachmentOpener(const SecretBytes& key, AttachmentContext context, core::ByteSource& sealed);
    // The next chunk's plaintext into `out` (replaced); false once the last chunk was given.
    bool next(std::string& out);

  private:
    bool readExact(std::uint8_t* into, std::size_t size);

    const SecretBytes& key_;
    AttachmentContext context_;
    core::ByteSource& sealed_;
    std::vector<std::uint8_t> header_;
    std::vector<std::uint8_t> box_;
    std::int64_t index_ = 0;
    bool done_ = false;
    int lookahead_ = -1;  // one byte read past a chunk, to learn whether it was the last
};

// Opens every chunk and discards the plaintext: whether the whole file authenticates (checked
// before a download's first byte is sent).
bool attachmentAuthenticates(const SecretBytes& key, AttachmentContext context,
                             core::ByteSource& sealed);

}  // namespace binhan::crypto
