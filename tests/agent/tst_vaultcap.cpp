// The cap is an invariant, not a cleanup job (docs/architecture.md, principle 4): many overlapping calls replayed into
// a small capped vault, judged on the disk and in the catalogue — what is kept, what was overwritten and why, whether
// the files are whole — plus unlimited vaults, a cap lowered in the config, protected recordings, retention and the
// usage report.
#include "topology.h"
#include "vaultfixture.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <csignal>

using namespace vv::capgen;
using namespace vv::vaulttest;

namespace {

constexpr qint64 kCap = 300000; // "300KB": room for ~10 finished calls beside 5 calls in progress
constexpr qint64 kLowerCap = 150000;

QString diskState(const QString &dataDir)
{
    const auto files = audioFiles(dataDir);
    return QStringLiteral("%1 files, %2 bytes").arg(files.size()).arg(totalBytes(files));
}

} // namespace

class TestVaultCap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void capNeverExceeded();
    void capHoldsMidRun_data();
    void capHoldsMidRun();
    void growIndefinitely();
    void lowerCapAppliedAtStart();
    void protectedRecordingsSurvive();
    void protectedRecordingsFillTheCap();
    void retention_data();
    void retention();
    void usageReport();

private:
    QString freshDataDir(const QString &name);
    QString baselineCopy(const QString &name);

    QTemporaryDir m_dir;
    Scenario m_scenario;
    LaneSummary m_lanes;
    QString m_capture;
    QString m_baseline; // data dir after replaying m_capture into a 300KB vault
    AgentProcess m_baselineRun;
};

void TestVaultCap::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // VV_KEEP_DATA keeps every data dir and capture for a look with sqlite3 and opusinfo.
    if (qEnvironmentVariableIsSet("VV_KEEP_DATA")) {
        m_dir.setAutoRemove(false);
        qInfo("data kept in %s", qPrintable(m_dir.path()));
    }
    QVERIFY2(QFileInfo(agentPath()).isExecutable(), qPrintable("agent binary not found: " + agentPath()));
    m_lanes = addLaneCalls(m_scenario, LaneCalls{});
    QCOMPARE(int(m_scenario.truths().size()), 200);
    // The input must really be overlapping: several calls talk at every moment of the steady state.
    const auto [fewest, most] = concurrency(m_scenario.truths(), m_lanes.steadyFrom, m_lanes.steadyTo);
    QVERIFY2(fewest >= 2 && most <= 5, qPrintable(QString("concurrency %1..%2").arg(fewest).arg(most)));
    m_capture = m_dir.filePath("calls.pcap");
    QString error;
    QVERIFY2(writePcap(m_capture, m_scenario, &error), qPrintable(error));

    m_baseline = freshDataDir("baseline");
    const QString config = writeVaultConfig(m_dir.filePath("baseline"), m_baseline, "cap = 300KB\n");
    m_baselineRun = replay(config, m_baseline, {m_capture});
    QVERIFY2(m_baselineRun.exitedCleanly(), qPrintable(m_baselineRun.describe()));
}

QString TestVaultCap::freshDataDir(const QString &name)
{
    const QString dir = m_dir.filePath(name + "/data");
    QDir().mkpath(dir);
    return dir;
}

QString TestVaultCap::baselineCopy(const QString &name)
{
    const QString dir = m_dir.filePath(name + "/data");
    QDir(dir).removeRecursively();
    return copyTree(m_baseline, dir) ? dir : QString();
}

