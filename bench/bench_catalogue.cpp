// Catalogue at scale. Builds a vault of N recordings (default
// 1,000,000) with a file per recording, then measures: start-up reconcile,
// inserting a recording that forces an eviction, the usage query, peak memory.
// Files are empty placeholders (rows say 1,000 bytes each) so the figures are
// the catalogue's and the filesystem metadata's cost, not audio I/O.
#include "benchreport.h"
#include "benchvault.h"
#include "vault/usage.h"
#include "vault/vaultstore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>

using namespace vv::agent;

namespace {

constexpr qint64 kBytes = 1000;

PacketTime epoch()
{
    return QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "vipvault.*.info=false");
    qint64 n = 1'000'000;
    QString doc = QStringLiteral("docs/benchmarks.md");
    for (int i = 1; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == u"--recordings" && i + 1 < argc)
            n = QString::fromLocal8Bit(argv[++i]).toLongLong();
        else if (a == u"--doc" && i + 1 < argc)
            doc = QString::fromLocal8Bit(argv[++i]);
    }
    QTemporaryDir dir;
    const QString data = dir.path();
    std::printf("building a vault of %lld recordings in %s ...\n", static_cast<long long>(n), qPrintable(data));
    QElapsedTimer build;
    build.start();
    const qint64 cap = n * kBytes;
    buildBenchVault(data, QStringLiteral("bench"), n, cap);
    std::printf("built in %.1f s\n", build.elapsed() / 1000.0);

    // 1. Start-up reconcile over the whole vault.
    Catalogue cat(QStringLiteral("bench"));
    QString error;
    QElapsedTimer t;
    t.start();
    cat.open(data + QStringLiteral("/catalogue.sqlite"), &error);
    AgentConfig cfg;
    cfg.dataDir = data;
    cfg.reserveFreeBytes = 0;
    VaultStore store(&cat, data, 0);
    if (!store.open(cfg, epoch() + n * 13'000'000, &error))
        qFatal("%s", qPrintable(error));
    const double reconcileS = t.elapsed() / 1000.0;
    std::printf("start-up reconcile: %.2f s\n", reconcileS);
    const qint64 vaultId = store.vault(QStringLiteral("bench"))->id;

    // 2. Insert recordings into the full vault: each one forces evictions.
    std::vector<double> insertMs;
    PacketTime now = epoch() + n * 13'000'000;
    for (int i = 0; i < 3000; ++i) {
        now += 13'000'000;
        CallRow row;
        row.vaultId = vaultId;
        row.sipCallId = QStringLiteral("new-%1").arg(i);
        row.caller = QStringLiteral("201");
        row.callee = QStringLiteral("07700900123");
        row.extension = QStringLiteral("201");
        row.direction = QStringLiteral("outbound");
        row.reason = QStringLiteral("recorded");
        row.startedAt = row.answeredAt = now;
        QElapsedTimer one;
        one.start();
        QString path;
        QString refusal;
        row.id = store.beginRecording(row, &path, &refusal);
        if (!row.id)
            qFatal("refused: %s", qPrintable(refusal));
        QString why;
        store.reserve(row.id, kBytes, &why);
        row.file = path.mid(data.size() + 1);
        row.durationMs = 60000;
        row.endedAt = now + 60'000'000;
        store.finishRecording(row, kBytes);
        insertMs.push_back(one.nsecsElapsed() / 1e6);
    }
    const Stats ins = summarise(insertMs);
    std::printf("insert forcing eviction: median %.3f ms, p99 %.3f ms\n", ins.medianMs, ins.p99Ms);

    // 3. The usage query (what the app shows and the API serves).
    std::vector<double> usageMs;
    const VaultRecord vault = *store.vault(QStringLiteral("bench"));
    for (int i = 0; i < 300; ++i) {
        QElapsedTimer one;
        one.start();
        const UsageReport r = computeUsage(&cat, vault, now);
        usageMs.push_back(one.nsecsElapsed() / 1e6);
        if (r.recordings <= 0)
            qFatal("usage query returned nothing");
    }
    const Stats use = summarise(usageMs);
    std::printf("usage query: median %.3f ms, p99 %.3f ms\n", use.medianMs, use.p99Ms);
    const double rss = peakRssMb();
    std::printf("peak memory: %.0f MB\n", rss);

    const QString md =
        QStringLiteral("## Catalogue at scale (`bench_catalogue`)\n\n"
                       "Machine: %1. Build: %2.\n\n"
                       "Method: a vault of %3 recordings (one catalogue row and one file each, files are empty "
                       "placeholders whose rows say 1,000 bytes, spread over ~5 months in day folders), capped at "
                       "exactly its size, so every new recording forces an eviction (catalogue update + file "
                       "delete). Real SQLite (WAL, synchronous=NORMAL) on the local disk. Command: "
                       "`build/bench/bench_catalogue --recordings %3`.\n\n"
                       "| measure | result | target |\n|---|---|---|\n"
                       "| start-up reconcile (walk every file, merge with every row, recount usage) | %4 s | < 10 s |\n"
                       "| insert a recording that forces an eviction, median (%5 samples) | %6 ms | < 1 ms |\n"
                       "| same, p99 | %7 ms | |\n"
                       "| usage query, median (%8 samples) | %9 ms | < 10 ms |\n"
                       "| usage query, p99 | %10 ms | |\n"
                       "| peak memory (whole process) | %11 MB | |\n")
            .arg(machineDescription(), QStringLiteral(VIPVAULT_BUILD_TYPE))
            .arg(n)
            .arg(reconcileS, 0, 'f', 2)
            .arg(ins.samples)
            .arg(ins.medianMs, 0, 'f', 3)
            .arg(ins.p99Ms, 0, 'f', 3)
            .arg(use.samples)
            .arg(use.medianMs, 0, 'f', 3)
            .arg(use.p99Ms, 0, 'f', 3)
            .arg(rss, 0, 'f', 0);
    if (!writeSection(doc, QStringLiteral("catalogue"), md))
        std::fprintf(stderr, "cannot write %s\n", qPrintable(doc));
    std::printf("written to %s\n", qPrintable(doc));
    return 0;
}
