// Hostile and broken input mixed with good calls: the agent must not crash, must count what it could not use,
// and must still record every good call correctly.
#include "agentharness.h"
#include "pcapwriter.h"
#include "rng.h"
#include "scenario.h"
#include "topology.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace vv::capgen;
using namespace vv::capgen::topology;
using vv::testing::AgentRun;
using vv::testing::ExpectedCall;

namespace {

struct Frame
{
    double ts = 0.0;
    std::vector<uint8_t> bytes;
    uint32_t origLen = 0;
};

struct BadCase
{
    Scenario scenario;
    std::vector<Frame> rawFrames; // written as they are, already link-layer framed (Ethernet)
    QList<ExpectedCall> expected;
    qint64 cutAtFraction = 0; // per mille of the file size; 0 = keep the file whole
};

// Two good calls that every bad-input case must still get right.
void addGoodCalls(BadCase &c)
{
    CallSpec in = call("good-in@carrier", external("07700900123", 30000), phone(201), 0.0, 501);
    in.talkMs = 4000;
    CallSpec out = call("good-out@pbx", phone(202), external("+442079460000", 30010), 1.0, 502);
    out.talkMs = 4000;
    out.codec = Codec::Pcma;
    c.scenario.addCall(in);
    c.scenario.addCall(out);
    ExpectedCall a;
    a.callId = "good-in@carrier";
    a.direction = "inbound";
    a.extension = "201";
    a.extensionIsCaller = false;
    ExpectedCall b;
    b.callId = "good-out@pbx";
    b.direction = "outbound";
    b.extension = "202";
    b.extensionIsCaller = true;
    c.expected << a << b;
}

GenPacket udp(double ts, const std::string &src, uint16_t sport, const std::string &dst, uint16_t dport,
              const std::string &text)
{
    return GenPacket{ts, Endpoint{src, sport}, Endpoint{dst, dport}, std::vector<uint8_t>(text.begin(), text.end())};
}

std::string sipRequest(const std::string &callIdLine, const std::string &extraHeaders, const std::string &body,
                       const std::string &contentLength)
{
    return "INVITE sip:07700900999@198.51.100.20 SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 192.0.2.77:5060;branch=z9hG4bKbad1\r\n"
           "Max-Forwards: 70\r\n"
           "From: <sip:277@192.0.2.10>;tag=bad\r\n"
           "To: <sip:07700900999@198.51.100.20>\r\n" +
           callIdLine + "CSeq: 1 INVITE\r\n" + extraHeaders + "Content-Length: " + contentLength + "\r\n\r\n" + body;
}

AgentRun run(BadCase &c, QTemporaryDir &dir)
{
    std::vector<Frame> frames = c.rawFrames;
    const CaptureOptions options;
    uint16_t ipId = 1;
    for (const GenPacket &p : c.scenario.packets())
        frames.push_back({p.ts, buildFrame(p, options, ipId++), 0});
    std::stable_sort(frames.begin(), frames.end(), [](const Frame &a, const Frame &b) { return a.ts < b.ts; });
    const QString capture = dir.filePath("capture.pcap");
    PcapWriter writer;
    writer.open(capture.toStdString(), options);
    for (const Frame &f : frames)
        writer.writeFrame(f.ts, f.bytes, f.origLen);
    writer.close();
    if (c.cutAtFraction > 0) {
        QFile file(capture);
        const qint64 size = file.size();
        file.resize(size * c.cutAtFraction / 1000);
    }
    for (ExpectedCall &e : c.expected)
        e.truth = c.scenario.truth(e.callId.toStdString());
    const QString dataDir = dir.filePath("data");
    QDir().mkpath(dataDir);
    const QString config = vv::testing::writeConfig(dir.path(), vv::testing::standardConfig(dataDir));
    return vv::testing::runReplay(vv::testing::agentBinary(VIPVAULT_AGENT_BIN), config, {capture});
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void truncatedPackets();
    void garbledBytes();
    void absurdSipHeaders();
    void bogusSdpPorts();
    void rtpRandomPayloadTypes();
    void captureCutMidRecord();
    void missingCaptureFile();
    void badUsage();

private:
    // Common verdict: clean exit, something counted as malformed, good calls intact.
    // counters: summary keys whose sum must be > 0.
    void verify(BadCase &c, const QStringList &counters, bool checkQuality = true);
};

void TestBadInput::initTestCase()
{
    const QString agent = vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
    QVERIFY2(QFileInfo(agent).isExecutable(), qPrintable("agent binary not found: " + agent));
}

void TestBadInput::verify(BadCase &c, const QStringList &counters, bool checkQuality)
{
    for (ExpectedCall &e : c.expected)
        e.checkQuality = checkQuality;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const AgentRun r = run(c, dir);
    QVERIFY2(r.finished && r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(!r.summary.isEmpty(), "no summary line on stdout");
    if (qEnvironmentVariableIsSet("VV_VERBOSE"))
        qInfo("summary %s", QJsonDocument(r.summary).toJson(QJsonDocument::Compact).constData());
    int counted = 0;
    for (const QString &counter : counters)
        counted += r.summary.value(counter).toInt();
    QVERIFY2(counted > 0,
             qPrintable(QString("expected %1 > 0 in summary %2")
                            .arg(counters.join(" + "),
                                 QString::fromUtf8(QJsonDocument(r.summary).toJson(QJsonDocument::Compact)))));
    const QString failures = vv::testing::checkCalls(r, c.expected, true);
    QVERIFY2(failures.isEmpty(), qPrintable(failures));
}

void TestBadInput::truncatedPackets()
{
    BadCase c;
    addGoodCalls(c);
    // A third call whose every frame is cut short, as with a small snap length or a damaged file.
    Scenario junk;
    CallSpec spec = call("cut-frames@pbx", phone(230), external("07700900555", 30500), 0.5, 503);
    spec.talkMs = 3000;
    junk.addCall(spec);
    Rng rng(77);
    uint16_t id = 1;
    for (const GenPacket &p : junk.packets()) {
        std::vector<uint8_t> frame = buildFrame(p, CaptureOptions{}, id++);
        const uint32_t full = uint32_t(frame.size());
        // Cut inside Ethernet, IP, UDP header or payload.
        frame.resize(size_t(rng.range(1, int(full) - 1)));
        c.rawFrames.push_back({p.ts, frame, rng.chance(0.5) ? full : 0});
    }
    verify(c, {"malformed_packets"});
}

void TestBadInput::garbledBytes()
{
    BadCase c;
    addGoodCalls(c);
    Rng rng(78);
    for (int i = 0; i < 300; ++i) {
        const double ts = kEpoch + rng.uniform(0.0, 6.0);
        if (i % 2) {
            // Whole frames of noise.
            std::vector<uint8_t> frame(size_t(rng.range(1, 400)));
            for (uint8_t &b : frame)
                b = uint8_t(rng.next32());
            c.rawFrames.push_back({ts, frame, 0});
        } else {
            // Valid UDP to the SIP port carrying noise, some of it starting like SIP.
            std::string text = i % 4 ? "INVITE sip:" : "SIP/2.0 200 OK\r\nVia: ";
            const int n = rng.range(0, 600);
            for (int k = 0; k < n; ++k)
                text += char(rng.next32());
            c.scenario.addPacket(udp(ts, "192.0.2.99", 5060, kPbx, 5060, text));
        }
    }
    verify(c, {"malformed_packets", "malformed_sip"});
}

void TestBadInput::absurdSipHeaders()
{
    BadCase c;
    addGoodCalls(c);
    const double t = kEpoch + 0.7;
    const std::string hugeValue(10 * 1024, 'x');
    std::string thousand;
    for (int i = 0; i < 1000; ++i)
        thousand += "X-Header-" + std::to_string(i) + ": value " + std::to_string(i) + "\r\n";
    const std::string body = "v=0\r\no=- 1 1 IN IP4 192.0.2.77\r\ns=-\r\nc=IN IP4 192.0.2.77\r\nt=0 0\r\n"
                             "m=audio 40770 RTP/AVP 0\r\n";
    const std::string sdpType = "Content-Type: application/sdp\r\n";
    const std::string len = std::to_string(body.size());
    const std::string messages[] = {
        sipRequest("Call-ID: huge-value@bad\r\n", "Subject: " + hugeValue + "\r\n" + sdpType, body, len),
        sipRequest("Call-ID: huge-callid-" + hugeValue + "\r\n", sdpType, body, len),
        sipRequest("Call-ID: thousand-headers@bad\r\n", thousand + sdpType, body, len),
        sipRequest("Call-ID: negative-length@bad\r\n", sdpType, body, "-5"),
        sipRequest("Call-ID: huge-length@bad\r\n", sdpType, body, "99999999999999999999999"),
        sipRequest("Call-ID: beyond-datagram@bad\r\n", sdpType, body, "4000000"),
        sipRequest("", sdpType, body, len), // no Call-ID at all
        sipRequest("Call-ID: \r\n", sdpType, body, len),
        "SIP/2.0 200 OK\r\nCSeq: banana\r\nContent-Length: 0\r\n\r\n",
        "INVITE\r\n\r\n",
        "SIP/2.0 99999999999 Weird\r\n\r\n",
    };
    int i = 0;
    for (const std::string &m : messages)
        c.scenario.addPacket(udp(t + 0.05 * i++, "192.0.2.97", 5060, kPbx, 5060, m));
    verify(c, {"malformed_sip"});
}

void TestBadInput::bogusSdpPorts()
{
    BadCase c;
    addGoodCalls(c);
    const char *ports[] = {"0", "70000", "abc", "-1", "99999999999"};
    int i = 0;
    for (const char *port : ports) {
        Scenario bogus;
        const uint16_t mediaPort = uint16_t(31000 + 10 * i);
        CallSpec spec = call("bogus-sdp-" + std::to_string(i) + "@pbx", phone(240 + i),
                             external("0770090077" + std::to_string(i), mediaPort), 0.3 + 0.2 * i, 600 + uint64_t(i));
        spec.talkMs = 3000;
        bogus.addCall(spec);
        const std::string from = "m=audio " + std::to_string(mediaPort) + " ";
        const std::string to = "m=audio " + std::string(port) + " ";
        for (GenPacket p : bogus.packets()) {
            std::string text(p.payload.begin(), p.payload.end());
            for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
                text.replace(at, from.size(), to);
            // Keep Content-Length right so the port is the only defect.
            const size_t bodyAt = text.find("\r\n\r\n");
            const size_t lengthAt = text.find("Content-Length: ");
            if (bodyAt != std::string::npos && lengthAt != std::string::npos) {
                const size_t lengthEnd = text.find("\r\n", lengthAt);
                text.replace(lengthAt + 16, lengthEnd - lengthAt - 16, std::to_string(text.size() - bodyAt - 4));
            }
            p.payload.assign(text.begin(), text.end());
            c.scenario.addPacket(p);
        }
        ++i;
    }
    verify(c, {"bad_sdp", "malformed_sip", "malformed_packets"});
}

void TestBadInput::rtpRandomPayloadTypes()
{
    BadCase c;
    addGoodCalls(c);
    Rng rng(79);
    std::vector<GenPacket> extra;
    int n = 0;
    for (const GenPacket &p : c.scenario.packets()) {
        const bool rtp = p.payload.size() == 172 && p.src.port >= 30000;
        if (!rtp || ++n % 15)
            continue;
        // A copy of a real packet of the stream with another payload type, or not even RTP version 2.
        GenPacket bad = p;
        bad.ts += 0.001;
        if (n % 2)
            bad.payload[1] = uint8_t((bad.payload[1] & 0x80) | rng.range(20, 127));
        else
            bad.payload[0] = uint8_t(rng.range(0, 1) << 6);
        extra.push_back(bad);
    }
    // A stream nobody signalled, with random payload types and sizes.
    for (int i = 0; i < 200; ++i) {
        std::vector<uint8_t> payload(size_t(rng.range(0, 300)));
        for (uint8_t &b : payload)
            b = uint8_t(rng.next32());
        if (payload.size() >= 2) {
            payload[0] = 0x80;
            payload[1] = uint8_t(rng.range(0, 127));
        }
        extra.push_back({kEpoch + 0.5 + i * 0.02, Endpoint{"192.0.2.66", 42000}, Endpoint{kCarrier, 32000}, payload});
    }
    for (GenPacket &p : extra)
        c.scenario.addPacket(std::move(p));
    // The agent keeps its own counter for RTP it cannot use on a known media endpoint. The injected copies share
    // sequence numbers with real packets, so the truth's packet counts do not apply here.
    verify(c, {"rtp_invalid", "malformed_packets"}, false);
}

void TestBadInput::captureCutMidRecord()
{
    BadCase c;
    addGoodCalls(c);
    // A long call still running when the file ends; the good calls end well before the cut.
    CallSpec longCall = call("long@pbx", phone(250), external("07700900888", 30600), 0.2, 504);
    longCall.talkMs = 40000;
    c.scenario.addCall(longCall);
    c.cutAtFraction = 700; // lands inside a record: records are ~200 bytes against a file of megabytes
    verify(c, {"truncated_captures"});
}

void TestBadInput::missingCaptureFile()
{
    QTemporaryDir dir;
    const QString config = vv::testing::writeConfig(dir.path(), vv::testing::standardConfig(dir.filePath("data")));
    const AgentRun r = vv::testing::runReplay(vv::testing::agentBinary(VIPVAULT_AGENT_BIN), config,
                                              {dir.filePath("no-such-capture.pcap")});
    QVERIFY2(r.finished && r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(!r.standardError.trimmed().isEmpty(), "no message on stderr for a missing capture file");
}

void TestBadInput::badUsage()
{
    QTemporaryDir dir;
    const QString agent = vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
    QFile garbage(dir.filePath("garbage.conf"));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("[agent\nthis is = = not a config\n[vault]\nextensions = 300-200, banana\n");
    garbage.close();
    const struct
    {
        const char *what;
        QStringList args;
    } cases[] = {
        {"no arguments", {}},
        {"unknown command", {"frobnicate"}},
        {"replay without --config", {"replay", dir.filePath("x.pcap")}},
        {"unreadable config", {"replay", "--config", dir.filePath("missing.conf"), dir.filePath("x.pcap")}},
        {"malformed config", {"replay", "--config", garbage.fileName(), dir.filePath("x.pcap")}},
    };
    for (const auto &c : cases) {
        QProcess process;
        process.start(agent, c.args);
        QVERIFY(process.waitForStarted(10000));
        QVERIFY2(process.waitForFinished(30000), c.what);
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 2,
                 qPrintable(QString("%1: exit %2, stderr: %3")
                                .arg(c.what)
                                .arg(process.exitCode())
                                .arg(QString::fromUtf8(process.readAllStandardError()))));
    }
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
