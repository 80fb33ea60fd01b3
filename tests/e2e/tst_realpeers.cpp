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
#include "speech.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <arpa/inet.h>
#include <cerrno>
#include <cmath>
#include <fcntl.h>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

using vv::testing::AgentRun;

namespace {

constexpr int kRate = 8000;
constexpr int kWindowMs = 20;
// Real stacks: baresip reports events over TCP a few ms after the packet, the agent timestamps packets in the kernel,
// and the test's poll loop wakes every 10 ms; 150 ms covers all of it with a wide margin on a shared 2-core box.
constexpr double kTimeToleranceS = 0.150;
// baresip's aufile source starts when the call's audio starts (caller: on 200 OK, callee: on answering) and its
// ausrc thread and jitter buffer add tens of ms; search ±200 ms for the best alignment and report the lag.
constexpr int kMaxLagWindows = 10;
constexpr double kMinOwnCorrelation = 0.75;
constexpr double kMaxCrossCorrelation = 0.3;
constexpr double kPlaySeconds = 60.0;

double now()
{
    return QDateTime::currentMSecsSinceEpoch() / 1000.0;
}

struct Cmd
{
    int exitCode = -1;
    QString output;
};

Cmd runCmd(const QString &program, const QStringList &args, int timeoutMs = 20000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Cmd c;
    if (!p.waitForStarted(5000)) {
        c.output = p.errorString();
        return c;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        c.output = "timed out";
        return c;
    }
    c.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    c.output = QString::fromUtf8(p.readAll());
    return c;
}

// A TCP connection to 127.0.0.1:port inside network namespace `ns`: the socket belongs to the namespace it was
// created in, so the thread enters the namespace for socket() and returns at once.
int connectInNamespace(const QString &ns, quint16 port, QString *error)
{
    const int self = ::open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    const int target = ::open(QFile::encodeName("/run/netns/" + ns).constData(), O_RDONLY | O_CLOEXEC);
    if (self < 0 || target < 0) {
        *error = "cannot open namespace files: " + QString::fromLocal8Bit(strerror(errno));
        if (self >= 0)
            ::close(self);
        if (target >= 0)
            ::close(target);
        return -1;
    }
    int fd = -1;
    if (::setns(target, CLONE_NEWNET) == 0) {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ::setns(self, CLONE_NEWNET);
    } else {
        *error = "setns: " + QString::fromLocal8Bit(strerror(errno));
    }
    ::close(self);
    ::close(target);
    if (fd < 0)
        return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        *error = "connect: " + QString::fromLocal8Bit(strerror(errno));
        ::close(fd);
        return -1;
    }
    return fd;
}

struct Event
{
    double at = 0; // wall clock when the test read it
    QJsonObject json;
    QString type() const { return json.value("type").toString(); }
    QString callId() const { return json.value("id").toString(); }
};

// One baresip user agent in its namespace, driven over ctrl_tcp (netstring-framed JSON).
struct Agent;
struct UserAgent
{
    QString name, ns, number, address;
    bool autoAnswer = true;
    QString wavPath;
    std::vector<int16_t> played; // the aufile source, 8 kHz mono
    std::unique_ptr<QProcess> process;
    int fd = -1;
    QByteArray in;
    QList<Event> events;
    QStringList responses;
    QByteArray log;

    void send(const QString &command, const QString &params = {})
    {
        const QByteArray body = QJsonDocument(QJsonObject{{"command", command}, {"params", params}, {"token", name}})
                                    .toJson(QJsonDocument::Compact);
        const QByteArray frame = QByteArray::number(body.size()) + ":" + body + ",";
        if (fd >= 0)
            (void)!::write(fd, frame.constData(), size_t(frame.size()));
    }

