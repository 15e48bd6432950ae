#pragma once
// The one place that knows the SQL dialects apart (issue 11). Repositories write portable SQL with
// `?` placeholders and pass every statement through sql(session, text); on PostgreSQL the
// placeholders become $1, $2, … in the order they appear, which is the order Poco binds them in,
// so one text serves both backends. The few constructs that have no common spelling have a
// function here each.
#include <Poco/Data/Session.h>

#include <string>

namespace binhan::store {

enum class Backend { SQLite, PostgreSQL };

Backend backendOf(const Poco::Data::Session& session);
bool isPostgreSQL(const Poco::Data::Session& session);

// `text` in the session's dialect. On PostgreSQL, outside quoted text: '?' becomes $1, $2, …
// and SQLite's empty blob literal x'' becomes ''::bytea.
std::string sql(const Poco::Data::Session& session, const std::string& text);
// That translation alone (exposed for the tests).
std::string toPostgreSQL(const std::string& text);

// A table of one text column `value` with the items of a comma-separated list bound as one
// parameter: "SELECT value FROM " + listTable(s) (the list must not be empty).
std::string listTable(const Poco::Data::Session& session);

}  // namespace binhan::store
