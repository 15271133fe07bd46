// _qawl: the C++ half of the Python module qawl (python/qawl/__init__.py is
// the other half and the documented API).
//
// Records: the extractor and the feed reader make qawl::v1::Quote records in
// C++; each becomes a Python qawl.v1.quote_pb2.Quote (QuoteMaker). With
// protobuf's "cpp" Python backend of the version this module was written
// for (Debian 12: python3-protobuf 4.21 over libprotobuf 3.21, the library
// this module links), a Python Quote is a wrapper around a C++
// qawl::v1::Quote made by the same generated code, so the record is moved
// into it (Swap) without serializing. With any other backend or version
// each record is serialized and parsed (Quote.FromString): slower, same
// result.
//
// Threads: every call releases the GIL while C++ works. Article text is
// converted from Python's str to UTF-8 by the extracting threads, not under
// the GIL. An Extractor owns a pool of worker threads (started on first use
// with threads > 1 and kept, so that each keeps its extractor workspace and
// its copies of the rules, as the batch job's workers do). A call with one
// thread extracts on the calling thread, then makes the Python objects; a
// call with N > 1 extracts on N pool threads while the calling thread,
// holding the GIL, makes the Python objects of each article as soon as it
// is done. Calls on one Extractor from several Python threads are safe:
// they take turns on the pool.
//
// Errors: bad arguments raise ValueError, TypeError or KeyError here; feed
// errors are returned to __init__.py, which raises qawl.FeedError.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <malloc.h>
#include <tmmintrin.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "qawl/extract_job.h"
#include "qawl/extractor.h"
#include "qawl/feed_reader.h"
#include "qawl/pattern_set.h"
#include "qawl/v1/quote.pb.h"

namespace py = pybind11;

namespace qawl_python {

// The first entries of protobuf's PyProto_API (python/google/protobuf/
// proto_api.h, not installed by Debian), the C API the "cpp" backend
// exports as the capsule "google.protobuf.pyext._message.proto_API". Only
// the leading virtual functions are declared: their order is the same in
// every release up to 4.21, the only version this module uses them with
// (QuoteMaker checks it). Outside the anonymous namespace: there, GCC
// would see that no class of this file derives from it and turn the calls
// into calls of the pure virtual functions.
struct ProtoApiPrefix {
  virtual ~ProtoApiPrefix() = default;
  virtual const google::protobuf::Message* GetMessagePointer(PyObject* msg) const = 0;
  virtual google::protobuf::Message* GetMutableMessagePointer(PyObject* msg) const = 0;
};

}  // namespace qawl_python

namespace {

using qawl_python::ProtoApiPrefix;

// Makes Python qawl.v1.Quote objects from C++ records. One per process,
// created on first use with the GIL held, never destroyed (it holds Python
// objects, which must not be released after the interpreter is gone).
class QuoteMaker {
 public:
  static QuoteMaker& Get() {
    static QuoteMaker* maker = new QuoteMaker();
    return *maker;
  }

  // A new Python Quote holding *quote's fields; *quote is left empty or
  // unchanged. GIL held.
  py::object Make(qawl::v1::Quote* quote) {
    if (api_ != nullptr) {
      py::object obj = py::reinterpret_steal<py::object>(PyObject_CallNoArgs(cls_.ptr()));
      if (!obj) throw py::error_already_set();
      auto* target = static_cast<qawl::v1::Quote*>(api_->GetMutableMessagePointer(obj.ptr()));
      if (target == nullptr) throw py::error_already_set();
      target->Swap(quote);
      return obj;
    }
    const std::string bytes = quote->SerializeAsString();
    return from_string_(py::bytes(bytes));
  }

  // Whether records are moved (true) or serialized and parsed (false).
  bool zero_copy() const { return api_ != nullptr; }

 private:
  QuoteMaker() {
    py::module_ pb2 = py::module_::import("qawl.v1.quote_pb2");
    cls_ = pb2.attr("Quote");
    from_string_ = cls_.attr("FromString");
    try {
      py::module_ impl = py::module_::import("google.protobuf.internal.api_implementation");
      const std::string type = py::str(impl.attr("Type")());
      const std::string version = py::str(py::module_::import("google.protobuf").attr("__version__"));
      if (type != "cpp" || version.rfind("4.21.", 0) != 0) return;
      const auto* api = static_cast<const ProtoApiPrefix*>(
          PyCapsule_Import("google.protobuf.pyext._message.proto_API", 0));
      if (api == nullptr) {
        PyErr_Clear();
        return;
      }
      // The Python class must wrap this module's generated C++ class.
      py::object probe = cls_();
      const google::protobuf::Message* m = api->GetMessagePointer(probe.ptr());
      if (m == nullptr) {
        PyErr_Clear();
        return;
      }
      if (dynamic_cast<const qawl::v1::Quote*>(m) != nullptr) api_ = api;
    } catch (const py::error_already_set&) {
      // Fall back to serializing.
    }
  }

