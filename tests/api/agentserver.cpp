#include "agentserver.h"

#include "agentharness.h"
#include "apitest.h"
#include "pcapwriter.h"
#include "scenario.h"
#include "topology.h"
#include "vault/callcolumns.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <csignal>
#include <sys/prctl.h>

namespace vv::apitest {

using namespace vv::capgen;

namespace {

constexpr int kReadyTimeoutMs = 180000;
constexpr int kStopTimeoutMs = 60000;

// What goes into the capture. Offsets in seconds after topology::kEpoch; the two vaults' calls interleave in time
// so a server that filters by time instead of by vault shows up. Two acme calls share one INVITE time, so the
// cursor has to break ties. Far-end numbers of beta all contain "1614960", which never appears in acme's data:
// finding it in a customer of acme's answer means a leak.
struct CallLine
{
    const char *id;
    const char *vault;
    const char *direction; // "inbound", "outbound", "internal"
    int extension;
    const char *far; // external number, or the other extension for internal calls
    double offset;
    int talkMs;
    Outcome outcome;
};

const CallLine kCallLines[] = {
    {"acme-in-1@pbx", "acme", "inbound", 201, "07700900101", 0, 3000, Outcome::Answered},
    {"beta-in-1@pbx", "beta", "inbound", 301, "01614960001", 5, 4000, Outcome::Answered},
    {"acme-out-1@pbx", "acme", "outbound", 202, "+442079460001", 10, 5000, Outcome::Answered},
    {"beta-out-1@pbx", "beta", "outbound", 302, "01614960002", 15, 6000, Outcome::Answered},
    {"acme-int-1@pbx", "acme", "internal", 201, "203", 20, 2000, Outcome::Answered},
    {"beta-int-1@pbx", "beta", "internal", 301, "303", 25, 2000, Outcome::Answered},
    {"acme-out-2@pbx", "acme", "outbound", 204, "01632960002", 30, 8000, Outcome::Answered},
    {"acme-in-2@pbx", "acme", "inbound", 202, "07700900103", 45, 2500, Outcome::Answered},
    {"beta-out-2@pbx", "beta", "outbound", 304, "+441614960003", 50, 3000, Outcome::Answered},
    {"acme-cancel@pbx", "acme", "inbound", 205, "07700900104", 55, 0, Outcome::Cancelled},
    {"acme-busy@pbx", "acme", "outbound", 206, "07700900105", 65, 0, Outcome::BusyHere},
    {"acme-tie-1@pbx", "acme", "outbound", 207, "07700900106", 80, 4000, Outcome::Answered},
    {"acme-tie-2@pbx", "acme", "inbound", 208, "07700900107", 80, 6000, Outcome::Answered},
    {"beta-in-2@pbx", "beta", "inbound", 305, "01614960004", 85, 7000, Outcome::Answered},
    {"acme-out-3@pbx", "acme", "outbound", 209, "+15550100", 100, 12000, Outcome::Answered},
    {"beta-out-3@pbx", "beta", "outbound", 306, "01614960005", 110, 5000, Outcome::Answered},
    {"acme-in-3@pbx", "acme", "inbound", 201, "02079460009", 120, 3500, Outcome::Answered},
};

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

QString agentBinaryPath()
{
    return vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
}

AgentServer::AgentServer()
    : AgentServer(Options{})
{}

AgentServer::AgentServer(const Options &options)
    : m_options(options)
{}

AgentServer::~AgentServer()
{
    if (isRunning()) {
        m_process->terminate();
        if (!m_process->waitForFinished(kStopTimeoutMs)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
}

QString AgentServer::dataDir() const
{
    return m_dir.filePath(QStringLiteral("data"));
}

QString AgentServer::newPassword(const QString &purpose)
{
    // Distinctive and random, so a search of the logs cannot match by accident and cannot miss.
    const QString password = QStringLiteral("pw-%1-%2").arg(purpose, randomToken(12));
    m_passwords.insert(QStringLiteral("#") + purpose + QString::number(m_passwords.size()), password);
    return password;
}

bool AgentServer::start()
{
    m_error.clear();
    if (!m_dir.isValid())
        return m_error = QStringLiteral("no temporary folder: %1").arg(m_dir.errorString()), false;
    QDir().mkpath(dataDir());
    m_configPath = vv::testing::writeConfig(m_dir.path(), QStringLiteral("[agent]\n"
                                                                         "interface = %5\n"
                                                                         "data_dir = %1\n"
                                                                         "%2\n"
                                                                         "[api]\n"
                                                                         "listen = 127.0.0.1:0\n"
                                                                         "%3\n"
                                                                         "[vault acme]\n"
                                                                         "extensions = 200-299\n"
                                                                         "country_code = 44\n"
                                                                         "%6\n"
                                                                         "\n"
                                                                         "[vault beta]\n"
                                                                         "extensions = 300-399\n"
                                                                         "%4\n")
                                                              .arg(dataDir(), m_options.extraAgentLines,
                                                                   m_options.extraApiLines, m_options.extraSections,
                                                                   m_options.interface, m_options.extraAcmeLines));
    QString error;
    if (!generateCapture(&error))
        return m_error = QStringLiteral("capture: ") + error, false;
    m_passwords.insert(QStringLiteral("admin"), QStringLiteral("pw-admin-%1").arg(randomToken(12)));
    // Vaults come to exist when the agent first starts, so only the reseller can be made before; the
    // customers are made through the API once it listens.
    if (!addUser(QStringLiteral("admin"), QStringLiteral("reseller"), {}, &error))
        return m_error = error, false;

    if (!launch({QStringLiteral("--replay"), m_capturePath}))
        return false;
    if (!addCustomer(QStringLiteral("alice"), QStringLiteral("acme"), &error) ||
        !addCustomer(QStringLiteral("bob"), QStringLiteral("beta"), &error))
        return m_error = error, false;
    return true;
}

bool AgentServer::restart()
{
    m_error.clear();
    return launch({});
}

bool AgentServer::killHard()
{
    if (!isRunning())
        return m_error = QStringLiteral("agent not running"), false;
    m_process->kill(); // SIGKILL: nothing is finished, nothing flushed
    m_process->waitForFinished(10000);
    drain();
    return true;
}

bool AgentServer::launch(const QStringList &extraArgs)
{
    m_process = std::make_unique<QProcess>();
    m_stdout.clear();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("VIPVAULT_TEST_CRASH"));
    if (m_options.debugLogging)
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("vipvault.*.debug=true"));
    m_process->setProcessEnvironment(env);
    // If the test process dies (a crash, a watchdog), the agent must not live on holding a port and a folder.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process->start(agentBinaryPath(),
                     QStringList{QStringLiteral("run"), QStringLiteral("--config"), m_configPath} + extraArgs);
    if (!m_process->waitForStarted(10000))
        return m_error = QStringLiteral("agent did not start: %1").arg(m_process->errorString()), false;
    m_process->closeWriteChannel();

