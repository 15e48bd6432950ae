#include "service/CaseService.h"

#include <Poco/String.h>

#include <spdlog/spdlog.h>

#include <typeinfo>

#include "core/CaseJson.h"
#include "core/CaseValidation.h"
#include "core/Error.h"
#include "core/TimeFormat.h"
#include "core/workflow/CaseActions.h"
#include "service/CaseMapper.h"
#include "service/WorkflowSupport.h"
#include "store/AuditContext.h"

namespace binhan::service {
namespace {

Poco::JSON::Object::Ptr object() {
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Poco::JSON::Array::Ptr array(const std::vector<std::string>& items) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    for (const auto& item : items) out->add(item);
    return out;
}

// A correction's updated_at: now, to the millisecond, and always later than the one it replaces,
// so `based_on` tells every two versions apart even within one second (issue 16).
std::string nextUpdatedAt(core::TimePoint now, const std::string& previous) {
    const auto before = core::parseRfc3339(previous);
    if (before && now <= *before) now = *before + std::chrono::milliseconds(1);
    return core::formatRfc3339Millis(now);
}

// What lists and search results show of a case: never a name (DESIGN.md §2).
Poco::JSON::Object::Ptr summary(const store::CaseRow& row) {
    auto item = object();
    item->set("id", row.id);
    item->set("code", row.code);
    item->set("village", row.incidentVillage);
    item->set("types", array(row.types));
    item->set("risk", row.risk);
    item->set("status", row.status);
    item->set("stages", stagesJson(row.stages));
    item->set("created_at", row.createdAt);
    item->set("updated_at", row.updatedAt);
    return item;
}

// The consent record's who and when (DESIGN.md §2 "consent is a record"); a case opened before
// consent records existed shows its opening.
void addConsentRecord(Poco::JSON::Object& consent, const store::CaseRow& row,
                      const std::optional<store::ConsentRecordRow>& record) {
    consent.set("recorded_at", record ? record->recordedAt : row.createdAt);
    auto by = object();
    by->set("id", record ? record->recordedBy : row.openedBy);
    by->set("role", record ? record->recordedRole : row.openedAgency);
    consent.set("recorded_by", by);
}

// What the caller may do now and why not (API.md additions; issue 16), and the field view in
// force: the browser shows exactly these. Refusals go out as codes here; the HTTP layer words
// them in the request's language.
void addAllowedActions(Poco::JSON::Object& json, const store::CaseRow& row, core::Role role,
                       const core::CaseAccess& access) {
    const auto actions = core::workflow::caseActions(role, access, factsOf(row));
    json.set("allowed_actions", array(actions.allowed));
    auto codes = object();
    for (const auto& [action, code] : actions.refusals) codes->set(action, code);
    json.set("refusal_codes", codes);
    json.set("mandatory_referrals", array(actions.mandatoryReferrals));
    std::vector<std::string> fields;
    for (const auto& field : core::policyFieldPaths())
        if (core::mayReadField(role, access, field)) fields.push_back(field);
    json.set("field_view", array(fields));
}

}  // namespace

Poco::JSON::Object::Ptr stagesJson(const std::vector<store::StageRow>& stages) {
    auto out = object();
    for (const auto& stage : stages) {
        auto track = object();
        track->set("status", stage.status);
        track->set("since", stage.since);
        if (!stage.reason.empty()) track->set("reason", stage.reason);
        out->set(stage.agency, track);
    }
    return out;
}

CaseService::CaseService(store::CaseRepository& cases, store::UserRepository& users,
                         const CaseSealer& sealer, const core::Clock& clock, std::string commune,
                         int breakGlassMinutes)
    : cases_(cases),
      users_(users),
      sealer_(sealer),
      clock_(clock),
      guard_(cases, clock),
      commune_(std::move(commune)),
      breakGlassMinutes_(breakGlassMinutes) {}

store::SealedCase CaseService::sealCase(std::int64_t caseId, const core::CaseInput& input,
                                        const crypto::SecretBytes& key,
                                        const crypto::WrappedKey& wrapped) const {
    store::SealedCase sealed = sealAll(caseId, input, key);
    sealed.dataKey = wrapped.blob;
    sealed.dataKeyVersion = wrapped.masterVersion;
    return sealed;
}

store::CaseRow CaseService::load(std::int64_t caseId) {
    auto row = cases_.find(caseId);
    if (!row || row->dataKey.empty()) throw core::NotFound("No such case.");
    return *row;
}

core::CaseInput CaseService::openCase(const store::CaseRow& row, const crypto::SecretBytes& key) {
    return openSealed(row, key, cases_.sealedFields(row.id));
}

core::CaseInput CaseService::openSealed(const store::CaseRow& row, const crypto::SecretBytes& key,
                                        std::map<std::string, store::Blob> sealed) const {
    for (auto it = sealed.begin(); it != sealed.end();)  // notes on the case are not case fields
        it = it->first.rfind("meta.", 0) == 0 ? sealed.erase(it) : std::next(it);
    return caseFromStored(row, sealer_.openAll(key, row.id, sealed));
}

store::SealedCase CaseService::sealAll(std::int64_t caseId, const core::CaseInput& input,
                                       const crypto::SecretBytes& key) const {
    store::SealedCase sealed;
    for (const auto& [field, value] : sealedValues(input))
        sealed.fields[field] = sealer_.seal(key, caseId, field, value);
    addSearchTerms(input, sealer_.blindIndex(), sealed);
    return sealed;
}

Poco::JSON::Object::Ptr CaseService::view(
    const store::CaseRow& row, const core::CaseInput& input, core::Role role,
    const core::CaseAccess& access, const std::optional<store::ConsentRecordRow>& consent) const {
    auto json = object();
    json->set("id", row.id);
    json->set("code", row.code);
    json->set("status", row.status);
    auto fields = core::caseInputToJson(
        input, [&](const std::string& field) { return core::mayReadField(role, access, field); });
    for (const auto& [name, value] : *fields) json->set(name, value);
    if (json->has("consent")) addConsentRecord(*json->getObject("consent"), row, consent);
    json->set("child", row.child);
    json->set("stages", stagesJson(row.stages));
    json->set("created_at", row.createdAt);
    json->set("updated_at", row.updatedAt);
    if (!row.closedAt.empty()) json->set("closed_at", row.closedAt);  // reason: see get()
    if (!row.closedAt.empty() && !row.closureReason.empty())
        json->set("closure_reason_code", row.closureReason);  // a code, not the sealed text
    addAllowedActions(*json, row, role, access);
    return json;
}

Poco::JSON::Object::Ptr CaseService::create(const core::Actor& actor,
                                            const Poco::JSON::Object& body) {
    if (core::decide(actor.role, core::Action::CaseCreate) != core::Decision::Allow)
        throw core::Forbidden("Only the police, justice, Women's Union and schools open cases.");
    const auto now = clock_.now();
    const core::CaseInput input = core::parseCaseInput(body, vietnamToday(now));
    store::CaseRow draft;
    draft.commune = actor.commune.empty() ? commune_ : actor.commune;
    checkVillages(users_.villages(draft.commune), input, nullptr);
    draft.status = "open";
    draft.openedBy = actor.userId;
    draft.openedAgency = core::roleName(actor.role);
    draft.createdAt = core::formatRfc3339(now);
    fillPlainColumns(input, draft);
    const int year = std::stoi(vietnamToday(now).substr(0, 4));
    const auto id = cases_.create(draft, year, [&](std::int64_t caseId, const std::string&) {
        if (auto* audit = store::AuditContext::current())
            audit->caseId = caseId;  // same transaction
        auto [key, wrapped] = sealer_.newKey(caseId);
        return sealCase(caseId, input, key, wrapped);
    });
    spdlog::info("case {} opened by user {} ({})", id, actor.userId, core::roleName(actor.role));
    const auto [access, read] = guard_.readOf(actor, id);  // one statement (issue 18)
    return view(read.row, input, actor.role, access, read.workflow.consent);
}

Poco::JSON::Object::Ptr CaseService::get(const core::Actor& actor, std::int64_t caseId) {
    // One statement: the involvement the decision needs and the case it shows (issue 18).
    const auto [access, read] = guard_.readIf(actor, caseId, core::Action::CaseRead);
    const auto& row = read.row;
    const auto key = sealer_.unwrap(row);
    auto json =
        view(row, openSealed(row, key, read.sealed), actor.role, access, read.workflow.consent);
    // The closure reason is free text, sealed with its status change (schema/004_workflow.sql).
    const auto& closure = read.workflow.closure;
    if (closure && core::mayReadField(actor.role, access, "closure_reason"))
        json->set(
            "closure_reason",
            sealer_.open(key, caseId, store::sealedFieldName("case_status", closure->id, "reason"),
                         closure->reason));
    return json;
}

namespace {

// The case code a search asks for ("hp-2026-0034" → "HP-2026-0034"), or nullopt when `q` is
// not shaped like one: COMMUNE-YEAR-NUMBER as CaseRepository::create writes them (1-16 letters
// or digits, 4 digits, at least 4 digits).
std::optional<std::string> caseCodeOf(const std::string& q) {
    const std::string code = Poco::toUpper(Poco::trim(q));
    const auto first = code.find('-');
    const auto second = first == std::string::npos ? first : code.find('-', first + 1);
    if (second == std::string::npos || first == 0 || first > 16 || second != first + 5 ||
        code.size() < second + 5)
        return std::nullopt;
    const auto all = [&](std::size_t from, std::size_t to, bool letters) {
        for (std::size_t i = from; i < to; ++i) {
            const char c = code[i];
            if (!((c >= '0' && c <= '9') || (letters && c >= 'A' && c <= 'Z'))) return false;
        }
        return true;
    };
    if (!all(0, first, true) || !all(first + 1, second, false) ||
        !all(second + 1, code.size(), false))
        return std::nullopt;
    return code;
}

// One page of the list: at most `limit` rows, and the cursor when there were more.
CaseListPage pageOf(std::vector<store::CaseRow> rows, int limit) {
    CaseListPage page;
    page.items = new Poco::JSON::Array;
    if (static_cast<int>(rows.size()) > limit) {
        rows.resize(static_cast<std::size_t>(limit));
        page.nextCursor = rows.back().id;
    }
    for (const auto& row : rows) page.items->add(summary(row));
    return page;
}

}  // namespace

CaseListPage CaseService::list(const core::Actor& actor, const CaseListQuery& query) {
    if (core::decide(actor.role, core::Action::CaseList) != core::Decision::Allow)
        throw core::Forbidden("Your role does not work with cases.");
    store::CaseFilter filter;
    filter.status = query.status;
    filter.stage = query.stage;
    filter.risk = query.risk;
    filter.beforeId = query.beforeId;
    filter.limit = query.limit + 1;
    if (query.mine) filter.involvedUser = actor.userId;
    // Issue 19: an officer finds a case by the code on its papers. A text shaped like a code may
    // also be a dashed phone number (024-3826-1234): when no visible case has that code, it is
    // searched as a phone, a name or an ID number.
    if (const auto code = caseCodeOf(query.q)) {
        filter.code = *code;
        auto rows =
            cases_.listVisible(caseScope(actor, core::Action::CaseRead, clock_.now()), filter);
        if (!rows.empty() || query.beforeId > 0) return pageOf(rows, query.limit);
        filter.code.clear();
    }
    if (!query.q.empty()) {
        const auto terms = sealer_.blindIndex().termsForQuery(query.q);
        if (terms.empty())
            throw core::Invalid("q", "Search for a case code, name, phone number or ID number.");
        filter.search = true;
        filter.anyTerms = terms.anyOf;
        filter.allWords = terms.allOf;
    }
    // The list holds the cases the caller may read, found by the terms the caller may read.
    return pageOf(
        cases_.listVisible(caseScope(actor, core::Action::CaseRead, clock_.now()), filter),
        query.limit);
}

Poco::JSON::Object::Ptr CaseService::update(const core::Actor& actor, std::int64_t caseId,
                                            const Poco::JSON::Object& patch,
                                            const std::optional<std::string>& basedOn) {
    const auto known = guard_.accessOf(actor, caseId);
    const auto before = load(caseId);
    // A closed case has no active stage, so the table would refuse every correction with 403;
    // the agencies that worked it are told why instead (issue 16: 409 "the case is closed").
    if (before.status == "closed" && core::seesCase(actor.role, known) &&
        core::decide(actor.role, core::Action::CaseUpdate, known) == core::Decision::Forbidden &&
        core::relationOf(actor.role, known) == core::Relation::CompletedStage)
        throw core::Conflict("closed", "The case is closed; reopen it before changing it.");
    guard_.require(actor, caseId, core::Action::CaseUpdate);
    const auto key = sealer_.unwrap(before);
    const auto now = clock_.now();
    const auto villages = users_.villages(before.commune);  // read outside the write
    core::CaseInput input;
    core::CaseAccess access = known;
    // Decided inside the write transaction (issue 16): the case as it is at the commit decides,
    // so a close or another correction committed in between is never silently overwritten.
    const auto written = cases_.correct(
        caseId,
        [&](const store::CaseRow& current, const std::map<std::string, store::Blob>& sealedNow) {
            access = core::workflow::accessWithStage(factsOf(current), actor.role, known);
            if (core::decide(actor.role, core::Action::CaseUpdate, access) != core::Decision::Allow)
                throw core::Forbidden("Your agency no longer has an active stage on this case.");
            if (current.status == "closed")
                throw core::Conflict("closed", "The case is closed; reopen it before changing it.");
            if (basedOn && *basedOn != current.updatedAt)
                throw core::Conflict("stale",
                                     "The case was changed by someone else since you opened it; "
                                     "reload it and make your correction again.");
            input = openSealed(current, key, sealedNow);
            const core::CaseInput before = input;
            core::applyCasePatch(input, patch, vietnamToday(now));
            checkVillages(villages, input, &before);
            store::CaseRow row = current;
            fillPlainColumns(input, row);
            row.updatedAt = nextUpdatedAt(now, current.updatedAt);
            return std::make_pair(row, sealAll(caseId, input, key));
        });
    spdlog::info("case {} corrected by user {}", caseId, actor.userId);
    return view(written, input, actor.role, access, cases_.workflowSummary(caseId).consent);
}

void CaseService::checkVillages(const std::vector<std::string>& villages,
                                const core::CaseInput& input, const core::CaseInput* before) {
    if (villages.empty()) return;  // none configured: free text
    const auto check = [&](const std::string& village, const std::string* was, const char* field) {
        if (was && *was == village) return;  // unchanged: a list set later blocks no correction
        if (std::find(villages.begin(), villages.end(), village) == villages.end())
            throw core::Invalid(field, std::string(field) +
                                           " must be one of the commune's villages "
                                           "(GET /api/v1/villages).");
    };
    check(input.survivor.village, before ? &before->survivor.village : nullptr, "survivor.village");
    check(input.incident.village, before ? &before->incident.village : nullptr, "incident.village");
}

int CaseService::reindexSearchTerms() {
    int done = 0;
    std::int64_t after = 0;
    for (;;) {
        const auto batch = cases_.casesWithUnfieldedTerms(after, 200);
        if (batch.empty()) return done;
        for (const auto caseId : batch) {
            after = caseId;
            try {
                const auto row = cases_.find(caseId);
                store::SealedCase terms;  // an erased case keeps none: nothing to find
                if (row && !row->dataKey.empty())
                    addSearchTerms(openCase(*row, sealer_.unwrap(*row)), sealer_.blindIndex(),
                                   terms);
                cases_.replaceTerms(caseId, terms.terms);
                ++done;
            } catch (const std::exception& e) {  // one unreadable case must not stop the rest
                spdlog::error("could not re-index the search terms of case {}: {}", caseId,
                              typeid(e).name());
            }
        }
    }
}

Poco::JSON::Object::Ptr CaseService::breakGlass(const core::Actor& actor, std::int64_t caseId,
                                                const std::string& reason) {
    guard_.require(actor, caseId, core::Action::BreakGlass);
    if (reason.size() < 10)
        throw core::Invalid("reason", "Give a reason of at least 10 characters.");
    const auto row = load(caseId);
    const auto startsAt = unixSeconds(clock_.now());
    const auto endsAt = startsAt + breakGlassMinutes_ * 60;
    const auto id = cases_.addBreakGlass(caseId, actor.userId, startsAt, endsAt);
    cases_.putSealedField(
        caseId, "meta.break_glass." + std::to_string(id) + ".reason",
        sealer_.seal(sealer_.unwrap(row), caseId,
                     "meta.break_glass." + std::to_string(id) + ".reason", reason));
    spdlog::warn("BREAK-GLASS: user {} opened emergency access to case {} for {} min", actor.userId,
                 caseId, breakGlassMinutes_);
    auto answer = object();
    answer->set("case_id", caseId);
    answer->set("code", row.code);
    answer->set("ends_at", core::formatRfc3339(core::TimePoint(std::chrono::seconds(endsAt))));
    return answer;
}

Poco::JSON::Object::Ptr CaseService::recuse(const core::Actor& actor, std::int64_t caseId,
                                            std::optional<std::int64_t> userId,
                                            const std::string& reason) {
    const std::int64_t target = userId.value_or(actor.userId);
    if (target != actor.userId &&
        core::decide(actor.role, core::Action::RecuseOthers) != core::Decision::Allow)
        throw core::Forbidden("Only the commune chair may recuse another user.");
    guard_.require(actor, caseId, core::Action::Recuse);
    if (reason.empty())
        throw core::Invalid("reason", "Say why (e.g. a relative or neighbour of a party).");
    if (!users_.findById(target)) throw core::Invalid("user_id", "No such user.");
    const auto row = load(caseId);
    const std::string field = "meta.recusal." + std::to_string(target) + ".reason";
    cases_.putSealedField(caseId, field, sealer_.seal(sealer_.unwrap(row), caseId, field, reason));
    cases_.addRecusal(caseId, target, actor.userId, core::formatRfc3339(clock_.now()));
    spdlog::info("user {} recused from case {} by user {}", target, caseId, actor.userId);
    auto answer = object();
    answer->set("case_id", caseId);
    answer->set("user_id", target);
    answer->set("recused_at", core::formatRfc3339(clock_.now()));
    return answer;
}

}  // namespace binhan::service
