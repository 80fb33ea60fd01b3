// Real peers: a small telephone network of real SIP software in network namespaces made by the test, recorded live
// by `vipvault-agent run` on the namespaces' bridge.
//
//   PREFIX-core   bridge br0 (no address); the agent captures here, promiscuous, so it sees every frame
//   PREFIX-pbx    10.77.0.1   kamailio: registrar (usrloc in memory) and record-routing proxy
//   PREFIX-e201   10.77.0.11  baresip, extension 201 (auto answer)
//   PREFIX-e202   10.77.0.12  baresip, extension 202 (manual answer: rings until the test sends /accept)
//   PREFIX-e203   10.77.0.13  baresip, extension 203 (excluded in the vault)
//   PREFIX-cara   10.77.0.50  baresip, carrier for national numbers, calls from 07700900123 (auto answer)
//   PREFIX-carb   10.77.0.51  baresip, carrier for +numbers, calls from +442079460000 (auto answer)
//
// Every baresip uses G.711 and plays its own espeak-ng speech file through the aufile module. The files take turns
// on one shared slot schedule (carriers speak in even slots, extensions in odd slots, like a conversation), so a
// recording's left channel must follow the extension's file and not the carrier's, and the right channel the
// opposite. The namespaces have no route to anything else: no packet leaves them. The test drives each baresip
// through ctrl_tcp on the namespace's loopback (the socket is opened with setns() in the test's thread).
#include "agentharness.h"
#include "peerconfig.h"
#include "peerprocess.h"
#include "recordingcheck.h"
#include "speechturns.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <algorithm>
#include <memory>
#include <poll.h>
#include <unistd.h>

using vv::testing::AgentRun;
using namespace vv::e2e;

class TestRealPeers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void outboundToCarrier();
    void inboundFromCarrier();
    void internalNotRecorded();
    void excludedExtension();
    void cancelledCall();
    void holdAndResume();
    void overlappingCalls();

private:
    QString m_prefix;
    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_netUp = false;
    std::unique_ptr<QProcess> m_kamailio;
    std::unique_ptr<QProcess> m_agent;
    std::unique_ptr<QProcess> m_tcpdump;
    QString m_pcap;
    std::vector<std::unique_ptr<UserAgent>> m_uas;
    AgentRun m_run;
    QByteArray m_pending;
    bool m_failed = false;

    UserAgent &ua(const QString &name)
    {
        for (auto &u : m_uas)
            if (u->name == name)
                return *u;
        qFatal("no user agent %s", qPrintable(name));
    }
    QString ns(const QString &node) const { return m_prefix + "-" + node; }
    std::unique_ptr<QProcess> startInNamespace(const QString &node, const QString &program, const QStringList &args,
                                               const QString &logPath = {});
    void stopProcess(std::unique_ptr<QProcess> &p, int graceMs);
    void pumpAll(int ms);
    bool waitEvent(UserAgent &u, const QString &type, const QString &callId, int timeoutMs, Event *found,
                   int fromIndex = 0);
    void readAgent();
    bool waitAgentCalls(const QStringList &ids, int timeoutMs);
    QString dial(UserAgent &from, const QString &uri, double *invited, double *answered, QString *callId,
                 UserAgent *manualCallee = nullptr);
    QString talk(UserAgent &from, const QString &uri, int talkMs, Expect *e, UserAgent *manualCallee = nullptr);
    QString checkRecording(const Expect &e) const { return vv::e2e::checkRecording(e, m_run.calls); }
    void keepPcapOnFailure();
};

std::unique_ptr<QProcess> TestRealPeers::startInNamespace(const QString &node, const QString &program,
                                                          const QStringList &args, const QString &logPath)
{
    auto p = std::make_unique<QProcess>();
    if (!logPath.isEmpty()) {
        p->setStandardOutputFile(logPath);
        p->setStandardErrorFile(logPath, QIODevice::Append);
    }
    p->setStandardInputFile(QProcess::nullDevice());
    // `ip netns exec` execs the program: the PID QProcess knows is the program's own.
    p->start("ip", QStringList{"netns", "exec", ns(node), program} + args);
    p->waitForStarted(5000);
    return p;
}

