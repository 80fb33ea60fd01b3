// A finished recording is never lost (docs/architecture.md, principle 3): the agent is SIGKILLed at chosen points of
// recording, eviction, finishing and starting a recording (VIPVAULT_TEST_CRASH), restarted on the same data dir,
// and the catalogue and the disk must agree again — interrupted calls finalised or explained, leftovers of an
// interrupted eviction deleted, every call that had ended before the kill still whole.
#include "vaultfixture.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <csignal>

using namespace vv::capgen;
using namespace vv::vaulttest;

namespace {

constexpr qint64 kCap = 150000; // four calls in progress fit; ~50 recordings are overwritten per run

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void crashAndRestart_data();
    void crashAndRestart();

private:
    QTemporaryDir m_dir;
    Scenario m_scenario;
    LaneSummary m_lanes;
    QString m_capture;
    QString m_idleCapture;  // no calls: the restart only repairs
    QString m_laterCapture; // a few calls after the repair: recording works again
    Scenario m_later;
};

void TestCrashSafety::initTestCase()
{
    const QString unusable = prepareDataFolder(m_dir);
    QVERIFY2(unusable.isEmpty(), qPrintable(unusable));
    LaneCalls spec;
    spec.prefix = "crash";
    spec.count = 60;
    spec.lanes = 4;
    m_lanes = addLaneCalls(m_scenario, spec);
    const auto [fewest, most] = concurrency(m_scenario.truths(), m_lanes.steadyFrom, m_lanes.steadyTo);
    QVERIFY2(fewest >= 2 && most <= 4, qPrintable(QString("concurrency %1..%2").arg(fewest).arg(most)));
    QString error;
    m_capture = m_dir.filePath("crash.pcap");
    QVERIFY2(writePcap(m_capture, m_scenario, &error), qPrintable(error));
    m_idleCapture = m_dir.filePath("idle.pcap");
    QVERIFY2(writeIdleCapture(m_idleCapture, m_lanes.lastEnd + 30, &error), qPrintable(error));
    LaneCalls later;
    later.prefix = "later";
    later.count = 3;
    later.lanes = 3;
    later.minTalkMs = 4000;
    later.maxTalkMs = 6000;
    later.start = m_lanes.lastEnd + 120;
    later.seed = 7;
    addLaneCalls(m_later, later);
    m_laterCapture = m_dir.filePath("later.pcap");
    QVERIFY2(writePcap(m_laterCapture, m_later, &error), qPrintable(error));
}

void TestCrashSafety::crashAndRestart_data()
{
    QTest::addColumn<QString>("crash");
    QTest::addColumn<QString>("repairLogged"); // what the restart's stderr must say it repaired
    QTest::addColumn<int>("writerStallMs");    // the catalogue writer lags behind the recorder by this much
    QTest::addColumn<QString>("vaultLines");   // more [vault] settings
    // Pages 1-2 of the first call are its headers and page 3 its first second of audio.
    QTest::newRow("page 3: first audio page")
        << QString("page:3") << QString("finalised interrupted recording") << 0 << QString();
    // The row of a recording is inserted by the catalogue writer thread after its file exists: killed in between,
    // the file's own stamp of the row lets the restart finalise it rather than adopt a nameless orphan.
    QTest::newRow("page 3: catalogue writer behind")
        << QString("page:3") << QString("finalised interrupted recording") << 3000 << QString();
    QTest::newRow("page 60: early") << QString("page:60") << QString("finalised interrupted recording") << 0
                                    << QString();
    QTest::newRow("page 400: mid") << QString("page:400") << QString("finalised interrupted recording") << 0
                                   << QString();
    QTest::newRow("page 700: late") << QString("page:700") << QString("finalised interrupted recording") << 0
                                    << QString();
    QTest::newRow("evict 1") << QString("evict:1") << QString("deleted leftover") << 0 << QString();
    QTest::newRow("evict 12") << QString("evict:12") << QString("deleted leftover") << 0 << QString();
    QTest::newRow("finish 1") << QString("finish:1") << QString("finalised interrupted recording") << 0 << QString();
    QTest::newRow("finish 20") << QString("finish:20") << QString("finalised interrupted recording") << 0 << QString();
    // Killed as the writer inserts a call's row: the recorder has created the file by then (its row stamped in the
    // header) and, in a replay that runs faster than real time, may already have written audio to it. Whether any
    // audio page was out first is a race between two threads, so either repair is right: "lost" with no audio, or
    // finalised with what reached the disk. What is checked is that the call is explained, never dropped.
    QTest::newRow("begin 1") << QString("begin:1")
                             << QString("no audio reached the disk|finalised interrupted recording") << 0 << QString();
    QTest::newRow("begin 30") << QString("begin:30")
                              << QString("no audio reached the disk|finalised interrupted recording") << 0 << QString();
    // The same crashes with the vault encrypting at rest: sealed pages are flushed one by one, so the repair finds
    // the same audio, decrypts it to finalise, and a key slot is destroyed before an evicted file goes.
    const QString sealed = QStringLiteral("encryption = agent\n");
    QTest::newRow("sealed page 3: catalogue writer behind")
        << QString("page:3") << QString("finalised interrupted recording") << 3000 << sealed;
    QTest::newRow("sealed page 400: mid")
        << QString("page:400") << QString("finalised interrupted recording") << 0 << sealed;
    QTest::newRow("sealed evict 12") << QString("evict:12") << QString("deleted leftover") << 0 << sealed;
    QTest::newRow("sealed finish 1") << QString("finish:1") << QString("finalised interrupted recording") << 0
                                     << sealed;
}

