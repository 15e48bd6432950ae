#include "http/Metrics.h"

#include <sstream>

namespace binhan::http {
namespace {

// Label values come from closed sets only (issue 17): a client's method string could otherwise
// inject labels or add a series per request.
const char* methodLabel(const std::string& method) {
    static const char* const known[] = {"GET",    "HEAD",    "POST",  "PUT",
                                        "DELETE", "OPTIONS", "PATCH", "TRACE"};
    for (const char* m : known)
        if (method == m) return m;
    return "other";
}

// Prometheus text format: a label value escapes backslash, double quote and line feed.
std::string escaped(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

void Metrics::recordRequest(const std::string& rawMethod, const std::string& route, int status,
                            double seconds) {
    const std::string method = methodLabel(rawMethod);
    std::lock_guard<std::mutex> lock(mutex_);
    ++counts_[{method, route, status}];
    Histogram& h = latency_[{method, route}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::addSource(std::function<std::string()> source) {
    std::lock_guard<std::mutex> lock(mutex_);
    sources_.push_back(std::move(source));
}

std::string Metrics::render() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::ostringstream out;
    out << "# HELP binhan_http_requests_total HTTP requests answered, by route pattern and "
           "status.\n"
           "# TYPE binhan_http_requests_total counter\n";
    for (const auto& [key, n] : counts_)
        out << "binhan_http_requests_total{method=\"" << std::get<0>(key) << "\",route=\""
            << escaped(std::get<1>(key)) << "\",status=\"" << std::get<2>(key) << "\"} " << n
            << "\n";
    out << "# HELP binhan_http_request_duration_seconds Time to answer, by route pattern.\n"
           "# TYPE binhan_http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
        const std::string labels =
            "method=\"" + key.first + "\",route=\"" + escaped(key.second) + "\"";
        for (std::size_t i = 0; i < kBuckets.size(); ++i)
            out << "binhan_http_request_duration_seconds_bucket{" << labels << ",le=\""
                << kBuckets[i] << "\"} " << h.buckets[i] << "\n";
        out << "binhan_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} "
            << h.count << "\n";
        out << "binhan_http_request_duration_seconds_sum{" << labels << "} " << h.sum << "\n";
        out << "binhan_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
    }
    for (const auto& source : sources_) out << source();
    return out.str();
}

}  // namespace binhan::http
