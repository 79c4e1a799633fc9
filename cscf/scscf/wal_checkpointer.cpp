#include "cscf/scscf/wal_checkpointer.hpp"

#include <sqlite3.h>

#include <spdlog/spdlog.h>

#include "cscf/scscf/errors.hpp"

namespace ims::scscf {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(const std::string& path,
                                                                std::chrono::milliseconds period) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return make_error(scscf_errc::store_open_failed);
    }
    // The journal's connection may hold its write lock for a moment; wait rather than skip.
    sqlite3_busy_timeout(db, 1000);
    // A fresh connection does not know the file is in WAL mode until it reads it; until then
    // a checkpoint is a no-op (reports -1 frames).
    if (sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return make_error(scscf_errc::store_open_failed);
    }
    return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(db, period));
}

WalCheckpointer::WalCheckpointer(sqlite3* db, std::chrono::milliseconds period)
    : db_(db), period_(period), thread_([this](std::stop_token stop) { run(stop); }) {}

WalCheckpointer::~WalCheckpointer() {
    thread_.request_stop();
    if (thread_.joinable()) thread_.join();
    sqlite3_close(db_);
}

std::uint64_t WalCheckpointer::checkpoints() const {
    std::lock_guard lock(mutex_);
    return checkpoints_;
}

void WalCheckpointer::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, stop, period_, [] { return false; });
        }
        if (stop.stop_requested()) break;
        int wal_frames = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                                 &wal_frames, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
            spdlog::warn("location service: WAL checkpoint failed: {}", sqlite3_errmsg(db_));
            continue;
        }
        if (copied > 0) {
            std::lock_guard lock(mutex_);
            ++checkpoints_;
        }
    }
}

}  // namespace ims::scscf