    QElapsedTimer timer;
    timer.start();
    qsizetype scanned = 0;
    while (timer.elapsed() < kReadyTimeoutMs) {
        if (m_process->state() == QProcess::Running)
            m_process->waitForReadyRead(200);
        drain();
        qsizetype newline;
        while ((newline = m_stdout.indexOf('\n', scanned)) >= 0) {
            const QByteArray line = m_stdout.mid(scanned, newline - scanned).trimmed();
            scanned = newline + 1;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("event")).toString() != u"ready")
                continue;
            m_ready = o;
            m_baseUrl = QUrl(o.value(QStringLiteral("api")).toString());
            m_certificateSha256 = o.value(QStringLiteral("certificate_sha256")).toString();
            if (!m_baseUrl.isValid() || m_baseUrl.port() <= 0 || m_certificateSha256.size() != 64)
                return m_error = QStringLiteral("ready line without a usable api/certificate_sha256: %1")
                                     .arg(QString::fromUtf8(line)),
                       false;
            return true;
        }
        if (m_process->state() != QProcess::Running) {
            drain();
            return m_error = QStringLiteral("agent exited (code %1) before it was ready; stderr: %2")
                                 .arg(m_process->exitCode())
                                 .arg(QString::fromUtf8(m_stderr.right(3000))),
                   false;
        }
    }
    return m_error = QStringLiteral("no ready line within %1 s; stderr: %2")
                         .arg(kReadyTimeoutMs / 1000)
                         .arg(QString::fromUtf8(m_stderr.right(3000))),
           false;
}

