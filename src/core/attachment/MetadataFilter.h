#pragma once
// Removes the metadata of an evidence file as it streams in (issue 21), before it is encrypted:
// a phone's photo of an injury carries in its EXIF the GPS position where it was taken (often the
// survivor's refuge), the phone's make, model and serial number, and the time; XMP, IPTC and
// comments carry names and places; phones append more after the image. None of it is evidence
// the case needs, and each is a way to find the survivor. What is kept and dropped, per type:
//   - JPEG (JpegMetadataFilter.h): the image segments pass byte for byte; APP1 (EXIF, XMP),
//     APP3–APP13 (IPTC/Photoshop in APP13), APP15, COM, APP2 other than an ICC profile, and every
//     byte after EOI are dropped.
//   - PNG (PngMetadataFilter.h): image and colour chunks pass byte for byte; eXIf, tEXt, zTXt,
//     iTXt, tIME, every other ancillary chunk, and every byte after IEND are dropped.
//   - PDF: passed through UNCHANGED. Its metadata (the document Info dictionary: author,
//     producer, dates; an XMP stream) is not removed: it sits in objects reached through the
//     cross-reference table, possibly compressed or in object streams and incremental updates,
//     and removing it safely means parsing and rewriting the whole document, which needs a PDF
//     library we do not take into core. Officers are told to upload scans, not edited PDFs.
//
// A filter is fed the file in pieces of any size (the upload's 64 KiB reads) and keeps only a
// few bytes between calls (a segment's marker, length and identifier; a chunk's header), never
// a segment or the file: memory is bounded whatever the file's size. The output does not depend
// on how the input is split. A filter refuses a file that is not well-formed for its type with
// MalformedFile (415): the upload is then abandoned, and whatever the filter appended to `out`
// before the throw must be discarded. After a throw every later call throws again.
// One filter per file; not thread-safe (one upload is one thread). Pure: no I/O, no logging.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/Error.h"
#include "core/attachment/FileType.h"

namespace binhan::core {

// The refusal of a file whose bytes are not a well-formed file of its type (415,
// "malformed_file"). The message says what is wrong in general terms, never the file's bytes.
inline Error MalformedFile(const std::string& message) {
    return Error(ErrorKind::Unsupported, "malformed_file", message);
}

class MetadataFilter {
  public:
    virtual ~MetadataFilter() = default;

    // Appends to `out` the kept bytes of the next `size` bytes of the file (`data` may be null
    // when `size` is 0). Throws MalformedFile when the bytes are not a well-formed file of the
    // type; the bytes may be held back until the filter can decide (at most a few).
    virtual void feed(const std::uint8_t* data, std::size_t size, std::string& out) = 0;

    // The file has ended: appends anything held back; throws MalformedFile when it ended
    // inside a structure (no EOI / IEND seen, a segment or chunk cut short, a PDF header
    // shorter than "%PDF-").
    virtual void finish(std::string& out) = 0;

    // How many bytes of metadata were dropped so far: whole dropped segments and chunks with
    // their headers, and the bytes after the end of the image. Fill bytes a JPEG may hold
    // between segments are dropped too but are not metadata and not counted. So 0 after
    // finish() means the file had no metadata to remove (the audit's "stripped": false).
    virtual std::uint64_t droppedBytes() const = 0;
};

// A new filter for a file of `type` (sniffed from its first bytes, FileType.h).
std::unique_ptr<MetadataFilter> metadataFilterFor(FileType type);

}  // namespace binhan::core
