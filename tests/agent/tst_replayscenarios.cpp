// Replays generated captures through `vipvault-agent replay` and compares every call line and recording with
// the generator's truth: policy (recorded / reason / direction / extension), timing, and per-channel audio.
#include "agentharness.h"
#include "pcapwriter.h"
#include "scenario.h"
#include "topology.h"

#include <QDir>
#include <QFile>
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

struct Case
{
    Scenario scenario;
    CaptureOptions capture;
    QString vaultExtras = "excluded = 203, 205\n";
    bool vaultEnabled = true;
    QList<ExpectedCall> expected;
    std::function<QString(const vv::testing::AgentRun &, const Scenario &)> extraCheck;
};

ExpectedCall inbound(const CallSpec &spec, int extension)
{
    ExpectedCall e;
    e.callId = QString::fromStdString(spec.callId);
    e.direction = "inbound";
    e.extension = QString::number(extension);
    e.extensionIsCaller = false;
    e.codec = codecName(spec.codec);
    return e;
}

ExpectedCall outbound(const CallSpec &spec, int extension)
{
    ExpectedCall e = inbound(spec, extension);
    e.direction = "outbound";
    e.extensionIsCaller = true;
    return e;
}

ExpectedCall notRecorded(ExpectedCall e, const QString &reason)
{
    e.recorded = false;
    e.codec.clear(); // an unanswered call never settled on a codec
    e.reason = reason;
    return e;
}

// Adds the call and returns its spec, so rows read as "add, then say what the agent should make of it".
const CallSpec &add(Case &c, const CallSpec &spec)
{
    c.scenario.addCall(spec);
    return spec;
}

// checkCall already compares the counters with the truth; this row must also really have impairments.
QString impairmentsCounted(const vv::testing::AgentRun &run, const std::string &callId)
{
    for (const QJsonObject &call : run.calls) {
        if (call.value("sip_call_id").toString() != QString::fromStdString(callId))
            continue;
        QStringList errors;
        for (const char *side : {"extension", "far_end"}) {
            const QJsonObject q = call.value("quality").toObject().value(side).toObject();
            if (q.value("packets_lost").toInt() <= 0)
                errors << QString("quality.%1.packets_lost should be > 0").arg(side);
            if (q.value("packets_duplicated").toInt() <= 0)
                errors << QString("quality.%1.packets_duplicated should be > 0").arg(side);
        }
        return errors.join("; ");
    }
    return "call not found for the quality check";
}

using Builder = std::function<void(Case &)>;

