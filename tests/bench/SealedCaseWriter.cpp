#include "SealedCaseWriter.h"

#include <Poco/Data/LOB.h>
#include <Poco/JSON/Object.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <vector>

#include "core/CaseModel.h"
#include "core/TimeFormat.h"
#include "crypto/KeyRingFile.h"
#include "crypto/PasswordHasher.h"
#include "crypto/SecureRandom.h"
#include "service/CaseMapper.h"
#include "service/CaseSealer.h"
#include "store/WorkflowRecords.h"

using namespace Poco::Data::Keywords;

namespace binhan::bench {
namespace {

constexpr std::int64_t kChunk = 5000;

// Common Vietnamese name parts; every full name made from them is made up.
const std::vector<std::string> kSurnames = {"Nguyễn", "Trần", "Lê",    "Phạm", "Hoàng", "Huỳnh",
                                            "Phan",   "Vũ",   "Võ",    "Đặng", "Bùi",   "Đỗ",
                                            "Hồ",     "Ngô",  "Dương", "Lý"};
const std::vector<std::string> kFemaleMiddle = {"Thị",   "Thị",  "Thị", "Ngọc",    "Thu",
                                                "Thanh", "Minh", "Kim", "Thị Thu", "Thị Kim"};
const std::vector<std::string> kMaleMiddle = {"Văn",  "Văn",   "Văn",  "Hữu",     "Đức",
                                              "Minh", "Quang", "Công", "Văn Hữu", "Thanh"};
const std::vector<std::string> kFemaleGiven = {
    "Lan",    "Hoa",  "Mai", "Hương", "Hằng",  "Thảo", "Trang", "Linh", "Nga",  "Yến", "Hạnh",
    "Phương", "Dung", "Huệ", "Loan",  "Nhung", "Oanh", "Thủy",  "Vân",  "Xuân", "Hà",  "Huyền"};
const std::vector<std::string> kMaleGiven = {
    "Nam",   "Hùng", "Dũng", "Tuấn",  "Minh",  "Cường", "Hải",  "Sơn",  "Long", "Quang",
    "Thắng", "Tùng", "Bình", "Khánh", "Phong", "Tài",   "Toàn", "Hiếu", "Lâm",  "Đạt"};
const std::vector<std::string> kNarratives = {
    "Chị cho biết bị chồng đánh vào mặt và tay sau khi cãi nhau về tiền bạc trong gia đình. ",
    "Hàng xóm nghe tiếng la hét và báo cho trưởng thôn, trưởng thôn báo công an xã. ",
    "Người bị bạo lực bị chửi bới, đe dọa và không cho ra khỏi nhà trong nhiều ngày. ",
    "Người gây bạo lực giữ toàn bộ tiền lương và không cho mua thuốc men cho con. ",
    "Sự việc lặp lại nhiều lần trong năm, lần này có thương tích nhẹ ở vai và lưng. ",
    "Em học sinh kể với cô chủ nhiệm rằng thường bị đánh khi về nhà muộn. ",
    "Người bị bạo lực đã từng được hòa giải ở thôn nhưng hành vi vẫn tiếp diễn. ",
    "Người bị bạo lực đến trụ sở công an xã trình báo, đi cùng em gái. "};
const std::vector<std::string> kInjuries = {"bầm tím tay", "sưng mặt", "trầy xước lưng", "đau vai",
                                            "rách da trán, đã khâu"};

class Dice {
  public:
    explicit Dice(unsigned seed) : rng_(seed) {}
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    const std::string& pick(const std::vector<std::string>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))];
    }
    std::string digits(int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out += static_cast<char>('0' + between(0, 9));
        return out;
    }

  private:
    std::mt19937_64 rng_;
};

std::string fullName(Dice& dice, const std::string& sex) {
    const bool male = sex == "male" || (sex != "female" && dice.chance(0.5));
    return dice.pick(kSurnames) + " " + dice.pick(male ? kMaleMiddle : kFemaleMiddle) + " " +
           dice.pick(male ? kMaleGiven : kFemaleGiven);
}

std::string phone(Dice& dice) {
    return "09" + dice.digits(2) + " " + dice.digits(3) + " " + dice.digits(3);
}

