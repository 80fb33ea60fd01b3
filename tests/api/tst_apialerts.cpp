// Who is told, for real: an HTTPS webhook receiver in this process (its own certificate, which the agent is told
// to trust) that checks every signature, and Debian's aiosmtpd as the mail server. Test messages, retries while
// the receiver answers 503, a kill -9 in the middle (the queue survives, and the restart is itself an event),
// the daily digest by e-mail, acknowledging, and what customers may do.
#include "apitest.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>

using namespace vv::apitest;

namespace {

struct Received
{
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

// A minimal HTTPS server: one request per connection, answered with `status`.
class WebhookReceiver : public QObject
{
public:
    int status = 200;
    QList<Received> requests;

    bool listen(const QString &certFile, const QString &keyFile)
    {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        QFile cert(certFile);
        QFile key(keyFile);
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
            return false;
        conf.setLocalCertificate(QSslCertificate(cert.readAll()));
        conf.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        m_server.setSslConfiguration(conf);
        connect(&m_server, &QSslServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection())
                serve(s);
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    QList<Received> ofEvent(const QByteArray &event) const
    {
        QList<Received> out;
        for (const Received &r : requests)
            if (r.headers.value("x-vipvault-event") == event)
                out << r;
        return out;
    }

private:
    void serve(QTcpSocket *s)
    {
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            *buffer += s->readAll();
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Received r;
            for (const QByteArray &line : buffer->left(end).split('\n').mid(1)) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0)
                    r.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
            }
            const qsizetype length = r.headers.value("content-length").toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            r.body = buffer->mid(end + 4, length);
            if (status == 200)
                requests << r;
            s->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            s->disconnectFromHost();
        });
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
    }

    QSslServer m_server;
};

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

// The receiver's check: HMAC-SHA256 over "<t>.<body>" with the subscription's secret (RFC 2104, Qt's own code).
QString checkSignature(const Received &r, const QByteArray &secret)
{
    const QByteArray header = r.headers.value("x-vipvault-signature");
    const QList<QByteArray> parts = header.split(',');
    if (parts.size() != 2 || !parts[0].startsWith("t=") || !parts[1].startsWith("v1="))
        return "malformed signature header: " + QString::fromLatin1(header);
    const QByteArray mac =
        QMessageAuthenticationCode::hash(parts[0].mid(2) + '.' + r.body, secret, QCryptographicHash::Sha256).toHex();
    if (mac != parts[1].mid(3))
        return "the signature does not check out";
    if (qAbs(parts[0].mid(2).toLongLong() - QDateTime::currentSecsSinceEpoch()) > 600)
        return "the signature's time is not now";
    return {};
}

} // namespace