void TestRealPeers::stopProcess(std::unique_ptr<QProcess> &p, int graceMs)
{
    if (!p)
        return;
    if (p->state() != QProcess::NotRunning) {
        p->terminate(); // SIGTERM to this PID only
        if (!p->waitForFinished(graceMs)) {
            p->kill();
            p->waitForFinished(3000);
        }
    }
}

void TestRealPeers::pumpAll(int ms)
{
    QElapsedTimer t;
    t.start();
    do {
        std::vector<pollfd> fds;
        for (auto &u : m_uas)
            if (u->fd >= 0)
                fds.push_back({u->fd, POLLIN, 0});
        ::poll(fds.data(), nfds_t(fds.size()), std::clamp(int(ms - t.elapsed()), 0, 10));
        for (auto &u : m_uas)
            u->readAvailable();
        readAgent();
    } while (t.elapsed() < ms);
}

bool TestRealPeers::waitEvent(UserAgent &u, const QString &type, const QString &callId, int timeoutMs, Event *found,
                              int fromIndex)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        for (int i = fromIndex; i < u.events.size(); ++i) {
            const Event &e = u.events[i];
            if (e.type() == type && (callId.isEmpty() || e.callId() == callId)) {
                if (found)
                    *found = e;
                return true;
            }
        }
        if (t.elapsed() > timeoutMs)
            return false;
        pumpAll(5);
    }
}

void TestRealPeers::readAgent()
{
    if (!m_agent)
        return;
    m_agent->waitForReadyRead(0);
    m_pending += m_agent->readAllStandardOutput();
    const int end = m_pending.lastIndexOf('\n');
    if (end < 0)
        return;
    vv::testing::parseAgentOutput(m_pending.left(end + 1), m_run);
    m_pending.remove(0, end + 1);
}

bool TestRealPeers::waitAgentCalls(const QStringList &ids, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        int seen = 0;
        for (const QString &id : ids)
            for (const QJsonObject &c : m_run.calls)
                if (c.value("sip_call_id").toString() == id) {
                    ++seen;
                    break;
                }
        if (seen == ids.size())
            return true;
        if (t.elapsed() > timeoutMs)
            return false;
        m_agent->waitForReadyRead(50);
        pumpAll(5);
    }
}

void TestRealPeers::keepPcapOnFailure()
{
    if (m_pcap.isEmpty() || !QFileInfo::exists(m_pcap))
        return;
    const QString kept =
        QString("/tmp/tst_realpeers-%1.pcap").arg(QDateTime::currentDateTimeUtc().toString("yyyyMMddThhmmss"));
    QFile::copy(m_pcap, kept);
    qWarning("capture of the bridge kept for analysis: %s", qPrintable(kept));
}

