#include "service/AttachmentService.h"
#include "core/TextFold.h"

#include <vector>

#include "core/Error.h"
#include "core/Policy.h"
#include "core/TimeFormat.h"
#include "core/attachment/AttachmentKind.h"
#include "core/attachment/FileType.h"
#include "core/attachment/MetadataFilter.h"
#include "crypto/AttachmentCipher.h"
#include "service/WorkflowSupport.h"
#include "store/AuditContext.h"
#include "store/WorkflowRecords.h"

namespace binhan::service {
namespace {

std::string sealedName(std::int64_t id, const char* field) {
    return store::sealedFieldName("attachment", id, field);
}

// Reads up to `size` bytes, fewer only at the body's end.
std::size_t readUpTo(core::ByteSource& body, std::uint8_t* into, std::size_t size) {
    std::size_t got = 0;
    while (got < size) {
        const std::size_t n = body.read(into + got, size - got);
        if (n == 0) break;
        got += n;
    }
    return got;
}

const std::uint8_t* bytes(const std::string& s) {
    return reinterpret_cast<const std::uint8_t*>(s.data());
}

// Work done outside the request's audit entry: the entry belongs to the write that completes
// the upload (or, when it fails, to the refusal), not to the pending row begun before it.
struct OutsideAudit {
    store::AuditScope scope{nullptr};
};

bool mayKind(const core::Actor& actor, const core::CaseAccess& access, const std::string& kind) {
    return core::mayReadField(actor.role, access, core::attachmentField(kind));
}

void describe(const std::string& detail) {
    if (auto* audit = store::AuditContext::current()) audit->detail = detail;
}

}  // namespace

AttachmentService::AttachmentService(store::CaseRepository& cases,
                                     store::AttachmentRepository& attachments,
                                     const CaseSealer& sealer, const core::Clock& clock,
                                     AttachmentSettings settings)
    : cases_(cases),
      attachments_(attachments),
      sealer_(sealer),
      clock_(clock),
      settings_(settings),
      guard_(cases, clock) {}

namespace {

// A change on a closed case: its agencies are told it is closed (409) rather than refused
// (the table has no active stage to grant it), as CaseService does.
CaseAccessGuard::Read readForChange(const CaseAccessGuard& guard, const core::Actor& actor,
                                    std::int64_t caseId, core::Action action) {
    auto read = guard.readOf(actor, caseId);
    if (read.read.row.status == "closed" && core::seesCase(actor.role, read.access) &&
        core::decide(actor.role, action, read.access) == core::Decision::Forbidden)
        throw core::Conflict("closed", "The case is closed; reopen it before changing it.");
    return guard.readIf(actor, caseId, action);
}

}  // namespace

Poco::JSON::Object::Ptr AttachmentService::add(const core::Actor& actor, std::int64_t caseId,
                                               const AttachmentUpload& upload,
                                               core::ByteSource& body) {
    // The case first: a caller who may not know it learns nothing from the checks of the body.
    const auto [access, read] = readForChange(guard_, actor, caseId, core::Action::AttachmentAdd);
    if (!core::isAttachmentKind(upload.kind))
        throw core::Invalid("kind", "X-Attachment-Kind must be one of the kinds of paper.");
    const auto declared = core::parseMediaType(upload.mediaType);
    if (!declared)
        throw core::UnsupportedMediaType(
            "Only JPEG and PNG photos and PDF documents can be attached.");
    if (!mayKind(actor, access, upload.kind))
        throw core::Forbidden("Your role may not file papers of this kind.");
    std::uint8_t head[core::kSniffBytes];
    const std::size_t headSize = readUpTo(body, head, sizeof head);
    const auto sniffed = core::sniffFileType(head, headSize);
    if (!sniffed || *sniffed != *declared)
        throw core::UnsupportedMediaType(
            "The file's content is not a " + core::mediaTypeOf(*declared) +
            " file; only JPEG and PNG photos and PDF documents can be attached.");
    const auto key = sealer_.unwrap(read.row);
    store::AttachmentRow draft;
    draft.caseId = caseId;
    draft.kind = upload.kind;
    draft.mediaType = core::mediaTypeOf(*sniffed);
    draft.addedBy = actor.userId;
    draft.addedRole = core::roleName(actor.role);
    draft.addedAt = core::formatRfc3339(clock_.now());
    const std::string filename = core::cleanFilename(upload.filename, core::extensionOf(*sniffed));
    std::vector<std::string> visibleKinds;
    for (const auto& kind : core::attachmentKinds())
        if (mayKind(actor, access, kind)) visibleKinds.push_back(kind);
    const auto id = store(read.row, key, draft, filename, visibleKinds, body, head, headSize);
    const auto stored = attachments_.find(caseId, id);
    if (!stored) throw core::NotFound("No such file.");
    return itemJson(*stored, key, actor, access, false);
}

std::int64_t AttachmentService::store(const store::CaseRow& row, const crypto::SecretBytes& key,
                                      store::AttachmentRow draft, const std::string& filename,
                                      const std::vector<std::string>& countedKinds,
                                      core::ByteSource& body, const std::uint8_t* head,
                                      std::size_t headSize) {
    std::int64_t id = 0;
    {
        OutsideAudit outside;
        id = attachments_.begin(draft, countedKinds, settings_.maxPerCase);
    }
    try {
        OutsideAudit outside;  // the parts of a PostgreSQL file are written as they fill
        const auto writer = attachments_.writer(row.id, id);
        crypto::AttachmentSealer sealed(
            key, {row.id, id},
            [&writer](const std::uint8_t* data, std::size_t size) { writer->write(data, size); });
        const auto filter = core::metadataFilterFor(*core::parseMediaType(draft.mediaType));
        std::string kept;
        filter->feed(head, headSize, kept);
        std::vector<std::uint8_t> buffer(crypto::kAttachmentChunk);
        for (;;) {
            sealed.write(bytes(kept), kept.size());
            kept.clear();
            const std::size_t n = body.read(buffer.data(), buffer.size());
            if (n == 0) break;
            filter->feed(buffer.data(), n, kept);
        }
        filter->finish(kept);
        sealed.write(bytes(kept), kept.size());
        sealed.finish();
        writer->commit();
        draft.size = static_cast<std::int64_t>(sealed.plaintextSize());
        draft.metadataRemoved = filter->droppedBytes() > 0;
    } catch (...) {
        OutsideAudit outside;
        attachments_.discard(row.id, id);
        throw;
    }
    describe("attachment " + std::to_string(id) + " " + draft.kind);  // before the entry is written
    try {
        attachments_.complete(id, sealer_.seal(key, row.id, sealedName(id, "filename"), filename),
                              draft.size, draft.metadataRemoved);
    } catch (...) {
        OutsideAudit outside;
        attachments_.discard(row.id, id);
        throw;
    }
    return id;
}

Poco::JSON::Object::Ptr AttachmentService::list(const core::Actor& actor, std::int64_t caseId) {
    const auto [access, read] = guard_.readIf(actor, caseId, core::Action::AttachmentList);
    const auto key = sealer_.unwrap(read.row);
    const bool closed = read.row.status == "closed";
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : attachments_.listForCase(caseId))
        if (mayKind(actor, access, row.kind)) items->add(itemJson(row, key, actor, access, closed));
    Poco::JSON::Array::Ptr addable = new Poco::JSON::Array;
    if (!closed &&
        core::decide(actor.role, core::Action::AttachmentAdd, access) == core::Decision::Allow)
        for (const auto& kind : core::attachmentKinds())
            if (mayKind(actor, access, kind)) addable->add(kind);
    auto out = jsonObject();
    out->set("items", items);
    out->set("addable_kinds", addable);
    out->set("max_bytes", static_cast<std::int64_t>(settings_.maxBytes));
    out->set("max_per_case", settings_.maxPerCase);
    return out;
}

