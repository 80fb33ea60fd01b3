#include "vault/vaultkeyring.h"

#include "common/logging.h"
#include "vault/keyfile.h"
#include "vaultcrypto/vaultkeys.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <sodium.h>

namespace vv::agent {

namespace {

bool exec(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

void wipe(QByteArray &b)
{
    if (!b.isEmpty())
        sodium_memzero(b.data(), static_cast<size_t>(b.size()));
    b.clear();
}

} // namespace

QString VaultKeyring::masterKeyPath(const QString &dataDir)
{
    // systemd's LoadCredentialEncrypted= puts the master key where only this service sees it (and keeps it
    // encrypted at rest by the TPM or the host key); without it the key file lives beside the data, owner-only.
    const QString credentials = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (!credentials.isEmpty() && QFile::exists(credentials + QStringLiteral("/vipvault-vault-master-key")))
        return credentials + QStringLiteral("/vipvault-vault-master-key");
    return QDir(dataDir).filePath(QStringLiteral("keys/vault-master.key"));
}

bool VaultKeyring::open(const QSqlDatabase &db, const QString &dataDir, QString *error)
{
    std::lock_guard lock(m_mutex);
    m_dataDir = dataDir;
    // The master key is made the first time a vault encrypts (an agent that never does needs no key file), and
    // read at start once one exists.
    QSqlQuery any(db);
    if (!any.exec(QStringLiteral("SELECT 1 FROM vault_keys WHERE wrapped_secret IS NOT NULL LIMIT 1"))) {
        *error = any.lastError().text();
        return false;
    }
    const bool needed = any.next();
    any.finish();
    if ((needed || QFile::exists(masterKeyPath(dataDir))) && !loadMaster(error))
        return false;
    return load(db, error);
}

bool VaultKeyring::loadMaster(QString *error)
{
    if (!m_master.isEmpty())
        return true;
    m_master = readOrCreateKeyFile(
        masterKeyPath(m_dataDir), 32, [] { return vv::crypto::randomBytes(32); }, QStringLiteral("vault master key"),
        error);
    return !m_master.isEmpty();
}

bool VaultKeyring::load(const QSqlDatabase &db, QString *error)
{
    m_keys.clear();
    m_modes.clear();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT vault_id, mode, changed_at, changed_by FROM vault_encryption"));
    if (!exec(q, error))
        return false;
    while (q.next()) {
        VaultEncryption &e = m_modes[q.value(0).toLongLong()];
        e.mode = q.value(1).toString();
        e.changedAt = q.value(2).toLongLong();
        e.changedBy = q.value(3).toString();
    }
    q.prepare(QStringLiteral("SELECT key_id, vault_id, holder, public_key, wrapped_secret, recovery, created_at, "
                             "retired_at FROM vault_keys ORDER BY created_at"));
    if (!exec(q, error))
        return false;
    while (q.next()) {
        Key k;
        k.vaultId = q.value(1).toLongLong();
        k.holder = q.value(2).toString();
        k.publicKey = q.value(3).toByteArray();
        k.createdAt = q.value(6).toLongLong();
        k.retired = !q.value(7).isNull();
        const QByteArray wrapped = q.value(4).toByteArray();
        if (!wrapped.isEmpty()) {
            k.secret = vv::crypto::unwrapWithKey(wrapped, m_master);
            if (k.secret.isEmpty()) {
                *error = QStringLiteral("the vault master key does not open vault %1's key: restore the key file "
                                        "(keys/vault-master.key) that belongs to this catalogue")
                             .arg(k.vaultId);
                return false;
            }
        }
        if (k.holder == EncryptionMode::Customer && !k.retired)
            m_modes[k.vaultId].recovery = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object();
        m_keys.insert(q.value(0).toByteArray(), k);
    }
    return true;
}

const VaultKeyring::Key *VaultKeyring::currentKey(qint64 vaultId) const
{
    const Key *best = nullptr;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
        const Key &k = it.value();
        if (k.vaultId == vaultId && !k.retired && (!best || k.createdAt >= best->createdAt))
            best = &k;
    }
    return best;
}

std::optional<SealingKey> VaultKeyring::sealingFor(qint64 vaultId) const
{
    std::lock_guard lock(m_mutex);
    const auto mode = m_modes.constFind(vaultId);
    if (mode == m_modes.cend() || mode->mode == EncryptionMode::Off)
        return std::nullopt;
    const Key *k = currentKey(vaultId);
    if (!k)
        return std::nullopt;
    return SealingKey{k->publicKey, vv::crypto::keyIdOf(k->publicKey)};
}

VaultEncryption VaultKeyring::state(qint64 vaultId) const
{
    std::lock_guard lock(m_mutex);
    VaultEncryption e = m_modes.value(vaultId);
    if (e.mode != EncryptionMode::Off) {
        if (const Key *k = currentKey(vaultId)) {
            e.holder = k->holder;
            e.publicKey = k->publicKey;
            e.keyId = vv::crypto::keyIdOf(k->publicKey);
        }
        e.awaitingCustomerKey = e.mode == EncryptionMode::Customer && e.holder != EncryptionMode::Customer;
    }
    return e;
}

bool VaultKeyring::holdsSecret(const QByteArray &keyId) const
{
    std::lock_guard lock(m_mutex);
    const auto it = m_keys.constFind(keyId);
    return it != m_keys.cend() && !it->secret.isEmpty();
}

QByteArray VaultKeyring::fileKey(const vv::crypto::SealedHeader &header, QString *why) const
{
    if (header.isShredded()) {
        *why = QStringLiteral("the recording's key was destroyed");
        return {};
    }
    std::lock_guard lock(m_mutex);
    const auto it = m_keys.constFind(header.keyId);
    if (it == m_keys.cend()) {
        *why = QStringLiteral("the recording is sealed to a key this agent does not know");
        return {};
    }
    if (it->secret.isEmpty()) {
        *why = it->holder == EncryptionMode::Customer
                   ? QStringLiteral("only the customer holds the key to this recording")
                   : QStringLiteral("the key to this recording was destroyed");
        return {};
    }
    const QByteArray key = vv::crypto::unsealFileKey(header.sealedKey, it->publicKey, it->secret);
    if (key.isEmpty())
        *why = QStringLiteral("the recording's sealed key does not open (altered file)");
    return key;
}

bool VaultKeyring::createAgentKey(const QSqlDatabase &db, qint64 vaultId, PacketTime now, QString *error)
{
    if (!loadMaster(error))
        return false;
    vv::crypto::VaultKeyPair pair = vv::crypto::VaultKeyPair::generate();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO vault_keys(key_id, vault_id, holder, public_key, wrapped_secret, "
                             "created_at) VALUES (?, ?, 'agent', ?, ?, ?)"));
    const QByteArray keyId = vv::crypto::keyIdOf(pair.publicKey);
    q.addBindValue(keyId);
    q.addBindValue(vaultId);
    q.addBindValue(pair.publicKey);
    q.addBindValue(vv::crypto::wrapWithKey(pair.secretKey, m_master));
    q.addBindValue(now);
    if (!exec(q, error))
        return false;
    m_keys.insert(keyId, Key{vaultId, EncryptionMode::Agent, pair.publicKey, pair.secretKey, now, false});
    wipe(pair.secretKey);
    return true;
}

