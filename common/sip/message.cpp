#include "common/sip/message.hpp"

#include <cstring>

namespace ims::sip {
namespace {

std::error_code err(sip_errc e) {
    return make_error_code(e);
}

bool is_sip_version(std::string_view v) {
    return scan::iequals(v, "SIP/2.0");
}

/// "SIP/" 1*DIGIT "." 1*DIGIT, any version (RFC 3261 7.1).
bool looks_like_version(std::string_view v) {
    if (v.size() < 7 || !scan::iequals(v.substr(0, 4), "SIP/")) return false;
    const std::size_t dot = v.find('.', 4);
    if (dot == std::string_view::npos) return false;
    return scan::parse_uint(v.substr(4, dot - 4), 9) && scan::parse_uint(v.substr(dot + 1), 9);
}

bool single_valued(HeaderId id) {
    switch (id) {
        case HeaderId::from:
        case HeaderId::to:
        case HeaderId::call_id:
        case HeaderId::cseq:
        case HeaderId::max_forwards:
            return true;
        default:
            return false;
    }
}

}  // namespace

// ---- parsing -----------------------------------------------------------------------------------

Result<Message> Message::parse(std::string_view bytes, const ParseOptions& options) {
    if (bytes.empty()) return err(sip_errc::empty_message);
    if (!options.headers_only && bytes.size() > options.limits.max_message_size) {
        return err(sip_errc::message_too_large);
    }
    // One allocation for the receive buffer; every view below points into it.
    std::shared_ptr<char[]> buffer = std::make_shared_for_overwrite<char[]>(bytes.size());
    std::memcpy(buffer.get(), bytes.data(), bytes.size());
    const std::string_view text(buffer.get(), bytes.size());
    Message m;
    m.storage_.push_back(std::move(buffer));
    BOOST_OUTCOME_TRYV(m.parse_into(text, options));
    return m;
}

Result<void> Message::parse_start_line(std::string_view line, const ParseOptions& o) {
    if (line.size() >= 4 && scan::iequals(line.substr(0, 4), "SIP/")) {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
        const std::size_t sp = line.find(' ');
        if (sp == std::string_view::npos) return err(sip_errc::bad_start_line);
        const std::string_view version = line.substr(0, sp);
        if (!is_sip_version(version)) {
            return err(looks_like_version(version) ? sip_errc::bad_sip_version
                                                   : sip_errc::bad_start_line);
        }
        std::size_t i = sp;
        while (i < line.size() && line[i] == ' ') ++i;
        const std::size_t code_start = i;
        while (i < line.size() && scan::is_digit(line[i])) ++i;
        // RFC 4475 bigcode: exactly three digits, 100..699.
        const auto code = scan::parse_uint(line.substr(code_start, i - code_start), 3);
        if (!code || *code < 100 || *code > 699 || i - code_start != 3) {
            return err(sip_errc::bad_status_code);
        }
        if (i < line.size() && line[i] != ' ') return err(sip_errc::bad_status_code);
        status_ = static_cast<int>(*code);
        reason_ = i < line.size() ? line.substr(i + 1) : std::string_view{};
        for (char c : reason_) {
            if (c == '\r' || c == '\n') return err(sip_errc::bad_reason_phrase);
        }
        return success();
    }

    // Request-Line = Method SP Request-URI SP SIP-Version. RFC 4475 lwsstart/trws: extra SP
    // are tolerated, and the line is then regenerated when the message is encoded.
    const std::size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return err(sip_errc::bad_start_line);
    method_ = line.substr(0, sp);
    if (!scan::is_token(method_)) return err(sip_errc::bad_method);
    std::string_view rest = line.substr(sp);
    while (!rest.empty() && scan::is_ws(rest.front())) rest.remove_prefix(1);
    while (!rest.empty() && scan::is_ws(rest.back())) rest.remove_suffix(1);
    const std::size_t last_sp = rest.find_last_of(" \t");
    if (last_sp == std::string_view::npos) return err(sip_errc::bad_start_line);
    const std::string_view version = rest.substr(last_sp + 1);
    std::string_view uri = rest.substr(0, last_sp);
    while (!uri.empty() && scan::is_ws(uri.back())) uri.remove_suffix(1);
    request_uri_ = uri;
    if (o.headers_only) return success();
    if (!is_sip_version(version)) {
        return err(looks_like_version(version) ? sip_errc::bad_sip_version
                                               : sip_errc::bad_start_line);
    }
    // RFC 4475 lwsruri: white space inside the Request-URI.
    if (uri.empty() || uri.find_first_of(" \t") != std::string_view::npos) {
        return err(sip_errc::bad_uri);
    }
    auto parsed = Uri::parse(uri);
    if (!parsed) return parsed.error();
    // RFC 3261 8.2.2.1: a scheme we do not understand is answered with 416.
    if (parsed.value().scheme == UriScheme::other) return err(sip_errc::unsupported_uri_scheme);
    // RFC 3261 19.1.1 / RFC 4475 escruri: no headers in a Request-URI.
    if (!parsed.value().headers.empty()) return err(sip_errc::bad_uri);
    start_line_dirty_ = line.size() != method_.size() + uri.size() + version.size() + 2;
    return success();
}

Result<void> Message::parse_into(std::string_view s, const ParseOptions& o) {
    const Limits limits = o.headers_only ? Limits{SIZE_MAX, SIZE_MAX, SIZE_MAX} : o.limits;
    const char* const data = s.data();

    // Start line.
    const void* nl = std::memchr(data, '\n', s.size());
    if (nl == nullptr) return err(sip_errc::incomplete_header_section);
    std::size_t eol = static_cast<std::size_t>(static_cast<const char*>(nl) - data);
    std::size_t content_end = (eol > 0 && data[eol - 1] == '\r') ? eol - 1 : eol;
    if (content_end == 0) return err(sip_errc::empty_message);
    start_line_ = s.substr(0, eol + 1);
    BOOST_OUTCOME_TRYV(parse_start_line(s.substr(0, content_end), o));

    // Header fields. A field is finished when the next one (or the blank line) starts, since a
    // folded continuation may follow it.
    std::size_t pos = eol + 1;
    std::size_t field_start = 0;
    std::size_t value_start = 0;
    bool in_field = false;
    bool terminated = false;
    const auto finish_field = [&](std::size_t value_end, std::size_t raw_end) {
        HeaderField& f = headers_.back();
        f.value = scan::trim(s.substr(value_start, value_end - value_start));
        f.raw = s.substr(field_start, raw_end - field_start);
    };
    std::size_t last_value_end = 0;
    std::size_t last_raw_end = 0;
    while (pos < s.size()) {
        nl = std::memchr(data + pos, '\n', s.size() - pos);
        if (nl == nullptr) break;
        eol = static_cast<std::size_t>(static_cast<const char*>(nl) - data);
        content_end = (eol > pos && data[eol - 1] == '\r') ? eol - 1 : eol;
        if (content_end == pos) {
            if (in_field) finish_field(last_value_end, last_raw_end);
            in_field = false;
            blank_line_ = s.substr(pos, eol + 1 - pos);
            pos = eol + 1;
            terminated = true;
            break;
        }
        if (scan::is_ws(data[pos])) {
            // RFC 3261 7.3.1: a line starting with white space continues the previous field.
            if (!in_field) return err(sip_errc::header_starts_with_whitespace);
        } else {
            if (in_field) finish_field(last_value_end, last_raw_end);
            if (headers_.size() >= limits.max_headers) return err(sip_errc::too_many_headers);
            // field-name = token, then HCOLON = *( SP / HTAB ) ":" (one pass, no memchr).
            std::size_t name_end = pos;
            while (name_end < content_end && scan::is(data[name_end], scan::k_token)) ++name_end;
            std::size_t colon = name_end;
            while (colon < content_end && scan::is_ws(data[colon])) ++colon;
            if (colon >= content_end || data[colon] != ':') {
                const bool has_colon = std::memchr(data + pos, ':', content_end - pos) != nullptr;
                return err(has_colon ? sip_errc::bad_header_name : sip_errc::bad_header_line);
            }
            if (name_end == pos) return err(sip_errc::bad_header_name);
            const std::string_view name = s.substr(pos, name_end - pos);
            headers_.push_back(HeaderField{lookup_header(name), name, {}, {}});
            field_start = pos;
            value_start = colon + 1;
            in_field = true;
        }
        if (content_end - field_start > limits.max_header_line) {
            return err(sip_errc::header_line_too_long);
        }
        last_value_end = content_end;
        last_raw_end = eol + 1;
        pos = eol + 1;
    }
    if (!terminated) {
        if (!o.headers_only) return err(sip_errc::incomplete_header_section);
        if (in_field) finish_field(last_value_end, last_raw_end);
        return success();
    }
    if (o.headers_only) return success();

    // Body framing (RFC 3261 18.3).
    std::optional<std::uint32_t> content_length;
    for (const HeaderField& h : headers_) {
        if (h.id != HeaderId::content_length) continue;
        auto cl = hdr::ContentLength::parse(h.value);
        if (!cl) return cl.error();
        if (content_length && *content_length != cl.value().value) {
            return err(sip_errc::conflicting_content_length);  // RFC 4475 mcl01
        }
        content_length = cl.value().value;
    }
    const std::size_t available = s.size() - pos;
    if (content_length) {
        if (*content_length > limits.max_message_size) return err(sip_errc::body_too_large);
        if (available < *content_length) return err(sip_errc::body_shorter_than_content_length);
        // Octets beyond Content-Length are not part of this message (RFC 4475 dblreq).
        body_ = s.substr(pos, *content_length);
    } else {
        if (!o.datagram) return err(sip_errc::missing_content_length);
        body_ = s.substr(pos);
    }
    if (o.validate) {
        BOOST_OUTCOME_TRYV(validate_required());
    }
    return success();
}

Result<void> Message::validate_required() {
    // RFC 3261 8.1.1 / 8.2: To, From, CSeq, Call-ID and Via are mandatory in every message;
    // Max-Forwards too in requests, but RFC 2543 clients omit it (RFC 4475 inv2543), so an
    // absent one is treated as 70 by proxies rather than rejected.
    const HeaderField* single[static_cast<std::size_t>(HeaderId::count_)] = {};
    for (const HeaderField& h : headers_) {
        if (!single_valued(h.id)) continue;
        const HeaderField*& seen = single[static_cast<std::size_t>(h.id)];
        if (seen != nullptr) return err(sip_errc::duplicate_header);  // RFC 4475 multi01
        seen = &h;
    }
    const auto* from = single[static_cast<std::size_t>(HeaderId::from)];
    const auto* to = single[static_cast<std::size_t>(HeaderId::to)];
    const auto* call_id = single[static_cast<std::size_t>(HeaderId::call_id)];
    const auto* cseq = single[static_cast<std::size_t>(HeaderId::cseq)];
    const auto* max_forwards = single[static_cast<std::size_t>(HeaderId::max_forwards)];
    const HeaderField* via = find(HeaderId::via);
    if (!from || !to || !call_id || !cseq || !via) return err(sip_errc::missing_header);

    auto v = std::make_shared<Validated>();
    BOOST_OUTCOME_TRY(cs, hdr::CSeq::parse(cseq->value));
    // RFC 3261 8.2: the CSeq method must match the request method (RFC 4475 mismatch01/02).
    if (is_request() && cs.method != method_) return err(sip_errc::cseq_method_mismatch);
    v->cseq = cs;
    BOOST_OUTCOME_TRY(id, hdr::CallId::parse(call_id->value));
    v->call_id = id;
    BOOST_OUTCOME_TRY(f, hdr::From::parse(from->value));
    v->from = std::move(f);
    BOOST_OUTCOME_TRY(t, hdr::To::parse(to->value));
    v->to = std::move(t);
    BOOST_OUTCOME_TRY(top_via, get<hdr::Via>());
    v->via = std::move(top_via);
    if (max_forwards != nullptr) {
        BOOST_OUTCOME_TRYV(hdr::MaxForwards::parse(max_forwards->value));
    }
    validated_ = std::move(v);
    return success();
}

// ---- building ----------------------------------------------------------------------------------

Message Message::make_request(std::string_view method, std::string_view request_uri) {
    Message m;
    m.generated_ = true;
    m.start_line_dirty_ = true;
    m.method_ = m.keep(std::string(method));
    m.request_uri_ = m.keep(std::string(request_uri));
    return m;
}

Message Message::make_status(int status, std::string_view reason) {
    Message m;
    m.generated_ = true;
    m.set_status(status, reason);
    return m;
}

std::string_view Message::keep(std::string text) {
    auto owned = std::make_shared<const std::string>(std::move(text));
    const std::string_view view(*owned);
    storage_.push_back(std::move(owned));
    return view;
}

HeaderField Message::make_field(HeaderId id, std::string_view name, std::string_view value) {
    std::string raw;
    raw.reserve(name.size() + value.size() + 4);
    raw += name;
    raw += ": ";
    raw += value;
    raw += "\r\n";
    const std::string_view r = keep(std::move(raw));
    return HeaderField{id, r.substr(0, name.size()), r.substr(name.size() + 2, value.size()), r};
}

void Message::set_request_uri(std::string_view uri) {
    request_uri_ = keep(std::string(uri));
    start_line_dirty_ = true;
}

void Message::set_status(int status, std::string_view reason) {
    status_ = status;
    reason_ = keep(std::string(reason.empty() ? default_reason_phrase(status) : reason));
    method_ = {};
    request_uri_ = {};
    start_line_dirty_ = true;
}

void Message::add_header(std::string_view name, std::string_view value) {
    invalidate();
    const HeaderId id = lookup_header(name);
    headers_.push_back(make_field(id, name, value));
}

void Message::add_header(HeaderId id, std::string_view value) {
    invalidate();
    headers_.push_back(make_field(id, canonical_name(id), value));
}

void Message::push_front_header(HeaderId id, std::string_view value) {
    invalidate();
    auto it = headers_.begin();
    while (it != headers_.end() && it->id != id) ++it;
    if (it == headers_.end()) it = headers_.begin();
    headers_.insert(it, make_field(id, canonical_name(id), value));
}

void Message::replace_header(HeaderId id, std::string_view value) {
    invalidate();
    auto it = headers_.begin();
    while (it != headers_.end() && it->id != id) ++it;
    if (it == headers_.end()) {
        add_header(id, value);
        return;
    }
    *it = make_field(id, canonical_name(id), value);
    for (auto j = it + 1; j != headers_.end();) {
        j = j->id == id ? headers_.erase(j) : j + 1;
    }
}

std::size_t Message::remove(HeaderId id) {
    invalidate();
    const std::size_t before = headers_.size();
    for (auto it = headers_.begin(); it != headers_.end();) {
        it = it->id == id ? headers_.erase(it) : it + 1;
    }
    return before - headers_.size();
}

std::size_t Message::remove(std::string_view name) {
    invalidate();
    const HeaderId id = lookup_header(name);
    if (id != HeaderId::other) return remove(id);
    const std::size_t before = headers_.size();
    for (auto it = headers_.begin(); it != headers_.end();) {
        it = (it->id == HeaderId::other && scan::iequals(it->name, name)) ? headers_.erase(it)
                                                                          : it + 1;
    }
    return before - headers_.size();
}

bool Message::remove_first_element(HeaderId id) {
    invalidate();
    auto it = headers_.begin();
    while (it != headers_.end() && it->id != id) ++it;
    if (it == headers_.end()) return false;
    const std::size_t comma = scan::find_top_level(it->value, ',');
    if (comma == std::string_view::npos || comma >= it->value.size()) {
        headers_.erase(it);
        return true;
    }
    const std::string_view rest = scan::trim(it->value.substr(comma + 1));
    if (rest.empty()) {
        headers_.erase(it);
    } else {
        *it = make_field(id, it->name, rest);
    }
    return true;
}

void Message::set_body(std::string_view body, std::string_view content_type) {
    body_ = keep(std::string(body));
    if (!content_type.empty()) replace_header(HeaderId::content_type, content_type);
    remove(HeaderId::content_length);
    add_header(HeaderId::content_length, std::to_string(body.size()));
}

// ---- lookup ------------------------------------------------------------------------------------

const HeaderField* Message::find(HeaderId id) const noexcept {
    for (const HeaderField& h : headers_) {
        if (h.id == id) return &h;
    }
    return nullptr;
}

const HeaderField* Message::find(std::string_view name) const noexcept {
    const HeaderId id = lookup_header(name);
    if (id != HeaderId::other) return find(id);
    for (const HeaderField& h : headers_) {
        if (h.id == HeaderId::other && scan::iequals(h.name, name)) return &h;
    }
    return nullptr;
}

std::optional<std::string_view> Message::value(HeaderId id) const noexcept {
    const HeaderField* h = find(id);
    if (h == nullptr) return std::nullopt;
    return h->value;
}

std::optional<std::string_view> Message::value(std::string_view name) const noexcept {
    const HeaderField* h = find(name);
    if (h == nullptr) return std::nullopt;
    return h->value;
}

std::size_t Message::count(HeaderId id) const noexcept {
    std::size_t n = 0;
    for (const HeaderField& h : headers_) n += h.id == id ? 1 : 0;
    return n;
}

// ---- serialization -----------------------------------------------------------------------------

void Message::encode(std::string& out) const {
    std::size_t size = start_line_.size() + blank_line_.size() + body_.size() + 64;
    for (const HeaderField& h : headers_) size += h.raw.size();
    out.reserve(out.size() + size);
    if (start_line_dirty_) {
        if (is_request()) {
            out += method_;
            out += ' ';
            out += request_uri_;
            out += " SIP/2.0\r\n";
        } else {
            out += "SIP/2.0 ";
            out += std::to_string(status_);
            out += ' ';
            out += reason_;
            out += "\r\n";
        }
    } else {
        out += start_line_;
    }
    for (const HeaderField& h : headers_) out += h.raw;
    if (generated_ && find(HeaderId::content_length) == nullptr) {
        out += "Content-Length: ";
        out += std::to_string(body_.size());
        out += "\r\n";
    }
    out += blank_line_;
    out += body_;
}

std::string Message::encode() const {
    std::string out;
    encode(out);
    return out;
}

}  // namespace ims::sip
