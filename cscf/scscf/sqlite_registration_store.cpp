#include "cscf/scscf/sqlite_registration_store.hpp"

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "cscf/scscf/errors.hpp"

namespace ims::scscf {
namespace {

using nlohmann::json;

Result<void> exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        return make_error(scscf_errc::store_io);
    }
    return success();
}

}  // namespace

std::string encode_registration(const Registration& reg) {
    json j;
    j["impi"] = reg.impi;
    j["impus"] = reg.impus;
    j["state"] = static_cast<int>(reg.state);
    json profile = nullptr;
    if (reg.profile) {
        // The parsed profile, not the XML: identities per service profile plus the canonical
        // text of its (shared) iFC set.
        profile = {{"private_id", reg.profile->private_id}, {"service_profiles", json::array()}};
        for (const auto& sp : reg.profile->service_profiles) {
            json ids = json::array();
            for (const auto& id : sp.public_identities) {
                ids.push_back({{"id", id.identity},
                               {"barred", id.barred},
                               {"type", id.identity_type},
                               {"name", id.display_name}});
            }
            profile["service_profiles"].push_back(
                {{"ids", ids}, {"ifcs", sp.ifc_set ? sp.ifc_set->canonical : std::string()}});
        }
    }
    j["profile"] = std::move(profile);
    auto& bs = j["bindings"] = json::array();
    for (const auto& b : reg.bindings) {
        bs.push_back({{"uri", b.contact_uri},
                      {"params", b.contact_params},
                      {"expires", b.expires.time_since_epoch().count()},
                      {"q", b.q},
                      {"reg_id", b.reg_id},
                      {"cseq", b.cseq},
                      {"instance", b.instance},
                      {"call_id", b.call_id},
                      {"path", b.path},
                      {"received", b.received}});
    }
    return j.dump();
}

Result<Registration> decode_registration(std::string_view text, IfcCache* cache) {
    const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return make_error(scscf_errc::store_corrupt);
    // nlohmann's typed getters throw on a type mismatch; the journal is ours, but a damaged
    // file must not stop the S-CSCF, so a mismatch becomes store_corrupt.
    try {
        Registration reg;
        reg.impi = j.at("impi").get<std::string>();
        reg.impus = j.at("impus").get<std::vector<std::string>>();
        if (reg.impus.empty()) return make_error(scscf_errc::store_corrupt);
        const int state = j.at("state").get<int>();
        if (state < 0 || state > 2) return make_error(scscf_errc::store_corrupt);
        reg.state = static_cast<RegState>(state);
        if (const auto& jp = j.at("profile"); !jp.is_null()) {
            auto profile = std::make_shared<UserProfile>();
            profile->private_id = jp.at("private_id").get<std::string>();
            for (const auto& jsp : jp.at("service_profiles")) {
                ServiceProfile sp;
                for (const auto& jid : jsp.at("ids")) {
                    sp.public_identities.push_back(
                        {jid.at("id").get<std::string>(), jid.at("barred").get<bool>(),
                         jid.at("type").get<int>(), jid.at("name").get<std::string>()});
                }
                auto set = parse_ifc_set(jsp.at("ifcs").get<std::string>(), cache);
                if (!set) return make_error(scscf_errc::store_corrupt);
                sp.ifc_set = std::move(set).value();
                profile->service_profiles.push_back(std::move(sp));
            }
            reg.profile = std::move(profile);
        }
        for (const auto& jb : j.at("bindings")) {
            Binding b;
            b.contact_uri = jb.at("uri").get<std::string>();
            b.contact_params = jb.at("params").get<std::string>();
            b.expires = TimePoint(std::chrono::seconds(jb.at("expires").get<std::int64_t>()));
            b.q = jb.at("q").get<std::uint16_t>();
            b.reg_id = jb.at("reg_id").get<std::uint32_t>();
            b.cseq = jb.at("cseq").get<std::uint32_t>();
            b.instance = jb.at("instance").get<std::string>();
            b.call_id = jb.at("call_id").get<std::string>();
            b.path = jb.at("path").get<std::vector<std::string>>();
            b.received = jb.at("received").get<std::string>();
            reg.bindings.push_back(std::move(b));
        }
        return reg;
    } catch (const json::exception&) {
        return make_error(scscf_errc::store_corrupt);
    }
}

