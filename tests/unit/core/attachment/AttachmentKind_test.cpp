// Kinds of evidence file and the names they are kept under (issue 21).
#include "core/attachment/AttachmentKind.h"

#include <catch2/catch.hpp>

using namespace binhan::core;

TEST_CASE("Each kind of paper is a field row of the access table", "[core][attachment]") {
    CHECK(attachmentKinds().size() == 6);
    CHECK(isAttachmentKind("police_record"));
    CHECK_FALSE(isAttachmentKind("selfie"));
    CHECK(attachmentField("medical") == "attachments.medical");
}

TEST_CASE("A sent file name loses directories, control characters and broken UTF-8",
          "[core][attachment]") {
    CHECK(cleanFilename("ảnh vết thương.jpg", "jpg") == "ảnh vết thương.jpg");
    CHECK(cleanFilename("../../etc/passwd", "pdf") == "passwd.pdf");
    CHECK(cleanFilename("trang.html", "jpg") == "trang.html.jpg");  // named as what it is
    CHECK(cleanFilename("ANH.JPEG", "jpg") == "ANH.JPEG");
    CHECK(cleanFilename("C:\\Users\\hoa\\giay.pdf", "pdf") == "giay.pdf");
    CHECK(cleanFilename("a\r\nb\"c.png", "png") == "abc.png");
    CHECK(cleanFilename("x\xC3(y.jpg", "jpg") == "x(y.jpg");  // a stray lead byte dropped
    CHECK(cleanFilename("", "jpg") == "tep-dinh-kem.jpg");
    CHECK(cleanFilename("...", "pdf") == "tep-dinh-kem.pdf");
    const std::string longName(200, 'a');
    CHECK(cleanFilename(longName, "pdf") == std::string(116, 'a') + ".pdf");
    std::string vietnamese;
    for (int i = 0; i < 50; ++i) vietnamese += "ệ";  // 3 bytes each
    const auto cut = cleanFilename(vietnamese, "jpg");
    CHECK(cut.size() == 38 * 3 + 4);  // 38 whole characters, none split, then ".jpg"
}
