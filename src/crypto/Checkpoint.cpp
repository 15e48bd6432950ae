#include "crypto/Checkpoint.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <utility>

#include "crypto/AuditEntry.h"
#include "crypto/SecureRandom.h"

namespace binhan::crypto {
namespace {

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

const char kSignatureContext[] = "binhan-audit-checkpoint";  // + its NUL: 24 bytes
constexpr std::uint8_t kCheckpointFormat = 1;
constexpr std::size_t kEd25519KeyBytes = 32;
constexpr std::size_t kMaxKeyFileBytes = 4096;

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(what);
}

// Refuses encrypted PEM instead of letting OpenSSL prompt on the terminal.
int noPassphrase(char*, int, int, void*) {
    return -1;
}

std::string errnoText() {
    return std::strerror(errno);
}

void writeAll(int fd, const char* data, std::size_t size, const std::string& path) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot write " + path + ": " + errnoText());
        done += static_cast<std::size_t>(n);
    }
}

void syncDirectoryOf(const std::string& path) {
    const auto slash = path.rfind('/');
    const std::string dir = slash == std::string::npos ? "."
                            : slash == 0               ? "/"
                                                       : path.substr(0, slash);
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail("cannot open directory " + dir + ": " + errnoText());
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) fail("cannot sync directory " + dir);
}

// Writes `size` bytes to a fresh temporary file with `mode` and fsyncs it; returns its path.
std::string writeTemporary(const std::string& path, const char* data, std::size_t size,
                           mode_t mode) {
    const std::string temp = path + ".tmp";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) fail("cannot create " + temp + ": " + errnoText());
    try {
        if (::fchmod(fd, mode) != 0) fail("cannot set the mode of " + temp);
        writeAll(fd, data, size, temp);
        if (::fsync(fd) != 0) fail("cannot sync " + temp);
    } catch (...) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    ::close(fd);
    return temp;
}

// The bytes written to a memory BIO so far (owned by the BIO).
std::pair<const char*, std::size_t> bioBytes(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return {data, length > 0 ? static_cast<std::size_t>(length) : 0};
}

PkeyPtr privateKeyFromSeed(const SecretBytes& seed) {
    PkeyPtr key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()),
                &EVP_PKEY_free);
    if (!key) fail("cannot build the Ed25519 checkpoint key");
    return key;
}

CheckpointPublicKey publicKeyOf(EVP_PKEY* key) {
    std::array<std::uint8_t, 32> raw{};
    std::size_t length = raw.size();
    if (EVP_PKEY_get_raw_public_key(key, raw.data(), &length) != 1 || length != raw.size())
        fail("cannot read the Ed25519 public key");
    return CheckpointPublicKey(raw);
}

SecretBytes readSecretFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("cannot read checkpoint key " + path + ": " + errnoText());
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        fail("cannot stat checkpoint key " + path);
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        ::close(fd);
        fail("checkpoint key " + path + " is readable by others; run: chmod 600 " + path);
    }
    SecretBytes buffer(kMaxKeyFileBytes);
    std::size_t length = 0;
    for (ssize_t n; (n = ::read(fd, buffer.data() + length, buffer.size() - length)) != 0;) {
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 || (length += static_cast<std::size_t>(n)) == buffer.size()) {
            ::close(fd);
            fail("cannot read checkpoint key " + path + " (unreadable or too large)");
        }
    }
    ::close(fd);
    return SecretBytes(buffer.data(), length);
}

SecretBytes loadSeed(const std::string& path) {
    const SecretBytes pem = readSecretFile(path);
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr,
                &EVP_PKEY_free);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
        fail("not an Ed25519 private key (PEM): " + path);
    SecretBytes seed(kEd25519KeyBytes);
    std::size_t length = seed.size();
    if (EVP_PKEY_get_raw_private_key(key.get(), seed.data(), &length) != 1 || length != seed.size())
        fail("cannot read the Ed25519 private key " + path);
    return seed;
}

// Creates a new key file without ever replacing one: link(2) fails if the path appeared meanwhile.
void createKeyFile(const std::string& path) {
    const PkeyPtr key = privateKeyFromSeed(randomSecret(kEd25519KeyBytes));
    BioPtr bio(BIO_new(BIO_s_secmem()), &BIO_free);
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        fail("cannot encode the checkpoint key");
    // The PEM stays in the secure-memory BIO, which is wiped when freed; no copy is made.
    const auto [pem, pemSize] = bioBytes(bio.get());
    const std::string temp = writeTemporary(path, pem, pemSize, 0600);
    const bool linked = ::link(temp.c_str(), path.c_str()) == 0;
    const int linkError = errno;
    ::unlink(temp.c_str());
    if (!linked && linkError != EEXIST) fail("cannot create checkpoint key " + path);
    syncDirectoryOf(path);
}

