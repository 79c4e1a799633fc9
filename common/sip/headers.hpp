#pragma once
// Typed views of the header fields the IMS core reads or writes, one small type per header,
// each with a symmetric pair:
//   static Result<H> parse(std::string_view value);   // one value (one list element)
//   void encode(std::string& out) const;              // the value text, without "Name: "
// and `static constexpr HeaderId id` plus `static constexpr bool is_list` (comma-separated
// values, RFC 3261 7.3.1, which Message::get_all splits outside quotes and <>).
// A parsed view points into the message text: it must not outlive the Message it came from.
// Reached through Message::get<H>() / get_all<H>() / add<H>() (message.hpp).

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/core/result.hpp"
#include "common/sip/header_id.hpp"
#include "common/sip/name_addr.hpp"
#include "common/sip/params.hpp"
#include "common/sip/uri.hpp"

namespace ims::sip::hdr {

/// Via (RFC 3261 20.42): sent-protocol, sent-by and via-params.
struct Via {
    static constexpr HeaderId id = HeaderId::via;
    static constexpr bool is_list = true;

    std::string_view protocol_name = "SIP";
    std::string_view protocol_version = "2.0";
    std::string_view transport = "UDP";  ///< "UDP", "TCP", "TLS", "SCTP", or an extension token
    std::string_view host;               ///< IPv6 references keep their brackets
    std::optional<std::uint16_t> port;
    Params params;

    std::string_view branch() const noexcept { return params.get("branch").value_or(""); }
    /// RFC 3261 8.1.1.7: branches starting with the magic cookie are RFC 3261 transaction ids.
    bool has_magic_cookie() const noexcept { return branch().starts_with("z9hG4bK"); }
    std::optional<std::string_view> received() const noexcept { return params.get("received"); }
    std::optional<std::string_view> maddr() const noexcept { return params.get("maddr"); }
    /// RFC 3581: present without value in requests, with the source port in responses.
    bool has_rport() const noexcept { return params.has("rport"); }
    std::optional<std::uint16_t> rport() const noexcept;
    std::optional<std::uint8_t> ttl() const noexcept;

    static Result<Via> parse(std::string_view value);
    void encode(std::string& out) const;
    bool operator==(const Via&) const = default;
};

/// From / To (20.20, 20.39): an address with a tag.
struct From : NameAddr {
    static constexpr HeaderId id = HeaderId::from;
    static constexpr bool is_list = false;
    std::string_view tag() const noexcept { return params.get("tag").value_or(""); }
    static Result<From> parse(std::string_view value);
};

struct To : NameAddr {
    static constexpr HeaderId id = HeaderId::to;
    static constexpr bool is_list = false;
    std::string_view tag() const noexcept { return params.get("tag").value_or(""); }
    static Result<To> parse(std::string_view value);
};

/// Call-ID (20.8): word [ "@" word ].
struct CallId {
    static constexpr HeaderId id = HeaderId::call_id;
    static constexpr bool is_list = false;
    std::string_view value;
    static Result<CallId> parse(std::string_view value);
    void encode(std::string& out) const { out += value; }
    bool operator==(const CallId&) const = default;
};

/// CSeq (20.16): a 32-bit sequence number and the method.
struct CSeq {
    static constexpr HeaderId id = HeaderId::cseq;
    static constexpr bool is_list = false;
    std::uint32_t sequence = 0;
    std::string_view method;
    static Result<CSeq> parse(std::string_view value);
    void encode(std::string& out) const;
    bool operator==(const CSeq&) const = default;
};

/// Max-Forwards (20.22): 0..255.
struct MaxForwards {
    static constexpr HeaderId id = HeaderId::max_forwards;
    static constexpr bool is_list = false;
    std::uint8_t value = 70;
    static Result<MaxForwards> parse(std::string_view value);
    void encode(std::string& out) const { out += std::to_string(value); }
    bool operator==(const MaxForwards&) const = default;
};

/// Expires / Min-Expires (20.19, 20.23): delta-seconds, at most 2^32-1.
struct Expires {
    static constexpr HeaderId id = HeaderId::expires;
    static constexpr bool is_list = false;
    std::uint32_t seconds = 0;
    static Result<Expires> parse(std::string_view value);
    void encode(std::string& out) const { out += std::to_string(seconds); }
    bool operator==(const Expires&) const = default;
};

struct MinExpires : Expires {
    static constexpr HeaderId id = HeaderId::min_expires;
    static Result<MinExpires> parse(std::string_view value);
};

/// Content-Length (20.14).
struct ContentLength {
    static constexpr HeaderId id = HeaderId::content_length;
    static constexpr bool is_list = false;
    std::uint32_t value = 0;
    static Result<ContentLength> parse(std::string_view value);
    void encode(std::string& out) const { out += std::to_string(value); }
    bool operator==(const ContentLength&) const = default;
};

/// Contact (20.10): "*" or an address with expires, q, +sip.instance (RFC 5626), reg-id.
struct Contact : NameAddr {
    static constexpr HeaderId id = HeaderId::contact;
    static constexpr bool is_list = true;
    bool star = false;

