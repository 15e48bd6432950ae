#pragma once
// Evidence files (issue 21): their rows, and their sealed bytes — files under
// data.dir/attachments/<case id>/<id>.baf on SQLite (written to .part, fsync'd and renamed, so
// a crash never leaves half a file under the name), rows of attachment_parts on PostgreSQL (up
// to 1 MiB each, so every instance of a province reads the same files). What the bytes hold is
// the service's and crypto/AttachmentCipher's business: here they are opaque.
//
// An upload is begun (a pending row, whose id the cipher binds), streamed through a writer,
// then completed — in the write transaction that carries the request's audit entry — or
// discarded. Pending rows older than an hour (a crash mid-upload) are removed by
// discardStalePending(). Thread-safe: every call takes its own session from store::Database.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/ByteSource.h"
#include "store/Database.h"
#include "store/Query.h"

namespace binhan::store {

struct AttachmentRow {
    std::int64_t id = 0;
    std::int64_t caseId = 0;
    std::string kind;
    std::string mediaType;
    Blob filename;  // sealed
    std::int64_t size = 0;
    bool metadataRemoved = false;
    std::string state;  // pending | stored | removed
    std::int64_t addedBy = 0;
    std::string addedRole;
    std::string addedAt;
    std::int64_t removedBy = 0;
    std::string removedAt;
    Blob removeReason;  // sealed
};

// Where an upload's sealed bytes go; nothing is visible under the attachment until commit().
class SealedFileWriter {
  public:
    virtual ~SealedFileWriter() = default;
    virtual void write(const std::uint8_t* data, std::size_t size) = 0;
    // Durable once this returns (fsync on SQLite; the last part inserted on PostgreSQL).
    virtual void commit() = 0;
};

class AttachmentRepository {
  public:
    AttachmentRepository(Database& db, std::string filesDir);

    // A pending row for `row` (id, size and state are the repository's); its id. Conflict
    // "too_many_attachments" when the case holds `maxPerCase` files (pending or stored) of
    // `countedKinds` already — the kinds the uploader sees, so the refusal tells nothing of
    // files hidden from her.
    std::int64_t begin(const AttachmentRow& row, const std::vector<std::string>& countedKinds,
                       int maxPerCase);
    std::unique_ptr<SealedFileWriter> writer(std::int64_t caseId, std::int64_t id);
    // The pending row becomes stored, in the write transaction of the request's audit entry.
    void complete(std::int64_t id, const Blob& filename, std::int64_t size, bool metadataRemoved);
    // Removes a pending upload: its row and whatever of its bytes were written.
    void discard(std::int64_t caseId, std::int64_t id);

    // Stored and removed attachments of a case, newest first.
    std::vector<AttachmentRow> listForCase(std::int64_t caseId) const;
    std::optional<AttachmentRow> find(std::int64_t caseId, std::int64_t id) const;
    // The sealed bytes of a stored attachment, read piece by piece.
    std::unique_ptr<core::ByteSource> reader(std::int64_t caseId, std::int64_t id) const;
    // Soft removal: the row stays with who, when and the sealed reason; the bytes stay too.
    void markRemoved(std::int64_t id, std::int64_t by, const std::string& at, const Blob& reason);

    // Deletes every file of an erased case and its rows (crypto-shredding made physical).
    void shredCase(std::int64_t caseId);
    // Removes pending uploads begun more than an hour before `now` (RFC 3339); how many.
    int discardStalePending(const std::string& olderThan);
    // Every stored or removed attachment (case id, id), for backups.
    std::vector<std::pair<std::int64_t, std::int64_t>> allFiles() const;
    // SQLite: the file holding an attachment's sealed bytes (backups copy it). Empty on PostgreSQL.
    std::string pathOf(std::int64_t caseId, std::int64_t id) const;
    const std::string& filesDir() const { return dir_; }

  private:
    void removeStalePartFiles() const;

    Database& db_;
    std::string dir_;
};

}  // namespace binhan::store
