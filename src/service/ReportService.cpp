#include "service/ReportService.h"

#include <chrono>

#include "core/Error.h"
#include "core/Policy.h"
#include "core/TimeFormat.h"
#include "core/report/Suppression.h"

namespace binhan::service {
namespace {

using std::chrono::hours;

constexpr int kVietnamOffsetHours = 7;  // Indochina Time, no daylight saving
constexpr int kLongestPeriodDays = 5 * 366;

core::TimePoint dateOrThrow(const std::string& name, const std::string& text) {
    const auto date = core::parseDate(text);
    if (!date || text.size() != 10)
        throw core::Invalid(name, "'" + name + "' must be a date (YYYY-MM-DD).");
    return *date;
}

}  // namespace

core::report::Report ReportService::summary(const core::Actor& actor,
                                            const ReportRequest& request) const {
    if (core::decide(actor.role, core::Action::ReportRead) != core::Decision::Allow)
        throw core::Forbidden("Your role may not read statistical reports.");
    return build(request);
}

core::report::Report ReportService::summaryForConsole(const ReportRequest& request) const {
    return build(request);
}

core::report::Report ReportService::build(const ReportRequest& request) const {
    const std::string purposeText = request.purpose.empty() ? "statutory" : request.purpose;
    const auto purpose = core::report::parsePurpose(purposeText);
    if (!purpose) throw core::Invalid("purpose", "'purpose' must be 'statutory' or 'export'.");
    // Default period: the current year in Vietnam.
    const std::string today = core::formatDate(clock_.now() + hours(kVietnamOffsetHours));
    const std::string fromText =
        request.from.empty() ? today.substr(0, 4) + "-01-01" : request.from;
    const auto from = dateOrThrow("from", fromText);
    const std::string toText = request.to.empty() ? fromText.substr(0, 4) + "-12-31" : request.to;
    const auto to = dateOrThrow("to", toText);
    if (to < from) throw core::Invalid("to", "'to' must not be before 'from'.");
    if (to - from > hours(24 * kLongestPeriodDays))
        throw core::Invalid("to", "A report covers at most 5 years.");

    store::ReportQuery query;  // Vietnam days, as the counts are kept
    query.from = fromText;
    query.to = toText;
    query.consentedOnly = *purpose == core::report::Purpose::Export;

    core::report::Header header;
    header.communeName = settings_.communeName;
    header.communeCode = settings_.communeCode;
    header.recipient = settings_.recipient;
    header.from = fromText;
    header.to = toText;
    header.generatedAt = core::formatRfc3339(clock_.now());
    header.purpose = *purpose;
    auto report = core::report::buildReport(header, repository_.counts(query));
    core::report::suppress(report);
    return report;
}

}  // namespace binhan::service
