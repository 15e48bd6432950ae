#pragma once
// The file types an evidence attachment may have (issue 21): JPEG and PNG photos (injuries,
// damage, messages) and PDF documents (medical certificates, police reports). The type is
// decided by the file's own first bytes, never by the name or the client's Content-Type alone:
// the upload declares a media type (parseMediaType), the first kSniffBytes bytes must show the
// same type (sniffFileType), and the stored copy is named and served by the sniffed type
// (extensionOf, mediaTypeOf). Pure; thread-safe; no I/O.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace binhan::core {

enum class FileType { Jpeg, Png, Pdf };

// How many leading bytes sniffFileType needs to recognise every type (PNG's signature is 8).
constexpr std::size_t kSniffBytes = 8;

// The type the first bytes show: JPEG FF D8 FF (SOI and the next marker's prefix), PNG's
// signature 89 50 4E 47 0D 0A 1A 0A, PDF "%PDF-". nullopt for anything else (GIF, HTML, …) and
// for fewer bytes than the type needs (3, 8, 5). `head` may be null when `size` is 0.
std::optional<FileType> sniffFileType(const std::uint8_t* head, std::size_t size);

// The type of a Content-Type value: "image/jpeg", "image/png" or "application/pdf", compared
// case-insensitively, with surrounding spaces and any parameters after ';' ignored
// ("Image/PNG; name=x.png" is Png). nullopt for every other media type.
std::optional<FileType> parseMediaType(const std::string& mediaType);

// "image/jpeg", "image/png", "application/pdf".
std::string mediaTypeOf(FileType type);

// The file name extension without the dot: "jpg", "png", "pdf".
std::string extensionOf(FileType type);

}  // namespace binhan::core
