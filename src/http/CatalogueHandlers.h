#pragma once
// GET /api/v1/catalogue (API.md additions; issue 16): the one source the browser builds its
// forms and labels from. Structure comes from core — the event catalogue with who may record
// each type (core/Policy), the enumerations of the case model, the case actions and refusal
// reasons; the words come from the UI's own dictionaries (src/web/i18n/vi.json, en.json, served
// as static files), so every label is written once. A label missing from a dictionary is null.
#include "http/Route.h"
#include "http/StaticFiles.h"

namespace binhan::http {

Handler catalogueHandler(const StaticFiles& web);

}  // namespace binhan::http
