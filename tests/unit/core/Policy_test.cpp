// The access policy, cell by cell. The whole role × action × involvement grid and the field and
// timeline views are rendered as text and compared with tests/fixtures/policy-grid.txt, which is
// the reviewed statement of who may do what (DESIGN.md §1–2). Changing one cell fails this test;
// to change the policy on purpose, change the table in src/core/Policy.cpp, run
//   BINHAN_WRITE_POLICY_GRID=1 build/tests/unit_tests "[policy]"
// and review the diff of the fixture like code.
#include "core/Policy.h"

#include <algorithm>

#include "core/CaseJson.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace binhan::core;

namespace {

const std::vector<std::pair<std::string, CaseAccess>>& involvements() {
    static const std::vector<std::pair<std::string, CaseAccess>> list = {
        {"none", {}},
        {"referred", {StageView::Referred, false, false, false}},
        {"active", {StageView::Active, false, false, false}},
        {"completed", {StageView::Completed, false, false, false}},
        {"declined", {StageView::Declined, false, false, false}},
        {"protection", {StageView::None, true, false, false}},
        {"breakglass", {StageView::None, false, true, false}},
        {"recused", {StageView::Active, true, true, true}},
    };
    return list;
}

char letter(Decision d) {
    return d == Decision::Allow ? 'A' : d == Decision::Forbidden ? 'F' : 'H';
}

std::string renderGrid() {
    std::ostringstream out;
    out << "# Decisions: A allow, F forbidden (403), H hidden (404).\n"
           "# Columns per role: none referred active completed declined protection breakglass "
           "recused\n";
    for (Action action : allActions()) {
        out << actionName(action) << " [role-only: ";
        for (Role role : allRoles())
            out << roleName(role) << "=" << letter(decide(role, action)) << " ";
        out << "]\n";
        for (Role role : allRoles()) {
            out << "  " << roleName(role) << ": ";
            for (const auto& [name, access] : involvements())
                out << letter(decide(role, action, access));
            out << "\n";
        }
    }
    const std::vector<std::string> fields = {"survivor.full_name",
                                             "survivor.phone",
                                             "survivor.id_number",
                                             "survivor.village",
                                             "survivor.child",
                                             "perpetrators.full_name",
                                             "perpetrators.phone",
                                             "perpetrators.id_number",
                                             "incident.description",
                                             "incident.types",
                                             "risk",
                                             "flags",
                                             "consent",
                                             "safety_plan"};
    out << "# Fields shown (involvement: fields)\n";
    for (Role role : allRoles())
        for (const auto& [name, access] : involvements()) {
            out << roleName(role) << "/" << name << ":";
            for (const auto& f : fields)
                if (mayReadField(role, access, f)) out << " " << f;
            out << "\n";
        }
    out << "# Timeline events shown (author role of each type)\n";
    const std::vector<std::pair<std::string, Role>> events = {{"police.report", Role::Police},
                                                              {"justice.mediation", Role::Justice},
                                                              {"union.follow_up", Role::Union},
                                                              {"school.action", Role::School},
                                                              {"protection.request", Role::Union},
                                                              {"note", Role::Police},
                                                              {"note", Role::School}};
    for (Role role : allRoles())
        for (const auto& [name, access] : involvements()) {
            out << roleName(role) << "/" << name << ":";
            for (const auto& [type, author] : events)
                if (mayReadEvent(role, access, type, author))
                    out << " " << type << "(" << roleName(author) << ")";
            out << "\n";
        }
    return out.str();
}

}  // namespace

TEST_CASE("DESIGN.md §1-2: the policy grid is exactly the reviewed one", "[core][policy]") {
    const std::string path = std::string(BINHAN_SOURCE_DIR) + "/tests/fixtures/policy-grid.txt";
    const std::string grid = renderGrid();
    if (std::getenv("BINHAN_WRITE_POLICY_GRID")) std::ofstream(path) << grid;
    std::ifstream in(path);
    std::stringstream expected;
    expected << in.rdbuf();
    CHECK(grid == expected.str());
}

TEST_CASE("deny by default: a recused user gets 404 for every action of their role",
          "[core][policy]") {
    CaseAccess recused{StageView::Active, true, true, true};
    for (Role role : allRoles())
        for (Action action : allActions()) {
            INFO(roleName(role) << " " << actionName(action));
            // An action the role never has is refused at the route, whatever the case.
            CHECK(decide(role, action, recused) ==
                  (roleMay(role, action) ? Decision::Hidden : Decision::Forbidden));
        }
}

