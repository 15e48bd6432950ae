#pragma once
// The OpenAPI 3 document of GET /api/v1/openapi.json, made from the route table itself so it
// can never list an endpoint the server does not have, or miss one it has.
#include <string>
#include <vector>

#include "http/Route.h"

namespace binhan::http {

std::string openApiDocument(const std::vector<Route>& routes, const std::string& version);

}  // namespace binhan::http
