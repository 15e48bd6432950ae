#pragma once
// Handlers of API.md "Users" (admin only; the route table enforces the role).
#include "http/Route.h"
#include "service/UserService.h"

namespace binhan::http {

Handler createUserHandler(service::UserService& users);
Handler listUsersHandler(service::UserService& users);
Handler updateUserHandler(service::UserService& users);
Handler setPasswordHandler(service::UserService& users);
// The communes users belong to (issue 11): {"items":[{code,name}], "province":{code,name}|null}.
Handler listCommunesHandler(service::UserService& users);
// Adds a commune {"code","name"} → 201.
Handler addCommuneHandler(service::UserService& users);

}  // namespace binhan::http