TEST_CASE(
    "issue 16: a referral not yet accepted leaves the case hidden from the receiving "
    "agency, which may only answer it",
    "[core][policy]") {
    CaseAccess referred{StageView::Referred, false, false, false};
    for (Role role : {Role::Police, Role::Justice, Role::Union, Role::School})
        for (Action action : allActions()) {
            INFO(roleName(role) << " " << actionName(action));
            const Decision d = decide(role, action, referred);
            if (action == Action::ReferralDecide || decide(role, action) == Decision::Allow)
                CHECK(d == Decision::Allow);
            else
                CHECK(d != Decision::Allow);
            CHECK((d != Decision::Forbidden || !roleMay(role, action)));  // never a 403 that tells
        }
}

TEST_CASE("API.md Events: a note by anyone who sees the case, also after its stage completed",
          "[core][policy]") {
    CaseAccess completed{StageView::Completed, false, false, false};
    CaseAccess request{StageView::None, true, false, false};
    for (Role role : {Role::Police, Role::Justice, Role::Union, Role::School}) {
        CHECK(decideEvent(role, "note", completed) == Decision::Allow);
        CHECK(decideEvent(role, "protection.request", completed) == Decision::Forbidden);
    }
    CHECK(decideEvent(Role::Leader, "note", request) == Decision::Allow);
    CHECK(decideEvent(Role::Leader, "protection.decision", request) == Decision::Allow);
    CHECK(decideEvent(Role::Leader, "note", CaseAccess{}) == Decision::Hidden);
}

TEST_CASE("deny by default as data: a field path or event type without a row is refused",
          "[core][policy]") {
    CaseAccess glass{StageView::None, false, true, false};
    CaseAccess active{StageView::Active, false, false, false};
    CHECK_FALSE(mayReadField(Role::Leader, glass, "survivor.new_field"));
    CHECK_FALSE(mayReadField(Role::Police, active, "no_such_field"));
    CHECK(decideEvent(Role::Police, "police.unknown", active) == Decision::Forbidden);
    // Every path the case JSON asks about has a row of its own: a field added to the case model
    // without a row is shown to nobody, and this test names it.
    const auto paths = policyFieldPaths();
    for (const auto& field : caseFieldPaths()) {
        INFO(field);
        CHECK(std::find(paths.begin(), paths.end(), field) != paths.end());
    }
}

TEST_CASE("issue 20 (with 16): the safety plan is never the school's", "[core][policy]") {
    for (auto stage : {StageView::Active, StageView::Completed}) {
        CaseAccess access{stage, false, false, false};
        CHECK_FALSE(mayReadField(Role::School, access, "safety_plan"));
        CHECK(mayReadField(Role::Union, access, "safety_plan"));
    }
}

TEST_CASE("a case not shared with an agency is hidden, never forbidden", "[core][policy]") {
    for (Role role : {Role::Police, Role::Justice, Role::Union, Role::School})
        for (Action a : {Action::CaseRead, Action::CaseUpdate, Action::EventAdd, Action::Export})
            CHECK(decide(role, a, CaseAccess{}) == Decision::Hidden);
}

TEST_CASE("school sees no perpetrator phone or ID number and no other agency's notes",
          "[core][policy]") {
    CaseAccess active{StageView::Active, false, false, false};
    CHECK_FALSE(mayReadField(Role::School, active, "perpetrators.id_number"));
    CHECK_FALSE(mayReadField(Role::School, active, "perpetrators.phone"));
    CHECK(mayReadField(Role::School, active, "perpetrators.full_name"));
    CHECK(mayReadField(Role::Police, active, "perpetrators.id_number"));
    CHECK_FALSE(mayReadEvent(Role::School, active, "note", Role::Police));
    CHECK(mayReadEvent(Role::School, active, "note", Role::School));
}

TEST_CASE("the leader on a protection request sees the incident and risk, not who",
          "[core][policy]") {
    CaseAccess request{StageView::None, true, false, false};
    CHECK(mayReadField(Role::Leader, request, "incident.description"));
    CHECK(mayReadField(Role::Leader, request, "risk"));
    CHECK_FALSE(mayReadField(Role::Leader, request, "survivor.full_name"));
    CHECK_FALSE(mayReadField(Role::Leader, request, "perpetrators.full_name"));
    CaseAccess glass{StageView::None, false, true, false};
    CHECK(mayReadField(Role::Leader, glass, "survivor.full_name"));
}
