#pragma once
// A self-signed TLS certificate for localhost (EC P-256, SAN localhost / 127.0.0.1 / ::1), made
// by `binhan init` when no certificate is configured. For development and first runs only: a
// real deployment points tls.certificate and tls.key at its own.
#include <string>

namespace binhan::crypto {

// Writes `certificatePath` (PEM, 0644) and `keyPath` (PEM, 0600), valid for `days` days.
// Throws std::runtime_error when OpenSSL or the file system fails.
void writeDevCertificate(const std::string& certificatePath, const std::string& keyPath,
                         int days = 365);

}  // namespace binhan::crypto
