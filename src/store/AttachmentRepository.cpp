#include "store/AttachmentRepository.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "core/Error.h"

namespace fs = std::filesystem;

namespace binhan::store {
namespace {

constexpr std::size_t kPartBytes = 1 << 20;  // PostgreSQL: sealed bytes per attachment_parts row

const char* kColumns =
    "SELECT id, case_id, kind, media_type, COALESCE(filename, x''), size, metadata_removed, "
    "state, added_by, added_role, added_at, COALESCE(removed_by, 0), COALESCE(removed_at, ''), "
    "COALESCE(remove_reason, x'') FROM attachments ";

AttachmentRow rowOf(const Query& q) {
    AttachmentRow r;
    r.id = q.integer(0);
    r.caseId = q.integer(1);
    r.kind = q.text(2);
    r.mediaType = q.text(3);
    r.filename = q.blob(4);
    r.size = q.integer(5);
    r.metadataRemoved = q.flag(6);
    r.state = q.text(7);
    r.addedBy = q.integer(8);
    r.addedRole = q.text(9);
    r.addedAt = q.text(10);
    r.removedBy = q.integer(11);
    r.removedAt = q.text(12);
    r.removeReason = q.blob(13);
    return r;
}

void fsyncPath(const fs::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) throw std::runtime_error("cannot open " + path.string() + " to sync it");
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw std::runtime_error("cannot sync " + path.string());
}

// SQLite: the sealed bytes into <id>.part, fsync'd, then renamed to <id>.baf and the directory
// fsync'd, so the name only ever holds a whole file.
class FileWriter : public SealedFileWriter {
  public:
    FileWriter(fs::path final) : final_(std::move(final)), part_(final_) {
        part_.replace_extension(".part");
        fs::create_directories(final_.parent_path());
        fd_ = ::open(part_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd_ < 0) throw std::runtime_error("cannot create " + part_.string());
    }
    ~FileWriter() override {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_) {
            std::error_code ignored;
            fs::remove(part_, ignored);
        }
    }
    void write(const std::uint8_t* data, std::size_t size) override {
        while (size > 0) {
            const ssize_t n = ::write(fd_, data, size);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                if (errno == ENOSPC)
                    throw core::Error(core::ErrorKind::Unavailable, "storage_full",
                                      "The server's storage is full; tell the system "
                                      "administrator.");
                throw std::runtime_error("cannot write " + part_.string());
            }
            data += n;
            size -= static_cast<std::size_t>(n);
        }
    }
    void commit() override {
        if (::fsync(fd_) != 0) throw std::runtime_error("cannot sync " + part_.string());
        ::close(fd_);
        fd_ = -1;
        fs::rename(part_, final_);
        committed_ = true;
        fsyncPath(final_.parent_path(), O_RDONLY | O_DIRECTORY);
    }

  private:
    fs::path final_, part_;
    int fd_ = -1;
    bool committed_ = false;
};

class FileReader : public core::ByteSource {
  public:
    explicit FileReader(const fs::path& path) {
        fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) throw core::NotFound("The file is not on this server.");
    }
    ~FileReader() override { ::close(fd_); }
    std::size_t read(std::uint8_t* into, std::size_t most) override {
        for (;;) {
            const ssize_t n = ::read(fd_, into, most);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) throw std::runtime_error("cannot read an attachment file");
            return static_cast<std::size_t>(n);
        }
    }

  private:
    int fd_ = -1;
};

// PostgreSQL: the sealed bytes in parts of up to 1 MiB, each inserted as it fills.
class PartsWriter : public SealedFileWriter {
  public:
    PartsWriter(Database& db, std::int64_t id) : db_(db), id_(id) { held_.reserve(kPartBytes); }
    void write(const std::uint8_t* data, std::size_t size) override {
        while (size > 0) {
            const std::size_t take = std::min(size, kPartBytes - held_.size());
            held_.insert(held_.end(), data, data + take);
            data += take;
            size -= take;
            if (held_.size() == kPartBytes) flush();
        }
    }
    void commit() override {
        if (!held_.empty()) flush();
    }

  private:
    void flush() {
        db_.withWriter([&](Poco::Data::Session& s) {
            Query(s, "INSERT INTO attachment_parts (attachment_id, part, bytes) VALUES (?, ?, ?)")
                .bind(id_)
                .bind(static_cast<std::int64_t>(part_))
                .bind(held_)
                .run();
        });
        ++part_;
        held_.clear();
    }

