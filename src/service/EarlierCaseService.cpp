#include "service/EarlierCaseService.h"
#include "core/TextFold.h"

#include <map>

#include "core/Error.h"
#include "core/Policy.h"
#include "core/TimeFormat.h"
#include "service/Notices.h"
#include "service/WorkflowSupport.h"
#include "store/AuditContext.h"
#include "store/WorkflowRecords.h"

namespace binhan::service {
namespace {

void describe(const std::string& detail) {
    if (auto* audit = store::AuditContext::current()) audit->detail = detail;
}

std::string requireReason(const std::string& reason) {
    const std::string why = core::trimmed(reason);
    if (why.size() < 5) throw core::Invalid("reason", "Give a reason (at least 5 characters).");
    return why;
}

bool isAgency(const std::string& name) {
    return name == "police" || name == "justice" || name == "union" || name == "school";
}

}  // namespace

Poco::JSON::Object::Ptr earlierRequestJson(const store::EarlierRequestRow& row, bool holder,
                                           bool seesAskingCase) {
    auto out = jsonObject();
    out->set("id", row.id);
    out->set("status", row.status);
    out->set("from_agency", row.fromAgency);
    // The asking case's code only to a reader who may see that case (need to know).
    if (seesAskingCase) out->set("from_case_code", row.fromCaseCode);
    out->set("agency", row.agency);
    if (holder) {  // the earlier case is the holder's own; never shown to the asker
        out->set("case_id", row.caseId);
        out->set("case_code", row.caseCode);
    }
    out->set("created_at", row.requestedAt);
    if (!row.decidedAt.empty()) out->set("decided_at", row.decidedAt);
    return out;
}

EarlierCaseService::EarlierCaseService(store::Database& db, store::CaseRepository& cases,
                                       ReferralService& referrals, const CaseSealer& sealer,
                                       const core::Clock& clock)
    : earlier_(db),
      cases_(cases),
      referrals_(referrals),
      sealer_(sealer),
      clock_(clock),
      guard_(cases, clock) {}

Poco::JSON::Object::Ptr EarlierCaseService::heldBy(
    const std::vector<store::EarlierMatch>& matches, const core::Actor& actor,
    const std::vector<store::EarlierRequestRow>& asked) const {
    std::map<std::string, std::string> since;  // agency → earliest stage start
    for (const auto& m : matches) {
        if (m.agency == core::roleName(actor.role)) continue;  // its own cases it sees already
        auto& first = since[m.agency];
        if (first.empty() || m.since < first) first = m.since;
    }
    Poco::JSON::Array::Ptr held = new Poco::JSON::Array;
    for (const auto& [agency, at] : since) {
        auto item = jsonObject();
        item->set("agency", agency);
        item->set("since", at.substr(0, 7));  // the month only: nothing to find the case by
        bool requested = false;
        for (const auto& r : asked) requested = requested || r.agency == agency;
        item->set("requested", requested);
        held->add(item);
    }
    describe("matches " + std::to_string(held->size()));
    auto out = jsonObject();
    out->set("possible", held->size() > 0);
    out->set("held_by", held);
    return out;
}

bool EarlierCaseService::seesCase(const core::Actor& actor, std::int64_t caseId) const {
    try {
        return core::seesCase(actor.role, guard_.accessOf(actor, caseId));
    } catch (const core::Error&) {
        return false;
    }
}

Poco::JSON::Object::Ptr EarlierCaseService::check(const core::Actor& actor,
                                                  const SurvivorIdentifiers& survivor) {
    if (core::decide(actor.role, core::Action::EarlierCheck) != core::Decision::Allow)
        throw core::Forbidden("Your role may not check for earlier cases.");
    const auto& index = sealer_.blindIndex();
    const store::SurvivorTerms terms{index.fullName(survivor.fullName), index.phone(survivor.phone),
                                     index.idNumber(survivor.idNumber)};
    if (terms.fullName.empty() && terms.phone.empty() && terms.idNumber.empty())
        throw core::Invalid("survivor", "Give the survivor's full name, phone or ID number.");
    auto out = heldBy(earlier_.matching(actor.commune, terms, 0), actor, {});
    // Before the case exists nothing was asked: "requested" means nothing here.
    const auto held = out->getArray("held_by");
    for (std::size_t i = 0; i < held->size(); ++i) held->getObject(i)->remove("requested");
    return out;
}

Poco::JSON::Object::Ptr EarlierCaseService::forCase(const core::Actor& actor, std::int64_t caseId) {
    guard_.require(actor, caseId, core::Action::CaseRead);
    return heldBy(earlier_.matchingCase(caseId), actor, earlier_.requestsFrom(caseId));
}

Poco::JSON::Object::Ptr EarlierCaseService::request(const core::Actor& actor, std::int64_t caseId,
                                                    const std::string& agency) {
    guard_.require(actor, caseId, core::Action::EarlierRequest);  // before any check of the body
    if (!isAgency(agency)) throw core::Invalid("agency", "Name an agency.");
    if (agency == core::roleName(actor.role))
        throw core::Invalid("agency", "Your own agency's cases are yours to see.");
    store::EarlierRequestRow row;
    row.fromCaseId = caseId;
    row.fromAgency = core::roleName(actor.role);
    row.agency = agency;
    row.requestedBy = actor.userId;
    row.requestedAt = core::formatRfc3339(clock_.now());
    int matched = 0, added = 0;
    for (const auto& m : earlier_.matchingCase(caseId)) {
        if (m.agency != agency || !m.active) continue;  // only an agency working it can answer
        ++matched;
        row.caseId = m.caseId;
        added +=
            earlier_.addRequest(row, noticeToAgency("earlier.request", m.caseId, agency)) ? 1 : 0;
    }
    if (matched == 0)
        throw core::Error(core::ErrorKind::NotFound, "no_match",
                          "That agency works no possible earlier case of this survivor now; "
                          "the chair can link the cases.");
    if (added == 0) throw core::Conflict("already_requested", "That agency was asked already.");
    for (const auto& r : earlier_.requestsFrom(caseId))
        if (r.agency == agency) return earlierRequestJson(r, false, true);
    throw core::NotFound("No such request.");
}

Poco::JSON::Object::Ptr EarlierCaseService::incoming(const core::Actor& actor) {
    if (core::decide(actor.role, core::Action::EarlierIncoming) != core::Decision::Allow)
        throw core::Forbidden("Your role receives no requests to refer.");
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : earlier_.waitingFor(core::roleName(actor.role), actor.commune)) {
        // The agency works the case, but this user may be recused from it: then it is not hers.
        if (core::decide(actor.role, core::Action::EarlierAnswer,
                         guard_.accessOf(actor, row.caseId)) != core::Decision::Allow)
            continue;
        items->add(earlierRequestJson(row, true, seesCase(actor, row.fromCaseId)));
    }
    auto out = jsonObject();
    out->set("items", items);
    return out;
}

