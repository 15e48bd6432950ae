#include "app/BackupArchive.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace binhan::app {
namespace {

namespace fs = std::filesystem;

const char kMagic[] = "BINHANA2";

std::string u32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

std::string u64(std::uint64_t v) {
    return u32(static_cast<std::uint32_t>(v >> 32)) + u32(static_cast<std::uint32_t>(v));
}

std::uint64_t numberOf(const std::string& bytes) {
    std::uint64_t v = 0;
    for (const char c : bytes) v = (v << 8) | static_cast<unsigned char>(c);
    return v;
}

// "<case id>/<attachment id>.baf" with both ids positive decimals; the case id, else 0.
std::int64_t caseOfName(const std::string& name) {
    long long caseId = 0, id = 0;
    char tail[8] = {0};
    if (std::sscanf(name.c_str(), "%lld/%lld.%4s", &caseId, &id, tail) != 3 || caseId <= 0 ||
        id <= 0 || std::string(tail) != "baf" ||
        name != std::to_string(caseId) + "/" + std::to_string(id) + ".baf")
        return 0;
    return caseId;
}

}  // namespace

ArchiveReader::ArchiveReader(std::string databasePath, std::vector<ArchivedFile> files)
    : buffer_(1 << 16) {
    parts_.push_back(std::string(kMagic, 8) + u64(fs::file_size(databasePath)));
    parts_.push_back("@" + databasePath);
    for (const auto& file : files) {
        std::error_code missing;
        const auto size = fs::file_size(file.path, missing);
        if (missing) continue;  // erased or removed since the snapshot: nothing to carry
        parts_.push_back(u32(static_cast<std::uint32_t>(file.name.size())) + file.name + u64(size));
        parts_.push_back("@" + file.path);
    }
    parts_.push_back(u32(0));
}

bool ArchiveReader::nextPart() {
    file_.reset();
    if (next_ == parts_.size()) return false;
    const std::string& part = parts_[next_++];
    if (!part.empty() && part[0] == '@') {
        file_ = std::make_unique<std::ifstream>(part.substr(1), std::ios::binary);
        if (!*file_) throw std::runtime_error("cannot read " + part.substr(1));
        literal_.clear();
    } else {
        literal_ = part;
    }
    return true;
}

ArchiveReader::int_type ArchiveReader::underflow() {
    for (;;) {
        if (file_) {
            file_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
            const auto n = file_->gcount();
            if (n > 0) {
                setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
                return traits_type::to_int_type(buffer_[0]);
            }
        } else if (!literal_.empty()) {
            buffer_.assign(literal_.begin(), literal_.end());
            buffer_.resize(std::max<std::size_t>(buffer_.size(), 1 << 16));
            setg(buffer_.data(), buffer_.data(), buffer_.data() + literal_.size());
            literal_.clear();
            return traits_type::to_int_type(buffer_[0]);
        }
        if (!nextPart()) return traits_type::eof();
    }
}

ArchiveWriter::ArchiveWriter(std::string databasePath, std::string filesDir,
                             std::set<std::int64_t> erasedCases)
    : databasePath_(std::move(databasePath)),
      filesDir_(std::move(filesDir)),
      erased_(std::move(erasedCases)) {}

bool ArchiveWriter::isArchive(const std::string& firstBytes) {
    return firstBytes.compare(0, 8, kMagic, 8) == 0;
}

ArchiveWriter::int_type ArchiveWriter::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    const char byte = traits_type::to_char_type(c);
    take(&byte, 1);
    return c;
}

std::streamsize ArchiveWriter::xsputn(const char* data, std::streamsize size) {
    take(data, static_cast<std::size_t>(size));
    return size;
}

void ArchiveWriter::take(const char* data, std::size_t size) {
    while (size > 0) {
        if (step_ == Step::End) throw std::runtime_error("the backup holds bytes after its end");
        if (step_ == Step::Database || step_ == Step::File) {
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(size, left_));
            if (!skipping_) out_->write(data, static_cast<std::streamsize>(n));
            data += n;
            size -= n;
            left_ -= n;
            if (left_ == 0) {
                if (out_) {
                    out_->close();
                    if (!*out_) throw std::runtime_error("cannot write a restored file");
                    out_.reset();
                }
                if (step_ == Step::File && !skipping_) ++files_;
                step_ = Step::NameLength;
                want_ = 4;
            }
            continue;
        }
        const std::size_t n = std::min(size, want_ - header_.size());
        header_.append(data, n);
        data += n;
        size -= n;
        if (header_.size() == want_) headerComplete();
    }
}

void ArchiveWriter::headerComplete() {
    const std::string field = std::move(header_);
    header_.clear();
    switch (step_) {
        case Step::Magic:
            if (!isArchive(field)) throw std::runtime_error("the backup's contents are damaged");
            step_ = Step::DatabaseLength;
            want_ = 8;
            return;
        case Step::DatabaseLength:
            left_ = numberOf(field);
            out_ =
                std::make_unique<std::ofstream>(databasePath_, std::ios::binary | std::ios::trunc);
            fs::permissions(databasePath_, fs::perms::owner_read | fs::perms::owner_write);
            skipping_ = false;
            step_ = Step::Database;
            if (left_ == 0) throw std::runtime_error("the backup holds no database");
            return;
        case Step::NameLength: {
            const auto length = numberOf(field);
            if (length == 0) {
                step_ = Step::End;
                return;
            }
            if (length > 64) throw std::runtime_error("the backup's file list is damaged");
            step_ = Step::Name;
            want_ = static_cast<std::size_t>(length);
            return;
        }
        case Step::Name:
            name_ = field;
            if (caseOfName(name_) == 0)
                throw std::runtime_error("the backup's file list is damaged");
            step_ = Step::FileLength;
            want_ = 8;
            return;
        case Step::FileLength:
            left_ = numberOf(field);
            if (left_ == 0) throw std::runtime_error("the backup's file list is damaged");
            openFile();
            step_ = Step::File;
            return;
        default:
            throw std::logic_error("archive step");
    }
}

void ArchiveWriter::openFile() {
    skipping_ = erased_.count(caseOfName(name_)) > 0;  // erased since: stays gone
    if (skipping_) return;
    const fs::path path = fs::path(filesDir_) / name_;
    fs::create_directories(path.parent_path());
    out_ = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
    if (!*out_) throw std::runtime_error("cannot write " + path.string());
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}

int ArchiveWriter::finish() {
    if (step_ != Step::End) throw std::runtime_error("the backup ended before its last file");
    return files_;
}

}  // namespace binhan::app