void TestCrashSafety::crashAndRestart()
{
    QFETCH(QString, vaultLines);
    QFETCH(QString, crash);
    QFETCH(QString, repairLogged);
    QFETCH(int, writerStallMs);
    const QString name = QString::fromUtf8(QTest::currentDataTag()).replace(QRegularExpression("[^A-Za-z0-9]+"), "-");
    const QString data = m_dir.filePath(name + "/data");
    QDir().mkpath(data);
    const QString config = writeVaultConfig(m_dir.filePath(name), data, "cap = 150KB\n" + vaultLines);

    // 1. Killed mid-replay.
    if (writerStallMs)
        qputenv("VIPVAULT_TEST_CATALOGUE_STALL_MS", QByteArray::number(writerStallMs));
    const AgentProcess crashed = replay(config, data, {m_capture}, crash);
    qunsetenv("VIPVAULT_TEST_CATALOGUE_STALL_MS");
    QVERIFY2(crashed.killedBy(SIGKILL), qPrintable("expected SIGKILL at " + crash + ": " + crashed.describe()));
    // Lines printed before the kill are calls that had ended: their files must survive as they are.
    QMap<QString, QJsonObject> ended;
    QMap<QString, QByteArray> endedHashes;
    for (const QJsonObject &line : crashed.run.calls) {
        const QString id = line.value("sip_call_id").toString();
        ended.insert(id, line);
        QVERIFY2(line.value("recorded").toBool(), qPrintable(id + " not recorded: " + line.value("reason").toString()));
        const QString file = line.value("file").toString();
        if (QFileInfo::exists(file))
            endedHashes.insert(id, fileHash(file));
    }

    // 2. Restarted without the crash setting, on a capture with no calls: only the start-up repairs run.
    const AgentProcess repaired = replay(config, data, {m_idleCapture});
    QVERIFY2(repaired.exitedCleanly(), qPrintable(repaired.describe()));
    QVERIFY2(repaired.standardError.contains(QRegularExpression(repairLogged)),
             qPrintable(QString("stderr lacks \"%1\":\n%2").arg(repairLogged, repaired.standardError)));
    static const QRegularExpression summaryRe("start-up reconcile: (\\d+) finalised, (\\d+) lost");
    const auto summary = summaryRe.match(repaired.standardError);
    QVERIFY2(summary.hasMatch(), qPrintable(repaired.standardError));

    const CatalogueView cat = readCatalogue(data);
    QVERIFY2(cat.error.isEmpty(), qPrintable(cat.error));
    const auto files = audioFiles(data);
    const QString consistency = checkConsistency(data, cat, files);
    QVERIFY2(consistency.isEmpty(), qPrintable(consistency));
    QVERIFY2(totalBytes(files) <= kCap, qPrintable(QString("%1 bytes on disk").arg(totalBytes(files))));

    // Calls that had ended before the kill: whole and untouched, unless later overwritten to make room.
    for (const QJsonObject &line : ended) {
        const QString id = line.value("sip_call_id").toString();
        const Row *row = cat.byId(line.value("id").toInteger());
        QVERIFY2(row && row->sipCallId == id, qPrintable(id + ": its row id does not lead back to it"));
        if (row->state == "overwritten")
            continue;
        QVERIFY2(row->state == "complete", qPrintable(id + " is " + row->state));
        QCOMPARE(row->bytes, line.value("bytes").toInteger());
        QCOMPARE(fileHash(QDir(data).filePath(row->file)), endedHashes.value(id));
        QString error;
        const double ms = decodedMs(QDir(data).filePath(row->file), &error);
        QVERIFY2(std::abs(ms - line.value("duration_ms").toDouble()) <= 100,
                 qPrintable(QString("%1: %2 ms of audio, call lasted %3 ms %4")
                                .arg(id)
                                .arg(ms)
                                .arg(line.value("duration_ms").toDouble())
                                .arg(error)));
    }

    // Calls whose recording had begun but not ended: finalised from what reached the disk, or explained. The
    // kill came after every printed call ended and every interrupted call was answered; what reached the disk
    // by then may lack at most the jitter window (120 ms) plus one second (pages are flushed every second).
    constexpr qint64 kMaxLossMs = 1200;
    qint64 killedAfterMs = 0;
    for (const QJsonObject &line : ended)
        killedAfterMs =
            std::max(killedAfterMs, qint64(std::llround(vv::testing::parseTimestamp(line.value("ended_at")) * 1000)));
    for (const Row &r : cat.rows)
        if (!ended.contains(r.sipCallId))
            killedAfterMs = std::max(killedAfterMs, r.answeredAt / 1000);
    int finalised = 0;
    int lost = 0;
    int finalisedWhole = 0; // finalised with all of the call's audio (the "finish" crash)
    for (const Row &r : cat.rows) {
        if (ended.contains(r.sipCallId))
            continue;
        const CallTruth *truth = m_scenario.truth(r.sipCallId.toStdString());
        QVERIFY2(truth, qPrintable("unexpected row " + r.sipCallId));
        if (r.state == "complete") {
            QVERIFY2(r.note.contains("finalised"), qPrintable(r.sipCallId + " note: " + r.note));
            QVERIFY2(r.durationMs > 0 && r.durationMs <= truth->durationMs() + 100,
                     qPrintable(QString("%1: duration_ms %2, call lasted %3 ms")
                                    .arg(r.sipCallId)
                                    .arg(r.durationMs)
                                    .arg(truth->durationMs())));
            QString error;
            const double ms = decodedMs(QDir(data).filePath(r.file), &error);
            QVERIFY2(ms > 0 && ms <= truth->durationMs() + 100, qPrintable(r.sipCallId + " " + error));
            QVERIFY2(r.answeredAt / 1000 + qint64(ms) >= killedAfterMs - kMaxLossMs,
                     qPrintable(QString("%1: answered %2, %3 ms kept, but the agent ran until at least %4")
                                    .arg(r.sipCallId, isoMs(r.answeredAt))
                                    .arg(ms)
                                    .arg(isoMs(killedAfterMs * 1000))));
            ++finalised;
            if (std::abs(ms - truth->durationMs()) <= 100)
                ++finalisedWhole;
        } else {
            QVERIFY2(r.state == "not_recorded" && r.reason.startsWith("recording lost"),
                     qPrintable(r.sipCallId + " is " + r.state + ": " + r.reason));
            QVERIFY2(r.file.isEmpty() && r.bytes == 0, qPrintable(r.sipCallId + " " + r.file));
            QVERIFY2(r.answeredAt / 1000 >= killedAfterMs - kMaxLossMs,
                     qPrintable(QString("%1: answered %2 yet no audio reached the disk by %3")
                                    .arg(r.sipCallId, isoMs(r.answeredAt), isoMs(killedAfterMs * 1000))));
            ++lost;
        }
    }
    QCOMPARE(summary.captured(1).toInt(), finalised);
    QCOMPARE(summary.captured(2).toInt(), lost);
    if (crash.startsWith("page"))
        QVERIFY2(finalised >= 1, "a page was being written: that call must be finalised");
    if (crash.startsWith("finish"))
        QVERIFY2(finalisedWhole >= 1, "the call whose file was complete must be finalised whole");
    if (crash.startsWith("begin"))
        QVERIFY2(lost + finalised >= 1, "the call killed at its row's insert must be explained (lost or finalised)");
    if (crash.startsWith("evict")) {
        QVERIFY(!cat.inState("overwritten").isEmpty());
        for (const Row &r : cat.inState("overwritten"))
            QVERIFY2(r.removedReason == "vault cap reached", qPrintable(r.sipCallId + " " + r.removedReason));
    }

    // 3. Recording goes on normally after the repair, within the cap.
    const AgentProcess after = replay(config, data, {m_laterCapture});
    QVERIFY2(after.exitedCleanly(), qPrintable(after.describe()));
    QCOMPARE(after.run.calls.size(), 3);
    for (const QJsonObject &line : after.run.calls)
        QVERIFY2(line.value("recorded").toBool(), qPrintable(line.value("reason").toString()));
    const CatalogueView finalCat = readCatalogue(data);
    const auto finalFiles = audioFiles(data);
    const QString finalConsistency = checkConsistency(data, finalCat, finalFiles);
    QVERIFY2(finalConsistency.isEmpty(), qPrintable(finalConsistency));
    QVERIFY(totalBytes(finalFiles) <= kCap);
    QVERIFY2(after.standardError.contains("start-up reconcile: 0 finalised, 0 lost, 0 adopted, 0 leftovers deleted, "
                                          "0 missing"),
             qPrintable("the repaired data dir must need no more repairs:\n" + after.standardError));
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