bool AgentServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool AgentServer::stop()
{
    if (!isRunning())
        return m_error = QStringLiteral("agent not running"), false;
    m_process->terminate(); // SIGTERM: finish calls in progress, exit 0
    const bool finished = m_process->waitForFinished(kStopTimeoutMs);
    drain();
    if (!finished) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return m_error = QStringLiteral("agent did not stop within %1 s of SIGTERM").arg(kStopTimeoutMs / 1000), false;
    }
    if (m_process->exitStatus() != QProcess::NormalExit || m_process->exitCode() != 0)
        return m_error = QStringLiteral("agent stopped with %1 %2; stderr: %3")
                             .arg(m_process->exitStatus() == QProcess::CrashExit ? "signal" : "exit code")
                             .arg(m_process->exitCode())
                             .arg(QString::fromUtf8(m_stderr.right(3000))),
               false;
    return true;
}

void AgentServer::drain()
{
    if (!m_process)
        return;
    m_stdout += m_process->readAllStandardOutput();
    m_stderr += m_process->readAllStandardError();
}

QString AgentServer::standardError()
{
    drain();
    return QString::fromUtf8(m_stderr);
}

QByteArray AgentServer::standardOutput()
{
    drain();
    return m_stdout;
}

QList<PlannedCall> AgentServer::callsOf(const QString &vault) const
{
    QList<PlannedCall> out;
    for (const PlannedCall &c : m_calls)
        if (c.vault == vault)
            out << c;
    return out;
}

const PlannedCall *AgentServer::planned(const QString &callId) const
{
    for (const PlannedCall &c : m_calls)
        if (c.callId == callId)
            return &c;
    return nullptr;
}

bool AgentServer::generateCapture(QString *error)
{
    Scenario scenario;
    uint16_t farPort = 30000;
    uint64_t seed = 11;
    for (const CallLine &line : kCallLines) {
        const Party ext = topology::phone(line.extension);
        const QString direction = QString::fromLatin1(line.direction);
        const Party other = direction == u"internal" ? topology::phone(std::atoi(line.far))
                                                     : topology::external(line.far, farPort += 2);
        const bool extCalls = direction != u"inbound";
        CallSpec spec = topology::call(line.id, extCalls ? ext : other, extCalls ? other : ext, line.offset, ++seed);
        spec.talkMs = line.talkMs > 0 ? line.talkMs : 1000;
        spec.outcome = line.outcome;
        spec.codec = seed % 2 ? Codec::Pcmu : Codec::Pcma;
        const CallTruth &truth = scenario.addCall(spec);
        PlannedCall planned;
        planned.callId = QString::fromLatin1(line.id);
        planned.vault = QString::fromLatin1(line.vault);
        planned.direction = direction;
        planned.extension = QString::number(line.extension);
        planned.caller = QString::fromStdString(spec.caller.user);
        planned.callee = QString::fromStdString(spec.callee.user);
        planned.recorded = line.outcome == Outcome::Answered && direction != u"internal";
        planned.inviteTime = truth.inviteTime;
        planned.durationMs = truth.durationMs();
        m_calls << planned;
    }
    m_capturePath = m_dir.filePath(QStringLiteral("calls.pcap"));
    std::string e;
    if (!writeCapture(m_capturePath.toStdString(), scenario.packets(), CaptureOptions{}, &e)) {
        *error = QString::fromStdString(e);
        return false;
    }
    return true;
}

