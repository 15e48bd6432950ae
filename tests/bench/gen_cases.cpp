// Generator, not a test: fills a Bình An database with N made-up cases and their workflow
// (stages, referrals, events with their measures, contact-prohibition requests and decisions,
// closures) in realistic proportions, for the report benchmark (issue 7, docs/benchmarks.md).
// Nothing here is about a real person: there are no names at all — the sealed columns hold
// random bytes of a typical ciphertext size, as a database of encrypted cases would.
//
// It writes through the store layer (store::Database, the schema migrations) in batches of
// 5,000 cases per transaction, with bulk inserts; it needs no master key and no server.
//
// Usage: gen_cases DB N [--year YYYY] [--seed S] [--sealed DATA_DIR] [--bench RUNS]
//   DB     the SQLite file (e.g. data.dir/binhan.db after `binhan init`; created if absent)
//   N      how many cases to add
//   --sealed DATA_DIR  afterwards, seal made-up people into the new cases with DATA_DIR's master
//                 key so a server can read and search them, add users (ops/bench/run;
//                 SealedCaseWriter.h); DB must then be DATA_DIR/binhan.db
//   --bench RUNS  afterwards, time the yearly report (service::ReportService: the sum of the
//                 kept counts, aggregation, suppression) and its JSON and CSV rendering RUNS times
// The statistics counts the server keeps write by write (report_counts, store/ReportCounts) are
// recomputed from every case once at the end (ReportRepository::rebuild), as bulk inserts bypass
// the repositories.
#include <Poco/Data/Session.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "SealedCaseWriter.h"
#include "core/Clock.h"
#include "core/TimeFormat.h"
#include "core/report/ReportRender.h"
#include "service/ReportService.h"
#include "store/Database.h"
#include "store/Migrator.h"
#include "store/ReportRepository.h"
#include "store/UserRepository.h"

using namespace Poco::Data::Keywords;
using namespace binhan;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kBatch = 5000;

struct Weighted {
    std::vector<std::string> values;
    std::vector<double> weights;
};

class Dice {
  public:
    explicit Dice(unsigned seed) : rng_(seed) {}
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    const std::string& pick(const Weighted& w) {
        std::discrete_distribution<std::size_t> d(w.weights.begin(), w.weights.end());
        return w.values[d(rng_)];
    }
    std::string bytes(int n) {
        std::string out(static_cast<std::size_t>(n), '\0');
        for (auto& c : out) c = static_cast<char>(between(0, 255));
        return out;
    }

  private:
    std::mt19937_64 rng_;
};

// Made-up village names (thôn) with how often cases come from each.
const Weighted kVillages = {
    {"Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung", "Thôn An Lạc", "Thôn Phú Mỹ",
     "Thôn Hòa Bình", "Thôn Tân Thành", "Thôn Cầu Giát", "Thôn Bình Minh", "Thôn Đồng Xá"},
    {14, 12, 11, 10, 10, 9, 8, 7, 6, 5, 5, 3}};
const Weighted kSurvivorSex = {{"female", "male", "other", "unknown"}, {86, 12, 1, 1}};
const Weighted kAgeBand = {{"0-5", "6-11", "12-15", "16-17", "18-29", "30-59", "60+", "unknown"},
                           {2, 4, 6, 4, 24, 50, 8, 2}};
const Weighted kPerpetratorSex = {{"male", "female", "unknown"}, {88, 10, 2}};
const Weighted kRelationship = {
    {"spouse", "former_spouse", "partner", "parent", "child", "sibling", "other_relative",
     "teacher", "schoolmate", "acquaintance", "stranger", "other"},
    {55, 5, 5, 10, 5, 3, 5, 1, 1, 5, 3, 2}};
const Weighted kOpener = {{"police", "union", "justice", "school"}, {50, 35, 10, 5}};
const Weighted kPlace = {{"home", "public", "workplace", "school", "online", "other"},
                         {80, 8, 4, 3, 3, 2}};
