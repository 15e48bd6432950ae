#include "http/HttpConnection.h"

#include <Poco/Delegate.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <memory>
#include <sstream>

#include "core/Error.h"
#include "http/BodyPlan.h"
#include "http/ErrorMapper.h"
#include "http/Framing.h"
#include "http/ResponseWriter.h"

namespace binhan::http {
namespace {

// The session with its byte reads opened to this connection (Poco keeps them protected).
class FramedSession : public Poco::Net::HTTPServerSession {
  public:
    using HTTPServerSession::HTTPServerSession;
    // The next byte, or -1 at the end of the stream or when the client stops sending (timeout).
    int nextByte() {
        try {
            return get();
        } catch (const Poco::Exception&) {
            return -1;
        }
    }
    int readSome(char* buffer, std::streamsize length) {
        try {
            return read(buffer, length);
        } catch (const Poco::Exception&) {
            return -1;
        }
    }
};

// A body handed to its handler as it arrives (BodyPlan::streamed), framed as checkFraming
// decided and limited as the bytes come in. Failures surface as core::Error from read().
class StreamedBody : public core::ByteSource {
  public:
    StreamedBody(FramedSession& session, const FramingVerdict& framing, std::size_t limit)
        : session_(session),
          chunked_(framing.chunked),
          remaining_(framing.contentLength),
          decoder_([&session] { return session.nextByte(); }, limit) {}

    std::size_t read(std::uint8_t* into, std::size_t most) override {
        char* out = reinterpret_cast<char*>(into);
        if (chunked_) {
            const std::size_t n = decoder_.read(out, most);
            if (n > 0 || decoder_.outcome() == BodyOutcome::Complete) return n;
            throw failure(decoder_.outcome());
        }
        if (remaining_ == 0) return 0;
        const auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(most, remaining_));
        const int n = session_.readSome(out, want);
        if (n <= 0) {
            cut_ = true;
            throw failure(BodyOutcome::Truncated);
        }
        remaining_ -= static_cast<std::uint64_t>(n);
        return static_cast<std::size_t>(n);
    }
    bool ended() const {
        return chunked_ ? decoder_.outcome() == BodyOutcome::Complete : remaining_ == 0 && !cut_;
    }

  private:
    static core::Error failure(BodyOutcome outcome) {
        spdlog::info("streamed body refused: {}",
                     outcome == BodyOutcome::TooLarge    ? "over the limit"
                     : outcome == BodyOutcome::Malformed ? "malformed chunks"
                                                         : "cut short");
        if (outcome == BodyOutcome::TooLarge)
            return core::Error(core::ErrorKind::TooLarge, "too_large",
                               "The file is larger than the server accepts.");
        if (outcome == BodyOutcome::Malformed)
            return core::Error(core::ErrorKind::Invalid, "bad_request",
                               "The chunked body is malformed.");
        return core::Error(core::ErrorKind::Invalid, "incomplete_body",
                           "The body ended before its declared length.");
    }

    FramedSession& session_;
    bool chunked_;
    std::uint64_t remaining_;
    bool cut_ = false;
    ChunkedBodyStream decoder_;
};

// The request whose body this connection has read already, or streams to its handler.
class FramedRequest : public Poco::Net::HTTPServerRequestImpl, public StreamedRequest {
  public:
    using HTTPServerRequestImpl::HTTPServerRequestImpl;
    std::istream& stream() override { return body_; }
    void setBody(std::string body) { body_.str(std::move(body)); }
    void stream(std::unique_ptr<StreamedBody> body) { streamed_ = std::move(body); }
    core::ByteSource* streamedBody() override { return streamed_.get(); }
    bool streamedBodyEnded() const override { return !streamed_ || streamed_->ended(); }

  private:
    std::istringstream body_;
    std::unique_ptr<StreamedBody> streamed_;
};

BodyPlan planFor(Poco::Net::HTTPRequestHandlerFactory& factory,
                 const Poco::Net::HTTPRequest& request) {
    const auto* planner = dynamic_cast<const BodyPlanner*>(&factory);
    if (!planner) return {};
    const std::string& uri = request.getURI();
    return planner->bodyPlanFor(request.getMethod(), uri.substr(0, uri.find('?')));
}

// The factory's stop event, which Poco keeps protected for its own connection class (a friend):
// named through a derived class, as C++ allows for a pointer to a protected member.
struct StopEvent : Poco::Net::HTTPRequestHandlerFactory {
    static Poco::BasicEvent<const bool>& of(Poco::Net::HTTPRequestHandlerFactory& factory) {
        return factory.*(&StopEvent::serverStopped);
    }
};

HeaderList headersOf(const Poco::Net::HTTPRequest& request) {
    HeaderList out;
    for (const auto& [name, value] : request) out.emplace_back(name, value);
    return out;
}

BodyOutcome readFixedBody(FramedSession& session, std::uint64_t length, std::string& body) {
    body.clear();
    body.resize(static_cast<std::size_t>(length));
    std::size_t got = 0;
    while (got < body.size()) {
        const int n = session.readSome(&body[got], static_cast<std::streamsize>(body.size() - got));
        if (n <= 0) return BodyOutcome::Truncated;
        got += static_cast<std::size_t>(n);
    }
    return BodyOutcome::Complete;
}

// Sends `answer` and ends the connection after it.
void sendFinal(FramedSession& session, const Response& answer) {
    Poco::Net::HTTPServerResponseImpl response(session);
    response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
    response.setDate(Poco::Timestamp());
    response.setKeepAlive(false);
    sendResponse(answer, response);
    session.setKeepAlive(false);
}

// After a refusal sent before the body was read: take in what the client still sends for a
// moment, so closing does not reset the connection before it has read the answer.
void drainBriefly(Poco::Net::StreamSocket& socket) {
    try {
        socket.shutdownSend();
        socket.setReceiveTimeout(Poco::Timespan(0, 200000));
        char buffer[16384];
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        std::size_t taken = 0;
        while (std::chrono::steady_clock::now() < until && taken < (8u << 20)) {
            const int n = socket.receiveBytes(buffer, sizeof buffer);
            if (n <= 0) break;
            taken += static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception&) {  // the client has gone: nothing more to do
    }
}

void refuseMalformedHead(FramedSession& session, Poco::Net::StreamSocket& socket) {
    try {
        sendFinal(session, errorResponse(400, "bad_request", "The request is malformed."));
        drainBriefly(socket);  // the client may still be sending the rest of the head
    } catch (const Poco::Exception&) {
    }
}

const char* refusalLog(BodyOutcome outcome) {
    return outcome == BodyOutcome::Malformed ? "a malformed chunked body" : "a body over the limit";
}

}  // namespace

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket,
                               Poco::Net::HTTPServerParams::Ptr params,
                               Poco::Net::HTTPRequestHandlerFactory::Ptr factory,
                               std::size_t maxBody)
    : TCPServerConnection(socket),
      params_(std::move(params)),
      factory_(std::move(factory)),
      maxBody_(maxBody) {
    StopEvent::of(*factory_) += Poco::delegate(this, &HttpConnection::onServerStopped);
}

