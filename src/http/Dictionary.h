#pragma once
// One language's dictionary of the browser UI (src/web/i18n/<lang>.json), read once from the
// served files, for what the server itself words: the catalogue's labels and the printable case
// record. A missing key falls back to what the caller gives. Immutable after construction, so
// thread-safe.
#include <string>

#include <Poco/JSON/Object.h>

#include "http/StaticFiles.h"

namespace binhan::http {

class Dictionary {
  public:
    Dictionary(const StaticFiles& web, const std::string& language);
    bool has(const std::string& key) const { return words_->has(key); }
    // The word for `key` as JSON (null when the dictionary lacks it), for {vi, en} labels.
    Poco::Dynamic::Var raw(const std::string& key) const;
    // The word for `key`, or `fallback`.
    std::string word(const std::string& key, const std::string& fallback) const;

  private:
    Poco::JSON::Object::Ptr words_;
};

}  // namespace binhan::http
