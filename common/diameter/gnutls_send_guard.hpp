#pragma once
// One sender at a time on each TLS session freeDiameter owns.
//
// GnuTLS lets one thread send while another receives on a session, nothing more: closing it
// must be left to the sending thread (gnutls_bye(GNUTLS_SHUT_WR)). freeDiameter 1.2.1 breaks
// that rule. Its receiver thread answers the peer's close_notify with gnutls_bye(SHUT_RDWR)
// (fd_tls_recv_handle_error) while the peer state machine may be sending a DPA or calling
// gnutls_bye itself; both then work on the session's one send queue, and one frees a record
// buffer the other is writing (seen under ASan in most TLS disconnects on a 2-core machine).
//
// gnutls_send_guard.cpp defines gnutls_record_send and gnutls_bye in every executable that
// links ims_diameter. libfdcore binds to them (an executable's definitions come first), and
// they call GnuTLS's own under a lock per session. gnutls_bye becomes SHUT_WR: the lock is
// never held while waiting for the peer, and freeDiameter only asks for SHUT_RDWR once the
// peer's close_notify has arrived or a handshake has failed, where waiting adds nothing.

namespace ims::cx {

/// True when freeDiameter's calls resolve to the guarded gnutls_record_send and gnutls_bye
/// (false would mean a link that does not export them from the executable).
bool gnutls_send_guard_active();

}  // namespace ims::cx