HttpConnection::~HttpConnection() {
    try {
        StopEvent::of(*factory_) -= Poco::delegate(this, &HttpConnection::onServerStopped);
    } catch (...) {
    }
}

void HttpConnection::onServerStopped(const bool& abortCurrent) {
    stopped_ = true;
    if (abortCurrent) {
        try {
            socket().shutdown();
        } catch (...) {
        }
    } else {
        Poco::FastMutex::ScopedLock lock(mutex_);  // waits for the current request to end
    }
}

bool HttpConnection::serve(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response,
                           Poco::Net::HTTPServerSession& session) {
    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory_->createRequestHandler(request));
    if (!handler) {
        sendFinal(static_cast<FramedSession&>(session),
                  errorResponse(501, "not_implemented", "Not served here."));
        return false;
    }
    handler->handleRequest(request, response);
    const auto* streamed = dynamic_cast<const StreamedRequest*>(&request);
    if (streamed && !streamed->streamedBodyEnded()) {
        // The handler answered before the body's end (a refusal, 413): the rest of the body is
        // still on the line, so the connection cannot carry another request.
        session.setKeepAlive(false);
        drainBriefly(socket());
        return false;
    }
    session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() &&
                         session.canKeepAlive());
    return true;
}

void HttpConnection::run() {
    FramedSession session(socket(), params_);
    while (!stopped_ && session.hasMoreRequests()) {
        try {
            Poco::FastMutex::ScopedLock lock(mutex_);
            if (stopped_) break;
            Poco::Net::HTTPServerResponseImpl response(session);
            FramedRequest request(response, session, params_.get());  // reads the head
            const BodyPlan plan = planFor(*factory_, request);
            const std::size_t limit = plan.streamed ? plan.limit : maxBody_;
            const FramingVerdict framing =
                checkFraming(request.getVersion(), headersOf(request), limit);
            if (framing.status != 0) {
                sendFinal(session, errorResponse(framing.status, framing.code, framing.message));
                if (framing.status == 413) drainBriefly(socket());
                break;
            }
            response.setDate(Poco::Timestamp());
            response.setVersion(request.getVersion());
            response.setKeepAlive(params_->getKeepAlive() && request.getKeepAlive() &&
                                  session.canKeepAlive());
            if (request.getExpectContinue()) response.sendContinue();
            if (plan.streamed) {
                request.stream(std::make_unique<StreamedBody>(session, framing, limit));
                if (!serve(request, response, session)) break;
                continue;
            }
            std::string body;
            const BodyOutcome outcome =
                framing.chunked
                    ? readChunkedBody([&] { return session.nextByte(); }, maxBody_, body)
                    : readFixedBody(session, framing.contentLength, body);
            if (outcome == BodyOutcome::Truncated) break;  // nothing executed, nothing answered
            if (outcome != BodyOutcome::Complete) {
                spdlog::info("request refused: {}", refusalLog(outcome));
                const bool large = outcome == BodyOutcome::TooLarge;
                sendFinal(session, large ? errorResponse(413, "too_large",
                                                         "The request body is larger than the "
                                                         "server accepts.")
                                         : errorResponse(400, "bad_request",
                                                         "The chunked body is malformed."));
                if (large) drainBriefly(socket());
                break;
            }
            request.setBody(std::move(body));
            if (!serve(request, response, session)) break;
        } catch (const Poco::Net::NoMessageException&) {
            break;  // the client closed between requests
        } catch (const Poco::Net::MessageException&) {
            // A head Poco cannot read: too many or too long fields, an HTTP/0.9 line, a target
            // too long. Answered in API.md's shape, then closed.
            refuseMalformedHead(session, socket());
            break;
        } catch (const Poco::SyntaxException&) {
            refuseMalformedHead(session, socket());  // e.g. "Content-Length: abc"
            break;
        } catch (const Poco::Exception&) {
            if (session.networkException()) session.networkException()->rethrow();
            throw;
        }
    }
}

}  // namespace binhan::http