  py::object cls_;
  py::object from_string_;
  const ProtoApiPrefix* api_ = nullptr;
};

// A Python list of Quote objects made from quotes[0, n) (left empty).
py::list ToPython(qawl::v1::Quote* quotes, size_t n) {
  QuoteMaker& maker = QuoteMaker::Get();
  py::list out(n);
  for (size_t i = 0; i < n; ++i) {
    py::object q = maker.Make(&quotes[i]);
    PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), q.release().ptr());
  }
  return out;
}

// Turns off glibc's fastbins for the process (mallopt M_MXFAST = 0), once,
// unless QAWL_MALLOC_TUNING=off. Records made on a pool thread come from
// that thread's arena and are freed on the Python thread when their
// messages die; glibc parks such small chunks in the arena's fastbins, and
// the next pool call pays for them in malloc_consolidate and in
// _int_malloc's slow paths (about 20 % more CPU per article than one
// thread, perf, 2026-12-06). Without fastbins those chunks are merged when
// freed and small allocations are still served by the per-thread tcache.
// Python's own small objects use pymalloc, not these bins.
std::atomic<bool> allocator_tuned{false};

void TuneAllocatorForThreads() {
  static std::once_flag once;
  std::call_once(once, [] {
#ifdef __GLIBC__
    const char* tuning = std::getenv("QAWL_MALLOC_TUNING");
    if (tuning != nullptr && std::string_view(tuning) == "off") return;
    if (mallopt(M_MXFAST, 0) == 1) allocator_tuned.store(true);
#endif
  });
}

// Runs a function on pool threads, with or without the calling thread, and
// waits until all are done. The pool threads live as long as the pool.
// Thread-safety: Run() and Start() ... Wait() are not reentrant; callers
// serialize them.
class WorkerPool {
 public:
  WorkerPool() = default;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    start_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  // Calls fn() on `n` threads (n >= 1), the calling thread included.
  void Run(int n, const std::function<void()>& fn) {
    Start(n - 1, fn);
    fn();
    Wait();
  }

  // Calls fn() on `n` pool threads (n >= 0) and returns at once; Wait()
  // returns when they are done. fn must outlive the Wait().
  void Start(int n, const std::function<void()>& fn) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (pid_ != ::getpid()) {
        // A child process forked from the one that started the threads
        // (multiprocessing with "fork"): they do not exist here.
        for (std::thread& t : threads_) t.detach();
        threads_.clear();
        pid_ = ::getpid();
      }
      if (n > 0) TuneAllocatorForThreads();
      while (static_cast<int>(threads_.size()) < n) {
        const int index = static_cast<int>(threads_.size());
        threads_.emplace_back([this, index] { Loop(index); });
      }
      fn_ = &fn;
      helpers_ = n;
      running_ = n;
      ++generation_;
    }
    if (n > 0) start_.notify_all();
  }

  void Wait() {
    std::unique_lock<std::mutex> lock(mu_);
    done_.wait(lock, [this] { return running_ == 0; });
    fn_ = nullptr;
  }

 private:
  void Loop(int index) {
    uint64_t seen = 0;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
      if (index >= helpers_) continue;
      const std::function<void()>* fn = fn_;
      lock.unlock();
      (*fn)();
      lock.lock();
      if (--running_ == 0) done_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable start_;
  std::condition_variable done_;
  std::vector<std::thread> threads_;
  const std::function<void()>* fn_ = nullptr;
  uint64_t generation_ = 0;
  int helpers_ = 0;  // pool threads taking part in the current Run
  int running_ = 0;  // of those, still running
  bool stop_ = false;
  pid_t pid_ = ::getpid();
};

// A Python str's characters, to be converted to UTF-8 without the GIL. The
// str must stay alive (and it cannot change: str is immutable).
struct TextRef {
  int kind = PyUnicode_1BYTE_KIND;
  bool ascii = true;
  const void* data = nullptr;
  size_t length = 0;
};

