#pragma once
// The notification settings of issue 22 read from the configuration: which external channels
// are on (an SMTP relay, a webhook) and how the dispatcher runs. A channel is on only when its
// settings are given; the bell always is.
#include <map>
#include <memory>
#include <string>

#include "app/Config.h"
#include "service/NotificationDispatcher.h"
#include "service/NotificationService.h"

namespace binhan::app {

struct NotificationWiring {
    service::NotificationSettings service;
    service::DispatcherSettings dispatcher;
    std::map<std::string, std::shared_ptr<service::NotificationChannel>> channels;
    int maxStreams = 64;
    int streamSeconds = 55;
};

// Throws std::runtime_error naming the key when a setting is wrong (a webhook url that is not
// https, a webhook without its secret, an unreadable password or secret file).
NotificationWiring notificationWiring(const Config& config);

}  // namespace binhan::app
