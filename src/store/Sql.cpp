#include "store/Sql.h"

#include <cctype>

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

}  // namespace binhan::store