void TestRealPeers::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("needs root: the test creates network namespaces, veths and a bridge");
    const QString agentBin = vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
    QVERIFY2(QFileInfo(agentBin).isExecutable(), qPrintable("agent binary not found: " + agentBin));
    for (const char *tool : {"ip", "kamailio", "baresip", "espeak-ng", "sox"})
        if (QStandardPaths::findExecutable(tool).isEmpty() &&
            QStandardPaths::findExecutable(tool, {"/usr/sbin", "/sbin"}).isEmpty())
            QSKIP(qPrintable(
                QString("%1 not installed (Debian: kamailio baresip-core espeak-ng sox iproute2)").arg(tool)));
    for (const char *mod : {"aufile.so", "g711.so", "ctrl_tcp.so", "menu.so", "account.so"})
        if (!QFileInfo::exists(QString("%1/%2").arg(kBaresipModules, mod)))
            QSKIP(qPrintable(QString("baresip module %1 missing in %2").arg(mod, kBaresipModules)));
    const QString kamModules = findKamailioModules();
    if (kamModules.isEmpty())
        QSKIP("kamailio modules (tm.so) not found");
    if (runCmd("ip", {"netns", "list"}).exitCode != 0)
        QSKIP("`ip netns` does not work here (no network namespace support?)");

    // Namespaces (and the processes in them) left by an earlier run that was killed are removed first.
    for (const QString &line : runCmd("ip", {"netns", "list"}).output.split('\n')) {
        const auto m = QRegularExpression("^vvrp(\\d+)-").match(line);
        // Gone, or a zombie (empty cmdline) because nobody reaped the killed test.
        QFile cmdline(QString("/proc/%1/cmdline").arg(m.hasMatch() ? m.captured(1) : "0"));
        if (m.hasMatch() && (!cmdline.open(QIODevice::ReadOnly) || cmdline.readAll().isEmpty()))
            runCmd(REALPEERS_NET_SCRIPT, {"down", "vvrp" + m.captured(1)});
    }

    m_prefix = QString("vvrp%1").arg(::getpid());
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString dir = m_dir->path();

    struct Spec
    {
        const char *name, *number, *address, *voice;
        int pitch;
        bool carrier, autoAnswer;
        const char *text;
    };
    const Spec specs[] = {
        {"e201", "201", "10.77.0.11", "en-us", 40, false, true,
         "Good morning, this is accounts at the Acme office. I am calling about the invoice we received last week, "
         "the total looks higher than the quote. Could you check the line items for the installation work?"},
        {"e202", "202", "10.77.0.12", "en-gb", 60, false, false,
         "Hello, Acme support desk speaking. The engineer will visit on Thursday afternoon between two and four. "
         "Please make sure somebody can let him into the server room and has the alarm code ready."},
        {"e203", "203", "10.77.0.13", "en-us", 50, false, true,
         "This is the managing director. Please put the quarterly figures on my desk before the board meeting."},
        {"cara", "07700900123", "10.77.0.50", "en+f3", 70, true, true,
         "Hi there, thanks for calling back. I have the order in front of me now and the parcel left our depot "
         "yesterday evening. Tracking says it should arrive tomorrow morning before noon."},
        {"carb", "+442079460000", "10.77.0.51", "en+m3", 30, true, true,
         "Good afternoon, you are through to the bank's business team. For security I need to confirm a few "
         "details, starting with the name of the company and the postcode of the registered office."},
    };

    QStringList nodes{"pbx=10.77.0.1"};
    for (const Spec &s : specs)
        nodes << QString("%1=%2").arg(s.name, s.address);
    const Cmd up = runCmd(REALPEERS_NET_SCRIPT, QStringList{"up", m_prefix} + nodes);
    m_netUp = true;
    QVERIFY2(up.exitCode == 0, qPrintable("network setup failed: " + up.output));

    const QString kamCfg = QDir(dir).filePath("kamailio.cfg");
    QVERIFY(writeKamailioConfig(kamCfg, kamModules));
    QDir().mkpath(dir + "/kamrun");
    m_kamailio = startInNamespace(
        "pbx", "kamailio",
        {"-DD", "-E", "-f", kamCfg, "-Y", dir + "/kamrun", "-w", dir, "-P", dir + "/kamrun/kamailio.pid"},
        dir + "/kamailio.log");
    QVERIFY2(m_kamailio->state() == QProcess::Running, qPrintable(m_kamailio->errorString()));

    // Speech files.
    const std::vector<size_t> bounds = slotSchedule();
    for (const Spec &s : specs) {
        auto u = std::make_unique<UserAgent>();
        u->name = s.name;
        u->ns = ns(s.name);
        u->number = s.number;
        u->address = s.address;
        u->autoAnswer = s.autoAnswer;
        QString error;
        const std::vector<int16_t> speech = renderSpeech(dir, s.name, s.voice, s.pitch, s.text, &error);
        QVERIFY2(speech.size() > size_t(kRate), qPrintable("speech for " + u->name + ": " + error));
        u->played = composeTurns(speech, s.carrier);
        u->wavPath = QDir(dir).filePath(QString(s.name) + ".wav");
        QVERIFY(writeWav(u->wavPath, u->played));

        const QString conf = QDir(dir).filePath(QString("ua-") + s.name);
        QVERIFY(writeBaresipConfig(conf, {s.number, s.address, u->wavPath, s.carrier, s.autoAnswer}));
        u->process = std::make_unique<QProcess>();
        u->process->setProcessChannelMode(QProcess::MergedChannels);
        u->process->setStandardInputFile(QProcess::nullDevice());
        u->process->start("ip", {"netns", "exec", u->ns, "baresip", "-f", conf});
        QVERIFY2(u->process->waitForStarted(5000), qPrintable(u->process->errorString()));
        m_uas.push_back(std::move(u));
    }

    // Agent on the bridge, and (optional) tcpdump for a pcap kept on failure.
    const QString dataDir = QDir(dir).filePath("data");
    QDir().mkpath(dataDir);
    const QString config = vv::testing::writeConfig(dir, QString("[agent]\n"
                                                                 "interface = br0\n"
                                                                 "sip_ports = 5060\n"
                                                                 "data_dir = %1\n"
                                                                 "reserve_free = 0\n"
                                                                 "[api]\n"
                                                                 "listen = off\n"
                                                                 "[vault acme]\n"
                                                                 "enabled = yes\n"
                                                                 "extensions = 200-299\n"
                                                                 "excluded = 203\n")
                                                             .arg(dataDir));
    if (!QStandardPaths::findExecutable("tcpdump", {"/usr/bin", "/usr/sbin"}).isEmpty()) {
        m_pcap = QDir(dir).filePath("bridge.pcap");
        m_tcpdump =
            startInNamespace("core", "tcpdump", {"-i", "br0", "-U", "-n", "-w", m_pcap, "udp"}, dir + "/tcpdump.log");
    }
    m_agent = std::make_unique<QProcess>();
    m_agent->start("ip", {"netns", "exec", ns("core"), agentBin, "run", "--config", config});
    QVERIFY2(m_agent->waitForStarted(5000), qPrintable(m_agent->errorString()));
    m_run.started = true;

    // ctrl_tcp connections, then registrations.
    QElapsedTimer t;
    t.start();
    for (auto &u : m_uas) {
        QString error;
        while ((u->fd = connectInNamespace(u->ns, kCtrlTcpPort, &error)) < 0 && t.elapsed() < 15000)
            QThread::msleep(100);
        QVERIFY2(u->fd >= 0, qPrintable(u->name + ": ctrl_tcp not reachable: " + error + "\n" + u->process->readAll()));
    }
    for (auto &u : m_uas) {
        if (u->name.startsWith("car"))
            continue;
        // reginfo lists the account with the registrar's last answer ("200 OK" once registered).
        auto registered = [&] {
            return !u->responses.isEmpty() &&
                   u->responses.last().contains(QRegularExpression("OK\\S* +\\S* *kamailio"));
        };
        while (!registered() && t.elapsed() < 20000) {
            u->send("reginfo");
            pumpAll(200);
        }
        QVERIFY2(registered(), qPrintable(u->name + " did not register: " + u->responses.join(" | ")));
    }
    while (t.elapsed() < 20000 && !std::any_of(m_run.events.begin(), m_run.events.end(), [](const QJsonObject &e) {
               return e.value("event").toString() == "ready";
           }))
        pumpAll(50);
    QVERIFY2(std::any_of(m_run.events.begin(), m_run.events.end(),
                         [](const QJsonObject &e) { return e.value("event").toString() == "ready"; }),
             qPrintable("agent not ready; stderr: " + QString::fromUtf8(m_agent->readAllStandardError())));
}