const std::map<QString, Builder> &builders()
{
    static const std::map<QString, Builder> map = {
        {"inbound",
         [](Case &c) {
             auto s = add(c, call("in-1@carrier", external("07700900123", 30000), phone(201), 0, 11));
             auto e = inbound(s, 201);
             e.caller = "07700900123";
             e.callee = "201";
             c.expected << e;
         }},
        {"outbound",
         [](Case &c) {
             auto spec = call("out-1@pbx", phone(202), external("+44-20-7946-0000", 30000), 0, 12);
             spec.caller.displayName = "Reception";
             spec.codec = Codec::Pcma;
             auto e = outbound(add(c, spec), 202);
             e.caller = "202";
             e.callee = "+442079460000"; // visual separators go, the + stays
             c.expected << e;
         }},
        {"internal",
         [](Case &c) {
             auto e = notRecorded(outbound(add(c, call("int-1@pbx", phone(204), phone(206), 0, 13)), 204), "internal");
             e.direction = "internal";
             e.checkExtension = false;
             c.expected << e;
         }},
        {"excluded extension",
         [](Case &c) {
             c.expected << notRecorded(
                 outbound(add(c, call("excl-1@pbx", phone(205), external("07700900456", 30000), 0, 14)), 205),
                 "excluded extension 205");
         }},
        {"vault disabled",
         [](Case &c) {
             c.vaultEnabled = false;
             c.expected << notRecorded(
                 inbound(add(c, call("dis-1@carrier", external("07700900123", 30000), phone(201), 0, 15)), 201),
                 "vault disabled");
         }},
        {"cancelled",
         [](Case &c) {
             auto spec = call("cancel-1@carrier", external("07700900789", 30000), phone(206), 0, 16);
             spec.outcome = Outcome::Cancelled;
             spec.ringMs = 4000;
             c.expected << notRecorded(inbound(add(c, spec), 206), "cancelled");
         }},
        {"busy 486",
         [](Case &c) {
             auto spec = call("busy-1@pbx", phone(207), external("07700900111", 30000), 0, 17);
             spec.outcome = Outcome::BusyHere;
             c.expected << notRecorded(outbound(add(c, spec), 207), "not answered: 486 Busy Here");
         }},
        {"unavailable 503",
         [](Case &c) {
             auto spec = call("503-1@pbx", phone(207), external("07700900111", 30000), 0, 38);
             spec.outcome = Outcome::ServiceUnavailable;
             c.expected << notRecorded(outbound(add(c, spec), 207), "not answered: 503 Service Unavailable");
         }},
        {"not found 404",
         [](Case &c) {
             auto spec = call("404-1@carrier", external("07700900111", 30000), phone(299), 0, 39);
             spec.outcome = Outcome::NotFound;
             c.expected << notRecorded(inbound(add(c, spec), 299), "not answered: 404 Not Found");
         }},
        {"extension pattern",
         [](Case &c) {
             // 305 is outside 200-299 and only an extension through the configured pattern.
             c.vaultExtras = "excluded = 203, 205\nextension_pattern = ^3\\d{2}$\n";
             auto spec = call("pattern-1@pbx", makeParty("305", kPbx, "192.0.2.105", 5060, 40500),
                              external("07700900123", 30000), 0, 40);
             c.expected << outbound(add(c, spec), 305);
         }},
        {"SIP on port 5080",
         [](Case &c) {
             auto spec = call("port5080-1@carrier", external("07700900123", 30000), phone(201), 0, 41);
             spec.caller.sip.port = 5080;
             spec.callee.sip.port = 5080;
             c.expected << inbound(add(c, spec), 201);
         }},
        {"hold and resume",
         [](Case &c) {
             auto spec = call("hold-1@pbx", phone(202), external("07700900123", 30000), 0, 18);
             spec.talkMs = 8000;
             spec.hold = HoldSpec{2500, 2500, true};
             c.expected << outbound(add(c, spec), 202);
         }},
        {"re-INVITE codec change",
         [](Case &c) {
             auto spec = call("codec-1@carrier", external("07700900123", 30000), phone(208), 0, 19);
             spec.talkMs = 6000;
             spec.reinvite.atMs = 2500;
             spec.reinvite.byCaller = false;
             spec.reinvite.newCodec = Codec::Pcma;
             auto e = inbound(add(c, spec), 208);
             e.codec.clear(); // either codec name is defensible for a call that used both
             c.expected << e;
         }},
        {"re-INVITE address change",
         [](Case &c) {
             auto spec = call("move-1@pbx", phone(209), external("07700900123", 30000), 0, 20);
             spec.talkMs = 6000;
             spec.reinvite.atMs = 2500;
             spec.reinvite.byCaller = true;
             spec.reinvite.newMedia = Endpoint{"192.0.2.129", 41234}; // e.g. a phone moving to another network
             c.expected << outbound(add(c, spec), 209);
         }},
        {"loss reorder duplicates",
         [](Case &c) {
             auto spec = call("lossy-1@carrier", external("07700900123", 30000), phone(201), 0, 21);
             spec.talkMs = 8000;
             spec.callerImpairment = spec.calleeImpairment = Impairment{5.0, 3.0, 3.0};
             c.expected << inbound(add(c, spec), 201);
             c.extraCheck = [](const vv::testing::AgentRun &run, const Scenario &) {
                 return impairmentsCounted(run, "lossy-1@carrier");
             };
         }},
        {"SSRC change and timestamp jump",
         [](Case &c) {
             auto spec = call("ssrc-1@carrier", external("07700900123", 30000), phone(201), 0, 22);
             spec.talkMs = 6000;
             spec.streamReset = StreamResetSpec{3000, true};
             c.expected << inbound(add(c, spec), 201);
         }},
        {"IPv6",
         [](Case &c) {
             auto spec = call("v6-1@pbx", makeParty("203", "pbx.example.com", "2001:db8::23", 5060, 40000),
                              makeParty("07700900123", "carrier.example.net", "2001:db8:1::20", 5060, 30000), 0, 23);
             c.vaultExtras = "excluded = 205\n";
             c.expected << outbound(add(c, spec), 203);
         }},
        {"VLAN",
         [](Case &c) {
             c.capture.vlanId = 100;
             c.expected << inbound(add(c, call("vlan-1@carrier", external("07700900123", 30000), phone(201), 0, 24)),
                                   201);
         }},
        {"Linux cooked SLL",
         [](Case &c) {
             c.capture.link = LinkType::LinuxSll;
             c.expected << inbound(add(c, call("sll-1@carrier", external("07700900123", 30000), phone(201), 0, 25)),
                                   201);
         }},
        {"Linux cooked SLL2",
         [](Case &c) {
             c.capture.link = LinkType::LinuxSll2;
             c.expected << inbound(add(c, call("sll2-1@carrier", external("07700900123", 30000), phone(201), 0, 26)),
                                   201);
         }},
        {"NULL loopback",
         [](Case &c) {
             c.capture.link = LinkType::Null;
             c.expected << inbound(add(c, call("null-1@carrier", external("07700900123", 30000), phone(201), 0, 27)),
                                   201);
         }},
        {"raw IP",
         [](Case &c) {
             c.capture.link = LinkType::RawIp;
             c.expected << inbound(add(c, call("raw-1@carrier", external("07700900123", 30000), phone(201), 0, 28)),
                                   201);
         }},
        {"pcapng",
         [](Case &c) {
             c.capture.pcapng = true;
             c.expected << outbound(add(c, call("ng-1@pbx", phone(202), external("07700900123", 30000), 0, 29)), 202);
         }},
        {"two overlapping calls",
         [](Case &c) {
             c.expected << inbound(add(c, call("ov-1@carrier", external("07700900123", 30000), phone(201), 0, 30)),
                                   201);
             c.expected << outbound(add(c, call("ov-2@pbx", phone(202), external("07700900124", 30010), 2.0, 31)), 202);
         }},
        {"twenty overlapping calls",
         [](Case &c) {
             for (int i = 0; i < 20; ++i) {
                 const int extension = 210 + i;
                 const std::string number = "0770090" + std::to_string(1000 + i);
                 const std::string id = "many-" + std::to_string(i) + "@pbx";
                 auto spec = i % 2 ? call(id, phone(extension), external(number, uint16_t(30000 + 2 * i)), i * 0.3,
                                          uint64_t(100 + i))
                                   : call(id, external(number, uint16_t(30000 + 2 * i)), phone(extension), i * 0.3,
                                          uint64_t(100 + i));
                 spec.talkMs = 4000;
                 spec.codec = i % 3 ? Codec::Pcmu : Codec::Pcma;
                 c.scenario.addCall(spec);
                 c.expected << (i % 2 ? outbound(spec, extension) : inbound(spec, extension));
             }
         }},
        {"B2BUA legs",
         [](Case &c) {
             // Extension leg phone <-> PBX, and the PBX's own leg to the carrier presenting the main number.
             auto legA = call("b2b-a@pbx", phone(201), makeParty("07700900123", kPbx, kPbx, 5060, 50000), 0, 32);
             auto legB = call("b2b-b@pbx", makeParty("+442079460000", kPbx, kPbx, 5060, 50002),
                              external("07700900123", 30000), 0.02, 33);
             legB.ringMs = legA.ringMs = 1500;
             c.expected << outbound(add(c, legA), 201);
             auto e = notRecorded(outbound(add(c, legB), 201), "no extension on either side");
             e.direction.clear();
             e.extension.clear();
             c.expected << e;
         }},
        {"proxied call seen twice",
         [](Case &c) {
             auto spec = call("proxied-1@pbx", phone(202), external("07700900123", 30000), 0, 34);
             spec.proxy = Endpoint{kPbx, 5060};
             c.expected << outbound(add(c, spec), 202);
         }},
        {"P-Asserted-Identity caller",
         [](Case &c) {
             // Withheld CLI: only the asserted identity says which extension is calling.
             auto spec = call("pai-1@pbx", phone(204), external("07700900123", 30000), 0, 35);
             spec.caller.user = "anonymous";
             spec.caller.host = "anonymous.invalid";
             spec.caller.displayName = "Anonymous";
             spec.pAssertedIdentity = "204";
             auto e = outbound(add(c, spec), 204);
             e.caller = "204"; // the asserted identity, not "anonymous"
             c.expected << e;
         }},
        {"unsupported codec G723",
         [](Case &c) {
             auto spec = call("g729-1@carrier", external("07700900123", 30000), phone(201), 0, 36);
             spec.codec = Codec::G723;
             auto e = notRecorded(inbound(add(c, spec), 201), "unsupported codec G723");
             e.codec = "G723";
             c.expected << e;
         }},
        {"BYE sent by callee",
         [](Case &c) {
             auto spec = call("byecallee-1@pbx", phone(202), external("07700900123", 30000), 0, 37);
             spec.byeFromCaller = false;
             c.expected << outbound(add(c, spec), 202);
         }},
    };
    return map;
}

} // namespace

