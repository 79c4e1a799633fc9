#pragma once
// Moves SQLite's WAL checkpoints off the io thread. In WAL mode with synchronous=NORMAL a commit
// only appends to the WAL; the checkpoint that copies the WAL back into the database is the step
// that fsyncs, and by default it runs inside whichever commit crosses 1000 WAL pages. On the
// S-CSCF that commit is on the io thread, which then stalls every REGISTER behind one fsync.
// Here the journal's own connection never checkpoints (wal_autocheckpoint=0) and this thread,
// with a second connection to the same file, runs a PASSIVE checkpoint every `period`: passive
// checkpoints run beside the writer without blocking it.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "common/core/result.hpp"

struct sqlite3;

namespace ims::scscf {

class WalCheckpointer {
  public:
    /// Opens its own connection to the database at `path` (which must exist, in WAL mode) and
    /// starts the thread.
    static Result<std::unique_ptr<WalCheckpointer>> start(const std::string& path,
                                                          std::chrono::milliseconds period);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    /// Checkpoints that copied at least one frame (for tests and the stats line).
    std::uint64_t checkpoints() const;

  private:
    WalCheckpointer(sqlite3* db, std::chrono::milliseconds period);
    void run(std::stop_token stop);

    sqlite3* db_;
    std::chrono::milliseconds period_;
    mutable std::mutex mutex_;
    std::condition_variable_any wake_;
    std::uint64_t checkpoints_ = 0;
    std::jthread thread_;  // last: started once everything above exists
};

}  // namespace ims::scscf
