#pragma once
// Builds a large vault for the benchmarks: N calls in one vault, a catalogue
// row and a placeholder file each (rows say 1,000 bytes and 10 s to 10 min), ~13 s apart.
#include <QString>
#include <optional>

struct BenchVault
{
    qint64 vaultId = 0;
    qint64 firstStart = 0; // packet time of the first call
    qint64 lastStart = 0;
};

BenchVault buildBenchVault(const QString &dataDir, const QString &name, qint64 recordings, std::optional<qint64> cap);
