#pragma once
// The printable case record of GET /api/v1/cases/{id}/export?format=html (issue 19): the export
// document in Vietnamese words — the UI's own labels (http/Dictionary), Vietnam time, dates as
// a paper writes them, yes/no and every code as its label — laid out by section. The browser's
// print view (#/cases/{id}/print) shows the same record; this page serves a caller without the
// browser application. It holds only what the export holds (the caller's view); internal keys
// (allowed actions, refusals, the field view) are left out, and the JSON export stays the
// complete, machine-readable copy. Every value is escaped; no script, no inline style.
#include <string>

#include <Poco/JSON/Object.h>

#include "http/Dictionary.h"

namespace binhan::http {

std::string caseRecordHtml(const Poco::JSON::Object& document, const Dictionary& words);

}  // namespace binhan::http
