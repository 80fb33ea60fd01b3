#pragma once
// Password hashing (Argon2id through libsodium) and bearer tokens: random,
// shown to the client once, stored only as their SHA-256.
#include <QByteArray>
#include <QString>

namespace vv::agent {

bool initSecrets();                            // sodium_init; false if the library cannot start
QString hashPassword(const QString &password); // Argon2id, libsodium's encoded form
bool verifyPassword(const QString &encoded, const QString &password);
QString newToken();                      // 256 random bits, base64url
QString tokenHash(const QString &token); // hex SHA-256
QString generatePassword();              // for "generate one" in customer logins

} // namespace vv::agent