TextRef RefText(py::handle s) {
  if (PyUnicode_READY(s.ptr()) != 0) throw py::error_already_set();
  TextRef t;
  t.kind = PyUnicode_KIND(s.ptr());
  t.ascii = PyUnicode_IS_ASCII(s.ptr());
  t.data = PyUnicode_DATA(s.ptr());
  t.length = static_cast<size_t>(PyUnicode_GET_LENGTH(s.ptr()));
  return t;
}

// Writes code point `c` as UTF-8 at p; a lone surrogate (which Python's
// str may hold and UTF-8 cannot) becomes U+FFFD. Returns the end.
char* PutUtf8(uint32_t c, char* p) {
  if (c < 0x80) {
    *p++ = static_cast<char>(c);
  } else if (c < 0x800) {
    *p++ = static_cast<char>(0xC0 | (c >> 6));
    *p++ = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
    *p++ = static_cast<char>(0xE0 | (c >> 12));
    *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *p++ = static_cast<char>(0xF0 | (c >> 18));
    *p++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *p++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return p;
}

// UCS-2 to UTF-8 for text below U+0800 (Arabic letters, ASCII spaces and
// punctuation), 8 code units at a time: each unit becomes 2 bytes (its
// ASCII byte and a dummy, or the two UTF-8 bytes), and a shuffle chosen by
// the mask of ASCII units drops the dummies. Returns the number of units
// converted (a multiple of 8; it stops before a block with a unit >=
// U+0800); writes up to 16 bytes past the output it reports in *p.
struct Ucs2Shuffles {
  alignas(16) uint8_t index[256][16];
  uint8_t length[256];
  Ucs2Shuffles() {
    for (int mask = 0; mask < 256; ++mask) {
      int n = 0;
      for (int lane = 0; lane < 8; ++lane) {
        index[mask][n++] = static_cast<uint8_t>(2 * lane);
        if (!(mask & (1 << lane))) index[mask][n++] = static_cast<uint8_t>(2 * lane + 1);
      }
      length[mask] = static_cast<uint8_t>(n);
      while (n < 16) index[mask][n++] = 0x80;  // zero
    }
  }
};

__attribute__((target("ssse3"))) size_t Ucs2ToUtf8Ssse3(const uint16_t* s, size_t length, char** p) {
  static const Ucs2Shuffles* table = new Ucs2Shuffles();
  const __m128i above_ascii = _mm_set1_epi16(static_cast<short>(0xFF80));
  const __m128i above_two = _mm_set1_epi16(static_cast<short>(0xF800));
  const __m128i zero = _mm_setzero_si128();
  char* out = *p;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(v, above_two), zero)) != 0xFFFF) break;
    const int ascii = _mm_movemask_epi8(_mm_packs_epi16(_mm_cmpeq_epi16(_mm_and_si128(v, above_ascii), zero), zero));
    // Two-byte form: lead 0xC0 | c >> 6 in the low byte, 0x80 | c & 0x3F in the high byte.
    const __m128i lead = _mm_or_si128(_mm_set1_epi16(0xC0), _mm_srli_epi16(v, 6));
    const __m128i trail = _mm_slli_epi16(_mm_or_si128(_mm_set1_epi16(0x80), _mm_and_si128(v, _mm_set1_epi16(0x3F))), 8);
    const __m128i two = _mm_or_si128(_mm_and_si128(lead, _mm_set1_epi16(0xFF)), trail);
    const __m128i is_ascii = _mm_cmpeq_epi16(_mm_and_si128(v, above_ascii), zero);
    const __m128i units = _mm_or_si128(_mm_and_si128(is_ascii, v), _mm_andnot_si128(is_ascii, two));
    const __m128i shuffle = _mm_load_si128(reinterpret_cast<const __m128i*>(table->index[ascii]));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_shuffle_epi8(units, shuffle));
    out += table->length[ascii];
  }
  *p = out;
  return i;
}