    void readAvailable()
    {
        if (process && process->waitForReadyRead(0))
            log += process->readAll();
        if (fd < 0)
            return;
        char buf[8192];
        for (;;) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 0) <= 0)
                break;
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0) {
                ::close(fd);
                fd = -1;
                break;
            }
            in.append(buf, int(n));
        }
        const double t = now();
        for (;;) {
            const int colon = in.indexOf(':');
            if (colon < 0)
                break;
            bool ok = false;
            const int len = in.left(colon).toInt(&ok);
            if (!ok) {
                in.clear();
                break;
            }
            if (in.size() < colon + 1 + len + 1)
                break;
            const QJsonObject obj = QJsonDocument::fromJson(in.mid(colon + 1, len)).object();
            in.remove(0, colon + 1 + len + 1);
            if (obj.value("event").toBool())
                events << Event{t, obj};
            else if (obj.value("response").toBool())
                responses << obj.value("data").toString();
        }
    }
};

// Speech for one party: espeak-ng's rendering of a text in a voice, cut into the party's talk slots of the
// shared schedule, silence elsewhere.
std::vector<int16_t> renderSpeech(const QString &dir, const QString &name, const QString &voice, int pitch,
                                  const QString &text, QString *error)
{
    const QString wav = QDir(dir).filePath(name + "-espeak.wav");
    const QString raw = QDir(dir).filePath(name + "-espeak.raw");
    Cmd c = runCmd("espeak-ng", {"-v", voice, "-p", QString::number(pitch), "-s", "165", "-w", wav, text});
    if (c.exitCode != 0) {
        *error = "espeak-ng: " + c.output;
        return {};
    }
    c = runCmd("sox", {wav, "-t", "raw", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", raw});
    if (c.exitCode != 0) {
        *error = "sox: " + c.output;
        return {};
    }
    QFile f(raw);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = "cannot read " + raw;
        return {};
    }
    const QByteArray bytes = f.readAll();
    std::vector<int16_t> samples(size_t(bytes.size() / 2));
    if (!samples.empty())
        memcpy(samples.data(), bytes.constData(), samples.size() * 2);
    // Drop leading and trailing silence so every slot starts with speech.
    size_t first = 0, last = samples.size();
    while (first < last && std::abs(samples[first]) < 300)
        ++first;
    while (last > first && std::abs(samples[last - 1]) < 300)
        --last;
    return std::vector<int16_t>(samples.begin() + long(first), samples.begin() + long(last));
}

// Slot boundaries in samples: 0.6–1.4 s slots from a fixed LCG, covering kPlaySeconds.
std::vector<size_t> slotSchedule()
{
    std::vector<size_t> bounds{0};
    uint32_t state = 12345;
    while (bounds.back() < size_t(kPlaySeconds * kRate)) {
        state = state * 1664525u + 1013904223u;
        const double len = 0.6 + 0.8 * ((state >> 8) % 1000) / 1000.0;
        bounds.push_back(bounds.back() + size_t(len * kRate));
    }
    return bounds;
}

std::vector<int16_t> composeTurns(const std::vector<int16_t> &speech, bool evenSlots)
{
    const std::vector<size_t> bounds = slotSchedule();
    std::vector<int16_t> out(bounds.back(), 0);
    size_t cursor = 0;
    const size_t gap = kRate / 8; // 125 ms of silence at the end of a turn
    const size_t fade = kRate / 100;
    for (size_t i = 0; i + 1 < bounds.size(); ++i) {
        if ((i % 2 == 0) != evenSlots)
            continue;
        const size_t len = bounds[i + 1] - bounds[i] - gap;
        for (size_t k = 0; k < len; ++k) {
            double gain = 1.0;
            if (k < fade)
                gain = double(k) / fade;
            else if (len - k < fade)
                gain = double(len - k) / fade;
            out[bounds[i] + k] = int16_t(speech[(cursor + k) % speech.size()] * gain);
        }
        cursor = (cursor + len) % speech.size();
    }
    return out;
}

bool writeWav(const QString &path, const std::vector<int16_t> &samples)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    auto u32 = [&](uint32_t v) { f.write(reinterpret_cast<const char *>(&v), 4); };
    auto u16 = [&](uint16_t v) { f.write(reinterpret_cast<const char *>(&v), 2); };
    const uint32_t dataBytes = uint32_t(samples.size() * 2);
    f.write("RIFF");
    u32(36 + dataBytes);
    f.write("WAVEfmt ");
    u32(16);
    u16(1);
    u16(1);
    u32(kRate);
    u32(kRate * 2);
    u16(2);
    u16(16);
    f.write("data");
    u32(dataBytes);
    f.write(reinterpret_cast<const char *>(samples.data()), qint64(dataBytes));
    return true;
}

