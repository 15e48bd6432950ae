#include "store/Sql.h"

#include <Poco/JSON/Parser.h>

#include <cctype>
#include <stdexcept>

#include "store/Query.h"

namespace binhan::store {

Backend backendOf(const Poco::Data::Session& session) {
    // Poco names the connector of every session; ours are "sqlite" and "postgresql".
    const std::string connector = session.connector();
    return connector == "postgresql" ? Backend::PostgreSQL : Backend::SQLite;
}

bool isPostgreSQL(const Poco::Data::Session& session) {
    return backendOf(session) == Backend::PostgreSQL;
}

std::string toPostgreSQL(const std::string& text) {
    std::string out;
    out.reserve(text.size() + 16);
    int next = 1;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            if (c == quote) quote = 0;
            out += c;
        } else if (c == 'x' && text.compare(i, 3, "x''") == 0 &&
                   (i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) ||
                                text[i - 1] == '_'))) {
            out += "''::bytea";  // SQLite's empty blob literal
            i += 2;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(next++);
        } else {
            out += c;
        }
    }
    return out;
}

std::string sql(const Poco::Data::Session& session, const std::string& text) {
    return isPostgreSQL(session) ? toPostgreSQL(text) : text;
}

std::string listTable(const Poco::Data::Session& session) {
    if (isPostgreSQL(session)) return "unnest(string_to_array(?, ',')) AS list(value)";
    return "json_each('[\"' || replace(?, ',', '\",\"') || '\"]')";
}

std::string placeholderRows(int columns, std::size_t rows) {
    std::string row = "(";
    for (int i = 0; i < columns; ++i) row += i ? ", ?" : "?";
    row += ")";
    std::string out;
    out.reserve(rows * (row.size() + 2));
    for (std::size_t i = 0; i < rows; ++i) out += (i ? ", " : "") + row;
    return out;
}

std::string jsonRows(const Poco::Data::Session& session, const std::string& select, int columns) {
    std::string names;
    for (int i = 0; i < columns; ++i) names += (i ? ", x.c" : "x.c") + std::to_string(i);
    if (isPostgreSQL(session))
        return "(SELECT COALESCE(json_agg(json_build_array(" + names + ")), '[]'::json) FROM (" +
               select + ") x)";
    return "(SELECT json_group_array(json_array(" + names + ")) FROM (" + select + ") x)";
}

std::vector<Poco::JSON::Array::Ptr> jsonRowsOf(const std::string& json) {
    std::vector<Poco::JSON::Array::Ptr> rows;
    const auto parsed = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < parsed->size(); ++i) rows.push_back(parsed->getArray(i));
    return rows;
}

std::string jsonText(const Poco::JSON::Array& row, std::size_t i) {
    return row.isNull(i) ? std::string() : row.getElement<std::string>(i);
}

std::string namedBlobs(const Poco::Data::Session& session, const std::string& select) {
    if (isPostgreSQL(session))
        return "(SELECT string_agg(x.c0 || ':' || encode(x.c1, 'hex'), ',') FROM (" + select +
               ") x)";
    return "(SELECT group_concat(x.c0 || ':' || hex(x.c1), ',') FROM (" + select + ") x)";
}

std::map<std::string, std::vector<std::uint8_t>> namedBlobsOf(const std::string& text) {
    std::map<std::string, std::vector<std::uint8_t>> out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t end = text.find(',', at);
        if (end == std::string::npos) end = text.size();
        const std::size_t colon = text.find(':', at);
        if (colon == std::string::npos || colon > end)
            throw std::invalid_argument("a named blob without its name");
        out[text.substr(at, colon - at)] = fromHex(text.substr(colon + 1, end - colon - 1));
        at = end + 1;
    }
    return out;
}

std::string hexOf(const Poco::Data::Session& session, const std::string& expr) {
    return isPostgreSQL(session) ? "encode(" + expr + ", 'hex')" : "hex(" + expr + ")";
}

}  // namespace binhan::store