void TestRealPeers::cleanup()
{
    if (QTest::currentTestFailed())
        m_failed = true;
    // Whatever a failed step left ringing or connected is hung up before the next call.
    for (auto &u : m_uas)
        u->send("hangup");
    pumpAll(300);
}

void TestRealPeers::cleanupTestCase()
{
    for (auto &u : m_uas)
        if (u->fd >= 0) {
            u->send("hangup");
            ::close(u->fd);
            u->fd = -1;
        }
    if (m_agent) {
        // SIGTERM: the agent finishes calls in progress and must exit 0.
        m_agent->terminate();
        const bool finished = m_agent->waitForFinished(15000);
        if (!finished) {
            m_agent->kill();
            m_agent->waitForFinished(3000);
        }
        readAgent();
        const QString err = QString::fromUtf8(m_agent->readAllStandardError());
        if (!finished || m_agent->exitStatus() != QProcess::NormalExit || m_agent->exitCode() != 0) {
            qWarning("agent did not exit cleanly on SIGTERM; stderr tail: %s", qPrintable(err.right(2000)));
            m_failed = true;
        }
    }
    for (auto &u : m_uas)
        stopProcess(u->process, 3000);
    stopProcess(m_kamailio, 5000);
    stopProcess(m_tcpdump, 3000);
    if (m_failed || qEnvironmentVariableIsSet("VV_E2E_KEEP_PCAP"))
        keepPcapOnFailure();
    if (m_netUp) {
        const Cmd down = runCmd(REALPEERS_NET_SCRIPT, {"down", m_prefix}, 30000);
        if (down.exitCode != 0)
            qWarning("namespace teardown: %s", qPrintable(down.output));
    }
    m_uas.clear();
    m_dir.reset();
}