QString findKamailioModules()
{
    for (const QString &dir :
         {QStringLiteral("/usr/lib/x86_64-linux-gnu/kamailio/modules"),
          QStringLiteral("/usr/lib/aarch64-linux-gnu/kamailio/modules"), QStringLiteral("/usr/lib/kamailio/modules"),
          QStringLiteral("/usr/lib64/kamailio/modules")})
        if (QFileInfo::exists(dir + "/tm.so"))
            return dir;
    return {};
}

const char *kBaresipModules = "/usr/lib/baresip/modules";

// What one finished call should look like, and the wall-clock truth the test observed.
struct Expect
{
    QString label;
    QString callId;
    bool recorded = true;
    QString reason = "recorded";
    QString direction;
    QString extension;
    QString caller, callee;
    double invited = 0;  // wall clock just before /dial
    double answered = 0; // caller saw CALL_ESTABLISHED (0 = not answered)
    double ended = 0;    // wall clock just before /hangup
    const UserAgent *extensionUa = nullptr;
    const UserAgent *farUa = nullptr;
    // Hold: [holdFrom, holdTo) seconds after answer (0,0 = no hold).
    double holdFrom = 0, holdTo = 0;
};

} // namespace

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
    QString checkRecording(const Expect &e);
    QString dial(UserAgent &from, const QString &uri, double *invited, double *answered, QString *callId,
                 UserAgent *manualCallee = nullptr);
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

    // kamailio: REGISTER saves to memory; INVITE to 2xx goes to the registered contact, +numbers to carrier B,
    // other numbers to carrier A. record_route() keeps the proxy in the dialog (BYE, re-INVITE pass through it).
    const QString kamCfg = QDir(dir).filePath("kamailio.cfg");
    {
        QFile f(kamCfg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QString(R"(#!KAMAILIO
debug=2
log_stderror=yes
children=2
disable_tcp=yes
disable_sctp=yes
auto_aliases=no
listen=udp:10.77.0.1:5060
alias="10.77.0.1"
mpath="%1/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
modparam("usrloc", "db_mode", 0)
request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (has_totag()) {
        if (loose_route()) { t_relay(); exit; }
        if (is_method("ACK")) { if (t_check_trans()) t_relay(); exit; }
        sl_send_reply("404", "Not here"); exit;
    }
    if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
    t_check_trans();
    if (is_method("REGISTER")) { save("location"); exit; }
    if (!is_method("INVITE")) { sl_send_reply("405", "Method Not Allowed"); exit; }
    record_route();
    if ($rU =~ "^2[0-9][0-9]$") {
        if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
        t_relay(); exit;
    }
    if ($rU =~ "^\+") { $du = "sip:10.77.0.51:5060"; } else { $du = "sip:10.77.0.50:5060"; }
    t_relay();
}
)")
                    .arg(kamModules)
                    .toUtf8());
    }
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
        QDir().mkpath(conf);
        QFile c(conf + "/config");
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(QString("poll_method epoll\n"
                        "sip_listen %1:5060\n"
                        "call_local_timeout 120\n"
                        "call_max_calls 4\n"
                        "audio_player aufile,/dev/null\n"
                        "audio_alert aufile,/dev/null\n"
                        "audio_source aufile,%2\n"
                        "ausrc_format s16\nauplay_format s16\n"
                        "audio_buffer 20-160\n"
                        "jitter_buffer_delay 1-5\n"
                        "rtp_ports 40000-40999\n"
                        "module_path %3\n"
                        "module g711.so\nmodule aufile.so\nmodule ctrl_tcp.so\n"
                        "module_tmp account.so\nmodule_app menu.so\n"
                        "ctrl_tcp_listen 127.0.0.1:4444\n")
                    .arg(s.address, u->wavPath, kBaresipModules)
                    .toUtf8());
        c.close();
        QFile a(conf + "/accounts");
        QVERIFY(a.open(QIODevice::WriteOnly));
        // Extensions register with kamailio; carriers are trunks that register nowhere.
        a.write(QString("<sip:%1@%2>;regint=%3;answermode=%4;audio_codecs=PCMU,PCMA\n")
                    .arg(s.number, s.carrier ? s.address : "10.77.0.1", s.carrier ? "0" : "3600",
                         s.autoAnswer ? "auto" : "manual")
                    .toUtf8());
        a.close();
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
        while ((u->fd = connectInNamespace(u->ns, 4444, &error)) < 0 && t.elapsed() < 15000)
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