int AgentServer::runCli(const QStringList &args, const QByteArray &input, QByteArray *out, QByteArray *err)
{
    QProcess p;
    p.start(agentBinaryPath(), args);
    if (!p.waitForStarted(10000))
        return -1;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        return -1;
    }
    const QByteArray errText = p.readAllStandardError();
    m_stderr += errText; // CLI logs count too when the tests look for leaked secrets
    if (out)
        *out = p.readAllStandardOutput();
    if (err)
        *err = errText;
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool AgentServer::addUser(const QString &username, const QString &role, const QString &vault, QString *error)
{
    QStringList args{QStringLiteral("user"),       QStringLiteral("add"),
                     QStringLiteral("--config"),   m_configPath,
                     QStringLiteral("--username"), username,
                     QStringLiteral("--role"),     role};
    if (!vault.isEmpty())
        args << QStringLiteral("--vault") << vault;
    QByteArray out;
    QByteArray err;
    const int code = runCli(args, m_passwords.value(username).toUtf8() + '\n', &out, &err);
    if (code != 0) {
        *error = QStringLiteral("`vipvault-agent %1` exited %2: %3%4")
                     .arg(args.join(QLatin1Char(' ')))
                     .arg(code)
                     .arg(QString::fromUtf8(err), QString::fromUtf8(out));
        return false;
    }
    return true;
}

bool AgentServer::addCustomer(const QString &username, const QString &vault, QString *error)
{
    const QByteArray token = signIn(*this, QStringLiteral("admin"), password(QStringLiteral("admin")), error);
    if (token.isEmpty())
        return false;
    auto client = makeClient(*this, token);
    const ApiResult vaults = get(*client, QStringLiteral("/api/v1/vaults"));
    qint64 vaultId = 0;
    for (const QJsonObject &v : items(vaults))
        if (v.value(QStringLiteral("name")).toString() == vault)
            vaultId = v.value(QStringLiteral("id")).toInteger();
    if (vaultId <= 0) {
        *error = QStringLiteral("vault %1 not in GET /api/v1/vaults: %2").arg(vault, describe(vaults));
        return false;
    }
    m_passwords.insert(username, QStringLiteral("pw-%1-%2").arg(username, randomToken(12)));
    const ApiResult made = await([&](QObject *ctx, ResultHandler h) {
        return client->createUser(vaultId, username, password(username), false, ctx, h);
    });
    if (made.httpStatus != 201) {
        *error = QStringLiteral("creating customer %1 of %2: %3").arg(username, vault, describe(made));
        return false;
    }
    return true;
}

QString AgentServer::absolutePath(const QString &relativeFile) const
{
    return QDir(dataDir()).filePath(relativeFile);
}

namespace {

template<typename Fn> QString withCatalogue(const QString &dataDir, Fn fn)
{
    const QString name = QStringLiteral("apitest-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("catalogue.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        error = db.open() ? fn(db) : db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace

QList<CatalogueCall> AgentServer::catalogue(const QString &vault, QString *error) const
{
    QList<CatalogueCall> rows;
    const QString e = withCatalogue(dataDir(), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT %1 FROM calls c JOIN vaults v ON v.id = c.vault_id WHERE v.name = ? "
                                 "ORDER BY c.started_at DESC, c.id DESC")
                      .arg(vv::agent::callcolumns::selectList(QStringLiteral("c"))));
        q.addBindValue(vault);
        if (!q.exec())
            return q.lastError().text();
        while (q.next())
            rows << vv::agent::callcolumns::read(q);
        return {};
    });
    if (error)
        *error = e;
    return rows;
}

std::optional<CatalogueCall> AgentServer::catalogueCall(qint64 id, QString *error) const
{
    std::optional<CatalogueCall> row;
    const QString e = withCatalogue(dataDir(), [&](QSqlDatabase &db) -> QString {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT %1 FROM calls c WHERE c.id = ?")
                      .arg(vv::agent::callcolumns::selectList(QStringLiteral("c"))));
        q.addBindValue(id);
        if (!q.exec())
            return q.lastError().text();
        if (q.next())
            row = vv::agent::callcolumns::read(q);
        return {};
    });
    if (error)
        *error = e;
    return row;
}

} // namespace vv::apitest
