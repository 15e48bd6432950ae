#include "http/Response.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace binhan::http {

std::string toJson(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out, 0, -1, Poco::JSON_PRESERVE_KEY_ORDER);
    return out.str();
}

Response Response::json(int status, const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return Response{status, "application/json; charset=utf-8", out.str(), {}, {}, 0};
}

Response Response::json(int status, const Poco::JSON::Array& array) {
    std::ostringstream out;
    array.stringify(out);
    return Response{status, "application/json; charset=utf-8", out.str(), {}, {}, 0};
}

Response Response::text(int status, std::string contentType, std::string body) {
    return Response{status, std::move(contentType), std::move(body), {}, {}, 0};
}

}  // namespace binhan::http
