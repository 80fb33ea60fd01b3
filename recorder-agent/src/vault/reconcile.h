#pragma once
// Start-up repair of the vault after a crash, kill -9 or power cut: finalises
// recordings that were in progress, finishes interrupted evictions and
// deletions, adopts audio files the catalogue lost, marks rows whose file is
// gone, and recounts usage. Every repair is logged.
#include "common/timeformat.h"

#include <QString>

namespace vv::agent {

class VaultStore;

struct ReconcileReport
{
    int finalised = 0;        // in-progress recordings turned into complete files
    int lost = 0;             // in-progress recordings with no audio on disk
    int orphansAdopted = 0;   // audio files without a row
    int leftoversDeleted = 0; // files of rows already overwritten/deleted
    int missing = 0;          // complete rows whose file is gone
    qint64 elapsedMs = 0;
};

class Reconciler
{
public:
    explicit Reconciler(VaultStore *store);
    bool run(PacketTime now, QString *error);
    const ReconcileReport &report() const { return m_report; }

private:
    void finishInterrupted(PacketTime now);
    void mergeDiskAndCatalogue(PacketTime now);
    void adopt(const QString &relative, PacketTime now);
    void markMissing(qint64 id, const QString &file, PacketTime now);

    VaultStore *m_store;
    ReconcileReport m_report;
};

} // namespace vv::agent
