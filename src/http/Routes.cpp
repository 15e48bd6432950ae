#include "http/Routes.h"

#include <memory>

#include "http/AttachmentHandlers.h"
#include "http/AuditHandlers.h"
#include "http/CaseHandlers.h"
#include "http/CatalogueHandlers.h"
#include "http/EarlierCaseHandlers.h"
#include "http/EventHandlers.h"
#include "http/ExportHandlers.h"
#include "http/IdentityHandlers.h"
#include "http/NotificationHandlers.h"
#include "http/OpenApi.h"
#include "http/ReportHandlers.h"
#include "http/SystemHandlers.h"
#include "http/UserHandlers.h"
#include "http/WorkflowHandlers.h"

namespace binhan::http {

std::vector<Route> buildRoutes(RouteContext& c) {
    auto openApi = std::make_shared<std::string>();
    using A = core::Action;
    const auto may = [](A action) { return Access::to(action); };
    std::vector<Route> routes = {
        // method, pattern, access, csrf, audit action, summary, handler, allowLimited, and the
        // contract: the answers, the request body and parameters, by their names in the OpenAPI
        // document (http/OpenApiSchemas.h)
        {"GET", "/healthz", Access::anyone(), false, "", "Liveness check", healthHandler(), false,
         answers(200, "Health")},
        {"GET", "/metrics", Access::loopbackOr(A::MetricsRead), false, "",
         "Request counts and latencies (Prometheus text)", metricsHandler(c.metrics), false,
         answers(200, "", "text/plain")},
        {"GET", "/api/v1/openapi.json", Access::anyone(), false, "", "This API as OpenAPI 3",
         openApiHandler(openApi), false, answers(200, "OpenApiDocument")},
        {"GET", "/", Access::anyone(), false, "", "The browser application", webHandler(c.web),
         false, answers(200, "", "text/html")},
        {"GET", "/ui/{file...}", Access::anyone(), false, "", "Files of the browser application",
         webHandler(c.web), false, Contract()},

        // Session (API.md "Session")
        {"POST", "/api/v1/session", Access::anyone(), false, "session.login", "Sign in",
         loginHandler(c.identity), false, answers(201, "Session").takes("LoginRequest")},
        {"GET", "/api/v1/me", may(A::SelfRead), false, "", "Who am I (with the name of my commune)",
         meHandler(c.users), true, answers(200, "Me")},
        {"DELETE", "/api/v1/session", may(A::SelfSignOut), true, "session.logout", "Sign out",
         logoutHandler(c.identity), true, answers(204)},
        {"POST", "/api/v1/me/totp", may(A::SelfEnrolTotp), true, "session.totp",
         "Enrol a TOTP second factor ({} → otpauth_uri), confirm it ({\"code\"})",
         totpHandler(c.identity), true,
         answers(201, "TotpEnrolment").orAnswers(200, "TotpConfirmed").takes("TotpRequest")},

        {"POST", "/api/v1/me/password", may(A::SelfPassword), true, "session.password",
         "Change your own password {current_password, password}; your other sessions end, "
         "this one stays",
         changeOwnPasswordHandler(c.identity, c.users), false,
         answers(204).takes("OwnPasswordChange")},

        // Notifications (issue 22): one's own bell, its live count, and one's choices
        {"GET", "/api/v1/notifications", may(A::NotificationRead), false, "notification.list",
         "Your newest notifications with the unread count (kind, case code, deadline, link: no "
         "name or narrative)",
         listNotificationsHandler(c.notifications), false,
         answers(200, "NotificationList").reads("limit")},
        {"POST", "/api/v1/notifications/{id}/read", may(A::NotificationRead), true, "",
         "Mark one of your notifications read", readNotificationHandler(c.notifications), false,
         answers(204)},
        {"GET", "/api/v1/notifications/stream", may(A::NotificationRead), false, "",
         "The unread count live, as Server-Sent Events (event \"unread\", data {\"unread\": n}); "
         "ends after notify.stream_seconds and the browser reconnects; does not keep the "
         "session alive",
         notificationStreamHandler(c.notifications, c.identity, c.streams), false,
         answers(200, "", "text/event-stream"), 0, false},
        {"GET", "/api/v1/me/notifications", may(A::NotificationRead), false, "",
         "Your e-mail address, phone for the gateway, and which kinds reach you by which channel",
         notificationSettingsHandler(c.notifications), false, answers(200, "NotificationSettings")},
        {"PUT", "/api/v1/me/notifications", may(A::NotificationRead), true, "notification.settings",
         "Set your address, phone and choices per kind (nothing is on until you choose it)",
         saveNotificationSettingsHandler(c.notifications), false,
         answers(200, "NotificationSettings").takes("NotificationSettingsInput")},
        {"GET", "/api/v1/notifications/deliveries", may(A::NotificationDeliveries), false,
         "notification.deliveries",
         "E-mails and webhook calls that failed or wait for a retry (admin; no case content)",
         notificationDeliveriesHandler(c.notifications), false,
         answers(200, "NotificationDeliveryList").reads("limit")},

        {"GET", "/api/v1/catalogue", may(A::SelfRead), false, "",
         "Event types with their fields and who may record them, enumerations, actions and "
         "refusal reasons, with Vietnamese and English labels (the browser's forms)",
         catalogueHandler(c.web), false, answers(200, "Catalogue")},

        // Users (API.md "Users"), admin only
        {"POST", "/api/v1/users", may(A::UserAdmin), true, "user.create",
         "Create a user {username, password, role, display_name?, commune?} (commune: a code of "
         "GET /api/v1/communes or the province's; default commune.code)",
         createUserHandler(c.users), false, answers(201, "User").takes("NewUser")},
        {"GET", "/api/v1/users", may(A::UserAdmin), false, "user.list",
         "List users (no hashes; each with its commune)", listUsersHandler(c.users), false,
         answers(200, "UserPage").reads("limit", "cursor")},
        {"PATCH", "/api/v1/users/{id}", may(A::UserAdmin), true, "user.update",
         "Change role, display name, disabled or commune (disabling or moving to another commune "
         "ends sessions; issue 23)",
         updateUserHandler(c.users), false, answers(200, "User").takes("UserChanges")},
        {"POST", "/api/v1/users/{id}/password", may(A::UserAdmin), true, "user.password",
         "Set a user's password (ends their sessions)", setPasswordHandler(c.users), false,
         answers(204).takes("PasswordChange")},
        {"GET", "/api/v1/communes", may(A::UserAdmin), false, "",
         "Communes users and cases belong to "
         "({items:[{code,name}], province:{code,name}|null})",
         listCommunesHandler(c.users), false, answers(200, "CommuneList")},
        {"POST", "/api/v1/communes", may(A::UserAdmin), true, "commune.create",
         "Add a commune {code (1-16 letters or digits), name}; 409 when the code exists",
         addCommuneHandler(c.users), false, answers(201, "Commune").takes("NewCommune")},

        {"GET", "/api/v1/communes/{code}/villages", may(A::UserAdmin), false, "",
         "The commune's villages, in order ({items:[{name}]})", communeVillagesHandler(c.users),
         false, answers(200, "VillageList")},
        {"PUT", "/api/v1/communes/{code}/villages", may(A::UserAdmin), true, "commune.villages",
         "Set the commune's villages {villages:[names]} (the intake picks from them)",
         setCommuneVillagesHandler(c.users), false,
         answers(200, "VillageList").takes("VillagesChange")},
        {"GET", "/api/v1/villages", may(A::SelfRead), false, "",
         "The villages of the caller's commune ({items:[{name}]}; empty: free text)",
         ownVillagesHandler(c.users), false, answers(200, "VillageList")},

        // Cases (API.md "Cases"); case-level rights are core::Policy's, asked by the service
        {"POST", "/api/v1/cases", may(A::CaseCreate), true, "case.create", "Open a case",
         createCaseHandler(c.cases), false, answers(201, "Case").takes("CaseInput")},
        {"GET", "/api/v1/cases", may(A::CaseList), false, "case.list",
         "Cases the caller may see (no names); filters status, stage, risk, q (a case code, "
         "name, phone or ID number), mine",
         listCasesHandler(c.cases), false,
         answers(200, "CasePage")
             .reads("limit", "cursor", "case.status", "case.stage", "case.risk", "case.q",
                    "case.mine")},
        {"GET", "/api/v1/cases/{id}", may(A::CaseRead), false, "case.read",
         "The case as the caller may see it", getCaseHandler(c.cases, c.earlier), false,
         answers(200, "Case")},
        {"PATCH", "/api/v1/cases/{id}", may(A::CaseUpdate), true, "case.update",
         "Correct survivor, perpetrators, incident, risk, flags, safety plan",
         updateCaseHandler(c.cases), false,
         answers(200, "Case").takes("CasePatch").reads("case.if_match")},
        {"POST", "/api/v1/cases/{id}/break-glass", may(A::BreakGlass), true, "case.break_glass",
         "Emergency access for the chair, with a reason (audited)", breakGlassHandler(c.cases),
         false, answers(200, "BreakGlass").takes("LongReasonRequest")},
        {"POST", "/api/v1/cases/{id}/recusals", may(A::Recuse), true, "case.recuse",
         "Recuse yourself (or, as chair, anyone) from a case", recusalHandler(c.cases), false,
         answers(201, "Recusal").takes("RecusalRequest")},

        // Coordination workflow (API.md "Events", "Referrals", the case rows of "Cases",
        // "Dashboard"); case-level rights are core::Policy's, the rules core/workflow's
        {"POST", "/api/v1/cases/{id}/events", may(A::EventAdd), true, "event.add",
         "Add an event to the timeline (each agency its own types; note for any)",
         addEventHandler(c.workflow.events()), false, answers(201, "Event").takes("EventInput")},
        {"GET", "/api/v1/cases/{id}/events", may(A::EventList), false, "event.list",
         "The timeline as the caller may see it, oldest first",
         listEventsHandler(c.workflow.events()), false,
         answers(200, "EventPage").reads("limit", "cursor")},
        {"POST", "/api/v1/cases/{id}/events/{eid}/done", may(A::EventDone), true, "event.done",
         "Mark a due item done (the agency that recorded it)",
         eventDoneHandler(c.workflow.events()), false, answers(200, "Event").takes("EmptyBody")},
        {"POST", "/api/v1/cases/{id}/events/{eid}/void", may(A::EventCorrect), true, "event.void",
         "Void a mistaken entry with a reason (the agency that wrote it; it stays, marked, and "
         "no longer counts)",
         voidEventHandler(c.workflow.events()), false,
         answers(200, "Event").takes("EventVoidRequest")},
        {"POST", "/api/v1/cases/{id}/events/{eid}/correct", may(A::EventCorrect), true,
         "event.correct",
         "Correct an entry: a new entry of its type and time that voids it (both kept, audited)",
         correctEventHandler(c.workflow.events()), false,
         answers(201, "Event").takes("EventCorrection")},
        {"POST", "/api/v1/cases/{id}/referrals", may(A::ReferralCreate), true, "referral.create",
         "Refer the case to another agency (consent, or a mandatory report to police)",
         referCaseHandler(c.workflow.referrals()), false,
         answers(201, "Referral").takes("ReferralRequest")},
        {"GET", "/api/v1/referrals", may(A::ReferralIncoming), false, "referral.incoming",
         "Referrals waiting for the caller's agency (?direction=incoming; case code only)",
         incomingReferralsHandler(c.workflow.referrals()), false,
         answers(200, "IncomingReferralPage").reads("referral.direction", "limit", "cursor")},
        {"POST", "/api/v1/referrals/{rid}/accept", may(A::ReferralDecide), true, "referral.accept",
         "Accept a referral: the agency's stage becomes active",
         acceptReferralHandler(c.workflow.referrals()), false,
         answers(200, "Referral").takes("EmptyBody")},
        {"POST", "/api/v1/referrals/{rid}/decline", may(A::ReferralDecide), true,
         "referral.decline", "Decline a referral, with a reason",
         declineReferralHandler(c.workflow.referrals()), false,
         answers(200, "Referral").takes("ReasonRequest")},
        {"POST", "/api/v1/cases/{id}/consent", may(A::ConsentUpdate), true, "consent.update",
         "Record new consent (amend or withdraw); agencies no longer covered lose their stage",
         consentHandler(c.workflow.workflow()), false,
         answers(200, "ConsentChange").takes("ConsentRequest")},
        {"POST", "/api/v1/cases/{id}/stages/{agency}/complete", may(A::StageComplete), true,
         "stage.complete", "Complete your agency's own stage, with a summary",
         completeStageHandler(c.workflow.workflow()), false,
         answers(200, "StageCompletion").takes("SummaryRequest")},
        {"POST", "/api/v1/cases/{id}/close", may(A::CaseClose), true, "case.close",
         "Close the case with a reason (every stage completed or declined)",
         closeCaseHandler(c.workflow.workflow()), false,
         answers(200, "CaseClosure").takes("CloseRequest")},
        {"POST", "/api/v1/cases/{id}/reopen", may(A::CaseReopen), true, "case.reopen",
         "Reopen a closed case with a reason", reopenCaseHandler(c.workflow.workflow()), false,
         answers(200, "CaseReopening").takes("ReasonRequest")},
        {"GET", "/api/v1/dashboard", may(A::Dashboard), false, "dashboard.read",
         "The caller's open work: referrals, due items, protection requests and orders",
         dashboardHandler(c.workflow.dashboard()), false, answers(200, "Dashboard")},

        {"GET", "/api/v1/cases/{id}/export", may(A::Export), false, "case.export",
         "Everything held about the survivor (JSON; ?format=html printable)",
         exportHandler(c.exports, c.web), false,
         answers(200, "CaseExport").orAnswers(200, "", "text/html").reads("export.format")},
        // A possible earlier case, without disclosing it (issue 21)
        {"POST", "/api/v1/cases/earlier-check", may(A::EarlierCheck), true, "earlier.check",
         "Whether the survivor may have an earlier case in the commune: only which agency holds "
         "it and since which month, never its code or content",
         earlierCheckHandler(c.earlier), false,
         answers(200, "EarlierCheck").takes("EarlierCheckRequest")},
        {"GET", "/api/v1/cases/{id}/earlier", may(A::CaseRead), false, "earlier.check",
         "Possible earlier cases of this case's survivor, by holding agency",
         caseEarlierHandler(c.earlier), false, answers(200, "EarlierCheck")},
        {"POST", "/api/v1/cases/{id}/earlier-requests", may(A::EarlierRequest), true,
         "earlier.request", "Ask the agency holding a possible earlier case to refer it",
         earlierRequestHandler(c.earlier), false,
         answers(201, "EarlierRequest").takes("EarlierRequestInput")},
        {"GET", "/api/v1/earlier-requests", may(A::EarlierIncoming), false, "earlier.incoming",
         "Requests waiting for the caller's agency to refer one of its cases",
         incomingEarlierHandler(c.earlier), false, answers(200, "EarlierRequestList")},
        {"POST", "/api/v1/earlier-requests/{rid}/accept", may(A::EarlierAnswer), true,
         "earlier.accept",
         "Refer the earlier case to the asking agency (consent rules apply) and link the two",
         acceptEarlierHandler(c.earlier), false,
         answers(200, "EarlierRequest").takes("ReasonRequest")},
        {"POST", "/api/v1/earlier-requests/{rid}/decline", may(A::EarlierAnswer), true,
         "earlier.decline", "Decline a request to refer, with a reason",
         declineEarlierHandler(c.earlier), false,
         answers(200, "EarlierRequest").takes("ReasonRequest")},
        {"POST", "/api/v1/cases/{id}/links", may(A::CaseLink), true, "case.link",
         "Link two cases of one survivor (the chair, who sees both)", linkCaseHandler(c.earlier),
         false, answers(201, "CaseLinks").takes("CaseLinkRequest")},
        // Evidence files (issue 21): the upload's body streams under attachments.max_mb
        {"POST", "/api/v1/cases/{id}/attachments", may(A::AttachmentAdd), true, "attachment.add",
         "Attach a file (raw body: JPEG, PNG or PDF, checked by its bytes; X-Filename, "
         "X-Attachment-Kind); image metadata removed; sealed under the case key",
         uploadAttachmentHandler(c.attachments), false,
         answers(201, "Attachment")
             .takes("AttachmentFile")
             .reads("attachment.filename", "attachment.kind"),
         c.attachments.settings().maxBytes},
        {"GET", "/api/v1/cases/{id}/attachments", may(A::AttachmentList), false, "attachment.list",
         "The case's files of the kinds the caller may see", listAttachmentsHandler(c.attachments),
         false, answers(200, "AttachmentList")},
        {"GET", "/api/v1/cases/{id}/attachments/{aid}", may(A::AttachmentList), false,
         "attachment.read",
         "The file itself (Content-Disposition: attachment, sandboxed; checked whole before it "
         "is sent)",
         downloadAttachmentHandler(c.attachments), false,
         answers(200, "", "image/jpeg")
             .orAnswers(200, "", "image/png")
             .orAnswers(200, "", "application/pdf")},
        {"POST", "/api/v1/cases/{id}/attachments/{aid}/remove", may(A::AttachmentRemove), true,
         "attachment.remove",
         "Remove a file with a reason (the role that filed it; kept until the case is erased)",
         removeAttachmentHandler(c.attachments), false,
         answers(200, "Attachment").takes("ReasonRequest")},
        {"POST", "/api/v1/cases/{id}/erase", may(A::Erase), true, "case.erase",
         "Erase a case now by destroying its key (survivor's request; reason required)",
         eraseHandler(c.erasure), false, answers(200, "Erasure").takes("LongReasonRequest")},

        // Audit (API.md "Dashboard, reports, audit")
        {"GET", "/api/v1/audit", may(A::AuditRead), false, "audit.read",
         "Audit entries (who, role, action, case code, time; no case content)",
         listAuditHandler(c.audit), false,
         answers(200, "AuditPage")
             .reads("audit.case", "audit.actor", "audit.from", "audit.to", "limit", "cursor")},
        {"GET", "/api/v1/audit/actors", may(A::AuditRead), false, "",
         "The users the audit may be filtered by (the reader's commune; all for an admin)",
         auditActorsHandler(c.users), false, answers(200, "AuditActorList")},
        {"GET", "/api/v1/audit/verify", may(A::AuditRead), false, "audit.verify",
         "Check the hash chain and its signed checkpoints", verifyAuditHandler(c.audit), false,
         answers(200, "AuditVerification")},

        // Reports (API.md "Dashboard, reports, audit"; issue 7): no identities, small counts "<5"
        {"GET", "/api/v1/reports/summary", may(A::ReportRead), false, "report.read",
         "Statistics for a period (?from=&to=, ?purpose=statutory|export, ?commune= for "
         "province staff: one commune, else all); counts 1-4 as \"<5\"",
         reportSummaryHandler(c.reports), false,
         answers(200, "Report")
             .reads("report.from", "report.to", "report.purpose", "report.commune")},
        {"GET", "/api/v1/reports/summary.csv", may(A::ReportRead), false, "report.read",
         "The same report as CSV (UTF-8 with BOM, Vietnamese column headers)",
         reportCsvHandler(c.reports), false,
         answers(200, "", "text/csv")
             .reads("report.from", "report.to", "report.purpose", "report.commune")},
        {"GET", "/reports/print", may(A::ReportRead), false, "report.read",
         "The report as a printable HTML page with SVG charts", reportPrintHandler(c.reports),
         false,
         answers(200, "", "text/html")
             .reads("report.from", "report.to", "report.purpose", "report.commune")},
    };
    *openApi = openApiDocument(routes, c.version);
    return routes;
}

}  // namespace binhan::http
