#include "qawl/article_reader.h"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

#include "qawl/normalizer.h"

namespace qawl {

namespace fs = std::filesystem;

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsArticleFile(const fs::path& p) {
  std::string name = p.filename().string();
  return EndsWith(name, ".txt") || EndsWith(name, ".jsonl") || EndsWith(name, ".jsonl.gz");
}

}  // namespace

// Reads lines (any length) from a file, a gzip file or standard input.
// A file that does not start with the gzip magic is read with read(2)
// straight into the line buffer; zlib's transparent mode would copy it
// through a buffer of its own.
class ArticleReader::LineSource {
 public:
  static std::unique_ptr<LineSource> Open(const std::string& path, std::string* error) {
    if (path != "-") {
      int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        *error = path + ": cannot open: " + std::strerror(errno);
        return nullptr;
      }
      unsigned char magic[2] = {0, 0};
      if (::pread(fd, magic, 2, 0) != 2 || magic[0] != 0x1F || magic[1] != 0x8B) {
        return std::unique_ptr<LineSource>(new LineSource(nullptr, fd));
      }
      ::close(fd);
    }
    gzFile f = path == "-" ? gzdopen(dup(0), "rb") : gzopen(path.c_str(), "rb");
    if (f == nullptr) {
      *error = path + ": cannot open: " + std::strerror(errno);
      return nullptr;
    }
    gzbuffer(f, 1 << 17);
    return std::unique_ptr<LineSource>(new LineSource(f, -1));
  }
  ~LineSource() {
    if (f_ != nullptr) gzclose(f_);
    if (fd_ >= 0) ::close(fd_);
  }

  // The next line without its "\n" (and "\r"). False at the end or on error.
  bool Next(std::string* line, uint64_t* offset, std::string* error) {
    line->clear();
    *offset = consumed_;
    for (;;) {
      if (pos_ == len_) {
        if (eof_) return !line->empty() && Finish(line);
        long n;
        if (f_ != nullptr) {
          n = gzread(f_, buf_.data(), static_cast<unsigned>(buf_.size()));
          if (n < 0) {
            int code;
            *error = std::string("read error: ") + gzerror(f_, &code);
            eof_ = true;
            return false;
          }
        } else {
          do {
            n = ::read(fd_, buf_.data(), buf_.size());
          } while (n < 0 && errno == EINTR);
          if (n < 0) {
            *error = std::string("read error: ") + std::strerror(errno);
            eof_ = true;
            return false;
          }
        }
        if (n == 0) {
          eof_ = true;
          continue;
        }
        pos_ = 0;
        len_ = static_cast<size_t>(n);
      }
      const char* start = buf_.data() + pos_;
      const void* nl = std::memchr(start, '\n', len_ - pos_);
      size_t take = nl ? static_cast<size_t>(static_cast<const char*>(nl) - start) : len_ - pos_;
      line->append(start, take);
      pos_ += take;
      consumed_ += take;
      if (nl) {
        ++pos_;
        ++consumed_;
        return Finish(line);
      }
    }
  }

 private:
  LineSource(gzFile f, int fd) : f_(f), fd_(fd), buf_(1 << 17) {}
  static bool Finish(std::string* line) {
    if (!line->empty() && line->back() == '\r') line->pop_back();
    return true;
  }
  gzFile f_;     // a gzip file or standard input, or
  int fd_ = -1;  // a plain file
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t len_ = 0;
  bool eof_ = false;
  uint64_t consumed_ = 0;

 public:
  uint64_t line_number = 0;
};

struct ArticleReader::Json {
  simdjson::dom::parser parser;
  std::string line;  // the current record, padded for simdjson; reused
};

ArticleReader::ArticleReader(std::vector<std::string> inputs, ReaderOptions options)
    : options_(std::move(options)), json_(std::make_unique<Json>()) {
  for (std::string& in : ExpandInputs(inputs)) pending_.push_back(std::move(in));
}

ArticleReader::~ArticleReader() = default;

std::vector<std::string> ArticleReader::ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      std::vector<std::string> files;
      fs::recursive_directory_iterator it(in, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        out.push_back(in);
        continue;
      }
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec) && IsArticleFile(it->path())) files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(in);
    }
  }
  return out;
}