    Database& db_;
    std::int64_t id_;
    std::int64_t part_ = 0;
    Blob held_;
};

class PartsReader : public core::ByteSource {
  public:
    PartsReader(Database& db, std::int64_t id) : db_(db), id_(id) {}
    std::size_t read(std::uint8_t* into, std::size_t most) override {
        if (offset_ == held_.size() && !fetch()) return 0;
        const std::size_t n = std::min(most, held_.size() - offset_);
        std::memcpy(into, held_.data() + offset_, n);
        offset_ += n;
        return n;
    }

  private:
    bool fetch() {
        bool found = false;
        db_.withReader([&](Poco::Data::Session& s) {
            Query q(s, "SELECT bytes FROM attachment_parts WHERE attachment_id = ? AND part = ?");
            q.bind(id_).bind(part_);
            if (q.next()) {
                held_ = q.blob(0);
                found = true;
            }
        });
        offset_ = 0;
        ++part_;
        return found && !held_.empty();
    }

    Database& db_;
    std::int64_t id_;
    std::int64_t part_ = 0;
    Blob held_;
    std::size_t offset_ = 0;
};

}  // namespace

AttachmentRepository::AttachmentRepository(Database& db, std::string filesDir)
    : db_(db), dir_(std::move(filesDir)) {}

std::string AttachmentRepository::pathOf(std::int64_t caseId, std::int64_t id) const {
    if (db_.backend() == Backend::PostgreSQL) return "";
    return (fs::path(dir_) / std::to_string(caseId) / (std::to_string(id) + ".baf")).string();
}

std::int64_t AttachmentRepository::begin(const AttachmentRow& row,
                                         const std::vector<std::string>& countedKinds,
                                         int maxPerCase) {
    std::int64_t id = 0;
    std::string kinds;
    for (std::size_t i = 0; i < countedKinds.size(); ++i) kinds += i ? ", ?" : "?";
    if (kinds.empty()) kinds = "''";
    db_.withWriter([&](Poco::Data::Session& s) {
        Query count(s,
                    "SELECT COUNT(*) FROM attachments WHERE case_id = ? AND state IN ('pending', "
                    "'stored') AND kind IN (" +
                        kinds + ")");
        count.bind(row.caseId);
        for (const auto& kind : countedKinds) count.bind(kind);
        if (count.next() && count.integer(0) >= maxPerCase)
            throw core::Conflict("too_many_attachments",
                                 "This case holds the most files allowed; remove one first.");
        Query insert(s,
                     "INSERT INTO attachments (case_id, kind, media_type, added_by, added_role, "
                     "added_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
        insert.bind(row.caseId)
            .bind(row.kind)
            .bind(row.mediaType)
            .bind(row.addedBy)
            .bind(row.addedRole)
            .bind(row.addedAt);
        if (insert.next()) id = insert.integer(0);
    });
    return id;
}

std::unique_ptr<SealedFileWriter> AttachmentRepository::writer(std::int64_t caseId,
                                                               std::int64_t id) {
    if (db_.backend() == Backend::PostgreSQL) return std::make_unique<PartsWriter>(db_, id);
    return std::make_unique<FileWriter>(pathOf(caseId, id));
}

void AttachmentRepository::complete(std::int64_t id, const Blob& filename, std::int64_t size,
                                    bool metadataRemoved) {
    db_.withWriter([&](Poco::Data::Session& s) {
        const auto changed = Query(s,
                                   "UPDATE attachments SET state = 'stored', filename = ?, size = "
                                   "?, metadata_removed = ? WHERE id = ? AND state = 'pending'")
                                 .bind(filename)
                                 .bind(size)
                                 .bind(metadataRemoved)
                                 .bind(id)
                                 .run();
        // The row went meanwhile: the case was erased during the upload.
        if (changed == 0) throw core::NotFound("No such case.");
    });
}

void AttachmentRepository::discard(std::int64_t caseId, std::int64_t id) {
    const bool parts = db_.backend() == Backend::PostgreSQL;  // SQLite keeps files instead
    db_.withWriter([&](Poco::Data::Session& s) {
        if (parts) Query(s, "DELETE FROM attachment_parts WHERE attachment_id = ?").bind(id).run();
        Query(s, "DELETE FROM attachments WHERE id = ? AND state = 'pending'").bind(id).run();
    });
    if (db_.backend() == Backend::SQLite) {
        std::error_code ignored;
        fs::path file = pathOf(caseId, id);
        fs::remove(file, ignored);
        fs::remove(file.replace_extension(".part"), ignored);
    }
}

std::vector<AttachmentRow> AttachmentRepository::listForCase(std::int64_t caseId) const {
    std::vector<AttachmentRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, std::string(kColumns) +
                       "WHERE case_id = ? AND state IN ('stored', 'removed') ORDER BY id DESC");
        q.bind(caseId);
        while (q.next()) out.push_back(rowOf(q));
    });
    return out;
}

