#pragma once
// An officer's notifications (issue 22): the bell's list and count, marking read, the account's
// address and choices per kind, and the admin's view of sends that failed. The words come from
// core/notify; nothing here reads a sealed value.
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <set>
#include <string>

#include "core/Actor.h"
#include "core/Clock.h"
#include "store/NotificationRepository.h"

namespace binhan::service {

struct NotificationSettings {
    std::set<std::string> channels;  // the external channels configured: "email", "webhook"
    std::string baseUrl;             // where a notice links to: "<baseUrl>/#/cases/<id>"
};

class NotificationService {
  public:
    NotificationService(store::NotificationRepository& notices, const core::Clock& clock,
                        NotificationSettings settings)
        : notices_(notices), clock_(clock), settings_(std::move(settings)) {}

    // {items:[{id, kind, case_id, case_code, deadline?, created_at, read, read_at?, text,
    // text_en, link}],
    // unread}: the newest `limit`.
    Poco::JSON::Object::Ptr list(const core::Actor& actor, int limit);
    std::int64_t unread(const core::Actor& actor) { return notices_.unreadCount(actor.userId); }
    // NotFound when the notification is not the actor's.
    void markRead(const core::Actor& actor, std::int64_t id);

    // {email, phone, channels:{email, webhook}, kinds:[{kind, email, webhook}]}: the kinds the
    // actor's role can be told.
    Poco::JSON::Object::Ptr settings(const core::Actor& actor);
    // Takes {email?, phone?, kinds?:[{kind, email?, webhook?}]}; Invalid names the field.
    Poco::JSON::Object::Ptr saveSettings(const core::Actor& actor, const Poco::JSON::Object& input);

    // The admin's list of deliveries that failed or wait for a retry (no case, no content).
    Poco::JSON::Object::Ptr troubled(const core::Actor& actor, int limit);

  private:
    store::NotificationRepository& notices_;
    const core::Clock& clock_;
    NotificationSettings settings_;
};

// Whether `role` can be told notices of `kind` (its audience, or an asker's kind).
bool roleHearsOf(core::Role role, const std::string& kind);

}  // namespace binhan::service
