#include "http/Dictionary.h"

#include <Poco/JSON/Parser.h>

namespace binhan::http {

Dictionary::Dictionary(const StaticFiles& web, const std::string& language)
    : words_(new Poco::JSON::Object) {
    const std::string* text = web.content("i18n/" + language + ".json");
    if (text == nullptr) return;
    try {
        words_ = Poco::JSON::Parser().parse(*text).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {
        // A broken dictionary leaves the fallbacks (the browser tests fail on it anyway).
    }
}

Poco::Dynamic::Var Dictionary::raw(const std::string& key) const {
    return words_->has(key) ? words_->get(key) : Poco::Dynamic::Var();
}

std::string Dictionary::word(const std::string& key, const std::string& fallback) const {
    const auto value = raw(key);
    return value.isString() ? value.convert<std::string>() : fallback;
}

}  // namespace binhan::http
