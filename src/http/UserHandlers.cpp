#include "http/UserHandlers.h"

#include "core/Error.h"
#include "http/Json.h"

namespace binhan::http {
namespace {

Poco::JSON::Object::Ptr userJson(const service::UserView& u) {
    auto json = newObject();
    json->set("id", u.id);
    json->set("username", u.username);
    json->set("role", core::roleName(u.role));
    json->set("display_name", u.displayName);
    json->set("commune", u.commune);
    json->set("disabled", u.disabled);
    json->set("totp", u.totp);
    json->set("created_at", u.createdAt);
    json->set("updated_at", u.updatedAt);
    return json;
}

std::int64_t idParam(const Request& request) {
    return pathId(request, "id", "No such user.");
}

Poco::JSON::Object::Ptr communeJson(const store::CommuneRecord& commune) {
    auto json = newObject();
    json->set("code", commune.code);
    json->set("name", commune.name);
    return json;
}

}  // namespace

Handler createUserHandler(service::UserService& users) {
    return [&users](Request& request) {
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"username", "password", "role", "display_name", "commune"});
        service::NewUserRequest input{
            requireString(*body, "username"), requireString(*body, "password"),
            requireString(*body, "role"), optionalString(*body, "display_name").value_or(""),
            optionalString(*body, "commune").value_or("")};
        return Response::json(201, *userJson(users.create(input)));
    };
}

Handler listUsersHandler(service::UserService& users) {
    return [&users](Request& request) {
        const Page page = pageOf(request);
        auto found = users.list(page.after, page.limit + 1);
        std::optional<std::int64_t> next;
        if (static_cast<int>(found.size()) > page.limit) {
            found.resize(static_cast<std::size_t>(page.limit));
            next = found.back().id;
        }
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& u : found) items->add(userJson(u));
        return Response::json(200, *pageAnswer(items, next));
    };
}

Handler updateUserHandler(service::UserService& users) {
    return [&users](Request& request) {
        const auto id = idParam(request);
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"role", "display_name", "disabled"});
        store::UserChanges changes;
        if (auto role = optionalString(*body, "role"))
            changes.role = service::UserService::parseRoleField(*role);
        changes.displayName = optionalString(*body, "display_name");
        changes.disabled = optionalBool(*body, "disabled");
        if (!changes.role && !changes.displayName && !changes.disabled)
            throw core::Invalid("", "Give at least one of role, display_name, disabled.");
        return Response::json(200, *userJson(users.update(id, changes)));
    };
}

Handler setPasswordHandler(service::UserService& users) {
    return [&users](Request& request) {
        const auto id = idParam(request);
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"password"});
        users.setPassword(id, requireString(*body, "password"));
        return Response::noContent();
    };
}

Handler listCommunesHandler(service::UserService& users) {
    return [&users](Request&) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& commune : users.communes()) items->add(communeJson(commune));
        auto answer = newObject();
        answer->set("items", items);
        const auto province = users.province();
        answer->set("province",
                    province ? Poco::Dynamic::Var(communeJson(*province)) : Poco::Dynamic::Var());
        return Response::json(200, *answer);
    };
}

Handler addCommuneHandler(service::UserService& users) {
    return [&users](Request& request) {
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"code", "name"});
        const auto added =
            users.addCommune({requireString(*body, "code"), requireString(*body, "name")});
        return Response::json(201, *communeJson(added));
    };
}

}  // namespace binhan::http