Result<std::unique_ptr<SqliteRegistrationStore>> SqliteRegistrationStore::open(
    const std::string& path, IfcCache* cache) {
    std::unique_ptr<SqliteRegistrationStore> store(new SqliteRegistrationStore());
    store->cache_ = cache;
    if (sqlite3_open_v2(path.c_str(), &store->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        return make_error(scscf_errc::store_open_failed);
    }
    // WAL + NORMAL: each write is durable against a process crash, cheap enough per REGISTER.
    BOOST_OUTCOME_TRY(exec(store->db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
    BOOST_OUTCOME_TRY(exec(store->db_,
                           "CREATE TABLE IF NOT EXISTS registrations ("
                           " key TEXT PRIMARY KEY, data TEXT NOT NULL)"));
    if (sqlite3_prepare_v2(store->db_,
                           "INSERT INTO registrations(key, data) VALUES(?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET data = excluded.data",
                           -1, &store->upsert_, nullptr) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db_, "DELETE FROM registrations WHERE key = ?1", -1,
                           &store->delete_, nullptr) != SQLITE_OK) {
        return make_error(scscf_errc::store_open_failed);
    }
    BOOST_OUTCOME_TRY(store->load());
    return store;
}

SqliteRegistrationStore::~SqliteRegistrationStore() {
    // Whoever waits is going away with us (the registrar): flush, but call nobody.
    waiting_.clear();
    commit();
    sqlite3_finalize(upsert_);
    sqlite3_finalize(delete_);
    sqlite3_close(db_);
}

Result<void> SqliteRegistrationStore::load() {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT key, data FROM registrations", -1, &st, nullptr) !=
        SQLITE_OK) {
        return make_error(scscf_errc::store_io);
    }
    std::vector<std::string> bad_keys;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
        auto reg = decode_registration(data ? data : "", cache_);
        if (!reg || key == nullptr || reg.value().key() != key) {
            ++corrupt_rows_;
            if (key != nullptr) bad_keys.emplace_back(key);
            continue;
        }
        (void)memory_.put(std::move(reg).value());
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return make_error(scscf_errc::store_io);
    for (const auto& k : bad_keys) {
        BOOST_OUTCOME_TRY(delete_row(k));
    }
    return success();
}

Result<void> SqliteRegistrationStore::begin_write() {
    if (!defer_ || in_transaction_) return success();
    BOOST_OUTCOME_TRY(exec(db_, "BEGIN"));
    in_transaction_ = true;
    defer_([this] { commit(); });
    return success();
}

bool SqliteRegistrationStore::commit() {
    bool ok = true;
    if (in_transaction_) {
        in_transaction_ = false;
        ok = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
        if (!ok) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    auto waiting = std::move(waiting_);
    waiting_.clear();
    for (auto& then : waiting) then(ok);
    return ok;
}

void SqliteRegistrationStore::when_durable(std::function<void(bool durable)> then) {
    if (!in_transaction_) return then(true);
    waiting_.push_back(std::move(then));
}

Result<void> SqliteRegistrationStore::delete_row(const std::string& key) {
    sqlite3_reset(delete_);
    sqlite3_bind_text(delete_, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(delete_) != SQLITE_DONE) return make_error(scscf_errc::store_io);
    return success();
}

Result<void> SqliteRegistrationStore::put(Registration reg) {
    if (reg.impus.empty()) return success();
    if (reg.bindings.empty()) return erase(reg.key());
    BOOST_OUTCOME_TRY(begin_write());
    // Keys of other sets that this one absorbs disappear from memory in put(); mirror that.
    for (const auto& impu : reg.impus) {
        if (auto other = memory_.find(impu); other && other->key() != reg.key()) {
            BOOST_OUTCOME_TRY(delete_row(other->key()));
        }
    }
    const auto text = encode_registration(reg);
    sqlite3_reset(upsert_);
    sqlite3_bind_text(upsert_, 1, reg.key().data(), static_cast<int>(reg.key().size()),
                      SQLITE_TRANSIENT);
    sqlite3_bind_text(upsert_, 2, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(upsert_) != SQLITE_DONE) return make_error(scscf_errc::store_io);
    return memory_.put(std::move(reg));
}

Result<void> SqliteRegistrationStore::erase(std::string_view impu) {
    const auto reg = memory_.find(impu);
    if (!reg) return success();
    BOOST_OUTCOME_TRY(begin_write());
    BOOST_OUTCOME_TRY(delete_row(reg->key()));
    return memory_.erase(impu);
}

}  // namespace ims::scscf
