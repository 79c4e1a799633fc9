#include "hss/lib/sqlite_store.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <sstream>

#include "hss/lib/hss_errc.hpp"
#include "hss/lib/profile_json.hpp"

namespace ims::hss {
namespace {

// Schema version 1. Credentials and state of one IMPI live in one row so that a MAR reads one
// row and writes one column; IMPUs are rows keyed by URI (one IMPU belongs to one IMPI).
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', '1');
CREATE TABLE IF NOT EXISTS service_profile(
    name TEXT PRIMARY KEY,
    ifc_json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subscriber(
    impi TEXT PRIMARY KEY,
    default_scheme INTEGER NOT NULL,
    digest_realm TEXT,
    ha1_md5 TEXT,
    ha1_sha256 TEXT,
    k BLOB,
    opc BLOB,
    amf BLOB,
    sqn INTEGER NOT NULL DEFAULT 0,
    visited TEXT NOT NULL DEFAULT '',
    scscf TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS impu(
    uri TEXT PRIMARY KEY,
    impi TEXT NOT NULL,
    irs INTEGER NOT NULL,
    pos INTEGER NOT NULL,
    barred INTEGER NOT NULL,
    profile TEXT NOT NULL,
    state INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS impu_by_impi ON impu(impi, irs, pos);
)sql";

/// A prepared statement, reset and unbound after each use by Use.
class Stmt {
  public:
    Stmt() = default;
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    bool prepare(sqlite3* db, const char* sql) {
        return sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr) ==
               SQLITE_OK;
    }
    sqlite3_stmt* get() const { return s_; }

  private:
    sqlite3_stmt* s_ = nullptr;
};

/// Scoped use of a statement: binds, steps, and resets it when leaving the scope.
class Use {
  public:
    explicit Use(Stmt& s) : s_(s.get()) {}
    ~Use() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
    Use& text(int i, std::string_view v) {
        sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Use& opt_text(int i, const std::string& v) {
        if (v.empty()) {
            sqlite3_bind_null(s_, i);
        } else {
            text(i, v);
        }
        return *this;
    }
    Use& blob(int i, const Bytes& v) {
        if (v.empty()) {
            sqlite3_bind_null(s_, i);
        } else {
            sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        }
        return *this;
    }
    Use& i64(int i, std::int64_t v) {
        sqlite3_bind_int64(s_, i, v);
        return *this;
    }
    int step() { return sqlite3_step(s_); }
    std::string col_text(int c) const {
        auto* p = sqlite3_column_text(s_, c);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
                 : std::string();
    }
    Bytes col_blob(int c) const {
        auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(s_, c));
        return p ? Bytes(p, p + sqlite3_column_bytes(s_, c)) : Bytes();
    }
    std::int64_t col_i64(int c) const { return sqlite3_column_int64(s_, c); }
    bool col_null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }

  private:
    sqlite3_stmt* s_;
};

std::error_code db_error(int rc) {
    return make_error_code(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? hss_errc::busy
                                                                    : hss_errc::store);
}

std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) {
        if (!out.empty()) out += ',';
        out += s;
    }
    return out;
}

std::vector<std::string> split(const std::string& s) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(s);
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

}  // namespace

struct SqliteStore::Statements {
    Stmt load_sub, owner, profile, cas_sqn, set_scscf, set_state;
    Stmt upsert_profile, upsert_sub, mark_impus, upsert_impu, sweep_impus;
    Stmt del_sub, del_impus, list, count;
    Stmt begin, begin_immediate, commit, rollback;
};

SqliteStore::SqliteStore(sqlite3* db) : db_(db), st_(std::make_unique<Statements>()) {}

SqliteStore::~SqliteStore() {
    st_.reset();  // finalize before closing
    sqlite3_close(db_);
}

std::string SqliteStore::journal_mode(const char* mode) {
    std::string sql = std::string("PRAGMA journal_mode=") + mode;
    sqlite3_stmt* stmt = nullptr;
    std::string result;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        auto* text = sqlite3_column_text(stmt, 0);
        if (text) result = reinterpret_cast<const char*>(text);
    }
    sqlite3_finalize(stmt);
    return result;
}

std::string SqliteStore::last_error() const {
    return sqlite3_errmsg(db_);
}

