// How many SQL statements the hottest requests execute (issue 18). A case read was 15-20
// statements, each prepared anew; these pins make a change that adds one visible here, where
// it can be weighed, rather than in a benchmark weeks later. Counted by SQLite's own trace hook
// on the database's connections (store::Database::statementsRun): Poco's statements and
// store::Query's alike, transaction control included, triggers' inner statements not.
#include <catch2/catch.hpp>

#include "WorkflowFixture.h"
#include "store/SessionRepository.h"

using namespace binhan;
using binhan::testing::Json;
using binhan::testing::WorkflowFixture;

namespace {

// Opening a case (fixtures::adultCaseJson): the commune's villages (issue 19), BEGIN, SAVEPOINT,
// the next id and number, the case row, its perpetrators, its sealed fields, its search terms (one
// statement each, however many rows), the opening agency's stage, the consent record (next id,
// insert, the case's consent columns), the case's report facts after the write (none are read
// before: the case is new), the count rows they change (one upsert), RELEASE, COMMIT; then the
// answer's one read.
constexpr std::uint64_t kOpeningStatements = 17;
// A note: the case read that decides it and gives the case key; then BEGIN, SAVEPOINT, the
// case's state with its stages, its report facts before, its protection ledger (requests,
// decisions, and since issue 20 the deliveries of the decisions), the next event id, the event, the
// case's status, the facts after (a note changes none, so no count is written), RELEASE, COMMIT;
// the answer reads nothing more.
constexpr std::uint64_t kNoteStatements = 14;

// Statements `work` ran on the fixture's database.
template <typename Work>
std::uint64_t statementsOf(WorkflowFixture& f, Work&& work) {
    const auto before = f.db->statementsRun();
    work();
    return f.db->statementsRun() - before;
}

}  // namespace

TEST_CASE("a case read is one statement: involvement, case, stages, sealed fields, consent",
          "[store][statements]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", core::Role::Union);
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson());
    Json answer;
    CHECK(statementsOf(f, [&] { answer = f.cases->get(hoa, caseId); }) == 1);
    // …and that one statement brought everything the answer shows.
    CHECK(answer->getObject("survivor")->getValue<std::string>("full_name") == "Nguyễn Thị Hoà");
    CHECK(answer->getObject("stages")->getObject("union")->getValue<std::string>("status") ==
          "active");
    CHECK(answer->getObject("consent")->has("recorded_at"));
    CHECK(answer->getArray("perpetrators")->size() == 1);

    // A closed case: the closure comes in the same statement.
    f.workflow->workflow().completeStage(hoa, caseId, "union", "Đã hỗ trợ xong");
    f.workflow->workflow().close(hoa, caseId, "Gia đình đã chuyển đi nơi khác", "moved_away");
    CHECK(statementsOf(f, [&] { answer = f.cases->get(hoa, caseId); }) == 1);
    CHECK(answer->getValue<std::string>("closure_reason") == "Gia đình đã chuyển đi nơi khác");
}

TEST_CASE("a signed-in request finds its session and user in one statement",
          "[store][statements]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", core::Role::Union);
    store::SessionRepository sessions(*f.db);
    const std::vector<std::uint8_t> token(32, 7), csrf(32, 9);
    sessions.create({token, csrf, hoa.userId, false, 100, 100 + 3600}, {});
    std::optional<std::pair<store::SessionRecord, store::UserRecord>> found;
    CHECK(statementsOf(f, [&] { found = sessions.findWithUser(token); }) == 1);
    REQUIRE(found);
    CHECK(found->second.username == "canbo.hoa");
    CHECK(found->first.csrfHash == csrf);
}

TEST_CASE("opening a case and adding an event execute a pinned number of statements",
          "[store][statements]") {
    WorkflowFixture f;
    const auto hoa = f.actor("canbo.hoa", core::Role::Union);
    f.openCase(hoa, fixtures::adultCaseJson("Trần Thị Mai"));  // warm: the commune's first case
    CHECK(statementsOf(f, [&] { f.openCase(hoa, fixtures::adultCaseJson()); }) ==
          kOpeningStatements);
    // The rows behind those few statements, as stored: many rows, one statement each kind.
    CHECK(f.rawColumn("SELECT COUNT(*) FROM case_fields WHERE case_id = 2") ==
          std::vector<std::string>{"10"});
    CHECK(f.rawColumn("SELECT COUNT(*) FROM case_terms WHERE case_id = 2") ==
          std::vector<std::string>{"12"});
    const auto caseId = f.openCase(hoa, fixtures::adultCaseJson("Lê Thị Lan"));
    CHECK(statementsOf(f, [&] {
              f.addEvent(hoa, caseId, R"({"type":"note","details":{"text":"Đã gọi điện"}})");
          }) == kNoteStatements);
}
