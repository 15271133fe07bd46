// Checkpoint: the sidecar file that makes a qawl-extract job resumable.
//
// A job writes its output to OUT.partial and, every few seconds, records in
// OUT.partial.ckpt how far it has got: the number of input records (read
// items, counting articles, bad records and articles of other shards) whose
// output is completely written, and the byte length of the output and of
// the errors file at that point, together with the running totals for the
// summary. Both files are fsynced before the checkpoint is replaced
// (written to CKPT.tmp, fsynced, renamed over CKPT, directory fsynced), so
// after a crash or kill -9 the checkpoint never claims more than is on
// disk. Resuming truncates the partial files to the recorded lengths and
// skips the recorded number of records: since records are written in input
// order, nothing is lost or written twice.
//
// When the job is done, a last checkpoint marked complete is written
// before the partial files are renamed, so that a kill between the renames
// leaves a state that --resume recognizes and finishes.
//
// The file is text, one "key value" per line, ending with a "check" line
// holding the FNV-1a hash of everything before it, so a damaged file is
// reported as corruption rather than trusted.
//
// Thread-safety: plain values and functions; one writer per file.
#ifndef QAWL_CHECKPOINT_H_
#define QAWL_CHECKPOINT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "qawl/status.h"

namespace qawl {

struct Checkpoint {
  // Identifies the job (inputs, their sizes and times, options); a resume
  // with a different fingerprint is refused.
  std::string fingerprint;
  uint64_t items = 0;          // read items completely handled
  uint64_t output_bytes = 0;   // length of OUT.partial covering them
  uint64_t errors_bytes = 0;   // length of the errors partial file
  // Running totals, so that the summary and exit status cover the job.
  uint64_t articles = 0;
  uint64_t quotes = 0;
  uint64_t bad_records = 0;
  uint64_t failed_inputs = 0;
  uint64_t bytes = 0;
  uint64_t other_shards = 0;
  // The job has finished: both partial files are complete and durable and
  // are being renamed to their final names. A resume finishes the renames.
  bool complete = false;
};

// Atomically replaces `path` with `ckpt` (see above).
Status WriteCheckpoint(const std::string& path, const Checkpoint& ckpt);

// Reads `path`. Returns std::nullopt if it does not exist, Corruption if it
// is damaged or of another version.
StatusOr<std::optional<Checkpoint>> ReadCheckpoint(const std::string& path);

// fsyncs the directory holding `path`, so that a rename in it is durable.
Status SyncParentDirectory(const std::string& path);

}  // namespace qawl

#endif  // QAWL_CHECKPOINT_H_
