// Real peers: the telephone network of peernetwork.h (kamailio, baresip extensions 201-203 and carriers) recorded live
// by `vipvault-agent run` on the namespaces' bridge: outbound, inbound, internal, excluded, cancelled, hold and
// overlapping calls, each judged against what the test observed and what each peer played.
#include "peerconfig.h"
#include "peernetwork.h"

#include <QTest>

using namespace vv::e2e;

class TestRealPeers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = PeerNetwork::unavailable();
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        const QString error = m_net.start(basicPeers(), "[vault acme]\nenabled = yes\nextensions = 200-299\n"
                                                        "excluded = 203\n");
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            m_net.markFailed();
        // Whatever a failed step left ringing or connected is hung up before the next call.
        for (const char *name : {"e201", "e202", "e203", "cara", "carb"})
            m_net.ua(name).send("hangup");
        m_net.pumpAll(300);
    }
    void cleanupTestCase() { m_net.stop(); }

    void outboundToCarrier();
    void inboundFromCarrier();
    void internalNotRecorded();
    void excludedExtension();
    void cancelledCall();
    void holdAndResume();
    void overlappingCalls();

private:
    PeerNetwork m_net;
};

void TestRealPeers::outboundToCarrier()
{
    Expect e;
    e.label = "outbound 201 -> 07700900123";
    const QString err = m_net.talk(m_net.ua("e201"), "sip:07700900123@10.77.0.1", 6000, &e);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    e.direction = "outbound";
    e.extension = "201";
    e.caller = "201";
    e.callee = "07700900123";
    e.extensionUa = &m_net.ua("e201");
    e.farUa = &m_net.ua("cara");
    const QString problems = m_net.checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::inboundFromCarrier()
{
    Expect e;
    e.label = "inbound 07700900123 -> 202";
    const QString err = m_net.talk(m_net.ua("cara"), "sip:202@10.77.0.1", 6000, &e, &m_net.ua("e202"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    e.direction = "inbound";
    e.extension = "202";
    e.caller = "07700900123";
    e.callee = "202";
    e.extensionUa = &m_net.ua("e202");
    e.farUa = &m_net.ua("cara");
    const QString problems = m_net.checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::internalNotRecorded()
{
    Expect e;
    e.label = "internal 201 -> 202";
    const QString err = m_net.talk(m_net.ua("e201"), "sip:202@10.77.0.1", 3000, &e, &m_net.ua("e202"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    e.recorded = false;
    e.reason = "internal";
    e.direction = "internal";
    e.extension = QString(); // null QString: which extension is reported is left open for internal calls
    const QString problems = m_net.checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::excludedExtension()
{
    Expect e;
    e.label = "excluded 203 -> +442079460000";
    const QString err = m_net.talk(m_net.ua("e203"), "sip:+442079460000@10.77.0.1", 3000, &e);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    e.recorded = false;
    e.reason = "excluded extension 203";
    e.direction = "outbound";
    e.extension = "203";
    e.callee = "+442079460000";
    const QString problems = m_net.checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::cancelledCall()
{
    Expect e;
    e.label = "cancelled +442079460000 -> 202";
    UserAgent &car = m_net.ua("carb");
    UserAgent &ext = m_net.ua("e202"); // manual answer: it rings and nobody picks up
    const int mark = car.events.size();
    const int extMark = ext.events.size();
    e.invited = now();
    car.send("dial", "sip:202@10.77.0.1");
    Event ringing;
    QVERIFY2(m_net.waitEvent(car, "CALL_RINGING", {}, 5000, &ringing, mark), "no 180 Ringing at the carrier");
    QVERIFY(m_net.waitEvent(ext, "CALL_INCOMING", {}, 5000, nullptr, extMark));
    e.callId = ringing.callId();
    m_net.pumpAll(2000);
    car.send("hangup"); // CANCEL
    QVERIFY(m_net.waitEvent(car, "CALL_CLOSED", e.callId, 5000, nullptr));
    QVERIFY(m_net.waitEvent(ext, "CALL_CLOSED", e.callId, 5000, nullptr, extMark));
    QVERIFY2(m_net.waitAgentCalls({e.callId}, 15000), "the agent printed no line for the call");
    e.recorded = false;
    e.reason = "cancelled";
    e.direction = "inbound";
    e.extension = "202";
    e.caller = "+442079460000";
    const QString problems = m_net.checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::holdAndResume()
{
    Expect e;
    e.label = "hold/resume 201 -> +442079460000";
    UserAgent &ext = m_net.ua("e201");
    const QString err = m_net.dial(ext, "sip:+442079460000@10.77.0.1", &e.invited, &e.answered, &e.callId);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    m_net.pumpAll(3000);
    e.holdFrom = now() - e.answered;
    ext.send("hold"); // re-INVITE a=sendonly
    m_net.pumpAll(3000);
    e.holdTo = now() - e.answered;
    ext.send("resume"); // re-INVITE a=sendrecv
    m_net.pumpAll(3000);
    e.ended = now();
    ext.send("hangup");
    QVERIFY(m_net.waitEvent(ext, "CALL_CLOSED", e.callId, 5000, nullptr));
    QVERIFY2(m_net.waitAgentCalls({e.callId}, 15000), "the agent printed no line for the call");
    e.direction = "outbound";
    e.extension = "201";
    e.callee = "+442079460000";
    e.extensionUa = &ext;
    e.farUa = &m_net.ua("carb");
    const QString problems = m_net.checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::overlappingCalls()
{
    Expect a, b;
    a.label = "overlap A 201 -> 07700900123";
    b.label = "overlap B +442079460000 -> 202";
    UserAgent &e201 = m_net.ua("e201");
    UserAgent &e202 = m_net.ua("e202");
    UserAgent &carb = m_net.ua("carb");
    QString err = m_net.dial(e201, "sip:07700900123@10.77.0.1", &a.invited, &a.answered, &a.callId);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    m_net.pumpAll(1500);
    err = m_net.dial(carb, "sip:202@10.77.0.1", &b.invited, &b.answered, &b.callId, &e202);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    m_net.pumpAll(3000);
    a.ended = now();
    e201.send("hangup");
    m_net.pumpAll(2500);
    b.ended = now();
    e202.send("hangup"); // the extension hangs up this time
    QVERIFY(m_net.waitEvent(e201, "CALL_CLOSED", a.callId, 5000, nullptr));
    QVERIFY(m_net.waitEvent(carb, "CALL_CLOSED", b.callId, 5000, nullptr));
    QVERIFY2(m_net.waitAgentCalls({a.callId, b.callId}, 15000), "the agent printed no line for a call");
    a.direction = "outbound";
    a.extension = "201";
    a.callee = "07700900123";
    a.extensionUa = &e201;
    a.farUa = &m_net.ua("cara");
    b.direction = "inbound";
    b.extension = "202";
    b.caller = "+442079460000";
    b.extensionUa = &e202;
    b.farUa = &carb;
    const QString problems = (m_net.checkRecording(a) + "\n" + m_net.checkRecording(b)).trimmed();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

QTEST_GUILESS_MAIN(TestRealPeers)
#include "tst_realpeers.moc"
