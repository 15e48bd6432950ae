#include "core/attachment/MetadataFilter.h"

#include "core/attachment/JpegMetadataFilter.h"
#include "core/attachment/PngMetadataFilter.h"

namespace binhan::core {
namespace {

// PDF: every byte passes unchanged; only the "%PDF-" header is checked. The document's own
// metadata (Info dictionary, XMP metadata stream) is NOT removed — see MetadataFilter.h: doing
// it safely means rewriting the document with a PDF library, which core does not take in.
class PdfPassThrough final : public MetadataFilter {
  public:
    void feed(const std::uint8_t* data, std::size_t size, std::string& out) override {
        if (failed_) fail("the PDF file was already refused");
        for (std::size_t i = 0; i < size && checked_ < kHeaderSize; ++i, ++checked_)
            if (data[i] != static_cast<std::uint8_t>(kHeader[checked_]))
                fail("the file does not start as a PDF (%PDF-)");
        out.append(reinterpret_cast<const char*>(data), size);
    }
    void finish(std::string& /*out*/) override {
        if (failed_) fail("the PDF file was already refused");
        if (checked_ < kHeaderSize) fail("the file ends inside the PDF header");
    }
    std::uint64_t droppedBytes() const override { return 0; }

  private:
    [[noreturn]] void fail(const char* message) {
        failed_ = true;
        throw MalformedFile(message);
    }

    static constexpr char kHeader[] = "%PDF-";
    static constexpr std::size_t kHeaderSize = sizeof kHeader - 1;
    std::size_t checked_ = 0;  // header bytes seen and checked, at most kHeaderSize
    bool failed_ = false;
};

}  // namespace

std::unique_ptr<MetadataFilter> metadataFilterFor(FileType type) {
    switch (type) {
        case FileType::Jpeg:
            return std::make_unique<JpegMetadataFilter>();
        case FileType::Png:
            return std::make_unique<PngMetadataFilter>();
        case FileType::Pdf:
            break;
    }
    return std::make_unique<PdfPassThrough>();
}

}  // namespace binhan::core
