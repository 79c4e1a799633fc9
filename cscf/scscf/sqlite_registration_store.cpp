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
    j["profile"] = reg.profile ? reg.profile->xml : std::string();
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

Result<Registration> decode_registration(std::string_view text) {
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
        const auto xml = j.at("profile").get<std::string>();
        if (!xml.empty()) {
            auto profile = parse_user_data(xml);
            if (!profile) return make_error(scscf_errc::store_corrupt);
            reg.profile = std::move(profile).value();
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
    const std::string& path) {
    std::unique_ptr<SqliteRegistrationStore> store(new SqliteRegistrationStore());
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
        auto reg = decode_registration(data ? data : "");
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

Result<void> SqliteRegistrationStore::delete_row(const std::string& key) {
    sqlite3_reset(delete_);
    sqlite3_bind_text(delete_, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(delete_) != SQLITE_DONE) return make_error(scscf_errc::store_io);
    return success();
}

Result<void> SqliteRegistrationStore::put(Registration reg) {
    if (reg.impus.empty()) return success();
    if (reg.bindings.empty()) return erase(reg.key());
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
    BOOST_OUTCOME_TRY(delete_row(reg->key()));
    return memory_.erase(impu);
}

}  // namespace ims::scscf
