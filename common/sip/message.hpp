#pragma once
// The SIP message (RFC 3261 section 7): start line, header fields, body.
//
// Zero-copy: Message::parse copies the received bytes once into an immutable buffer the message
// owns (shared, so copies of a Message are cheap and share it); the start line, every header field
// and the body are views into it. Header values are parsed lazily, on access, by the typed views
// of headers.hpp. A modified message keeps the received bytes of every header it did not touch:
// encode() copies untouched fields byte for byte and only the new/changed ones are formatted.
//
// Threading: a Message is a value; it is not synchronised. Views returned by accessors (and typed
// headers from get<H>()) stay valid while this Message or a copy of it is alive.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "common/core/result.hpp"
#include "common/sip/errors.hpp"
#include "common/sip/framer.hpp"
#include "common/sip/header_id.hpp"
#include "common/sip/headers.hpp"
#include "common/sip/scan.hpp"
#include "common/sip/uri.hpp"

namespace ims::sip {

struct ParseOptions {
    Limits limits{};
    /// UDP (RFC 3261 18.3): Content-Length may be absent (the body is the rest of the datagram)
    /// and octets beyond Content-Length are discarded; a shorter body is an error either way.
    bool datagram = false;
    /// Check what every element relies on: Via, From, To, Call-ID, CSeq present and well formed,
    /// no duplicates of single-valued fields, CSeq method = request method, Max-Forwards in range.
    bool validate = true;
    /// Lenient structural parse of the header section only (used to answer a message that failed
    /// validation, RFC 3261 8.2.6): no body, no limits, a malformed start line tolerated when the
    /// method can still be read.
    bool headers_only = false;
};

/// One header field line (folded continuations included).
struct HeaderField {
    HeaderId id = HeaderId::other;
    std::string_view name;   ///< as written (maybe compact: "v", "i")
    std::string_view value;  ///< trimmed; folded lines keep their CRLF + white space
    std::string_view raw;    ///< the whole field with its line terminator: what encode() writes
};

class Message {
  public:
    using Headers = boost::container::small_vector<HeaderField, 24>;

    /// Parses one framed message (a UDP datagram, or what frame_stream() delimited).
    /// Errors are sip_errc values; status_code_for() gives the response code.
    static Result<Message> parse(std::string_view bytes, const ParseOptions& options = {});

    /// A new request "METHOD uri SIP/2.0" without header fields (for UAC/clients).
    static Message make_request(std::string_view method, std::string_view request_uri);
    /// A new response "SIP/2.0 status reason" without header fields; empty reason = default.
    static Message make_status(int status, std::string_view reason = {});

    // ---- start line ---------------------------------------------------------------------------
    bool is_request() const noexcept { return status_ == 0; }
    bool is_response() const noexcept { return status_ != 0; }
    std::string_view method() const noexcept { return method_; }  ///< "" for responses
    std::string_view request_uri_text() const noexcept { return request_uri_; }
    Result<Uri> request_uri() const { return Uri::parse(request_uri_); }
    int status() const noexcept { return status_; }  ///< 0 for requests
    std::string_view reason() const noexcept { return reason_; }
    std::string_view body() const noexcept { return body_; }

    // ---- raw header access --------------------------------------------------------------------
    const Headers& headers() const noexcept { return headers_; }
    const HeaderField* find(HeaderId id) const noexcept;
    /// Any name, case-insensitive; compact forms match their long names ("i" finds Call-ID).
    const HeaderField* find(std::string_view name) const noexcept;
    std::optional<std::string_view> value(HeaderId id) const noexcept;
    std::optional<std::string_view> value(std::string_view name) const noexcept;
    std::size_t count(HeaderId id) const noexcept;

    /// Calls f(std::string_view element) for each comma-separated element of all fields with
    /// this id, in order, outside quotes and <> (RFC 3261 7.3.1). Stops when f returns false.
    /// Returns false if a field's quotes or angle brackets are unbalanced.
    template <class F>
    bool for_each_element(HeaderId id, F&& f) const;

    // ---- typed access (headers.hpp) -----------------------------------------------------------
    template <class H>
    bool has() const noexcept {
        return find(H::id) != nullptr;
    }
    /// The first value: the first field, or for list headers its first element (top Via).
    /// sip_errc::missing_header if absent, the header's own error if malformed.
    template <class H>
    Result<H> get() const;
    /// Every value, list headers split at commas across all their fields.
    template <class H>
    Result<std::vector<H>> get_all() const;

    // ---- modification (views stay valid: new text is owned by the message) -------------------
    void set_request_uri(std::string_view uri);
    void set_status(int status, std::string_view reason = {});
    /// Appends "Name: value" (name as given; for a known id its canonical name).
    void add_header(std::string_view name, std::string_view value);
    void add_header(HeaderId id, std::string_view value);
    /// Inserts a field before the first field with the same id (or first of all if none):
    /// how a proxy pushes its Via or Record-Route (RFC 3261 16.6).
    void push_front_header(HeaderId id, std::string_view value);
    template <class H>
    void add(const H& h) {
        add_header(H::id, encode_value(h));
    }
    template <class H>
    void push_front(const H& h) {
        push_front_header(H::id, encode_value(h));
    }
    /// Replaces every field of H::id by one, at the position of the first (or at the end).
    template <class H>
    void set(const H& h) {
        replace_header(H::id, encode_value(h));
    }
    void replace_header(HeaderId id, std::string_view value);
    /// Removes every field with this id / name; returns how many.
    std::size_t remove(HeaderId id);
    std::size_t remove(std::string_view name);
    /// Removes the first element of the first field with this id (a proxy popping the top Via
    /// of a response, RFC 3261 16.7 step 3); a field left empty is removed. False if absent.
    bool remove_first_element(HeaderId id);
    /// Replaces the body, setting Content-Type (if non-empty) and Content-Length.
    void set_body(std::string_view body, std::string_view content_type = {});

