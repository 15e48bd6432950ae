#pragma once
// The schemas and parameters of the OpenAPI document (issue 17): every request body and answer
// of the API as JSON Schema 2020-12 (components/schemas), the query and header parameters the
// routes read (components/parameters). Route rows name them (Route::contract); http/OpenApi.cpp
// puts them together.
//
// Where a value is an enumeration of core (roles, agencies, sexes, statuses, event types and
// their detail fields, refusal codes, …) the schema is built from core's own list, so a value
// added there is in the document at once. Schemas are as strict as the answers are fixed:
// required keys, types, formats, enumerations; objects stay open to new keys (additionalProperties
// is not set), except request bodies, whose unknown keys the server refuses. The hidden API test
// "every answer of the API suite matches the OpenAPI document" (tests/api/OpenApiLive_test.cpp)
// checks every answer the suite receives against them. Pure; thread-safe; built on each call.
#include <Poco/JSON/Object.h>

namespace binhan::http {

// name → schema, for components/schemas.
Poco::JSON::Object::Ptr apiSchemas();
// name → parameter object, for components/parameters.
Poco::JSON::Object::Ptr apiParameters();

// The two halves of apiSchemas(), one per file: identity, users, cases, audit, reports and the
// catalogue (OpenApiSchemas.cpp); the coordination workflow: events, referrals, consent, stages,
// closing, the dashboard (OpenApiWorkflowSchemas.cpp).
void addCaseSchemas(Poco::JSON::Object& schemas);
void addWorkflowSchemas(Poco::JSON::Object& schemas);

}  // namespace binhan::http