// Sets *out to the UTF-8 of `t`. No GIL needed.
void ToUtf8(const TextRef& t, std::string* out) {
  if (t.ascii) {
    out->assign(static_cast<const char*>(t.data), t.length);
    return;
  }
  static const bool ssse3 = __builtin_cpu_supports("ssse3");
  const size_t per_char = t.kind == PyUnicode_1BYTE_KIND ? 2 : t.kind == PyUnicode_2BYTE_KIND ? 3 : 4;
  // Room for the longest encoding and the 16 bytes a vector store may
  // write past the end (the buffer's allocation is reused by the caller).
  out->resize(t.length * per_char + 16);
  char* begin = out->data();
  char* p = begin;
  if (t.kind == PyUnicode_1BYTE_KIND) {
    const auto* s = static_cast<const uint8_t*>(t.data);
    for (size_t i = 0; i < t.length; ++i) p = PutUtf8(s[i], p);
  } else if (t.kind == PyUnicode_2BYTE_KIND) {
    // Arabic text: ASCII spaces and punctuation between two-byte letters.
    const auto* s = static_cast<const uint16_t*>(t.data);
    size_t i = 0;
    while (i < t.length) {
      if (ssse3) i += Ucs2ToUtf8Ssse3(s + i, t.length - i, &p);
      // The tail, or a block with a unit from U+0800 on: unit by unit.
      for (const size_t stop = std::min(t.length, i + 8); i < stop; ++i) {
        const uint32_t c = s[i];
        if (c < 0x80) {
          *p++ = static_cast<char>(c);
        } else if (c < 0x800) {
          p[0] = static_cast<char>(0xC0 | (c >> 6));
          p[1] = static_cast<char>(0x80 | (c & 0x3F));
          p += 2;
        } else {
          p = PutUtf8(c, p);
        }
      }
    }
  } else {
    const auto* s = static_cast<const uint32_t*>(t.data);
    for (size_t i = 0; i < t.length; ++i) p = PutUtf8(s[i], p);
  }
  out->resize(static_cast<size_t>(p - begin));
}

// One article of a call: its text, still a Python str, and the other
// fields, already UTF-8.
struct Input {
  TextRef text;
  // The str `text` reads from, held until the GIL is back: another Python
  // thread could otherwise replace the dict's "text", and free the str,
  // while the GIL is released.
  py::object text_owner;
  qawl::v1::Article article;  // all but the text
};

// The dict keys, made once.
struct Keys {
  py::str text{"text"};
  py::str id{"id"}, url{"url"}, date{"date"}, title{"title"}, source{"source"};
};
const Keys& GetKeys() {
  static Keys* keys = new Keys();
  return *keys;
}

std::string Where(size_t index) { return "articles[" + std::to_string(index) + "]"; }

void CheckStr(py::handle value, size_t index, const char* key) {
  if (!PyUnicode_Check(value.ptr())) {
    throw py::type_error(Where(index) + "['" + key + "'] must be str, not " + Py_TYPE(value.ptr())->tp_name);
  }
}

void SetField(py::handle value, size_t index, const char* key, std::string* field) {
  if (!value || value.is_none()) {
    field->clear();
    return;
  }
  CheckStr(value, index, key);
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value.ptr(), &size);
  if (data == nullptr) throw py::error_already_set();
  field->assign(data, static_cast<size_t>(size));
}

// Fills *in from a dict (or any mapping) with "text" and optional "id",
// "url", "date", "title", "source" (None counts as absent). GIL held.
void ToInput(py::handle item, size_t index, Input* in) {
  const Keys& k = GetKeys();
  const bool is_dict = PyDict_Check(item.ptr());
  // Not PyMapping_Check: it accepts str and list, which have __getitem__.
  static PyObject* mapping_abc = py::object(py::module_::import("collections.abc").attr("Mapping")).release().ptr();
  if (!is_dict && PyObject_IsInstance(item.ptr(), mapping_abc) != 1) {
    throw py::type_error(Where(index) + " must be a dict with a 'text' key, not " + Py_TYPE(item.ptr())->tp_name);
  }
  auto get = [&](const py::str& key) -> py::object {
    if (is_dict) return py::reinterpret_borrow<py::object>(PyDict_GetItem(item.ptr(), key.ptr()));
    py::object mapping = py::reinterpret_borrow<py::object>(item);
    if (!mapping.contains(key)) return py::object();
    return mapping[key];
  };
  py::object text = get(k.text);
  if (!text || text.is_none()) throw py::key_error(Where(index) + " has no 'text'");
  CheckStr(text, index, "text");
  in->text = RefText(text);
  in->text_owner = std::move(text);
  qawl::v1::Article& a = in->article;
  SetField(get(k.id), index, "id", a.mutable_id());
  SetField(get(k.url), index, "url", a.mutable_url());
  SetField(get(k.date), index, "date", a.mutable_date());
  SetField(get(k.title), index, "title", a.mutable_title());
  SetField(get(k.source), index, "source", a.mutable_source());
}

