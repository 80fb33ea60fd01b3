// `vipvault-agent run` as systemd runs it: the sd_notify protocol (READY, WATCHDOG,
// RELOADING, STOPPING) received on a real datagram socket the test owns, journald's
// priority prefixes, a capture interface that disappears (reported as a health
// event, retried, resolved when it is back), and root acting on the service user's
// data folder.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

// The manager's end of NOTIFY_SOCKET: a bound AF_UNIX datagram socket.
class NotifyListener
{
public:
    explicit NotifyListener(const QByteArray &address)
        : m_address(address)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::memcpy(addr.sun_path, address.constData(), address.size());
        if (addr.sun_path[0] == '@')
            addr.sun_path[0] = '\0';
        const auto len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + address.size());
        m_bound = m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr *>(&addr), len) == 0;
    }
    ~NotifyListener()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool bound() const { return m_bound; }

    // Next datagram, or empty after timeoutMs (a generous bound, not a speed check).
    QByteArray next(int timeoutMs)
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) != 1)
            return {};
        char buf[4096];
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        return n > 0 ? QByteArray(buf, static_cast<qsizetype>(n)) : QByteArray();
    }
    // Skips watchdog pings and status updates until a message containing `key`.
    QByteArray waitFor(const QByteArray &key, int timeoutMs, QList<QByteArray> *seen = nullptr)
    {
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < timeoutMs) {
            QByteArray m = next(static_cast<int>(timeoutMs - t.elapsed()));
            if (m.isEmpty())
                break;
            if (seen)
                seen->append(m);
            if (m.split('\n').contains(key))
                return m;
        }
        return {};
    }

private:
    QByteArray m_address;
    int m_fd = -1;
    bool m_bound = false;
};

QString writeFile(const QString &path, const QString &body)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(body.toUtf8());
    return path;
}

QString serviceConfig(const QString &dir, const QString &interface = QStringLiteral("none"))
{
    return writeFile(dir + "/agent.conf",
                     QStringLiteral("[agent]\ninterface = %1\ndata_dir = %2/data\nreserve_free = 0\n"
                                    "[api]\nlisten = 127.0.0.1:0\nplain_http = yes\n"
                                    "[vault acme]\nextensions = 200-299\ncap = 1GB\n")
                         .arg(interface, dir));
}

// What systemd gives a Type=notify service: the socket, and a watchdog when set.
QProcessEnvironment serviceEnvironment(const QString &socket, const QString &watchdogUsec = {},
                                       const QString &watchdogPid = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NOTIFY_SOCKET", socket);
    env.remove("WATCHDOG_USEC");
    env.remove("WATCHDOG_PID");
    if (!watchdogUsec.isEmpty())
        env.insert("WATCHDOG_USEC", watchdogUsec);
    if (!watchdogPid.isEmpty())
        env.insert("WATCHDOG_PID", watchdogPid);
    return env;
}

bool isRoot(QString *why)
{
    if (::geteuid() == 0)
        return true;
    *why = QStringLiteral("needs root (network namespaces, chown)");
    return false;
}

int runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000))
        return -1;
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

} // namespace

class TestService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void notifyProtocol_data();
    void notifyProtocol();
    void watchdogBelongsToAnotherProcess();
    void journalPriorities_data();
    void journalPriorities();
    void vanishedInterfaceIsReportedAndRecovered();
    void rootActsAsDataFolderOwner();
    void portStillHeldIsWaitedFor();
};

void TestService::notifyProtocol_data()
{
    QTest::addColumn<bool>("abstractSocket");
    QTest::newRow("socket file") << false;
    QTest::newRow("abstract socket") << true; // systemd's own choice on some versions
}

