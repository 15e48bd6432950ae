#pragma once
// How a row of `users` is read (store-internal): the columns, and the record from a Query
// positioned on a row holding them from column `first` on. Shared by the user lookups and the
// signed-in session's one statement (issue 18).
#include <string>

#include "store/Query.h"
#include "store/UserRepository.h"

namespace binhan::store {

// The users columns of the alias `u`, in the order readUser expects them.
inline const char* kUserColumns =
    "u.id, u.commune, u.username, u.display_name, u.role, u.password_hash, u.disabled, "
    "u.created_at, u.updated_at, u.totp_secret, u.totp_confirmed, u.totp_last_step";
constexpr int kUserColumnCount = 12;

UserRecord readUser(const Query& row, int first);

}  // namespace binhan::store