class PyExtractor {
 public:
  PyExtractor(std::optional<std::string> patterns_dir, float min_confidence, bool indirect) {
    if (!(min_confidence >= 0.0f && min_confidence <= 1.0f)) {
      throw py::value_error("min_confidence must be from 0 to 1, not " + std::to_string(min_confidence));
    }
    patterns_ = patterns_dir ? qawl::PatternSet::LoadDirectory(*patterns_dir) : qawl::PatternSet::LoadEmbedded();
    if (!patterns_->ok()) throw py::value_error(patterns_->error());
    qawl::ExtractOptions options;
    options.min_confidence = min_confidence;
    options.indirect = indirect;
    extractor_ = std::make_unique<qawl::Extractor>(patterns_.get(), options);
  }

  // The quotes of one article: a list of Quote.
  py::list Extract(const py::str& text, const std::string& id, const std::string& url, const std::string& date,
                   const std::string& title) {
    Input in;
    in.text = RefText(text);
    in.article.set_id(id);
    in.article.set_url(url);
    in.article.set_date(date);
    in.article.set_title(title);
    std::vector<qawl::v1::Quote> quotes;
    {
      py::gil_scoped_release release;
      ToUtf8(in.text, in.article.mutable_text());
      extractor_->Extract(in.article, &quotes);
    }
    return ToPython(quotes.data(), quotes.size());
  }

  // The quotes of each article of `batch` (a sequence of dicts), in order,
  // extracted on `threads` threads: a list of lists of Quote.
  py::list ExtractBatch(const py::sequence& batch, int threads) {
    if (threads < 0 || threads > 1024) throw py::value_error("threads must be from 0 (all cores) to 1024");
    if (threads == 0) threads = qawl::DefaultThreadCount();
    const size_t n = batch.size();
    // Destroyed after the GIL is back (it holds Python references).
    std::vector<Input> inputs(n);
    for (size_t i = 0; i < n; ++i) ToInput(py::object(batch[i]), i, &inputs[i]);
    const size_t used = std::max<size_t>(1, std::min(static_cast<size_t>(threads), n));
    return used == 1 ? ExtractOnCaller(&inputs) : ExtractOnPool(&inputs, used);
  }

 private:
  // Extracts every input on the calling thread, then makes the Python
  // objects. Each article's records are appended to one vector (no
  // allocation per article).
  py::list ExtractOnCaller(std::vector<Input>* inputs) {
    const size_t n = inputs->size();
    std::vector<qawl::v1::Quote> records;
    std::vector<size_t> ends(n);
    {
      py::gil_scoped_release release;
      std::string text;
      for (size_t i = 0; i < n; ++i) {
        Input& in = (*inputs)[i];
        ToUtf8(in.text, &text);
        in.article.mutable_text()->swap(text);
        records.resize(extractor_->ExtractReusing(in.article, &records, records.size()));
        ends[i] = records.size();
        in.article.mutable_text()->swap(text);
      }
    }
    py::list out(n);
    for (size_t i = 0, begin = 0; i < n; begin = ends[i++]) {
      PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), ToPython(records.data() + begin, ends[i] - begin).release().ptr());
    }
    return out;
  }

  // Extracts on `used` pool threads while the calling thread, holding the
  // GIL, turns each finished article's records into Python objects, in
  // order: making them is about a fifth of the work and needs the GIL, so
  // it runs beside the extraction rather than after it.
  py::list ExtractOnPool(std::vector<Input>* inputs, size_t used) {
    const size_t n = inputs->size();
    std::vector<std::vector<qawl::v1::Quote>> records(n);
    std::unique_ptr<std::atomic<bool>[]> done(new std::atomic<bool>[n]);
    for (size_t i = 0; i < n; ++i) done[i].store(false, std::memory_order_relaxed);
    std::atomic<size_t> next{0};
    const std::function<void()> work = [&] {
      // The thread's text buffer, swapped in and out of each article, so
      // that its allocation is reused from article to article.
      thread_local std::string text;
      for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
        Input& in = (*inputs)[i];
        ToUtf8(in.text, &text);
        in.article.mutable_text()->swap(text);
        extractor_->Extract(in.article, &records[i]);
        in.article.mutable_text()->swap(text);
        done[i].store(true, std::memory_order_release);
        done[i].notify_one();
      }
    };
    // Until the pool is done with them, the records, flags and `work` must
    // stay, whether this returns or throws (a Python object not made).
    struct PoolRun {
      PyExtractor* self;
      std::unique_lock<std::mutex> lock{self->pool_mu_, std::defer_lock};
      ~PoolRun() {
        if (!lock.owns_lock()) return;
        py::gil_scoped_release release;
        self->pool_.Wait();
        lock.unlock();
      }
    } run{this};
    {
      py::gil_scoped_release release;
      run.lock.lock();
      pool_.Start(static_cast<int>(used), work);
    }
    py::list out(n);
    for (size_t i = 0; i < n; ++i) {
      if (!done[i].load(std::memory_order_acquire)) {
        py::gil_scoped_release release;
        done[i].wait(false, std::memory_order_acquire);
      }
      PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), ToPython(records[i].data(), records[i].size()).release().ptr());
    }
    return out;
  }

  std::unique_ptr<qawl::PatternSet> patterns_;
  std::unique_ptr<qawl::Extractor> extractor_;
  std::mutex pool_mu_;
  WorkerPool pool_;
};