QString TestRealPeers::checkRecording(const Expect &e)
{
    QList<QJsonObject> lines;
    for (const QJsonObject &c : m_run.calls)
        if (c.value("sip_call_id").toString() == e.callId)
            lines << c;
    if (lines.size() != 1)
        return QString("%1 (%2): expected one agent line, got %3").arg(e.label, e.callId).arg(lines.size());
    const QJsonObject call = lines.first();
    const QString compact = QString::fromUtf8(QJsonDocument(call).toJson(QJsonDocument::Compact));
    QStringList errors;
    auto expectString = [&](const char *key, const QString &want) {
        const QJsonValue v = call.value(key);
        if (want.isEmpty() ? !v.isNull() : v.toString() != want)
            errors << QString("%1: expected %2, got %3")
                          .arg(key, want.isEmpty() ? "null" : want, v.isNull() ? "null" : v.toVariant().toString());
    };
    if (!call.value("recorded").isBool() || call.value("recorded").toBool() != e.recorded)
        errors << QString("recorded: expected %1").arg(e.recorded);
    expectString("reason", e.reason);
    expectString("direction", e.direction);
    if (!e.extension.isNull()) {
        expectString("extension", e.extension);
        expectString("vault", e.extension.isEmpty() ? QString() : "acme");
    }
    if (!e.caller.isEmpty())
        expectString("caller", e.caller);
    if (!e.callee.isEmpty())
        expectString("callee", e.callee);
    auto expectTime = [&](const char *key, double want) {
        const double got = vv::testing::parseTimestamp(call.value(key));
        if (std::isnan(got) || std::abs(got - want) > kTimeToleranceS)
            errors << QString("%1: %2 is %3 ms from the test's observation (tolerance %4 ms)")
                          .arg(key, call.value(key).toString())
                          .arg(std::isnan(got) ? qQNaN() : (got - want) * 1000, 0, 'f', 0)
                          .arg(kTimeToleranceS * 1000);
    };
    expectTime("started_at", e.invited);
    if (e.answered > 0) {
        expectTime("answered_at", e.answered);
        expectTime("ended_at", e.ended);
    } else if (!call.value("answered_at").isNull()) {
        errors << "answered_at: expected null";
    }
    if (e.recorded) {
        const double want = (e.ended - e.answered) * 1000;
        const double got = call.value("duration_ms").toDouble(-1e9);
        if (std::abs(got - want) > kTimeToleranceS * 1000)
            errors << QString("duration_ms: expected %1 ± %2, got %3")
                          .arg(want, 0, 'f', 0)
                          .arg(kTimeToleranceS * 1000)
                          .arg(got);
        const QString path = call.value("file").toString();
        if (!QFileInfo::exists(path)) {
            errors << "file missing: " + path;
        } else {
            const vv::testing::StereoAudio audio = vv::testing::decodeOpusFile(path);
            if (!audio.error.isEmpty() || audio.channels != 2) {
                errors << QString("decode: %1 channels %2").arg(audio.error).arg(audio.channels);
            } else {
                const double lengthMs = audio.left.size() / 48.0;
                if (std::abs(lengthMs - got) > 100)
                    errors << QString("audio length %1 ms vs duration_ms %2").arg(lengthMs).arg(got);
                const auto leftEnv = vv::capgen::envelope(std::span<const int16_t>(audio.left), 48000, kWindowMs);
                const auto rightEnv = vv::capgen::envelope(std::span<const int16_t>(audio.right), 48000, kWindowMs);
                const size_t n = std::min(e.extensionUa->played.size(), size_t(audio.left.size() / 6 + kRate));
                const auto extEnv =
                    vv::capgen::envelope(std::span<const int16_t>(e.extensionUa->played.data(), n), kRate, kWindowMs);
                const auto farEnv =
                    vv::capgen::envelope(std::span<const int16_t>(e.farUa->played.data(), n), kRate, kWindowMs);
                // Hold: baresip 1.0 pauses RTP in both directions while a call is held (the pcap shows no RTP either
                // way between the two re-INVITEs) but its aufile sources keep running, so after the resume both files
                // continue at call time. Both channels must be silent during the hold, and the truth is silence there.
                const bool held = e.holdTo > e.holdFrom;
                const size_t holdA = held ? size_t(e.holdFrom * 1000 / kWindowMs) : 0;
                const size_t holdB = held ? size_t(e.holdTo * 1000 / kWindowMs) : 0;
                auto silenceHold = [&](std::vector<double> v) {
                    for (size_t i = holdA; i < std::min(holdB, v.size()); ++i)
                        v[i] = 0;
                    return v;
                };
                const auto lo = vv::capgen::bestLagCorrelation(leftEnv, silenceHold(extEnv), kMaxLagWindows);
                const auto ro = vv::capgen::bestLagCorrelation(rightEnv, silenceHold(farEnv), kMaxLagWindows);
                const auto lx = vv::capgen::bestLagCorrelation(leftEnv, farEnv, kMaxLagWindows);
                const auto rx = vv::capgen::bestLagCorrelation(rightEnv, extEnv, kMaxLagWindows);
                qInfo("%s: left/extension %.3f (lag %d ms) right/far %.3f (lag %d ms) left/far %.3f right/extension "
                      "%.3f, %0.f ms audio, duration_ms %.0f vs observed %.0f",
                      qPrintable(e.label), lo.correlation, lo.lagWindows * kWindowMs, ro.correlation,
                      ro.lagWindows * kWindowMs, lx.correlation, rx.correlation, lengthMs, got, want);
                if (held) {
                    // Silence inside the hold (300 ms margins for the re-INVITE round trips)...
                    const size_t a = holdA + 300 / kWindowMs, b = holdB - 300 / kWindowMs;
                    for (const auto *env : {&leftEnv, &rightEnv}) {
                        double peak = 0;
                        for (size_t i = a; i < std::min(b, env->size()); ++i)
                            peak = std::max(peak, (*env)[i]);
                        if (peak > 300)
                            errors << QString("%1 channel not silent during hold (peak envelope %2)")
                                          .arg(env == &leftEnv ? "left" : "right")
                                          .arg(peak);
                    }
                    // ...and after the resume each channel still follows its own file at call time.
                    auto tail = [&](const std::vector<double> &v) {
                        const size_t from = std::min(v.size(), holdB + 300 / kWindowMs);
                        return std::vector<double>(v.begin() + long(from), v.end());
                    };
                    const auto lt = vv::capgen::bestLagCorrelation(tail(leftEnv), tail(extEnv), kMaxLagWindows);
                    const auto rt = vv::capgen::bestLagCorrelation(tail(rightEnv), tail(farEnv), kMaxLagWindows);
                    qInfo("%s after resume: left/extension %.3f (lag %d ms) right/far %.3f (lag %d ms)",
                          qPrintable(e.label), lt.correlation, lt.lagWindows * kWindowMs, rt.correlation,
                          rt.lagWindows * kWindowMs);
                    if (lt.correlation < kMinOwnCorrelation || rt.correlation < kMinOwnCorrelation)
                        errors << QString("after resume: left/extension %1, right/far %2 (< %3)")
                                      .arg(lt.correlation)
                                      .arg(rt.correlation)
                                      .arg(kMinOwnCorrelation);
                }
                if (lo.correlation < kMinOwnCorrelation)
                    errors << QString("left channel vs the extension's file: %1 < %2")
                                  .arg(lo.correlation)
                                  .arg(kMinOwnCorrelation);
                if (ro.correlation < kMinOwnCorrelation)
                    errors << QString("right channel vs the far end's file: %1 < %2")
                                  .arg(ro.correlation)
                                  .arg(kMinOwnCorrelation);
                if (lx.correlation >= kMaxCrossCorrelation)
                    errors << QString("left channel follows the far end's file: %1").arg(lx.correlation);
                if (rx.correlation >= kMaxCrossCorrelation)
                    errors << QString("right channel follows the extension's file: %1").arg(rx.correlation);
            }
        }
    } else if (!call.value("file").isNull()) {
        errors << "file: expected null";
    }
    if (errors.isEmpty())
        return {};
    return QString("%1 (%2): %3\n  agent line: %4").arg(e.label, e.callId, errors.join("; "), compact);
}

