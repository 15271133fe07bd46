// WebServer: the HTTP server of `qawl-lookup serve`, cpp-httplib in front of
// a WebHandler (web_handler.h), which does all the routing, validation and
// rendering. This is the only translation unit that includes httplib.h.
//
// Limits: a request larger than ServerOptions::max_request_bytes is refused
// (413) before it reaches the handler, as is a request line longer than
// httplib's 8 KiB; reads and writes time out after timeout_seconds; at most
// `threads` requests are answered at once (the others wait in the queue);
// the handler bounds each query's time and result size.
//
// Ownership and thread-safety: the server does not own the handler, which
// must outlive it. Bind() and Serve() are called from one thread; Stop()
// may be called from any thread (typically a signal-waiting one) and makes
// Serve() return.
#ifndef QAWL_LOOKUP_WEB_SERVER_H_
#define QAWL_LOOKUP_WEB_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "qawl/status.h"

namespace qawl::lookup {

class WebHandler;

struct ServerOptions {
  // Address to listen on. Default 127.0.0.1: only this machine.
  std::string bind = "127.0.0.1";
  // TCP port; 0: any free port (Bind() tells which). Default 8080.
  int port = 8080;
  // Worker threads, each answering one request at a time. Default 8.
  uint32_t threads = 8;
  // Read and write timeout of a connection, in seconds. Default 5.
  uint32_t timeout_seconds = 5;
  // Largest request body accepted, in bytes. Default 16 KiB (the API
  // takes no body).
  size_t max_request_bytes = 16 * 1024;
};

class WebServer {
 public:
  WebServer(WebHandler* handler, ServerOptions options = ServerOptions());
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the listening socket; returns the port.
  StatusOr<int> Bind();
  // Answers requests until Stop(). Call after Bind().
  Status Serve();
  // Makes Serve() return after the requests under way. Thread-safe.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_WEB_SERVER_H_
