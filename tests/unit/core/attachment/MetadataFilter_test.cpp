#include "core/attachment/MetadataFilter.h"

#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/Error.h"

using namespace binhan::core;

namespace {

// What a phone writes about where and with what a photo was taken; none may survive.
const std::string kGps = "GPS 21.0285N 105.8542E";
const std::string kDevice = "BinhAnTestPhone SM-A125F serial R58N123";

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (int v : values) out.push_back(static_cast<char>(v));
    return out;
}

// ---- JPEG, by hand: FF marker, big-endian length counting itself, payload ----

std::string segment(int marker, const std::string& payload) {
    const std::size_t length = payload.size() + 2;
    return bytes({0xFF, marker, static_cast<int>(length >> 8), static_cast<int>(length & 0xFF)}) +
           payload;
}

const std::string kSoi = bytes({0xFF, 0xD8});
const std::string kEoi = bytes({0xFF, 0xD9});

std::string app0Jfif() {
    return segment(0xE0, std::string("JFIF\0", 5) + bytes({1, 1, 0, 0, 1, 0, 1, 0, 0}));
}
// EXIF: "Exif\0\0", a little-endian TIFF header, then (abridged) the strings a phone writes.
std::string exifApp1() {
    return segment(0xE1, std::string("Exif\0\0II*\0\x08\0\0\0", 14) + kDevice + '\0' + kGps);
}
std::string xmpApp1() {
    return segment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) +
                             "<x:xmpmeta><rdf:Description exif:GPSLatitude='" + kGps + "'/>");
}
std::string iccApp2() {
    return segment(0xE2, std::string("ICC_PROFILE\0\x01\x01", 14) + std::string(20, '\x11'));
}
std::string mpfApp2() {  // multi-picture format: points at images after EOI
    return segment(0xE2, std::string("MPF\0MM\0*", 8));
}
std::string photoshopApp13() {  // IPTC: a city and a by-line
    return segment(0xED, std::string("Photoshop 3.0\0008BIM\x04\x04", 20) + "Ha Noi " + kDevice);
}
std::string adobeApp14() {
    return segment(0xEE, std::string("Adobe\0\x64\0\0\0\0\x01", 12));
}
std::string comment() {
    return segment(0xFE, "Thon Bac, " + kGps);
}
std::string dqt() {
    std::string table(1, '\0');
    for (int i = 0; i < 64; ++i) table.push_back(static_cast<char>(1 + i));
    return segment(0xDB, table);
}
std::string sof(int marker) {  // 8-bit, 16x8, one component, table 0
    return segment(marker, bytes({8, 0, 8, 0, 16, 1, 1, 0x11, 0}));
}
std::string dht(int tableClassAndId) {
    std::string counts(16, '\0');
    counts[0] = 1;  // one code of length 1
    return segment(0xC4, std::string(1, static_cast<char>(tableClassAndId)) + counts + '\x05');
}
std::string sos() {
    return segment(0xDA, bytes({1, 1, 0x00, 0, 63, 0}));
}
// Entropy-coded data with a stuffed FF 00, a restart marker FF D0 and, before the next marker,
// fill bytes FF FF: all part of the scan.
const std::string kScan1 =
    bytes({0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0x9A, 0xFF, 0xFF});
const std::string kScan2 = bytes({0xAB, 0xFF, 0x00, 0xFF, 0xD7, 0xCD});

std::string imageSegments() {
    return dqt() + sof(0xC0) + dht(0x00) + dht(0x10) + sos() + kScan1;
}

// A phone's photo: every kind of metadata, and a trailer after EOI.
std::string phonePhoto() {
    return kSoi + app0Jfif() + exifApp1() + xmpApp1() + iccApp2() + mpfApp2() + photoshopApp13() +
           adobeApp14() + comment() + imageSegments() + kEoi + "MotionPhoto_Data " + kGps;
}
// The same photo as the filter must leave it.
std::string phonePhotoFiltered() {
    return kSoi + app0Jfif() + iccApp2() + adobeApp14() + imageSegments() + kEoi;
}

// Two scans, with a DHT, a COM and an EXIF APP1 between them.
std::string progressivePhoto() {
    return kSoi + app0Jfif() + dqt() + sof(0xC2) + dht(0x00) + sos() + kScan1 + dht(0x10) +
           comment() + exifApp1() + sos() + kScan2 + kEoi;
}

// ---- PNG, by hand: length, type, data, CRC-32 over type and data ----

