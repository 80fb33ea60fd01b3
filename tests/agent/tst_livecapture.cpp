// `vipvault-agent run` on the loopback interface: real UDP packets from the generator, judged like a replay.
#include "agentharness.h"
#include "livehelpers.h"
#include "scenario.h"
#include "sender.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace vv::capgen;
using vv::testing::AgentRun;
using vv::testing::ExpectedCall;
using namespace vv::testing;

class TestLiveCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void threeCallsOnLoopback();
};

void TestLiveCapture::threeCallsOnLoopback()
{
    QString why;
    if (!canCapture(&why))
        QSKIP(qPrintable(why));
    const QString agent = vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
    QVERIFY2(QFileInfo(agent).isExecutable(), qPrintable("agent binary not found: " + agent));

    // Timestamps are rebased to the wall clock after sending, so the base here is arbitrary.
    Scenario scenario;
    const Endpoint pbx{"127.0.0.1", 5060};
    auto spec = [&](const std::string &id, Party caller, Party callee, double offset, uint64_t seed) {
        CallSpec s;
        s.callId = id;
        s.caller = std::move(caller);
        s.callee = std::move(callee);
        s.start = 1000.0 + offset;
        s.ringMs = 600;
        s.talkMs = 3500;
        s.proxy = pbx;
        s.seed = seed;
        return s;
    };
    scenario.addCall(spec("live-in@127.0.0.1", liveCarrier("07700900123", 47600), livePhone(201), 0.0, 901));
    CallSpec out = spec("live-out@127.0.0.1", livePhone(202), liveCarrier("+442079460000", 47610), 0.4, 902);
    out.codec = Codec::Pcma;
    scenario.addCall(out);
    scenario.addCall(spec("live-int@127.0.0.1", livePhone(204), livePhone(206), 0.8, 903));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath("data");
    QDir().mkpath(dataDir);
    const QString config = vv::testing::writeConfig(dir.path(), vv::testing::standardConfig(dataDir, {}, "lo"));

    QProcess process;
    AgentRun run;
    QByteArray pending;
    const QString startError = startLiveAgent(process, run, pending, agent, config);
    QVERIFY2(startError.isEmpty(), qPrintable(startError));
    const auto ready = std::find_if(run.events.begin(), run.events.end(),
                                    [](const QJsonObject &e) { return e.value("event").toString() == "ready"; });
    QCOMPARE(ready->value("interface").toString(), QString("lo"));

    const std::vector<GenPacket> packets = scenario.packets();
    std::string error;
    double firstSent = 0.0;
    const bool sent = sendRealtime(packets, &error, nullptr, &firstSent);
    if (!sent) {
        process.kill();
        process.waitForFinished(5000);
        QFAIL(error.c_str());
    }

    // Rebase the truth from the scenario's clock to the moment the first packet left.
    const double shift = firstSent - packets.front().ts;
    std::vector<CallTruth> truths = scenario.truths();
    for (CallTruth &t : truths) {
        t.inviteTime += shift;
        t.answerTime += shift;
        t.endTime += shift;
    }
    auto truthOf = [&](const char *id) {
        return &*std::find_if(truths.begin(), truths.end(), [&](const CallTruth &t) { return t.callId == id; });
    };

    readLines(process, run, pending, 20000, [](const AgentRun &r) { return r.calls.size() >= 3; });
    stopLiveAgent(process, run, pending);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));

    ExpectedCall in;
    in.callId = "live-in@127.0.0.1";
    in.direction = "inbound";
    in.extension = "201";
    in.caller = "07700900123";
    in.extensionIsCaller = false;
    in.truth = truthOf("live-in@127.0.0.1");
    ExpectedCall outCall;
    outCall.callId = "live-out@127.0.0.1";
    outCall.direction = "outbound";
    outCall.extension = "202";
    outCall.callee = "+442079460000";
    outCall.codec = "PCMA";
    outCall.truth = truthOf("live-out@127.0.0.1");
    ExpectedCall internal;
    internal.callId = "live-int@127.0.0.1";
    internal.recorded = false;
    internal.reason = "internal";
    internal.direction = "internal";
    internal.checkExtension = false;
    internal.truth = truthOf("live-int@127.0.0.1");
    const QString failures = vv::testing::checkCalls(run, {in, outCall, internal});
    QVERIFY2(failures.isEmpty(), qPrintable(failures + "\n" + run.describe()));
}

QTEST_GUILESS_MAIN(TestLiveCapture)
#include "tst_livecapture.moc"
