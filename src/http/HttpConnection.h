#pragma once
// One HTTP/1.1 connection (the loop of Poco's HTTPServerConnection, issue 17), with the
// server's own answers where Poco's are bare: a malformed head (too many or too long header
// fields, an HTTP/0.9 line, a long target) gets API.md's JSON error; framing is decided before
// any handler runs (http/Framing.h); the body is read here in full, strictly, under the limit,
// and handed to the handler through the request's stream — or, on an upload route
// (http/BodyPlan.h), streamed to the handler as it arrives under that route's limit. A body shorter
// than declared (the client stopped) closes the connection with nothing executed. Every refusal
// closes it too. One object per connection, run by one thread; the server's stop event is honoured
// between requests, as Poco's is.
#include <Poco/Mutex.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/TCPServerConnection.h>

#include <cstddef>

namespace binhan::http {

class HttpConnection : public Poco::Net::TCPServerConnection {
  public:
    HttpConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPServerParams::Ptr params,
                   Poco::Net::HTTPRequestHandlerFactory::Ptr factory, std::size_t maxBody);
    ~HttpConnection() override;

    void run() override;

  private:
    void onServerStopped(const bool& abortCurrent);
    // Runs the handler; false when the connection must close after its answer.
    bool serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
               Poco::Net::HTTPServerSession& session);

    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr factory_;
    std::size_t maxBody_;
    bool stopped_ = false;
    Poco::FastMutex mutex_;
};

}  // namespace binhan::http
