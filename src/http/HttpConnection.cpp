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

// The request whose body this connection has read already.
class FramedRequest : public Poco::Net::HTTPServerRequestImpl {
  public:
    using HTTPServerRequestImpl::HTTPServerRequestImpl;
    std::istream& stream() override { return body_; }
    void setBody(std::string body) { body_.str(std::move(body)); }

  private:
    std::istringstream body_;
};

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

void HttpConnection::run() {
    FramedSession session(socket(), params_);
    while (!stopped_ && session.hasMoreRequests()) {
        try {
            Poco::FastMutex::ScopedLock lock(mutex_);
            if (stopped_) break;
            Poco::Net::HTTPServerResponseImpl response(session);
            FramedRequest request(response, session, params_.get());  // reads the head
            const FramingVerdict framing =
                checkFraming(request.getVersion(), headersOf(request), maxBody_);
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
            std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(
                factory_->createRequestHandler(request));
            if (!handler) {
                sendFinal(session, errorResponse(501, "not_implemented", "Not served here."));
                break;
            }
            handler->handleRequest(request, response);
            session.setKeepAlive(params_->getKeepAlive() && response.getKeepAlive() &&
                                 session.canKeepAlive());
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
