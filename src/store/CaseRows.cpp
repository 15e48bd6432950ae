#include "store/CaseRows.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

#include "store/CaseRepository.h"
#include "store/Sql.h"
#include "store/WorkflowSql.h"

namespace binhan::store {

using shared::stagesColumn;
using shared::stagesFrom;

const std::string kCaseColumnList =
    "id, commune, code, status, risk, incident_date, incident_village, place, types, "
    "survivor_sex, survivor_age_band, survivor_village, survivor_disability, child, crime, "
    "administrative_sanction, consent_given, consent_given_by, consent_agencies, "
    "consent_statistics, opened_by, opened_agency, data_key, COALESCE(data_key_version, 0), "
    "created_at, updated_at, COALESCE(closed_at, ''), COALESCE(closure_reason, ''), "
    "COALESCE(intake_channel, ''), COALESCE(intake_received_at, '')";

CaseRow caseFrom(const Query& q) {
    CaseRow c;
    c.id = q.integer(0);
    c.commune = q.text(1);
    c.code = q.text(2);
    c.status = q.text(3);
    c.risk = q.text(4);
    c.incidentDate = q.text(5);
    c.incidentVillage = q.text(6);
    c.place = q.text(7);
    c.types = splitList(q.text(8));
    c.survivorSex = q.text(9);
    c.survivorAgeBand = q.text(10);
    c.survivorVillage = q.text(11);
    c.survivorDisability = q.flag(12);
    c.child = q.flag(13);
    c.crime = q.flag(14);
    c.administrativeSanction = q.flag(15);
    c.consentGiven = q.flag(16);
    c.consentGivenBy = q.text(17);
    c.consentAgencies = splitList(q.text(18));
    c.consentStatistics = q.flag(19);
    c.openedBy = q.integer(20);
    c.openedAgency = q.text(21);
    if (!q.isNull(22)) c.dataKey = q.blob(22);
    c.dataKeyVersion = static_cast<std::uint32_t>(q.integer(23));
    c.createdAt = q.text(24);
    c.updatedAt = q.text(25);
    c.closedAt = q.text(26);
    c.closureReason = q.text(27);
    c.intakeChannel = q.text(28);
    c.intakeReceivedAt = q.text(29);
    return c;
}

// The caller's involvement in the case `c` (what core/Policy's relations are decided from):
// recused, the own agency's stage, break-glass running, a protection request. Values: user,
// agency, user, now.
const std::string kInvolvementColumns =
    "(SELECT COUNT(*) FROM recusals r WHERE r.case_id = c.id AND r.user_id = ?), "
    "COALESCE((SELECT g.status FROM stages g WHERE g.case_id = c.id AND g.agency = ?), ''), "
    "(SELECT COUNT(*) FROM break_glass b WHERE b.case_id = c.id AND b.user_id = ? AND "
    "b.ends_at > ?), "
    "(SELECT COUNT(*) FROM case_protection_requests p WHERE p.case_id = c.id)";
// The one case, when it is in the caller's commune and not erased. Values: case id, commune.
const std::string kOneCaseInCommune =
    " FROM cases c WHERE c.id = ? AND c.commune = ? AND c.data_key IS NOT NULL";

// The perpetrators column of a case (position, sex, relationship), and its rows in order.
std::string perpetratorsColumn(const Poco::Data::Session& s, const std::string& caseIdColumn) {
    return jsonRows(s,
                    "SELECT position AS c0, sex AS c1, relationship AS c2 FROM case_perpetrators "
                    "WHERE case_id = " +
                        caseIdColumn,
                    3);
}

std::vector<PerpetratorRow> perpetratorsFrom(const std::string& json) {
    std::vector<PerpetratorRow> out;
    for (const auto& r : jsonRowsOf(json))
        out.push_back(
            {static_cast<int>(r->getElement<Poco::Int64>(0)), jsonText(*r, 1), jsonText(*r, 2)});
    std::sort(out.begin(), out.end(), [](const PerpetratorRow& a, const PerpetratorRow& b) {
        return a.position < b.position;
    });
    return out;
}

// The one statement of a case read (issue 18): the case row, the caller's involvement (what the
// policy's relations are decided from, core/Policy), perpetrators, stages, sealed fields, the
// current consent record and the closure. Values: user, agency, user, now, case id, commune.
std::string caseReadStatement(const Poco::Data::Session& s) {
    return "SELECT " + kCaseColumnList + ", " + kInvolvementColumns + ", " +
           perpetratorsColumn(s, "c.id") + ", " + stagesColumn(s, "c.id") + ", " +
           namedBlobs(s, "SELECT field AS c0, value AS c1 FROM case_fields WHERE case_id = c.id") +
           ", " +
           jsonRows(s,
                    "SELECT id AS c0, given AS c1, given_by AS c2, agencies AS c3, statistics AS "
                    "c4, recorded_at AS c5, recorded_by AS c6, recorded_role AS c7, withdrawn AS "
                    "c8 FROM consent_records WHERE case_id = c.id ORDER BY id DESC LIMIT 1",
                    9) +
           ", " +
           jsonRows(s,
                    "SELECT x.id AS c0, x.status AS c1, x.at AS c2, x.by_user AS c3, x.by_role "
                    "AS c4, " +
                        hexOf(s, "x.reason") +
                        " AS c5 FROM case_status_changes x WHERE x.case_id = c.id AND c.status "
                        "= 'closed' ORDER BY x.id DESC LIMIT 1",
                    6) +
           ", " + shared::closureColumns("c.id") + kOneCaseInCommune;
}

CaseRead caseReadFrom(const Query& q) {
    CaseRead read;
    read.row = caseFrom(q);
    read.involvement = involvementFrom(q, kCaseColumnCount);
    int c = kCaseColumnCount + 4;
    read.row.perpetrators = perpetratorsFrom(q.text(c++));
    read.row.stages = stagesFrom(q.text(c++));
    read.sealed = namedBlobsOf(q.text(c++));
    for (const auto& r : jsonRowsOf(q.text(c++)))
        read.workflow.consent = ConsentRecordRow{r->getElement<Poco::Int64>(0),
                                                 read.row.id,
                                                 r->getElement<Poco::Int64>(1) != 0,
                                                 jsonText(*r, 2),
                                                 splitList(jsonText(*r, 3)),
                                                 r->getElement<Poco::Int64>(4) != 0,
                                                 jsonText(*r, 5),
                                                 r->getElement<Poco::Int64>(6),
                                                 jsonText(*r, 7),
                                                 splitList(jsonText(*r, 8)),
                                                 {}};
    const int closureColumn = c + 1;  // after the closure change, below
    read.row.closureRequest = q.integer(closureColumn);
    read.row.closureAnswer = q.text(closureColumn + 1);
    for (const auto& r : jsonRowsOf(q.text(c++)))
        if (jsonText(*r, 1) == "closed")
            read.workflow.closure = CaseStatusChangeRow{r->getElement<Poco::Int64>(0),
                                                        read.row.id,
                                                        jsonText(*r, 1),
                                                        jsonText(*r, 2),
                                                        r->getElement<Poco::Int64>(3),
                                                        jsonText(*r, 4),
                                                        fromHex(jsonText(*r, 5))};
    return read;
}

CaseInvolvement involvementFrom(const Query& q, int c) {
    CaseInvolvement out;
    out.exists = true;
    out.recused = q.integer(c) > 0;
    out.ownStage = q.text(c + 1);
    out.breakGlass = q.integer(c + 2) > 0;
    out.protectionRequest = q.integer(c + 3) > 0;
    return out;
}

}  // namespace binhan::store
