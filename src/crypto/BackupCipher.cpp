#include "crypto/BackupCipher.h"

#include <istream>
#include <ostream>
#include <vector>

#include "crypto/FieldCipher.h"

namespace binhan::crypto {
namespace {

const char kMagic[8] = {'B', 'I', 'N', 'H', 'A', 'N', 'B', 'K'};
constexpr std::size_t kChunk = 1 << 20;

std::vector<std::uint8_t> headerBytes(const BackupHeader& h) {
    std::vector<std::uint8_t> out(kMagic, kMagic + sizeof kMagic);
    sealed::appendU32(out, h.formatVersion);
    sealed::appendI64(out, h.schemaVersion);
    sealed::appendText(out, h.createdAt);
    sealed::appendU32(out, h.keyVersion);
    return out;
}

std::vector<std::uint8_t> chunkAad(const std::vector<std::uint8_t>& header, std::int64_t index,
                                   bool last) {
    auto aad = header;
    sealed::appendI64(aad, index);
    aad.push_back(last ? 1 : 0);
    return aad;
}

void writeU32(std::ostream& out, std::uint32_t v) {
    const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
    out.write(b, 4);
}

bool readExact(std::istream& in, std::uint8_t* data, std::size_t size) {
    in.read(reinterpret_cast<char*>(data), static_cast<std::streamsize>(size));
    return static_cast<std::size_t>(in.gcount()) == size;
}

std::uint32_t readU32(std::istream& in) {
    std::uint8_t b[4];
    if (!readExact(in, b, 4)) throw BackupFormatError("the backup file is cut short");
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
           b[3];
}

std::int64_t readI64(std::istream& in) {
    const std::uint64_t high = readU32(in), low = readU32(in);
    return static_cast<std::int64_t>((high << 32) | low);
}

}  // namespace

void writeEncryptedBackup(std::istream& plain, std::ostream& out, const SecretBytes& key,
                          const BackupHeader& header) {
    const auto head = headerBytes(header);
    out.write(reinterpret_cast<const char*>(head.data()),
              static_cast<std::streamsize>(head.size()));
    std::vector<char> buffer(kChunk), next(kChunk);
    plain.read(buffer.data(), kChunk);
    std::size_t size = static_cast<std::size_t>(plain.gcount());
    for (std::int64_t index = 0;; ++index) {
        plain.read(next.data(), kChunk);
        const std::size_t nextSize = static_cast<std::size_t>(plain.gcount());
        const bool last = nextSize == 0;
        const auto box = sealed::seal(key, chunkAad(head, index, last),
                                      reinterpret_cast<const std::uint8_t*>(buffer.data()), size);
        writeU32(out, static_cast<std::uint32_t>(box.size()));
        out.write(reinterpret_cast<const char*>(box.data()),
                  static_cast<std::streamsize>(box.size()));
        if (last) break;
        buffer.swap(next);
        size = nextSize;
    }
    if (!out) throw std::runtime_error("cannot write the backup file");
}

BackupHeader readBackupHeader(std::istream& in) {
    char magic[sizeof kMagic];
    in.read(magic, sizeof magic);
    if (in.gcount() != sizeof magic || !std::equal(magic, magic + sizeof magic, kMagic))
        throw BackupFormatError("this is not a Bình An backup file");
    BackupHeader h;
    h.formatVersion = readU32(in);
    // 2: with the case files (issue 21); 3: a PostgreSQL dump (issue 23)
    if (h.formatVersion < 1 || h.formatVersion > 3)
        throw BackupFormatError("unknown backup format version " + std::to_string(h.formatVersion));
    h.schemaVersion = readI64(in);
    const std::uint32_t timeLength = readU32(in);
    if (timeLength > 64) throw BackupFormatError("the backup header is damaged");
    h.createdAt.resize(timeLength);
    if (!readExact(in, reinterpret_cast<std::uint8_t*>(h.createdAt.data()), timeLength))
        throw BackupFormatError("the backup file is cut short");
    h.keyVersion = readU32(in);
    return h;
}

void readEncryptedBackup(std::istream& in, const BackupHeader& header, const SecretBytes& key,
                         std::ostream& plain) {
    const auto head = headerBytes(header);
    std::vector<std::uint8_t> box, opened;
    for (std::int64_t index = 0;; ++index) {
        const std::uint32_t size = readU32(in);
        if (size > kChunk + 64) throw BackupFormatError("the backup file is damaged");
        box.resize(size);
        if (!readExact(in, box.data(), size))
            throw BackupFormatError("the backup file is cut short");
        const bool last = in.peek() == std::char_traits<char>::eof();
        try {
            opened.resize(sealed::openedSize(size));
            sealed::open(key, chunkAad(head, index, last), box.data(), box.size(), opened.data());
        } catch (const DecryptionError&) {
            throw BackupFormatError(
                "the backup failed its integrity check (altered, truncated, or made with "
                "another deployment's key)");
        }
        plain.write(reinterpret_cast<const char*>(opened.data()),
                    static_cast<std::streamsize>(opened.size()));
        if (last) return;
    }
}

}  // namespace binhan::crypto
