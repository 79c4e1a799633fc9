#include "hss/app/store_commands.hpp"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "hss/lib/credentials.hpp"
#include "hss/lib/provisioning.hpp"
#include "hss/lib/sqlite_store.hpp"

namespace ims::hss {

namespace {

std::unique_ptr<SqliteStore> open_or_report(const std::filesystem::path& db) {
    auto store = SqliteStore::open(db);
    if (!store) {
        std::cerr << "ims-hss: cannot open database " << db.string() << ": "
                  << store.error().message() << "\n";
        return nullptr;
    }
    return std::move(store).value();
}

int apply(SqliteStore& store, const ProvisioningPlan& plan, bool quiet) {
    auto t0 = std::chrono::steady_clock::now();
    auto applied = apply_provisioning(store, plan);
    if (!applied) {
        std::cerr << "ims-hss: provisioning failed (nothing written): " << applied.error().message()
                  << " (" << store.last_error() << ")\n";
        return 1;
    }
    if (!applied.value().error.empty()) {
        std::cerr << applied.value().error << "\n";
        return 1;
    }
    auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    if (!quiet)
        std::cout << "provisioned " << applied.value().report.subscribers << " subscribers and "
                  << applied.value().report.profiles << " service profiles in " << ms << " ms\n";
    return 0;
}

}  // namespace

int cmd_provision(const std::filesystem::path& db, const std::filesystem::path& file,
                  bool dry_run) {
    auto store = open_or_report(db);
    if (!store) return 1;
    // Throws ConfigError (file:line: key: message) before anything is written; main prints it.
    auto plan = load_provisioning_file(file, store.get());
    if (dry_run) {
        std::cout << file.string() << ": valid, " << plan.total() << " subscribers, "
                  << plan.profiles.size() << " service profiles\n";
        return 0;
    }
    return apply(*store, plan, false);
}

int cmd_subscriber_add(const std::filesystem::path& db, const AddOptions& o) {
    // Reuse the provisioning parser (and its validation) on a one-subscriber document.
    YAML::Emitter y;
    y << YAML::BeginMap << YAML::Key << "subscribers" << YAML::Value << YAML::BeginSeq
      << YAML::BeginMap;
    y << YAML::Key << "impi" << YAML::Value << o.impi;
    if (!o.scheme.empty()) y << YAML::Key << "default_scheme" << YAML::Value << o.scheme;
    if (o.password || o.ha1_md5) {
        y << YAML::Key << "digest" << YAML::Value << YAML::BeginMap;
        if (o.password) y << YAML::Key << "password" << YAML::Value << *o.password;
        if (o.ha1_md5) y << YAML::Key << "ha1_md5" << YAML::Value << *o.ha1_md5;
        if (o.realm) y << YAML::Key << "realm" << YAML::Value << *o.realm;
        y << YAML::EndMap;
    }
    if (o.k) {
        y << YAML::Key << "aka" << YAML::Value << YAML::BeginMap;
        y << YAML::Key << "k" << YAML::Value << *o.k;
        if (o.opc) y << YAML::Key << "opc" << YAML::Value << *o.opc;
        if (o.op) y << YAML::Key << "op" << YAML::Value << *o.op;
        if (o.amf) y << YAML::Key << "amf" << YAML::Value << YAML::DoubleQuoted << *o.amf;
        if (o.sqn) y << YAML::Key << "sqn" << YAML::Value << *o.sqn;
        y << YAML::EndMap;
    }
    if (!o.visited.empty())
        y << YAML::Key << "allowed_visited_networks" << YAML::Value << o.visited;
    if (!o.profile.empty()) y << YAML::Key << "service_profile" << YAML::Value << o.profile;
    y << YAML::Key << "impus" << YAML::Value << o.impus;
    y << YAML::EndMap << YAML::EndSeq << YAML::EndMap;

    auto store = open_or_report(db);
    if (!store) return 1;
    auto plan = parse_provisioning(config::load_string(y.c_str(), "<command line>"), store.get());
    return apply(*store, plan, true) == 0 ? (std::cout << "added " << o.impi << "\n", 0) : 1;
}

int cmd_subscriber_show(const std::filesystem::path& db, const std::string& impi) {
    auto store = open_or_report(db);
    if (!store) return 1;
    auto loaded = store->load(impi);
    if (!loaded) {
        std::cerr << "ims-hss: " << loaded.error().message() << "\n";
        return 1;
    }
    if (!loaded.value()) {
        std::cerr << "ims-hss: unknown IMPI " << impi << "\n";
        return 2;
    }
    const auto& s = *loaded.value();
    // Secrets appear only as fingerprints.
    nlohmann::json j;
    j["impi"] = s.impi;
    j["default_scheme"] = to_string(s.default_scheme);
    if (s.digest) {
        j["digest"] = {
            {"realm", s.digest->realm},
            {"ha1_md5", s.digest->ha1_md5.empty() ? ""
                                                  : fingerprint(Bytes(s.digest->ha1_md5.begin(),
                                                                      s.digest->ha1_md5.end()))},
            {"ha1_sha256",
             s.digest->ha1_sha256.empty()
                 ? ""
                 : fingerprint(Bytes(s.digest->ha1_sha256.begin(), s.digest->ha1_sha256.end()))}};
    }
    if (s.aka) {
        j["aka"] = {{"k", fingerprint(s.aka->k)}, {"opc", fingerprint(s.aka->opc)},
                    {"amf", to_hex(s.aka->amf)},  {"sqn", s.aka->sqn},
                    {"sqn_seq", s.aka->sqn >> 5}, {"sqn_ind", s.aka->sqn & 31}};
    }
    j["allowed_visited_networks"] = s.allowed_visited_networks;
    j["scscf"] = s.scscf_name;
    j["implicit_sets"] = nlohmann::json::array();
    for (const auto& set : s.sets) {
        nlohmann::json js;
        js["service_profile"] = set.service_profile;
        js["impus"] = nlohmann::json::array();
        for (const auto& id : set.impus)
            js["impus"].push_back(
                {{"uri", id.uri}, {"barred", id.barred}, {"state", to_string(id.state)}});
        j["implicit_sets"].push_back(js);
    }
    std::cout << j.dump(2) << "\n";
    return 0;
}

int cmd_subscriber_list(const std::filesystem::path& db, std::size_t offset, std::size_t limit) {
    auto store = open_or_report(db);
    if (!store) return 1;
    auto list = store->list(offset, limit);
    if (!list) {
        std::cerr << "ims-hss: " << list.error().message() << "\n";
        return 1;
    }
    for (const auto& impi : list.value()) std::cout << impi << "\n";
    return 0;
}

int cmd_subscriber_delete(const std::filesystem::path& db, const std::string& impi) {
    auto store = open_or_report(db);
    if (!store) return 1;
    auto removed = store->remove(impi);
    if (!removed) {
        std::cerr << "ims-hss: " << removed.error().message() << "\n";
        return 1;
    }
    if (!removed.value()) {
        std::cerr << "ims-hss: unknown IMPI " << impi << "\n";
        return 2;
    }
    std::cout << "deleted " << impi << "\n";
    return 0;
}

}  // namespace ims::hss
