// Tamper evidence at scale: sealing a vault of N recordings into its hash chain (what a start-up does for
// recordings it adopts), signing, and `verify` over the whole vault — the chain, every row's details and the
// signature, with and without re-hashing each file — plus the SHA-256 rate on recording-sized files, from which the
// time to re-hash a vault of real recordings follows. In-process, the same functions `vipvault-agent verify` runs.
// Usage: bench_verify [--recordings N] [--doc docs/benchmarks.md]
#include "benchreport.h"
#include "benchvault.h"
#include "vault/catalogue.h"
#include "vault/chainsigner.h"
#include "vault/chainverify.h"
#include "vault/hashchain.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <cstdio>

using namespace vv::agent;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "vipvault.*.info=false");
    qint64 n = 100'000;
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
    std::printf("building a vault of %lld recordings ...\n", static_cast<long long>(n));
    const BenchVault vault = buildBenchVault(data, QStringLiteral("bench"), n, std::nullopt);

    Catalogue cat(QStringLiteral("bench-verify"));
    QString error;
    if (!cat.open(data + QStringLiteral("/catalogue.sqlite"), &error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    ChainSigner signer;
    if (!signer.open(data, &error))
        return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;

    QElapsedTimer t;
    t.start();
    const int sealed = chain::sealPending(cat.database(), data, vault.lastStart, &error);
    const double sealS = t.elapsed() / 1000.0;
    if (sealed != n)
        return std::fprintf(stderr, "sealed %d of %lld: %s\n", sealed, static_cast<long long>(n), qPrintable(error)), 1;
    t.restart();
    if (signHeads(cat.database(), signer, vault.lastStart, &error) != 1)
        return std::fprintf(stderr, "signing failed: %s\n", qPrintable(error)), 1;
    const double signMs = t.nsecsElapsed() / 1e6;

    t.restart();
    const VaultVerdict chainOnly =
        verifyVault(cat.database(), data, vault.vaultId, QStringLiteral("bench"), signer.publicKey(), false);
    const double chainS = t.elapsed() / 1000.0;
    t.restart();
    const VaultVerdict withFiles =
        verifyVault(cat.database(), data, vault.vaultId, QStringLiteral("bench"), signer.publicKey(), true);
    const double filesS = t.elapsed() / 1000.0;
    if (!chainOnly.ok() || !withFiles.ok() || withFiles.filesChecked != n)
        return std::fprintf(stderr, "verify failed: %s\n", qPrintable(withFiles.problems.value(0))), 1;

    // SHA-256 over recording-sized files (a 10-minute call is ~1.2 MB of Opus at the agent's measured rate).
    const int files = 200;
    const qint64 fileBytes = 1'200'000;
    QByteArray block(int(fileBytes), '\0');
    for (char &c : block)
        c = char(QRandomGenerator::global()->generate());
    for (int i = 0; i < files; ++i) {
        QFile f(QDir(data).filePath(QStringLiteral("big-%1.opus").arg(i)));
        if (!f.open(QIODevice::WriteOnly) || f.write(block) != block.size())
            return std::fprintf(stderr, "cannot write test files\n"), 1;
    }
    t.restart();
    for (int i = 0; i < files; ++i) {
        QByteArray sha;
        if (!chain::fileDigest(QDir(data).filePath(QStringLiteral("big-%1.opus").arg(i)), &sha, &error))
            return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
    }
    const double hashS = t.elapsed() / 1000.0;
    const double mbPerS = files * fileBytes / 1e6 / hashS;
    // A vault of real recordings: N of 3 minutes (~360 kB each) = chain work + hashing that audio.
    const double realBytes = double(n) * 360'000;
    const double realS = chainS + (withFiles.filesChecked ? (filesS - chainS) : 0) + realBytes / 1e6 / mbPerS;

    const QString md =
        QStringLiteral("Method: a vault of %1 recordings (rows as the recorder writes them, a 1 kB file each) "
                       "sealed into its chain in-process, signed, then checked with the functions `vipvault-agent "
                       "verify` runs; then SHA-256 over %2 files of 1.2 MB (a 10-minute call), page cache warm. "
                       "%3 build, %4.\n\n"
                       "| Step | Figure |\n|---|---|\n"
                       "| Seal %1 recordings into the chain (start-up, adopted recordings) | %5 s |\n"
                       "| Sign the head | %6 ms |\n"
                       "| `verify --no-files`: chain, every row's details, signature | %7 s (%8 µs per recording) |\n"
                       "| `verify` with every (1 kB) file re-hashed | %9 s |\n"
                       "| SHA-256 of recording files | %10 MB/s |\n"
                       "| Estimated `verify` of %1 real 3-minute recordings (%12 GB) | %11 min |\n")
            .arg(n)
            .arg(files)
            .arg(QStringLiteral(VIPVAULT_BUILD_TYPE), machineDescription())
            .arg(sealS, 0, 'f', 1)
            .arg(signMs, 0, 'f', 2)
            .arg(chainS, 0, 'f', 2)
            .arg(chainS * 1e6 / double(n), 0, 'f', 1)
            .arg(filesS, 0, 'f', 2)
            .arg(mbPerS, 0, 'f', 0)
            .arg(realS / 60.0, 0, 'f', 1)
            .arg(realBytes / 1e9, 0, 'f', 0);
    std::printf("%s\n", qPrintable(md));
    if (!writeSection(doc, QStringLiteral("verify"),
                      QStringLiteral("## Tamper evidence at scale (`bench_verify`)\n\n") + md))
        return std::fprintf(stderr, "cannot write %s\n", qPrintable(doc)), 1;
    return 0;
}