void TestService::notifyProtocol()
{
    QFETCH(bool, abstractSocket);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray address = abstractSocket ? "@vipvault-test-notify-" + QByteArray::number(::getpid())
                                              : QFile::encodeName(dir.path() + "/notify");
    NotifyListener manager(address);
    QVERIFY(manager.bound());
    const QString config = serviceConfig(dir.path());

    QProcess agent;
    agent.setProcessEnvironment(serviceEnvironment(QString::fromLocal8Bit(address), "200000"));
    agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    agent.start(VIPVAULT_AGENT_BIN, {"run", "--config", config});
    QVERIFY(agent.waitForStarted());

    const QByteArray ready = manager.waitFor("READY=1", 60000);
    QVERIFY2(!ready.isEmpty(), "no READY=1 from the agent");
    QVERIFY2(ready.contains("STATUS=recording on none, API http://127.0.0.1:"), ready.constData());

    // Pings keep coming while the loop turns (interval 200 ms: ping at least every 100 ms).
    QList<QByteArray> seen;
    QVERIFY(!manager.waitFor("WATCHDOG=1", 10000, &seen).isEmpty());
    QVERIFY(!manager.waitFor("WATCHDOG=1", 10000, &seen).isEmpty());

    // SIGHUP: RELOADING=1 with the monotonic stamp, then READY=1 saying what happened.
    ::kill(static_cast<pid_t>(agent.processId()), SIGHUP);
    const QByteArray reloading = manager.waitFor("RELOADING=1", 10000);
    QVERIFY2(QRegularExpression("MONOTONIC_USEC=\\d+").match(QString::fromLatin1(reloading)).hasMatch(),
             reloading.constData());
    QByteArray reloaded = manager.waitFor("READY=1", 10000);
    QVERIFY2(reloaded.contains("STATUS=configuration reloaded"), reloaded.constData());

    // A broken file is refused and the manager is told so; the agent keeps running.
    writeFile(config, "[agent]\ninterface = none\njitter_ms = banana\n");
    ::kill(static_cast<pid_t>(agent.processId()), SIGHUP);
    QVERIFY(!manager.waitFor("RELOADING=1", 10000).isEmpty());
    reloaded = manager.waitFor("READY=1", 10000);
    QVERIFY2(reloaded.contains("reload refused"), reloaded.constData());
    QVERIFY(!manager.waitFor("WATCHDOG=1", 10000).isEmpty());
    QCOMPARE(agent.state(), QProcess::Running);

    agent.terminate();
    QVERIFY(!manager.waitFor("STOPPING=1", 30000).isEmpty());
    QVERIFY(agent.waitForFinished(60000));
    QCOMPARE(agent.exitCode(), 0);
}

void TestService::watchdogBelongsToAnotherProcess()
{
    // WATCHDOG_PID names the watched process; an agent that merely inherited the
    // variables must not ping on its behalf (it still reports readiness).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NotifyListener manager(QFile::encodeName(dir.path() + "/notify"));
    QVERIFY(manager.bound());
    QProcess agent;
    agent.setProcessEnvironment(serviceEnvironment(dir.path() + "/notify", "100000", QString::number(::getpid())));
    agent.start(VIPVAULT_AGENT_BIN, {"run", "--config", serviceConfig(dir.path())});
    QVERIFY(!manager.waitFor("READY=1", 60000).isEmpty());
    // Ten intervals of the agent's loop: with a ping due every 50 ms, any would show.
    QList<QByteArray> seen;
    manager.waitFor("WATCHDOG=1", 1000, &seen);
    for (const QByteArray &m : seen)
        QVERIFY2(!m.contains("WATCHDOG=1"), "pinged for another process's watchdog");
    agent.terminate();
    QVERIFY(agent.waitForFinished(60000));
}

void TestService::journalPriorities_data()
{
    QTest::addColumn<bool>("journal");
    QTest::newRow("stderr is the journal stream") << true;
    QTest::newRow("JOURNAL_STREAM names another file") << false; // inherited by a child, say
}

