#include "app/DemoSeeder.h"

#include <Poco/JSON/Parser.h>

#include <iomanip>
#include <ostream>
#include <vector>

#include "app/Runtime.h"
#include "core/Error.h"
#include "core/TimeFormat.h"
#include "crypto/SecureRandom.h"
#include "store/AuditContext.h"

namespace binhan::app {
namespace {

const char* kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"};
const char* kWomen[] = {"Thị Hoa", "Thị Lan", "Thị Mai", "Thị Hằng",
                        "Thị Thu", "Thị Nga", "Thị Yến", "Thị Hương"};
const char* kMen[] = {"Văn Nam", "Văn Hùng", "Văn Dũng", "Văn Long", "Văn Tuấn", "Văn Bình"};
const char* kVillages[] = {"Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung"};
const char* kTypes[] = {"physical", "psychological", "economic", "sexual", "neglect"};
const char* kRisks[] = {"low", "medium", "high", "critical"};
const char* kRelations[] = {"spouse", "former_spouse", "partner", "parent", "other_relative"};

Poco::JSON::Object::Ptr parse(const std::string& json) {
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::string demoCase(int i, bool child) {
    const std::string name = std::string(kFamily[i % 10]) + " " + kWomen[i % 8];
    const std::string man = std::string(kFamily[(i + 3) % 10]) + " " + kMen[i % 6];
    const int birth = child ? 2012 - i % 5 : 1965 + (i * 7) % 40;
    const std::string types =
        std::string("\"") + kTypes[i % 5] + "\"" +
        (i % 2 ? (i % 5 == 1 ? std::string(",\"economic\"") : std::string(",\"psychological\""))
               : "");
    std::ostringstream phone;
    phone << "09" << std::setw(8) << std::setfill('0') << (10000000 + i * 7919 % 89999999);
    return std::string(R"({"survivor":{"full_name":")") + name +
           R"(","sex":"female","birth_year":)" + std::to_string(birth) + R"(,"village":")" +
           kVillages[i % 5] + R"(","phone":")" + phone.str() +
           R"("},"perpetrators":[{"full_name":")" + man + R"(","sex":"male","relationship":")" +
           (child ? "parent" : kRelations[i % 5]) + R"("}],"incident":{"date":"2026-)" +
           (i % 9 < 9 ? "0" : "") + std::to_string(1 + i % 9) + "-" + std::to_string(10 + i % 18) +
           R"(","village":")" + kVillages[i % 5] + R"(","place":"home","types":[)" + types +
           R"j(],"description":"Vụ việc mẫu để thử nghiệm (dữ liệu giả)."},"risk":")j" +
           kRisks[i % 4] + R"(","consent":{"given":true,"given_by":")" +
           (child ? "guardian" : "survivor") +
           R"(","agencies":["police","justice","union","school"],"statistics":true},"flags":{"crime":)" +
           (i % 11 == 0 ? "true" : "false") + R"(,"administrative_sanction":false}})";
}

core::Actor actorOf(const service::UserView& user, const std::string& commune) {
    return core::Actor{user.id, user.username, user.displayName, user.role, commune, 0, false};
}

service::EventInput event(const std::string& type, const std::string& details,
                          std::optional<std::string> due = {}) {
    return service::EventInput{type, std::nullopt, parse(details), std::move(due)};
}

// One case's story, chosen by its number so the demo covers every stage and state.
void playCase(Runtime& rt, int i, const std::map<core::Role, core::Actor>& who) {
    using core::Role;
    static const Role openers[] = {Role::Union, Role::Police, Role::School, Role::Justice};
    const Role opener = openers[i % 4];
    const bool child = i % 7 == 3;
    const auto created = rt.cases().create(who.at(opener), *parse(demoCase(i, child)));
    const auto id = created->getValue<std::int64_t>("id");
    auto& flow = rt.workflow();
    if (opener != Role::Police && i % 3 != 2) {
        const auto referral = flow.referrals().refer(
            who.at(opener), id, {"police", "Đề nghị xác minh, xử lý", false, true});
        if (i % 6 != 5) {
            flow.referrals().accept(who.at(Role::Police), referral->getValue<std::int64_t>("id"));
            flow.events().add(
                who.at(Role::Police), id,
                event("police.report",
                      R"j({"channel":"in_person","summary":"Tiếp nhận tin báo (mẫu)"})j"));
        }
    }
    if (opener == Role::Union || i % 5 == 0) {
        if (opener != Role::Union)
            flow.referrals().refer(who.at(opener), id,
                                   {"union", "Đề nghị hỗ trợ, theo dõi", false, true});
        else
            flow.events().add(who.at(Role::Union), id,
                              event("union.follow_up", R"j({"summary":"Thăm hỏi (mẫu)"})j",
                                    i % 2 ? "2026-01-15" : "2030-06-01"));
    }
    if (i % 6 == 1)
        flow.events().add(
            who.at(opener), id,
            event(
                "protection.request",
                R"j({"measure":"no_contact","requested_by":"survivor","summary":"Đề nghị cấm tiếp xúc (mẫu)"})j"));
    if (i % 10 == 9) {  // a finished case: every stage completed, closed by the chair
        auto kase = rt.cases().get(who.at(opener), id);
        for (const auto& [agency, track] : *kase->getObject("stages")) {
            const auto status =
                track.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("status");
            if (status == "active")
                flow.workflow().completeStage(who.at(*core::parseRole(agency)), id, agency,
                                              "Hoàn thành (mẫu)");
        }
        rt.cases().breakGlass(who.at(Role::Leader), id, "Kiểm tra hồ sơ mẫu trước khi đóng");
        const std::string risk = kRisks[i % 4];
        if (risk == "high" || risk == "critical") {  // issue 20: the chair approves first
            const auto request = flow.events().add(
                who.at(opener), id,
                event("closure.request", R"j({"reason":"An toàn ổn định (mẫu)"})j"));
            flow.events().add(who.at(Role::Leader), id,
                              event("closure.decision",
                                    R"({"request_event":)" +
                                        std::to_string(request->getValue<std::int64_t>("id")) +
                                        R"(,"approved":true})"));
        }
        flow.workflow().close(who.at(Role::Leader), id, "Đã giải quyết (mẫu)", "resolved");
    }
}

}  // namespace

int seedDemo(const Config& config, std::ostream& out) {
    Runtime rt(config);
    if (rt.caseCount() > 0)
        throw std::runtime_error(
            "--demo is refused: this data dir already holds cases (demo data never mixes with real "
            "data)");
    store::AuditContext audit;
    audit.role = "console";
    audit.action = "demo.seed";
    store::AuditScope scope(&audit);
    const std::string commune = config.string("commune.code");
    std::map<core::Role, core::Actor> who;
    out << "\nDemo commune (made-up data). Users, with passwords shown only this once:\n";
    for (core::Role role : core::allRoles()) {
        if (role == core::Role::Admin) continue;
        const std::string password = crypto::randomToken(12);
        const auto user =
            rt.users().create({"demo." + core::roleName(role), password, core::roleName(role),
                               "Cán bộ mẫu (" + core::roleName(role) + ")"});
        who[role] = actorOf(user, commune);
        out << "  " << std::left << std::setw(16) << user.username << "  " << password << "\n";
    }
    int made = 0;
    for (int i = 0; i < 30; ++i) {
        try {
            playCase(rt, i, who);
            ++made;
        } catch (const core::Error& e) {
            out << "  (demo case " << i << " stopped early: " << e.what() << ")\n";
        }
    }
    out << made << " made-up cases seeded.\n";
    return 0;
}

}  // namespace binhan::app