void TestVaultCap::capNeverExceeded()
{
    const auto files = audioFiles(m_baseline);
    const CatalogueView cat = readCatalogue(m_baseline);
    QVERIFY2(cat.error.isEmpty(), qPrintable(cat.error));
    QVERIFY2(totalBytes(files) <= kCap, qPrintable(diskState(m_baseline)));
    const QString consistency = checkConsistency(m_baseline, cat, files);
    QVERIFY2(consistency.isEmpty(), qPrintable(consistency));

    // Five calls in progress fit the cap, so every call is recorded, whole: overwriting makes the room.
    QCOMPARE(m_baselineRun.run.calls.size(), 200);
    for (const QJsonObject &line : m_baselineRun.run.calls) {
        const QString id = line.value("sip_call_id").toString();
        QVERIFY2(line.value("recorded").toBool() && line.value("reason").toString() == "recorded",
                 qPrintable(id + ": " + QJsonDocument(line).toJson(QJsonDocument::Compact)));
        QVERIFY2(!line.contains("note"), qPrintable(id + " note: " + line.value("note").toString()));
        const Row *row = cat.bySipCallId(id);
        QVERIFY2(row, qPrintable(id + " has no catalogue row"));
        QCOMPARE(line.value("id").toInteger(), row->id);
    }

    const QList<Row> kept = cat.inState("complete");
    const QList<Row> overwritten = cat.inState("overwritten");
    QCOMPARE(kept.size() + overwritten.size(), 200);
    QVERIFY2(overwritten.size() >= 150, qPrintable(QString("only %1 overwritten").arg(overwritten.size())));
    QVERIFY2(kept.size() >= 5, qPrintable(QString("only %1 kept").arg(kept.size())));
    for (const Row &o : overwritten) {
        QCOMPARE(o.removedReason, QString("vault cap reached"));
        QVERIFY(o.removedAt && *o.removedAt >= o.answeredAt);
    }
    const QString order = checkEvictionOrder(overwritten, kept);
    QVERIFY2(order.isEmpty(), qPrintable(order));

    // Whole recordings: each kept file is the full call.
    for (const Row &k : kept) {
        QString error;
        const double ms = decodedMs(QDir(m_baseline).filePath(k.file), &error);
        QVERIFY2(ms >= 0, qPrintable(error));
        QVERIFY2(std::abs(ms - k.durationMs) <= 100,
                 qPrintable(QString("%1: %2 ms of audio, duration_ms %3").arg(k.sipCallId).arg(ms).arg(k.durationMs)));
        const CallTruth *truth = m_scenario.truth(k.sipCallId.toStdString());
        QVERIFY(truth);
        QVERIFY2(std::abs(k.durationMs - truth->durationMs()) <= 40,
                 qPrintable(QString("%1: duration_ms %2, call lasted %3 ms")
                                .arg(k.sipCallId)
                                .arg(k.durationMs)
                                .arg(truth->durationMs())));
    }
}

void TestVaultCap::capHoldsMidRun_data()
{
    QTest::addColumn<QString>("crash");
    // SIGKILL freezes the disk at an arbitrary moment: files of calls in progress (.part) count too.
    QTest::newRow("page 400") << "page:400";
    QTest::newRow("page 1500") << "page:1500";
    QTest::newRow("page 2600") << "page:2600";
    QTest::newRow("evict 60") << "evict:60";
    QTest::newRow("begin 150") << "begin:150";
}

void TestVaultCap::capHoldsMidRun()
{
    QFETCH(QString, crash);
    const QString name = "midrun-" + QString(crash).replace(':', '-');
    const QString data = freshDataDir(name);
    const QString config = writeVaultConfig(m_dir.filePath(name), data, "cap = 300KB\n");
    const AgentProcess p = replay(config, data, {m_capture}, crash);
    QVERIFY2(p.killedBy(SIGKILL), qPrintable("crash point not reached: " + p.describe()));
    const auto files = audioFiles(data);
    QVERIFY2(totalBytes(files) <= kCap, qPrintable(diskState(data)));
    QVERIFY2(!p.run.calls.isEmpty(), "the crash came before any call ended: pick a later point");
}

