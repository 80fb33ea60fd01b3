// Call flows where the number dialled is not who talks, and encrypted media, replayed through `vipvault-agent replay`
// from generated captures: ring groups (parallel forks) and hunt groups (serial), pickup, two customers calling each
// other, SDES-keyed SRTP in several suites (with loss, reordering, duplicates, a late start past a roll-over,
// a sequence wrap and a re-key), and encrypted media the agent cannot decrypt (DTLS-SRTP, no keys, wrong keys,
// malformed a=crypto lines). Each row says what the agent must conclude; audio is checked against the generator's
// truth as for plain calls.
#include "agentharness.h"
#include "pcapwriter.h"
#include "scenario.h"
#include "topology.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <map>

using namespace vv::capgen;
using namespace vv::capgen::topology;
using vv::testing::ExpectedCall;

namespace {

const Endpoint kProxy{kPbx, 5060};

struct Flow
{
    Scenario scenario;
    QString vaultExtras = "excluded = 203, 205\nextension_pattern = 600|700\n";
    QList<ExpectedCall> expected;
    // Fields of a call line beyond checkCall's: call-id -> {field -> expected value}.
    std::map<QString, std::map<QString, QJsonValue>> fields;
    // Summary counters that must be above zero.
    QStringList countersAboveZero;
};

ExpectedCall expect(const CallSpec &spec, const QString &direction, int extension, bool extensionIsCaller,
                    const QString &reason = "recorded")
{
    ExpectedCall e;
    e.callId = QString::fromStdString(spec.callId);
    e.direction = direction;
    e.extension = QString::number(extension);
    e.extensionIsCaller = extensionIsCaller;
    e.recorded = reason == "recorded";
    e.reason = reason;
    e.codec = e.recorded ? codecName(spec.codec) : QString();
    return e;
}

CallSpec viaProxy(CallSpec spec)
{
    spec.proxy = kProxy;
    spec.talkMs = 6000;
    return spec;
}

SrtpSpec srtp(const std::string &suite)
{
    SrtpSpec s;
    s.suite = suite;
    return s;
}

using Builder = std::function<void(Flow &)>;

const std::map<QString, Builder> &builders()
{
    static const std::map<QString, Builder> map = {
        {"ring group answered by 201",
         [](Flow &f) {
             auto spec = viaProxy(call("rg-1@carrier", external("07700900123", 30000), phone(201), 0, 41));
             spec.dialled = "600";
             spec.forks = {{phone(203)}, {phone(204)}};
             f.scenario.addCall(spec);
             auto e = expect(spec, "inbound", 201, false);
             e.callee = "201";
             f.expected << e;
             f.fields[e.callId] = {
                 {"dialled", "600"}, {"answered_by", "the branch it answered"}, {"outcome", "recorded"}};
         }},
        {"ring group answered by excluded 203",
         [](Flow &f) {
             auto spec = viaProxy(call("rg-2@carrier", external("07700900123", 30000), phone(203), 0, 42));
             spec.dialled = "600";
             spec.forks = {{phone(201)}};
             f.scenario.addCall(spec);
             auto e = expect(spec, "inbound", 203, false, "excluded extension 203 (answered the call to 600)");
             f.expected << e;
             f.fields[e.callId] = {{"dialled", "600"}, {"outcome", QJsonValue::Null}};
         }},
        {"hunt group: 202 times out, 201 answers",
         [](Flow &f) {
             auto spec = viaProxy(call("hunt-1@carrier", external("+442079460000", 30002), phone(201), 0, 43));
             spec.dialled = "700";
             spec.serialForks = true;
             spec.forks = {{phone(202), 408, 3000}, {phone(206), 486, 500}};
             f.scenario.addCall(spec);
             auto e = expect(spec, "inbound", 201, false);
             e.caller = "+442079460000";
             f.expected << e;
             f.fields[e.callId] = {{"dialled", "700"}};
         }},
        {"pickup",
         [](Flow &f) {
             // A call rings at 201; 202 picks it up (an INVITE to the caller replacing the ringing dialog).
             auto ringing = viaProxy(call("ring-1@carrier", external("07700900123", 30004), phone(201), 0, 44));
             ringing.outcome = Outcome::Cancelled;
             ringing.ringMs = 4000;
             const CallTruth &r = f.scenario.addCall(ringing);
             auto pickup = call("pick-1@pbx", phone(202), external("07700900123", 30004), 1.5, 45);
             pickup.replaces = "ring-1@carrier;to-tag=" + r.calleeTag + ";from-tag=" + r.callerTag + ";early-only";
             pickup.ringMs = 200;
             pickup.talkMs = 6000;
             f.scenario.addCall(pickup);
             auto cancelled = expect(ringing, "inbound", 201, false, "cancelled");
             f.expected << cancelled;
             // Reported as the call it picked up: inbound, dialled 201; 202 is this dialog's caller side.
             auto e = expect(pickup, "inbound", 202, true);
             e.caller = "07700900123";
             e.callee = "202";
             f.expected << e;
             f.fields[e.callId] = {{"dialled", "201"}, {"relation", "pickup"}, {"answered_by", "the pickup"}};
         }},
        {"two customers call each other",
         [](Flow &f) {
             f.vaultExtras += "[vault beta]\nextensions = 300-399\n";
             auto spec = call("vv-1@pbx", phone(201), phone(305), 0, 46);
             spec.talkMs = 6000;
             f.scenario.addCall(spec);
             auto acme = expect(spec, "outbound", 201, true);
             auto beta = expect(spec, "inbound", 305, false);
             beta.vault = "beta";
             f.expected << acme << beta;
         }},
        {"srtp AES_CM_128_HMAC_SHA1_80 outbound",
         [](Flow &f) {
             auto spec = call("s80@pbx", phone(202), external("07700900123", 30010), 0, 51);
             spec.srtp = srtp("AES_CM_128_HMAC_SHA1_80");
             f.scenario.addCall(spec);
             auto e = expect(spec, "outbound", 202, true);
             f.expected << e;
             f.fields[e.callId] = {{"encryption", "SRTP AES_CM_128_HMAC_SHA1_80"}, {"outcome", "recorded"}};
             f.countersAboveZero << "srtp_packets_decrypted";
         }},
        {"srtp AES_CM_128_HMAC_SHA1_32 inbound",
         [](Flow &f) {
             auto spec = call("s32@carrier", external("07700900123", 30012), phone(204), 0, 52);
             spec.srtp = srtp("AES_CM_128_HMAC_SHA1_32");
             f.scenario.addCall(spec);
             f.expected << expect(spec, "inbound", 204, false);
         }},
        {"srtp AES_256_CM_HMAC_SHA1_80",
         [](Flow &f) {
             auto spec = call("s256@pbx", phone(206), external("07700900123", 30014), 0, 53);
             spec.srtp = srtp("AES_256_CM_HMAC_SHA1_80");
             f.scenario.addCall(spec);
             f.expected << expect(spec, "outbound", 206, true);
         }},
        {"srtp AEAD_AES_128_GCM",
         [](Flow &f) {
             auto spec = call("sgcm@pbx", phone(207), external("07700900123", 30016), 0, 54);
             spec.srtp = srtp("AEAD_AES_128_GCM");
             f.scenario.addCall(spec);
             f.expected << expect(spec, "outbound", 207, true);
         }},
        {"srtp with loss, reordering and duplicates",
         [](Flow &f) {
             auto spec = call("simp@pbx", phone(208), external("07700900123", 30018), 0, 55);
             spec.srtp = srtp("AES_CM_128_HMAC_SHA1_80");
             spec.talkMs = 8000;
             spec.callerImpairment = {2.0, 3.0, 2.0};
             spec.calleeImpairment = {2.0, 3.0, 2.0};
             f.scenario.addCall(spec);
             f.expected << expect(spec, "outbound", 208, true);
             f.countersAboveZero << "srtp_duplicates";
         }},
        {"srtp joined late: roll-over counter 3",
         [](Flow &f) {
             auto spec = call("sroc@pbx", phone(209), external("07700900123", 30020), 0, 56);
             spec.srtp = srtp("AES_CM_128_HMAC_SHA1_80");
             spec.srtp->roc = 3;
             f.scenario.addCall(spec);
             f.expected << expect(spec, "outbound", 209, true);
         }},
        {"srtp sequence wraps mid-call",
         [](Flow &f) {
             auto spec = call("swrap@pbx", phone(210), external("07700900123", 30022), 0, 57);
             spec.srtp = srtp("AEAD_AES_256_GCM");
             spec.srtp->seqStart = 65400; // 136 packets in: the roll-over counter moves
             f.scenario.addCall(spec);
             f.expected << expect(spec, "outbound", 210, true);
         }},
        {"srtp re-keyed by a re-INVITE",
         [](Flow &f) {
             auto spec = call("srekey@pbx", phone(211), external("07700900123", 30024), 0, 58);
             spec.srtp = srtp("AES_CM_128_HMAC_SHA1_80");
             spec.srtp->rekeyAtMs = 2500;
             spec.talkMs = 6000;
             f.scenario.addCall(spec);
             f.expected << expect(spec, "outbound", 211, true);
         }},
        {"srtp with corrupted keys in the SDP",
         [](Flow &f) {
             auto spec = call("sbad@pbx", phone(212), external("07700900123", 30026), 0, 59);
             spec.srtp = srtp("AES_CM_128_HMAC_SHA1_80");
             spec.srtp->corruptKeysInSdp = true;
             f.scenario.addCall(spec);
             auto e = expect(spec, "outbound", 212, true, "");
             e.recorded = false;
             e.reason = "encrypted media: the keys in the SDP did not authenticate its packets";
             f.expected << e;
             f.fields[e.callId] = {{"outcome", "missed"}};
             f.countersAboveZero << "srtp_packets_failed"
                                 << "encrypted_calls_missed";
         }},
        {"dtls-srtp is refused",
         [](Flow &f) {
             auto spec = call("sdtls@pbx", phone(213), external("07700900123", 30028), 0, 60);
             spec.srtp = srtp("AES_CM_128_HMAC_SHA1_80");
             spec.srtp->dtls = true;
             f.scenario.addCall(spec);
             auto e =
                 expect(spec, "outbound", 213, true,
                        "encrypted media: DTLS-SRTP (its keys never cross the wire, so no recorder can decrypt it)");
             f.expected << e;
             f.fields[e.callId] = {{"outcome", "missed"}};
             f.countersAboveZero << "encrypted_calls_missed";
         }},
        {"savp without keys, malformed crypto lines",
         [](Flow &f) {
             auto spec = call("snokey@pbx", phone(214), external("07700900123", 30030), 0, 61);
             spec.srtp = srtp("AES_CM_128_HMAC_SHA1_80");
             spec.srtp->noKeys = true;
             spec.srtp->extraOfferLines = {"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!notbase64!!\r\n",
                                           "a=crypto:x\r\n", "a=crypto:2 F8_128_HMAC_SHA1_80 inline:QUJD\r\n"};
             f.scenario.addCall(spec);
             auto e = expect(spec, "outbound", 214, true, "");
             e.recorded = false;
             e.reason = "encrypted media: no usable key (key is not base64)";
             f.expected << e;
             f.fields[e.callId] = {{"outcome", "missed"}};
             f.countersAboveZero << "bad_crypto_attributes";
         }},
    };
    return map;
}

} // namespace