    /// The expires parameter; nullopt when absent; an error when not a number <= 2^32-1.
    Result<std::optional<std::uint32_t>> expires() const;
    /// The q value in thousandths (q=0.5 -> 500); nullopt when absent or malformed.
    std::optional<int> q() const noexcept;
    /// +sip.instance without its quotes and angle brackets ("urn:gsma:imei:...").
    std::optional<std::string_view> instance() const noexcept;
    std::optional<std::uint32_t> reg_id() const noexcept;

    static Result<Contact> parse(std::string_view value);
    void encode(std::string& out) const;
};

/// Route-like address lists: Route, Record-Route, Path (RFC 3327), Service-Route (RFC 3608),
/// P-Associated-URI (RFC 7315), P-Asserted-Identity (RFC 3325).
template <HeaderId Id>
struct AddressList : NameAddr {
    static constexpr HeaderId id = Id;
    static constexpr bool is_list = true;
    static Result<AddressList> parse(std::string_view value);
    /// RFC 3261 16.12: a loose router.
    bool lr() const noexcept { return uri.params.has("lr"); }
};

using Route = AddressList<HeaderId::route>;
using RecordRoute = AddressList<HeaderId::record_route>;
using Path = AddressList<HeaderId::path>;
using ServiceRoute = AddressList<HeaderId::service_route>;
using PAssociatedUri = AddressList<HeaderId::p_associated_uri>;
using PAssertedIdentity = AddressList<HeaderId::p_asserted_identity>;

/// Option-tag lists (20.32, 20.37, 20.29, 20.40): one element per option tag.
template <HeaderId Id>
struct OptionTag {
    static constexpr HeaderId id = Id;
    static constexpr bool is_list = true;
    std::string_view tag;
    static Result<OptionTag> parse(std::string_view value);
    void encode(std::string& out) const { out += tag; }
    bool operator==(const OptionTag&) const = default;
};

using Require = OptionTag<HeaderId::require>;
using ProxyRequire = OptionTag<HeaderId::proxy_require>;
using Supported = OptionTag<HeaderId::supported>;
using Unsupported = OptionTag<HeaderId::unsupported>;
using Allow = OptionTag<HeaderId::allow>;

/// One auth-param (RFC 3261 25.1 / RFC 7616): value without quotes, escapes kept.
struct AuthParam {
    std::string_view name;
    std::string_view value;
    bool quoted = false;
    bool operator==(const AuthParam&) const = default;
};

/// A fixed-capacity list of auth-params (no allocation; real credentials carry about 10).
class AuthParams {
  public:
    static constexpr std::size_t capacity = 20;
    const AuthParam* begin() const noexcept { return items_.data(); }
    const AuthParam* end() const noexcept { return items_.data() + size_; }
    std::size_t size() const noexcept { return size_; }
    const AuthParam& operator[](std::size_t i) const noexcept { return items_[i]; }
    /// False (and nothing added) when full.
    bool push_back(const AuthParam& p) noexcept {
        if (size_ == capacity) return false;
        items_[size_++] = p;
        return true;
    }
    bool operator==(const AuthParams& o) const noexcept {
        return size_ == o.size_ && std::equal(begin(), end(), o.begin());
    }

