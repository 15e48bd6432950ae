#include "core/attachment/AttachmentKind.h"

#include <algorithm>
#include <cctype>

namespace binhan::core {

const std::vector<std::string>& attachmentKinds() {
    static const std::vector<std::string> kinds = {"injury_photo", "medical", "police_record",
                                                   "decision",     "consent", "other"};
    return kinds;
}

bool isAttachmentKind(const std::string& kind) {
    const auto& kinds = attachmentKinds();
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::string attachmentField(const std::string& kind) {
    return "attachments." + kind;
}

namespace {

// Length of the UTF-8 sequence starting with `lead`, 0 when it cannot start one.
std::size_t sequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// Whether `name` ends with "." + `extension` (or ".jpeg" for "jpg"), in any case.
bool endsWithExtension(const std::string& name, const std::string& extension) {
    std::string lower;
    for (const char c : name)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto ends = [&lower](const std::string& tail) {
        return lower.size() > tail.size() &&
               lower.compare(lower.size() - tail.size(), tail.size(), tail) == 0;
    };
    return ends("." + extension) || (extension == "jpg" && ends(".jpeg"));
}

}  // namespace

std::string cleanFilename(const std::string& sent, const std::string& extension) {
    const std::size_t kMost = 120 - extension.size() - 1;  // room for the type's own extension
    const auto slash = sent.find_last_of("/\\");
    const std::string base = slash == std::string::npos ? sent : sent.substr(slash + 1);
    std::string out;
    for (std::size_t i = 0; i < base.size();) {
        const auto lead = static_cast<unsigned char>(base[i]);
        std::size_t length = sequenceLength(lead);
        bool valid = length > 0 && i + length <= base.size();
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(base[i + k]) & 0xC0) == 0x80;
        if (!valid) {
            ++i;  // a stray byte is dropped
            continue;
        }
        const bool control = length == 1 && (lead < 0x20 || lead == 0x7F || lead == '"');
        if (!control) {
            if (out.size() + length > kMost) break;
            out.append(base, i, length);
        }
        i += length;
    }
    while (!out.empty() && (out.front() == ' ' || out.front() == '.')) out.erase(0, 1);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.empty()) return "tep-dinh-kem." + extension;
    // Saved from a download, a file opens by its name: the name says what the bytes are.
    return endsWithExtension(out, extension) ? out : out + "." + extension;
}

}  // namespace binhan::core