AttachmentDownload AttachmentService::open(const core::Actor& actor, std::int64_t caseId,
                                           std::int64_t attachmentId) {
    const auto [access, read] = guard_.readIf(actor, caseId, core::Action::AttachmentList);
    const auto row = attachments_.find(caseId, attachmentId);
    if (!row || !mayKind(actor, access, row->kind)) throw core::NotFound("No such file.");
    describe("attachment " + std::to_string(attachmentId) + " " + row->kind);
    if (row->state == "removed")
        throw core::Error(core::ErrorKind::Gone, "removed", "This file was removed from the case.");
    const auto key = sealer_.unwrap(read.row);
    const crypto::AttachmentContext context{caseId, attachmentId};
    if (!crypto::attachmentAuthenticates(key, context, *attachments_.reader(caseId, attachmentId)))
        throw core::Error(core::ErrorKind::Damaged, "attachment_damaged",
                          "The stored file failed its integrity check; tell the system "
                          "administrator.");
    AttachmentDownload out;
    out.mediaType = row->mediaType;
    out.filename = sealer_.open(key, caseId, sealedName(attachmentId, "filename"), row->filename);
    out.size = static_cast<std::uint64_t>(row->size);
    const store::AttachmentRepository& files = attachments_;
    out.write = [key, context, &files](std::ostream& into) {
        const auto source = files.reader(context.caseId, context.attachmentId);
        crypto::AttachmentOpener opener(key, context, *source);
        std::string chunk;
        while (opener.next(chunk))
            into.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    };
    return out;
}