void TestVaultCap::growIndefinitely()
{
    const QString data = freshDataDir("unlimited");
    const QString config = writeVaultConfig(m_dir.filePath("unlimited"), data, "cap = unlimited\n");
    const AgentProcess p = replay(config, data, {m_capture});
    QVERIFY2(p.exitedCleanly(), qPrintable(p.describe()));
    const CatalogueView cat = readCatalogue(data);
    const auto files = audioFiles(data);
    QVERIFY(!cat.capBytes);
    QCOMPARE(cat.inState("complete").size(), 200);
    QCOMPARE(cat.inState("overwritten").size(), 0);
    QCOMPARE(files.size(), 200);
    qint64 written = 0;
    for (const QJsonObject &line : p.run.calls)
        written += line.value("bytes").toInteger();
    QCOMPARE(totalBytes(files), written);
    QVERIFY2(written > 5 * kCap, "the calls should need far more than the capped vault held");
    const QString consistency = checkConsistency(data, cat, files);
    QVERIFY2(consistency.isEmpty(), qPrintable(consistency));
}

void TestVaultCap::lowerCapAppliedAtStart()
{
    const QString data = baselineCopy("lowercap");
    QVERIFY(!data.isEmpty());
    const CatalogueView before = readCatalogue(data);
    const qint64 heldBefore = totalBytes(audioFiles(data));
    QVERIFY2(heldBefore > kLowerCap, "the baseline must hold more than the lower cap");

    const QString config = writeVaultConfig(m_dir.filePath("lowercap"), data, "cap = 150KB\n");
    const QString idle = m_dir.filePath("lowercap/idle.pcap");
    const double at = m_lanes.lastEnd + 60;
    QString error;
    QVERIFY2(writeIdleCapture(idle, at, &error), qPrintable(error));
    const AgentProcess p = replay(config, data, {idle});
    QVERIFY2(p.exitedCleanly(), qPrintable(p.describe()));
    QVERIFY2(p.standardError.contains("over its cap"), qPrintable(p.standardError));

    const CatalogueView cat = readCatalogue(data);
    const auto files = audioFiles(data);
    QCOMPARE(cat.capBytes.value_or(-1), kLowerCap);
    QVERIFY2(totalBytes(files) <= kLowerCap, qPrintable(diskState(data)));
    const QString consistency = checkConsistency(data, cat, files);
    QVERIFY2(consistency.isEmpty(), qPrintable(consistency));

    QList<Row> evictedNow;
    for (const Row &r : cat.inState("overwritten"))
        if (before.byId(r.id)->state == "complete")
            evictedNow << r;
    QVERIFY(!evictedNow.isEmpty());
    const qint64 atMicros = qint64(std::llround(at * 1e6));
    for (const Row &r : evictedNow) {
        QCOMPARE(r.removedReason, QString("over cap at start-up"));
        QCOMPARE(r.removedAt.value_or(0), atMicros);
    }
    // No call is in progress at start-up: strictly the oldest go, and no more than needed.
    const QList<Row> kept = cat.inState("complete");
    QVERIFY(!kept.isEmpty());
    for (const Row &o : evictedNow)
        for (const Row &k : kept)
            QVERIFY2(olderThan(o, k), qPrintable(o.sipCallId + " overwritten, older " + k.sipCallId + " kept"));
    const Row youngestEvicted = *std::max_element(evictedNow.begin(), evictedNow.end(), olderThan);
    QVERIFY2(totalBytes(files) + youngestEvicted.bytes > kLowerCap,
             qPrintable(QString("evicted more than needed: %1 held, %2 freed by %3")
                            .arg(totalBytes(files))
                            .arg(youngestEvicted.bytes)
                            .arg(youngestEvicted.sipCallId)));
}