// A birth year in the middle of the reporting age band, as of the incident year.
std::optional<int> birthYear(Dice& dice, const std::string& band, int incidentYear) {
    static const std::map<std::string, std::pair<int, int>> ages = {
        {"0-5", {1, 5}},     {"6-11", {6, 11}},   {"12-15", {12, 15}}, {"16-17", {16, 17}},
        {"18-29", {18, 29}}, {"30-59", {30, 59}}, {"60+", {60, 80}}};
    const auto it = ages.find(band);
    if (it == ages.end()) return std::nullopt;
    return incidentYear - dice.between(it->second.first, it->second.second);
}

Poco::Data::BLOB blob(const store::Blob& bytes) {
    return Poco::Data::BLOB(bytes.data(), bytes.size());
}

struct CaseFacts {
    std::int64_t id = 0;
    std::string sex, band, incidentDate;
    bool child = false;
    std::vector<std::string> perpetratorSex;
};

// One chunk of sealed rows, written with one bulk statement per table.
struct Sealed {
    std::vector<Poco::Int64> caseId, keyVersion;
    std::vector<Poco::Data::BLOB> dataKey;
    std::vector<Poco::Int64> fieldCase;
    std::vector<std::string> fieldName;
    std::vector<Poco::Data::BLOB> fieldValue;
    std::vector<Poco::Int64> termCase;
    std::vector<std::string> term, termKind, termField;
    std::vector<Poco::Int64> eventId, referralId;
    std::vector<Poco::Data::BLOB> eventDetails, referralReason;
};

class Writer {
  public:
    Writer(store::Database& db, const std::string& dataDir, unsigned seed)
        : db_(db),
          dataDir_(dataDir),
          ring_(crypto::KeyRingFile::load(dataDir + "/master.key")),
          sealer_(ring_),
          dice_(seed) {}

    void sealChunk(std::int64_t from, std::int64_t to);  // ids from+1 … to
    void addUsers(int perRole);
    void writeLists();

  private:
    std::vector<CaseFacts> readFacts(std::int64_t from, std::int64_t to);
    core::CaseInput madeUpCase(const CaseFacts& facts);

    store::Database& db_;
    std::string dataDir_;
    crypto::KeyRing ring_;
    service::CaseSealer sealer_;
    Dice dice_;
    std::map<std::int64_t, std::pair<std::string, std::string>> searchable_;  // name, phone
};

std::vector<CaseFacts> Writer::readFacts(std::int64_t from, std::int64_t to) {
    std::vector<Poco::Int64> ids, childs, perpCase;
    std::vector<std::string> sexes, bands, dates, perpSex;
    db_.withReader([&](Poco::Data::Session& s) {
        s << "SELECT id, survivor_sex, survivor_age_band, incident_date, child FROM cases "
             "WHERE id > ? AND id <= ? ORDER BY id",
            use(from), use(to), into(ids), into(sexes), into(bands), into(dates), into(childs), now;
        s << "SELECT case_id, sex FROM case_perpetrators WHERE case_id > ? AND case_id <= ? "
             "ORDER BY case_id, position",
            use(from), use(to), into(perpCase), into(perpSex), now;
    });
    std::vector<CaseFacts> facts(ids.size());
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        facts[i] = {ids[i], sexes[i], bands[i], dates[i], childs[i] != 0, {}};
        index[ids[i]] = i;
    }
    for (std::size_t i = 0; i < perpCase.size(); ++i)
        facts[index.at(perpCase[i])].perpetratorSex.push_back(perpSex[i]);
    return facts;
}

core::CaseInput Writer::madeUpCase(const CaseFacts& f) {
    core::CaseInput in;
    in.survivor.fullName = fullName(dice_, f.sex);
    in.survivor.birthYear = birthYear(dice_, f.band, std::stoi(f.incidentDate.substr(0, 4)));
    if (!f.child || dice_.chance(0.5)) in.survivor.phone = phone(dice_);
    if (!f.child) in.survivor.idNumber = "0" + dice_.digits(11);
    for (int k = dice_.between(1, 3); k > 0; --k)
        in.incident.description += dice_.pick(kNarratives);
    if (dice_.chance(0.4)) in.incident.injuries = dice_.pick(kInjuries);
    if (dice_.chance(0.3)) in.safetyPlan = "Ở nhà người thân; số điện thoại khẩn cấp đã lưu.";
    for (const auto& sex : f.perpetratorSex) {
        core::Perpetrator p;
        p.fullName = fullName(dice_, sex);
        p.birthYear = dice_.between(1955, 2000);
        if (dice_.chance(0.7)) p.phone = phone(dice_);
        if (dice_.chance(0.5)) p.idNumber = "0" + dice_.digits(11);
        in.perpetrators.push_back(std::move(p));
    }
    return in;
}

