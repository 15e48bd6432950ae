#include "http/Framing.h"

#include <algorithm>
#include <cctype>

namespace binhan::http {
namespace {

constexpr std::size_t kMaxLine = 4096;  // a chunk-size line or a trailer field
constexpr int kMaxTrailerLines = 100;

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

FramingVerdict refuse(int status, const char* code, const char* message) {
    FramingVerdict v;
    v.status = status;
    v.code = code;
    v.message = message;
    return v;
}

bool isDigits(const std::string& s) {
    return !s.empty() && s.size() <= 18 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One line ending in CRLF, without it. False at the end of the stream (truncated) or when the
// line is malformed (`malformed` set).
bool readLine(const std::function<int()>& next, std::string& line, bool& malformed) {
    line.clear();
    for (;;) {
        const int c = next();
        if (c < 0) return false;
        if (c == '\n') {
            if (line.empty() || line.back() != '\r') {
                malformed = true;  // a bare LF
                return false;
            }
            line.pop_back();
            return true;
        }
        if (line.size() >= kMaxLine) {
            malformed = true;
            return false;
        }
        line += static_cast<char>(c);
    }
}

// chunk-size [ chunk-ext ]: 1–15 hex digits, then nothing or ";" with an extension.
bool parseChunkSize(const std::string& line, std::uint64_t& size) {
    std::size_t i = 0;
    size = 0;
    while (i < line.size() && std::isxdigit(static_cast<unsigned char>(line[i]))) {
        if (i >= 15) return false;
        const char c = line[i];
        size = size * 16 + static_cast<std::uint64_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        ++i;
    }
    if (i == 0) return false;
    const std::string rest = trimmed(line.substr(i));
    return rest.empty() || rest[0] == ';';
}

}  // namespace

FramingVerdict checkFraming(const std::string& version, const HeaderList& headers,
                            std::size_t maxBody) {
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return refuse(505, "http_version_not_supported", "Only HTTP/1.1 and HTTP/1.0 are served.");
    std::vector<std::string> lengths, codings;
    for (const auto& [name, value] : headers) {
        const std::string key = lower(name);
        if (key == "content-length") lengths.push_back(trimmed(value));
        if (key == "transfer-encoding") {
            std::size_t start = 0;
            for (;;) {  // a list: "gzip, chunked"
                const auto comma = value.find(',', start);
                codings.push_back(lower(trimmed(value.substr(start, comma - start))));
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        }
    }
    if (lengths.size() > 1)
        return refuse(400, "bad_request", "The request has more than one Content-Length.");
    if (!lengths.empty() && !codings.empty())
        return refuse(400, "bad_request",
                      "The request has both Content-Length and Transfer-Encoding.");
    FramingVerdict ok;
    if (!codings.empty()) {
        if (version == "HTTP/1.0")
            return refuse(400, "bad_request", "HTTP/1.0 has no Transfer-Encoding.");
        if (codings.size() != 1 || codings[0] != "chunked")
            return refuse(501, "not_implemented", "Only the chunked transfer coding is accepted.");
        ok.chunked = true;
        return ok;
    }
    if (!lengths.empty()) {
        if (!isDigits(lengths[0]))
            return refuse(400, "bad_request", "The Content-Length is not a number of bytes.");
        ok.contentLength = std::stoull(lengths[0]);
        if (ok.contentLength > maxBody)
            return refuse(413, "too_large", "The request body is larger than the server accepts.");
    }
    return ok;
}

std::size_t ChunkedBodyStream::fail(BodyOutcome outcome) {
    outcome_ = outcome;
    ended_ = true;
    return 0;
}

bool ChunkedBodyStream::startChunk() {
    std::string line;
    bool malformed = false;
    if (!readLine(next_, line, malformed))
        return fail(malformed ? BodyOutcome::Malformed : BodyOutcome::Truncated), false;
    std::uint64_t size = 0;
    if (!parseChunkSize(line, size)) return fail(BodyOutcome::Malformed), false;
    if (size > 0) {
        if (size > maxBody_ - received_) return fail(BodyOutcome::TooLarge), false;
        remaining_ = size;
        inChunk_ = true;
        return true;
    }
    for (int lines = 0;; ++lines) {  // trailer fields, then the empty line
        if (lines > kMaxTrailerLines) return fail(BodyOutcome::Malformed), false;
        if (!readLine(next_, line, malformed))
            return fail(malformed ? BodyOutcome::Malformed : BodyOutcome::Truncated), false;
        if (line.empty()) return fail(BodyOutcome::Complete), false;
    }
}

std::size_t ChunkedBodyStream::read(char* into, std::size_t most) {
    std::size_t got = 0;
    while (got < most && !ended_) {
        if (!inChunk_ && !startChunk()) break;
        while (remaining_ > 0 && got < most) {
            const int c = next_();
            if (c < 0) return fail(BodyOutcome::Truncated), got;
            into[got++] = static_cast<char>(c);
            --remaining_;
            ++received_;
        }
        if (remaining_ == 0) {
            const int cr = next_(), lf = next_();
            if (cr < 0 || lf < 0) return fail(BodyOutcome::Truncated), got;
            if (cr != '\r' || lf != '\n') return fail(BodyOutcome::Malformed), got;
            inChunk_ = false;
        }
    }
    return got;
}

BodyOutcome readChunkedBody(const std::function<int()>& next, std::size_t maxBody,
                            std::string& body) {
    body.clear();
    ChunkedBodyStream stream(next, maxBody);
    char buffer[4096];
    while (!stream.ended()) body.append(buffer, stream.read(buffer, sizeof buffer));
    return stream.outcome();
}

}  // namespace binhan::http