class TestApiAlerts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    quint16 m_smtpPort = freePort();
    QProcess m_smtp;
    WebhookReceiver m_receiver;
    std::unique_ptr<AgentServer> m_server;
    SignedInAgent m_agent;
    QByteArray m_secret;
    qint64 m_webhook = 0;

    ApiResult as(const QByteArray &token, const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        const qsizetype q = path.indexOf(u'?');
        return sendBytes(*makeClient(*m_server, token), method, path.left(q), body,
                         q < 0 ? QUrlQuery() : QUrlQuery(path.mid(q + 1)));
    }
    QString mailbox() const { return m_dir.filePath("mail/mbox"); }
    // aiosmtpd's Mailbox handler keeps a Maildir: one file per message under new/.
    QByteArray mail() const
    {
        QByteArray all;
        QDirIterator it(mailbox(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                all += f.readAll();
        }
        return all;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable("openssl").isEmpty())
            QSKIP("needs openssl to make the receiver's certificate");
        QCOMPARE(QProcess::execute("openssl",
                                   {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2",
                                    "-keyout", m_dir.filePath("key.pem"), "-out", m_dir.filePath("cert.pem")}),
                 0);
        QVERIFY(m_receiver.listen(m_dir.filePath("cert.pem"), m_dir.filePath("key.pem")));
        QDir().mkpath(m_dir.filePath("mail"));
        // Debian's interpreter: python3-aiosmtpd is installed for it, not for one earlier on PATH.
        const QString python = QFile::exists("/usr/bin/python3") ? QStringLiteral("/usr/bin/python3")
                                                                 : QStandardPaths::findExecutable("python3");
        m_smtp.start(python, {"-m", "aiosmtpd", "-n", "-l", QStringLiteral("127.0.0.1:%1").arg(m_smtpPort), "-c",
                              "aiosmtpd.handlers.Mailbox", mailbox()});
        QVERIFY(m_smtp.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QTcpSocket probe;
                probe.connectToHost(QHostAddress::LocalHost, m_smtpPort);
                return probe.waitForConnected(200);
            }(),
            15000);
        AgentServer::Options options;
        options.extraSections = QStringLiteral("[alerts]\nca_file = %1\ndigest_hour = 0\n"
                                               "[smtp]\nhost = 127.0.0.1\nport = %2\nsecurity = none\n"
                                               "from = vault@example.com\n")
                                    .arg(m_dir.filePath("cert.pem"))
                                    .arg(m_smtpPort);
        m_server = std::make_unique<AgentServer>(options);
        API_CHECK(startSignedIn(*m_server, &m_agent));
    }

    void cleanupTestCase()
    {
        if (qEnvironmentVariableIsSet("VV_DEBUG_ALERTS"))
            qWarning().noquote() << m_server->standardError();
        if (m_server)
            API_CHECK(stopIfRunning(*m_server));
        m_smtp.terminate();
        m_smtp.waitForFinished(5000);
    }

    void aTestMessageIsSignedAndDelivered()
    {
        const QByteArray body =
            "{\"kind\":\"webhook\",\"target\":\"https://127.0.0.1:" + QByteArray::number(m_receiver.port()) +
            "/hook\"}";
        const ApiResult created = as(m_agent.admin, "POST", "/api/v1/subscriptions", body);
        API_CHECK(expectJson(created, 201));
        m_webhook = created.json.object().value("id").toInteger();
        m_secret = created.json.object().value("secret").toString().toUtf8();
        QVERIFY(m_secret.size() >= 32);
        const ApiResult listed = as(m_agent.admin, "GET", "/api/v1/subscriptions");
        QVERIFY2(!listed.data.contains(m_secret), "the secret was shown again"); // once, at creation
        API_CHECK(
            expectJson(as(m_agent.admin, "POST", QStringLiteral("/api/v1/subscriptions/%1/test").arg(m_webhook)), 202));
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.ofEvent("test").size(), 1, 15000);
        const Received r = m_receiver.ofEvent("test").first();
        const QString why = checkSignature(r, m_secret);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(QJsonDocument::fromJson(r.body).object().value("sent_by").toString(), QStringLiteral("admin"));
        QVERIFY2(checkSignature(r, m_secret + "x") != QString(), "a wrong secret must not verify");
        const ApiResult deliveries =
            as(m_agent.admin, "GET", QStringLiteral("/api/v1/subscriptions/%1/deliveries").arg(m_webhook));
        QCOMPARE(items(deliveries).first().value("state").toString(), QStringLiteral("delivered"));
    }

    void eMailForAlertsAndTheDigest()
    {
        const ApiResult created = as(m_agent.admin, "POST", "/api/v1/subscriptions",
                                     QByteArray("{\"kind\":\"email\",\"target\":\"ops@example.com\",\"vault_id\":") +
                                         QByteArray::number(m_agent.acme) + ",\"digest\":true}");
        API_CHECK(expectJson(created, 201));
        QVERIFY(!created.json.object().contains("secret"));
        const qint64 id = created.json.object().value("id").toInteger();
        API_CHECK(expectJson(as(m_agent.admin, "POST", QStringLiteral("/api/v1/subscriptions/%1/test").arg(id)), 202));
        QTRY_VERIFY_WITH_TIMEOUT(mail().contains("This is a test from your VIP Vault agent"), 15000);
        QVERIFY(mail().contains("To: <ops@example.com>"));
        QVERIFY(mail().contains("From: VIP Vault <vault@example.com>"));
    }

    void refusedSubscriptions_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("plain http elsewhere")
            << QByteArray("{\"kind\":\"webhook\",\"target\":\"http://example.com/x\"}") << "target";
        QTest::newRow("not a url") << QByteArray("{\"kind\":\"webhook\",\"target\":\"hook\"}") << "target";
        QTest::newRow("two addresses") << QByteArray("{\"kind\":\"email\",\"target\":\"a@b.c, d@e.f\"}") << "target";
        QTest::newRow("fax") << QByteArray("{\"kind\":\"fax\",\"target\":\"01632\"}") << "kind";
        QTest::newRow("nothing wanted") << QByteArray("{\"kind\":\"email\",\"target\":\"a@b.c\",\"alerts\":false}")
                                        << "alerts";
        QTest::newRow("no such vault") << QByteArray("{\"kind\":\"email\",\"target\":\"a@b.c\",\"vault_id\":999}")
                                       << "vault_id";
    }

    void refusedSubscriptions()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        API_CHECK(expectProblem(as(m_agent.admin, "POST", "/api/v1/subscriptions", body), 422, field));
    }

    // While the receiver answers 503 the delivery is retried; a kill -9 loses nothing (the queue is in the
    // catalogue); the restart is itself reported, and the digest goes out once the agent is back.
    void retriesSurviveAKill()
    {
        m_receiver.status = 503;
        API_CHECK(
            expectJson(as(m_agent.admin, "POST", QStringLiteral("/api/v1/subscriptions/%1/test").arg(m_webhook)), 202));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QList<QJsonObject> d = items(
                    as(m_agent.admin, "GET", QStringLiteral("/api/v1/subscriptions/%1/deliveries").arg(m_webhook)));
                return !d.isEmpty() && d.first().value("attempts").toInt() >= 1 &&
                       d.first().value("last_error").toString().contains("503");
            }(),
            20000);
        QVERIFY(m_server->killHard());
        m_receiver.status = 200;
        QVERIFY2(m_server->restart(), qPrintable(m_server->error()));
        m_agent.admin = signIn(*m_server, "admin", m_server->password("admin"));
        QVERIFY(!m_agent.admin.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver.ofEvent("test").size(), 2, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_receiver.ofEvent("event").isEmpty(), 15000);
        bool restartReported = false;
        for (const Received &r : m_receiver.ofEvent("event")) {
            QVERIFY2(checkSignature(r, m_secret).isEmpty(), qPrintable(checkSignature(r, m_secret)));
            const QJsonObject health = QJsonDocument::fromJson(r.body).object().value("health").toObject();
            restartReported |= health.value("kind").toString() == u"agent_restarted";
        }
        QVERIFY2(restartReported, "the unclean restart was not reported");
        // The e-mail subscriber asked for the digest: the restarted agent sends yesterday's, for acme only.
        QTRY_VERIFY_WITH_TIMEOUT(mail().contains("Calls to record:"), 20000);
        QVERIFY(mail().contains("acme"));
    }

    void acknowledgingEndsAMoment()
    {
        const ApiResult open = as(m_agent.admin, "GET", "/api/v1/health/events?open=true");
        API_CHECK(expectJson(open, 200));
        qint64 id = 0;
        for (const QJsonObject &e : items(open))
            if (e.value("kind").toString() == u"agent_restarted")
                id = e.value("id").toInteger();
        QVERIFY(id > 0);
        // A restart is not among the events a customer sees: for her it does not exist (tst_apitenancy has the 403
        // for an event of her own vault).
        API_CHECK(expectProblem(
            as(m_agent.alice, "POST", QStringLiteral("/api/v1/health/events/%1/acknowledge").arg(id)), 404));
        const ApiResult acked =
            as(m_agent.admin, "POST", QStringLiteral("/api/v1/health/events/%1/acknowledge").arg(id));
        API_CHECK(expectJson(acked, 200));
        QCOMPARE(acked.json.object().value("acknowledged_by").toString(), QStringLiteral("admin"));
        QCOMPARE(acked.json.object().value("open").toBool(), false);
        for (const QJsonObject &e : items(as(m_agent.admin, "GET", "/api/v1/health/events?open=true")))
            QVERIFY(e.value("id").toInteger() != id);
    }

    void customersSubscribeByEMailToTheirOwnVault()
    {
        const QByteArray webhook = "{\"kind\":\"webhook\",\"target\":\"https://127.0.0.1:1/x\"}";
        API_CHECK(expectProblem(as(m_agent.alice, "POST", "/api/v1/subscriptions", webhook), 403));
        const ApiResult mine = as(m_agent.alice, "POST", "/api/v1/subscriptions",
                                  QByteArray("{\"kind\":\"email\",\"target\":\"alice@example.com\",\"vault_id\":") +
                                      QByteArray::number(m_agent.beta) + ",\"digest\":true,\"alerts\":false}");
        API_CHECK(expectJson(mine, 201));
        QCOMPARE(mine.json.object().value("vault_id").toInteger(), m_agent.acme); // her vault, whatever she asked
        const ApiResult listed = as(m_agent.alice, "GET", "/api/v1/subscriptions");
        QCOMPARE(items(listed).size(), 2); // hers and the reseller's for acme; not the agent-wide webhook
        API_CHECK(expectProblem(
            as(m_agent.bob, "DELETE",
               QStringLiteral("/api/v1/subscriptions/%1").arg(mine.json.object().value("id").toInteger())),
            404));
        const ApiResult bobs = as(m_agent.bob, "GET", "/api/v1/subscriptions");
        QCOMPARE(items(bobs).size(), 0);
    }

    // The ledger per day: every acme call the rules say to record, and how it ended.
    void assuranceAgreesWithTheCalls()
    {
        qint64 shouldRecord = 0;
        for (const PlannedCall &c : m_server->callsOf("acme"))
            shouldRecord += c.recorded;
        const ApiResult r =
            as(m_agent.alice, "GET", QStringLiteral("/api/v1/vaults/%1/assurance?days=60").arg(m_agent.acme));
        API_CHECK(expectJson(r, 200));
        const QJsonObject total = r.json.object().value("total").toObject();
        QCOMPARE(total.value("should_record").toInteger(), shouldRecord);
        QCOMPARE(total.value("recorded").toInteger() + total.value("degraded").toInteger(), shouldRecord);
        QCOMPARE(total.value("missed").toInteger(), qint64(0));
        QCOMPARE(r.json.object().value("days").toArray().size(), 60);
        API_CHECK(expectProblem(
            as(m_agent.alice, "GET", QStringLiteral("/api/v1/vaults/%1/assurance?days=0").arg(m_agent.acme)), 422,
            "days"));
        API_CHECK(expectProblem(
            as(m_agent.alice, "GET", QStringLiteral("/api/v1/vaults/%1/assurance").arg(m_agent.beta)), 404));
        const ApiResult metrics = as(m_agent.admin, "GET", "/metrics");
        QVERIFY(metrics.data.contains("vipvault_calls_today{vault=\"acme\",outcome=\"recorded\"}"));
        QVERIFY(metrics.data.contains("vipvault_health_open_events "));
    }
};

QTEST_GUILESS_MAIN(TestApiAlerts)
#include "tst_apialerts.moc"
