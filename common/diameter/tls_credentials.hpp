#pragma once
// TLS credentials for freeDiameter. freeDiameter 1.2.1 refuses to start without a certificate
// and key even when every peer is No_TLS, so a process without configured credentials gets a
// self-signed pair in its state directory on first start (OpenSSL C API; logged).

#include <filesystem>

#include "common/core/result.hpp"
#include "common/diameter/diameter_config.hpp"

namespace ims::cx {

/// Creates (if absent) state_dir/tls-cert.pem and tls-key.pem (EC P-256, self-signed,
/// CN = identity, 10 years) and state_dir/dh.pem (RFC 7919 ffdhe2048, so freeDiameter does not
/// generate DH parameters at every start). Returns the files freeDiameter must load: the
/// configured ones when cfg.tls.cert/key are set.
Result<TlsFiles> ensure_tls_credentials(const DiameterConfig& cfg);

/// Writes a fresh self-signed certificate and key (overwrites). Exposed for tests.
Result<void> write_self_signed(const std::filesystem::path& cert, const std::filesystem::path& key,
                               const std::string& common_name);

}  // namespace ims::cx