void TestService::journalPriorities()
{
    QFETCH(bool, journal);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString log = dir.path() + "/stderr.log";
    QVERIFY(!writeFile(log, QString()).isEmpty());
    struct stat st = {};
    QCOMPARE(::stat(QFile::encodeName(log).constData(), &st), 0);
    QProcess agent;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("JOURNAL_STREAM", QStringLiteral("%1:%2").arg(st.st_dev).arg(journal ? st.st_ino : st.st_ino + 1));
    agent.setProcessEnvironment(env);
    agent.setStandardErrorFile(log, QIODevice::Append);
    // An unreadable capture is logged as an error and ends the command.
    agent.start(VIPVAULT_AGENT_BIN,
                {"run", "--config", serviceConfig(dir.path()), "--replay", dir.path() + "/missing.pcap"});
    QVERIFY(agent.waitForFinished(60000));
    QCOMPARE(agent.exitCode(), 1);
    QFile f(log);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    const QRegularExpression prefixed(QStringLiteral("^<3>vipvault\\.capture: .*missing\\.pcap"),
                                      QRegularExpression::MultilineOption);
    const QRegularExpression stamped(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+ error vipvault\\.capture: "),
                                     QRegularExpression::MultilineOption);
    QVERIFY2((journal ? prefixed : stamped).match(text).hasMatch(), qPrintable(text));
    QVERIFY2(!(journal ? stamped : prefixed).match(text).hasMatch(), qPrintable(text));
}

// The capture interface disappears under a running agent: it keeps running (its API is what reports the
// trouble), opens a health event at once, retries capture, and resolves the event when the interface is back.
void TestService::vanishedInterfaceIsReportedAndRecovered()
{
    QString why;
    if (!isRoot(&why))
        QSKIP(qPrintable(why));
    if (QStandardPaths::findExecutable("ip").isEmpty())
        QSKIP("needs iproute2");
    const QString ns = QStringLiteral("vvsvc%1").arg(::getpid());
    QCOMPARE(runTool("ip", {"netns", "add", ns}), 0);
    auto cleanup = qScopeGuard([&] { runTool("ip", {"netns", "delete", ns}); });
    // A veth pair (the dummy driver is not loadable everywhere); capture on one end.
    auto addInterface = [&] {
        return runTool("ip", {"-n", ns, "link", "add", "vvcap0", "type", "veth", "peer", "name", "vvpeer0"}) == 0 &&
               runTool("ip", {"-n", ns, "link", "set", "vvcap0", "up"}) == 0 &&
               runTool("ip", {"-n", ns, "link", "set", "vvpeer0", "up"}) == 0;
    };
    QVERIFY(addInterface());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    NotifyListener manager(QFile::encodeName(dir.path() + "/notify"));
    QVERIFY(manager.bound());
    QProcess agent;
    agent.setProcessEnvironment(serviceEnvironment(dir.path() + "/notify"));
    agent.start("ip",
                {"netns", "exec", ns, VIPVAULT_AGENT_BIN, "run", "--config", serviceConfig(dir.path(), "vvcap0")});
    QVERIFY(agent.waitForStarted(10000));
    QVERIFY(!manager.waitFor("READY=1", 60000).isEmpty());
    QByteArray err;
    auto waitForLog = [&](const QByteArray &text, int ms) {
        QElapsedTimer t;
        t.start();
        while (!err.contains(text) && t.elapsed() < ms && agent.state() == QProcess::Running) {
            agent.waitForReadyRead(200);
            err += agent.readAllStandardError();
        }
        return err.contains(text);
    };
    QCOMPARE(runTool("ip", {"-n", ns, "link", "delete", "vvcap0"}), 0);
    QVERIFY2(waitForLog("open capture_down:vvcap0", 10000), err.constData());
    QVERIFY2(err.contains("NOT RECORDING"), err.constData());
    QVERIFY2(agent.state() == QProcess::Running, "the agent stopped without its capture interface");
    QVERIFY(addInterface());
    QVERIFY2(waitForLog("resolve capture_down:vvcap0", 20000), err.constData());
    QVERIFY(err.contains("capture on vvcap0 runs again"));
    agent.terminate();
    QVERIFY(agent.waitForFinished(30000));
    QCOMPARE(agent.exitCode(), 0);
    // Both ends are in the append-only health log.
    QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "health");
    db.setDatabaseName(dir.path() + "/data/catalogue.sqlite");
    QVERIFY(db.open());
    QSqlQuery q(db);
    QVERIFY(q.exec("SELECT action FROM health_log WHERE event_key = 'capture_down:vvcap0' ORDER BY seq"));
    QStringList actions;
    while (q.next())
        actions << q.value(0).toString();
    QCOMPARE(actions, (QStringList{"open", "resolve"}));
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase("health");
}

