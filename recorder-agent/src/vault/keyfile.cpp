#include "vault/keyfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace vv::agent {

QByteArray readOrCreateKeyFile(const QString &path, int size, const std::function<QByteArray()> &make,
                               const QString &what, QString *error)
{
    QFile f(path);
    if (f.exists()) {
        if (!f.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read the %1 %2: %3").arg(what, path, f.errorString());
            return {};
        }
        const QByteArray secret = f.readAll();
        if (secret.size() != size) {
            *error = QStringLiteral("the %1 %2 is damaged (%3 bytes, not %4); restore it from a backup — a new key "
                                    "would not open what the old one protects")
                         .arg(what, path)
                         .arg(secret.size())
                         .arg(size);
            return {};
        }
        return secret;
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = QStringLiteral("cannot create %1").arg(folder);
        return {};
    }
    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QByteArray secret = make();
    QSaveFile out(path);
    // Owner-only before the secret is written.
    if (!out.open(QIODevice::WriteOnly) || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        out.write(secret) != secret.size() || !out.commit()) {
        *error = QStringLiteral("cannot write the %1 %2: %3").arg(what, path, out.errorString());
        return {};
    }
    return secret;
}

} // namespace vv::agent
