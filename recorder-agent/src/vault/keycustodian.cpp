#include "vault/keycustodian.h"

#include "common/logging.h"
#include "vault/catalogue.h"
#include "vault/vaultstore.h"
#include "vaultcrypto/sealedformat.h"

#include <QDateTime>
#include <QDir>
#include <QSqlQuery>
#include <QVariant>
#include <chrono>

namespace vv::agent {

KeyCustodian::KeyCustodian(VaultStore *store, QString cataloguePath, QString dataDir)
    : m_store(store)
    , m_keyring(store->keyring())
    , m_cataloguePath(std::move(cataloguePath))
    , m_dataDir(std::move(dataDir))
{}

KeyCustodian::~KeyCustodian()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void KeyCustodian::start()
{
    m_thread = std::thread([this] { run(); });
}

void KeyCustodian::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_wake.notify_all();
}

KeyCustodian::Progress KeyCustodian::progress(qint64 vaultId) const
{
    std::lock_guard lock(m_mutex);
    return m_progress.value(vaultId);
}

void KeyCustodian::run()
{
    Catalogue catalogue(QStringLiteral("key-custodian"));
    QString error;
    if (!catalogue.open(m_cataloguePath, &error)) {
        qCCritical(lcVault).noquote() << "re-wrapping recording keys cannot start:" << error;
        return;
    }
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        // Calls still recorded with a retired key finish on their own: look again every minute until they have.
        m_wake.wait_for(lock, std::chrono::seconds(60), [this] { return m_woken || m_stop; });
        if (m_stop)
            break;
        m_woken = false;
        lock.unlock();
        pass(catalogue);
        lock.lock();
    }
}

bool KeyCustodian::stopping() const
{
    std::lock_guard lock(m_mutex);
    return m_stop;
}

void KeyCustodian::pass(Catalogue &catalogue)
{
    QSqlQuery vaults(catalogue.database());
    vaults.exec(QStringLiteral("SELECT vault_id FROM vault_keys WHERE retired_at IS NOT NULL AND wrapped_secret IS "
                               "NOT NULL UNION SELECT vault_id FROM vault_encryption WHERE mode <> 'off'"));
    std::vector<qint64> ids;
    while (vaults.next())
        ids.push_back(vaults.value(0).toLongLong());
    for (const qint64 vaultId : ids) {
        if (stopping())
            return;
        encryptPlain(catalogue, vaultId);
        rewrap(catalogue, vaultId);
    }
}

// Recordings made while the vault was plain: encrypted one at a time on the store's writer, oldest first.
void KeyCustodian::encryptPlain(Catalogue &catalogue, qint64 vaultId)
{
    if (!m_keyring->sealingFor(vaultId))
        return;
    QSqlQuery q(catalogue.database());
    q.prepare(QStringLiteral("SELECT id, file FROM calls WHERE vault_id = ? AND state = 'complete' AND file <> '' "
                             "AND id > ? ORDER BY id"));
    q.addBindValue(vaultId);
    q.addBindValue(m_plainChecked.value(vaultId));
    if (!q.exec())
        return;
    std::vector<qint64> plain;
    qint64 checkedUpTo = m_plainChecked.value(vaultId);
    while (q.next()) {
        if (!vv::crypto::isSealedFile(QDir(m_dataDir).filePath(q.value(1).toString())))
            plain.push_back(q.value(0).toLongLong());
        checkedUpTo = q.value(0).toLongLong();
    }
    q.finish();
    Progress p = progress(vaultId);
    p.plainLeft = qint64(plain.size());
    {
        std::lock_guard lock(m_mutex);
        m_progress.insert(vaultId, p);
    }
    bool allDone = true;
    for (const qint64 id : plain) {
        if (stopping())
            return;
        qint64 added = 0;
        QString error;
        const StoreResult r = m_store->resealRecording(id, &added, &error);
        if (r == StoreResult::Done || r == StoreResult::NoAudio) {
            if (r == StoreResult::Done)
                ++p.encrypted;
        } else {
            allDone = false;
            p.lastError = error;
            qCCritical(lcVault).noquote() << "cannot encrypt recording" << id << ":" << error << "- retried later";
        }
        --p.plainLeft;
        std::lock_guard lock(m_mutex);
        m_progress.insert(vaultId, p);
    }
    if (allDone)
        m_plainChecked.insert(vaultId, checkedUpTo);
    if (p.encrypted > 0 && p.plainLeft == 0) {
        qCInfo(lcVault).noquote() << "vault" << vaultId << ":" << p.encrypted << "older recording(s) encrypted";
        // Sign the links now rather than within the hour: the player then says "verified" at once.
        m_store->signChains(QDateTime::currentMSecsSinceEpoch() * 1000);
    }
}

void KeyCustodian::rewrap(Catalogue &catalogue, qint64 vaultId)
{
    const std::vector<QByteArray> retiring = m_keyring->retiringKeys(vaultId);
    if (retiring.empty())
        return;
    Progress p = progress(vaultId);
    p.remaining = 0;
    QSqlQuery q(catalogue.database());
    q.prepare(QStringLiteral("SELECT file, state FROM calls WHERE vault_id = ? AND file <> '' AND state IN "
                             "('complete', 'recording', 'evicting')"));
    q.addBindValue(vaultId);
    q.exec();
    while (q.next()) {
        const QString path = QDir(m_dataDir).filePath(q.value(0).toString());
        if (q.value(1).toString() != CallState::Complete) {
            // Still being written (its key may be a retired one) or about to go: not now.
            if (q.value(1).toString() == CallState::Recording)
                ++p.remaining;
            continue;
        }
        bool changed = false;
        QString error;
        if (!m_keyring->rewrapFile(vaultId, path, &changed, &error)) {
            ++p.remaining;
            p.lastError = error;
            qCCritical(lcVault).noquote() << "cannot re-wrap the key of" << path << ":" << error;
        } else if (changed) {
            ++p.rewrapped;
        }
    }
    if (p.remaining == 0) {
        for (const QByteArray &keyId : retiring) {
            QString error;
            if (!m_keyring->destroySecret(catalogue.database(), keyId, &error)) {
                p.lastError = error;
                ++p.remaining;
                qCCritical(lcVault).noquote() << "cannot destroy a retired vault key:" << error;
            }
        }
        p.finished = p.remaining == 0;
        if (p.finished)
            qCInfo(lcVault).noquote() << "vault" << vaultId << ":" << p.rewrapped
                                      << "recording(s) re-wrapped to the new key; the old key is destroyed";
    }
    std::lock_guard lock(m_mutex);
    m_progress.insert(vaultId, p);
}

} // namespace vv::agent
