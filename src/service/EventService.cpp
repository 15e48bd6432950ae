#include "service/EventService.h"

#include <Poco/JSON/Parser.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "core/Error.h"
#include "core/TimeFormat.h"
#include "core/workflow/EventRules.h"
#include "core/workflow/FollowUp.h"
#include "core/workflow/Protection.h"
#include "core/workflow/RiskScreen.h"
#include "core/workflow/Text.h"
#include "service/EventPlanner.h"
#include "service/Notices.h"
#include "service/WorkflowSupport.h"

namespace binhan::service {
namespace {

namespace wf = core::workflow;

// How far ahead of the server's clock an event's time may be (a clerk's watch runs fast).
constexpr auto kClockSkew = std::chrono::minutes(5);

core::TimePoint eventTime(const std::optional<std::string>& at, core::TimePoint now) {
    if (!at) return now;
    const auto parsed = core::parseRfc3339(*at);
    if (!parsed) throw core::Invalid("at", "Give the date and time, e.g. 2024-05-01T08:30:00Z.");
    if (*parsed > now + kClockSkew)
        throw core::Invalid("at", "The time of an event cannot be in the future.");
    return *parsed;
}

std::string detailsText(const Poco::JSON::Object& details) {
    std::ostringstream out;
    details.stringify(out);
    return out.str();
}

Poco::JSON::Object::Ptr detailsFrom(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

// Issue 20: who a decision was delivered to, and who still waits for it (Law 13/2022 art.
// 25(2)-(3)).
void addDeliveries(Poco::JSON::Object& protection, const store::ProtectionDecisionRow& d,
                   const store::ProtectionLedger& ledger) {
    Poco::JSON::Array::Ptr deliveries = new Poco::JSON::Array;
    std::set<std::string> delivered;
    for (const auto& delivery : ledger.deliveries) {
        if (delivery.decisionEvent != d.eventId) continue;
        auto item = jsonObject();
        item->set("party", delivery.party);
        item->set("event", delivery.eventId);
        item->set("at", delivery.deliveredAt);
        deliveries->add(item);
        delivered.insert(delivery.party);
    }
    Poco::JSON::Array::Ptr awaiting = new Poco::JSON::Array;
    for (const char* party :
         {"perpetrator", "survivor", "police_head", "village_head", "requester"})
        if (wf::deliveryPartyAllowed(d.granted, party) && !delivered.count(party))
            awaiting->add(std::string(party));
    protection.set("deliveries", deliveries);
    protection.set("awaiting", awaiting);
}

// The contact-prohibition state of a protection.* event, from the case's ledger.
void addProtection(Poco::JSON::Object& out, const store::EventRow& e,
                   const store::ProtectionLedger& ledger) {
    auto protection = jsonObject();
    const Poco::Dynamic::Var none;
    for (const auto& r : ledger.requests)
        if (r.eventId == e.id) {
            protection->set("deadline", r.deadline);
            protection->set("decision_event",
                            r.decisionEvent ? Poco::Dynamic::Var(r.decisionEvent) : none);
        }
    for (const auto& d : ledger.decisions)
        if (d.eventId == e.id) {
            protection->set("late", d.late);
            protection->set("revoke_event",
                            d.revokeEvent ? Poco::Dynamic::Var(d.revokeEvent) : none);
            addDeliveries(*protection, d, ledger);
        }
    if (protection->size() > 0) out.set("protection", protection);
}

// A protection measure is a legal act: a decision is revoked (Law 13/2022 art. 25), a request
// answered; neither is voided or rewritten afterwards. What records a fact about them — a
// delivery, a court's order — is put right like any entry (issue 20).
bool correctable(const std::string& type) {
    return type != "protection.request" && type != "protection.decision" &&
           type != "protection.revoke";
}

// Issue 20: a risk screen suggesting high or critical asks for a protection request next.
void addPrompt(Poco::JSON::Object& out, const std::string& type,
               const Poco::JSON::Object& details) {
    if (type != "risk.screen") return;
    const auto suggested = core::parseRisk(details.optValue<std::string>("suggested", ""));
    if (suggested && wf::promptsProtection(*suggested)) out.set("prompt", "protection.request");
}

// Issue 20: the fields of an entry's details the reader may not see (core::eventFieldTable:
// the shelter's location, only to the agency that arranged it) are taken out and named.
void withholdFields(Poco::JSON::Object& event, Poco::JSON::Object& details,
                    const store::EventRow& row, core::Role reader) {
    Poco::JSON::Array::Ptr withheld = new Poco::JSON::Array;
    std::vector<std::string> names;
    for (const auto& entry : details) names.push_back(entry.first);
    for (const auto& name : names)
        if (!core::mayReadEventField(reader, row.type, name, storedRole(row.authorRole))) {
            details.remove(name);
            withheld->add(name);
        }
    if (withheld->size() > 0) event.set("withheld", withheld);
}

// What the caller may do on one timeline entry (issue 16): mark a due item done when the
// table allows it, the caller's agency recorded it, and it is still open on an open case.
Poco::JSON::Array::Ptr eventActions(const store::EventRow& e, const core::Actor& actor,
                                    const core::CaseAccess& access, bool caseClosed) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    const bool own = e.authorRole == core::roleName(actor.role);
    if (caseClosed || !own || !e.voidedAt.empty()) return out;
    if (!e.due.empty() && e.doneAt.empty() &&
        core::decide(actor.role, core::Action::EventDone, access) == core::Decision::Allow)
        out->add("done");
    if (correctable(e.type) &&
        core::decide(actor.role, core::Action::EventCorrect, access) == core::Decision::Allow) {
        out->add("correct");
        out->add("void");
    }
    return out;
}

// API.md's event answer: {id, type, at, due?, done_at?, author:{id?, role}, details}.
Poco::JSON::Object::Ptr eventJson(const store::EventRow& e, const Poco::JSON::Object::Ptr& details,
                                  bool showAuthorId, const store::ProtectionLedger& ledger,
                                  core::TimePoint now) {
    auto out = jsonObject();
    out->set("id", e.id);
    out->set("type", e.type);
    out->set("at", e.at);
    if (!e.due.empty()) {
        out->set("due", e.due);
        out->set("due_state", wf::dueStateName(wf::dueState(e.due, !e.doneAt.empty(), now)));
    }
    if (!e.doneAt.empty()) out->set("done_at", e.doneAt);
    out->set("author", personJson(e.authorId, e.authorRole, showAuthorId));
    out->set("recorded_at", e.recordedAt);
    out->set("details", details);
    addProtection(*out, e, ledger);
    if (e.corrects != 0) out->set("corrects", e.corrects);
    return out;
}

// Issue 19: how a voided entry is marked: when, by whom (as the author is shown), why, and the
// correction that replaced it.
void addVoid(Poco::JSON::Object& out, const store::EventRow& e, const std::string& reason,
             bool showAuthorId) {
    if (e.voidedAt.empty()) return;
    auto voided = jsonObject();
    voided->set("at", e.voidedAt);
    voided->set("by", personJson(e.voidedBy, e.authorRole, showAuthorId));
    voided->set("reason", reason);
    out.set("voided", voided);
    if (e.supersededBy != 0) out.set("superseded_by", e.supersededBy);
}

}  // namespace

EventService::EventService(store::CaseRepository& cases, store::EventRepository& events,
                           const CaseSealer& sealer, const core::Clock& clock)
    : cases_(cases), events_(events), sealer_(sealer), clock_(clock), guard_(cases, clock) {}

Poco::JSON::Object::Ptr EventService::add(const core::Actor& actor, std::int64_t caseId,
                                          const EventInput& input) {
    // One statement for the decision and the case key (issue 18).
    const auto guarded = guard_.readIf(actor, caseId, core::Action::EventAdd);
    const core::CaseAccess& access = guarded.access;
    const auto key = sealer_.unwrap(guarded.read.row);
    const auto now = clock_.now();
    store::ProtectionLedger added;  // the new event's own protection rows, for the answer
    const auto at = eventTime(input.at, now);
    Poco::JSON::Object::Ptr detailsPtr = input.details;  // a risk screen adds its suggestion
    Poco::JSON::Object& details = *detailsPtr;
    const auto row = events_.add(
        caseId,
        [&](const store::CaseState& state, const store::ProtectionLedger& ledger, std::int64_t id) {
            const auto facts = factsOf(state);
            wf::checkEvent(facts, actor.role, wf::accessWithStage(facts, actor.role, access),
                           input.type, details, input.due, wf::vietnamDate(at));
            store::EventWrite write;
            store::EventRow& e = write.event;
            e.id = id;
            e.caseId = caseId;
            e.type = input.type;
            e.at = timeText(at);
            e.recordedAt = timeText(now);
            e.authorId = actor.userId;
            e.authorRole = core::roleName(actor.role);
            if (input.due) e.due = core::formatDate(*core::parseDate(*input.due));
            planProtection(details, ledger, actor, at, now, write);
            planCaseMeasures(details, state, write);
            e.details = sealer_.seal(key, caseId, store::sealedFieldName("event", id, "details"),
                                     detailsText(details));
            write.measures = measuresOf(*wf::findEventType(input.type), details);
            write.caseStatus = wf::caseStatusName(wf::statusAfterEvent(facts.status, input.type));
            // A new event is neither decided nor revoked yet: what the answer shows of its
            // protection is what this write stores, so it is not read back.
            added = {};
            if (write.request) added.requests.push_back(*write.request);
            if (write.decision) added.decisions.push_back(*write.decision);
            planEventNotices(write);
            return write;
        });
    spdlog::info("event {} ({}) added to case {} by user {}", row.id, row.type, caseId,
                 actor.userId);
    auto answer = eventJson(row, input.details, true, added, now);
    addPrompt(*answer, row.type, details);
    return answer;
}

EventPage EventService::list(const core::Actor& actor, std::int64_t caseId, std::int64_t afterId,
                             int limit) {
    const auto access = guard_.require(actor, caseId, core::Action::EventList);
    // The chair on a protection request sees the protection history, not who did what (§2).
    const bool showAuthorIds = core::mayReadField(actor.role, access, "timeline.author_id");
    std::vector<store::EventRow> visible;
    for (auto& row : events_.list(caseId))
        if (row.id > afterId &&
            core::mayReadEvent(actor.role, access, row.type, storedRole(row.authorRole)))
            visible.push_back(std::move(row));
    EventPage page;
    page.items = new Poco::JSON::Array;
    if (static_cast<int>(visible.size()) > limit) {
        visible.resize(static_cast<std::size_t>(limit));
        page.nextCursor = visible.back().id;
    }
    if (visible.empty()) return page;
    const auto caseRow = cases_.find(caseId);  // one read for the key and the status
    if (!caseRow || caseRow->dataKey.empty()) throw core::NotFound("No such case.");
    const auto key = sealer_.unwrap(*caseRow);
    const bool closed = caseRow->status == "closed";
    const auto ledger = events_.protection(caseId);
    const auto now = clock_.now();
    for (const auto& row : visible) {
        const auto field = store::sealedFieldName("event", row.id, "details");
        auto details = detailsFrom(sealer_.open(key, caseId, field, row.details));
        auto json = eventJson(row, details, showAuthorIds, ledger, now);
        withholdFields(*json, *details, row, actor.role);
        if (!row.voidedAt.empty()) {
            const auto reasonField = store::sealedFieldName("event", row.id, "void_reason");
            addVoid(*json, row, sealer_.open(key, caseId, reasonField, row.voidReason),
                    showAuthorIds);
        }
        json->set("allowed_actions", eventActions(row, actor, access, closed));
        page.items->add(json);
    }
    return page;
}

Poco::JSON::Object::Ptr EventService::markDone(const core::Actor& actor, std::int64_t caseId,
                                               std::int64_t eventId) {
    guard_.require(actor, caseId, core::Action::EventDone);
    const auto now = clock_.now();
    const auto row = events_.markDone(
        caseId, eventId, [&](const store::CaseState& state, const store::EventRow& event) {
            if (event.authorRole != core::roleName(actor.role))
                throw core::Forbidden("Only " + wf::agencyLabel(storedRole(event.authorRole)) +
                                      " can mark this item done.");
            wf::checkWritable(factsOf(state).status);
            if (event.due.empty())
                throw core::Conflict("not_due_item",
                                     "This event has no due date, so there is nothing to mark "
                                     "done.");
            if (!event.doneAt.empty())
                throw core::Conflict("already_done", "This item was already marked done.");
            if (!event.voidedAt.empty())
                throw core::Conflict("already_voided", "This entry was voided; nothing is due.");
            store::EventRow updated = event;
            updated.doneAt = timeText(now);
            updated.doneBy = actor.userId;
            return updated;
        });
    spdlog::info("event {} of case {} marked done by user {}", eventId, caseId, actor.userId);
    const auto key = caseKey(cases_, sealer_, caseId);
    const auto field = store::sealedFieldName("event", row.id, "details");
    return eventJson(row, detailsFrom(sealer_.open(key, caseId, field, row.details)), true,
                     events_.protection(caseId), now);
}

store::EventVoid EventService::planVoid(const core::Actor& actor, const store::CaseState& state,
                                        const store::EventRow& event, const std::string& reason,
                                        const crypto::SecretBytes& key, core::TimePoint now) const {
    if (event.authorRole != core::roleName(actor.role))
        throw core::Forbidden("Only " + wf::agencyLabel(storedRole(event.authorRole)) +
                              " can correct or void this entry.");
    wf::checkWritable(factsOf(state).status);
    if (!correctable(event.type))
        throw core::Conflict("not_correctable",
                             "A protection measure is not voided or rewritten: a decision is "
                             "revoked (Law 13/2022 art. 25).");
    if (!event.voidedAt.empty())
        throw core::Conflict("already_voided", "This entry was already voided or corrected.");
    wf::checkText("reason", reason, "reason");
    store::EventVoid v;
    v.at = timeText(now);
    v.by = actor.userId;
    v.reason = sealer_.seal(key, event.caseId,
                            store::sealedFieldName("event", event.id, "void_reason"), reason);
    return v;
}

Poco::JSON::Object::Ptr EventService::voidEvent(const core::Actor& actor, std::int64_t caseId,
                                                std::int64_t eventId, const std::string& reason) {
    const auto guarded = guard_.readIf(actor, caseId, core::Action::EventCorrect);
    const auto key = sealer_.unwrap(guarded.read.row);
    const auto now = clock_.now();
    const auto row = events_.voidEvent(
        caseId, eventId, [&](const store::CaseState& state, const store::EventRow& event) {
            return planVoid(actor, state, event, reason, key, now);
        });
    spdlog::info("event {} of case {} voided by user {}", eventId, caseId, actor.userId);
    const auto field = store::sealedFieldName("event", row.id, "details");
    auto json = eventJson(row, detailsFrom(sealer_.open(key, caseId, field, row.details)), true,
                          events_.protection(caseId), now);
    addVoid(*json, row, reason, true);
    return json;
}

Poco::JSON::Object::Ptr EventService::correct(const core::Actor& actor, std::int64_t caseId,
                                              std::int64_t eventId, const EventInput& correction,
                                              const std::string& reason) {
    const auto guarded = guard_.readIf(actor, caseId, core::Action::EventCorrect);
    const auto key = sealer_.unwrap(guarded.read.row);
    const auto now = clock_.now();
    Poco::JSON::Object::Ptr detailsPtr = correction.details;
    Poco::JSON::Object& details = *detailsPtr;
    // Read before the write: the ledger a corrected delivery is checked against, and whether
    // the entry is the latest standing risk screen (only that one sets the case's level).
    const auto ledger = events_.protection(caseId);
    std::int64_t latestScreen = 0;
    for (const auto& e : events_.list(caseId))
        if (e.type == "risk.screen" && e.voidedAt.empty()) latestScreen = e.id;
    const auto row = events_.correct(
        caseId, eventId,
        [&](const store::CaseState& state, const store::EventRow& old, std::int64_t id) {
            auto voidOld = planVoid(actor, state, old, reason, key, now);
            // The correction restates the same happening: the old entry's type and time, its
            // details and due date checked as a new entry's (EventRules.h checkCorrection).
            const auto at = *core::parseRfc3339(old.at);
            wf::checkCorrection(*wf::findEventType(old.type), details, correction.due,
                                wf::vietnamDate(at));
            store::EventWrite write;
            store::EventRow& e = write.event;
            e.id = id;
            e.caseId = caseId;
            e.type = old.type;
            e.at = old.at;
            e.recordedAt = timeText(now);
            e.authorId = actor.userId;
            e.authorRole = core::roleName(actor.role);
            if (correction.due) e.due = core::formatDate(*core::parseDate(*correction.due));
            checkCorrectedMeasure(details, ledger, old.type, old.id, now);
            // A corrected risk screen restates the level it suggests, and sets the case's when
            // no later screen has.
            if (old.type == "risk.screen") {
                planCaseMeasures(details, state, write);
                if (old.id != latestScreen) write.caseRisk.clear();
            }
            if (!e.due.empty()) {  // a visit made stays made: the correction restates it
                e.doneAt = old.doneAt;
                e.doneBy = old.doneBy;
            }
            e.details = sealer_.seal(key, caseId, store::sealedFieldName("event", id, "details"),
                                     detailsText(details));
            write.measures = measuresOf(*wf::findEventType(old.type), details);
            return std::make_pair(write, voidOld);
        });
    spdlog::info("event {} of case {} corrected by event {} (user {})", eventId, caseId, row.id,
                 actor.userId);
    return eventJson(row, correction.details, true, {}, now);
}

}  // namespace binhan::service
