#pragma once
// Keeps every recording of an encrypting vault sealed to its current key. Migrates recordings made while the
// vault was plain (each encrypted by VaultStore::resealRecording, one at a time, the chain linking the plain and
// the sealed file), and re-wraps a vault's recordings when its key changes (the customer's app set its own key): each
// sealed file's key slot is rewritten in place to the new key — the audio is not re-encrypted, and the file's evidence
// hash (vault/hashchain.h) does not change. When no file of the vault is sealed to a retired key any more (calls still
// being recorded with it are waited for), the retired secret is destroyed: from then on only the customer can
// listen. Runs on its own thread with its own catalogue connection, so the recorder never waits for it.
#include "vault/vaultkeyring.h"

#include <QHash>
#include <QString>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace vv::agent {

class KeyCustodian
{
public:
    struct Progress
    {
        qint64 rewrapped = 0;  // files moved to the current key in this run
        qint64 encrypted = 0;  // plain recordings encrypted in this run
        qint64 plainLeft = 0;  // plain recordings still to encrypt (as of the last pass)
        qint64 remaining = 0;  // files still sealed to a retired key (recording, or failed and to retry)
        QString lastError;     // of the last file that could not be re-wrapped
        bool finished = false; // the retired secret is destroyed
    };

    KeyCustodian(class VaultStore *store, QString cataloguePath, QString dataDir);
    ~KeyCustodian();
    KeyCustodian(const KeyCustodian &) = delete;
    KeyCustodian &operator=(const KeyCustodian &) = delete;

    void start();
    void wake(); // a vault's key changed (any thread)
    Progress progress(qint64 vaultId) const;

private:
    void run();
    void pass(class Catalogue &catalogue);
    void rewrap(Catalogue &catalogue, qint64 vaultId);
    void encryptPlain(Catalogue &catalogue, qint64 vaultId);
    bool stopping() const;

    VaultStore *m_store;
    std::shared_ptr<VaultKeyring> m_keyring;
    QString m_cataloguePath;
    QString m_dataDir;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_woken = true; // the first pass finishes what a restart interrupted
    bool m_stop = false;
    QHash<qint64, Progress> m_progress;
    QHash<qint64, qint64> m_plainChecked; // per vault: recordings up to this id are known to be sealed
};

} // namespace vv::agent
