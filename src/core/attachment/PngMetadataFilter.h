#pragma once
// The PNG metadata filter of MetadataFilter.h (issue 21), fed any split of the file, holding at
// most 8 bytes between calls (the signature, or a chunk's length and type).
//
// The file is the 8-byte signature, then chunks: a 4-byte big-endian data length (at most
// 2^31−1), a 4-byte type of ASCII letters, the data, a 4-byte CRC. The first chunk must be IHDR.
//   - kept, byte for byte with their CRC: IHDR PLTE IDAT IEND, the colour and display chunks
//     tRNS cHRM gAMA iCCP sBIT sRGB bKGD pHYs hIST sPLT, the APNG chunks acTL fcTL fdAT, and
//     any critical chunk we do not know (upper-case first letter: a decoder needs it);
//   - dropped, whole: eXIf (EXIF with GPS), tEXt zTXt iTXt (XMP, "Author", "Location"…), tIME,
//     and every other ancillary chunk (lower-case first letter), which a decoder may ignore.
// Everything after IEND is dropped. Malformed: a wrong signature, a first chunk other than
// IHDR, a length over 2^31−1, a type byte that is not an ASCII letter, and a file that ends
// before IEND's CRC (finish()). CRCs are not verified: a kept chunk keeps its own, and a
// decoder that checks will refuse a corrupt one exactly as it would have before the filter.
#include <array>

#include "core/attachment/MetadataFilter.h"

namespace binhan::core {

class PngMetadataFilter final : public MetadataFilter {
  public:
    void feed(const std::uint8_t* data, std::size_t size, std::string& out) override;
    void finish(std::string& out) override;
    std::uint64_t droppedBytes() const override { return dropped_; }

  private:
    enum class State {
        Signature,    // the 8 signature bytes
        ChunkHeader,  // a chunk's length and type
        ChunkBody,    // a chunk's data and CRC, copied or skipped
        AfterIend,    // the image is over: everything is dropped
        Failed,       // refused: every call throws
    };

    std::size_t step(const std::uint8_t* data, std::size_t size, std::string& out);
    void onSignatureByte(std::uint8_t byte, std::string& out);
    void onHeaderByte(std::uint8_t byte, std::string& out);
    std::size_t onBody(const std::uint8_t* data, std::size_t size, std::string& out);
    [[noreturn]] void fail(const char* message);

    State state_ = State::Signature;
    std::array<std::uint8_t, 8> header_{};  // length (4) and type (4) of the current chunk
    std::size_t held_ = 0;                  // bytes of the signature or of header_ read
    std::uint64_t remaining_ = 0;           // data and CRC bytes of the chunk not yet read
    bool keep_ = false;                     // the current chunk is copied
    bool iend_ = false;                     // the current chunk is IEND
    bool sawChunk_ = false;                 // a chunk (IHDR) has been read
    std::uint64_t dropped_ = 0;
};

}  // namespace binhan::core