// Dials `uri` from `from`, waits for the answer (accepting on `manualCallee` after a ring), returns "" or an error.
QString TestRealPeers::dial(UserAgent &from, const QString &uri, double *invited, double *answered, QString *callId,
                            UserAgent *manualCallee)
{
    const int mark = from.events.size();
    const int calleeMark = manualCallee ? manualCallee->events.size() : 0;
    *invited = now();
    from.send("dial", uri);
    Event ringing;
    if (manualCallee) {
        Event incoming;
        if (!waitEvent(*manualCallee, "CALL_INCOMING", {}, 5000, &incoming, calleeMark))
            return manualCallee->name + ": no CALL_INCOMING";
        pumpAll(800); // let it ring
        manualCallee->send("accept");
    }
    Event est;
    if (!waitEvent(from, "CALL_ESTABLISHED", {}, 8000, &est, mark))
        return from.name + ": no CALL_ESTABLISHED for " + uri + "; log tail: " + QString::fromUtf8(from.log.right(600));
    *answered = est.at;
    *callId = est.callId();
    return {};
}

// Dials, talks for talkMs, hangs up from the caller and waits for the agent's line: "" or what went wrong.
QString TestRealPeers::talk(UserAgent &from, const QString &uri, int talkMs, Expect *e, UserAgent *manualCallee)
{
    const QString err = dial(from, uri, &e->invited, &e->answered, &e->callId, manualCallee);
    if (!err.isEmpty())
        return err;
    pumpAll(talkMs);
    e->ended = now();
    from.send("hangup");
    if (!waitEvent(from, "CALL_CLOSED", e->callId, 5000, nullptr))
        return from.name + ": no CALL_CLOSED after hanging up";
    if (!waitAgentCalls({e->callId}, 15000))
        return "the agent printed no line for " + e->label;
    return {};
}