void ensurePublicKeyFile(const std::string& path, const CheckpointPublicKey& key) {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (!(CheckpointPublicKey::load(path) == key))
            fail(path + " holds a different public key than its private key");
        return;
    }
    const std::string pem = key.toPem();
    const std::string temp = writeTemporary(path, pem.data(), pem.size(), 0644);
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        ::unlink(temp.c_str());
        fail("cannot move " + path + " into place");
    }
    syncDirectoryOf(path);
}

}  // namespace

std::vector<std::uint8_t> checkpointSignedBytes(const Checkpoint& cp) {
    if (cp.size < 0) throw std::invalid_argument("checkpoint size must not be negative");
    if (!isAuditTime(cp.time)) throw std::invalid_argument("checkpoint time is not RFC 3339 UTC");
    std::vector<std::uint8_t> out(kSignatureContext, kSignatureContext + sizeof kSignatureContext);
    out.push_back(kCheckpointFormat);
    const auto size = static_cast<std::uint64_t>(cp.size);
    for (int shift = 56; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(size >> shift));
    out.insert(out.end(), cp.headHash.begin(), cp.headHash.end());
    out.insert(out.end(), cp.merkleRoot.begin(), cp.merkleRoot.end());
    out.push_back(static_cast<std::uint8_t>(cp.time.size() >> 8));
    out.push_back(static_cast<std::uint8_t>(cp.time.size()));
    out.insert(out.end(), cp.time.begin(), cp.time.end());
    return out;
}

CheckpointPublicKey CheckpointPublicKey::fromPem(const std::string& pem) {
    if (pem.size() > kMaxKeyFileBytes) throw std::invalid_argument("public key PEM is too large");
    BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    PkeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, noPassphrase, nullptr) : nullptr,
                &EVP_PKEY_free);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
        throw std::invalid_argument("not an Ed25519 public key (PEM)");
    return publicKeyOf(key.get());
}

CheckpointPublicKey CheckpointPublicKey::load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read public key " + path);
    const std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) fail("cannot read public key " + path);
    try {
        return fromPem(pem);
    } catch (const std::invalid_argument& e) {
        fail(std::string(e.what()) + ": " + path);
    }
}

std::string CheckpointPublicKey::toPem() const {
    PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw_.data(), raw_.size()),
                &EVP_PKEY_free);
    BioPtr bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!key || !bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1)
        fail("cannot encode the checkpoint public key");
    const auto [pem, pemSize] = bioBytes(bio.get());
    return std::string(pem, pemSize);
}

CheckpointSigner CheckpointSigner::loadOrCreate(const std::string& privateKeyPath) {
    struct stat st {};
    if (::stat(privateKeyPath.c_str(), &st) != 0) {
        if (errno != ENOENT) fail("cannot reach checkpoint key " + privateKeyPath);
        createKeyFile(privateKeyPath);
    }
    SecretBytes seed = loadSeed(privateKeyPath);
    const CheckpointPublicKey publicKey = publicKeyOf(privateKeyFromSeed(seed).get());
    ensurePublicKeyFile(privateKeyPath + ".pub", publicKey);
    return CheckpointSigner(std::move(seed), publicKey);
}

Checkpoint CheckpointSigner::sign(std::int64_t size, const Hash256& headHash,
                                  const Hash256& merkleRoot, const std::string& time) const {
    Checkpoint cp{size, headHash, merkleRoot, time, {}};
    const std::vector<std::uint8_t> message = checkpointSignedBytes(cp);
    const PkeyPtr key = privateKeyFromSeed(seed_);
    MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    cp.signature.resize(kCheckpointSignatureBytes);
    std::size_t length = cp.signature.size();
    // Ed25519 hashes internally: no digest (NULL md) and a one-shot EVP_DigestSign.
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), cp.signature.data(), &length, message.data(), message.size()) !=
            1 ||
        length != kCheckpointSignatureBytes)
        fail("cannot sign the audit checkpoint");
    return cp;
}

bool CheckpointSigner::verify(const Checkpoint& cp, const CheckpointPublicKey& publicKey) {
    if (cp.signature.size() != kCheckpointSignatureBytes || cp.size < 0 || !isAuditTime(cp.time))
        return false;
    const std::vector<std::uint8_t> message = checkpointSignedBytes(cp);
    PkeyPtr key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, publicKey.raw().data(),
                                            publicKey.raw().size()),
                &EVP_PKEY_free);
    MdCtxPtr ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    return key && ctx &&
           EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
           EVP_DigestVerify(ctx.get(), cp.signature.data(), cp.signature.size(), message.data(),
                            message.size()) == 1;
}

