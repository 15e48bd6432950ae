#pragma once
// gen_cases --sealed DATA_DIR (ops/bench/run): turns the generated cases into ones a real
// server can read and search. gen_cases writes random bytes where ciphertext goes; this gives
// each case a made-up survivor and perpetrators (names, phones, ID numbers, birth years, a
// narrative), sealed by the server's own code (service::CaseSealer under DATA_DIR's master key,
// service::sealedValues / addSearchTerms for the fields and blind-index terms), and reseals the
// events' details and the referrals' reasons the same way. It adds users of every role with a
// known made-up password, and writes the lists the wrk scripts draw from into DATA_DIR/bench/.
//
// Nothing here is about a real person: every name is drawn from lists of common Vietnamese name
// parts, every number is random.
#include <cstdint>
#include <string>

#include "store/Database.h"

namespace binhan::bench {

// The password of every generated user (benchmark data only).
inline const std::string kBenchPassword = "Mat-khau-do-hieu-nang-2026";

// Seals cases afterId+1 … lastId of `db` (the database of `dataDir`, made by `binhan init`),
// adds `usersPerRole` users bench.<role>.<n> of every role, and writes DATA_DIR/bench/:
//   users.txt          "username password role" per line
//   read-<agency>.txt  ids of the cases that agency sees (stage active or completed)
//   write-<agency>.txt ids of those it may add events to (stage active, case not closed)
//   names.txt, phones.txt  survivors' full names and phones of cases the police see
// Prints what it did. Throws on any failure.
void sealGeneratedCases(store::Database& db, const std::string& dataDir, std::int64_t afterId,
                        std::int64_t lastId, unsigned seed, int usersPerRole = 4);

}  // namespace binhan::bench
