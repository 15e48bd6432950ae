#include "core/attachment/JpegMetadataFilter.h"

#include <algorithm>
#include <cstring>

namespace binhan::core {
namespace {

// Marker bytes (the byte after FF), T.81 table B.1.
constexpr std::uint8_t kTem = 0x01;
constexpr std::uint8_t kRst0 = 0xD0, kRst7 = 0xD7;
constexpr std::uint8_t kSoi = 0xD8, kEoi = 0xD9, kSos = 0xDA;
constexpr std::uint8_t kApp0 = 0xE0, kApp2 = 0xE2, kApp14 = 0xEE, kApp15 = 0xEF;
constexpr std::uint8_t kCom = 0xFE;
constexpr std::uint8_t kFill = 0xFF;

bool isRst(std::uint8_t marker) {
    return marker >= kRst0 && marker <= kRst7;
}

bool isApp(std::uint8_t marker) {
    return marker >= kApp0 && marker <= kApp15;
}

// The APPn segments worth a look at their identifier; every other APPn and COM is dropped
// unread, every other segment kept unread.
bool needsIdentifier(std::uint8_t marker) {
    return marker == kApp0 || marker == kApp2 || marker == kApp14;
}

bool startsWith(const std::uint8_t* data, std::size_t size, const char* prefix,
                std::size_t prefixSize) {
    return size >= prefixSize && std::memcmp(data, prefix, prefixSize) == 0;
}

}  // namespace

void JpegMetadataFilter::feed(const std::uint8_t* data, std::size_t size, std::string& out) {
    if (state_ == State::Failed) fail("the JPEG file was already refused");
    std::size_t done = 0;
    while (done < size) done += step(data + done, size - done, out);
}

void JpegMetadataFilter::finish(std::string& /*out*/) {
    switch (state_) {
        case State::AfterEoi:
            return;  // nothing is ever held back once EOI is seen
        case State::Failed:
            fail("the JPEG file was already refused");
        case State::Length:
        case State::Identifier:
        case State::Payload:
            fail("the JPEG file ends inside a segment");
        default:
            fail("the JPEG file ends before its end-of-image marker (EOI)");
    }
}

// Consumes at least one byte of `data` (size > 0) and returns how many.
std::size_t JpegMetadataFilter::step(const std::uint8_t* data, std::size_t size, std::string& out) {
    const std::uint8_t byte = data[0];
    switch (state_) {
        case State::Soi:
            onSoiByte(byte, out);
            return 1;
        case State::MarkerPrefix:
            if (byte != 0xFF) fail("the JPEG file has stray bytes between segments");
            state_ = State::MarkerCode;
            return 1;
        case State::MarkerCode:
            if (byte != kFill) onMarker(byte, out);  // fill bytes before a marker: dropped
            return 1;
        case State::Length:
        case State::Identifier:
            onHeaderByte(byte, out);
            return 1;
        case State::Payload:
            return onPayload(data, size, out);
        case State::Entropy:
            return onEntropy(data, size, out);
        case State::EntropyFF:
            onEntropyFF(byte, out);
            return 1;
        case State::AfterEoi:
            dropped_ += size;  // trailers after the image: dropped unread
            return size;
        case State::Failed:
            break;
    }
    fail("the JPEG file was already refused");
}

void JpegMetadataFilter::onSoiByte(std::uint8_t byte, std::string& out) {
    static constexpr std::uint8_t kSoiBytes[] = {0xFF, kSoi};
    if (byte != kSoiBytes[held_]) fail("the file does not start as a JPEG (SOI)");
    if (++held_ < sizeof kSoiBytes) return;
    out.append("\xFF\xD8", 2);
    state_ = State::MarkerPrefix;
}

// The marker byte after an FF, between segments or ending entropy-coded data (never FF).
void JpegMetadataFilter::onMarker(std::uint8_t marker, std::string& out) {
    if (marker == 0x00) fail("the JPEG file has a stuffed byte outside entropy-coded data");
    if (marker == kSoi) fail("the JPEG file has a second start-of-image marker");
    if (marker == kEoi || marker == kTem || isRst(marker)) {  // standalone: no length
        out.push_back(static_cast<char>(0xFF));
        out.push_back(static_cast<char>(marker));
        state_ = marker == kEoi ? State::AfterEoi : State::MarkerPrefix;
        return;
    }
    header_[0] = 0xFF;
    header_[1] = marker;
    held_ = 2;
    state_ = State::Length;
}

// A length byte (state Length) or an identifier byte (state Identifier) of the segment.
void JpegMetadataFilter::onHeaderByte(std::uint8_t byte, std::string& out) {
    header_[held_++] = byte;
    if (state_ == State::Identifier) {
        --remaining_;
        if (held_ == 4 + identifierSize_) startPayload(out);
        return;
    }
    if (held_ < 4) return;
    const std::size_t length = (std::size_t{header_[2]} << 8) | header_[3];
    if (length < 2) fail("the JPEG file has a segment length below 2");
    remaining_ = length - 2;
    identifierSize_ = needsIdentifier(header_[1]) ? std::min(remaining_, kIdentifierBytes) : 0;
    if (identifierSize_ > 0)
        state_ = State::Identifier;
    else
        startPayload(out);
}

// The segment's header (and identifier) is read: decides, then copies or skips the rest.
void JpegMetadataFilter::startPayload(std::string& out) {
    keep_ = keepSegment();
    if (keep_)
        out.append(reinterpret_cast<const char*>(header_.data()), held_);
    else
        dropped_ += held_;
    held_ = 0;
    state_ = State::Payload;
    if (remaining_ == 0) state_ = header_[1] == kSos ? State::Entropy : State::MarkerPrefix;
}

bool JpegMetadataFilter::keepSegment() const {
    const std::uint8_t marker = header_[1];
    const std::uint8_t* id = header_.data() + 4;
    switch (marker) {
        case kApp0:
            return startsWith(id, identifierSize_, "JFIF\0", 5) ||
                   startsWith(id, identifierSize_, "JFXX\0", 5);
        case kApp2:
            return startsWith(id, identifierSize_, "ICC_PROFILE\0", 12);
        case kApp14:
            return startsWith(id, identifierSize_, "Adobe", 5);
        default:
            return !isApp(marker) && marker != kCom;  // APP1, APP3–13, APP15, COM: metadata
    }
}

std::size_t JpegMetadataFilter::onPayload(const std::uint8_t* data, std::size_t size,
                                          std::string& out) {
    const std::size_t take = std::min(size, remaining_);
    if (keep_)
        out.append(reinterpret_cast<const char*>(data), take);
    else
        dropped_ += take;
    remaining_ -= take;
    if (remaining_ == 0) state_ = header_[1] == kSos ? State::Entropy : State::MarkerPrefix;
    return take;
}

// Entropy-coded data up to and including the next FF, which decides what follows.
std::size_t JpegMetadataFilter::onEntropy(const std::uint8_t* data, std::size_t size,
                                          std::string& out) {
    const auto* ff = static_cast<const std::uint8_t*>(std::memchr(data, 0xFF, size));
    const std::size_t plain = ff ? static_cast<std::size_t>(ff - data) : size;
    out.append(reinterpret_cast<const char*>(data), plain);
    if (!ff) return size;
    state_ = State::EntropyFF;
    return plain + 1;
}

// The byte after an FF in entropy-coded data.
void JpegMetadataFilter::onEntropyFF(std::uint8_t byte, std::string& out) {
    if (byte == 0x00 || isRst(byte)) {  // stuffed FF, restart marker: part of the scan
        out.push_back(static_cast<char>(0xFF));
        out.push_back(static_cast<char>(byte));
        state_ = State::Entropy;
    } else if (byte == kFill) {  // a fill byte: stays in the data, the next FF decides
        out.push_back(static_cast<char>(0xFF));
    } else {
        onMarker(byte, out);  // the scan is over: a segment (DHT, SOS, APPn …) or EOI
    }
}

void JpegMetadataFilter::fail(const char* message) {
    state_ = State::Failed;
    throw MalformedFile(message);
}

}  // namespace binhan::core
