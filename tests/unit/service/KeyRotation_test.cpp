// Master key rotation at the service level (issue 9): case keys move to the new version in
// batches, an interrupted run resumes, every case stays readable throughout, the old version is
// retired only when no case key uses it, and search (blind index from the root) still works.
#include "service/KeyRotationService.h"

#include <catch2/catch.hpp>

#include "WorkflowFixture.h"
#include "crypto/KeyRingFile.h"
#include "crypto/LiveKeyRing.h"

using namespace binhan;
using namespace binhan::testing;
namespace fs = std::filesystem;

namespace {

struct Interrupted : std::runtime_error {
    Interrupted() : std::runtime_error("interrupted") {}
};

struct RotationFixture : WorkflowFixture {
    std::string keyFile = path + ".key";
    store::KeyRotationRepository repo{*db};
    core::Actor hoa = actor("canbo.hoa", core::Role::Union);
    std::vector<std::int64_t> ids;

    RotationFixture() {
        crypto::KeyRingFile::save(keyFile, ring);
        for (int i = 0; i < 5; ++i)
            ids.push_back(openCase(hoa, fixtures::adultCaseJson("Lê Thị Mai " + std::to_string(i),
                                                                "091234567" + std::to_string(i))));
    }
    ~RotationFixture() {
        fs::remove(keyFile);
        fs::remove(keyFile + ".lock");
    }

    service::RotationResult rotate(int batch, int stopAfterBatches = -1) {
        service::KeyRotationService rotation(*db, repo, {keyFile, batch});
        int batches = 0;
        return rotation.rotate([&](const service::RotationProgress&) {
            if (++batches == stopAfterBatches) throw Interrupted();
        });
    }

    // Reads every case as a process started now would: with the key file as it is.
    void requireAllReadable() {
        service::CaseSealer fresh(crypto::LiveKeyRing::fromFile(keyFile));
        service::CaseService reader(*caseRepository, *users, fresh, clock, "HP", 60);
        for (const auto id : ids) {
            INFO("case " << id);
            CHECK(reader.get(hoa, id)
                      ->getObject("survivor")
                      ->getValue<std::string>("full_name")
                      .rfind("Lê Thị Mai", 0) == 0);
        }
        service::CaseListQuery query;
        query.q = "0912345673";
        query.limit = 10;
        CHECK(reader.list(hoa, query).items->size() == 1);  // the blind index still matches
    }
};

}  // namespace

TEST_CASE("a rotation re-wraps every case key and retires the old version",
          "[service][keys][rotation]") {
    RotationFixture f;
    const auto result = f.rotate(2);
    CHECK_FALSE(result.resumed);
    CHECK(result.version == 2);
    CHECK(result.rewrapped == 5);
    CHECK(result.retired == std::vector<std::uint32_t>{1});
    CHECK(f.repo.countByVersion() == std::map<std::uint32_t, std::int64_t>{{2, 5}});
    const auto file = crypto::KeyRingFile::load(f.keyFile);
    CHECK(file.rootIsDerivationOnly());
    CHECK_FALSE(file.has(1));
    f.requireAllReadable();
    // The next rotation starts afresh and removes version 2 altogether.
    const auto next = f.rotate(500);
    CHECK(next.version == 3);
    CHECK(next.retired == std::vector<std::uint32_t>{2});
    CHECK(crypto::KeyRingFile::load(f.keyFile).keys().size() == 1);
    f.requireAllReadable();
}

TEST_CASE("an interrupted rotation leaves every case readable and resumes where it stopped",
          "[service][keys][rotation]") {
    RotationFixture f;
    CHECK_THROWS_AS(f.rotate(2, 1), Interrupted);  // stopped after the first batch of two
    CHECK(f.repo.countByVersion() == std::map<std::uint32_t, std::int64_t>{{1, 3}, {2, 2}});
    CHECK(crypto::KeyRingFile::load(f.keyFile).keys().size() == 2);  // nothing retired yet
    f.requireAllReadable();
    const auto result = f.rotate(2);
    CHECK(result.resumed);
    CHECK(result.version == 2);  // no third version: the same rotation goes on
    CHECK(result.rewrapped == 3);
    CHECK(result.retired == std::vector<std::uint32_t>{1});
    f.requireAllReadable();
}

TEST_CASE("a version still wrapping a case key is never retired", "[service][keys][rotation]") {
    RotationFixture f;
    // A wrapped key that no longer authenticates cannot be re-wrapped; its version must stay.
    f.db->withWriter([&](Poco::Data::Session& s) {
        Poco::Int64 id = f.ids[2];
        s << "UPDATE cases SET data_key = zeroblob(61) WHERE id = ?", Poco::Data::Keywords::use(id),
            Poco::Data::Keywords::now;
    });
    const auto result = f.rotate(500);
    CHECK(result.unreadable == std::vector<std::int64_t>{f.ids[2]});
    CHECK(result.retired.empty());
    CHECK(result.stillUsed == std::map<std::uint32_t, std::int64_t>{{1, 1}});
    CHECK(crypto::KeyRingFile::load(f.keyFile).has(1));
}

TEST_CASE("an erased case's destroyed key is not brought back by a rotation",
          "[service][keys][rotation]") {
    RotationFixture f;
    f.caseRepository->erase(f.ids[0], "2024-05-02T01:00:00Z");
    const auto result = f.rotate(500);
    CHECK(result.rewrapped == 4);
    CHECK(f.rawColumn("SELECT COUNT(*) FROM cases WHERE data_key IS NULL") ==
          std::vector<std::string>{"1"});
    CHECK(result.retired == std::vector<std::uint32_t>{1});
}

TEST_CASE("two rotations at once: the second is refused", "[service][keys][rotation]") {
    RotationFixture f;
    crypto::KeyRingLock held(f.keyFile);
    CHECK_THROWS_AS(f.rotate(500), core::Error);
    CHECK(crypto::KeyRingFile::load(f.keyFile).keys().size() == 1);  // nothing changed
}
