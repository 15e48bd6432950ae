#include "core/TimeFormat.h"

#include <cstdio>
#include <ctime>

namespace binhan::core {
namespace {

bool isLeap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : days[m - 1];
}

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
long long daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

// Years are bounded to what system_clock (nanoseconds in 64 bits, until 2262) can hold: a
// time from client input beyond that would overflow when converted (undefined behaviour).
bool validDate(int y, int m, int d) {
    return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

bool digits(const std::string& s, size_t from, size_t count) {
    if (s.size() < from + count) return false;
    for (size_t i = from; i < from + count; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

int number(const std::string& s, size_t from, size_t count) {
    return std::stoi(s.substr(from, count));
}

TimePoint fromSeconds(long long seconds) {
    return TimePoint(std::chrono::seconds(seconds));
}

}  // namespace

std::string formatRfc3339(TimePoint t) {
    const std::time_t secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string formatRfc3339Millis(TimePoint t) {
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count() % 1000;
    std::string out = formatRfc3339(t);
    char frac[8];
    std::snprintf(frac, sizeof frac, ".%03d",
                  static_cast<int>(millis < 0 ? millis + 1000 : millis));
    return out.insert(out.size() - 1, frac);
}

std::string formatDate(TimePoint t) {
    return formatRfc3339(t).substr(0, 10);
}

std::string paperDate(const std::string& iso) {
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::optional<PaperTime> vietnamPaperTime(const std::string& rfc3339) {
    const auto at = parseRfc3339(rfc3339);
    if (!at) return std::nullopt;
    const std::string local = formatRfc3339(*at + std::chrono::hours(7));  // Asia/Ho_Chi_Minh
    return PaperTime{local.substr(11, 5), paperDate(local.substr(0, 10))};
}

std::optional<TimePoint> parseDate(const std::string& s) {
    if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' ||
        !digits(s, 8, 2))
        return std::nullopt;
    const int y = number(s, 0, 4), m = number(s, 5, 2), d = number(s, 8, 2);
    if (!validDate(y, m, d)) return std::nullopt;
    return fromSeconds(daysFromCivil(y, m, d) * 86400);
}

std::optional<TimePoint> parseRfc3339(const std::string& s) {
    if (s.size() < 20) return std::nullopt;
    const auto day = parseDate(s.substr(0, 10));
    if (!day || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2) || s[13] != ':' ||
        !digits(s, 14, 2) || s[16] != ':' || !digits(s, 17, 2))
        return std::nullopt;
    const int hh = number(s, 11, 2), mm = number(s, 14, 2), ss = number(s, 17, 2);
    if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
    size_t i = 19;
    long long micros = 0;
    if (i < s.size() && s[i] == '.') {
        size_t start = ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
        if (i == start || i - start > 9) return std::nullopt;
        std::string frac = s.substr(start, i - start);
        frac.resize(6, '0');
        micros = std::stoll(frac.substr(0, 6));
    }
    long long offset = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        if (!digits(s, i + 1, 2) || s.size() <= i + 3 || s[i + 3] != ':' || !digits(s, i + 4, 2))
            return std::nullopt;
        const int oh = number(s, i + 1, 2), om = number(s, i + 4, 2);
        if (oh > 23 || om > 59) return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    const long long secs =
        std::chrono::duration_cast<std::chrono::seconds>(day->time_since_epoch()).count() +
        hh * 3600 + mm * 60 + ss - offset;
    return fromSeconds(secs) + std::chrono::microseconds(micros);
}

}  // namespace binhan::core
