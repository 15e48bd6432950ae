// The sealed evidence file (issue 21, crypto/AttachmentCipher.h; docs/formats.md "Attachment
// file"): chunks bound to case, attachment, index and end, so nothing can be swapped, cut,
// extended or moved without the file refusing to open.
#include "crypto/AttachmentCipher.h"

#include <catch2/catch.hpp>
#include <cstring>

#include "crypto/FieldCipher.h"
#include "crypto/SecureRandom.h"

using namespace binhan::crypto;

namespace {

SecretBytes key(std::uint8_t first) {
    SecretBytes k(32);
    for (std::size_t i = 0; i < k.size(); ++i) k.data()[i] = static_cast<std::uint8_t>(first + i);
    return k;
}

class StringSource : public binhan::core::ByteSource {
  public:
    explicit StringSource(std::string bytes) : bytes_(std::move(bytes)) {}
    std::size_t read(std::uint8_t* into, std::size_t most) override {
        const std::size_t n = std::min(most, bytes_.size() - at_);
        std::memcpy(into, bytes_.data() + at_, n);
        at_ += n;
        return n;
    }

  private:
    std::string bytes_;
    std::size_t at_ = 0;
};

std::string sealText(const SecretBytes& k, AttachmentContext context, const std::string& plain,
                     std::size_t piece = 1000) {
    std::string out;
    AttachmentSealer sealer(k, context, [&](const std::uint8_t* d, std::size_t n) {
        out.append(reinterpret_cast<const char*>(d), n);
    });
    for (std::size_t at = 0; at < plain.size(); at += piece) {
        const std::string part = plain.substr(at, piece);
        sealer.write(reinterpret_cast<const std::uint8_t*>(part.data()), part.size());
    }
    sealer.finish();
    return out;
}

std::string openText(const SecretBytes& k, AttachmentContext context, const std::string& sealed) {
    StringSource source(sealed);
    AttachmentOpener opener(k, context, source);
    std::string out, chunk;
    while (opener.next(chunk)) out += chunk;
    return out;
}

std::string plainOf(std::size_t size) {
    std::string out(size, '\0');
    for (std::size_t i = 0; i < size; ++i) out[i] = static_cast<char>((i * 7 + i / 251) & 0xFF);
    return out;
}

// Offsets of each chunk record (length prefix and box) after the 16-byte header.
std::vector<std::pair<std::size_t, std::size_t>> records(const std::string& sealed) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t at = 16; at + 4 <= sealed.size();) {
        const auto* b = reinterpret_cast<const unsigned char*>(sealed.data() + at);
        const std::size_t size =
            (std::size_t{b[0]} << 24) | (std::size_t{b[1]} << 16) | (std::size_t{b[2]} << 8) | b[3];
        out.emplace_back(at, 4 + size);
        at += 4 + size;
    }
    return out;
}

}  // namespace

TEST_CASE("A sealed file opens to its bytes whatever its size and however it was written",
          "[crypto][attachment]") {
    initialiseCrypto();
    const auto k = key(1);
    for (std::size_t size :
         {std::size_t{0}, std::size_t{1}, kAttachmentChunk - 1, kAttachmentChunk,
          kAttachmentChunk + 1, 3 * kAttachmentChunk, 3 * kAttachmentChunk + 17}) {
        INFO("size " << size);
        const std::string plain = plainOf(size);
        const std::string sealed = sealText(k, {7, 9}, plain, size % 2 ? 333 : kAttachmentChunk);
        CHECK(sealed.substr(0, 8) == "BINHANAF");
        CHECK(sealed.size() == 16 + records(sealed).size() * (4 + kSealOverhead) + size);
        CHECK(openText(k, {7, 9}, sealed) == plain);
        if (size >= 64) CHECK(sealed.find(plain.substr(0, 64)) == std::string::npos);
    }
}

TEST_CASE("Chunks swapped, a file cut at a chunk or extended, or moved, do not open",
          "[crypto][attachment]") {
    initialiseCrypto();
    const auto k = key(1);
    const std::string sealed = sealText(k, {7, 9}, plainOf(3 * kAttachmentChunk + 5));
    const auto parts = records(sealed);
    REQUIRE(parts.size() == 4);
    const auto record = [&](std::size_t i) {
        return sealed.substr(parts[i].first, parts[i].second);
    };
    const std::string header = sealed.substr(0, 16);

    const std::string swapped = header + record(0) + record(2) + record(1) + record(3);
    CHECK_THROWS_AS(openText(k, {7, 9}, swapped), DecryptionError);
    const std::string cut = header + record(0) + record(1) + record(2);  // the last one gone
    CHECK_THROWS_AS(openText(k, {7, 9}, cut), DecryptionError);
    const std::string extended = sealed + record(1);
    CHECK_THROWS_AS(openText(k, {7, 9}, extended), DecryptionError);
    const std::string lastMoved = header + record(0) + record(3);  // a short last chunk early
    CHECK_THROWS_AS(openText(k, {7, 9}, lastMoved), DecryptionError);
    CHECK_THROWS_AS(openText(k, {8, 9}, sealed), DecryptionError);       // another case
    CHECK_THROWS_AS(openText(k, {7, 10}, sealed), DecryptionError);      // another attachment
    CHECK_THROWS_AS(openText(key(2), {7, 9}, sealed), DecryptionError);  // the key erased
    std::string flipped = sealed;
    flipped[parts[2].first + 40] ^= 1;
    CHECK_THROWS_AS(openText(k, {7, 9}, flipped), DecryptionError);
    CHECK_THROWS_AS(openText(k, {7, 9}, sealed.substr(0, 10)), DecryptionError);
    CHECK(openText(k, {7, 9}, sealed) == plainOf(3 * kAttachmentChunk + 5));
}
