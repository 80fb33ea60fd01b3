// The assurance ledger against calls with known outcomes, through `vipvault-agent run --replay`: a good call
// (recorded), one-way audio (degraded), an unsupported codec (missed), and a vault of protected recordings too
// full for a second call (missed, "vault full"). The catalogue must count each right, and every missed call must
// be a health event in the append-only health log.
#include "agentharness.h"
#include "pcapwriter.h"
#include "scenario.h"
#include "topology.h"
#include "vault/healthstore.h"

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vv::capgen;
using namespace vv::testing;

class TestAssurance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownOutcomesAreCountedAndMissedCallsReported()
    {
        const QString agent = agentBinary(VIPVAULT_AGENT_BIN);
        Scenario scenario;
        CallSpec good =
            topology::call("good@pbx", topology::external("07700900123", 30000), topology::phone(201), 0, 1);
        scenario.addCall(good);
        CallSpec oneWay =
            topology::call("oneway@pbx", topology::phone(202), topology::external("01632960001", 30002), 10, 2);
        oneWay.calleeImpairment.lossPercent = 100; // the far end's audio never arrives
        oneWay.talkMs = 8000;
        scenario.addCall(oneWay);
        CallSpec g723 =
            topology::call("g723@pbx", topology::external("07700900124", 30004), topology::phone(203), 20, 3);
        g723.codec = Codec::G723;
        scenario.addCall(g723);
        // Vault "tiny" holds 1 KB: the first call takes the whole first reservation, the overlapping second finds
        // no room and nothing it may overwrite.
        CallSpec first =
            topology::call("tiny-1@pbx", topology::external("07700900125", 30006), topology::phone(301), 40, 4);
        first.talkMs = 6000;
        scenario.addCall(first);
        CallSpec second =
            topology::call("tiny-2@pbx", topology::external("07700900126", 30008), topology::phone(302), 41, 5);
        scenario.addCall(second);
        QTemporaryDir dir;
        const QString capture = dir.filePath("calls.pcap");
        std::string error;
        QVERIFY2(writeCapture(capture.toStdString(), scenario.packets(), CaptureOptions{}, &error), error.c_str());
        const QString data = dir.filePath("data");
        QDir().mkpath(data);
        const QString config =
            writeConfig(dir.path(), standardConfig(data, {}, "none") + "[vault tiny]\nextensions = 300-399\ncap = 1KB\n"
                                                                       "[api]\nlisten = off\n");
        QProcess process;
        process.start(agent, {"run", "--config", config, "--replay", capture});
        QVERIFY(process.waitForStarted(10000));
        AgentRun run;
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000 && !out.contains("\"event\":\"ready\"") && process.state() == QProcess::Running) {
            process.waitForReadyRead(200);
            out += process.readAllStandardOutput();
        }
        QVERIFY2(out.contains("\"event\":\"ready\""), process.readAllStandardError().constData());
        QTest::qWait(2500); // the health monitor looks once a second
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 0);
        out += process.readAllStandardOutput();
        parseAgentOutput(out, run);
        auto line = [&](const char *id) {
            for (const QJsonObject &c : run.calls)
                if (c.value("sip_call_id").toString() == QLatin1String(id))
                    return c;
            return QJsonObject();
        };
        QCOMPARE(line("good@pbx").value("outcome").toString(), QStringLiteral("recorded"));
        QCOMPARE(line("oneway@pbx").value("outcome").toString(), QStringLiteral("degraded"));
        QCOMPARE(line("g723@pbx").value("outcome").toString(), QStringLiteral("missed"));
        QVERIFY2(line("tiny-2@pbx").value("reason").toString().startsWith("not recorded: vault full"),
                 qPrintable(line("tiny-2@pbx").value("reason").toString()));
        QCOMPARE(line("tiny-2@pbx").value("outcome").toString(), QStringLiteral("missed"));

        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "check");
            db.setDatabaseName(data + "/catalogue.sqlite");
            QVERIFY(db.open());
            vv::agent::HealthStore health(db);
            QSqlQuery q(db);
            QVERIFY(q.exec("SELECT id FROM vaults WHERE name = 'acme'") && q.next());
            const qint64 acme = q.value(0).toLongLong();
            QVERIFY(q.exec("SELECT id FROM vaults WHERE name = 'tiny'") && q.next());
            const qint64 tiny = q.value(0).toLongLong();
            const vv::agent::PacketTime day = qint64(topology::kEpoch) * 1'000'000;
            const vv::agent::AssuranceDay a = health.assurance(acme, day, 1).front();
            QCOMPARE(a.shouldRecord, qint64(3));
            QCOMPARE(a.recorded, qint64(1));
            QCOMPARE(a.degraded, qint64(1));
            QCOMPARE(a.missed, qint64(1));
            const vv::agent::AssuranceDay b = health.assurance(tiny, day, 1).front();
            QCOMPARE(b.shouldRecord, qint64(2));
            QCOMPARE(b.missed, qint64(1));
            // Every missed call is an event, and the full vault a state of its own.
            QStringList kinds;
            for (const vv::agent::HealthEvent &e : health.events({}))
                kinds << e.kind;
            QCOMPARE(kinds.count("missed_call"), 2);
            QCOMPARE(kinds.count("vault_full_protected"), 1);
            // The log is append-only.
            QVERIFY(!q.exec("DELETE FROM health_log"));
            QVERIFY(!q.exec("UPDATE health_log SET detail = 'x'"));
            db.close();
        }
        QSqlDatabase::removeDatabase("check");
    }
};

QTEST_GUILESS_MAIN(TestAssurance)
#include "tst_assurance.moc"