const Weighted kRisk = {{"low", "medium", "high", "critical"}, {30, 40, 22, 8}};
const Weighted kDelay = {{"0-3", "4-5", "6-14", "15-30", "long"}, {50, 10, 15, 10, 15}};
const Weighted kAction = {{"stopped_violence", "summons", "other"}, {60, 30, 10}};
const Weighted kOutcome = {{"agreed", "not_agreed", "postponed"}, {50, 35, 15}};
const Weighted kLegalAid = {{"advice", "representation", "other"}, {70, 20, 10}};
const Weighted kSupport = {{"counselling", "essential_needs", "health_care", "shelter",
                            "livelihood", "behaviour_change", "other"},
                           {35, 20, 15, 10, 10, 7, 3}};
const Weighted kClosure = {{"resolved", "survivor_request", "moved_away", "transferred", "other"},
                           {55, 15, 10, 10, 10}};
const Weighted kReferralStatus = {{"accepted", "declined", "waiting", "withdrawn"},
                                  {70, 10, 15, 5}};
const std::vector<std::pair<std::string, double>> kTypes = {
    {"physical", 0.6},         {"psychological", 0.7}, {"sexual", 0.08},  {"economic", 0.2},
    {"forced_marriage", 0.01}, {"trafficking", 0.005}, {"neglect", 0.05}, {"other", 0.03}};

std::string at(core::TimePoint t) {
    return core::formatRfc3339(t);
}

// Column vectors of one batch, inserted with one bulk statement per table.
struct Batch {
    std::vector<Poco::Int64> caseId, year, number, survivorDisability, child, crime, sanction,
        consentGiven, consentStats, openedBy;
    std::vector<std::string> code, status, risk, incidentDate, village, place, types, sex, ageBand,
        consentBy, consentAgencies, openedAgency, createdAt, closedAt, closureCode;
    std::vector<Poco::Data::BLOB> dataKey;
    std::vector<Poco::Int64> fieldCase;
    std::vector<std::string> fieldName;
    std::vector<Poco::Data::BLOB> fieldValue;
    std::vector<Poco::Int64> perpCase, perpPosition;
    std::vector<std::string> perpSex, perpRelationship;
    std::vector<Poco::Int64> stageCase;
    std::vector<std::string> stageAgency, stageStatus, stageSince;
    std::vector<Poco::Int64> eventId, eventCase, eventAuthor;
    std::vector<std::string> eventType, eventAt, eventRole;
    std::vector<Poco::Data::BLOB> eventDetails;
    std::vector<Poco::Int64> measureEvent;
    std::vector<std::string> measureName, measureValue;
    std::vector<Poco::Int64> referralCase, referralBy;
    std::vector<std::string> referralFrom, referralTo, referralAt, referralStatus;
    std::vector<Poco::Data::BLOB> referralReason;
    std::vector<Poco::Int64> requestEvent, requestCase;
    std::vector<std::string> requestAt, requestDeadline;
    std::vector<Poco::Int64> decisionEvent, decisionCase, decisionRequest, decisionGranted;
    std::vector<std::string> decisionAt, decisionStarts, decisionEnds;
};