void TestVaultCap::protectedRecordingsSurvive()
{
    const QString data = baselineCopy("protected");
    QVERIFY(!data.isEmpty());
    QList<Row> kept = readCatalogue(data).inState("complete");
    std::sort(kept.begin(), kept.end(), olderThan);
    QVERIFY(kept.size() > 3);
    const QList<Row> guarded = kept.mid(0, 3);
    QMap<qint64, QByteArray> hashes;
    for (const Row &r : guarded) {
        QCOMPARE(execSql(data, QString("UPDATE calls SET protected=1 WHERE id=%1").arg(r.id)), QString());
        hashes.insert(r.id, fileHash(QDir(data).filePath(r.file)));
    }

    Scenario more;
    LaneCalls spec;
    spec.prefix = "more";
    spec.count = 40;
    spec.start = m_lanes.lastEnd + 60;
    spec.seed = 2;
    addLaneCalls(more, spec);
    const QString capture = m_dir.filePath("protected/more.pcap");
    QString error;
    QVERIFY2(writePcap(capture, more, &error), qPrintable(error));
    const QString config = writeVaultConfig(m_dir.filePath("protected"), data, "cap = 300KB\n");
    const AgentProcess p = replay(config, data, {capture});
    QVERIFY2(p.exitedCleanly(), qPrintable(p.describe()));

    const CatalogueView cat = readCatalogue(data);
    const auto files = audioFiles(data);
    QVERIFY2(totalBytes(files) <= kCap, qPrintable(diskState(data)));
    const QString consistency = checkConsistency(data, cat, files);
    QVERIFY2(consistency.isEmpty(), qPrintable(consistency));
    for (const Row &g : guarded) {
        const Row *now = cat.byId(g.id);
        QVERIFY2(now->state == "complete" && now->isProtected, qPrintable(g.sipCallId + " is " + now->state));
        QCOMPARE(fileHash(QDir(data).filePath(g.file)), hashes.value(g.id));
    }
    // 40 new calls need about twice the cap: every unprotected recording of the first run made way.
    for (const Row &k : kept.mid(3))
        QVERIFY2(cat.byId(k.id)->state == "overwritten", qPrintable(k.sipCallId + " " + cat.byId(k.id)->state));
    QList<Row> unprotectedKept;
    for (const Row &r : cat.inState("complete"))
        if (!r.isProtected)
            unprotectedKept << r;
    QVERIFY(!unprotectedKept.isEmpty());
    const QString order = checkEvictionOrder(cat.inState("overwritten"), unprotectedKept);
    QVERIFY2(order.isEmpty(), qPrintable(order));
    for (const QJsonObject &line : p.run.calls)
        QVERIFY2(line.value("recorded").toBool(), qPrintable(line.value("sip_call_id").toString()));
}

