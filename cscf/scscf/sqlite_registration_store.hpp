#pragma once
// Write-through SQLite journal over the in-memory location service: every put/erase is written
// before it is applied in memory, so a restarted S-CSCF reloads every binding. Bindings that
// expired while the process was down are loaded too and left to the normal expiry path (which
// sends SAR TIMEOUT_DEREGISTRATION and third-party de-registration) right after start.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cscf/scscf/registration_store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ims::scscf {

class SqliteRegistrationStore final : public RegistrationStore {
  public:
    /// Opens (creating if needed) the journal at `path` and loads it. Start-up only. `cache`
    /// (optional, must outlive the store) interns the iFC sets of the loaded profiles.
    static Result<std::unique_ptr<SqliteRegistrationStore>> open(const std::string& path,
                                                                 IfcCache* cache = nullptr);
    ~SqliteRegistrationStore() override;
    SqliteRegistrationStore(const SqliteRegistrationStore&) = delete;
    SqliteRegistrationStore& operator=(const SqliteRegistrationStore&) = delete;

    std::optional<Registration> find(std::string_view impu) const override {
        return memory_.find(impu);
    }
    Result<void> put(Registration reg) override;
    Result<void> erase(std::string_view impu) override;
    std::vector<std::string> due(TimePoint now) const override { return memory_.due(now); }
    std::optional<TimePoint> next_expiry() const override { return memory_.next_expiry(); }
    std::size_t registration_count() const override { return memory_.registration_count(); }
    std::size_t binding_count() const override { return memory_.binding_count(); }
    std::vector<std::string> keys() const override { return memory_.keys(); }

    void when_durable(std::function<void(bool durable)> then) override;

    /// Group commit. Without it every put/erase is its own SQLite transaction. With it the first
    /// write opens a transaction and hands `defer` the commit to run later (the S-CSCF posts it
    /// to its io_context, so it runs once the handlers already queued have run): every write of
    /// that pass shares one commit, and when_durable() callers (the 200 OK to a REGISTER) wait
    /// for it. One commit per write cost about a fifth of the S-CSCF's io thread under load.
    using Defer = std::function<void(std::function<void()>)>;
    void set_group_commit(Defer defer) { defer_ = std::move(defer); }
    /// Commits the open transaction now (also done by the destructor); false if that failed.
    bool commit();

    /// Rows skipped at load because they could not be decoded (logged by the caller).
    std::size_t corrupt_rows() const { return corrupt_rows_; }

  private:
    SqliteRegistrationStore() = default;
    Result<void> load();
    Result<void> delete_row(const std::string& key);
    Result<void> begin_write();

    sqlite3* db_ = nullptr;
    sqlite3_stmt* upsert_ = nullptr;
    sqlite3_stmt* delete_ = nullptr;
    MemoryRegistrationStore memory_;
    std::size_t corrupt_rows_ = 0;
    IfcCache* cache_ = nullptr;
    Defer defer_;
    bool in_transaction_ = false;
    std::vector<std::function<void(bool)>> waiting_;  // for the open transaction's commit
};

/// Journal encoding of a registration (JSON text); exposed for tests.
std::string encode_registration(const Registration& reg);
Result<Registration> decode_registration(std::string_view text, IfcCache* cache = nullptr);

}  // namespace ims::scscf
