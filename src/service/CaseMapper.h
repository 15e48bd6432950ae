#pragma once
// Splits a case (core::CaseInput) into what is stored in clear for workflow and statistics
// (store::CaseRow) and what is sealed (a field name → plaintext map), and puts it back together.
// Which values are sealed is decided here, in one place: names, phones, ID numbers, birth years,
// the narrative, injuries and the safety plan. Pure.
#include <map>
#include <string>

#include "core/CaseModel.h"
#include "crypto/BlindIndex.h"
#include "store/CaseRecords.h"

namespace binhan::service {

// Fills the plaintext columns of `row` from `input` (keeps id, code, status, opener, stages).
void fillPlainColumns(const core::CaseInput& input, store::CaseRow& row);
// The values to seal, by field name ("survivor.full_name", "perpetrators[0].phone", …).
std::map<std::string, std::string> sealedValues(const core::CaseInput& input);
// The fields blind-index terms are computed from (core/Policy field paths).
const std::vector<std::string>& searchTermFields();
// The blind-index terms of the survivor's and perpetrators' names, phones and ID numbers.
void addSearchTerms(const core::CaseInput& input, const crypto::BlindIndex& index,
                    store::SealedCase& out);
// The case as entered, from its stored row and opened sealed values.
core::CaseInput caseFromStored(const store::CaseRow& row,
                               const std::map<std::string, std::string>& opened);

}  // namespace binhan::service
