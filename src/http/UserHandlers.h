#pragma once
// Handlers of API.md "Users" (admin only; the route table enforces the role).
#include "http/Route.h"
#include "service/IdentityService.h"
#include "service/UserService.h"

namespace binhan::http {

Handler createUserHandler(service::UserService& users);
Handler listUsersHandler(service::UserService& users);
Handler updateUserHandler(service::UserService& users);
Handler setPasswordHandler(service::UserService& users);
// GET /api/v1/villages: the caller's commune's villages (issue 19); GET and PUT
// /api/v1/communes/{code}/villages for the administrator ({"villages": [names]}).
Handler ownVillagesHandler(service::UserService& users);
Handler communeVillagesHandler(service::UserService& users);
Handler setCommuneVillagesHandler(service::UserService& users);
// GET /api/v1/audit/actors: whom the audit screen may filter by (issue 19).
Handler auditActorsHandler(service::UserService& users);
// POST /api/v1/me/password {current_password, password}: the caller's own (issue 19).
Handler changeOwnPasswordHandler(service::IdentityService& identity, service::UserService& users);
// The communes users belong to (issue 11): {"items":[{code,name}], "province":{code,name}|null}.
Handler listCommunesHandler(service::UserService& users);
// Adds a commune {"code","name"} → 201.
Handler addCommuneHandler(service::UserService& users);

}  // namespace binhan::http