Poco::JSON::Object::Ptr AttachmentService::remove(const core::Actor& actor, std::int64_t caseId,
                                                  std::int64_t attachmentId,
                                                  const std::string& reason) {
    const auto [access, read] =
        readForChange(guard_, actor, caseId, core::Action::AttachmentRemove);
    const auto row = attachments_.find(caseId, attachmentId);
    if (!row || !mayKind(actor, access, row->kind)) throw core::NotFound("No such file.");
    if (row->addedRole != core::roleName(actor.role))
        throw core::Forbidden("Only the agency that filed a paper removes it.");
    if (row->state == "removed") throw core::Conflict("removed", "The file was removed already.");
    const std::string why = core::trimmed(reason);
    if (why.size() < 5) throw core::Invalid("reason", "Say why the file is removed.");
    const auto key = sealer_.unwrap(read.row);
    describe("attachment " + std::to_string(attachmentId) + " " + row->kind);
    attachments_.markRemoved(
        attachmentId, actor.userId, core::formatRfc3339(clock_.now()),
        sealer_.seal(key, caseId, sealedName(attachmentId, "remove_reason"), why));
    return itemJson(*attachments_.find(caseId, attachmentId), key, actor, access, false);
}

Poco::JSON::Object::Ptr AttachmentService::itemJson(const store::AttachmentRow& row,
                                                    const crypto::SecretBytes& key,
                                                    const core::Actor& actor,
                                                    const core::CaseAccess& access,
                                                    bool caseClosed) const {
    auto out = jsonObject();
    out->set("id", row.id);
    out->set("kind", row.kind);
    out->set("filename",
             sealer_.open(key, row.caseId, sealedName(row.id, "filename"), row.filename));
    out->set("type", row.mediaType);
    out->set("size", row.size);
    out->set("added_by", personJson(row.addedBy, row.addedRole));
    out->set("added_at", row.addedAt);
    out->set("metadata_removed", row.metadataRemoved);
    const bool removable =
        !caseClosed && row.state == "stored" && row.addedRole == core::roleName(actor.role) &&
        core::decide(actor.role, core::Action::AttachmentRemove, access) == core::Decision::Allow;
    out->set("removable", removable);
    if (row.state == "removed") {
        auto removed = jsonObject();
        removed->set("at", row.removedAt);
        removed->set("by", personJson(row.removedBy, row.addedRole));
        removed->set("reason", sealer_.open(key, row.caseId, sealedName(row.id, "remove_reason"),
                                            row.removeReason));
        out->set("removed", removed);
    }
    return out;
}

}  // namespace binhan::service