void flush(Poco::Data::Session& s, Batch& b) {
    if (b.caseId.empty()) return;
    s << "INSERT INTO cases (id, commune, code, year, number, status, risk, incident_date, "
         "incident_village, place, types, survivor_sex, survivor_age_band, survivor_village, "
         "survivor_disability, child, crime, administrative_sanction, consent_given, "
         "consent_given_by, consent_agencies, consent_statistics, opened_by, opened_agency, "
         "data_key, data_key_version, created_at, updated_at, closed_at, closure_reason) VALUES "
         "(?, 'HP', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, "
         "NULLIF(?, ''), NULLIF(?, ''))",
        use(b.caseId), use(b.code), use(b.year), use(b.number), use(b.status), use(b.risk),
        use(b.incidentDate), use(b.village), use(b.place), use(b.types), use(b.sex), use(b.ageBand),
        use(b.village), use(b.survivorDisability), use(b.child), use(b.crime), use(b.sanction),
        use(b.consentGiven), use(b.consentBy), use(b.consentAgencies), use(b.consentStats),
        use(b.openedBy), use(b.openedAgency), use(b.dataKey), use(b.createdAt), use(b.createdAt),
        use(b.closedAt), use(b.closureCode), now;
    s << "INSERT INTO case_fields (case_id, field, value) VALUES (?, ?, ?)", use(b.fieldCase),
        use(b.fieldName), use(b.fieldValue), now;
    if (!b.perpCase.empty())
        s << "INSERT INTO case_perpetrators (case_id, position, sex, relationship) VALUES (?, ?, "
             "?, ?)",
            use(b.perpCase), use(b.perpPosition), use(b.perpSex), use(b.perpRelationship), now;
    s << "INSERT OR REPLACE INTO stages (case_id, agency, status, since) VALUES (?, ?, ?, ?)",
        use(b.stageCase), use(b.stageAgency), use(b.stageStatus), use(b.stageSince), now;
    if (!b.eventId.empty())
        s << "INSERT INTO events (id, case_id, type, at, recorded_at, author_id, author_role, "
             "details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            use(b.eventId), use(b.eventCase), use(b.eventType), use(b.eventAt), use(b.eventAt),
            use(b.eventAuthor), use(b.eventRole), use(b.eventDetails), now;
    if (!b.measureEvent.empty())
        s << "INSERT INTO event_measures (event_id, name, value) VALUES (?, ?, ?)",
            use(b.measureEvent), use(b.measureName), use(b.measureValue), now;
    if (!b.referralCase.empty())
        s << "INSERT INTO referrals (case_id, from_agency, to_agency, referred_by, referred_at, "
             "mandatory, consent_covered, status, reason) VALUES (?, ?, ?, ?, ?, 0, 1, ?, ?)",
            use(b.referralCase), use(b.referralFrom), use(b.referralTo), use(b.referralBy),
            use(b.referralAt), use(b.referralStatus), use(b.referralReason), now;
    if (!b.requestEvent.empty())
        s << "INSERT INTO protection_requests (event_id, case_id, requested_at, deadline) VALUES "
             "(?, ?, ?, ?)",
            use(b.requestEvent), use(b.requestCase), use(b.requestAt), use(b.requestDeadline), now;
    if (!b.decisionEvent.empty()) {
        s << "INSERT INTO protection_decisions (event_id, case_id, request_event, leader_id, "
             "decided_at, late, granted, starts, ends, notified) VALUES (?, ?, ?, 5, ?, 0, ?, "
             "NULLIF(?, ''), NULLIF(?, ''), 'perpetrator,survivor')",
            use(b.decisionEvent), use(b.decisionCase), use(b.decisionRequest), use(b.decisionAt),
            use(b.decisionGranted), use(b.decisionStarts), use(b.decisionEnds), now;
        s << "UPDATE protection_requests SET decision_event = (SELECT d.event_id FROM "
             "protection_decisions d WHERE d.request_event = protection_requests.event_id) "
             "WHERE decision_event IS NULL",
            now;
    }
    b = Batch();
}