bool ArticleReader::OpenNext(ReadItem* item) {
  while (!pending_.empty()) {
    std::string path = std::move(pending_.front());
    pending_.pop_front();
    std::error_code ec;
    if (path != "-" && fs::is_directory(path, ec)) {
      *item = ReadItem();
      item->ok = false;
      item->input_failed = true;
      item->input = path;
      item->error = path + ": cannot list directory";
      return true;
    }
    if (EndsWith(path, ".txt")) {
      *item = ReadItem();
      item->input = path;
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        item->ok = false;
        item->input_failed = true;
        item->error = path + ": cannot open: " + std::strerror(errno);
        return true;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      if (in.bad()) {
        item->ok = false;
        item->input_failed = true;
        item->error = path + ": read error";
        return true;
      }
      std::string text = ss.str();
      item->bytes = text.size();
      if (text.size() > options_.max_article_bytes || text.size() >= 0xFFFFFFF0ull) {
        item->ok = false;
        item->error = path + ": article of " + std::to_string(text.size()) +
                      " bytes is over the limit of " + std::to_string(options_.max_article_bytes);
        return true;
      }
      item->article.set_id(fs::path(path).stem().string());
      item->article.set_text(std::move(text));
      return true;
    }
    if (path == "-" || EndsWith(path, ".jsonl") || EndsWith(path, ".jsonl.gz") || EndsWith(path, ".json")) {
      std::string error;
      if (path != "-" && !fs::exists(path, ec)) {
        *item = ReadItem();
        item->ok = false;
        item->input_failed = true;
        item->input = path;
        item->error = path + ": no such file";
        return true;
      }
      current_ = LineSource::Open(path, &error);
      if (!current_) {
        *item = ReadItem();
        item->ok = false;
        item->input_failed = true;
        item->input = path;
        item->error = error;
        return true;
      }
      current_name_ = path;
      return false;  // opened; the caller reads lines from it
    }
    *item = ReadItem();
    item->ok = false;
    item->input_failed = true;
    item->input = path;
    item->error = path + (fs::exists(path, ec) ? ": not a .txt, .jsonl or .jsonl.gz file or a directory"
                                               : ": no such file or directory");
    return true;
  }
  return false;
}

bool ArticleReader::ParseLine(std::string* padded, ReadItem* item) {
  const size_t size = padded->size();
  auto fail = [&](const std::string& why) {
    item->ok = false;
    item->error = item->input + ":" + std::to_string(item->line) + ": " + why + " (byte " +
                  std::to_string(item->offset) + ")";
    return true;
  };
  if (size > options_.max_article_bytes + 4096 || size >= 0xFFFFFFF0ull) {
    return fail("record of " + std::to_string(size) + " bytes is over the limit of " +
                std::to_string(options_.max_article_bytes));
  }
  // The DOM parser dispatches at run time to the best SIMD kernel of this
  // CPU; it validates UTF-8 and the whole line. It reads up to
  // SIMDJSON_PADDING bytes past the end: padded in place, no copy.
  padded->resize(size + simdjson::SIMDJSON_PADDING, '\0');
  simdjson::dom::element doc;
  if (auto err = json_->parser.parse(padded->data(), size, false).get(doc); err) {
    return fail(std::string("invalid JSON: ") + simdjson::error_message(err));
  }
  simdjson::dom::object obj;
  if (auto err = doc.get_object().get(obj); err) return fail("not a JSON object");
  bool have_id = false;
  bool have_text = false;
  for (simdjson::dom::key_value_pair field : obj) {
    std::string_view key = field.key;
    std::string* target = nullptr;
    bool is_id = false;
    if (key == options_.id_field) {
      target = item->article.mutable_id();
      is_id = true;
    } else if (key == options_.text_field) {
      target = item->article.mutable_text();
    } else if (key == options_.url_field) {
      target = item->article.mutable_url();
    } else if (key == options_.date_field) {
      target = item->article.mutable_date();
    } else if (key == options_.title_field) {
      target = item->article.mutable_title();
    } else if (key == options_.source_field) {
      target = item->article.mutable_source();
    }
    if (target == nullptr) continue;
    simdjson::dom::element value = field.value;
    if (value.is_string()) {
      std::string_view v = value.get_string().value_unsafe();
      target->assign(v.data(), v.size());
    } else if (is_id && (value.is_int64() || value.is_uint64())) {
      *target = value.is_int64() ? std::to_string(value.get_int64().value_unsafe())
                                 : std::to_string(value.get_uint64().value_unsafe());
    } else if (value.is_null()) {
      target->clear();
      continue;
    } else {
      return fail("field \"" + std::string(key) + "\" is not a string");
    }
    if (is_id) have_id = true;
    if (target == item->article.mutable_text()) have_text = true;
  }
  if (!have_id || item->article.id().empty()) return fail("no \"" + options_.id_field + "\"");
  if (!have_text) return fail("no \"" + options_.text_field + "\"");
  if (item->article.text().size() > options_.max_article_bytes) {
    return fail("article of " + std::to_string(item->article.text().size()) +
                " bytes is over the limit of " + std::to_string(options_.max_article_bytes));
  }
  return true;
}

bool ArticleReader::Next(ReadItem* item) {
  std::string& line = json_->line;
  for (;;) {
    if (!current_) {
      if (OpenNext(item)) return true;
      if (!current_) return false;
    }
    uint64_t offset = 0;
    std::string error;
    if (!current_->Next(&line, &offset, &error)) {
      current_.reset();
      if (!error.empty()) {
        *item = ReadItem();
        item->ok = false;
        item->input_failed = true;
        item->input = current_name_;
        item->error = current_name_ + ": " + error;
        return true;
      }
      continue;
    }
    ++current_->line_number;
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    *item = ReadItem();
    item->input = current_name_;
    item->line = current_->line_number;
    item->offset = offset;
    item->bytes = line.size() + 1;
    ParseLine(&line, item);
    return true;
  }
}

}  // namespace qawl
