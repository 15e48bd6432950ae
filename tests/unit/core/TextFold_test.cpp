#include "core/TextFold.h"

#include <catch2/catch.hpp>

using namespace binhan::core;

TEST_CASE("names fold to lower-case ASCII without diacritics", "[core][fold]") {
    CHECK(foldForSearch("Nguyễn Thị Hoà") == "nguyen thi hoa");
    CHECK(foldForSearch("NGUYEN thi  hoa") == "nguyen thi hoa");
    CHECK(foldForSearch("Nguyễn Thị Hòa") == "nguyen thi hoa");
    CHECK(foldForSearch("Đặng Văn Đức") == "dang van duc");
    CHECK(foldForSearch("Trương Ngọc Ánh") == "truong ngoc anh");
}

TEST_CASE("decomposed (NFD) input folds like precomposed input", "[core][fold]") {
    // "Nguyễn Thị Hòa" with e + circumflex + tilde, i + dot below, o + grave as combining marks.
    const std::string decomposed = "Nguye\u0302\u0303n Thi\u0323 Ho\u0300a";
    CHECK(decomposed != "Nguyễn Thị Hòa");  // really different bytes
    CHECK(foldForSearch(decomposed) == "nguyen thi hoa");
    // o + horn + acute, u + horn + hook above, a + breve + dot below.
    CHECK(foldForSearch("O\u031B\u0301 u\u031B\u0309 a\u0306\u0323") == "o u a");
    // Mixed: precomposed "ơ" with a combining acute.
    CHECK(foldForSearch("Lơ\u0301p") == "lop");
}

TEST_CASE("every precomposed Vietnamese vowel folds to its base letter", "[core][fold]") {
    const std::string a = "àáảãạăằắẳẵặâầấẩẫậ";
    const std::string e = "èéẻẽẹêềếểễệ";
    const std::string i = "ìíỉĩị";
    const std::string o = "òóỏõọôồốổỗộơờớởỡợ";
    const std::string u = "ùúủũụưừứửữự";
    const std::string y = "ỳýỷỹỵ";
    CHECK(foldForSearch(a) == std::string(17, 'a'));
    CHECK(foldForSearch(e) == std::string(11, 'e'));
    CHECK(foldForSearch(i) == std::string(5, 'i'));
    CHECK(foldForSearch(o) == std::string(17, 'o'));
    CHECK(foldForSearch(u) == std::string(11, 'u'));
    CHECK(foldForSearch(y) == std::string(5, 'y'));
    CHECK(foldForSearch("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ") == std::string(17, 'a'));
    CHECK(foldForSearch("ÈÉẺẼẸÊỀẾỂỄỆ") == std::string(11, 'e'));
    CHECK(foldForSearch("ÌÍỈĨỊ") == std::string(5, 'i'));
    CHECK(foldForSearch("ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ") == std::string(17, 'o'));
    CHECK(foldForSearch("ÙÚỦŨỤƯỪỨỬỮỰ") == std::string(11, 'u'));
    CHECK(foldForSearch("ỲÝỶỸỴ") == std::string(5, 'y'));
    CHECK(foldForSearch("đĐ") == "dd");
}

TEST_CASE("punctuation and any space separate words, runs collapse and ends are trimmed",
          "[core][fold]") {
    CHECK(foldForSearch("  Lê-Thị,Mai.  ") == "le thi mai");
    CHECK(foldForSearch("Lê\tThị\nMai") == "le thi mai");
    CHECK(foldForSearch("Lê\u00A0Thị\u3000Mai") == "le thi mai");  // no-break, ideographic
    CHECK(foldForSearch("Ma\u00ADi") == "mai");                    // soft hyphen is invisible
    CHECK(foldForSearch("Thôn 3") == "thon 3");
    CHECK(foldForSearch("") == "");
    CHECK(foldForSearch(" ,.;- ") == "");
}

TEST_CASE("malformed UTF-8 separates words instead of failing", "[core][fold]") {
    CHECK(foldForSearch("Ho\xE1"
                        "a") == "ho a");               // truncated sequence
    CHECK(foldForSearch("Ho\xC1\x81") == "ho");        // overlong 'A' is not a letter
    CHECK(foldForSearch("\xED\xA0\x80Mai") == "mai");  // surrogate
    CHECK(foldForSearch("Mai\x80\xBF") == "mai");      // stray continuation bytes
}

TEST_CASE("folding is idempotent", "[core][fold]") {
    const std::string once = foldForSearch("Phạm Thị Thu Hường");
    CHECK(once == "pham thi thu huong");
    CHECK(foldForSearch(once) == once);
}

TEST_CASE("name words are the distinct folded words in order", "[core][fold]") {
    CHECK(nameWords("Nguyễn Thị  Hoà") == std::vector<std::string>{"nguyen", "thi", "hoa"});
    CHECK(nameWords("Hoà hoa HOA Hòa") == std::vector<std::string>{"hoa"});
    CHECK(nameWords("nguyen thi hoa") == std::vector<std::string>{"nguyen", "thi", "hoa"});
    CHECK(nameWords(" - ").empty());
}

TEST_CASE("phone numbers written differently normalise alike", "[core][phone]") {
    const std::string canonical = "0912345678";
    CHECK(normalisePhone("+84 912 345 678") == canonical);
    CHECK(normalisePhone("0912.345.678") == canonical);
    CHECK(normalisePhone("0912345678") == canonical);
    CHECK(normalisePhone("84912345678") == canonical);
    CHECK(normalisePhone("(+84) 0912-345-678") == canonical);
    CHECK(normalisePhone("0084 912 345 678") == canonical);
    CHECK(normalisePhone("912 345 678") == canonical);
    CHECK(normalisePhone("0221 3456 789") == "02213456789");  // landline, 10-digit national
    CHECK(normalisePhone("+84 221 3456 789") == "02213456789");
}

TEST_CASE("short, overlong or foreign phone numbers", "[core][phone]") {
    CHECK(normalisePhone("") == "");
    CHECK(normalisePhone("113") == "");  // emergency short code, not a subscriber
    CHECK(normalisePhone("0912 345") == "");
    CHECK(normalisePhone("không có") == "");
    CHECK(normalisePhone("1234567890123456") == "");
    CHECK(normalisePhone("+1 555 010 0199") == "+15550100199");
    CHECK(normalisePhone("001 555 010 0199") == "+15550100199");
    CHECK(normalisePhone("+84 912 345 678") != normalisePhone("+1 912 345 678"));
}

TEST_CASE("ID numbers keep upper-case letters and digits only", "[core][id]") {
    CHECK(normaliseIdNumber(" 001-234 567.890 ") == "001234567890");
    CHECK(normaliseIdNumber("b1234567") == "B1234567");
    CHECK(normaliseIdNumber("B 123 4567") == normaliseIdNumber("b1234567"));
    CHECK(normaliseIdNumber("số: ") == "S");  // non-ASCII letters are dropped
    CHECK(normaliseIdNumber("--") == "");
}
