#pragma once
// Sign-in sessions (table `sessions`), looked up by the SHA-256 of the token; the token itself
// is never stored. In the database, not in memory, so every server instance sees the same
// sessions and a logout anywhere ends the session everywhere. Thread-safe.
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "store/Database.h"
#include "store/UserRepository.h"

namespace binhan::store {

struct SessionRecord {
    std::int64_t id = 0;
    std::int64_t userId = 0;
    std::vector<std::uint8_t> csrfHash;
    bool limited = false;
    std::int64_t createdAt = 0;  // Unix seconds
    std::int64_t lastSeenAt = 0;
    std::int64_t expiresAt = 0;
};

struct NewSession {
    std::vector<std::uint8_t> tokenHash;
    std::vector<std::uint8_t> csrfHash;
    std::int64_t userId = 0;
    bool limited = false;
    std::int64_t now = 0;
    std::int64_t expiresAt = 0;
};

class SessionRepository {
  public:
    explicit SessionRepository(Database& db) : db_(db) {}

    // Creates the session; when `replacedTokenHash` is given, that session is deleted in the same
    // transaction (rotation on login). Returns the new id.
    std::int64_t create(const NewSession& session,
                        const std::vector<std::uint8_t>& replacedTokenHash);
    std::optional<SessionRecord> findByTokenHash(const std::vector<std::uint8_t>& tokenHash);
    // The session and its user in one statement (every signed-in request starts here).
    std::optional<std::pair<SessionRecord, UserRecord>> findWithUser(
        const std::vector<std::uint8_t>& tokenHash);
    void touch(std::int64_t id, std::int64_t now);
    void clearLimited(std::int64_t id);
    void remove(std::int64_t id);
    // Deletes sessions idle for longer than `idleSeconds` or past their absolute end.
    void removeExpired(std::int64_t now, std::int64_t idleSeconds);

  private:
    Database& db_;
};

}  // namespace binhan::store
