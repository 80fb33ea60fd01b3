// The filesystem's free-space reserve protects the whole host, whatever a vault's policy: on a small tmpfs with
// reserve_free = 1MB, a vault whose cap is larger than the filesystem overwrites its oldest recordings early, and
// an indefinite vault stops starting recordings (saying why) — in both cases without a write ever failing, a
// partial file left behind or the catalogue (which lives on the same filesystem) being damaged.
//
// Two filesystem sizes: on 5 MB the catalogue's own growth (SQLite's write-ahead log reaches ~4 MB before its
// first automatic checkpoint) competes with the audio for the reserve; on 10 MB the audio alone exhausts it.
#include "vaultfixture.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

using namespace vv::capgen;
using namespace vv::vaulttest;

namespace {

constexpr qint64 kReserve = 1000000; // "1MB"
constexpr int kCalls = 80; // 80 x 60 s x ~1.2 KB/s ≈ 5.8 MB of audio: more than a 5 or 7 MB filesystem keeps for audio
                           // (the agent leaves the 1 MB reserve plus 2 MB for the catalogue free)

qint64 freeBytes(const QString &path)
{
    struct statvfs st = {};
    if (::statvfs(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return qint64(st.f_bavail) * qint64(st.f_frsize);
}

} // namespace

class TestDiskFull : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void reserveKept_data();
    void reserveKept();
    void reserveHeldMidRun_data();
    void reserveHeldMidRun();

private:
    // Mounts a tmpfs of `mb` MB as <tmp>/<name>/data; empty with *why set when that is impossible here.
    QString mountDataDir(const QString &name, int mb, QString *why);

    QTemporaryDir m_dir;
    Scenario m_scenario;
    QString m_capture;
    QString m_mounted; // tmpfs to unmount after each row
};

void TestDiskFull::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root to mount a small tmpfs as the data filesystem");
    const QString unusable = prepareDataFolder(m_dir);
    QVERIFY2(unusable.isEmpty(), qPrintable(unusable));
    LaneCalls spec;
    spec.prefix = "full";
    spec.count = kCalls;
    spec.lanes = 5;
    spec.minTalkMs = 60000;
    spec.maxTalkMs = 60000;
    addLaneCalls(m_scenario, spec);
    m_capture = m_dir.filePath("calls.pcap"); // on the ordinary filesystem: only the data dir is small
    QString error;
    QVERIFY2(writePcap(m_capture, m_scenario, &error), qPrintable(error));
}

void TestDiskFull::cleanup()
{
    if (m_mounted.isEmpty())
        return;
    if (::umount2(QFile::encodeName(m_mounted).constData(), 0) != 0)
        ::umount2(QFile::encodeName(m_mounted).constData(), MNT_DETACH);
    m_mounted.clear();
}

QString TestDiskFull::mountDataDir(const QString &name, int mb, QString *why)
{
    const QString data = m_dir.filePath(name + "/data");
    if (!QDir().mkpath(data)) {
        *why = "cannot create " + data;
        return {};
    }
    const QByteArray options = QByteArray("size=") + QByteArray::number(mb) + "m,mode=0755";
    if (::mount("tmpfs", QFile::encodeName(data).constData(), "tmpfs", 0, options.constData()) != 0) {
        *why = QString("cannot mount a tmpfs on %1: %2").arg(data, QString::fromLocal8Bit(strerror(errno)));
        return {};
    }
    m_mounted = data;
    return data;
}

void TestDiskFull::reserveKept_data()
{
    QTest::addColumn<int>("mb");
    QTest::addColumn<QString>("cap");
    // 5 MB, not 4: the catalogue schema of encryption at rest (three pages) took the last 12 kB a 4 MB filesystem
    // had for the calls in progress of a capped vault.
    QTest::newRow("5 MB, cap larger than the filesystem") << 5 << "100MB";
    QTest::newRow("5 MB, grow indefinitely") << 5 << "unlimited";
    QTest::newRow("7 MB, cap larger than the filesystem") << 7 << "100MB";
    QTest::newRow("7 MB, grow indefinitely") << 7 << "unlimited";
}

