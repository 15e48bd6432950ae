#pragma once
// The OpenAPI 3.1 document of GET /api/v1/openapi.json, made from the route table itself so it
// can never list an endpoint the server does not have, or miss one it has (issue 17). Each row
// gives the method, path, who may call it (security, x-binhan-action), CSRF, the audit action,
// and its Contract: the request body's schema, the success answers' and the parameters it
// reads, by name in http/OpenApiSchemas.h. Every operation also answers the error document on
// 4XX and 5XX. The static UI files ({file...} patterns) are left out.
//
// Throws std::logic_error when a row names a schema or parameter the document lacks, or no
// answer at all: the server then does not start, so the document cannot drift from the table.
// ./ops/test lints the served document with Redocly (tests/openapi/lint); the API suite checks
// every answer it receives against it (tests/api/OpenApiLive_test.cpp).
#include <string>
#include <vector>

#include "http/Route.h"

namespace binhan::http {

std::string openApiDocument(const std::vector<Route>& routes, const std::string& version);

}  // namespace binhan::http
