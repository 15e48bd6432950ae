#include "core/attachment/FileType.h"
#include "core/TextFold.h"

#include <cstring>

namespace binhan::core {
namespace {

struct Signature {
    FileType type;
    const char* bytes;
    std::size_t size;
};

constexpr Signature kSignatures[] = {
    {FileType::Jpeg, "\xFF\xD8\xFF", 3},
    {FileType::Png, "\x89PNG\r\n\x1A\n", 8},
    {FileType::Pdf, "%PDF-", 5},
};
static_assert(kSniffBytes == 8, "the longest signature (PNG) decides kSniffBytes");

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::optional<FileType> sniffFileType(const std::uint8_t* head, std::size_t size) {
    for (const auto& signature : kSignatures)
        if (size >= signature.size && std::memcmp(head, signature.bytes, signature.size) == 0)
            return signature.type;
    return std::nullopt;
}

std::optional<FileType> parseMediaType(const std::string& mediaType) {
    std::string essence = trimmed(mediaType.substr(0, mediaType.find(';')));
    for (char& c : essence) c = lower(c);
    for (FileType type : {FileType::Jpeg, FileType::Png, FileType::Pdf})
        if (essence == mediaTypeOf(type)) return type;
    return std::nullopt;
}

std::string mediaTypeOf(FileType type) {
    switch (type) {
        case FileType::Jpeg:
            return "image/jpeg";
        case FileType::Png:
            return "image/png";
        case FileType::Pdf:
            break;
    }
    return "application/pdf";
}

std::string extensionOf(FileType type) {
    switch (type) {
        case FileType::Jpeg:
            return "jpg";
        case FileType::Png:
            return "png";
        case FileType::Pdf:
            break;
    }
    return "pdf";
}

}  // namespace binhan::core
