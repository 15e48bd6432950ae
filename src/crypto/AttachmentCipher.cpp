#include "crypto/AttachmentCipher.h"

#include <algorithm>
#include <cstring>

#include "crypto/FieldCipher.h"

namespace binhan::crypto {
namespace {

const char kMagic[8] = {'B', 'I', 'N', 'H', 'A', 'N', 'A', 'F'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kHeaderSize = sizeof kMagic + 4 + 4;
constexpr std::size_t kBoxMost = kAttachmentChunk + kSealOverhead;

std::vector<std::uint8_t> headerBytes() {
    std::vector<std::uint8_t> out(kMagic, kMagic + sizeof kMagic);
    sealed::appendU32(out, kFormatVersion);
    sealed::appendU32(out, static_cast<std::uint32_t>(kAttachmentChunk));
    return out;
}

std::vector<std::uint8_t> chunkAad(const std::vector<std::uint8_t>& header,
                                   const AttachmentContext& context, std::int64_t index,
                                   bool last) {
    auto aad = header;
    sealed::appendText(aad, "attachment");
    sealed::appendI64(aad, context.caseId);
    sealed::appendI64(aad, context.attachmentId);
    sealed::appendI64(aad, index);
    aad.push_back(last ? 1 : 0);
    return aad;
}

std::uint32_t u32At(const std::uint8_t* b) {
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           b[3];
}

}  // namespace

AttachmentSealer::AttachmentSealer(const SecretBytes& key, AttachmentContext context, ByteSink sink)
    : key_(key), context_(context), sink_(std::move(sink)), header_(headerBytes()) {
    held_.reserve(kAttachmentChunk);
    sink_(header_.data(), header_.size());
}

void AttachmentSealer::write(const std::uint8_t* data, std::size_t size) {
    total_ += size;
    while (size > 0) {
        if (held_.size() == kAttachmentChunk) sealHeld(false);  // more follows: not the last
        const std::size_t take = std::min(size, kAttachmentChunk - held_.size());
        held_.insert(held_.end(), data, data + take);
        data += take;
        size -= take;
    }
}

void AttachmentSealer::finish() {
    if (finished_) return;
    sealHeld(true);
    finished_ = true;
}

void AttachmentSealer::sealHeld(bool last) {
    const auto box =
        sealed::seal(key_, chunkAad(header_, context_, index_, last), held_.data(), held_.size());
    std::vector<std::uint8_t> length;
    sealed::appendU32(length, static_cast<std::uint32_t>(box.size()));
    sink_(length.data(), length.size());
    sink_(box.data(), box.size());
    ++index_;
    held_.clear();
}

AttachmentOpener::AttachmentOpener(const SecretBytes& key, AttachmentContext context,
                                   core::ByteSource& sealed)
    : key_(key), context_(context), sealed_(sealed), header_(headerBytes()) {
    std::uint8_t head[kHeaderSize];
    if (!readExact(head, sizeof head) || !std::equal(head, head + sizeof head, header_.begin()))
        throw DecryptionError("not a sealed attachment of this format");
    box_.reserve(kBoxMost);
}

bool AttachmentOpener::readExact(std::uint8_t* into, std::size_t size) {
    std::size_t got = 0;
    if (lookahead_ >= 0 && size > 0) {
        into[got++] = static_cast<std::uint8_t>(lookahead_);
        lookahead_ = -1;
    }
    while (got < size) {
        const std::size_t n = sealed_.read(into + got, size - got);
        if (n == 0) return false;
        got += n;
    }
    return true;
}

bool AttachmentOpener::next(std::string& out) {
    out.clear();
    if (done_) return false;
    std::uint8_t length[4];
    if (!readExact(length, 4)) throw DecryptionError("the file ends before its last chunk");
    const std::uint32_t size = u32At(length);
    if (size < kSealOverhead || size > kBoxMost) throw DecryptionError("a chunk is damaged");
    box_.resize(size);
    if (!readExact(box_.data(), size)) throw DecryptionError("the file is cut short");
    std::uint8_t after = 0;
    const bool last = sealed_.read(&after, 1) == 0;
    if (!last) lookahead_ = after;
    const std::size_t plain = sealed::openedSize(size);
    if (!last && plain != kAttachmentChunk) throw DecryptionError("a chunk is damaged");
    out.resize(plain);
    sealed::open(key_, chunkAad(header_, context_, index_, last), box_.data(), box_.size(),
                 reinterpret_cast<std::uint8_t*>(out.data()));
    ++index_;
    done_ = last;
    return true;
}

bool attachmentAuthenticates(const SecretBytes& key, AttachmentContext context,
                             core::ByteSource& sealed) {
    try {
        AttachmentOpener opener(key, context, sealed);
        std::string chunk;
        while (opener.next(chunk)) {
        }
        return true;
    } catch (const DecryptionError&) {
        return false;
    }
}

}  // namespace binhan::crypto