void TestDiskFull::reserveKept()
{
    QFETCH(int, mb);
    QFETCH(QString, cap);
    const bool capped = cap != "unlimited";
    const QString name = QString("%1mb-%2").arg(mb).arg(capped ? "capped" : "unlimited");
    QString why;
    const QString data = mountDataDir(name, mb, &why);
    if (data.isEmpty())
        QSKIP(qPrintable(why));
    QCOMPARE(freeBytes(data), qint64(mb) * 1024 * 1024);

    const QString config = writeVaultConfig(m_dir.filePath(name), data, "cap = " + cap + "\n", "1MB");
    const AgentProcess p = replay(config, data, {m_capture});
    QVERIFY2(p.exitedCleanly(), qPrintable(p.describe()));
    QCOMPARE(p.run.calls.size(), kCalls);

    const qint64 free = freeBytes(data);
    qInfo("after the run: %lld bytes free; %lld bytes of audio; catalogue %lld bytes, write-ahead log %lld bytes", free,
          totalBytes(audioFiles(data)), QFileInfo(data + "/catalogue.sqlite").size(),
          QFileInfo(data + "/catalogue.sqlite-wal").size());
    const CatalogueView cat = readCatalogue(data);
    const auto files = audioFiles(data);
    const QString consistency = checkConsistency(data, cat, files);
    QVERIFY2(consistency.isEmpty(), qPrintable(consistency));
    QVERIFY2(!p.standardError.contains("No space left"), qPrintable(p.standardError.right(3000)));

    int recorded = 0;
    int refused = 0;
    int stoppedEarly = 0;
    static const QRegularExpression stoppedRe("^recording stopped after ([0-9.]+) s: (.*)$");
    for (const QJsonObject &line : p.run.calls) {
        const QString id = line.value("sip_call_id").toString();
        const QString text = QJsonDocument(line).toJson(QJsonDocument::Compact);
        if (!line.value("recorded").toBool()) {
            // The only acceptable refusal: the agent stops before the disk is full, never a failed write.
            QCOMPARE(line.value("reason").toString(), QString("not recorded: disk free space reserve reached"));
            QVERIFY2(line.value("file").isNull(), qPrintable(text));
            const Row *row = cat.byId(line.value("id").toInteger());
            QVERIFY2(row, qPrintable("the catalogue kept no row for " + text));
            QCOMPARE(row->state, QString("not_recorded"));
            ++refused;
            continue;
        }
        ++recorded;
        const Row *row = cat.byId(line.value("id").toInteger());
        QVERIFY2(row && row->sipCallId == id, qPrintable(text));
        if (row->state == "overwritten")
            continue;
        QCOMPARE(row->state, QString("complete"));
        QString error;
        const double ms = decodedMs(QDir(data).filePath(row->file), &error);
        QVERIFY2(ms > 0, qPrintable(id + " " + error));
        const auto stopped = stoppedRe.match(line.value("note").toString());
        if (stopped.hasMatch()) {
            // Stopped cleanly at a page boundary: the file holds exactly what the note says.
            ++stoppedEarly;
            QCOMPARE(stopped.captured(2), QString("disk free space reserve reached"));
            QVERIFY2(std::abs(ms - stopped.captured(1).toDouble() * 1000) <= 100,
                     qPrintable(QString("%1: %2 ms of audio; %3").arg(id).arg(ms).arg(line.value("note").toString())));
        } else {
            QVERIFY2(!line.contains("note"), qPrintable(text));
            QVERIFY2(std::abs(ms - line.value("duration_ms").toDouble()) <= 100,
                     qPrintable(QString("%1: %2 ms of audio for a %3 ms call")
                                    .arg(id)
                                    .arg(ms)
                                    .arg(line.value("duration_ms").toDouble())));
        }
    }
    // Calls in progress may dip into half of the reserve before they stop; nothing may go below that. (The
    // agent's exit removes the write-ahead log, so reserveHeldMidRun looks at the fullest moments too.)
    QVERIFY2(free >= kReserve / 2, qPrintable(QString("%1 bytes free (reserve %2): %3 bytes of audio, catalogue "
                                                      "%4 bytes, its write-ahead log %5 bytes")
                                                  .arg(free)
                                                  .arg(kReserve)
                                                  .arg(totalBytes(files))
                                                  .arg(QFileInfo(data + "/catalogue.sqlite").size())
                                                  .arg(QFileInfo(data + "/catalogue.sqlite-wal").size())));
    qInfo("%d recorded (%d stopped early), %d refused, %zu overwritten, %lld bytes free", recorded, stoppedEarly,
          refused, size_t(cat.inState("overwritten").size()), free);

    if (capped) {
        // Room is made by overwriting the oldest recordings, so every call is recorded, whole.
        QCOMPARE(recorded, kCalls);
        QCOMPARE(stoppedEarly, 0);
        const QList<Row> overwritten = cat.inState("overwritten");
        QVERIFY2(!overwritten.isEmpty(), "the calls need more than the filesystem holds: some must be overwritten");
        for (const Row &r : overwritten)
            QCOMPARE(r.removedReason, QString("disk free space reserve reached"));
        const QString order = checkEvictionOrder(overwritten, cat.inState("complete"));
        QVERIFY2(order.isEmpty(), qPrintable(order));
    } else {
        QVERIFY2(recorded > 0 && refused > 0,
                 qPrintable(QString("%1 recorded, %2 refused").arg(recorded).arg(refused)));
        QCOMPARE(cat.inState("overwritten").size(), 0);
        QVERIFY2(p.standardError.contains(QRegularExpression("\\berror\\b.*NOT RECORDING call .* reserve")),
                 qPrintable(p.standardError.right(3000)));
    }
}