void TestService::rootActsAsDataFolderOwner()
{
    QString why;
    if (!isRoot(&why))
        QSKIP(qPrintable(why));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                                  QFile::ReadOther | QFile::ExeOther));
    const QString data = dir.path() + "/data";
    QVERIFY(QDir().mkpath(data));
    const uid_t nobody = 65534;
    QCOMPARE(::chown(QFile::encodeName(data).constData(), nobody, nobody), 0);
    const QString config = serviceConfig(dir.path());

    // `user add` typed as root writes the catalogue as the folder's owner...
    QProcess add;
    add.start(VIPVAULT_AGENT_BIN, {"user", "add", "--config", config, "--username", "rita", "--role", "reseller"});
    QVERIFY(add.waitForStarted());
    add.write("correct horse battery\n");
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(60000));
    QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());
    for (const QString &name : QDir(data).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(data + "/" + name).constData(), &st), 0);
        QVERIFY2(st.st_uid == nobody, qPrintable(name + " is not owned by the data folder's owner"));
    }
    QVERIFY(QFileInfo::exists(data + "/catalogue.sqlite"));

    // ...while `run` as root refuses, naming the service, instead of leaving root-owned files behind.
    QProcess run;
    run.start(VIPVAULT_AGENT_BIN, {"run", "--config", config});
    QVERIFY(run.waitForFinished(60000));
    QCOMPARE(run.exitCode(), 2);
    const QString err = QString::fromUtf8(run.readAllStandardError());
    QVERIFY2(err.contains("belongs to nobody") && err.contains("systemctl start vipvault-agent"), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestService)
#include "tst_service.moc"

// An upgrade or a watchdog restart can start the new agent while the old one still holds the API port: the new
// one waits for it (up to 30 s) and starts, instead of failing the start.
void TestService::portStillHeldIsWaitedFor()
{
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    const quint16 port = holder.serverPort();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString config = writeFile(dir.path() + "/agent.conf",
                                     QStringLiteral("[agent]\ninterface = none\ndata_dir = %1/data\nreserve_free = 0\n"
                                                    "[api]\nlisten = 127.0.0.1:%2\nplain_http = yes\n")
                                         .arg(dir.path())
                                         .arg(port));
    NotifyListener manager(QFile::encodeName(dir.path() + "/notify"));
    QVERIFY(manager.bound());
    QProcess agent;
    agent.setProcessEnvironment(serviceEnvironment(dir.path() + "/notify"));
    agent.start(VIPVAULT_AGENT_BIN, {"run", "--config", config});
    QVERIFY(agent.waitForStarted(10000));
    QByteArray err;
    QElapsedTimer t;
    t.start();
    while (!err.contains("still in use") && t.elapsed() < 20000 && agent.state() == QProcess::Running) {
        agent.waitForReadyRead(200);
        err += agent.readAllStandardError();
    }
    QVERIFY2(err.contains("still in use"), err.constData());
    QVERIFY2(agent.state() == QProcess::Running, "the agent gave up while the port was held");
    holder.close(); // the old agent is gone
    QVERIFY(!manager.waitFor("READY=1", 30000).isEmpty());
    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(probe.waitForConnected(5000));
    probe.abort();
    agent.terminate();
    QVERIFY(agent.waitForFinished(30000));
    QCOMPARE(agent.exitCode(), 0);
}