void Writer::sealChunk(std::int64_t from, std::int64_t to) {
    Sealed out;
    std::map<std::int64_t, crypto::SecretBytes> keys;
    for (const auto& facts : readFacts(from, to)) {
        const auto input = madeUpCase(facts);
        auto [key, wrapped] = sealer_.newKey(facts.id);
        store::SealedCase sealed;
        for (const auto& [field, value] : service::sealedValues(input))
            sealed.fields[field] = sealer_.seal(key, facts.id, field, value);
        service::addSearchTerms(input, sealer_.blindIndex(), sealed);
        out.caseId.push_back(facts.id);
        out.keyVersion.push_back(wrapped.masterVersion);
        out.dataKey.push_back(blob(wrapped.blob));
        for (const auto& [field, value] : sealed.fields) {
            out.fieldCase.push_back(facts.id);
            out.fieldName.push_back(field);
            out.fieldValue.push_back(blob(value));
        }
        for (const auto& term : sealed.terms) {
            out.termCase.push_back(facts.id);
            out.term.push_back(term.term);
            out.termKind.push_back(term.word ? "word" : "exact");
            out.termField.push_back(term.field);
        }
        searchable_[facts.id] = {input.survivor.fullName, input.survivor.phone};
        keys.emplace(facts.id, std::move(key));
    }

    // Events' details (JSON of their measures, or a note's text) and referrals' reasons.
    std::vector<Poco::Int64> eventIds, eventCases, measureEvents, referralIds, referralCases;
    std::vector<std::string> eventTypes, measureNames, measureValues;
    db_.withReader([&](Poco::Data::Session& s) {
        s << "SELECT id, case_id, type FROM events WHERE case_id > ? AND case_id <= ? ORDER BY id",
            use(from), use(to), into(eventIds), into(eventCases), into(eventTypes), now;
        s << "SELECT m.event_id, m.name, m.value FROM event_measures m JOIN events e ON e.id = "
             "m.event_id WHERE e.case_id > ? AND e.case_id <= ?",
            use(from), use(to), into(measureEvents), into(measureNames), into(measureValues), now;
        s << "SELECT id, case_id FROM referrals WHERE case_id > ? AND case_id <= ?", use(from),
            use(to), into(referralIds), into(referralCases), now;
    });
    std::map<std::int64_t, Poco::JSON::Object> details;
    for (std::size_t i = 0; i < measureEvents.size(); ++i)
        details[measureEvents[i]].set(measureNames[i], measureValues[i]);
    for (std::size_t i = 0; i < eventIds.size(); ++i) {
        auto& d = details[eventIds[i]];
        if (d.size() == 0) d.set("text", "Đã gọi điện hỏi thăm, tình hình ổn định.");
        std::ostringstream json;
        d.stringify(json);
        out.eventId.push_back(eventIds[i]);
        out.eventDetails.push_back(blob(
            sealer_.seal(keys.at(eventCases[i]), eventCases[i],
                         store::sealedFieldName("event", eventIds[i], "details"), json.str())));
    }
    for (std::size_t i = 0; i < referralIds.size(); ++i) {
        out.referralId.push_back(referralIds[i]);
        out.referralReason.push_back(
            blob(sealer_.seal(keys.at(referralCases[i]), referralCases[i],
                              store::sealedFieldName("referral", referralIds[i], "reason"),
                              "Cần hỗ trợ pháp lý và tư vấn tâm lý cho người bị bạo lực.")));
    }

    db_.withWriter([&](Poco::Data::Session& s) {
        s << "UPDATE cases SET data_key = ?, data_key_version = ? WHERE id = ?", use(out.dataKey),
            use(out.keyVersion), use(out.caseId), now;
        s << "DELETE FROM case_fields WHERE case_id > ? AND case_id <= ?", use(from), use(to), now;
        s << "INSERT INTO case_fields (case_id, field, value) VALUES (?, ?, ?)", use(out.fieldCase),
            use(out.fieldName), use(out.fieldValue), now;
        s << "INSERT OR IGNORE INTO case_terms (term, case_id, kind, field) VALUES (?, ?, ?, ?)",
            use(out.term), use(out.termCase), use(out.termKind), use(out.termField), now;
        if (!out.eventId.empty())
            s << "UPDATE events SET details = ? WHERE id = ?", use(out.eventDetails),
                use(out.eventId), now;
        if (!out.referralId.empty())
            s << "UPDATE referrals SET reason = ? WHERE id = ?", use(out.referralReason),
                use(out.referralId), now;
    });
}

