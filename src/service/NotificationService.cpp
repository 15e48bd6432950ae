#include "service/NotificationService.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

#include "core/Error.h"
#include "core/TextFold.h"
#include "core/TimeFormat.h"
#include "core/notify/Notice.h"
#include "service/WorkflowSupport.h"

namespace binhan::service {
namespace {

namespace notify = core::notify;

Poco::JSON::Object::Ptr inboxJson(const store::InboxRow& row, const std::string& link) {
    auto out = jsonObject();
    out->set("id", row.id);
    out->set("kind", row.kind);
    out->set("case_id", row.caseId);
    out->set("case_code", row.caseCode);
    if (!row.deadline.empty()) out->set("deadline", row.deadline);
    out->set("created_at", row.createdAt);
    out->set("read", !row.readAt.empty());  // API.md "Additions"
    if (!row.readAt.empty()) out->set("read_at", row.readAt);
    out->set("text", notify::noticeText(row.kind, row.caseCode, row.deadline, "vi"));
    out->set("text_en", notify::noticeText(row.kind, row.caseCode, row.deadline, "en"));
    out->set("link", link);
    return out;
}

std::string optionalText(const Poco::JSON::Object& input, const std::string& name) {
    if (!input.has(name) || input.isNull(name)) return "";
    const auto value = input.get(name);
    if (!value.isString()) throw core::Invalid(name, "Give a text.");
    return core::trimmed(value.extract<std::string>());
}

bool optionalFlag(const Poco::JSON::Object& item, const std::string& name,
                  const std::string& field) {
    if (!item.has(name)) return false;
    const auto value = item.get(name);
    if (!value.isBoolean()) throw core::Invalid(field, "Give true or false.");
    return value.extract<bool>();
}

}  // namespace

bool roleHearsOf(core::Role role, const std::string& kind) {
    const auto* found = notify::findNoticeKind(kind);
    if (!found) return false;
    if (found->toAuthor) return core::isCaseAgency(role);
    return std::find(found->audience.begin(), found->audience.end(), role) != found->audience.end();
}

Poco::JSON::Object::Ptr NotificationService::list(const core::Actor& actor, int limit) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : notices_.inbox(actor.userId, limit))
        items->add(inboxJson(row, notify::caseLink(settings_.baseUrl, row.caseId)));
    auto out = jsonObject();
    out->set("items", items);
    out->set("unread", notices_.unreadCount(actor.userId));
    return out;
}

void NotificationService::markRead(const core::Actor& actor, std::int64_t id) {
    if (!notices_.markRead(actor.userId, id, core::formatRfc3339(clock_.now())))
        throw core::NotFound("No such notification.");
}

Poco::JSON::Object::Ptr NotificationService::settings(const core::Actor& actor) {
    const auto stored = notices_.settings(actor.userId);
    auto out = jsonObject();
    out->set("email", stored.email);
    out->set("phone", stored.phone);
    auto channels = jsonObject();
    for (const auto& channel : notify::externalChannels())
        channels->set(channel, settings_.channels.count(channel) > 0);
    out->set("channels", channels);
    Poco::JSON::Array::Ptr kinds = new Poco::JSON::Array;
    for (const auto& kind : notify::noticeKinds()) {
        if (!roleHearsOf(actor.role, kind.name)) continue;
        auto item = jsonObject();
        item->set("kind", kind.name);
        for (const auto& channel : notify::externalChannels())
            item->set(channel,
                      std::find(stored.choices.begin(), stored.choices.end(),
                                std::make_pair(kind.name, channel)) != stored.choices.end());
        kinds->add(item);
    }
    out->set("kinds", kinds);
    return out;
}

Poco::JSON::Object::Ptr NotificationService::saveSettings(const core::Actor& actor,
                                                          const Poco::JSON::Object& input) {
    auto next = notices_.settings(actor.userId);
    if (input.has("email")) {
        next.email = optionalText(input, "email");
        if (!next.email.empty() && !notify::plausibleEmail(next.email))
            throw core::Invalid("email", "Give an e-mail address such as can.bo@hoaphong.gov.vn.");
    }
    if (input.has("phone")) {
        next.phone = optionalText(input, "phone");
        next.phone.erase(std::remove_if(next.phone.begin(), next.phone.end(),
                                        [](char c) { return c == ' ' || c == '.' || c == '-'; }),
                         next.phone.end());
        if (!next.phone.empty() && !notify::plausiblePhone(next.phone))
            throw core::Invalid("phone", "Give a phone number of 8 to 15 digits, e.g. 0912345678.");
    }
    if (input.has("kinds")) {
        const auto kinds = input.getArray("kinds");
        if (!kinds) throw core::Invalid("kinds", "Give a list of {kind, email, webhook}.");
        next.choices.clear();
        for (std::size_t i = 0; i < kinds->size(); ++i) {
            const auto item = kinds->getObject(static_cast<unsigned>(i));
            const std::string field = "kinds[" + std::to_string(i) + "]";
            if (!item) throw core::Invalid(field, "Give {kind, email, webhook}.");
            const std::string kind = item->optValue<std::string>("kind", "");
            if (!roleHearsOf(actor.role, kind))
                throw core::Invalid(field + ".kind", "Your role is not told of that kind.");
            for (const auto& channel : notify::externalChannels())
                if (optionalFlag(*item, channel, field + "." + channel))
                    next.choices.emplace_back(kind, channel);
        }
    }
    const bool wantsEmail = std::any_of(next.choices.begin(), next.choices.end(),
                                        [](const auto& c) { return c.second == "email"; });
    if (wantsEmail && next.email.empty())
        throw core::Invalid("email", "Give the address the e-mails are to go to.");
    notices_.saveSettings(actor.userId, next);
    return settings(actor);
}

Poco::JSON::Object::Ptr NotificationService::troubled(const core::Actor&, int limit) {
    Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
    for (const auto& row : notices_.troubled(limit)) {
        auto item = jsonObject();
        item->set("id", row.id);
        item->set("channel", row.channel);
        item->set("kind", row.kind);
        item->set("state", row.state);
        item->set("attempts", row.attempts);
        item->set("username", row.username);
        item->set("last_error", row.lastError);
        item->set("created_at", row.createdAt);
        if (row.state == "pending")
            item->set(
                "next_attempt_at",
                core::formatRfc3339(core::TimePoint(std::chrono::seconds(row.nextAttemptAt))));
        items->add(item);
    }
    auto out = jsonObject();
    out->set("items", items);
    return out;
}

}  // namespace binhan::service