    // ---- serialization ------------------------------------------------------------------------
    void encode(std::string& out) const;
    std::string encode() const;

  private:
    Result<void> parse_into(std::string_view s, const ParseOptions& o);
    Result<void> parse_start_line(std::string_view line, const ParseOptions& o);
    Result<void> validate_required();
    std::string_view keep(std::string text);
    HeaderField make_field(HeaderId id, std::string_view name, std::string_view value);
    template <class H>
    static std::string encode_value(const H& h) {
        std::string v;
        h.encode(v);
        return v;
    }
    friend Message make_response(const Message&, int, std::string_view, std::string_view);
    /// Drops what validation cached; every mutation of the header list calls it.
    void invalidate() noexcept { validated_.reset(); }

    // What validate_required() parsed, kept so that get<From>() & co. do not parse twice.
    // Shared and immutable, like the text it points into.
    struct Validated {
        hdr::Via via;
        hdr::From from;
        hdr::To to;
        hdr::CallId call_id;
        hdr::CSeq cseq;
    };
    std::shared_ptr<const Validated> validated_;

    // Keeps alive whatever the views point into: the receive buffer and any generated text;
    // shared between copies (all of it is immutable).
    // Inline room for the receive buffer and a few generated texts: no allocation on parse.
    boost::container::small_vector<std::shared_ptr<const void>, 3> storage_;
    std::string_view start_line_;    ///< with its terminator, as received
    bool start_line_dirty_ = false;  ///< regenerate on encode (changed, or non-canonical spacing)
    bool generated_ = false;         ///< built, not parsed: encode() adds Content-Length if absent
    std::string_view method_;
    std::string_view request_uri_;
    int status_ = 0;
    std::string_view reason_;
    Headers headers_;
    std::string_view blank_line_ = "\r\n";
    std::string_view body_;
};

// ---- template definitions ----------------------------------------------------------------------

template <class F>
bool Message::for_each_element(HeaderId id, F&& f) const {
    for (const HeaderField& h : headers_) {
        if (h.id != id) continue;
        std::string_view v = h.value;
        std::size_t start = 0;
        while (true) {
            const std::size_t comma = scan::find_top_level(v, ',', start);
            if (comma == std::string_view::npos) return false;
            if (!f(v.substr(start, comma - start))) return true;
            if (comma >= v.size()) break;
            start = comma + 1;
        }
    }
    return true;
}

template <class H>
Result<H> Message::get() const {
    if (validated_) {
        if constexpr (std::is_same_v<H, hdr::Via>) return validated_->via;
        if constexpr (std::is_same_v<H, hdr::From>) return validated_->from;
        if constexpr (std::is_same_v<H, hdr::To>) return validated_->to;
        if constexpr (std::is_same_v<H, hdr::CallId>) return validated_->call_id;
        if constexpr (std::is_same_v<H, hdr::CSeq>) return validated_->cseq;
    }
    const HeaderField* h = find(H::id);
    if (h == nullptr) return make_error_code(sip_errc::missing_header);
    if constexpr (H::is_list) {
        const std::size_t comma = scan::find_top_level(h->value, ',');
        if (comma == std::string_view::npos) return H::parse(std::string_view{});
        return H::parse(h->value.substr(0, comma));
    } else {
        return H::parse(h->value);
    }
}

template <class H>
Result<std::vector<H>> Message::get_all() const {
    std::vector<H> out;
    if constexpr (!H::is_list) {
        for (const HeaderField& h : headers_) {
            if (h.id != H::id) continue;
            BOOST_OUTCOME_TRY(v, H::parse(h.value));
            out.push_back(std::move(v));
        }
        return out;
    }
    std::error_code error;
    const bool balanced = for_each_element(H::id, [&](std::string_view element) {
        if constexpr (H::is_list) {
            // An empty list (e.g. "Supported:") has no elements; empty elements between commas
            // are malformed for address lists and Via (RFC 4475 badinv01).
            if (scan::trim(element).empty()) {
                if (H::id == HeaderId::supported || H::id == HeaderId::require ||
                    H::id == HeaderId::allow || H::id == HeaderId::unsupported ||
                    H::id == HeaderId::proxy_require) {
                    return true;
                }
            }
        }
        auto r = H::parse(element);
        if (!r) {
            error = r.error();
            return false;
        }
        out.push_back(std::move(r).value());
        return true;
    });
    if (error) return error;
    if (!balanced) return H::parse(std::string_view{}).error();
    return out;
}

}  // namespace ims::sip
