#pragma once
// Handlers of API.md "Users" (admin only; the route table enforces the role).
#include "http/Route.h"
#include "service/UserService.h"

namespace binhan::http {

Handler createUserHandler(service::UserService& users);
Handler listUsersHandler(service::UserService& users);
Handler updateUserHandler(service::UserService& users);
Handler setPasswordHandler(service::UserService& users);

}  // namespace binhan::http
