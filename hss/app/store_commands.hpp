#pragma once
// `ims-hss subscriber add|show|list|delete` and `ims-hss provision`: operate on the SQLite file
// directly (the daemon may be running: WAL lets both work; its next request sees the change).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ims::hss {

struct AddOptions {
    std::string impi;
    std::vector<std::string> impus;
    std::string profile;
    std::string scheme;
    std::optional<std::string> password, ha1_md5, realm;
    std::optional<std::string> k, opc, op, amf;
    std::optional<std::uint64_t> sqn;
    std::vector<std::string> visited;
};

int cmd_provision(const std::filesystem::path& db, const std::filesystem::path& file, bool dry_run);
int cmd_subscriber_add(const std::filesystem::path& db, const AddOptions& o);
int cmd_subscriber_show(const std::filesystem::path& db, const std::string& impi);
int cmd_subscriber_list(const std::filesystem::path& db, std::size_t offset, std::size_t limit);
int cmd_subscriber_delete(const std::filesystem::path& db, const std::string& impi);

}  // namespace ims::hss
