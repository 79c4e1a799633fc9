#pragma once
// Stream framing of SIP messages (RFC 3261 18.3): on TCP/TLS, a message ends after the empty line
// that closes its header section plus Content-Length bytes of body.

#include <cstddef>
#include <string_view>
#include <system_error>

namespace ims::sip {

/// Size limits applied to received messages, by the framer and by the parser.
struct Limits {
    std::size_t max_message_size = 65536;  ///< start line + headers + body, in bytes
    std::size_t max_headers = 128;         ///< header field lines (continuations not counted)
    std::size_t max_header_line = 8192;    ///< one header line, folded continuations included
};

enum class FrameStatus { complete, need_more, error };

struct FrameResult {
    FrameStatus status;
    std::size_t length = 0;  ///< with `complete`: bytes of the first message (headers + body)
    std::error_code error;   ///< with `error`: a sip_errc saying why the stream is unframeable
};

/// Pure. Given the bytes buffered so far on a stream transport (TCP/TLS), says whether the first
/// SIP message is complete (length = header bytes + Content-Length body), needs more bytes, or is
/// unframeable (no/invalid Content-Length, oversize, too many headers, line too long).
/// Leading CRLFs (RFC 5626 keep-alives) are NOT handled here: the transport strips them first.
/// After an error the connection cannot be resynchronised: the caller answers (if it can parse the
/// prefix) and closes it. Called by the transport on its own strand; keeps no state, so the caller
/// may call it again with more bytes (cost is linear in the header section).
FrameResult frame_stream(std::string_view buffered, const Limits& limits = {});

}  // namespace ims::sip
