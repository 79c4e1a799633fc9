#pragma once
// SqliteStore: the SubscriberStore kept in one embedded SQLite file. The daemon and the
// operator command line (`ims-hss subscriber ...`, `ims-hss provision`) open the same file;
// WAL mode lets them read while the other writes, and a busy timeout covers short write locks.
// Nothing is cached in RAM beyond SQLite's own page cache: each request queries by key, so a
// million subscribers cost disk, not memory.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "hss/lib/subscriber_store.hpp"

struct sqlite3;

namespace ims::hss {

struct SqliteOptions {
    /// "normal" (WAL commits survive a process crash; a power cut may lose the last ones) or
    /// "full" (fsync per commit: survives power loss, slower).
    std::string synchronous = "normal";
    int busy_timeout_ms = 5000;
    int cache_kib = 65536;  // SQLite page cache per connection
};

class SqliteStore final : public SubscriberStore {
  public:
    /// Opens (creating when absent) the database file and its schema. Called at start-up.
    static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& file,
                                                     const SqliteOptions& options = {});
    ~SqliteStore() override;
    SqliteStore(const SqliteStore&) = delete;
    SqliteStore& operator=(const SqliteStore&) = delete;

    Result<std::optional<Subscriber>> load(std::string_view impi) override;
    Result<std::optional<std::string>> owner_of(std::string_view impu) override;
    Result<std::optional<ServiceProfile>> profile(std::string_view name) override;
    Result<bool> compare_and_set_sqn(std::string_view impi, std::uint64_t expected,
                                     std::uint64_t next) override;
    Result<void> update_registration(const RegistrationUpdate& update) override;
    Result<ProvisionReport> provision(const std::vector<ServiceProfile>& profiles,
                                      const std::function<bool(Subscriber&)>& next) override;
    Result<bool> remove(std::string_view impi) override;
    Result<std::vector<std::string>> list(std::size_t offset, std::size_t limit) override;
    Result<std::size_t> count() override;

    /// The last SQLite error text (for start-up and CLI messages; never holds secrets).
    std::string last_error() const;

  private:
    struct Statements;
    explicit SqliteStore(sqlite3* db);
    Result<void> exec(const char* sql);
    /// Sets the journal mode; returns the mode in effect afterwards ("wal", "delete"...).
    std::string journal_mode(const char* mode);
    Result<void> prepare_all();
    Result<std::optional<Subscriber>> load_locked(std::string_view impi);

    sqlite3* db_;
    std::unique_ptr<Statements> st_;
    mutable std::mutex mutex_;  // one connection, serialised: SQLite has one writer anyway
};

}  // namespace ims::hss
