#pragma once
// Plain records of the cases tables, as the store reads and writes them. Identifying and
// narrative values never appear here in clear: they travel as sealed blobs (see
// service/CaseSealer), which this layer stores without knowing what they hold.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace binhan::store {

using Blob = std::vector<std::uint8_t>;

struct PerpetratorRow {
    int position = 0;
    std::string sex;
    std::string relationship;
};

struct StageRow {
    std::string agency;
    std::string status;
    std::string since;
    std::string reason;
};

// The plaintext columns of a case.
struct CaseRow {
    std::int64_t id = 0;
    std::string commune;
    std::string code;
    std::string status = "open";
    std::string risk;
    std::string incidentDate;
    std::string incidentVillage;
    std::string place;
    std::vector<std::string> types;
    std::string survivorSex;
    std::string survivorAgeBand;
    std::string survivorVillage;
    bool survivorDisability = false;
    bool child = false;
    bool crime = false;
    bool administrativeSanction = false;
    bool consentGiven = false;
    std::string consentGivenBy;
    std::vector<std::string> consentAgencies;
    bool consentStatistics = false;
    std::int64_t openedBy = 0;
    std::string openedAgency;
    Blob dataKey;  // wrapped; empty once erased
    std::uint32_t dataKeyVersion = 0;
    std::string createdAt;
    std::string updatedAt;
    std::string closedAt;
    std::string closureReason;
    std::string intakeChannel;     // issue 20; "" when not given
    std::string intakeReceivedAt;  // RFC 3339 UTC; "" when not given
    // Issue 20, filled by the one-case read only: the latest standing closure.request (0: none)
    // and the chair's answer to it ("" none yet, "true", "false").
    std::int64_t closureRequest = 0;
    std::string closureAnswer;
    std::vector<PerpetratorRow> perpetrators;
    std::vector<StageRow> stages;
};

// One blind-index term and the field it was computed from ("survivor.phone",
// "perpetrators.full_name", …): a search counts it only for callers who may read that field.
struct SearchTerm {
    std::string term;
    std::string field;
    bool word = false;  // a name word (all must match) rather than an exact value (any)
};

// What is sealed for one case: field name → ciphertext, plus its blind-index terms.
struct SealedCase {
    Blob dataKey;
    std::uint32_t dataKeyVersion = 0;
    std::map<std::string, Blob> fields;
    std::vector<SearchTerm> terms;  // phone, ID number and whole-name terms, and name words
};

// What the caller has to do with one case (for the access policy).
struct CaseInvolvement {
    bool exists = false;
    std::string ownStage;  // the caller's agency's stage status, "" if none
    bool protectionRequest = false;
    bool breakGlass = false;
    bool recused = false;
};

struct CaseFilter {
    std::string status;  // "" = any
    std::string stage;   // the caller's agency's stage status, or "" = any
    std::string risk;
    std::vector<std::string> anyTerms;  // blind-index search: match any of these…
    std::vector<std::string> allWords;  // …or all of these name words
    bool search = false;
    std::string code;               // one case by its code ("" = any)
    std::int64_t involvedUser = 0;  // "my cases": opened by, or with an entry of, this user
    std::int64_t beforeId = 0;      // cursor: ids below this (0 = from the newest)
    int limit = 50;
};

}  // namespace binhan::store
