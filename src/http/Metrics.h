#pragma once
// Request counts and latency histograms per route pattern, in Prometheus text format.
// Thread-safe; recording is one short critical section per request.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace binhan::http {

class Metrics {
  public:
    // `route` is the pattern ("/api/v1/cases/{id}"), never the raw path, so ids do not multiply
    // the series and never reach the metrics.
    void recordRequest(const std::string& method, const std::string& route, int status,
                       double seconds);
    std::string render() const;
    // Adds a block of Prometheus text made by another part (e.g. the database's group commit).
    void addSource(std::function<std::string()> source);

  private:
    static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                        0.1,   0.25,   0.5,   1.0,  2.5};
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::vector<std::function<std::string()>> sources_;  // GUARDED_BY(mutex_)
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t>
        counts_;                                                        // GUARDED_BY(mutex_)
    std::map<std::pair<std::string, std::string>, Histogram> latency_;  // GUARDED_BY(mutex_)
};

}  // namespace binhan::http
