// A stalled disk under live capture: every batch of catalogue writes waits 3 s (the catalogue writer's test hook,
// as an fsync on a dying disk would) while 200 calls are captured live on loopback. Catalogue writes are off the
// packet path, so no packet may be dropped and every call must be recorded; the rows arrive late, all of them.
#include "agentharness.h"
#include "livehelpers.h"
#include "scenario.h"
#include "sender.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vv::capgen;
using namespace vv::testing;

class TestStalledDisk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoHundredCallsWhileCatalogueWritesStall();
};

void TestStalledDisk::twoHundredCallsWhileCatalogueWritesStall()
{
    QString why;
    if (!canCapture(&why))
        QSKIP(qPrintable(why));
    const QString agent = agentBinary(VIPVAULT_AGENT_BIN);
    QVERIFY2(QFileInfo(agent).isExecutable(), qPrintable("agent binary not found: " + agent));

    // 200 calls, a new one every 200 ms, 3 s of talk each: about 17 at a time, 40 s of traffic. Extensions
    // 201-290 come round again only after 18 s, so no two calls share a phone's ports.
    constexpr int kCalls = 200;
    Scenario scenario;
    for (int i = 0; i < kCalls; ++i) {
        const int extension = 201 + i % 90;
        const std::string far = "0770090" + std::to_string(1000 + i);
        CallSpec s;
        s.callId = "stall-" + std::to_string(i) + "@127.0.0.1";
        const Party phone = livePhone(extension);
        const Party carrier = liveCarrier(far, uint16_t(48000 + (i % 90) * 4));
        s.caller = i % 2 ? phone : carrier;
        s.callee = i % 2 ? carrier : phone;
        s.start = 1000.0 + i * 0.2;
        s.ringMs = 300;
        s.talkMs = 3000;
        s.proxy = {"127.0.0.1", 5060};
        s.seed = 7000 + std::uint64_t(i);
        scenario.addCall(s);
    }

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath("data");
    QDir().mkpath(dataDir);
    const QString config = writeConfig(dir.path(), standardConfig(dataDir, {}, "lo"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("VIPVAULT_TEST_CATALOGUE_STALL_MS", "3000");
    process.setProcessEnvironment(env);
    AgentRun run;
    QByteArray pending;
    const QString startError = startLiveAgent(process, run, pending, agent, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));

    std::string error;
    const bool sent = sendRealtime(scenario.packets(), &error);
    if (!sent) {
        process.kill();
        process.waitForFinished(5000);
        QFAIL(error.c_str());
    }
    readLines(process, run, pending, 30000, [&](const AgentRun &r) { return r.calls.size() >= kCalls; });
    stopLiveAgent(process, run, pending);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.standardError.contains("every catalogue write batch waits 3000 ms"), "the stall hook was not on");

    QCOMPARE(run.summary.value("capture_drops").toInteger(), qint64(0));
    QCOMPARE(run.calls.size(), kCalls);
    int recorded = 0;
    for (const QJsonObject &c : run.calls)
        recorded += c.value("recorded").toBool();
    QCOMPARE(recorded, kCalls);

    // The writes were late, not lost: after the agent's orderly exit the catalogue holds every recording.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "check");
        db.setDatabaseName(dataDir + "/catalogue.sqlite");
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("SELECT COUNT(*) FROM calls WHERE state = 'complete'") && q.next());
        QCOMPARE(q.value(0).toInt(), kCalls);
        db.close();
    }
    QSqlDatabase::removeDatabase("check");
}

QTEST_GUILESS_MAIN(TestStalledDisk)
#include "tst_stalleddisk.moc"