bool VaultKeyring::setMode(const QSqlDatabase &db, qint64 vaultId, const QString &mode, const QString &by,
                           PacketTime now, QString *error)
{
    std::lock_guard lock(m_mutex);
    const Key *current = currentKey(vaultId);
    if (current && current->holder == EncryptionMode::Customer && mode != EncryptionMode::Customer) {
        *error = QStringLiteral("the customer holds this vault's key: only they could hand it back, so the vault "
                                "stays customer-held");
        return false;
    }
    QSqlDatabase conn = db;
    if (!conn.transaction()) {
        *error = conn.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO vault_encryption(vault_id, mode, changed_at, changed_by) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT(vault_id) DO UPDATE SET mode = excluded.mode, changed_at = excluded.changed_at, "
                       "changed_by = excluded.changed_by"));
    q.addBindValue(vaultId);
    q.addBindValue(mode);
    q.addBindValue(now);
    q.addBindValue(by);
    const auto keysBefore = m_keys;
    bool ok = exec(q, error);
    if (ok && mode != EncryptionMode::Off && !current)
        ok = createAgentKey(db, vaultId, now, error);
    if (!ok || !conn.commit()) {
        conn.rollback();
        m_keys = keysBefore;
        if (error->isEmpty())
            *error = conn.lastError().text();
        return false;
    }
    VaultEncryption &e = m_modes[vaultId];
    e.mode = mode;
    e.changedAt = now;
    e.changedBy = by;
    return true;
}

