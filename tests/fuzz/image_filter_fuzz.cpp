// Fuzz target: the metadata filters of evidence files (issue 21, core/attachment/
// MetadataFilter.h), which read every uploaded photo before it is encrypted.
//
// Input: byte 0 picks the filter (% 3: JPEG, PNG, or the type sniffed from the file, which is
// skipped when it shows none); byte 1 sets the sizes of the pieces the file is fed in (low 5
// bits: at most 1 + 8 × that many bytes a piece, 0 being byte by byte; all 8 bits seed the
// sequence); the rest is the file. A filter refuses with core::Error (Unsupported,
// "malformed_file": a 415) or accepts, and then:
//   - the output and the dropped count never add up to more than the input;
//   - fed whole or in pieces, the output, the count and the refusal are the same;
//   - the output is a file of the same type that the filter passes again unchanged, dropping
//     nothing (so no metadata segment, chunk or trailer is left anywhere in it);
//   - a JPEG's output holds no metadata segment before its first SOS, a PNG's no text, EXIF or
//     time chunk, and IEND is its last (both walked here directly).
#include <string>

#include "core/Error.h"
#include "core/attachment/FileType.h"
#include "core/attachment/MetadataFilter.h"
#include "fuzz/FuzzSupport.h"

namespace binhan::fuzz {
namespace {

using core::FileType;

struct Pass {
    bool ok = false;
    std::string out;
    std::uint64_t dropped = 0;
    std::string refusal;  // the message of the core::Error, when refused
};

const std::uint8_t* bytesOf(const std::string& s) {
    return reinterpret_cast<const std::uint8_t*>(s.data());
}

// Runs a new filter of `type` over `file`: whole when `split` is negative, else in pieces
// whose sizes follow from `split` (byte 1 of the input).
Pass filter(FileType type, const std::string& file, int split) {
    auto filter = core::metadataFilterFor(type);
    Pass pass;
    std::uint32_t random = static_cast<std::uint32_t>(split) * 2654435761u + 1;
    const std::size_t limit = 1 + 8 * static_cast<std::size_t>(split & 0x1F);
    try {
        for (std::size_t at = 0, size = 0; at < file.size(); at += size) {
            random = random * 1103515245u + 12345u;
            size = split < 0 ? file.size() : 1 + (random >> 16) % limit;
            size = std::min(size, file.size() - at);
            filter->feed(bytesOf(file) + at, size, pass.out);
        }
        filter->feed(nullptr, 0, pass.out);
        filter->finish(pass.out);
        pass.ok = true;
    } catch (const core::Error& e) {
        FUZZ_CHECK(e.kind() == core::ErrorKind::Unsupported);
        FUZZ_CHECK(e.code() == "malformed_file");
        pass.refusal = e.what();
    }
    pass.dropped = filter->droppedBytes();
    return pass;
}

unsigned byteAt(const std::string& s, std::size_t at) {
    return static_cast<unsigned char>(s[at]);
}

// A JPEG the filter accepted: SOI, then segments up to the first SOS (or EOI). None may be a
// kind the filter drops: APP1 (EXIF, XMP), APP3–APP13, APP15, COM, an APP2 but ICC.
void checkJpegHead(const std::string& out) {
    FUZZ_CHECK(out.size() >= 4 && out.compare(out.size() - 2, 2, "\xFF\xD9") == 0);
    std::size_t at = 2;  // after SOI
    while (at + 1 < out.size()) {
        FUZZ_CHECK(byteAt(out, at) == 0xFF);  // fill bytes between segments were dropped
        const unsigned marker = byteAt(out, at + 1);
        if (marker == 0xDA || marker == 0xD9) return;                // SOS, EOI
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // TEM, RSTn
            at += 2;
            continue;
        }
        FUZZ_CHECK(marker != 0xE1 && marker != 0xEF && marker != 0xFE);
        FUZZ_CHECK(marker < 0xE3 || marker > 0xED);
        FUZZ_CHECK(at + 3 < out.size());
        const std::size_t length = (byteAt(out, at + 2) << 8) | byteAt(out, at + 3);
        if (marker == 0xE2) {
            FUZZ_CHECK(at + 16 <= out.size());
            FUZZ_CHECK(out.compare(at + 4, 12, std::string("ICC_PROFILE\0", 12)) == 0);
        }
        at += 2 + length;
    }
    FUZZ_CHECK(!"a JPEG the filter accepted has no SOS or EOI");
}

// A PNG the filter accepted: the signature, chunks none of which is text, EXIF or a time,
// and IEND the last, ending the file.
void checkPngChunks(const std::string& out) {
    std::size_t at = 8;  // after the signature
    std::string type;
    while (at < out.size()) {
        FUZZ_CHECK(at + 12 <= out.size());
        const std::size_t length = (std::size_t{byteAt(out, at)} << 24) |
                                   (byteAt(out, at + 1) << 16) | (byteAt(out, at + 2) << 8) |
                                   byteAt(out, at + 3);
        type = out.substr(at + 4, 4);
        for (const char* metadata : {"tEXt", "zTXt", "iTXt", "eXIf", "tIME"})
            FUZZ_CHECK(type != metadata);
        at += 12 + length;
    }
    FUZZ_CHECK(at == out.size() && type == "IEND");
}

}  // namespace

int imageFilter(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::string file(reinterpret_cast<const char*>(data + 2), size - 2);
    std::optional<FileType> type = data[0] % 3 == 0 ? FileType::Jpeg
                                   : data[0] % 3 == 1
                                       ? FileType::Png
                                       : core::sniffFileType(bytesOf(file), file.size());
    if (!type) return 0;
    const Pass whole = filter(*type, file, -1);
    const Pass pieces = filter(*type, file, data[1]);
    FUZZ_CHECK(whole.out.size() + whole.dropped <= file.size());
    FUZZ_CHECK(whole.ok == pieces.ok);
    FUZZ_CHECK(whole.refusal == pieces.refusal);
    FUZZ_CHECK(whole.dropped == pieces.dropped);
    if (!whole.ok) return 0;
    FUZZ_CHECK(whole.out == pieces.out);
    FUZZ_CHECK(core::sniffFileType(bytesOf(whole.out), whole.out.size()) == type);
    const Pass again = filter(*type, whole.out, data[1]);
    FUZZ_CHECK(again.ok);
    FUZZ_CHECK(again.out == whole.out);
    FUZZ_CHECK(again.dropped == 0);
    if (*type == FileType::Jpeg) checkJpegHead(whole.out);
    if (*type == FileType::Png) checkPngChunks(whole.out);
    return 0;
}

}  // namespace binhan::fuzz

BINHAN_FUZZ_ENTRY(binhan::fuzz::imageFilter)