void Writer::addUsers(int perRole) {
    crypto::PasswordHasher hasher;
    const std::string hash = hasher.hash(kBenchPassword);  // one salt: made-up users only
    const std::string created = core::formatRfc3339(std::chrono::system_clock::now());
    db_.withWriter([&](Poco::Data::Session& s) {
        for (const char* role :
             {"police", "justice", "union", "school", "social", "leader", "oversight", "admin"})
            for (int n = 1; n <= perRole; ++n) {
                std::string username = std::string("bench.") + role + "." + std::to_string(n),
                            r = role, h = hash, at = created;
                s << "INSERT OR IGNORE INTO users (commune, username, display_name, role, "
                     "password_hash, created_at, updated_at) VALUES ('HP', ?, ?, ?, ?, ?, ?)",
                    use(username), use(username), use(r), use(h), use(at), use(at), now;
            }
    });
}

void Writer::writeLists() {
    const std::string dir = dataDir_ + "/bench";
    std::filesystem::create_directories(dir);
    std::vector<std::string> usernames, roles;
    db_.withReader([&](Poco::Data::Session& s) {
        s << "SELECT username, role FROM users WHERE username LIKE 'bench.%' ORDER BY id",
            into(usernames), into(roles), now;
    });
    std::ofstream users(dir + "/users.txt");
    for (std::size_t i = 0; i < usernames.size(); ++i)
        users << usernames[i] << ' ' << kBenchPassword << ' ' << roles[i] << '\n';
    for (const char* agency : {"police", "justice", "union", "school"}) {
        std::vector<Poco::Int64> read, write;
        std::string a = agency;
        db_.withReader([&](Poco::Data::Session& s) {
            s << "SELECT case_id FROM stages WHERE agency = ? AND status IN ('active', "
                 "'completed') ORDER BY case_id",
                use(a), into(read), now;
            s << "SELECT s.case_id FROM stages s JOIN cases c ON c.id = s.case_id WHERE "
                 "s.agency = ? AND s.status = 'active' AND c.status <> 'closed' ORDER BY "
                 "s.case_id",
                use(a), into(write), now;
        });
        std::ofstream readOut(dir + "/read-" + a + ".txt"), writeOut(dir + "/write-" + a + ".txt");
        for (auto id : read) readOut << id << '\n';
        for (auto id : write) writeOut << id << '\n';
        if (a != "police") continue;
        std::ofstream names(dir + "/names.txt"), phones(dir + "/phones.txt");
        int written = 0;
        for (auto id : read) {
            const auto it = searchable_.find(id);
            if (it == searchable_.end() || dice_.chance(0.9)) continue;
            names << it->second.first << '\n';
            if (!it->second.second.empty()) phones << it->second.second << '\n';
            if (++written == 2000) break;
        }
    }
}

}  // namespace

void sealGeneratedCases(store::Database& db, const std::string& dataDir, std::int64_t afterId,
                        std::int64_t lastId, unsigned seed, int usersPerRole) {
    crypto::initialiseCrypto();
    const auto started = std::chrono::steady_clock::now();
    Writer writer(db, dataDir, seed);
    for (std::int64_t from = afterId; from < lastId; from += kChunk)
        writer.sealChunk(from, std::min(from + kChunk, lastId));
    writer.addUsers(usersPerRole);
    writer.writeLists();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf(
        "sealed cases %lld..%lld under %s/master.key, added users, wrote %s/bench/ "
        "in %.1f s\n",
        static_cast<long long>(afterId + 1), static_cast<long long>(lastId), dataDir.c_str(),
        dataDir.c_str(), seconds);
}

}  // namespace binhan::bench