void TestRealPeers::outboundToCarrier()
{
    Expect e;
    e.label = "outbound 201 -> 07700900123";
    UserAgent &ext = ua("e201");
    const QString err = dial(ext, "sip:07700900123@10.77.0.1", &e.invited, &e.answered, &e.callId);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    pumpAll(6000);
    e.ended = now();
    ext.send("hangup");
    QVERIFY(waitEvent(ext, "CALL_CLOSED", e.callId, 5000, nullptr));
    QVERIFY2(waitAgentCalls({e.callId}, 15000), "the agent printed no line for the call");
    e.direction = "outbound";
    e.extension = "201";
    e.caller = "201";
    e.callee = "07700900123";
    e.extensionUa = &ext;
    e.farUa = &ua("cara");
    const QString problems = checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::inboundFromCarrier()
{
    Expect e;
    e.label = "inbound 07700900123 -> 202";
    UserAgent &car = ua("cara");
    UserAgent &ext = ua("e202");
    const QString err = dial(car, "sip:202@10.77.0.1", &e.invited, &e.answered, &e.callId, &ext);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    pumpAll(6000);
    e.ended = now();
    car.send("hangup");
    QVERIFY(waitEvent(car, "CALL_CLOSED", e.callId, 5000, nullptr));
    QVERIFY2(waitAgentCalls({e.callId}, 15000), "the agent printed no line for the call");
    e.direction = "inbound";
    e.extension = "202";
    e.caller = "07700900123";
    e.callee = "202";
    e.extensionUa = &ext;
    e.farUa = &car;
    const QString problems = checkRecording(e);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
}

void TestRealPeers::internalNotRecorded()
{
    Expect e;
    e.label = "internal 201 -> 202";
    UserAgent &ext = ua("e201");
    const QString err = dial(ext, "sip:202@10.77.0.1", &e.invited, &e.answered, &e.callId, &ua("e202"));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    pumpAll(3000);
    e.ended = now();
    ext.send("hangup");
    QVERIFY(waitEvent(ext, "CALL_CLOSED", e.callId, 5000, nullptr));
    QVERIFY2(waitAgentCalls({e.callId}, 15000), "the agent printed no line for the call");
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
    UserAgent &ext = ua("e203");
    const QString err = dial(ext, "sip:+442079460000@10.77.0.1", &e.invited, &e.answered, &e.callId);
    QVERIFY2(err.isEmpty(), qPrintable(err));
    pumpAll(3000);
    e.ended = now();
    ext.send("hangup");
    QVERIFY(waitEvent(ext, "CALL_CLOSED", e.callId, 5000, nullptr));
    QVERIFY2(waitAgentCalls({e.callId}, 15000), "the agent printed no line for the call");
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
