#pragma once
// The JPEG metadata filter of MetadataFilter.h (issue 21): a state machine over the file's
// markers (ITU-T T.81 annex B), fed any split of the file, holding at most 16 bytes between
// calls (a segment's marker, length and the first 12 bytes of an APPn to tell its kind).
//
// The file must start with SOI (FF D8). Then segments, each FF, a marker byte, a two-byte
// big-endian length counting itself (below 2 is malformed) and that many bytes minus two:
//   - dropped, whole: APP1 (EXIF, with GPS and device; XMP), APP3–APP13 (APP13: Photoshop/IPTC),
//     APP15, COM; APP2 unless it is "ICC_PROFILE\0" (FlashPix, MPF, which points at images
//     appended after EOI); APP0 unless "JFIF\0" or "JFXX\0"; APP14 unless "Adobe";
//   - kept, byte for byte: APP0 JFIF/JFXX, APP2 ICC profile (colour), APP14 Adobe (colour
//     transform), and every other segment (DQT, SOFn, DHT, DAC, DRI, DNL, SOS, EXP, JPGn, …).
// Standalone markers (TEM 01, RST0–7 D0–D7) have no length and are kept. Fill bytes (FF) before
// a marker between segments are dropped. After SOS the entropy-coded data passes through,
// with its stuffed FF 00, RST0–7 and fill bytes; any other marker there starts a new segment
// (a progressive file's DHT and SOS between scans; an APPn or COM there is dropped too).
// EOI (FF D9) is kept and everything after it dropped (phones append trailers). Malformed: no
// SOI first, a second SOI, FF 00 or a non-FF byte between segments, a length below 2, and a
// file that ends before EOI (finish()). The segments' contents are not checked (a decoder's
// job; the file is stored, not decoded).
#include <array>

#include "core/attachment/MetadataFilter.h"

namespace binhan::core {

class JpegMetadataFilter final : public MetadataFilter {
  public:
    void feed(const std::uint8_t* data, std::size_t size, std::string& out) override;
    void finish(std::string& out) override;
    std::uint64_t droppedBytes() const override { return dropped_; }

  private:
    enum class State {
        Soi,           // the first two bytes, FF D8
        MarkerPrefix,  // between segments: the FF of the next marker
        MarkerCode,    // after FF: the marker byte (another FF is a fill byte)
        Length,        // the segment's two length bytes
        Identifier,    // the first bytes of an APP0/APP2/APP14 payload, to decide
        Payload,       // the rest of the segment, copied or skipped
        Entropy,       // entropy-coded data after SOS
        EntropyFF,     // an FF in entropy-coded data: stuffing, RSTn, fill byte or a marker
        AfterEoi,      // the image is over: everything is dropped
        Failed,        // refused: every call throws
    };
    static constexpr std::size_t kIdentifierBytes = 12;  // "ICC_PROFILE\0", the longest

    std::size_t step(const std::uint8_t* data, std::size_t size, std::string& out);
    void onSoiByte(std::uint8_t byte, std::string& out);
    void onMarker(std::uint8_t marker, std::string& out);
    void onHeaderByte(std::uint8_t byte, std::string& out);
    std::size_t onPayload(const std::uint8_t* data, std::size_t size, std::string& out);
    std::size_t onEntropy(const std::uint8_t* data, std::size_t size, std::string& out);
    void onEntropyFF(std::uint8_t byte, std::string& out);
    void startPayload(std::string& out);
    bool keepSegment() const;
    [[noreturn]] void fail(const char* message);

    State state_ = State::Soi;
    std::array<std::uint8_t, 4 + kIdentifierBytes> header_{};  // FF, marker, length, identifier
    std::size_t held_ = 0;            // bytes of header_ read (in Soi: bytes of SOI read)
    std::size_t identifierSize_ = 0;  // identifier bytes wanted in state Identifier
    std::size_t remaining_ = 0;       // payload bytes of the segment not yet read
    bool keep_ = false;               // the current segment is copied
    std::uint64_t dropped_ = 0;
};

}  // namespace binhan::core
