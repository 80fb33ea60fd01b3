#include "vault/keycustodian.h"

#include "common/logging.h"
#include "vault/catalogue.h"

#include <QDir>
#include <QSqlQuery>
#include <QVariant>
#include <chrono>

namespace vv::agent {

KeyCustodian::KeyCustodian(std::shared_ptr<VaultKeyring> keyring, QString cataloguePath, QString dataDir)
    : m_keyring(std::move(keyring))
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

void KeyCustodian::pass(Catalogue &catalogue)
{
    QSqlQuery vaults(catalogue.database());
    vaults.exec(QStringLiteral("SELECT DISTINCT vault_id FROM vault_keys WHERE retired_at IS NOT NULL AND "
                               "wrapped_secret IS NOT NULL"));
    std::vector<qint64> ids;
    while (vaults.next())
        ids.push_back(vaults.value(0).toLongLong());
    for (const qint64 vaultId : ids) {
        const std::vector<QByteArray> retiring = m_keyring->retiringKeys(vaultId);
        if (retiring.empty())
            continue;
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
}

} // namespace vv::agent
