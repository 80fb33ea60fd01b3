#include "peernetwork.h"

#include "peerconfig.h"
#include "speechturns.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>
#include <algorithm>
#include <poll.h>
#include <unistd.h>

namespace vv::e2e {

// The peers both real-peer programs start from.
QList<PeerSpec> basicPeers()
{
    return {
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
}

PeerNetwork::~PeerNetwork()
{
    stop();
}

UserAgent &PeerNetwork::ua(const QString &name)
{
    for (auto &u : m_uas)
        if (u->name == name)
            return *u;
    qFatal("no user agent %s", qPrintable(name));
}

QList<QJsonObject> PeerNetwork::agentLines(const QString &callId) const
{
    QList<QJsonObject> out;
    for (const QJsonObject &c : m_run.calls)
        if (c.value("sip_call_id").toString() == callId)
            out << c;
    return out;
}

QString PeerNetwork::unavailable()
{
    if (::geteuid() != 0)
        return "needs root: the test creates network namespaces, veths and a bridge";
    for (const char *tool : {"ip", "kamailio", "baresip", "espeak-ng", "sox"})
        if (QStandardPaths::findExecutable(tool).isEmpty() &&
            QStandardPaths::findExecutable(tool, {"/usr/sbin", "/sbin"}).isEmpty())
            return QString("%1 not installed (Debian: kamailio baresip-core espeak-ng sox iproute2)").arg(tool);
    for (const char *mod : {"aufile.so", "g711.so", "ctrl_tcp.so", "menu.so", "account.so"})
        if (!QFileInfo::exists(QString("%1/%2").arg(kBaresipModules, mod)))
            return QString("baresip module %1 missing in %2").arg(mod, kBaresipModules);
    if (findKamailioModules().isEmpty())
        return "kamailio modules (tm.so) not found";
    if (runCmd("ip", {"netns", "list"}).exitCode != 0)
        return "`ip netns` does not work here (no network namespace support?)";
    return {};
}

QString PeerNetwork::start(const QList<PeerSpec> &specs, const QString &vaultConfig)
{
    const QString agentBin = vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
    if (!QFileInfo(agentBin).isExecutable())
        return "agent binary not found: " + agentBin;
    const QString kamModules = findKamailioModules();
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
    if (!m_dir->isValid())
        return "no temporary folder";
    const QString dir = m_dir->path();
    QStringList nodes{"pbx=10.77.0.1", "pbx2=10.77.0.2"};
    for (const PeerSpec &s : specs)
        nodes << QString("%1=%2").arg(s.name, s.address);
    const Cmd up = runCmd(REALPEERS_NET_SCRIPT, QStringList{"up", m_prefix} + nodes);
    m_netUp = true;
    if (up.exitCode != 0)
        return "network setup failed: " + up.output;

    const QString kamCfg = QDir(dir).filePath("kamailio.cfg");
    const QString kam2Cfg = QDir(dir).filePath("kamailio-redirect.cfg");
    if (!writeKamailioConfig(kamCfg, kamModules) || !writeRedirectConfig(kam2Cfg, kamModules))
        return "cannot write the kamailio configuration";
    for (const char *run : {"kamrun", "kamrun2"})
        QDir().mkpath(dir + "/" + run);
    m_kamailio = startInNamespace(
        "pbx", "kamailio",
        {"-DD", "-E", "-f", kamCfg, "-Y", dir + "/kamrun", "-w", dir, "-P", dir + "/kamrun/kamailio.pid"},
        dir + "/kamailio.log");
    m_kamailio2 = startInNamespace(
        "pbx2", "kamailio",
        {"-DD", "-E", "-f", kam2Cfg, "-Y", dir + "/kamrun2", "-w", dir, "-P", dir + "/kamrun2/kamailio.pid"},
        dir + "/kamailio2.log");
    if (m_kamailio->state() != QProcess::Running || m_kamailio2->state() != QProcess::Running)
        return "kamailio did not start: " + m_kamailio->errorString();

    for (const PeerSpec &s : specs) {
        auto u = std::make_unique<UserAgent>();
        u->name = s.name;
        u->ns = ns(s.name);
        u->number = s.number;
        u->address = s.address;
        u->autoAnswer = s.autoAnswer;
        QString error;
        const std::vector<int16_t> speech = renderSpeech(dir, s.name, s.voice, s.pitch, s.text, &error);
        if (speech.size() <= size_t(kRate))
            return "speech for " + u->name + ": " + error;
        u->played = composeTurns(speech, s.carrier);
        u->wavPath = QDir(dir).filePath(s.name + ".wav");
        if (!writeWav(u->wavPath, u->played))
            return "cannot write " + u->wavPath;
        const QString conf = QDir(dir).filePath("ua-" + s.name);
        if (!writeBaresipConfig(conf, {s.number, s.address, u->wavPath, s.carrier, s.autoAnswer, s.mediaenc}))
            return "cannot write the baresip configuration of " + s.name;
        u->process = std::make_unique<QProcess>();
        u->process->setProcessChannelMode(QProcess::MergedChannels);
        u->process->setStandardInputFile(QProcess::nullDevice());
        u->process->start("ip", {"netns", "exec", u->ns, "baresip", "-f", conf});
        if (!u->process->waitForStarted(5000))
            return u->name + ": " + u->process->errorString();
        m_uas.push_back(std::move(u));
    }

    // Agent on the bridge, and (optional) tcpdump for a pcap kept on failure or read by a test.
    const QString dataDir = QDir(dir).filePath("data");
    QDir().mkpath(dataDir);
    m_config = vv::testing::writeConfig(dir, QString("[agent]\n"
                                                     "interface = br0\n"
                                                     "sip_ports = 5060\n"
                                                     "data_dir = %1\n"
                                                     "reserve_free = 0\n"
                                                     "[api]\n"
                                                     "listen = off\n")
                                                     .arg(dataDir) +
                                                 vaultConfig);
    if (!QStandardPaths::findExecutable("tcpdump", {"/usr/bin", "/usr/sbin"}).isEmpty()) {
        m_pcap = QDir(dir).filePath("bridge.pcap");
        m_tcpdump =
            startInNamespace("core", "tcpdump", {"-i", "br0", "-U", "-n", "-w", m_pcap, "udp"}, dir + "/tcpdump.log");
    }
    m_agent = std::make_unique<QProcess>();
    m_agent->start("ip", {"netns", "exec", ns("core"), agentBin, "run", "--config", m_config});
    if (!m_agent->waitForStarted(5000))
        return "agent: " + m_agent->errorString();
    m_run.started = true;

    // ctrl_tcp connections, then registrations.
    QElapsedTimer t;
    t.start();
    for (auto &u : m_uas) {
        QString error;
        while ((u->fd = connectInNamespace(u->ns, kCtrlTcpPort, &error)) < 0 && t.elapsed() < 15000)
            QThread::msleep(100);
        if (u->fd < 0)
            return u->name + ": ctrl_tcp not reachable: " + error + "\n" + u->process->readAll();
    }
    for (auto &u : m_uas) {
        if (std::any_of(specs.begin(), specs.end(), [&](const PeerSpec &s) { return s.name == u->name && s.carrier; }))
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
        if (!registered()) {
            // The proxies' own words say why (a bad configuration, a module missing).
            QString logs;
            for (const char *name : {"kamailio.log", "kamailio2.log"}) {
                QFile f(QDir(m_dir->path()).filePath(name));
                if (f.open(QIODevice::ReadOnly))
                    logs += QString(" | %1: ").arg(name) + QString::fromUtf8(f.readAll().right(1500));
            }
            return u->name + " did not register: " + u->responses.mid(0, 2).join(" | ") + logs;
        }
    }
    auto ready = [this] {
        return std::any_of(m_run.events.begin(), m_run.events.end(),
                           [](const QJsonObject &e) { return e.value("event").toString() == "ready"; });
    };
    while (t.elapsed() < 20000 && !ready())
        pumpAll(50);
    if (!ready())
        return "agent not ready; stderr: " + QString::fromUtf8(m_agent->readAllStandardError());
    return {};
}

void PeerNetwork::stop()
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
        m_agent.reset();
    }
    for (auto &u : m_uas)
        stopProcess(u->process, 3000);
    stopProcess(m_kamailio, 5000);
    stopProcess(m_kamailio2, 5000);
    stopProcess(m_tcpdump, 3000);
    if (m_failed || qEnvironmentVariableIsSet("VV_E2E_KEEP_PCAP"))
        keepPcap();
    if (m_netUp) {
        const Cmd down = runCmd(REALPEERS_NET_SCRIPT, {"down", m_prefix}, 30000);
        if (down.exitCode != 0)
            qWarning("namespace teardown: %s", qPrintable(down.output));
        m_netUp = false;
    }
    m_uas.clear();
    m_dir.reset();
}

