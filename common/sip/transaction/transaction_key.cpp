#include "common/sip/transaction/transaction_key.hpp"

#include <cctype>
#include <cstdio>

namespace ims::sip {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string server_key_as(const MatchFields& f, std::string_view method, std::string_view to_tag) {
    // Method tokens are case-sensitive (RFC 3261 7.1), hosts are not (19.1.4).
    if (is_rfc3261_branch(f.branch)) {
        // 17.2.3: a sent-by without a port means the transport's default port.
        const std::uint16_t port = f.sent_by_port != 0 ? f.sent_by_port : 5060;
        return "3261|" + f.branch + "|" + lower(f.sent_by_host) + ":" + std::to_string(port) + "|" +
               std::string(method);
    }
    return "2543|" + f.request_uri + "|" + f.from_tag + "|" + std::string(to_tag) + "|" +
           f.call_id + "|" + std::to_string(f.cseq_number) + "|" + std::string(method) + "|" +
           f.top_via;
}

std::string_view method_of(const MatchFields& f) {
    return f.method.empty() ? std::string_view(f.cseq_method) : std::string_view(f.method);
}

}  // namespace

bool is_rfc3261_branch(std::string_view branch) noexcept {
    return branch.size() > kMagicCookie.size() &&
           branch.substr(0, kMagicCookie.size()) == kMagicCookie;
}

std::string make_branch(std::uint64_t random_hi, std::uint64_t random_lo) {
    char hex[33];
    std::snprintf(hex, sizeof hex, "%016llx%016llx", static_cast<unsigned long long>(random_hi),
                  static_cast<unsigned long long>(random_lo));
    return std::string(kMagicCookie) + hex;
}

std::optional<std::string> client_key(const MatchFields& f) {
    if (f.branch.empty()) return std::nullopt;
    return f.branch + "|" + f.cseq_method;
}

std::string server_key(const MatchFields& f) {
    return server_key_as(f, method_of(f), f.to_tag);
}

std::vector<std::string> ack_server_keys(const MatchFields& ack) {
    if (is_rfc3261_branch(ack.branch)) return {server_key_as(ack, "INVITE", {})};
    std::vector<std::string> keys{server_key_as(ack, "INVITE", {})};
    if (!ack.to_tag.empty()) keys.push_back(server_key_as(ack, "INVITE", ack.to_tag));
    return keys;
}

std::string cancelled_invite_key(const MatchFields& cancel) {
    return server_key_as(cancel, "INVITE", cancel.to_tag);
}

}  // namespace ims::sip