Result<void> SqliteStore::exec(const char* sql) {
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return db_error(rc);
    return success();
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& file,
                                                       const SqliteOptions& options) {
    sqlite3* db = nullptr;
    int rc =
        sqlite3_open_v2(file.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<SqliteStore> store(new SqliteStore(db));  // owns db even on failure
    if (rc != SQLITE_OK) return db_error(rc);
    sqlite3_busy_timeout(db, options.busy_timeout_ms);
    const std::string sync = options.synchronous == "full" ? "FULL" : "NORMAL";
    const std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=" + sync +
                                "; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-" +
                                std::to_string(options.cache_kib) + ";";
    BOOST_OUTCOME_TRY(store->exec(pragmas.c_str()));
    BOOST_OUTCOME_TRY(store->exec(kSchema));
    BOOST_OUTCOME_TRY(store->prepare_all());
    return store;
}

Result<void> SqliteStore::prepare_all() {
    auto& s = *st_;
    const std::pair<Stmt*, const char*> all[] = {
        {&s.load_sub,
         "SELECT s.default_scheme, s.digest_realm, s.ha1_md5, s.ha1_sha256, s.k, s.opc, s.amf, "
         "s.sqn, s.visited, s.scscf, i.uri, i.irs, i.barred, i.profile, i.state "
         "FROM subscriber s LEFT JOIN impu i ON i.impi = s.impi "
         "WHERE s.impi=?1 ORDER BY i.irs, i.pos"},
        {&s.owner, "SELECT impi FROM impu WHERE uri=?1"},
        {&s.profile, "SELECT ifc_json FROM service_profile WHERE name=?1"},
        {&s.cas_sqn, "UPDATE subscriber SET sqn=?3 WHERE impi=?1 AND sqn=?2"},
        {&s.set_scscf, "UPDATE subscriber SET scscf=?2 WHERE impi=?1"},
        {&s.set_state, "UPDATE impu SET state=?3 WHERE uri=?2 AND impi=?1"},
        {&s.upsert_profile,
         "INSERT INTO service_profile(name, ifc_json) VALUES(?1, ?2) "
         "ON CONFLICT(name) DO UPDATE SET ifc_json=excluded.ifc_json"},
        {&s.upsert_sub,
         "INSERT INTO subscriber(impi, default_scheme, digest_realm, ha1_md5, ha1_sha256, k, "
         "opc, amf, sqn, visited) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
         "ON CONFLICT(impi) DO UPDATE SET default_scheme=excluded.default_scheme, "
         "digest_realm=excluded.digest_realm, ha1_md5=excluded.ha1_md5, "
         "ha1_sha256=excluded.ha1_sha256, k=excluded.k, opc=excluded.opc, amf=excluded.amf, "
         "sqn=max(sqn, excluded.sqn), visited=excluded.visited"},
        {&s.mark_impus, "UPDATE impu SET irs=-1 WHERE impi=?1"},
        // An IMPU owned by another IMPI is left alone (changes() == 0 reveals the clash).
        {&s.upsert_impu,
         "INSERT INTO impu(uri, impi, irs, pos, barred, profile) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
         "ON CONFLICT(uri) DO UPDATE SET irs=excluded.irs, pos=excluded.pos, "
         "barred=excluded.barred, profile=excluded.profile WHERE impu.impi=excluded.impi"},
        {&s.sweep_impus, "DELETE FROM impu WHERE impi=?1 AND irs=-1"},
        {&s.del_sub, "DELETE FROM subscriber WHERE impi=?1"},
        {&s.del_impus, "DELETE FROM impu WHERE impi=?1"},
        {&s.list, "SELECT impi FROM subscriber ORDER BY impi LIMIT ?2 OFFSET ?1"},
        {&s.count, "SELECT count(*) FROM subscriber"},
        {&s.begin, "BEGIN"},
        {&s.begin_immediate, "BEGIN IMMEDIATE"},
        {&s.commit, "COMMIT"},
        {&s.rollback, "ROLLBACK"},
    };
    for (const auto& [stmt, sql] : all)
        if (!stmt->prepare(db_, sql)) return make_error(hss_errc::store);
    return success();
}

namespace {

/// Runs a one-shot statement that returns no rows.
Result<void> run(Stmt& s) {
    Use u(s);
    int rc = u.step();
    if (rc != SQLITE_DONE) return db_error(rc);
    return success();
}

/// Rolls back unless committed.
class Txn {
  public:
    Txn(Stmt& rollback) : rollback_(rollback) {}
    ~Txn() {
        if (!done_) (void)run(rollback_);
    }
    void done() { done_ = true; }

  private:
    Stmt& rollback_;
    bool done_ = false;
};

}  // namespace

Result<std::optional<Subscriber>> SqliteStore::load(std::string_view impi) {
    std::lock_guard lock(mutex_);
    return load_locked(impi);
}

Result<std::optional<Subscriber>> SqliteStore::load_locked(std::string_view impi) {
    // One statement (subscriber LEFT JOIN its IMPUs): atomic against a concurrent provisioning
    // without an explicit read transaction, and the cheapest read a MAR can make.
    Use u(st_->load_sub);
    u.text(1, impi);
    Subscriber sub;
    std::int64_t current_irs = -2;
    bool first = true;
    for (;;) {
        int rc = u.step();
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return db_error(rc);
        if (first) {
            first = false;
            sub.impi = std::string(impi);
            auto scheme = u.col_i64(0);
            if (scheme != 0 && scheme != 1) return make_error(hss_errc::bad_data);
            sub.default_scheme = static_cast<AuthScheme>(scheme);
            if (!u.col_null(1)) {
                sub.digest = DigestCredentials{u.col_text(1), u.col_text(2), u.col_text(3)};
            }
            if (!u.col_null(4)) {
                AkaCredentials aka;
                aka.k = u.col_blob(4);
                aka.opc = u.col_blob(5);
                aka.amf = u.col_blob(6);
                aka.sqn = static_cast<std::uint64_t>(u.col_i64(7));
                if (aka.k.size() != 16 || aka.opc.size() != 16 || aka.amf.size() != 2)
                    return make_error(hss_errc::bad_data);
                sub.aka = std::move(aka);
            }
            sub.allowed_visited_networks = split(u.col_text(8));
            sub.scscf_name = u.col_text(9);
        }
        if (u.col_null(10)) continue;  // no IMPU (not produced by provisioning)
        std::int64_t irs = u.col_i64(11);
        if (irs != current_irs) {
            sub.sets.emplace_back();
            sub.sets.back().service_profile = u.col_text(13);
            current_irs = irs;
        }
        auto state = u.col_i64(14);
        if (state < 0 || state > 2) return make_error(hss_errc::bad_data);
        sub.sets.back().impus.push_back(
            PublicIdentity{u.col_text(10), u.col_i64(12) != 0, static_cast<RegState>(state)});
    }
    if (first) return std::optional<Subscriber>();
    return std::optional<Subscriber>(std::move(sub));
}

Result<std::optional<std::string>> SqliteStore::owner_of(std::string_view impu) {
    std::lock_guard lock(mutex_);
    Use u(st_->owner);
    u.text(1, impu);
    int rc = u.step();
    if (rc == SQLITE_DONE) return std::optional<std::string>();
    if (rc != SQLITE_ROW) return db_error(rc);
    return std::optional<std::string>(u.col_text(0));
}

Result<std::optional<ServiceProfile>> SqliteStore::profile(std::string_view name) {
    std::lock_guard lock(mutex_);
    Use u(st_->profile);
    u.text(1, name);
    int rc = u.step();
    if (rc == SQLITE_DONE) return std::optional<ServiceProfile>();
    if (rc != SQLITE_ROW) return db_error(rc);
    BOOST_OUTCOME_TRY(p, profile_from_json(name, u.col_text(0)));
    return std::optional<ServiceProfile>(std::move(p));
}

Result<bool> SqliteStore::compare_and_set_sqn(std::string_view impi, std::uint64_t expected,
                                              std::uint64_t next) {
    std::lock_guard lock(mutex_);
    Use u(st_->cas_sqn);
    u.text(1, impi)
        .i64(2, static_cast<std::int64_t>(expected))
        .i64(3, static_cast<std::int64_t>(next));
    int rc = u.step();
    if (rc != SQLITE_DONE) return db_error(rc);
    return sqlite3_changes(db_) == 1;
}

Result<void> SqliteStore::update_registration(const RegistrationUpdate& update) {
    std::lock_guard lock(mutex_);
    BOOST_OUTCOME_TRY(run(st_->begin_immediate));
    Txn txn(st_->rollback);
    if (update.scscf_name) {
        Use u(st_->set_scscf);
        u.text(1, update.impi).text(2, *update.scscf_name);
        int rc = u.step();
        if (rc != SQLITE_DONE) return db_error(rc);
    }
    for (const auto& impu : update.impus) {
        Use u(st_->set_state);
        u.text(1, update.impi).text(2, impu).i64(3, static_cast<int>(update.state));
        int rc = u.step();
        if (rc != SQLITE_DONE) return db_error(rc);
    }
    BOOST_OUTCOME_TRY(run(st_->commit));
    txn.done();
    return success();
}

Result<ProvisionReport> SqliteStore::provision(const std::vector<ServiceProfile>& profiles,
                                               const std::function<bool(Subscriber&)>& next) {
    std::lock_guard lock(mutex_);
    ProvisionReport report;
    bool was_empty = false;
    {
        Use u(st_->count);
        if (u.step() != SQLITE_ROW) return make_error(hss_errc::store);
        was_empty = u.col_i64(0) == 0;
    }
    // Bulk load into an empty store: a rollback journal writes each page once, where WAL would
    // write it to the WAL and again at checkpoint. Only possible while no other connection is
    // open (the daemon not running); otherwise stay in WAL. Atomicity is the same either way.
    bool bulk_journal = false;
    if (was_empty) {
        bulk_journal = journal_mode("DELETE") == "delete";
        if (!bulk_journal) (void)journal_mode("WAL");
    }
    struct RestoreWal {
        SqliteStore* self;
        bool active;
        ~RestoreWal() {
            if (active) (void)self->journal_mode("WAL");
        }
    } restore_wal{this, bulk_journal};
    BOOST_OUTCOME_TRY(run(st_->begin_immediate));
    Txn txn(st_->rollback);
    for (const auto& p : profiles) {
        Use u(st_->upsert_profile);
        u.text(1, p.name).text(2, profile_to_json(p));
        int rc = u.step();
        if (rc != SQLITE_DONE) return db_error(rc);
        ++report.profiles;
    }
    Subscriber sub;
    while (next(sub)) {
        {
            Use u(st_->upsert_sub);
            u.text(1, sub.impi).i64(2, static_cast<int>(sub.default_scheme));
            if (sub.digest) {
                u.text(3, sub.digest->realm)
                    .text(4, sub.digest->ha1_md5)
                    .text(5, sub.digest->ha1_sha256);
            }
            if (sub.aka) {
                u.blob(6, sub.aka->k).blob(7, sub.aka->opc).blob(8, sub.aka->amf);
                u.i64(9, static_cast<std::int64_t>(sub.aka->sqn));
            } else {
                u.i64(9, 0);
            }
            u.text(10, join(sub.allowed_visited_networks));
            int rc = u.step();
            if (rc != SQLITE_DONE) return db_error(rc);
        }
        if (!was_empty) {
            Use u(st_->mark_impus);
            u.text(1, sub.impi);
            if (int rc = u.step(); rc != SQLITE_DONE) return db_error(rc);
        }
        for (std::size_t irs = 0; irs < sub.sets.size(); ++irs) {
            const auto& set = sub.sets[irs];
            for (std::size_t pos = 0; pos < set.impus.size(); ++pos) {
                Use u(st_->upsert_impu);
                u.text(1, set.impus[pos].uri)
                    .text(2, sub.impi)
                    .i64(3, static_cast<std::int64_t>(irs))
                    .i64(4, static_cast<std::int64_t>(pos))
                    .i64(5, set.impus[pos].barred ? 1 : 0)
                    .text(6, set.service_profile);
                int rc = u.step();
                if (rc != SQLITE_DONE) return db_error(rc);
                if (sqlite3_changes(db_) == 0) {
                    report.conflict_index = report.subscribers;
                    report.conflict_impu = set.impus[pos].uri;
                    Use o(st_->owner);
                    o.text(1, set.impus[pos].uri);
                    if (o.step() == SQLITE_ROW) report.conflict_owner = o.col_text(0);
                    return report;  // Txn rolls back: the store is untouched
                }
            }
        }
        if (!was_empty) {
            Use u(st_->sweep_impus);
            u.text(1, sub.impi);
            if (int rc = u.step(); rc != SQLITE_DONE) return db_error(rc);
        }
        ++report.subscribers;
    }
    BOOST_OUTCOME_TRY(run(st_->commit));
    txn.done();
    return report;
}

Result<bool> SqliteStore::remove(std::string_view impi) {
    std::lock_guard lock(mutex_);
    BOOST_OUTCOME_TRY(run(st_->begin_immediate));
    Txn txn(st_->rollback);
    bool existed = false;
    {
        Use u(st_->del_sub);
        u.text(1, impi);
        if (int rc = u.step(); rc != SQLITE_DONE) return db_error(rc);
        existed = sqlite3_changes(db_) > 0;
    }
    {
        Use u(st_->del_impus);
        u.text(1, impi);
        if (int rc = u.step(); rc != SQLITE_DONE) return db_error(rc);
    }
    BOOST_OUTCOME_TRY(run(st_->commit));
    txn.done();
    return existed;
}

Result<std::vector<std::string>> SqliteStore::list(std::size_t offset, std::size_t limit) {
    std::lock_guard lock(mutex_);
    Use u(st_->list);
    u.i64(1, static_cast<std::int64_t>(offset)).i64(2, static_cast<std::int64_t>(limit));
    std::vector<std::string> out;
    for (;;) {
        int rc = u.step();
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_ROW) return db_error(rc);
        out.push_back(u.col_text(0));
    }
    return out;
}

Result<std::size_t> SqliteStore::count() {
    std::lock_guard lock(mutex_);
    Use u(st_->count);
    int rc = u.step();
    if (rc != SQLITE_ROW) return db_error(rc);
    return static_cast<std::size_t>(u.col_i64(0));
}

}  // namespace ims::hss
