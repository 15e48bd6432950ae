#pragma once
// Evidence files (issue 21; API.md "Additions"): the upload streams its raw body (the route's
// streamLimit, http/BodyPlan.h) with its type in Content-Type, its name in X-Filename
// (percent-encoded UTF-8) and its kind in X-Attachment-Kind; the download streams the
// decrypted file as an attachment under a CSP that sandboxes it, so a file opened directly
// runs nothing in the application's origin.
#include "http/Route.h"
#include "service/AttachmentService.h"

namespace binhan::http {

Handler uploadAttachmentHandler(service::AttachmentService& attachments);
Handler listAttachmentsHandler(service::AttachmentService& attachments);
Handler downloadAttachmentHandler(service::AttachmentService& attachments);
Handler removeAttachmentHandler(service::AttachmentService& attachments);

// Content-Disposition for `filename`: an ASCII fallback and the UTF-8 name (RFC 6266, 8187).
std::string attachmentDisposition(const std::string& filename);

}  // namespace binhan::http