std::optional<AttachmentRow> AttachmentRepository::find(std::int64_t caseId,
                                                        std::int64_t id) const {
    std::optional<AttachmentRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, std::string(kColumns) +
                       "WHERE case_id = ? AND id = ? AND state IN ('stored', 'removed')");
        q.bind(caseId).bind(id);
        if (q.next()) out = rowOf(q);
    });
    return out;
}

std::unique_ptr<core::ByteSource> AttachmentRepository::reader(std::int64_t caseId,
                                                               std::int64_t id) const {
    if (db_.backend() == Backend::PostgreSQL) return std::make_unique<PartsReader>(db_, id);
    return std::make_unique<FileReader>(pathOf(caseId, id));
}

void AttachmentRepository::markRemoved(std::int64_t id, std::int64_t by, const std::string& at,
                                       const Blob& reason) {
    db_.withWriter([&](Poco::Data::Session& s) {
        const auto changed = Query(s,
                                   "UPDATE attachments SET state = 'removed', removed_by = ?, "
                                   "removed_at = ?, remove_reason = ? WHERE id = ? AND state = "
                                   "'stored'")
                                 .bind(by)
                                 .bind(at)
                                 .bind(reason)
                                 .bind(id)
                                 .run();
        if (changed == 0) throw core::Conflict("removed", "The file was removed already.");
    });
}

void AttachmentRepository::shredCase(std::int64_t caseId) {
    bool rows = false;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, "SELECT 1 FROM attachments WHERE case_id = ? LIMIT 1");
        q.bind(caseId);
        rows = q.next();
    });
    const fs::path folder = fs::path(dir_) / std::to_string(caseId);
    std::error_code ignored;
    if (!rows && !fs::exists(folder, ignored)) return;        // nothing of it left (the usual case)
    const bool parts = db_.backend() == Backend::PostgreSQL;  // SQLite keeps files instead
    db_.withWriter([&](Poco::Data::Session& s) {
        if (parts)
            Query(s,
                  "DELETE FROM attachment_parts WHERE attachment_id IN (SELECT id FROM "
                  "attachments WHERE case_id = ?)")
                .bind(caseId)
                .run();
        Query(s, "DELETE FROM attachments WHERE case_id = ?").bind(caseId).run();
    });
    if (db_.backend() == Backend::SQLite) {
        std::error_code ignored;
        fs::remove_all(fs::path(dir_) / std::to_string(caseId), ignored);
    }
}

// A .part file an hour old belongs to no upload in flight (a crash, or a process killed).
void AttachmentRepository::removeStalePartFiles() const {
    if (db_.backend() != Backend::SQLite) return;
    std::error_code ignored;
    const auto hourAgo = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (const auto& entry : fs::recursive_directory_iterator(dir_, ignored))
        if (entry.path().extension() == ".part" && entry.last_write_time(ignored) < hourAgo)
            fs::remove(entry.path(), ignored);
}

int AttachmentRepository::discardStalePending(const std::string& olderThan) {
    std::vector<std::pair<std::int64_t, std::int64_t>> stale;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s, "SELECT case_id, id FROM attachments WHERE state = 'pending' AND added_at < ?");
        q.bind(olderThan);
        while (q.next()) stale.emplace_back(q.integer(0), q.integer(1));
    });
    for (const auto& [caseId, id] : stale) discard(caseId, id);
    removeStalePartFiles();
    return static_cast<int>(stale.size());
}

std::vector<std::pair<std::int64_t, std::int64_t>> AttachmentRepository::allFiles() const {
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    db_.withReader([&](Poco::Data::Session& s) {
        Query q(s,
                "SELECT a.case_id, a.id FROM attachments a JOIN cases c ON c.id = a.case_id AND "
                "c.data_key IS NOT NULL WHERE a.state IN ('stored', 'removed') ORDER BY a.id");
        while (q.next()) out.emplace_back(q.integer(0), q.integer(1));
    });
    return out;
}

}  // namespace binhan::store