bool VaultKeyring::setCustomerKey(const QSqlDatabase &db, qint64 vaultId, const QByteArray &publicKey,
                                  const QJsonObject &recovery, const QString &by, PacketTime now, QString *error)
{
    std::lock_guard lock(m_mutex);
    if (m_modes.value(vaultId).mode != EncryptionMode::Customer) {
        *error = QStringLiteral("the vault is not set to be opened only by the customer");
        return false;
    }
    const QByteArray keyId = vv::crypto::keyIdOf(publicKey);
    if (m_keys.contains(keyId)) {
        *error = QStringLiteral("this key is already known");
        return false;
    }
    QSqlDatabase conn = db;
    if (!conn.transaction()) {
        *error = conn.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE vault_keys SET retired_at = ? WHERE vault_id = ? AND retired_at IS NULL"));
    q.addBindValue(now);
    q.addBindValue(vaultId);
    bool ok = exec(q, error);
    if (ok) {
        q.prepare(QStringLiteral("INSERT INTO vault_keys(key_id, vault_id, holder, public_key, recovery, created_at) "
                                 "VALUES (?, ?, 'customer', ?, ?, ?)"));
        q.addBindValue(keyId);
        q.addBindValue(vaultId);
        q.addBindValue(publicKey);
        q.addBindValue(QString::fromUtf8(QJsonDocument(recovery).toJson(QJsonDocument::Compact)));
        q.addBindValue(now);
        ok = exec(q, error);
    }
    if (!ok || !conn.commit()) {
        conn.rollback();
        return false;
    }
    for (auto it = m_keys.begin(); it != m_keys.end(); ++it)
        if (it->vaultId == vaultId)
            it->retired = true;
    m_keys.insert(keyId, Key{vaultId, EncryptionMode::Customer, publicKey, {}, now, false});
    VaultEncryption &e = m_modes[vaultId];
    e.recovery = recovery;
    e.changedAt = now;
    e.changedBy = by;
    return true;
}

std::vector<QByteArray> VaultKeyring::retiringKeys(qint64 vaultId) const
{
    std::lock_guard lock(m_mutex);
    std::vector<QByteArray> out;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it)
        if (it->vaultId == vaultId && it->retired && !it->secret.isEmpty())
            out.push_back(it.key());
    return out;
}

bool VaultKeyring::destroySecret(const QSqlDatabase &db, const QByteArray &keyId, QString *error)
{
    QSqlQuery q(db);
    // secure_delete: SQLite overwrites the freed bytes instead of leaving the wrapped secret in a free page.
    q.exec(QStringLiteral("PRAGMA secure_delete = ON"));
    q.prepare(QStringLiteral("UPDATE vault_keys SET wrapped_secret = NULL WHERE key_id = ?"));
    q.addBindValue(keyId);
    if (!exec(q, error))
        return false;
    std::lock_guard lock(m_mutex);
    auto it = m_keys.find(keyId);
    if (it != m_keys.end())
        wipe(it->secret);
    return true;
}

bool VaultKeyring::rewrapFile(qint64 vaultId, const QString &path, bool *changed, QString *error) const
{
    *changed = false;
    std::lock_guard slot(m_slotLock);
    vv::crypto::SealedHeader h;
    QString why;
    if (!vv::crypto::readHeader(path, &h, &why)) {
        if (!why.isEmpty() && QFile::exists(path)) {
            *error = why;
            return false;
        }
        return true; // plain or gone
    }
    if (h.isShredded())
        return true;
    QByteArray target;
    QByteArray fileKey;
    {
        std::lock_guard lock(m_mutex);
        const Key *current = currentKey(vaultId);
        const auto it = m_keys.constFind(h.keyId);
        if (!current || it == m_keys.cend() || !it->retired || it->secret.isEmpty())
            return true; // sealed to the current key, or to one this pass cannot open
        fileKey = vv::crypto::unsealFileKey(h.sealedKey, it->publicKey, it->secret);
        target = current->publicKey;
    }
    if (fileKey.isEmpty()) {
        *error = QStringLiteral("the sealed key of %1 does not open").arg(path);
        return false;
    }
    const bool ok = vv::crypto::replaceSealedKey(path, vv::crypto::keyIdOf(target),
                                                 vv::crypto::sealFileKey(fileKey, target), error);
    wipe(fileKey);
    *changed = ok;
    return ok;
}

} // namespace vv::agent
