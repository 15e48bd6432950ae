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
        rejectUnknownKeys(*body, {"role", "display_name", "disabled", "commune"});
        store::UserChanges changes;
        if (auto role = optionalString(*body, "role"))
            changes.role = service::UserService::parseRoleField(*role);
        changes.displayName = optionalString(*body, "display_name");
        changes.disabled = optionalBool(*body, "disabled");
        changes.commune = optionalString(*body, "commune");
        if (!changes.role && !changes.displayName && !changes.disabled && !changes.commune)
            throw core::Invalid("", "Give at least one of role, display_name, disabled, commune.");
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

namespace {

Poco::JSON::Object::Ptr villagesJson(const std::vector<std::string>& names) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& name : names) {
        auto item = newObject();
        item->set("name", name);
        items->add(item);
    }
    auto answer = newObject();
    answer->set("items", items);
    return answer;
}

std::vector<std::string> villageNames(const Poco::JSON::Object& body) {
    rejectUnknownKeys(body, {"villages"});
    if (!body.isArray("villages"))
        throw core::Invalid("villages", "villages must be a list of village names.");
    std::vector<std::string> names;
    const auto list = body.getArray("villages");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto item = list->get(static_cast<unsigned>(i));
        if (!item.isString()) throw core::Invalid("villages", "Each village is a name (text).");
        names.push_back(item.convert<std::string>());
    }
    return names;
}

}  // namespace

Handler ownVillagesHandler(service::UserService& users) {
    return [&users](Request& request) {
        return Response::json(200, *villagesJson(users.villages(request.signedIn().commune)));
    };
}

Handler communeVillagesHandler(service::UserService& users) {
    return [&users](Request& request) {
        const std::string code = request.pathParams.at("code");
        return Response::json(200, *villagesJson(users.villages(code)));
    };
}

Handler setCommuneVillagesHandler(service::UserService& users) {
    return [&users](Request& request) {
        const std::string code = request.pathParams.at("code");
        const auto names = villageNames(*parseBody(request));
        return Response::json(200, *villagesJson(users.setVillages(code, names)));
    };
}

Handler auditActorsHandler(service::UserService& users) {
    return [&users](Request& request) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (const auto& u : users.auditActors(request.signedIn())) {
            auto item = newObject();
            item->set("id", u.id);
            item->set("username", u.username);
            item->set("display_name", u.displayName);
            item->set("role", core::roleName(u.role));
            items->add(item);
        }
        auto answer = newObject();
        answer->set("items", items);
        return Response::json(200, *answer);
    };
}

Handler changeOwnPasswordHandler(service::IdentityService& identity, service::UserService& users) {
    return [&identity, &users](Request& request) {
        auto body = parseBody(request);
        rejectUnknownKeys(*body, {"current_password", "password"});
        const std::string current = requireString(*body, "current_password");
        const std::string password = requireString(*body, "password");
        identity.checkCurrentPassword(request.signedIn(), current, request.clientAddress);
        users.changeOwnPassword(request.signedIn(), current, password);
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
