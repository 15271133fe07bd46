// The files of the qawl-lookup serve page (src/qawl/lookup/web/: HTML, CSS,
// JavaScript), compiled into the library at build time
// (cmake/embed_patterns.cmake), so that the server needs no file on disk
// and serves nothing else. The data is static and immutable; safe to read
// from any thread.
#ifndef QAWL_LOOKUP_WEB_ASSETS_H_
#define QAWL_LOOKUP_WEB_ASSETS_H_

#include <vector>

#include "qawl/embedded_patterns.h"

namespace qawl {

// Each file by its name in src/qawl/lookup/web/ ("index.html", "app.js").
const std::vector<EmbeddedFile>& EmbeddedWebFiles();

}  // namespace qawl

#endif  // QAWL_LOOKUP_WEB_ASSETS_H_
