// Real peers, call flows where the number dialled is not who talks, and encrypted media: kamailio forking ring groups
// in parallel (answered once by the excluded extension and once by another), a hunt group with a timeout, a 302 from
// a second kamailio to an excluded extension, a blind transfer of an external call (baresip's REFER), two customers'
// vaults calling each other, and baresip with SRTP (SDES, outbound and inbound; then the same capture with its keys
// corrupted, replayed) and with DTLS-SRTP. Recorded live by `vipvault-agent run` on the bridge (peernetwork.h).
//
// Not here: an attended (consultative) transfer. baresip 1.0 (Debian 12) has no command for one; it is covered by
// generated captures (tst_callflows) and parsed SIP (tst_dialogs).
#include "peerconfig.h"
#include "peernetwork.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>

using namespace vv::e2e;

namespace {

QList<PeerSpec> flowPeers()
{
    QList<PeerSpec> peers = basicPeers();
    peers << PeerSpec{"e301",
                      "301",
                      "10.77.0.14",
                      "en-gb",
                      45,
                      false,
                      true,
                      "Beta Logistics, goods inwards. The pallet for your order is booked on the Friday van, "
                      "please confirm the delivery address and whether a tail lift is needed."}
          << PeerSpec{"e205",
                      "205",
                      "10.77.0.15",
                      "en-us",
                      55,
                      false,
                      true,
                      "Acme finance here. I need the remittance advice for the last two payments, the bank shows "
                      "them but the reference numbers are missing from the statement.",
                      "srtp-mand"}
          << PeerSpec{"carc",
                      "9000",
                      "10.77.0.52",
                      "en+f2",
                      65,
                      true,
                      true,
                      "Secure line, payments team. I can confirm both transfers cleared on Monday and I will send "
                      "the references to your finance mailbox within the hour.",
                      "srtp-mand"}
          << PeerSpec{"e206",       "206",
                      "10.77.0.16", "en-gb",
                      35,           false,
                      true,         "Reception, can I help? The meeting room is booked from ten until twelve.",
                      "dtls_srtp"}
          << PeerSpec{"card",       "8000",
                      "10.77.0.53", "en+m2",
                      40,           true,
                      true,         "Conference bridge, please enter your participant code followed by the hash key.",
                      "dtls_srtp"};
    return peers;
}

} // namespace