store::EarlierRequestRow EarlierCaseService::ownRequest(const core::Actor& actor,
                                                        std::int64_t requestId) const {
    const auto row = earlier_.request(requestId);
    if (!row || row->agency != core::roleName(actor.role)) throw core::NotFound("No such request.");
    if (auto* audit = store::AuditContext::current()) audit->caseId = row->caseId;
    guard_.require(actor, row->caseId, core::Action::EarlierAnswer);  // works the earlier case
    if (row->status != "waiting") throw core::Conflict("answered", "The request was answered.");
    return *row;
}

Poco::JSON::Object::Ptr EarlierCaseService::accept(const core::Actor& actor, std::int64_t requestId,
                                                   const std::string& reason) {
    const auto row = ownRequest(actor, requestId);
    ReferralInput referral;
    referral.to = row.fromAgency;
    referral.reason = requireReason(reason);
    const auto referred = referrals_.refer(actor, row.caseId, referral);  // consent rules apply
    const auto at = core::formatRfc3339(clock_.now());
    earlier_.decide(requestId, "accepted", actor.userId, at, {},
                    noticeToUser("earlier.answer", row.fromCaseId, row.requestedBy));
    earlier_.link(row.caseId, row.fromCaseId, actor.userId, at);
    auto out =
        earlierRequestJson(*earlier_.request(requestId), true, seesCase(actor, row.fromCaseId));
    out->set("referral", referred);
    return out;
}

Poco::JSON::Object::Ptr EarlierCaseService::decline(const core::Actor& actor,
                                                    std::int64_t requestId,
                                                    const std::string& reason) {
    const auto row = ownRequest(actor, requestId);
    const std::string why = requireReason(reason);
    const auto caseRow = cases_.find(row.caseId);
    if (!caseRow) throw core::NotFound("No such request.");
    const auto key = sealer_.unwrap(*caseRow);
    const auto sealed =
        sealer_.seal(key, row.caseId, store::sealedFieldName("earlier", requestId, "reason"), why);
    earlier_.decide(requestId, "declined", actor.userId, core::formatRfc3339(clock_.now()), sealed,
                    noticeToUser("earlier.answer", row.fromCaseId, row.requestedBy));
    return earlierRequestJson(*earlier_.request(requestId), true, seesCase(actor, row.fromCaseId));
}

Poco::JSON::Object::Ptr EarlierCaseService::link(const core::Actor& actor, std::int64_t caseId,
                                                 const std::string& otherCode) {
    guard_.require(actor, caseId, core::Action::CaseLink);  // before any check of the body
    if (core::trimmed(otherCode).empty())
        throw core::Invalid("case", "Give the other case's code.");
    const auto other = earlier_.caseByCode(actor.commune, core::trimmed(otherCode));
    if (!other) throw core::Error(core::ErrorKind::NotFound, "not_found", "No such case.");
    if (*other == caseId) throw core::Invalid("case", "A case is not linked to itself.");
    guard_.require(actor, *other, core::Action::CaseLink);  // he must see both
    earlier_.link(caseId, *other, actor.userId, core::formatRfc3339(clock_.now()));
    auto out = jsonObject();
    out->set("linked_cases", linkedVisible(actor, caseId));
    return out;
}

Poco::JSON::Array::Ptr EarlierCaseService::linkedVisible(const core::Actor& actor,
                                                         std::int64_t caseId) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& [id, code] : earlier_.linked(caseId)) {
        if (!seesCase(actor, id)) continue;
        auto item = jsonObject();
        item->set("id", id);
        item->set("code", code);
        out->add(item);
    }
    return out;
}

}  // namespace binhan::service
