#include "core/attachment/FileType.h"

#include <catch2/catch.hpp>

using namespace binhan::core;

namespace {

std::optional<FileType> sniff(const std::string& head) {
    return sniffFileType(reinterpret_cast<const std::uint8_t*>(head.data()), head.size());
}

}  // namespace

TEST_CASE("A file's type is recognised from its first bytes (issue 21)",
          "[core][attachment][issue21]") {
    CHECK(sniff(std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10)) == FileType::Jpeg);
    CHECK(sniff(std::string("\xFF\xD8\xFF", 3)) == FileType::Jpeg);
    CHECK(sniff(std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16)) == FileType::Png);
    CHECK(sniff("%PDF-1.7\n") == FileType::Pdf);
    CHECK(sniff("%PDF-") == FileType::Pdf);
}

TEST_CASE("A GIF, HTML, text or a too short head is not a type we take (issue 21)",
          "[core][attachment][issue21]") {
    CHECK_FALSE(sniff("GIF89a\x01\x00"));
    CHECK_FALSE(sniff("<!DOCTYPE html><html>"));
    CHECK_FALSE(sniff("<svg xmlns="));
    CHECK_FALSE(sniff("PK\x03\x04"));
    CHECK_FALSE(sniff("%PDF"));
    CHECK_FALSE(sniff(std::string("\xFF\xD8", 2)));
    CHECK_FALSE(sniff(std::string("\xFF\xD8\x00", 3)));
    CHECK_FALSE(sniff(std::string("\x89PNG\r\n\x1A", 7)));    // PNG needs all kSniffBytes
    CHECK_FALSE(sniff(std::string("\x89PNG\n\r\x1A\n", 8)));  // line endings mangled
    CHECK_FALSE(sniffFileType(nullptr, 0));
}

TEST_CASE(
    "A Content-Type names a file type case-insensitively, its parameters ignored "
    "(issue 21)",
    "[core][attachment][issue21]") {
    CHECK(parseMediaType("image/jpeg") == FileType::Jpeg);
    CHECK(parseMediaType("IMAGE/JPEG") == FileType::Jpeg);
    CHECK(parseMediaType("image/png; name=\"bruise.png\"") == FileType::Png);
    CHECK(parseMediaType(" application/PDF ;charset=binary") == FileType::Pdf);
    CHECK_FALSE(parseMediaType("image/gif"));
    CHECK_FALSE(parseMediaType("image/jpg"));
    CHECK_FALSE(parseMediaType("image/jpeg2"));
    CHECK_FALSE(parseMediaType("text/html"));
    CHECK_FALSE(parseMediaType("application/octet-stream"));
    CHECK_FALSE(parseMediaType(""));
    CHECK_FALSE(parseMediaType(";image/jpeg"));
}

TEST_CASE("Each file type has one media type and one extension (issue 21)",
          "[core][attachment][issue21]") {
    for (FileType type : {FileType::Jpeg, FileType::Png, FileType::Pdf})
        CHECK(parseMediaType(mediaTypeOf(type)) == type);
    CHECK(mediaTypeOf(FileType::Jpeg) == "image/jpeg");
    CHECK(mediaTypeOf(FileType::Png) == "image/png");
    CHECK(mediaTypeOf(FileType::Pdf) == "application/pdf");
    CHECK(extensionOf(FileType::Jpeg) == "jpg");
    CHECK(extensionOf(FileType::Png) == "png");
    CHECK(extensionOf(FileType::Pdf) == "pdf");
}
