#include "core/attachment/PngMetadataFilter.h"

#include <algorithm>
#include <cstring>

namespace binhan::core {
namespace {

constexpr std::uint8_t kSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
constexpr std::uint32_t kMaxLength = 0x7FFFFFFF;  // PNG spec §5.3: at most 2^31−1
constexpr std::size_t kCrcBytes = 4;

// The ancillary chunks that carry colour, transparency, display size or animation, not
// metadata; a decoder would show the image differently without them.
constexpr const char* kKeptAncillary[] = {"tRNS", "cHRM", "gAMA", "iCCP", "sBIT", "sRGB", "bKGD",
                                          "pHYs", "hIST", "sPLT", "acTL", "fcTL", "fdAT"};

bool isLetter(std::uint8_t c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// Critical chunks (upper-case first letter: bit 5 clear) are always kept, known or not.
bool keepChunk(const std::uint8_t* type) {
    if ((type[0] & 0x20) == 0) return true;
    return std::any_of(std::begin(kKeptAncillary), std::end(kKeptAncillary),
                       [&](const char* kept) { return std::memcmp(type, kept, 4) == 0; });
}

}  // namespace

void PngMetadataFilter::feed(const std::uint8_t* data, std::size_t size, std::string& out) {
    if (state_ == State::Failed) fail("the PNG file was already refused");
    std::size_t done = 0;
    while (done < size) done += step(data + done, size - done, out);
}

void PngMetadataFilter::finish(std::string& /*out*/) {
    switch (state_) {
        case State::AfterIend:
            return;  // nothing is ever held back once IEND is over
        case State::Failed:
            fail("the PNG file was already refused");
        case State::Signature:
            fail("the file ends inside the PNG signature");
        case State::ChunkBody:
            fail("the PNG file ends inside a chunk");
        case State::ChunkHeader:
            break;
    }
    fail(held_ > 0 ? "the PNG file ends inside a chunk"
                   : "the PNG file ends before its IEND chunk");
}

// Consumes at least one byte of `data` (size > 0) and returns how many.
std::size_t PngMetadataFilter::step(const std::uint8_t* data, std::size_t size, std::string& out) {
    switch (state_) {
        case State::Signature:
            onSignatureByte(data[0], out);
            return 1;
        case State::ChunkHeader:
            onHeaderByte(data[0], out);
            return 1;
        case State::ChunkBody:
            return onBody(data, size, out);
        case State::AfterIend:
            dropped_ += size;  // trailers after the image: dropped unread
            return size;
        case State::Failed:
            break;
    }
    fail("the PNG file was already refused");
}

void PngMetadataFilter::onSignatureByte(std::uint8_t byte, std::string& out) {
    if (byte != kSignature[held_]) fail("the file does not start as a PNG (signature)");
    if (++held_ < sizeof kSignature) return;
    out.append(reinterpret_cast<const char*>(kSignature), sizeof kSignature);
    held_ = 0;
    state_ = State::ChunkHeader;
}

// A byte of a chunk's length and type; at the eighth, decides the chunk's fate.
void PngMetadataFilter::onHeaderByte(std::uint8_t byte, std::string& out) {
    header_[held_++] = byte;
    if (held_ < header_.size()) return;
    held_ = 0;
    const std::uint32_t length = (std::uint32_t{header_[0]} << 24) |
                                 (std::uint32_t{header_[1]} << 16) |
                                 (std::uint32_t{header_[2]} << 8) | header_[3];
    const std::uint8_t* type = header_.data() + 4;
    if (length > kMaxLength) fail("the PNG file has a chunk longer than 2^31-1 bytes");
    if (!std::all_of(type, type + 4, isLetter))
        fail("the PNG file has a chunk type that is not four letters");
    if (!sawChunk_ && std::memcmp(type, "IHDR", 4) != 0)
        fail("the PNG file does not start with its IHDR chunk");
    sawChunk_ = true;
    iend_ = std::memcmp(type, "IEND", 4) == 0;
    keep_ = keepChunk(type);
    if (keep_)
        out.append(reinterpret_cast<const char*>(header_.data()), header_.size());
    else
        dropped_ += header_.size();
    remaining_ = std::uint64_t{length} + kCrcBytes;
    state_ = State::ChunkBody;
}

std::size_t PngMetadataFilter::onBody(const std::uint8_t* data, std::size_t size,
                                      std::string& out) {
    const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(size, remaining_));
    if (keep_)
        out.append(reinterpret_cast<const char*>(data), take);
    else
        dropped_ += take;
    remaining_ -= take;
    if (remaining_ == 0) state_ = iend_ ? State::AfterIend : State::ChunkHeader;
    return take;
}

void PngMetadataFilter::fail(const char* message) {
    state_ = State::Failed;
    throw MalformedFile(message);
}

}  // namespace binhan::core