class TestCallFlows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data()
    {
        QTest::addColumn<QString>("name");
        for (const auto &[name, builder] : builders())
            QTest::newRow(name.toUtf8().constData()) << name;
    }

    void replay()
    {
        QFETCH(QString, name);
        Flow f;
        builders().at(name)(f);
        for (ExpectedCall &e : f.expected)
            e.truth = f.scenario.truth(e.callId.toStdString());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString capture = dir.filePath("capture.pcap");
        std::string error;
        QVERIFY2(writeCapture(capture.toStdString(), f.scenario.packets(), {}, &error), error.c_str());
        const QString agent = vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
        QVERIFY2(QFileInfo(agent).isExecutable(), qPrintable("agent binary not found: " + agent));
        const QString dataDir = dir.filePath("data");
        QDir().mkpath(dataDir);
        const QString config =
            vv::testing::writeConfig(dir.path(), vv::testing::standardConfig(dataDir, f.vaultExtras, "lo"));
        const vv::testing::AgentRun run = vv::testing::runReplay(agent, config, {capture});
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.summary.value("malformed_sip").toInt(-1), 0);

        const QString failures = vv::testing::checkCalls(run, f.expected);
        if (!failures.isEmpty() && qEnvironmentVariableIsSet("VV_KEEP_FAILED")) {
            dir.setAutoRemove(false);
            qWarning("kept %s", qPrintable(dir.path()));
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures));
        for (const auto &[callId, fields] : f.fields)
            for (const QJsonObject &call : run.calls)
                if (call.value("sip_call_id").toString() == callId)
                    for (const auto &[field, value] : fields)
                        QVERIFY2(call.value(field) == value,
                                 qPrintable(QString("%1: %2 is %3, expected %4")
                                                .arg(callId, field, call.value(field).toVariant().toString(),
                                                     value.toVariant().toString())));
        for (const QString &counter : f.countersAboveZero)
            QVERIFY2(run.summary.value(counter).toInt() > 0, qPrintable(counter + " is not above 0"));
        // Keys are never written anywhere: not in the log, not in the data folder.
        const QByteArray log = run.standardError.toUtf8();
        QVERIFY2(!log.contains("inline:"), "a key appeared in the log");
    }
};

QTEST_GUILESS_MAIN(TestCallFlows)
#include "tst_callflows.moc"