std::uint32_t crc32(const std::string& data) {
    std::uint32_t crc = 0xFFFFFFFF;
    for (unsigned char c : data) {
        crc ^= c;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::string be32(std::uint32_t v) {
    return bytes({static_cast<int>(v >> 24), static_cast<int>((v >> 16) & 0xFF),
                  static_cast<int>((v >> 8) & 0xFF), static_cast<int>(v & 0xFF)});
}

std::string chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

const std::string kPngSignature = bytes({0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});

std::string ihdr() {  // 1x1, 8-bit greyscale
    return chunk("IHDR", be32(1) + be32(1) + bytes({8, 0, 0, 0, 0}));
}
std::string colourChunks() {
    return chunk("gAMA", be32(45455)) + chunk("pHYs", be32(2835) + be32(2835) + bytes({1}));
}
std::string idat() {
    return chunk("IDAT", bytes({0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01}));
}
std::string pngImageChunks() {
    return ihdr() + colourChunks() + idat();
}

// A PNG with every kind of metadata, an unknown critical chunk and a trailer after IEND.
std::string pngWithText() {
    return kPngSignature + ihdr() + colourChunks() +
           chunk("tEXt", std::string("Comment\0", 8) + kGps) +
           chunk("eXIf", std::string("II*\0\x08\0\0\0", 8) + kDevice) +
           chunk("iTXt", std::string("XML:com.adobe.xmp\0\0\0\0\0", 22) + kGps) +
           chunk("tIME", bytes({0x07, 0xE8, 6, 15, 3, 0, 0})) + chunk("prVt", kDevice) + idat() +
           chunk("CgBI", "keep") + chunk("IEND", "") + "trailer " + kGps;
}
std::string pngWithTextFiltered() {
    return kPngSignature + ihdr() + colourChunks() + idat() + chunk("CgBI", "keep") +
           chunk("IEND", "");
}

// ---- running a filter ----

const std::uint8_t* u8(const std::string& s) {
    return reinterpret_cast<const std::uint8_t*>(s.data());
}

// The output of a filter fed `in` in pieces of the given sizes (the last piece takes the rest).
std::string filterInPieces(FileType type, const std::string& in,
                           const std::vector<std::size_t>& sizes,
                           std::uint64_t* dropped = nullptr) {
    auto filter = metadataFilterFor(type);
    std::string out;
    std::size_t at = 0;
    for (std::size_t size : sizes) {
        size = std::min(size, in.size() - at);
        filter->feed(u8(in) + at, size, out);
        at += size;
    }
    filter->feed(u8(in) + at, in.size() - at, out);
    filter->finish(out);
    if (dropped) *dropped = filter->droppedBytes();
    return out;
}

std::string filterWhole(FileType type, const std::string& in, std::uint64_t* dropped = nullptr) {
    return filterInPieces(type, in, {}, dropped);
}

std::string filterByteByByte(FileType type, const std::string& in) {
    return filterInPieces(type, in, std::vector<std::size_t>(in.size(), 1));
}

// How the filter refuses `in` fed whole, or nullopt when it accepts it.
std::optional<Error> refusalOf(FileType type, const std::string& in) {
    try {
        filterWhole(type, in);
    } catch (const Error& e) {
        return e;
    }
    return std::nullopt;
}

void checkMalformed(FileType type, const std::string& in) {
    const auto error = refusalOf(type, in);
    REQUIRE(error);
    CHECK(error->kind() == ErrorKind::Unsupported);
    CHECK(error->code() == "malformed_file");
    CHECK(std::string(error->what()).find("GPS") == std::string::npos);  // no file content
}

std::string fixtureJpeg() {
    std::ifstream in(std::string(BINHAN_SOURCE_DIR) + "/tests/fixtures/evidence-photo.jpg",
                     std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("A JPEG's EXIF GPS position and device do not survive the filter (issue 21)",
          "[core][attachment][issue21]") {
    const std::string out = filterWhole(FileType::Jpeg, phonePhoto());
    CHECK_FALSE(contains(out, kGps));
    CHECK_FALSE(contains(out, kDevice));
    CHECK_FALSE(contains(out, "Exif"));
    CHECK_FALSE(contains(out, "xmpmeta"));
    CHECK_FALSE(contains(out, "Photoshop"));
    CHECK_FALSE(contains(out, "MotionPhoto"));
}

TEST_CASE(
    "A JPEG's image segments, JFIF, ICC profile and Adobe marker pass byte for byte and "
    "in order (issue 21)",
    "[core][attachment][issue21]") {
    std::uint64_t dropped = 0;
    CHECK(filterWhole(FileType::Jpeg, phonePhoto(), &dropped) == phonePhotoFiltered());
    CHECK(dropped == phonePhoto().size() - phonePhotoFiltered().size());
}

TEST_CASE(
    "A progressive JPEG keeps its scans and tables, and loses an APP1 or COM between "
    "scans (issue 21)",
    "[core][attachment][issue21]") {
    const std::string expected = kSoi + app0Jfif() + dqt() + sof(0xC2) + dht(0x00) + sos() +
                                 kScan1 + dht(0x10) + sos() + kScan2 + kEoi;
    CHECK(filterWhole(FileType::Jpeg, progressivePhoto()) == expected);
}

TEST_CASE("A JPEG APPn is kept only with the identifier of a colour segment (issue 21)",
          "[core][attachment][issue21]") {
    const std::string tail = dqt() + sof(0xC0) + sos() + kScan2 + kEoi;
    const std::string notJfif = segment(0xE0, std::string("AVI1\0\0\0\0", 8));
    const std::string notAdobe = segment(0xEE, "Adobf");
    const std::string shortIcc = segment(0xE2, "ICC");
    const std::string app15 = segment(0xEF, kDevice);
    const std::string app5 = segment(0xE5, kGps);
    const std::string empty = segment(0xE0, "");
    CHECK(filterWhole(FileType::Jpeg, kSoi + notJfif + notAdobe + shortIcc + app15 + app5 + empty +
                                          tail) == kSoi + tail);
}

TEST_CASE("A JPEG with no metadata comes out unchanged and counts nothing dropped (issue 21)",
          "[core][attachment][issue21]") {
    const std::string clean = phonePhotoFiltered();
    std::uint64_t dropped = 1;
    CHECK(filterWhole(FileType::Jpeg, clean, &dropped) == clean);
    CHECK(dropped == 0);
}

TEST_CASE(
    "JPEG standalone markers and fill bytes between segments are read without a length "
    "(issue 21)",
    "[core][attachment][issue21]") {
    const std::string tem = bytes({0xFF, 0x01});
    const std::string rst = bytes({0xFF, 0xD3});
    const std::string fill = bytes({0xFF, 0xFF, 0xFF});
    const std::string in = kSoi + fill + tem + dqt() + rst + fill + exifApp1() + sof(0xC0) + sos() +
                           kScan2 + fill + kEoi;
    // Fill bytes between segments are dropped; those before a marker ending a scan stay.
    CHECK(filterWhole(FileType::Jpeg, in) ==
          kSoi + tem + dqt() + rst + sof(0xC0) + sos() + kScan2 + fill + kEoi);
}

TEST_CASE(
    "A kept JPEG segment streams out as it arrives, an APPn only waits for its "
    "identifier (issue 21)",
    "[core][attachment][issue21]") {
    auto filter = metadataFilterFor(FileType::Jpeg);
    std::string out;
    const std::string table = dqt();
    const std::string head = kSoi + table.substr(0, 14);
    filter->feed(u8(head), head.size(), out);
    CHECK(out == head);  // nothing of the DQT held back
    const std::string icc = iccApp2();
    const std::string rest = table.substr(14) + icc.substr(0, 10);
    filter->feed(u8(rest), rest.size(), out);
    CHECK(out == kSoi + table);  // "ICC_PR": not yet decided
    const std::string more = icc.substr(10, 6);
    filter->feed(u8(more), more.size(), out);
    CHECK(out == kSoi + table + icc.substr(0, 16));  // "ICC_PROFILE\0" seen: kept
}

TEST_CASE(
    "A malformed or truncated JPEG is refused as unsupported (415) without its content "
    "in the message (issue 21)",
    "[core][attachment][issue21]") {
    const std::string photo = phonePhoto();
    const std::string noTrailer = photo.substr(0, photo.find("MotionPhoto"));
    SECTION("no EOI") {
        checkMalformed(FileType::Jpeg, noTrailer.substr(0, noTrailer.size() - 2));
    }
    SECTION("cut inside a segment (the EXIF)") {
        checkMalformed(FileType::Jpeg, photo.substr(0, kSoi.size() + app0Jfif().size() + 30));
    }
    SECTION("cut inside a segment's length") {
        checkMalformed(FileType::Jpeg, kSoi + bytes({0xFF, 0xDB, 0x00}));
    }
    SECTION("a segment length below 2") {
        checkMalformed(FileType::Jpeg, kSoi + bytes({0xFF, 0xDB, 0x00, 0x01}) + kEoi);
        checkMalformed(FileType::Jpeg, kSoi + bytes({0xFF, 0xE1, 0x00, 0x00}) + kEoi);
    }
    SECTION("no SOI first") {
        checkMalformed(FileType::Jpeg, dqt() + kEoi);
        checkMalformed(FileType::Jpeg, bytes({0xFF, 0xD9}));
        checkMalformed(FileType::Jpeg, "");
    }
    SECTION("a second SOI, a stuffed byte or stray bytes between segments") {
        checkMalformed(FileType::Jpeg, kSoi + dqt() + kSoi + kEoi);
        checkMalformed(FileType::Jpeg, kSoi + bytes({0xFF, 0x00}) + kEoi);
        checkMalformed(FileType::Jpeg, kSoi + dqt() + "x" + kEoi);
    }
}

TEST_CASE("A refused file stays refused: every later call throws (issue 21)",
          "[core][attachment][issue21]") {
    for (FileType type : {FileType::Jpeg, FileType::Png, FileType::Pdf}) {
        auto filter = metadataFilterFor(type);
        std::string out;
        CHECK_THROWS_AS(filter->feed(u8("GIF89a"), 6, out), Error);
        const std::string valid = type == FileType::Jpeg  ? phonePhoto()
                                  : type == FileType::Png ? pngWithText()
                                                          : std::string("%PDF-1.7\n");
        CHECK_THROWS_AS(filter->feed(u8(valid), valid.size(), out), Error);
        CHECK_THROWS_AS(filter->finish(out), Error);
    }
}

TEST_CASE(
    "A PNG's tEXt, iTXt, eXIf and tIME chunks and its trailer do not survive the filter "
    "(issue 21)",
    "[core][attachment][issue21]") {
    std::uint64_t dropped = 0;
    const std::string out = filterWhole(FileType::Png, pngWithText(), &dropped);
    CHECK_FALSE(contains(out, kGps));
    CHECK_FALSE(contains(out, kDevice));
    CHECK(out == pngWithTextFiltered());  // IHDR gAMA pHYs IDAT, unknown critical CgBI, IEND
    CHECK(dropped == pngWithText().size() - pngWithTextFiltered().size());
}

TEST_CASE("A PNG's colour and animation chunks are kept with their CRC (issue 21)",
          "[core][attachment][issue21]") {
    std::string in = kPngSignature + ihdr();
    for (const char* type : {"PLTE", "tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "bKGD", "pHYs",
                             "hIST", "sPLT", "acTL", "fcTL", "fdAT"})
        in += chunk(type, std::string("data of ") + type);
    in += chunk("IDAT", "x") + chunk("IEND", "");
    std::uint64_t dropped = 1;
    CHECK(filterWhole(FileType::Png, in, &dropped) == in);
    CHECK(dropped == 0);
}

TEST_CASE("A malformed or truncated PNG is refused as unsupported (415) (issue 21)",
          "[core][attachment][issue21]") {
    const std::string png = pngWithText();
    const std::string noTrailer = png.substr(0, png.find("trailer"));
    SECTION("no IEND") {
        checkMalformed(FileType::Png, noTrailer.substr(0, noTrailer.size() - 12));
    }
    SECTION("cut inside a chunk") {
        checkMalformed(FileType::Png, noTrailer.substr(0, noTrailer.size() - 2));
        checkMalformed(FileType::Png, kPngSignature + ihdr().substr(0, 5));
    }
    SECTION("the first chunk is not IHDR") {
        checkMalformed(FileType::Png, kPngSignature + chunk("tEXt", "Comment") + pngImageChunks() +
                                          chunk("IEND", ""));
    }
    SECTION("a chunk type that is not four letters") {
        checkMalformed(FileType::Png,
                       kPngSignature + pngImageChunks() + chunk("tE1t", "x") + chunk("IEND", ""));
        checkMalformed(FileType::Png,
                       kPngSignature + pngImageChunks() + chunk("tE t", "x") + chunk("IEND", ""));
    }
    SECTION("a chunk length over 2^31-1") {
        checkMalformed(FileType::Png, kPngSignature + pngImageChunks() + be32(0x80000000) + "IDAT" +
                                          chunk("IEND", ""));
    }
    SECTION("a wrong or short signature") {
        checkMalformed(FileType::Png, "GIF89a" + pngImageChunks() + chunk("IEND", ""));
        checkMalformed(FileType::Png, kPngSignature.substr(0, 7));
        checkMalformed(FileType::Png, kPngSignature);
    }
}

TEST_CASE("A PDF passes unchanged, only its header is checked (issue 21)",
          "[core][attachment][issue21]") {
    const std::string pdf = "%PDF-1.7\n1 0 obj << /Author (" + kDevice + ") >> endobj\n%%EOF\n";
    std::uint64_t dropped = 1;
    CHECK(filterWhole(FileType::Pdf, pdf, &dropped) == pdf);  // metadata NOT removed (see .h)
    CHECK(dropped == 0);
    CHECK(filterByteByByte(FileType::Pdf, pdf) == pdf);
    checkMalformed(FileType::Pdf, "%PDF");
    checkMalformed(FileType::Pdf, "%PDX-1.7");
    checkMalformed(FileType::Pdf, "<html>");
}

TEST_CASE(
    "Every filter gives the same output whatever the split of its input into pieces "
    "(issue 21)",
    "[core][attachment][issue21]") {
    const struct {
        FileType type;
        std::string file;
    } files[] = {
        {FileType::Jpeg, phonePhoto()},     {FileType::Jpeg, progressivePhoto()},
        {FileType::Jpeg, fixtureJpeg()},    {FileType::Png, pngWithText()},
        {FileType::Pdf, "%PDF-1.4\n%%EOF"},
    };
    std::mt19937 random(21);
    for (const auto& [type, file] : files) {
        const std::string whole = filterWhole(type, file);
        CHECK(filterByteByByte(type, file) == whole);
        for (int round = 0; round < 50; ++round) {
            std::vector<std::size_t> sizes;
            std::uniform_int_distribution<std::size_t> size(0, round < 25 ? 7 : 300);
            for (std::size_t at = 0; at < file.size(); at += sizes.back())
                sizes.push_back(size(random));
            CHECK(filterInPieces(type, file, sizes) == whole);
        }
    }
}

TEST_CASE("Every filter refuses a truncated file whatever the split (issue 21)",
          "[core][attachment][issue21]") {
    const std::string jpeg = phonePhotoFiltered();
    const std::string png = pngWithTextFiltered();
    for (std::size_t cut = 0; cut < jpeg.size(); ++cut) {
        INFO("JPEG cut at " << cut);
        CHECK_THROWS_AS(filterWhole(FileType::Jpeg, jpeg.substr(0, cut)), Error);
        CHECK_THROWS_AS(filterByteByByte(FileType::Jpeg, jpeg.substr(0, cut)), Error);
    }
    for (std::size_t cut = 0; cut < png.size(); ++cut) {
        INFO("PNG cut at " << cut);
        CHECK_THROWS_AS(filterWhole(FileType::Png, png.substr(0, cut)), Error);
        CHECK_THROWS_AS(filterByteByByte(FileType::Png, png.substr(0, cut)), Error);
    }
}

// tests/fixtures/evidence-photo.jpg: a 24x16 photo encoded by libjpeg (quality 80), written
// with jpeg_write_marker the way a phone's camera app writes them: EXIF (a TIFF IFD0 with
// ImageDescription "GPS 21.0285N 105.8542E", Make "BinhAnTestPhone", Model "SM-A125F serial
// R58N123", and a GPS IFD with latitude and longitude), an XMP APP1, an ICC APP2, a Photoshop
// APP13, a COM, and "MotionPhoto_Data GPS 21.0285N 105.8542E" appended after EOI. Decoding it
// before and after the filter with libjpeg gave the same pixels.
TEST_CASE(
    "A libjpeg-encoded phone photo is sniffed as JPEG and loses its GPS, device and "
    "trailer, not its image (issue 21)",
    "[core][attachment][issue21]") {
    const std::string photo = fixtureJpeg();
    REQUIRE(photo.size() > 1000);
    CHECK(sniffFileType(u8(photo), photo.size()) == FileType::Jpeg);
    CHECK(sniffFileType(u8(photo), kSniffBytes) == FileType::Jpeg);
    const std::string out = filterWhole(FileType::Jpeg, photo);
    for (const char* gone : {"GPS", "BinhAnTestPhone", "SM-A125F", "Exif", "xmpmeta", "Photoshop",
                             "Thon Bac", "MotionPhoto"})
        CHECK_FALSE(contains(out, gone));
    CHECK(contains(out, "JFIF"));
    CHECK(contains(out, "ICC_PROFILE"));
    // From the first DQT to EOI libjpeg wrote only image segments: unchanged.
    const std::string dqtMarker = bytes({0xFF, 0xDB});
    const std::string image = photo.substr(0, photo.find("MotionPhoto"));
    CHECK(out.substr(out.find(dqtMarker)) == image.substr(image.find(dqtMarker)));
    CHECK(out.substr(out.size() - 2) == kEoi);
    CHECK(filterWhole(FileType::Jpeg, out) == out);  // idempotent
}
