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

core::report::Header ReportService::communeScope(const std::string& code) const {
    core::report::Header scope;
    scope.communeCode = code;
    if (code == settings_.communes.code) {
        scope.communeName = settings_.communes.name;
    } else if (const auto found = communes_.findCommune(code)) {
        scope.communeName = found->name;
    } else {
        scope.communeName = code;
    }
    return scope;
}

core::report::Report ReportService::summary(const core::Actor& actor,
                                            const ReportRequest& request) const {
    if (core::decide(actor.role, core::Action::ReportRead) != core::Decision::Allow)
        throw core::Forbidden("Your role may not read statistical reports.");
    const std::string own = actor.commune.empty() ? settings_.communes.code : actor.commune;
    const std::string& asked = request.commune;
    if (!asked.empty()) {
        core::checkCommuneCode(asked);
        const bool known = asked == settings_.communes.code || communes_.findCommune(asked);
        if (!known || settings_.communes.isProvince(asked))
            throw core::Invalid("commune", "No commune has the code '" + asked + "'.");
    }
    if (!settings_.communes.isProvince(own)) {
        if (!asked.empty() && asked != own)
            throw core::Forbidden("A commune reports on its own cases only.");
        return build(request, communeScope(own));
    }
    core::report::Header province;  // the roll-up of every commune
    province.communeCode = settings_.communes.provinceCode;
    province.communeName = settings_.communes.provinceName.empty()
                               ? settings_.communes.provinceCode
                               : settings_.communes.provinceName;
    province.province = true;
    auto report = build(request, asked.empty() ? province : communeScope(asked));
    for (const auto& commune : communes_.communes())
        if (!settings_.communes.isProvince(commune.code))
            report.communeChoices.emplace_back(commune.code, commune.name);
    return report;
}

core::report::Report ReportService::summaryForConsole(const ReportRequest& request) const {
    const std::string& asked = request.commune;
    if (asked.empty() || asked == settings_.communes.code)
        return build(request, communeScope(settings_.communes.code));
    core::checkCommuneCode(asked);
    if (settings_.communes.isProvince(asked)) {  // issue 23: a province's roll-up of them all
        core::report::Header province;
        province.communeCode = asked;
        province.communeName =
            settings_.communes.provinceName.empty() ? asked : settings_.communes.provinceName;
        province.province = true;
        return build(request, province);
    }
    if (!communes_.findCommune(asked))
        throw core::Invalid("commune", "No commune has the code '" + asked + "'.");
    return build(request, communeScope(asked));
}

core::report::Report ReportService::build(const ReportRequest& request,
                                          core::report::Header header) const {
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
    query.commune = header.province ? "" : header.communeCode;

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