class TestRealFlows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QString why = PeerNetwork::unavailable();
        if (!why.isEmpty())
            QSKIP(qPrintable(why));
        for (const char *mod : {"srtp.so", "dtls_srtp.so"})
            if (!QFileInfo::exists(QString("%1/%2").arg(kBaresipModules, mod)))
                QSKIP(qPrintable(QString("baresip module %1 missing").arg(mod)));
        const QString error = m_net.start(flowPeers(), "[vault acme]\nenabled = yes\nextensions = 200-299\n"
                                                       "extension_pattern = 60[0-9]|700\nexcluded = 203\n"
                                                       "[vault beta]\nenabled = yes\nextensions = 300-399\n");
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            m_net.markFailed();
        for (const PeerSpec &p : flowPeers())
            m_net.ua(p.name).send("hangup");
        m_net.pumpAll(300);
    }
    void cleanupTestCase() { m_net.stop(); }

    void ringGroupAnsweredByExcluded()
    {
        // 600 rings 202 (rings on) and excluded 203 (answers): not recorded, and the reason says who answered.
        Expect e;
        e.label = "ring group 600 answered by 203";
        QVERIFY2(m_net.talk(m_net.ua("cara"), "sip:600@10.77.0.1", 3000, &e).isEmpty(), "call failed");
        e.recorded = false;
        e.reason = "excluded extension 203 (answered the call to 600)";
        e.direction = "inbound";
        e.extension = "203";
        QVERIFY2(m_net.checkRecording(e).isEmpty(), qPrintable(m_net.checkRecording(e)));
        QCOMPARE(line(e.callId).value("dialled").toString(), QStringLiteral("600"));
    }

    void ringGroupAnsweredByOther()
    {
        // 601 rings 202 and 201; 201 answers: recorded under 201, the ring group kept as dialled.
        Expect e;
        e.label = "ring group 601 answered by 201";
        const QString err = m_net.talk(m_net.ua("cara"), "sip:601@10.77.0.1", 6000, &e);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        e.direction = "inbound";
        e.extension = "201";
        e.caller = "07700900123";
        e.callee = "201";
        e.extensionUa = &m_net.ua("e201");
        e.farUa = &m_net.ua("cara");
        QVERIFY2(m_net.checkRecording(e).isEmpty(), qPrintable(m_net.checkRecording(e)));
        QCOMPARE(line(e.callId).value("dialled").toString(), QStringLiteral("601"));
        // baresip rings as "201-0x55d4c0" (its device contact): the number comes from that name, or from 201's
        // REGISTER when the agent saw one (phones register before the agent is up here).
        const QString evidence = line(e.callId).value("answered_by").toString();
        QVERIFY2(evidence == u"the device name of the branch it answered" || evidence == u"its registration",
                 qPrintable(evidence));
    }

    void huntGroupAfterTimeout()
    {
        // 700 rings 202 for 3 s (nobody answers), then 201 answers.
        Expect e;
        e.label = "hunt group 700: 202 times out, 201 answers";
        const QString err = m_net.talk(m_net.ua("carb"), "sip:700@10.77.0.1", 5000, &e);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        e.direction = "inbound";
        e.extension = "201";
        e.caller = "+442079460000";
        e.extensionUa = &m_net.ua("e201");
        e.farUa = &m_net.ua("carb");
        QVERIFY2(m_net.checkRecording(e).isEmpty(), qPrintable(m_net.checkRecording(e)));
        QCOMPARE(line(e.callId).value("dialled").toString(), QStringLiteral("700"));
    }

    void redirectToExcluded()
    {
        // 204 is on the second PBX, which answers 302 to 203 (excluded); the proxy follows and 203 answers.
        Expect e;
        e.label = "302 from the second PBX to 203";
        QVERIFY2(m_net.talk(m_net.ua("cara"), "sip:204@10.77.0.1", 3000, &e).isEmpty(), "call failed");
        e.recorded = false;
        e.reason = "excluded extension 203 (answered the call to 204)";
        e.direction = "inbound";
        e.extension = "203";
        QVERIFY2(m_net.checkRecording(e).isEmpty(), qPrintable(m_net.checkRecording(e)));
    }

    void blindTransfer()
    {
        // The carrier talks to 201; 201 transfers it (REFER) to 202, who answers: two recordings, the second linked.
        UserAgent &car = m_net.ua("cara");
        UserAgent &e201 = m_net.ua("e201");
        UserAgent &e202 = m_net.ua("e202");
        Expect first;
        first.label = "transferred call 07700900123 -> 201";
        QVERIFY2(m_net.dial(car, "sip:201@10.77.0.1", &first.invited, &first.answered, &first.callId).isEmpty(),
                 "first call failed");
        m_net.pumpAll(3000);
        const int carMark = car.events.size();
        const int e202Mark = e202.events.size();
        first.ended = now();
        e201.send("transfer", "sip:202@10.77.0.1");
        Event incoming; // the carrier's new INVITE reached 202: that call starts here, not when it is answered
        QVERIFY2(
            m_net.waitEvent(e202, "CALL_INCOMING", {}, 8000, &incoming, e202Mark),
            qPrintable("202 was not called after the REFER; carrier log: " + QString::fromUtf8(car.log.right(800))));
        m_net.pumpAll(500);
        e202.send("accept");
        Event est;
        QVERIFY(m_net.waitEvent(car, "CALL_ESTABLISHED", {}, 8000, &est, carMark));
        Expect second;
        second.label = "after the transfer: 07700900123 -> 202";
        second.callId = est.callId();
        second.answered = est.at;
        second.invited = incoming.at;
        m_net.pumpAll(4000);
        second.ended = now();
        car.send("hangup");
        QVERIFY(m_net.waitEvent(car, "CALL_CLOSED", second.callId, 5000, nullptr));
        QVERIFY2(m_net.waitAgentCalls({first.callId, second.callId}, 15000), "the agent printed no line for a call");
        second.direction = "inbound";
        second.extension = "202";
        second.farUa = &car;
        second.extensionUa = &e202;
        // The first call is checked by its line (its end comes from the transfer, not from the test).
        QVERIFY2(m_net.checkRecording(second).isEmpty(), qPrintable(m_net.checkRecording(second)));
        const QJsonObject a = line(first.callId);
        const QJsonObject b = line(second.callId);
        QCOMPARE(a.value("recorded").toBool(), true);
        QCOMPARE(a.value("extension").toString(), QStringLiteral("201"));
        QCOMPARE(b.value("relation").toString(), QStringLiteral("transfer"));
        QVERIFY2(b.value("related_id").toInteger() == a.value("id").toInteger() && a.value("id").toInteger() > 0,
                 qPrintable(QString("related_id %1, first id %2")
                                .arg(b.value("related_id").toInteger())
                                .arg(a.value("id").toInteger())));
    }

    void twoVaults()
    {
        // 201 (acme) calls 301 (beta): external to both, recorded in both, each from its own side.
        Expect e;
        e.label = "201 (acme) -> 301 (beta)";
        const QString err = m_net.talk(m_net.ua("e201"), "sip:301@10.77.0.1", 5000, &e);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QVERIFY(m_net.waitAgentCalls({e.callId}, 15000, 2));
        const QList<QJsonObject> lines = m_net.agentLines(e.callId);
        QCOMPARE(lines.size(), 2);
        QStringList seen;
        for (const QJsonObject &l : lines) {
            seen << l.value("vault").toString() + ":" + l.value("extension").toString() + ":" +
                        l.value("direction").toString();
            QVERIFY2(l.value("recorded").toBool(), qPrintable(l.value("reason").toString()));
            QVERIFY(!l.value("file").toString().isEmpty());
        }
        seen.sort();
        QCOMPARE(seen, (QStringList{"acme:201:outbound", "beta:301:inbound"}));
    }

    void srtpOutbound()
    {
        Expect e;
        e.label = "SRTP 205 -> 9000";
        const QString err = m_net.talk(m_net.ua("e205"), "sip:9000@10.77.0.1", 6000, &e);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        e.direction = "outbound";
        e.extension = "205";
        e.callee = "9000";
        e.extensionUa = &m_net.ua("e205");
        e.farUa = &m_net.ua("carc");
        QVERIFY2(m_net.checkRecording(e).isEmpty(), qPrintable(m_net.checkRecording(e)));
        QVERIFY2(line(e.callId).value("encryption").toString().startsWith("SRTP AES_CM_128_HMAC_SHA1"),
                 qPrintable(line(e.callId).value("encryption").toString()));
        m_srtpCalls << e.callId;
    }

    void srtpInbound()
    {
        Expect e;
        e.label = "SRTP 9000 -> 205";
        const QString err = m_net.talk(m_net.ua("carc"), "sip:205@10.77.0.1", 6000, &e);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        e.direction = "inbound";
        e.extension = "205";
        e.caller = "9000";
        e.extensionUa = &m_net.ua("e205");
        e.farUa = &m_net.ua("carc");
        QVERIFY2(m_net.checkRecording(e).isEmpty(), qPrintable(m_net.checkRecording(e)));
        m_srtpCalls << e.callId;
    }

    void srtpWithCorruptedKeys()
    {
        // The bridge's capture of the SRTP calls, with every key in it altered, replayed: nothing authenticates,
        // nothing is stored, and the reason says so.
        if (m_net.pcapPath().isEmpty() || m_srtpCalls.isEmpty())
            QSKIP("no bridge capture (tcpdump not installed) or no SRTP call made");
        m_net.pumpAll(500);
        QFile pcap(m_net.pcapPath());
        QVERIFY(pcap.open(QIODevice::ReadOnly));
        QByteArray bytes = pcap.readAll();
        int altered = 0;
        for (qsizetype at = bytes.indexOf("inline:"); at >= 0; at = bytes.indexOf("inline:", at + 1)) {
            char &c = bytes[at + 8];
            c = c == 'A' ? 'B' : 'A'; // one base64 character: a different key of the same length
            ++altered;
        }
        QVERIFY(altered >= 2);
        const QString corrupted = QDir(m_net.dir()).filePath("corrupted.pcap");
        QFile out(corrupted);
        QVERIFY(out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size());
        out.close();
        const QString dataDir = QDir(m_net.dir()).filePath("replay-data");
        QDir().mkpath(dataDir);
        const vv::testing::AgentRun run = vv::testing::runReplay(vv::testing::agentBinary(VIPVAULT_AGENT_BIN),
                                                                 m_net.agentConfigPath(), {corrupted}, dataDir);
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
        for (const QString &id : m_srtpCalls) {
            QJsonObject l;
            for (const QJsonObject &c : run.calls)
                if (c.value("sip_call_id").toString() == id)
                    l = c;
            QVERIFY2(!l.isEmpty(), qPrintable("no line for " + id));
            QCOMPARE(l.value("recorded").toBool(), false);
            QCOMPARE(l.value("reason").toString(),
                     QStringLiteral("encrypted media: the keys in the SDP did not authenticate its packets"));
            QCOMPARE(l.value("outcome").toString(), QStringLiteral("missed"));
        }
    }

    void dtlsSrtpRefused()
    {
        Expect e;
        e.label = "DTLS-SRTP 206 -> 8000";
        QVERIFY2(m_net.talk(m_net.ua("e206"), "sip:8000@10.77.0.1", 3000, &e).isEmpty(), "call failed");
        e.recorded = false;
        e.reason = "encrypted media: DTLS-SRTP (its keys never cross the wire, so no recorder can decrypt it)";
        e.direction = "outbound";
        e.extension = "206";
        QVERIFY2(m_net.checkRecording(e).isEmpty(), qPrintable(m_net.checkRecording(e)));
        QCOMPARE(line(e.callId).value("outcome").toString(), QStringLiteral("missed"));
    }

private:
    QJsonObject line(const QString &callId) const
    {
        const QList<QJsonObject> lines = m_net.agentLines(callId);
        return lines.isEmpty() ? QJsonObject() : lines.first();
    }

    PeerNetwork m_net;
    QStringList m_srtpCalls;
};

QTEST_GUILESS_MAIN(TestRealFlows)
#include "tst_realflows.moc"