namespace {

[[noreturn]] void badLine(const std::string& why) {
    throw std::invalid_argument("malformed checkpoint: " + why);
}

std::vector<std::string> splitOnSpaces(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (std::size_t space; (space = line.find(' ', start)) != std::string::npos;) {
        fields.push_back(line.substr(start, space - start));
        start = space + 1;
    }
    fields.push_back(line.substr(start));
    return fields;
}

std::int64_t parseSize(const std::string& text) {
    if (text.empty() || text.size() > 19 || (text.size() > 1 && text[0] == '0'))
        badLine("size is not a decimal count");
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') badLine("size is not a decimal count");
        value = value * 10 + static_cast<std::uint64_t>(c - '0');  // 19 digits cannot wrap
    }
    if (value > static_cast<std::uint64_t>(INT64_MAX)) badLine("size is too large");
    return static_cast<std::int64_t>(value);
}

Hash256 parseHash(const std::string& text, const char* name) {
    if (text.size() != 64) badLine(std::string(name) + " is not 64 hex digits");
    Hash256 out{};
    for (std::size_t i = 0; i < 64; ++i) {
        const char c = text[i];
        const int nibble = c >= '0' && c <= '9'   ? c - '0'
                           : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                  : -1;
        if (nibble < 0) badLine(std::string(name) + " is not lower-case hex");
        out[i / 2] = static_cast<std::uint8_t>((out[i / 2] << 4) | nibble);
    }
    return out;
}

std::vector<std::uint8_t> parseSignature(const std::string& text) {
    std::vector<std::uint8_t> signature;
    try {
        signature = base64Decode(text);
    } catch (const std::invalid_argument&) {
        badLine("signature is not base64");
    }
    if (signature.size() != kCheckpointSignatureBytes) badLine("signature is not 64 bytes");
    // One spelling only, so a line can be compared and re-written byte for byte.
    if (base64Encode(signature.data(), signature.size()) != text)
        badLine("signature is not canonical base64");
    return signature;
}

}  // namespace

std::string formatCheckpointLine(const Checkpoint& cp) {
    if (cp.size < 0) throw std::invalid_argument("checkpoint size must not be negative");
    if (!isAuditTime(cp.time)) throw std::invalid_argument("checkpoint time is not RFC 3339 UTC");
    if (cp.signature.size() != kCheckpointSignatureBytes)
        throw std::invalid_argument("checkpoint signature must be 64 bytes");
    return "v1 " + std::to_string(cp.size) + " " + toHex(cp.headHash.data(), cp.headHash.size()) +
           " " + toHex(cp.merkleRoot.data(), cp.merkleRoot.size()) + " " + cp.time + " " +
           base64Encode(cp.signature.data(), cp.signature.size());
}

Checkpoint parseCheckpointLine(const std::string& line) {
    const std::vector<std::string> fields = splitOnSpaces(line);
    if (fields.size() != 6) badLine("expected 6 fields separated by single spaces");
    if (fields[0] != "v1") badLine("unknown version \"" + fields[0].substr(0, 8) + "\"");
    Checkpoint cp;
    cp.size = parseSize(fields[1]);
    cp.headHash = parseHash(fields[2], "head hash");
    cp.merkleRoot = parseHash(fields[3], "Merkle root");
    if (!isAuditTime(fields[4])) badLine("time is not RFC 3339 UTC");
    cp.time = fields[4];
    cp.signature = parseSignature(fields[5]);
    return cp;
}

void appendCheckpoint(const std::string& path, const Checkpoint& checkpoint) {
    const std::string line = formatCheckpointLine(checkpoint) + "\n";
    const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) fail("cannot open " + path + ": " + errnoText());
    bool wasEmpty = false;
    try {
        struct stat st {};
        if (::fstat(fd, &st) != 0) fail("cannot stat " + path);
        wasEmpty = st.st_size == 0;
        char last = '\n';
        if (!wasEmpty && ::pread(fd, &last, 1, st.st_size - 1) != 1) fail("cannot read " + path);
        if (last != '\n') fail(path + " ends in an incomplete line; repair it before appending");
        writeAll(fd, line.data(), line.size(), path);
        if (::fsync(fd) != 0) fail("cannot sync " + path);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    if (wasEmpty) syncDirectoryOf(path);
}

std::vector<Checkpoint> readCheckpoints(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read checkpoints " + path);
    std::vector<Checkpoint> checkpoints;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const std::string where = path + " line " + std::to_string(number) + ": ";
        if (in.eof()) fail(where + "incomplete last line (no newline)");
        try {
            checkpoints.push_back(parseCheckpointLine(line));
        } catch (const std::invalid_argument& e) {
            fail(where + e.what());
        }
    }
    if (in.bad()) fail("cannot read checkpoints " + path);
    return checkpoints;
}

}  // namespace binhan::crypto