void TestVaultCap::protectedRecordingsFillTheCap()
{
    constexpr qint64 kSmallCap = 100000;
    const QString data = baselineCopy("protectedfull");
    QVERIFY(!data.isEmpty());
    QList<Row> kept = readCatalogue(data).inState("complete");
    std::sort(kept.begin(), kept.end(), olderThan);
    // Protect the oldest recordings until they alone exceed the cap the config is about to set.
    QMap<QString, QByteArray> guarded; // file -> hash
    qint64 guardedBytes = 0;
    for (const Row &r : kept) {
        if (guardedBytes > kSmallCap)
            break;
        QCOMPARE(execSql(data, QString("UPDATE calls SET protected=1 WHERE id=%1").arg(r.id)), QString());
        guarded.insert(r.file, fileHash(QDir(data).filePath(r.file)));
        guardedBytes += r.bytes;
    }
    QVERIFY2(guardedBytes > kSmallCap && guarded.size() < kept.size(), "baseline too small for this test");

    Scenario more;
    LaneCalls spec;
    spec.prefix = "full";
    spec.count = 8;
    spec.lanes = 2;
    spec.start = m_lanes.lastEnd + 60;
    spec.seed = 3;
    addLaneCalls(more, spec);
    const QString capture = m_dir.filePath("protectedfull/more.pcap");
    QString error;
    QVERIFY2(writePcap(capture, more, &error), qPrintable(error));
    const QString config = writeVaultConfig(m_dir.filePath("protectedfull"), data, "cap = 100KB\n");
    const AgentProcess p = replay(config, data, {capture});
    QVERIFY2(p.exitedCleanly(), qPrintable(p.describe()));

    QCOMPARE(p.run.calls.size(), 8);
    for (const QJsonObject &line : p.run.calls) {
        const QString text = QJsonDocument(line).toJson(QJsonDocument::Compact);
        QVERIFY2(!line.value("recorded").toBool(), qPrintable(text));
        QVERIFY2(line.value("reason").toString().startsWith("not recorded: vault full"), qPrintable(text));
        QVERIFY2(line.value("file").isNull(), qPrintable(text));
    }
    QVERIFY2(p.standardError.contains("full of protected recordings"), qPrintable(p.standardError));

    const CatalogueView cat = readCatalogue(data);
    const auto files = audioFiles(data);
    const QString consistency = checkConsistency(data, cat, files);
    QVERIFY2(consistency.isEmpty(), qPrintable(consistency));
    for (const Row &r : cat.rows)
        if (r.sipCallId.startsWith("full-"))
            QVERIFY2(r.state == "not_recorded" && !r.recorded, qPrintable(r.sipCallId + " " + r.state));
    // The disk holds the protected recordings, untouched, and nothing else.
    QCOMPARE(QStringList(files.keys()), QStringList(guarded.keys()));
    QCOMPARE(totalBytes(files), guardedBytes);
    for (auto it = guarded.constBegin(); it != guarded.constEnd(); ++it)
        QCOMPARE(fileHash(QDir(data).filePath(it.key())), it.value());
    for (const Row &r : cat.inState("overwritten"))
        if (!r.sipCallId.startsWith("full-") && r.removedAt.value_or(0) > m_lanes.lastEnd * 1e6)
            QCOMPARE(r.removedReason, QString("over cap at start-up"));
}

void TestVaultCap::retention_data()
{
    QTest::addColumn<bool>("separateRuns");
    QTest::newRow("one run") << false;
    QTest::newRow("agent restarted between") << true;
}

void TestVaultCap::retention()
{
    QFETCH(bool, separateRuns);
    const QString name = separateRuns ? "retention2" : "retention1";
    const QString data = freshDataDir(name);
    const QString config = writeVaultConfig(m_dir.filePath(name), data,
                                            "cap = unlimited\nretention_months = 3\nprice_per_gb_month = 1.00\n");
    struct Batch
    {
        const char *prefix;
        double start;
        bool kept; // on 2026-05-15 with 3 months' retention
    };
    const Batch batches[] = {{"jan", 1768471200.0 /* 2026-01-15T10:00Z */, false},
                             {"feb", 1771581600.0 /* 2026-02-20T10:00Z */, true},
                             {"may", 1778839200.0 /* 2026-05-15T10:00Z */, true}};
    QStringList captures;
    int seed = 10;
    for (const Batch &b : batches) {
        Scenario s;
        LaneCalls spec;
        spec.prefix = b.prefix;
        spec.count = 6;
        spec.lanes = 2;
        spec.minTalkMs = 4000;
        spec.maxTalkMs = 7000;
        spec.start = b.start;
        spec.seed = uint64_t(seed++);
        addLaneCalls(s, spec);
        captures << m_dir.filePath(name + "/" + b.prefix + ".pcap");
        QString error;
        QVERIFY2(writePcap(captures.last(), s, &error), qPrintable(error));
    }
    if (separateRuns) {
        for (const QString &capture : captures) {
            const AgentProcess p = replay(config, data, {capture});
            QVERIFY2(p.exitedCleanly(), qPrintable(p.describe()));
        }
    } else {
        const AgentProcess p = replay(config, data, captures);
        QVERIFY2(p.exitedCleanly(), qPrintable(p.describe()));
    }

    const CatalogueView cat = readCatalogue(data);
    const auto files = audioFiles(data);
    const QString consistency = checkConsistency(data, cat, files);
    QVERIFY2(consistency.isEmpty(), qPrintable(consistency));
    QCOMPARE(cat.rows.size(), 18);
    for (const Row &r : cat.rows) {
        const bool kept = !r.sipCallId.startsWith("jan-");
        if (kept) {
            QVERIFY2(r.state == "complete" && files.contains(r.file), qPrintable(r.sipCallId + " " + r.state));
        } else {
            QVERIFY2(r.state == "deleted", qPrintable(r.sipCallId + " " + r.state));
            QVERIFY2(r.removedReason.contains("retention"), qPrintable(r.removedReason));
            QVERIFY2(!files.contains(r.file), qPrintable(r.file));
            QVERIFY(r.removedAt && *r.removedAt >= qint64(batches[2].start * 1e6));
        }
    }
}

