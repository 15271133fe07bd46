#include "qawl/lookup/web_server.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <httplib.h>

#include "qawl/lookup/web_handler.h"

namespace qawl::lookup {

// httplib 0.11 listens with a backlog of 5: with more clients connecting at
// once, the kernel drops their SYNs and they retry a second later. Calling
// listen() again on the bound socket sets a longer backlog.
class Server : public httplib::Server {
 public:
  bool WidenBacklog() { return ::listen(svr_sock_, SOMAXCONN) == 0; }
};

struct WebServer::Impl {
  WebHandler* handler;
  ServerOptions options;
  Server server;
};

WebServer::WebServer(WebHandler* handler, ServerOptions options) : impl_(new Impl{handler, options, {}}) {
  httplib::Server& s = impl_->server;
  uint32_t threads = options.threads > 0 ? options.threads : 1;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_payload_max_length(options.max_request_bytes);
  s.set_read_timeout(static_cast<time_t>(options.timeout_seconds), 0);
  s.set_write_timeout(static_cast<time_t>(options.timeout_seconds), 0);
  s.set_keep_alive_timeout(static_cast<time_t>(options.timeout_seconds));
  // Also on the answers httplib makes itself (400, 413, 414).
  s.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                         {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"}});
  // Every request, whatever its method, goes to the handler. This runs
  // before httplib reads a body, so the body size is checked here; a body
  // is never read (the API takes none) and its connection is closed.
  size_t max_body = options.max_request_bytes;
  s.set_pre_routing_handler([handler, max_body](const httplib::Request& req, httplib::Response& res) {
    bool has_body = req.has_header("Content-Length") || req.has_header("Transfer-Encoding");
    if (has_body) res.set_header("Connection", "close");
    std::string length = req.get_header_value("Content-Length");
    if (!length.empty() && (length.size() > 18 || length.find_first_not_of("0123456789") != std::string::npos ||
                            std::stoull(length) > max_body)) {
      res.status = 413;
      res.set_content("{\"error\":{\"status\":413,\"message\":\"the request is larger than " +
                          std::to_string(max_body) + " bytes\"}}",
                      "application/json; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    WebRequest request;
    request.method = req.method;
    request.path = req.path;
    for (const auto& [name, value] : req.params) request.params.emplace_back(name, value);
    WebResponse response = handler->Handle(request);
    res.status = response.status;
    for (const auto& [name, value] : response.headers) {
      if (name == "Content-Security-Policy" && res.has_header(name)) {
        res.headers.erase(name);  // the handler's policy replaces the default one
      }
      if (!res.has_header(name.c_str())) res.set_header(name.c_str(), value);
    }
    res.set_content(std::move(response.body), response.content_type.c_str());
    return httplib::Server::HandlerResponse::Handled;
  });
}

WebServer::~WebServer() = default;

StatusOr<int> WebServer::Bind() {
  const ServerOptions& o = impl_->options;
  int port = o.port;
  if (port == 0) {
    port = impl_->server.bind_to_any_port(o.bind);
    if (port < 0) return Status::IoError("cannot listen on " + o.bind + ": " + std::strerror(errno));
  } else if (!impl_->server.bind_to_port(o.bind, port)) {
    return Status::IoError("cannot listen on " + o.bind + " port " + std::to_string(port) + ": " +
                           std::strerror(errno));
  }
  if (!impl_->server.WidenBacklog()) {
    return Status::IoError("cannot listen on " + o.bind + " port " + std::to_string(port) + ": " +
                           std::strerror(errno));
  }
  return port;
}

Status WebServer::Serve() {
  if (!impl_->server.listen_after_bind()) return Status::IoError("the server stopped on an error");
  return Status::Ok();
}

void WebServer::Stop() { impl_->server.stop(); }

}  // namespace qawl::lookup