Poco::Data::BLOB blob(const std::string& bytes) {
    return Poco::Data::BLOB(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr,
                     "usage: gen_cases DB N [--year YYYY] [--seed S] [--sealed DATA_DIR] "
                     "[--bench RUNS]\n");
        return 64;
    }
    const std::string path = argv[1];
    const long n = std::atol(argv[2]);
    int year = 2025, runs = 0;
    unsigned seed = 7;
    std::string sealedDir;
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--year") year = std::atoi(argv[i + 1]);
        if (flag == "--seed") seed = static_cast<unsigned>(std::atol(argv[i + 1]));
        if (flag == "--bench") runs = std::atoi(argv[i + 1]);
        if (flag == "--sealed") sealedDir = argv[i + 1];
    }
    store::Database db({path, 2, 5000, 0});
    store::Migrator(store::embeddedSchemaFiles()).migrate(db);
    Dice dice(seed);

    // A commune, and one made-up user per agency (they cannot sign in: no password hash).
    const std::vector<std::string> roles = {"police", "justice", "union",
                                            "school", "leader",  "social"};
    Poco::Int64 firstCase = 0, firstEvent = 0, userBase = 0;
    db.withWriter([&](Poco::Data::Session& s) {
        s << "INSERT OR IGNORE INTO communes (code, name, created_at) VALUES ('HP', 'Xã Hòa "
             "Phong', "
             "'2024-01-01T00:00:00Z')",
            now;
        for (const auto& role : roles) {
            std::string username = "gen." + role, r = role;
            s << "INSERT OR IGNORE INTO users (commune, username, display_name, role, "
                 "password_hash, created_at, updated_at) VALUES ('HP', ?, ?, ?, '!', "
                 "'2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
                use(username), use(username), use(r), now;
        }
        s << "SELECT COALESCE(MAX(id), 0) FROM cases", into(firstCase), now;
        s << "SELECT COALESCE(MAX(id), 0) FROM events", into(firstEvent), now;
        s << "SELECT MIN(id) FROM users WHERE username LIKE 'gen.%'", into(userBase), now;
    });
    const auto userOf = [&](const std::string& role) {
        return userBase + (std::find(roles.begin(), roles.end(), role) - roles.begin());
    };

    const auto yearStart =
        *core::parseDate(std::to_string(year) + "-01-01") - std::chrono::hours(7);
    const auto started = Steady::now();
    Batch b;
    Poco::Int64 eventId = firstEvent;
    const auto addEvent = [&](Poco::Int64 caseId, const std::string& type, const std::string& role,
                              core::TimePoint when,
                              std::vector<std::pair<std::string, std::string>> measures) {
        ++eventId;
        b.eventId.push_back(eventId);
        b.eventCase.push_back(caseId);
        b.eventType.push_back(type);
        b.eventAt.push_back(at(when));
        b.eventAuthor.push_back(userOf(role));
        b.eventRole.push_back(role);
        b.eventDetails.push_back(blob(dice.bytes(dice.between(60, 200))));
        for (auto& [name, value] : measures) {
            b.measureEvent.push_back(eventId);
            b.measureName.push_back(name);
            b.measureValue.push_back(value);
        }
        return eventId;
    };

    for (long i = 0; i < n; ++i) {
        const Poco::Int64 id = firstCase + i + 1;
        const auto created = yearStart + std::chrono::seconds(dice.between(0, 365 * 86400 - 1));
        const std::string bucket = dice.pick(kDelay);
        const int delay = bucket == "0-3"     ? dice.between(0, 3)
                          : bucket == "4-5"   ? dice.between(4, 5)
                          : bucket == "6-14"  ? dice.between(6, 14)
                          : bucket == "15-30" ? dice.between(15, 30)
                                              : dice.between(31, 365);
        const std::string incident =
            core::formatDate(created + std::chrono::hours(7) - std::chrono::hours(24 * delay));
        std::string types;
        for (const auto& [type, p] : kTypes)
            if (dice.chance(p)) types += (types.empty() ? "" : ",") + type;
        if (types.empty()) types = "psychological";
        const std::string band = dice.pick(kAgeBand);
        const bool child = band == "0-5" || band == "6-11" || band == "12-15" || band == "16-17";
        const std::string opener = child && dice.chance(0.4) ? "school" : dice.pick(kOpener);
        const bool closed = dice.chance(0.6);
        const auto closedAt = created + std::chrono::hours(24 * dice.between(5, 120));

        b.caseId.push_back(id);
        b.code.push_back("HP-" + std::to_string(year) + "-" + std::to_string(id));
        b.year.push_back(year);
        b.number.push_back(id);
        b.status.push_back(closed ? "closed" : dice.chance(0.8) ? "active" : "open");
        b.risk.push_back(dice.pick(kRisk));
        b.incidentDate.push_back(incident);
        b.village.push_back(dice.pick(kVillages));
        b.place.push_back(dice.pick(kPlace));
        b.types.push_back(types);
        b.sex.push_back(dice.pick(kSurvivorSex));
        b.ageBand.push_back(band);
        b.survivorDisability.push_back(dice.chance(0.05));
        b.child.push_back(child);
        b.crime.push_back(dice.chance(0.07));
        b.sanction.push_back(dice.chance(0.05));
        b.consentGiven.push_back(1);
        b.consentBy.push_back(child ? "guardian" : "survivor");
        b.consentAgencies.push_back("police,justice,union");
        b.consentStats.push_back(dice.chance(0.7));
        b.openedBy.push_back(userOf(opener));
        b.openedAgency.push_back(opener);
        b.dataKey.push_back(blob(dice.bytes(61)));
        b.createdAt.push_back(at(created));
        b.closedAt.push_back(closed ? at(closedAt) : "");
        b.closureCode.push_back(closed ? dice.pick(kClosure) : "");
        for (const char* field : {"survivor.full_name", "incident.description", "survivor.phone"}) {
            b.fieldCase.push_back(id);
            b.fieldName.push_back(field);
            b.fieldValue.push_back(blob(dice.bytes(std::string(field) == "incident.description"
                                                       ? dice.between(200, 900)
                                                       : dice.between(40, 70))));
        }
        const int perpetrators = dice.chance(0.02) ? 0 : dice.chance(0.08) ? 2 : 1;
        for (int p = 0; p < perpetrators; ++p) {
            b.perpCase.push_back(id);
            b.perpPosition.push_back(p);
            b.perpSex.push_back(dice.pick(kPerpetratorSex));
            b.perpRelationship.push_back(dice.pick(kRelationship));
        }
        b.stageCase.push_back(id);
        b.stageAgency.push_back(opener);
        b.stageStatus.push_back(closed ? "completed" : "active");
        b.stageSince.push_back(at(created));

        // The timeline: the first action within days, then the measures of each agency.
        auto when = created + std::chrono::hours(dice.between(1, 24 * dice.between(1, 10)));
        const auto later = [&] { return when += std::chrono::hours(dice.between(2, 96)); };
        if (opener == "police")
            addEvent(id, "police.report", "police", created, {{"channel", "in_person"}});
        if (opener == "police" || dice.chance(0.3))
            addEvent(id, "police.intervention", "police", later(),
                     {{"action", dice.pick(kAction)}});
        if (dice.chance(0.08)) {
            const auto requestAt = later();
            const auto request =
                addEvent(id, "protection.request", opener, requestAt, {{"measure", "no_contact"}});
            b.requestEvent.push_back(request);
            b.requestCase.push_back(id);
            b.requestAt.push_back(at(requestAt));
            b.requestDeadline.push_back(at(requestAt + std::chrono::hours(12)));
            if (!dice.chance(0.1)) {
                const bool granted = dice.chance(0.75);
                const auto decidedAt = requestAt + std::chrono::hours(dice.between(1, 11));
                const auto decision = addEvent(id, "protection.decision", "leader", decidedAt,
                                               {{"granted", granted ? "true" : "false"}});
                b.decisionEvent.push_back(decision);
                b.decisionCase.push_back(id);
                b.decisionRequest.push_back(request);
                b.decisionAt.push_back(at(decidedAt));
                b.decisionGranted.push_back(granted);
                b.decisionStarts.push_back(granted ? at(decidedAt) : "");
                b.decisionEnds.push_back(granted ? at(decidedAt + std::chrono::hours(72)) : "");
            }
        }
        if (dice.chance(0.4)) {
            const std::string to = opener == "union" ? "justice" : "union";
            const std::string status = dice.pick(kReferralStatus);
            b.referralCase.push_back(id);
            b.referralFrom.push_back(opener);
            b.referralTo.push_back(to);
            b.referralBy.push_back(userOf(opener));
            b.referralAt.push_back(at(later()));
            b.referralStatus.push_back(status);
            b.referralReason.push_back(blob(dice.bytes(dice.between(40, 120))));
            b.stageCase.push_back(id);
            b.stageAgency.push_back(to);
            b.stageStatus.push_back(status == "accepted"  ? (closed ? "completed" : "active")
                                    : status == "waiting" ? "referred"
                                                          : "declined");
            b.stageSince.push_back(at(when));
            if (status == "accepted" && to == "justice") {
                if (dice.chance(0.4))
                    addEvent(
                        id, "justice.legal_aid", "justice", later(),
                        {{"kind", dice.pick(kLegalAid)}, {"eligibility", "financial_hardship"}});
                if (dice.chance(0.35))
                    addEvent(id, "justice.mediation", "justice", later(),
                             {{"outcome", dice.pick(kOutcome)}});
            }
        }
        if (opener == "union" || dice.chance(0.2))
            for (int k = dice.between(1, 2); k > 0; --k)
                addEvent(id, "union.support", "union", later(), {{"kind", dice.pick(kSupport)}});
        if (opener == "justice" && dice.chance(0.5))
            addEvent(id, "justice.mediation", "justice", later(),
                     {{"outcome", dice.pick(kOutcome)}});
        if (dice.chance(0.3)) addEvent(id, "note", opener, later(), {});

        if (b.caseId.size() == kBatch) db.withWriter([&](Poco::Data::Session& s) { flush(s, b); });
    }
    db.withWriter([&](Poco::Data::Session& s) { flush(s, b); });
    const double seconds = std::chrono::duration<double>(Steady::now() - started).count();
    std::printf("added %ld cases and %lld events to %s in %.1f s\n", n,
                static_cast<long long>(eventId - firstEvent), path.c_str(), seconds);
    const auto countsStarted = Steady::now();
    store::ReportRepository(db).rebuild();
    std::printf("statistics counts recomputed from every case in %.1f s\n",
                std::chrono::duration<double>(Steady::now() - countsStarted).count());
    if (!sealedDir.empty())
        bench::sealGeneratedCases(db, sealedDir, firstCase, firstCase + n, seed);

    if (runs > 0) {
        core::SystemClock clock;
        store::ReportRepository repository(db);
        store::UserRepository communes(db);
        service::ReportService reports(repository, communes, clock,
                                       {{"HP", "Xã Hòa Phong", "", ""}, "UBND tỉnh Hưng Yên"});
        const std::string from = std::to_string(year) + "-01-01",
                          to = std::to_string(year) + "-12-31";
        for (const char* purpose : {"statutory", "export"}) {
            std::vector<double> build, render;
            std::int64_t cases = 0;
            for (int r = 0; r < runs; ++r) {
                const auto t0 = Steady::now();
                const auto report = reports.summaryForConsole({from, to, purpose, ""});
                const auto t1 = Steady::now();
                std::ostringstream json;
                core::report::reportJson(report)->stringify(json);
                const auto csv = core::report::reportCsv(report);
                if (json.str().empty() || csv.empty()) return 1;
                const auto t2 = Steady::now();
                build.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
                render.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
                cases = core::report::findTotal(report, "cases")->count;
            }
            std::sort(build.begin(), build.end());
            std::sort(render.begin(), render.end());
            std::printf(
                "%s report %s..%s over %lld cases, %d runs: query+build+suppress median "
                "%.1f ms (min %.1f, max %.1f); JSON+CSV rendering median %.2f ms\n",
                purpose, from.c_str(), to.c_str(), static_cast<long long>(cases), runs,
                build[build.size() / 2], build.front(), build.back(), render[render.size() / 2]);
        }
    }
    return 0;
}
