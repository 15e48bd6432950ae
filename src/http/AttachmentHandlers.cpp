#include "http/AttachmentHandlers.h"

#include <Poco/URI.h>

#include "core/Error.h"
#include "http/CaseHandlers.h"
#include "http/Json.h"

namespace binhan::http {
namespace {

std::int64_t attachmentIdParam(const Request& request) {
    return pathId(request, "aid", "No such file.");
}

std::string decodedFilename(const Request& request) {
    const std::string sent = request.header("x-filename").value_or("");
    std::string decoded;
    try {
        Poco::URI::decode(sent, decoded);
    } catch (const Poco::Exception&) {
        throw core::Invalid("X-Filename", "X-Filename is not a valid percent-encoded name.");
    }
    return decoded;
}

bool unreserved(unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string attachmentDisposition(const std::string& filename) {
    std::string ascii, encoded;
    static const char* hex = "0123456789ABCDEF";
    for (const unsigned char c : filename) {
        ascii += (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != ';') ? static_cast<char>(c)
                                                                              : '_';
        if (unreserved(c)) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        }
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Handler uploadAttachmentHandler(service::AttachmentService& attachments) {
    return [&attachments](Request& request) {
        if (!request.bodySource) throw core::Invalid("", "The file is missing.");
        service::AttachmentUpload upload;
        upload.kind = request.header("x-attachment-kind").value_or("");
        upload.mediaType = request.header("content-type").value_or("");
        upload.filename = decodedFilename(request);
        return Response::json(201, *attachments.add(request.signedIn(), caseIdParam(request),
                                                    upload, *request.bodySource));
    };
}

Handler listAttachmentsHandler(service::AttachmentService& attachments) {
    return [&attachments](Request& request) {
        return Response::json(200, *attachments.list(request.signedIn(), caseIdParam(request)));
    };
}

Handler downloadAttachmentHandler(service::AttachmentService& attachments) {
    return [&attachments](Request& request) {
        auto file =
            attachments.open(request.signedIn(), caseIdParam(request), attachmentIdParam(request));
        Response out;
        out.status = 200;
        out.contentType = file.mediaType;
        out.streamedLength = file.size;
        out.writer = std::move(file.write);
        out.headers.emplace_back("Content-Disposition", attachmentDisposition(file.filename));
        // Opened directly, the file runs nothing and reaches nothing in our origin.
        out.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
        return out;
    };
}

Handler removeAttachmentHandler(service::AttachmentService& attachments) {
    return [&attachments](Request& request) {
        const auto body = parseBody(request);
        rejectUnknownKeys(*body, {"reason"});
        const std::string reason = optionalString(*body, "reason").value_or("");
        return Response::json(200, *attachments.remove(request.signedIn(), caseIdParam(request),
                                                       attachmentIdParam(request), reason));
    };
}

}  // namespace binhan::http
