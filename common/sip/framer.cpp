#include "common/sip/framer.hpp"

#include <cstring>
#include <optional>

#include "common/sip/errors.hpp"
#include "common/sip/scan.hpp"

namespace ims::sip {
namespace {

FrameResult fail(sip_errc e) {
    return {FrameStatus::error, 0, make_error_code(e)};
}

bool is_content_length_name(std::string_view name) {
    // RFC 3261 7.3.3: "l" is the compact form of Content-Length.
    return scan::iequals(name, "Content-Length") || scan::iequals(name, "l");
}

}  // namespace

FrameResult frame_stream(std::string_view buf, const Limits& limits) {
    const char* const data = buf.data();
    std::size_t pos = 0;
    std::size_t headers = 0;
    std::size_t line_start = 0;  // start of the current logical header line (for its length)
    bool first_line = true;
    std::optional<std::size_t> content_length;
    // Position of the value of the last Content-Length line, parsed once the line is complete
    // (it may be folded over several physical lines).
    std::size_t cl_value = std::string_view::npos;

    const auto finish_content_length = [&](std::size_t line_end) -> std::optional<sip_errc> {
        if (cl_value == std::string_view::npos) return std::nullopt;
        const std::string_view v = scan::trim(buf.substr(cl_value, line_end - cl_value));
        cl_value = std::string_view::npos;
        const auto n = scan::parse_uint(v, 10);
        if (!n) return sip_errc::bad_content_length;
        if (content_length && *content_length != *n) return sip_errc::conflicting_content_length;
        content_length = static_cast<std::size_t>(*n);
        return std::nullopt;
    };

    while (true) {
        const void* nl = std::memchr(data + pos, '\n', buf.size() - pos);
        if (nl == nullptr) {
            // Incomplete line: check what can already be checked.
            if (buf.size() > limits.max_message_size) return fail(sip_errc::message_too_large);
            if (!first_line && buf.size() - line_start > limits.max_header_line) {
                return fail(sip_errc::header_line_too_long);
            }
            return {FrameStatus::need_more, 0, {}};
        }
        const std::size_t eol = static_cast<std::size_t>(static_cast<const char*>(nl) - data);
        const std::size_t next = eol + 1;
        const std::size_t content_end = (eol > pos && data[eol - 1] == '\r') ? eol - 1 : eol;
        if (next > limits.max_message_size) return fail(sip_errc::message_too_large);

        if (first_line) {
            first_line = false;
            if (content_end == pos) return fail(sip_errc::empty_message);
            pos = next;
            line_start = pos;
            continue;
        }
        if (content_end == pos) {
            // Empty line: end of the header section.
            if (auto e = finish_content_length(pos)) return fail(*e);
            if (!content_length) return fail(sip_errc::missing_content_length);
            if (*content_length > limits.max_message_size) return fail(sip_errc::body_too_large);
            const std::size_t total = next + *content_length;
            if (total > limits.max_message_size) return fail(sip_errc::body_too_large);
            if (buf.size() < total) return {FrameStatus::need_more, 0, {}};
            return {FrameStatus::complete, total, {}};
        }
        if (scan::is_ws(data[pos])) {
            // Folded continuation of the previous header line (RFC 3261 7.3.1).
            if (headers == 0) return fail(sip_errc::header_starts_with_whitespace);
        } else {
            if (auto e = finish_content_length(pos)) return fail(*e);
            if (++headers > limits.max_headers) return fail(sip_errc::too_many_headers);
            line_start = pos;
            const std::string_view line = buf.substr(pos, content_end - pos);
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) return fail(sip_errc::bad_header_line);
            std::string_view name = line.substr(0, colon);
            while (!name.empty() && scan::is_ws(name.back())) name.remove_suffix(1);
            if (is_content_length_name(name)) cl_value = pos + colon + 1;
        }
        if (content_end - line_start > limits.max_header_line) {
            return fail(sip_errc::header_line_too_long);
        }
        pos = next;
    }
}

}  // namespace ims::sip