void TestDiskFull::reserveHeldMidRun_data()
{
    QTest::addColumn<int>("mb");
    QTest::addColumn<QString>("cap");
    QTest::addColumn<QString>("crash");
    // A SIGKILL freezes the filesystem as it is mid-run, write-ahead log and files in progress included. Pages
    // (~62 per 60 s call, ~73 KB of audio) are counted so that the filesystem is nearly at its fullest.
    QTest::newRow("5 MB, capped, page 300") << 5 << QString("100MB") << QString("page:300");
    QTest::newRow("5 MB, unlimited, page 300") << 5 << QString("unlimited") << QString("page:300");
    QTest::newRow("7 MB, capped, page 1500") << 7 << QString("100MB") << QString("page:1500");
    QTest::newRow("7 MB, unlimited, page 1500") << 7 << QString("unlimited") << QString("page:1500");
}

void TestDiskFull::reserveHeldMidRun()
{
    QFETCH(int, mb);
    QFETCH(QString, cap);
    QFETCH(QString, crash);
    const QString name = QString("%1mb-%2-%3").arg(mb).arg(cap, QString(crash).replace(':', '-'));
    QString why;
    const QString data = mountDataDir(name, mb, &why);
    if (data.isEmpty())
        QSKIP(qPrintable(why));
    const QString config = writeVaultConfig(m_dir.filePath(name), data, "cap = " + cap + "\n", "1MB");
    const AgentProcess p = replay(config, data, {m_capture}, crash);
    QVERIFY2(p.killedBy(SIGKILL), qPrintable("crash point not reached: " + p.describe()));
    const qint64 free = freeBytes(data);
    QVERIFY2(free >= kReserve / 2,
             qPrintable(QString("%1 bytes free mid-run (reserve %2): %3 bytes of audio, catalogue files %4 bytes")
                            .arg(free)
                            .arg(kReserve)
                            .arg(totalBytes(audioFiles(data)))
                            .arg(QFileInfo(data + "/catalogue.sqlite").size() +
                                 QFileInfo(data + "/catalogue.sqlite-wal").size())));
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