void TestVaultCap::usageReport()
{
    const CatalogueView cat = readCatalogue(m_baseline);
    const auto files = audioFiles(m_baseline);
    const QString at = isoMs(qint64(m_lanes.lastEnd * 1e6) + 1000000);
    const QString config = m_dir.filePath("baseline/agent.conf");
    const AgentProcess p = runAgent({"usage", "--config", config, "--data-dir", m_baseline, "--at", at});
    QVERIFY2(p.exitedCleanly(), qPrintable(p.describe()));
    QCOMPARE(p.run.events.size(), 1);
    const QJsonObject u = p.run.events.first();
    QCOMPARE(u.value("vault").toString(), QString("acme"));
    QCOMPARE(u.value("cap_bytes").toInteger(), kCap);

    const QList<Row> kept = cat.inState("complete");
    qint64 durationMs = 0;
    qint64 oldest = LLONG_MAX;
    qint64 newest = 0;
    for (const Row &r : kept) {
        durationMs += r.durationMs;
        oldest = std::min(oldest, r.startedAt);
        newest = std::max(newest, r.startedAt);
    }
    QCOMPARE(u.value("bytes_used").toInteger(), totalBytes(files));
    QCOMPARE(u.value("recordings").toInteger(), qint64(files.size()));
    QCOMPARE(u.value("recordings").toInteger(), qint64(kept.size()));
    QVERIFY2(std::abs(u.value("recorded_minutes").toDouble() - durationMs / 60000.0) <= 0.051,
             qPrintable(QString("recorded_minutes %1, kept recordings last %2 min")
                            .arg(u.value("recorded_minutes").toDouble())
                            .arg(durationMs / 60000.0)));
    QCOMPARE(u.value("oldest").toString(), isoMs(oldest));
    QCOMPARE(u.value("newest").toString(), isoMs(newest));
    // Bytes per minute covers everything written, overwritten recordings included.
    qint64 writtenBytes = 0;
    qint64 writtenMs = 0;
    for (const QJsonObject &line : m_baselineRun.run.calls) {
        writtenBytes += line.value("bytes").toInteger();
        writtenMs += line.value("duration_ms").toInteger();
    }
    const double perMinute = writtenBytes / (writtenMs / 60000.0);
    QVERIFY2(std::abs(u.value("bytes_per_recorded_minute").toDouble() - perMinute) <= 1.0,
             qPrintable(QString("bytes_per_recorded_minute %1, expected %2")
                            .arg(u.value("bytes_per_recorded_minute").toDouble())
                            .arg(perMinute)));
    // The agent-wide rate (what a new vault is estimated with) covers every vault: here acme is the only one.
    QVERIFY2(std::abs(u.value("agent_bytes_per_recorded_minute").toDouble() - perMinute) <= 1.0,
             qPrintable(QString("agent_bytes_per_recorded_minute %1, expected %2")
                            .arg(u.value("agent_bytes_per_recorded_minute").toDouble())
                            .arg(perMinute)));
}

QTEST_GUILESS_MAIN(TestVaultCap)
#include "tst_vaultcap.moc"
