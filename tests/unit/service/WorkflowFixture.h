#pragma once
// A real case + workflow stack (store, services) on a temporary SQLite database with a manual
// clock, for the service tests of issue 5: the clock moves, the rules and the transactions are
// the production ones.
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/Actor.h"
#include "core/Clock.h"
#include "core/Error.h"
#include "core/TimeFormat.h"
#include "crypto/KeyRing.h"
#include "crypto/SecureRandom.h"
#include "fixtures/people.h"
#include "service/CaseSealer.h"
#include "service/CaseService.h"
#include "service/WorkflowServices.h"
#include "store/CaseRepository.h"
#include "store/Database.h"
#include "store/Migrator.h"
#include "store/UserRepository.h"

namespace binhan::testing {

using Json = Poco::JSON::Object::Ptr;

inline Json parseJson(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

struct WorkflowFixture {
    std::string path;
    // 2024-05-02 08:00 in Vietnam.
    core::ManualClock clock{*core::parseRfc3339("2024-05-02T01:00:00Z")};
    crypto::KeyRing ring;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::UserRepository> users;
    std::unique_ptr<store::CaseRepository> caseRepository;
    std::unique_ptr<service::CaseSealer> sealer;
    std::unique_ptr<service::CaseService> cases;
    std::unique_ptr<service::WorkflowServices> workflow;

    WorkflowFixture() {
        static int counter = 0;
        path = (std::filesystem::temp_directory_path() /
                ("binhan-workflow-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
                 ".db"))
                   .string();
        crypto::initialiseCrypto();
        ring = crypto::newKeyRing();
        db = std::make_unique<store::Database>(store::DatabaseSettings{path, 2, 1000});
        store::Migrator(store::embeddedSchemaFiles()).migrate(*db);
        users = std::make_unique<store::UserRepository>(*db);
        caseRepository = std::make_unique<store::CaseRepository>(*db);
        sealer = std::make_unique<service::CaseSealer>(ring);
        cases = std::make_unique<service::CaseService>(*caseRepository, *users, *sealer, clock,
                                                       "HP", 60);
        workflow =
            std::make_unique<service::WorkflowServices>(*db, *caseRepository, *sealer, clock);
    }
    ~WorkflowFixture() {
        workflow.reset();
        cases.reset();
        db.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }

    // A user of `role` (no password: these tests never sign in).
    core::Actor actor(const std::string& username, core::Role role) {
        store::NewUser user{"HP", username, "Cán bộ thử nghiệm",
                            role, "unused", "2024-01-01T00:00:00Z"};
        core::Actor a;
        a.userId = users->insert(user, "Xã Hòa Phong");
        a.username = username;
        a.role = role;
        a.commune = "HP";
        return a;
    }

    std::int64_t openCase(const core::Actor& opener, const std::string& body) {
        return cases->create(opener, *parseJson(body))->getValue<std::int64_t>("id");
    }

    Json addEvent(const core::Actor& who, std::int64_t caseId, const std::string& body) {
        const auto json = parseJson(body);
        service::EventInput input;
        input.type = json->getValue<std::string>("type");
        if (json->has("at")) input.at = json->getValue<std::string>("at");
        if (json->has("due")) input.due = json->getValue<std::string>("due");
        input.details = json->has("details") ? json->getObject("details") : parseJson("{}");
        return workflow->events().add(who, caseId, input);
    }

    Json refer(const core::Actor& who, std::int64_t caseId, const std::string& to,
               bool mandatory = false, std::optional<bool> informed = std::nullopt) {
        service::ReferralInput input{to, "Cần hỗ trợ thêm", mandatory, informed};
        return workflow->referrals().refer(who, caseId, input);
    }

    Json consent(const core::Actor& who, std::int64_t caseId, bool given, const std::string& by,
                 std::vector<std::string> agencies) {
        service::ConsentInput input{given, by, std::move(agencies), std::nullopt,
                                    "Người bị bạo lực đồng ý lại"};
        return workflow->workflow().recordConsent(who, caseId, input);
    }

    std::string stageOf(const core::Actor& who, std::int64_t caseId, const std::string& agency) {
        const auto stages = cases->get(who, caseId)->getObject("stages");
        return stages->has(agency) ? stages->getObject(agency)->getValue<std::string>("status")
                                   : "";
    }

    // Runs raw SQL on the database file (to look at what is stored) and returns the first
    // column of each row as text.
    std::vector<std::string> rawColumn(const std::string& sql);
};

inline std::vector<std::string> WorkflowFixture::rawColumn(const std::string& sql) {
    std::vector<std::string> out;
    db->withReader([&](Poco::Data::Session& s) {
        Poco::Data::Statement st(s);
        st << sql;
        st.execute();
        Poco::Data::RecordSet rs(st);
        for (std::size_t r = 0; r < rs.rowCount(); ++r) {
            const auto v = rs.value(0, r);
            out.push_back(v.isEmpty() ? std::string() : v.convert<std::string>());
        }
    });
    return out;
}

// "conflict/stage_transition", "invalid@details.ends", "forbidden", "not_found", "ok".
inline std::string outcomeOf(const std::function<void()>& call) {
    try {
        call();
    } catch (const core::Error& e) {
        std::string out;
        switch (e.kind()) {
            case core::ErrorKind::Invalid:
                out = "invalid";
                break;
            case core::ErrorKind::Forbidden:
                out = "forbidden";
                break;
            case core::ErrorKind::NotFound:
                out = "not_found";
                break;
            case core::ErrorKind::Conflict:
                out = "conflict/" + e.code();
                break;
            default:
                out = "other/" + e.code();
        }
        if (!e.field().empty()) out += "@" + e.field();
        return out;
    }
    return "ok";
}

}  // namespace binhan::testing
