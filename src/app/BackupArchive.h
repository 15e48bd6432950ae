#pragma once
// What a SQLite backup holds inside its encryption (issue 21; docs/formats.md "Backup file",
// format 2): the database snapshot, then the case files of data.dir/attachments — already
// sealed under their case keys, so a case erased since stays unreadable in the backup too.
//   "BINHANA2" | u64 database length | database bytes
//   then per file: u32 name length (1..64) | name "<case id>/<attachment id>.baf" | u64 length |
//   bytes and u32 0 at the end.
// Integers are big-endian. Both directions stream (one read buffer); nothing is held whole.
#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <set>
#include <streambuf>
#include <string>
#include <vector>

namespace binhan::app {

struct ArchivedFile {
    std::string name;  // "<case id>/<attachment id>.baf"
    std::string path;  // where it is read from
};

// The archive as one stream to read (the backup cipher's plaintext).
class ArchiveReader : public std::streambuf {
  public:
    ArchiveReader(std::string databasePath, std::vector<ArchivedFile> files);

  protected:
    int_type underflow() override;

  private:
    bool nextPart();

    std::vector<std::string> parts_;  // literal bytes, or "@path" for a file's content
    std::size_t next_ = 0;
    std::unique_ptr<std::istream> file_;
    std::string literal_;
    std::vector<char> buffer_;
};

// Takes the archive as it is written (the backup cipher's output) and puts the database into
// `databasePath` and each file under `filesDir`, leaving out the files of `erasedCases`.
// Throws std::runtime_error for a malformed archive or a name that is not a case file's.
class ArchiveWriter : public std::streambuf {
  public:
    ArchiveWriter(std::string databasePath, std::string filesDir,
                  std::set<std::int64_t> erasedCases);
    // After the last byte: throws when the archive ended early. Returns the files restored.
    int finish();
    // Whether the stream began as an archive (format 2) rather than a bare database (format 1).
    static bool isArchive(const std::string& firstBytes);

  protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* data, std::streamsize size) override;

  private:
    enum class Step { Magic, DatabaseLength, Database, NameLength, Name, FileLength, File, End };
    void take(const char* data, std::size_t size);
    void headerComplete();
    void openFile();

    std::string databasePath_, filesDir_;
    std::set<std::int64_t> erased_;
    Step step_ = Step::Magic;
    std::string header_;      // bytes of the current fixed-size field
    std::size_t want_ = 8;    // size of the current field
    std::uint64_t left_ = 0;  // bytes left of the database or the file
    std::string name_;
    std::unique_ptr<std::ofstream> out_;
    bool skipping_ = false;
    int files_ = 0;
};

}  // namespace binhan::app
