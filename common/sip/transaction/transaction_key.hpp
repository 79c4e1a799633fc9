#pragma once
// RFC 3261 17.1.3 / 17.2.3: which transaction a received message belongs to. The fields are
// filled from a parsed message by the adapter (message_match.hpp); the matching rules themselves
// only see this plain struct, so they are testable without the parser.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ims::sip {

/// RFC 3261 8.1.1.7: branches starting with this cookie are unique per transaction.
inline constexpr std::string_view kMagicCookie = "z9hG4bK";

/// The parts of a request or response that transaction matching looks at.
struct MatchFields {
    std::string method;       ///< request method ("INVITE", "ACK"...); for a response, empty
    std::string cseq_method;  ///< CSeq method (requests and responses)
    std::uint32_t cseq_number = 0;
    std::string branch;              ///< top Via branch parameter ("" if absent)
    std::string sent_by_host;        ///< top Via sent-by host
    std::uint16_t sent_by_port = 0;  ///< top Via sent-by port, 0 if absent
    std::string via_transport;       ///< top Via transport token ("UDP", "TCP"...)
    // RFC 2543 fallback (17.2.3, last paragraph), used when the branch lacks the magic cookie.
    std::string request_uri;
    std::string call_id;
    std::string from_tag;
    std::string to_tag;
    std::string top_via;  ///< the whole top Via value, as received
};

/// True when `branch` starts with the RFC 3261 magic cookie.
bool is_rfc3261_branch(std::string_view branch) noexcept;

/// A new branch for a client transaction: the magic cookie followed by 32 hex digits of the
/// caller's randomness (two 64-bit draws from its Random seam).
std::string make_branch(std::uint64_t random_hi, std::uint64_t random_lo);

/// 17.1.3: a response matches the client transaction whose request had the same top Via branch
/// and whose method equals the response's CSeq method (a CANCEL shares the INVITE's branch).
/// Also used for the request a client transaction sends (method = CSeq method).
/// nullopt when there is no branch.
std::optional<std::string> client_key(const MatchFields& f);

/// Index key of the server transaction a (non-ACK) request creates or belongs to.
/// 17.2.3 with the magic cookie: branch + sent-by (default port 5060) + method. Without it
/// (RFC 2543 peers): Request-URI, From tag, To tag, Call-ID, CSeq number, method and top Via.
std::string server_key(const MatchFields& f);

/// Keys under which the INVITE server transaction an ACK belongs to may be indexed: with the
/// cookie, the INVITE's key (ACK counts as INVITE). Without it, two candidates: the INVITE carried
/// no To tag (initial INVITE) or the ACK's own To tag (re-INVITE); the layer then checks that the
/// ACK's To tag is the one of the response it sent (17.2.3, last paragraph).
std::vector<std::string> ack_server_keys(const MatchFields& ack);

/// The key of the INVITE server transaction a CANCEL cancels (9.2: same matching as for the
/// INVITE, with method INVITE).
std::string cancelled_invite_key(const MatchFields& cancel);

}  // namespace ims::sip