std::unique_ptr<QProcess> PeerNetwork::startInNamespace(const QString &node, const QString &program,
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

void PeerNetwork::stopProcess(std::unique_ptr<QProcess> &p, int graceMs)
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

void PeerNetwork::pumpAll(int ms)
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

bool PeerNetwork::waitEvent(UserAgent &u, const QString &type, const QString &callId, int timeoutMs, Event *found,
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

void PeerNetwork::readAgent()
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

bool PeerNetwork::waitAgentCalls(const QStringList &ids, int timeoutMs, int linesEach)
{
    QElapsedTimer t;
    t.start();
    for (;;) {
        int seen = 0;
        for (const QString &id : ids)
            seen += agentLines(id).size() >= linesEach ? 1 : 0;
        if (seen == ids.size())
            return true;
        if (t.elapsed() > timeoutMs)
            return false;
        m_agent->waitForReadyRead(50);
        pumpAll(5);
    }
}

void PeerNetwork::keepPcap()
{
    if (m_pcap.isEmpty() || !QFileInfo::exists(m_pcap))
        return;
    const QString kept =
        QString("/tmp/tst_realpeers-%1.pcap").arg(QDateTime::currentDateTimeUtc().toString("yyyyMMddThhmmss"));
    QFile::copy(m_pcap, kept);
    qWarning("capture of the bridge kept for analysis: %s", qPrintable(kept));
}

// Dials `uri` from `from`, waits for the answer (accepting on `manualCallee` after a ring), returns "" or an error.
QString PeerNetwork::dial(UserAgent &from, const QString &uri, double *invited, double *answered, QString *callId,
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
QString PeerNetwork::talk(UserAgent &from, const QString &uri, int talkMs, Expect *e, UserAgent *manualCallee)
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

} // namespace vv::e2e