class TestReplayScenarios : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data();
    void replay();
};

void TestReplayScenarios::replay_data()
{
    QTest::addColumn<QString>("name");
    for (const auto &[name, builder] : builders())
        QTest::newRow(name.toUtf8().constData()) << name;
}

void TestReplayScenarios::replay()
{
    QFETCH(QString, name);
    Case c;
    builders().at(name)(c);
    for (ExpectedCall &e : c.expected)
        e.truth = c.scenario.truth(e.callId.toStdString());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString capture = dir.filePath(c.capture.pcapng ? "capture.pcapng" : "capture.pcap");
    std::string error;
    QVERIFY2(writeCapture(capture.toStdString(), c.scenario.packets(), c.capture, &error), error.c_str());
    // VV_DUMP_CAPTURES=DIR keeps each row's capture for inspection with tshark/Wireshark.
    const QString dumpDir = qEnvironmentVariable("VV_DUMP_CAPTURES");
    if (!dumpDir.isEmpty()) {
        QString fileName = name;
        fileName.replace(' ', '_');
        QFile::copy(capture, QDir(dumpDir).filePath(fileName + "." + QFileInfo(capture).suffix()));
    }
    const QString agent = vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
    QVERIFY2(QFileInfo(agent).isExecutable(), qPrintable("agent binary not found: " + agent));
    const QString dataDir = dir.filePath("data");
    QDir().mkpath(dataDir);
    const QString config =
        vv::testing::writeConfig(dir.path(), vv::testing::standardConfig(dataDir, c.vaultExtras, "lo", c.vaultEnabled));

    const vv::testing::AgentRun run = vv::testing::runReplay(agent, config, {capture});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(!run.summary.isEmpty(), "no summary line on stdout");
    QVERIFY2(run.summary.value("packets").toInt() == int(c.scenario.packets().size()),
             qPrintable(QString("summary packets %1, capture has %2")
                            .arg(run.summary.value("packets").toInt())
                            .arg(c.scenario.packets().size())));
    QCOMPARE(run.summary.value("malformed_packets").toInt(-1), 0);
    QCOMPARE(run.summary.value("malformed_sip").toInt(-1), 0);

    const QString failures = vv::testing::checkCalls(run, c.expected);
    if (!failures.isEmpty() && qEnvironmentVariableIsSet("VV_KEEP_FAILED")) {
        dir.setAutoRemove(false);
        qWarning("kept %s", qPrintable(dir.path()));
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures));
    if (c.extraCheck) {
        const QString extra = c.extraCheck(run, c.scenario);
        QVERIFY2(extra.isEmpty(), qPrintable(extra));
    }
}

QTEST_GUILESS_MAIN(TestReplayScenarios)
#include "tst_replayscenarios.moc"