  private:
    std::array<AuthParam, capacity> items_{};
    std::size_t size_ = 0;
};

/// Credentials or a challenge (20.7, 20.27, 20.28, 20.44): scheme and auth-params.
/// One header field line is one value (auth-params are themselves comma-separated).
struct Auth {
    std::string_view scheme;  ///< "Digest", or an unknown scheme (RFC 4475 regaut01)
    AuthParams params;

    const AuthParam* find(std::string_view name) const noexcept;
    /// Raw value (quotes removed, quoted-pairs kept); nullopt if absent.
    std::optional<std::string_view> param(std::string_view name) const noexcept;
    /// Value with quoted-pairs resolved: what digest computations use.
    std::optional<std::string> param_text(std::string_view name) const;
    /// Adds a parameter (a view: the caller keeps `value` alive until encoded); `value` is the
    /// wire text, with `quoted` it is written between quotes (escape '"' and '\\' beforehand).
    bool add(std::string_view name, std::string_view value, bool quoted) {
        return params.push_back({name, value, quoted});
    }

    std::string_view username() const noexcept { return param("username").value_or(""); }
    std::string_view realm() const noexcept { return param("realm").value_or(""); }
    std::string_view nonce() const noexcept { return param("nonce").value_or(""); }
    std::string_view uri() const noexcept { return param("uri").value_or(""); }
    std::string_view response() const noexcept { return param("response").value_or(""); }
    std::string_view algorithm() const noexcept { return param("algorithm").value_or(""); }
    std::string_view qop() const noexcept { return param("qop").value_or(""); }
    std::string_view cnonce() const noexcept { return param("cnonce").value_or(""); }
    std::string_view nc() const noexcept { return param("nc").value_or(""); }
    std::string_view opaque() const noexcept { return param("opaque").value_or(""); }

    void encode(std::string& out) const;
    bool operator==(const Auth&) const = default;

  protected:
    static Result<void> parse_auth(std::string_view value, Auth& out);
};

template <HeaderId Id>
struct AuthHeader : Auth {
    static constexpr HeaderId id = Id;
    static constexpr bool is_list = false;
    static Result<AuthHeader> parse(std::string_view value);
};

using Authorization = AuthHeader<HeaderId::authorization>;
using ProxyAuthorization = AuthHeader<HeaderId::proxy_authorization>;
using WwwAuthenticate = AuthHeader<HeaderId::www_authenticate>;
using ProxyAuthenticate = AuthHeader<HeaderId::proxy_authenticate>;

/// One sec-mechanism of Security-Client/Server/Verify (RFC 3329 2.2; TS 33.203 ipsec-3gpp).
template <HeaderId Id>
struct SecMechanism {
    static constexpr HeaderId id = Id;
    static constexpr bool is_list = true;
    std::string_view mechanism;  ///< "ipsec-3gpp", "tls", "digest"...
    Params params;               ///< alg, ealg, spi-c, spi-s, port-c, port-s, prot, mod, q...
    static Result<SecMechanism> parse(std::string_view value);
    void encode(std::string& out) const;
    bool operator==(const SecMechanism&) const = default;
};

using SecurityClient = SecMechanism<HeaderId::security_client>;
using SecurityServer = SecMechanism<HeaderId::security_server>;
using SecurityVerify = SecMechanism<HeaderId::security_verify>;

/// Content-Type (20.15): type "/" subtype *( ";" m-parameter ).
struct ContentType {
    static constexpr HeaderId id = HeaderId::content_type;
    static constexpr bool is_list = false;
    std::string_view type;
    std::string_view subtype;
    Params params;
    static Result<ContentType> parse(std::string_view value);
    void encode(std::string& out) const;
    bool operator==(const ContentType&) const = default;
};

}  // namespace ims::sip::hdr
