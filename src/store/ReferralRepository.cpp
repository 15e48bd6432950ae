#include "store/ReferralRepository.h"

#include "core/Error.h"
#include "store/CaseRepository.h"
#include "store/ReportCounts.h"
#include "store/Sql.h"
#include "store/WorkflowSql.h"

using namespace Poco::Data::Keywords;

namespace binhan::store {
namespace {

const char* kReferralColumns =
    "SELECT r.id, r.case_id, c.code, r.from_agency, r.to_agency, r.referred_by, r.referred_at, "
    "r.mandatory, COALESCE(r.survivor_informed, -1), r.consent_covered, r.status, "
    "COALESCE(r.decided_by, 0), COALESCE(r.decided_at, ''), r.reason, "
    "COALESCE(r.decline_reason, x''), c.risk, c.child, c.incident_village, c.types, c.status "
    "FROM referrals r JOIN cases c ON c.id = r.case_id AND c.data_key IS NOT NULL ";

struct Columns {
    std::vector<Poco::Int64> id, caseId, referredBy, decidedBy;
    std::vector<std::string> code, from, to, referredAt, status, decidedAt, risk, village, types,
        caseStatus;
    std::vector<int> mandatory, informed, covered, child;
    std::vector<Poco::Data::BLOB> reason, declineReason;
};

std::vector<IncomingReferralRow> rowsOf(const Columns& c) {
    std::vector<IncomingReferralRow> out;
    for (std::size_t i = 0; i < c.id.size(); ++i) {
        IncomingReferralRow row;
        ReferralRow& r = row.referral;
        r.id = c.id[i];
        r.caseId = c.caseId[i];
        r.caseCode = c.code[i];
        r.fromAgency = c.from[i];
        r.toAgency = c.to[i];
        r.referredBy = c.referredBy[i];
        r.referredAt = c.referredAt[i];
        r.mandatory = c.mandatory[i] != 0;
        if (c.informed[i] >= 0) r.survivorInformed = c.informed[i] != 0;
        r.consentCovered = c.covered[i] != 0;
        r.status = c.status[i];
        r.decidedBy = c.decidedBy[i];
        r.decidedAt = c.decidedAt[i];
        r.reason = shared::fromBlob(c.reason[i]);
        r.declineReason = shared::fromBlob(c.declineReason[i]);
        row.risk = c.risk[i];
        row.child = c.child[i] != 0;
        row.village = c.village[i];
        row.types = splitList(c.types[i]);
        row.caseStatus = c.caseStatus[i];
        out.push_back(std::move(row));
    }
    return out;
}

// Runs kReferralColumns + `where` with the given parameters.
template <typename... Params>
std::vector<IncomingReferralRow> selectReferrals(Poco::Data::Session& s, const std::string& where,
                                                 Params&... params) {
    Columns c;
    Poco::Data::Statement st(s);
    st << sql(s, std::string(kReferralColumns) + where);
    (st, ..., use(params));
    st, into(c.id), into(c.caseId), into(c.code), into(c.from), into(c.to), into(c.referredBy),
        into(c.referredAt), into(c.mandatory), into(c.informed), into(c.covered), into(c.status),
        into(c.decidedBy), into(c.decidedAt), into(c.reason), into(c.declineReason), into(c.risk),
        into(c.child), into(c.village), into(c.types), into(c.caseStatus);
    st.execute();
    return rowsOf(c);
}

std::optional<ReferralRow> findIn(Poco::Data::Session& s, std::int64_t referralId) {
    Poco::Int64 id = referralId;
    auto rows = selectReferrals(s, "WHERE r.id = ?", id);
    if (rows.empty()) return std::nullopt;
    return rows[0].referral;
}

void insertReferral(Poco::Data::Session& s, const ReferralRow& r) {
    Poco::Int64 id = r.id, caseId = r.caseId, by = r.referredBy;
    std::string from = r.fromAgency, to = r.toAgency, at = r.referredAt, status = r.status;
    int mandatory = r.mandatory ? 1 : 0, covered = r.consentCovered ? 1 : 0,
        informed = r.survivorInformed ? (*r.survivorInformed ? 1 : 0) : -1;
    auto reason = shared::toBlob(r.reason);
    s << sql(
        s,
        "INSERT INTO referrals (id, case_id, from_agency, to_agency, referred_by, referred_at, "
        "mandatory, survivor_informed, consent_covered, status, reason) VALUES (?, ?, ?, ?, ?, ?, "
        "?, NULLIF(?, -1), ?, ?, ?)"),
        use(id), use(caseId), use(from), use(to), use(by), use(at), use(mandatory), use(informed),
        use(covered), use(status), use(reason), now;
}

}  // namespace

ReferralRow ReferralRepository::create(std::int64_t caseId, const DecideReferral& decide) {
    ReferralRow stored;
    db_.withWriter([&](Poco::Data::Session& s) {
        const CaseState state = shared::loadCaseState(s, caseId);
        shared::ReportCountsUpdate counts(s, caseId);
        const std::int64_t id = shared::nextId(s, "referrals");
        ReferralWrite write = decide(state, id);
        write.referral.id = id;
        write.referral.caseId = caseId;
        write.referral.caseCode = state.code;
        insertReferral(s, write.referral);
        shared::putStage(s, caseId, write.stage);
        for (auto notice : write.notices) {
            notice.caseId = caseId;
            shared::queueNotice(s, notice, write.at);
        }
        shared::touchCase(s, caseId, write.at);
        counts.apply();
        stored = write.referral;
    });
    return stored;
}

ReferralRow ReferralRepository::answer(std::int64_t referralId, const DecideAnswer& decide) {
    ReferralRow stored;
    db_.withWriter([&](Poco::Data::Session& s) {
        auto referral = findIn(s, referralId);
        if (!referral) throw core::NotFound("No such referral.");
        const CaseState state = shared::loadCaseState(s, referral->caseId);
        shared::ReportCountsUpdate counts(s, referral->caseId);
        const ReferralAnswer answer = decide(state, *referral);
        Poco::Int64 id = referralId, by = answer.decidedBy;
        std::string status = answer.status, at = answer.decidedAt;
        auto declineReason = shared::toBlob(answer.declineReason);
        s << sql(
            s,
            "UPDATE referrals SET status = ?, decided_by = ?, decided_at = ?, decline_reason = "
            "NULLIF(?, x'') WHERE id = ? AND status = 'waiting'"),
            use(status), use(by), use(at), use(declineReason), use(id), now;
        shared::putStage(s, referral->caseId, answer.stage);
        shared::setCaseStatus(s, referral->caseId, answer.caseStatus, at);
        counts.apply();
        referral->status = answer.status;
        referral->decidedBy = answer.decidedBy;
        referral->decidedAt = answer.decidedAt;
        referral->declineReason = answer.declineReason;
        stored = *referral;
    });
    return stored;
}

std::optional<ReferralRow> ReferralRepository::find(std::int64_t referralId) {
    std::optional<ReferralRow> found;
    db_.withReader([&](Poco::Data::Session& s) { found = findIn(s, referralId); });
    return found;
}

std::vector<IncomingReferralRow> ReferralRepository::waitingFor(const std::string& agency,
                                                                const std::string& commune,
                                                                std::int64_t userId,
                                                                std::int64_t afterId, int limit) {
    std::vector<IncomingReferralRow> out;
    db_.withReader([&](Poco::Data::Session& s) {
        std::string to = agency, place = commune;
        Poco::Int64 user = userId, after = afterId;
        int max = limit;
        out = selectReferrals(s,
                              "WHERE r.to_agency = ? AND c.commune = ? AND r.status = 'waiting' "
                              "AND r.id > ? AND NOT EXISTS (SELECT 1 FROM recusals x WHERE "
                              "x.case_id = r.case_id AND x.user_id = ?) ORDER BY r.id LIMIT ?",
                              to, place, after, user, max);
    });
    return out;
}

}  // namespace binhan::store