// Reads a feed in batches. next_batch() returns (list of Quote, done,
// error), error being None or (kind, message, byte offset): the records of
// the batch are the good ones before the error.
class PyFeedReader {
 public:
  PyFeedReader(const std::string& path, std::optional<std::string> format) {
    qawl::FeedReaderOptions options;
    if (format) {
      qawl::Format f;
      if (!qawl::ParseFormat(*format, &f) || f == qawl::Format::kText) {
        throw py::value_error("format must be 'pb' or 'jsonl', not '" + *format + "'");
      }
      options.format = f;
    }
    auto reader = qawl::FeedReader::Open(path, options);
    if (!reader.ok()) {
      const qawl::Status& s = reader.status();
      PyErr_SetString(s.code() == qawl::Status::Code::kNotFound ? PyExc_FileNotFoundError : PyExc_OSError,
                      s.message().c_str());
      throw py::error_already_set();
    }
    reader_ = std::move(*reader);
  }

  py::tuple NextBatch(size_t max_records) {
    std::vector<qawl::v1::Quote> quotes;
    bool failed = false;
    {
      py::gil_scoped_release release;
      quotes.reserve(std::min<size_t>(max_records, 4096));
      while (!done_ && quotes.size() < max_records) {
        quotes.emplace_back();
        if (!reader_->Next(&quotes.back())) {
          quotes.pop_back();
          failed = !reader_->status().ok();
          done_ = true;
        }
      }
    }
    py::object error = py::none();
    if (failed) {
      const qawl::Status& s = reader_->status();
      const char* kind = s.code() == qawl::Status::Code::kIoError ? "io" : "corruption";
      error = py::make_tuple(kind, s.message(), reader_->offset());
    }
    return py::make_tuple(ToPython(quotes.data(), quotes.size()), done_, error);
  }

 private:
  std::unique_ptr<qawl::FeedReader> reader_;
  bool done_ = false;
};

}  // namespace

PYBIND11_MODULE(_qawl, m) {
  m.doc() = "C++ half of the qawl module; use the API of the qawl package.";
  py::class_<PyExtractor>(m, "Extractor")
      .def(py::init<std::optional<std::string>, float, bool>(), py::arg("patterns_dir") = py::none(),
           py::arg("min_confidence") = 0.0f, py::arg("indirect") = true)
      .def("extract", &PyExtractor::Extract, py::arg("text"), py::arg("id") = "", py::arg("url") = "",
           py::arg("date") = "", py::arg("title") = "")
      .def("extract_batch", &PyExtractor::ExtractBatch, py::arg("batch"), py::arg("threads") = 1);
  py::class_<PyFeedReader>(m, "FeedReader")
      .def(py::init<const std::string&, std::optional<std::string>>(), py::arg("path"),
           py::arg("format") = py::none())
      .def("next_batch", &PyFeedReader::NextBatch, py::arg("max_records"));
  m.def("zero_copy", [] { return QuoteMaker::Get().zero_copy(); },
        "True if records are moved into Python messages without serializing.");
  m.def("default_threads", &qawl::DefaultThreadCount);
  m.def("allocator_tuned", [] { return allocator_tuned.load(); },
        "True once a call with several threads has turned glibc's fastbins off.");
}