void TestRealPeers::outboundToCarrier()
{
    Expect e;
    e.label = "outbound 201 -> 07700900123";
    const QString err = talk(ua("e201"), "sip:07700900123@10.77.0.1", 6000, &e);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    e.direction = "outbound";
    e.extension = "201";
    e.caller = "201";
    e.callee = "07700900123";
    e.extensionUa = &ua("e201");
    e.farUa = &ua("cara");
    const QString problems = checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::inboundFromCarrier()
{
    Expect e;
    e.label = "inbound 07700900123 -> 202";
    const QString err = talk(ua("cara"), "sip:202@10.77.0.1", 6000, &e, &ua("e202"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    e.direction = "inbound";
    e.extension = "202";
    e.caller = "07700900123";
    e.callee = "202";
    e.extensionUa = &ua("e202");
    e.farUa = &ua("cara");
    const QString problems = checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::internalNotRecorded()
{
    Expect e;
    e.label = "internal 201 -> 202";
    const QString err = talk(ua("e201"), "sip:202@10.77.0.1", 3000, &e, &ua("e202"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    e.recorded = false;
    e.reason = "internal";
    e.direction = "internal";
    e.extension = QString(); // null QString: which extension is reported is left open for internal calls
    const QString problems = checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::excludedExtension()
{
    Expect e;
    e.label = "excluded 203 -> +442079460000";
    const QString err = talk(ua("e203"), "sip:+442079460000@10.77.0.1", 3000, &e);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    e.recorded = false;
    e.reason = "excluded extension 203";
    e.direction = "outbound";
    e.extension = "203";
    e.callee = "+442079460000";
    const QString problems = checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::cancelledCall()
{
    Expect e;
    e.label = "cancelled +442079460000 -> 202";
    UserAgent &car = ua("carb");
    UserAgent &ext = ua("e202"); // manual answer: it rings and nobody picks up
    const int mark = car.events.size();
    const int extMark = ext.events.size();
    e.invited = now();
    car.send("dial", "sip:202@10.77.0.1");
    Event ringing;
    QVERIFY2(waitEvent(car, "CALL_RINGING", {}, 5000, &ringing, mark), "no 180 Ringing at the carrier");
    QVERIFY(waitEvent(ext, "CALL_INCOMING", {}, 5000, nullptr, extMark));
    e.callId = ringing.callId();
    pumpAll(2000);
    car.send("hangup"); // CANCEL
    QVERIFY(waitEvent(car, "CALL_CLOSED", e.callId, 5000, nullptr));
    QVERIFY(waitEvent(ext, "CALL_CLOSED", e.callId, 5000, nullptr, extMark));
    QVERIFY2(waitAgentCalls({e.callId}, 15000), "the agent printed no line for the call");
    e.recorded = false;
    e.reason = "cancelled";
    e.direction = "inbound";
    e.extension = "202";
    e.caller = "+442079460000";
    const QString problems = checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::holdAndResume()
{
    Expect e;
    e.label = "hold/resume 201 -> +442079460000";
    UserAgent &ext = ua("e201");
    const QString err = dial(ext, "sip:+442079460000@10.77.0.1", &e.invited, &e.answered, &e.callId);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    pumpAll(3000);
    e.holdFrom = now() - e.answered;
    ext.send("hold"); // re-INVITE a=sendonly
    pumpAll(3000);
    e.holdTo = now() - e.answered;
    ext.send("resume"); // re-INVITE a=sendrecv
    pumpAll(3000);
    e.ended = now();
    ext.send("hangup");
    QVERIFY(waitEvent(ext, "CALL_CLOSED", e.callId, 5000, nullptr));
    QVERIFY2(waitAgentCalls({e.callId}, 15000), "the agent printed no line for the call");
    e.direction = "outbound";
    e.extension = "201";
    e.callee = "+442079460000";
    e.extensionUa = &ext;
    e.farUa = &ua("carb");
    const QString problems = checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::overlappingCalls()
{
    Expect a, b;
    a.label = "overlap A 201 -> 07700900123";
    b.label = "overlap B +442079460000 -> 202";
    UserAgent &e201 = ua("e201");
    UserAgent &e202 = ua("e202");
    UserAgent &carb = ua("carb");
    QString err = dial(e201, "sip:07700900123@10.77.0.1", &a.invited, &a.answered, &a.callId);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    pumpAll(1500);
    err = dial(carb, "sip:202@10.77.0.1", &b.invited, &b.answered, &b.callId, &e202);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    pumpAll(3000);
    a.ended = now();
    e201.send("hangup");
    pumpAll(2500);
    b.ended = now();
    e202.send("hangup"); // the extension hangs up this time
    QVERIFY(waitEvent(e201, "CALL_CLOSED", a.callId, 5000, nullptr));
    QVERIFY(waitEvent(carb, "CALL_CLOSED", b.callId, 5000, nullptr));
    QVERIFY2(waitAgentCalls({a.callId, b.callId}, 15000), "the agent printed no line for a call");
    a.direction = "outbound";
    a.extension = "201";
    a.callee = "07700900123";
    a.extensionUa = &e201;
    a.farUa = &ua("cara");
    b.direction = "inbound";
    b.extension = "202";
    b.caller = "+442079460000";
    b.extensionUa = &e202;
    b.farUa = &carb;
    const QString problems = (checkRecording(a) + "\n" + checkRecording(b)).trimmed();
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

QTEST_GUILESS_MAIN(TestRealPeers)
#include "tst_realpeers.moc"
