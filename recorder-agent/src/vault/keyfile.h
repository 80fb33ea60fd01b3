#pragma once
// A secret the agent keeps in a file only the service user can read (<data>/keys/, 0700; the file 0600): read it,
// or create it on first start. Used for the chain-signing key and the vault master key.
#include <QByteArray>
#include <QString>
#include <functional>

namespace vv::agent {

// The file's bytes, or on first start `make()` written atomically with owner-only permissions. Empty with *error
// when the file exists with the wrong size (a damaged key is never silently replaced: what it protects would be
// lost) or cannot be read or written.
QByteArray readOrCreateKeyFile(const QString &path, int size, const std::function<QByteArray()> &make,
                               const QString &what, QString *error);

} // namespace vv::agent
