#pragma once
// The one place that knows the SQL dialects apart (issue 11). Repositories write portable SQL with
// `?` placeholders and pass every statement through sql(session, text); on PostgreSQL the
// placeholders become $1, $2, … in the order they appear, which is the order Poco binds them in,
// so one text serves both backends. The few constructs that have no common spelling have a
// function here each.
#include <Poco/Data/Session.h>
#include <Poco/JSON/Array.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

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

// "(?, ?, ?), (?, ?, ?)": `rows` rows of `columns` placeholders, for one INSERT of many rows (a
// creation writes its sealed fields, search terms and count rows in three statements, not 35;
// issue 18). `rows` ≥ 1.
std::string placeholderRows(int columns, std::size_t rows);

// A scalar subquery "(…)" giving a JSON array text with one array per row of `select`, a whole
// SELECT whose `columns` columns are named c0, c1, …; "[]" when it has no row. The case read
// gathers a case's stages, perpetrators and sealed fields this way in its one statement
// (issue 18). Rows come in no promised order.
std::string jsonRows(const Poco::Data::Session& session, const std::string& select, int columns);
// The rows of a jsonRows column, each an array of its values; a value as text ("" for null).
std::vector<Poco::JSON::Array::Ptr> jsonRowsOf(const std::string& json);
std::string jsonText(const Poco::JSON::Array& row, std::size_t i);
// A scalar subquery "(…)" giving "name:hex,name:hex,…" for the rows of `select` (columns c0, a
// name holding no ',' or ':' (sealed field names come from code), and c1, a blob), "" or NULL for
// none: a case's sealed fields in its read, cheaper to build and to take apart than JSON (issue
// 18). namedBlobsOf reads it.
std::string namedBlobs(const Poco::Data::Session& session, const std::string& select);
std::map<std::string, std::vector<std::uint8_t>> namedBlobsOf(const std::string& text);
// `expr` (a blob) as hexadecimal text, for a blob inside jsonRows (store::fromHex reads it).
std::string hexOf(const Poco::Data::Session& session, const std::string& expr);

}  // namespace binhan::store
