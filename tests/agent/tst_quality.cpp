// Quality per direction on generated calls: a clean call scores well and has
// no flags; loss lowers the MOS in proportion; a side whose packets never
// arrive is flagged (one-way audio), never kept silently as "fine".
#include "agentharness.h"
#include "pcapwriter.h"
#include "scenario.h"
#include "topology.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace vv::capgen;
using namespace vv::capgen::topology;

class TestQuality : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void verdicts_data();
    void verdicts();
};

void TestQuality::verdicts_data()
{
    QTest::addColumn<double>("farLoss"); // percent of the far end's packets lost
    QTest::addColumn<double>("minMos");  // far end direction
    QTest::addColumn<double>("maxMos");
    QTest::addColumn<bool>("oneWay");
    QTest::addColumn<QString>("silentSide");
    QTest::newRow("clean") << 0.0 << 4.2 << 4.5 << false << "";
    QTest::newRow("5% loss") << 5.0 << 3.3 << 4.1 << false << "";
    QTest::newRow("20% loss") << 20.0 << 1.8 << 3.0 << false << "";
    QTest::newRow("far end never arrives") << 100.0 << 0.0 << 5.0 << true << "far_end";
}

void TestQuality::verdicts()
{
    QFETCH(double, farLoss);
    QTemporaryDir dir;
    Scenario s;
    CallSpec spec = call("q-1@carrier", external("07700900123", 30000), phone(201), 0, 77);
    spec.talkMs = 20000;
    spec.calleeImpairment.lossPercent = 0;
    spec.callerImpairment.lossPercent = farLoss; // the caller is the far end (inbound call)
    s.addCall(spec);
    const QString capture = dir.filePath("q.pcap");
    std::string error;
    QVERIFY2(writeCapture(capture.toStdString(), s.packets(), CaptureOptions{}, &error), error.c_str());
    const QString config = vv::testing::writeConfig(dir.path(), vv::testing::standardConfig(dir.filePath("data")));
    const vv::testing::AgentRun run =
        vv::testing::runReplay(vv::testing::agentBinary(VIPVAULT_AGENT_BIN), config, {capture}, dir.filePath("data"));
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(run.calls.size(), 1);
    const QJsonObject call = run.calls.first();
    QVERIFY(call.value("recorded").toBool());
    const QJsonObject q = call.value("quality").toObject();
    const QJsonObject far = q.value("far_end").toObject();
    const QJsonObject ext = q.value("extension").toObject();
    QFETCH(double, minMos);
    QFETCH(double, maxMos);
    QFETCH(bool, oneWay);
    QFETCH(QString, silentSide);
    if (!oneWay) {
        const double mos = far.value("mos").toDouble();
        QVERIFY2(mos >= minMos && mos <= maxMos, qPrintable(QString("far end MOS %1").arg(mos)));
        QVERIFY(qAbs(far.value("loss_percent").toDouble() - farLoss) <= std::max(2.0, farLoss * 0.4));
        QVERIFY(ext.value("mos").toDouble() >= 4.2);
        QVERIFY(far.value("level_dbfs").toDouble() > -45);
    } else {
        QVERIFY(far.value("level_dbfs").toDouble() < -55);
        QVERIFY(far.value("longest_gap_ms").toInt() > 15000);
    }
    QCOMPARE(q.value("one_way_audio").toBool(), oneWay);
    QCOMPARE(q.value("silent_side").toString(), silentSide);
    QCOMPARE(q.value("flags").toArray().isEmpty(), !oneWay);
}

QTEST_GUILESS_MAIN(TestQuality)
#include "tst_quality.moc"
