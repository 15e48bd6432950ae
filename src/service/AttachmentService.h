#pragma once
// Evidence files of a case (issue 21; DESIGN.md §2 "attachments"). Every call asks the access
// table first: the action (core::Action::Attachment*), under the caller's relation to the case,
// and the kind as a field row ("attachments.<kind>", core/Policy) — so a role that may not see
// police minutes neither lists, reads, nor files them.
//
// An upload streams: its first bytes must show the type it declares (JPEG, PNG or PDF); the
// metadata of an image is removed as it passes (core/attachment/MetadataFilter); the result is
// sealed under the case key in 64 KiB chunks (crypto/AttachmentCipher) and written to storage
// (store/AttachmentRepository), never whole in memory. A failure at any point — a refusal, the
// limit passed, the client gone — leaves nothing behind. A download is checked whole before
// its first byte is sent, then decrypted chunk by chunk into the answer. Removal is soft, with
// a sealed reason; the file goes only with the case's erasure (shredCase). Thread-safe.
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "core/Actor.h"
#include "core/ByteSource.h"
#include "core/Clock.h"
#include "service/CaseAccessGuard.h"
#include "service/CaseSealer.h"
#include "store/AttachmentRepository.h"
#include "store/CaseRepository.h"

namespace binhan::service {

struct AttachmentSettings {
    std::size_t maxBytes = 15u << 20;  // attachments.max_mb: one file, as uploaded
    int maxPerCase = 50;  // attachments.max_per_case: files kept (not removed), of the kinds
                          // the uploader sees (so a refusal reveals no hidden file)
};

// POST /api/v1/cases/{id}/attachments, as the HTTP layer read its head.
struct AttachmentUpload {
    std::string kind;
    std::string mediaType;  // the declared Content-Type
    std::string filename;   // decoded from X-Filename
};

struct AttachmentDownload {
    std::string mediaType;
    std::string filename;
    std::uint64_t size = 0;
    std::function<void(std::ostream&)> write;  // decrypts into the stream; throws if damaged
};

class AttachmentService {
  public:
    AttachmentService(store::CaseRepository& cases, store::AttachmentRepository& attachments,
                      const CaseSealer& sealer, const core::Clock& clock,
                      AttachmentSettings settings);

    const AttachmentSettings& settings() const { return settings_; }

    // 201 answer. Throws Invalid ("kind"), Unsupported (type not allowed, bytes not of the
    // declared type, malformed), TooLarge (from the body), Forbidden (kind), Conflict
    // ("closed", "too_many_attachments"), NotFound (policy).
    Poco::JSON::Object::Ptr add(const core::Actor& actor, std::int64_t caseId,
                                const AttachmentUpload& upload, core::ByteSource& body);
    // {"items", "addable_kinds", "max_bytes", "max_per_case"}: the kinds the caller may see.
    Poco::JSON::Object::Ptr list(const core::Actor& actor, std::int64_t caseId);
    // NotFound for an attachment absent or of a kind the caller may not see; Gone when removed;
    // Damaged when the stored file does not authenticate.
    AttachmentDownload open(const core::Actor& actor, std::int64_t caseId,
                            std::int64_t attachmentId);
    // Soft removal by the role that filed it; the reason (5+ characters) is sealed.
    Poco::JSON::Object::Ptr remove(const core::Actor& actor, std::int64_t caseId,
                                   std::int64_t attachmentId, const std::string& reason);

  private:
    std::int64_t store(const store::CaseRow& row, const crypto::SecretBytes& key,
                       store::AttachmentRow draft, const std::string& filename,
                       const std::vector<std::string>& countedKinds, core::ByteSource& body,
                       const std::uint8_t* head, std::size_t headSize);
    Poco::JSON::Object::Ptr itemJson(const store::AttachmentRow& row,
                                     const crypto::SecretBytes& key, const core::Actor& actor,
                                     const core::CaseAccess& access, bool caseClosed) const;

    store::CaseRepository& cases_;
    store::AttachmentRepository& attachments_;
    const CaseSealer& sealer_;
    const core::Clock& clock_;
    AttachmentSettings settings_;
    CaseAccessGuard guard_;
};

}  // namespace binhan::service
