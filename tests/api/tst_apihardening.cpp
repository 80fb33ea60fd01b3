// Regression tests for what a security test of the agent found (issue 14's table): request smuggling and
// malformed heads, header floods, pipelining, a NUL in a filter, answers in one write, CBC suites, file modes,
// typed user names in the audit log, a customer reading reseller settings, an extension pattern that escapes its
// anchors, audio fetched by range and not audited, a legal hold lost to a race, and an unreadable catalogue
// read as "empty".
#include "apitest.h"
#include "rawconversation.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>
#include <sys/stat.h>

using namespace vv::apitest;

class TestApiHardening : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    SignedInAgent m_agent;

    ApiResult as(const QByteArray &token, const QByteArray &method, const QString &path, const QByteArray &body = {},
                 const QUrlQuery &query = {})
    {
        return sendBytes(*makeClient(m_server, token), method, path, body, query);
    }
    QByteArray head(const QByteArray &method, const QByteArray &target, const QByteArray &fields)
    {
        return method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + fields + "\r\n";
    }

private Q_SLOTS:
    void initTestCase() { API_CHECK(startSignedIn(m_server, &m_agent)); }
    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    // Row 4: the body of a refused GET, arriving later, was run as a request (a DELETE of the session).
    void aRefusedBodyNeverRuns()
    {
        const QByteArray smuggled = head("DELETE", "/api/v1/session", "Authorization: Bearer " + m_agent.bob + "\r\n");
        const QByteArray first =
            head("GET", "/healthz", "Content-Length: " + QByteArray::number(smuggled.size()) + "\r\n");
        const Conversation c = converse(m_server, {first, smuggled}, 300);
        QVERIFY2(c.connected, qPrintable(c.error));
        QCOMPARE(c.statuses(), QList<int>{400});
        QVERIFY2(c.closedByServer, "the connection stayed open after a refused body");
        API_CHECK(expectJson(get(*makeClient(m_server, m_agent.bob), "/api/v1/me"), 200)); // bob is still signed in
    }

    void malformedHeadsAreRefusedAndClosed_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("space before the colon")
            << head("POST", "/api/v1/session", "Transfer-Encoding : chunked\r\n") + "0\r\n\r\n"
            << 400;
        QTest::newRow("folded line") << head("GET", "/healthz", "X-A: one\r\n two\r\n") << 400;
        QTest::newRow("chunked") << head("POST", "/api/v1/session", "Transfer-Encoding: chunked\r\n") + "0\r\n\r\n"
                                 << 411;
        QTest::newRow("gzip coding") << head("POST", "/api/v1/session", "Transfer-Encoding: gzip\r\n") << 400;
        QByteArray many;
        for (int i = 0; i < 150; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("150 fields") << head("GET", "/healthz", many) << 431;
        QTest::newRow("70 KiB of fields")
            << head("GET", "/healthz", "X: " + QByteArray(70 * 1024, 'a') + "\r\n") << 431;
    }

    void malformedHeadsAreRefusedAndClosed()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const Conversation c = converse(m_server, {request, head("GET", "/healthz", {})}, 200);
        QVERIFY2(c.connected, qPrintable(c.error));
        QCOMPARE(c.statuses(), QList<int>{status});
        QVERIFY(c.closedByServer);
    }

    // Row 5: 200,000 header lines were accepted and 100 MB kept. Now: refused at the 101st, memory flat.
    void aHeaderFloodIsCutShort()
    {
        QByteArray flood;
        for (int i = 0; i < 200000; ++i)
            flood += "X: " + QByteArray::number(i) + "\r\n";
        const Conversation c = converse(m_server, {"GET /api/v1/healthz HTTP/1.1\r\nHost: a\r\n" + flood}, 0, 10000);
        QCOMPARE(c.statuses(), QList<int>{431});
    }

    // Row 10: a second pipelined request was never answered.
    void pipelinedRequestsAreAllAnswered()
    {
        const QByteArray one = head("GET", "/healthz", {});
        const QByteArray last = head("GET", "/healthz", "Connection: close\r\n");
        const Conversation c = converse(m_server, {one + one + last});
        QCOMPARE(c.statuses(), (QList<int>{200, 200, 200}));
    }

    // Row 10: a NUL in the number filter answered 503 "busy".
    void controlCharactersInAFilterAre400()
    {
        for (const QByteArray &number : {QByteArray("%00123"), QByteArray("12%0a3")}) {
            const RawResponse r = rawExchange(
                m_server,
                rawRequest("GET", "/api/v1/vaults/" + QByteArray::number(m_agent.acme) + "/recordings?number=" + number,
                           {{"Authorization", bearer(m_agent.admin)}}));
            API_CHECK(expectRawProblem(r, {400}));
        }
    }

    // Row 10: head and body went out in two writes, and the body waited for a delayed ACK (~40 ms a request).
    void anAnswerArrivesInOnePiece()
    {
        QSslSocket s;
        s.setPeerVerifyMode(QSslSocket::VerifyNone);
        s.connectToHostEncrypted(m_server.host(), m_server.port());
        QVERIFY(s.waitForEncrypted(10000));
        for (int i = 0; i < 5; ++i) {
            s.write(head("GET", "/healthz", {}));
            QVERIFY(s.waitForReadyRead(10000));
            const QByteArray first = s.readAll();
            const qsizetype end = first.indexOf("\r\n\r\n");
            QVERIFY2(end > 0, first.constData());
            const qsizetype at = first.toLower().indexOf("content-length: ");
            QVERIFY(at > 0);
            const qint64 length = first.mid(at + 16, first.indexOf('\r', at) - at - 16).toLongLong();
            QVERIFY2(first.size() == end + 4 + length,
                     qPrintable(
                         QStringLiteral("the first read held %1 of %2 bytes").arg(first.size()).arg(end + 4 + length)));
        }
    }

    // Row 10: TLS 1.2 offered CBC suites. Only ECDHE with AEAD now; TLS 1.3 as before.
    void onlyAeadSuites_data()
    {
        QTest::addColumn<QString>("cipher");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("ECDHE-ECDSA-AES128-GCM-SHA256") << "ECDHE-ECDSA-AES128-GCM-SHA256" << true;
        QTest::newRow("ECDHE-ECDSA-CHACHA20-POLY1305") << "ECDHE-ECDSA-CHACHA20-POLY1305" << true;
        QTest::newRow("ECDHE-ECDSA-AES128-SHA (CBC)") << "ECDHE-ECDSA-AES128-SHA" << false;
        QTest::newRow("ECDHE-ECDSA-AES256-SHA384 (CBC)") << "ECDHE-ECDSA-AES256-SHA384" << false;
        QTest::newRow("AES128-GCM-SHA256 (no forward secrecy)") << "AES128-GCM-SHA256" << false;
    }

    void onlyAeadSuites()
    {
        QFETCH(QString, cipher);
        QFETCH(bool, accepted);
        const QSslCipher c(cipher);
        if (c.isNull())
            QSKIP("this TLS library does not know the suite");
        QSslSocket s;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setProtocol(QSsl::TlsV1_2);
        conf.setCiphers({c});
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        s.setSslConfiguration(conf);
        s.connectToHostEncrypted(m_server.host(), m_server.port());
        QCOMPARE(s.waitForEncrypted(10000), accepted);
    }

    // Row 10: files were 0644 when the agent ran outside systemd.
    void dataFilesAreTheAgentsAlone()
    {
        QDirIterator it(m_server.dataDir(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        int checked = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            struct stat st = {};
            QVERIFY(::lstat(path.toLocal8Bit().constData(), &st) == 0);
            QVERIFY2((st.st_mode & 077) == 0,
                     qPrintable(QStringLiteral("%1 is mode %2").arg(path).arg(st.st_mode & 0777, 0, 8)));
            ++checked;
        }
        QVERIFY(checked > 10);
    }

    // Row 10: user names of failed sign-ins were stored as typed (people type passwords there).
    void typedUserNamesAreNotKept()
    {
        const QString typed = QStringLiteral("Hunter2-typed-in-the-wrong-box");
        QString failure;
        QVERIFY(signIn(m_server, typed, QStringLiteral("x"), &failure).isEmpty());
        const ApiResult audit = as(m_agent.admin, "GET", "/api/v1/audit", {}, QUrlQuery{{"action", "sign_in_failed"}});
        API_CHECK(expectJson(audit, 200));
        QVERIFY(!audit.data.contains(typed.toUtf8()));
        QVERIFY(audit.data.contains("(unknown user)"));
        QVERIFY(!m_server.standardError().contains(typed));
        // A real account's failures still name it.
        QVERIFY(signIn(m_server, QStringLiteral("alice"), QStringLiteral("wrong"), &failure).isEmpty());
        const ApiResult again = as(m_agent.admin, "GET", "/api/v1/audit", {}, QUrlQuery{{"action", "sign_in_failed"}});
        QVERIFY(again.data.contains("\"alice\""));
    }

    // Row 9: a customer read the cap, price and excluded list through GET /vaults/{id}.
    void customersSeeNoSettings()
    {
        for (const QString &path :
             {QStringLiteral("/api/v1/vaults/%1").arg(m_agent.acme), QStringLiteral("/api/v1/vaults")}) {
            const ApiResult r = as(m_agent.alice, "GET", path);
            API_CHECK(expectJson(r, 200));
            QVERIFY2(!r.data.contains("settings") && !r.data.contains("price") && !r.data.contains("cap_bytes"),
                     r.data.constData());
        }
        const ApiResult reseller = as(m_agent.admin, "GET", QStringLiteral("/api/v1/vaults/%1").arg(m_agent.acme));
        QVERIFY(reseller.json.object().contains("settings"));
    }

    // Row 7: "9\d\d)|(.*" was accepted and then matched every number.
    void extensionPatternsStayAnchored_data()
    {
        QTest::addColumn<QByteArray>("pattern");
        QTest::newRow("closes the wrapper") << QByteArray("9\\\\d\\\\d)|(.*");
        QTest::newRow("accept verb") << QByteArray("(*ACCEPT)9");
        QTest::newRow("unbalanced") << QByteArray("(9");
    }

    void extensionPatternsStayAnchored()
    {
        QFETCH(QByteArray, pattern);
        const ApiResult r = as(m_agent.admin, "PUT", QStringLiteral("/api/v1/vaults/%1/settings").arg(m_agent.beta),
                               "{\"extension_pattern\":\"" + pattern + "\"}");
        API_CHECK(expectProblem(r, 422, "extension_pattern"));
    }

    // Row 8: audio fetched with "Range: bytes=1-" left no audit entry.
    void everyAudioAnswerIsAudited()
    {
        const QList<CatalogueCall> calls = completeCalls(m_server, "acme");
        QVERIFY(!calls.isEmpty());
        const QDateTime since = QDateTime::currentDateTimeUtc();
        const ApiResult r = audio(m_server, m_agent.alice, calls.first().id, "bytes=1-");
        API_CHECK(expectStatus(r, 206));
        API_CHECK(expectAuditEntry(m_server, m_agent.admin, "play", "alice", calls.first().id, m_agent.acme, since));
        // Seeking again within minutes is the same listening: one entry, not one per range.
        API_CHECK(expectStatus(audio(m_server, m_agent.alice, calls.first().id, "bytes=100-"), 206));
        const ApiResult audit = as(m_agent.admin, "GET", "/api/v1/audit", {},
                                   QUrlQuery{{"action", "play"}, {"user", "alice"}, {"limit", "500"}});
        int entries = 0;
        for (const QJsonObject &e : items(audit))
            entries += e.value("recording_id").toInteger() == calls.first().id;
        QCOMPARE(entries, 1);
    }

    // Row 6: protect and delete sent together; 3 of 60 times both succeeded and the protected audio was gone.
    void aLegalHoldNeverLosesARace()
    {
        const QList<CatalogueCall> calls = completeCalls(m_server, "beta") + completeCalls(m_server, "acme").mid(1);
        QVERIFY(calls.size() >= 6);
        auto protector = makeClient(m_server, m_agent.admin);
        auto deleter = makeClient(m_server, m_agent.admin);
        int protectedWon = 0;
        int deleteWon = 0;
        for (const CatalogueCall &c : calls.mid(0, 6)) {
            ApiResult protect;
            ApiResult del;
            int pending = 2;
            ApiRequest p;
            p.method = "PUT";
            p.path = QStringLiteral("/api/v1/recordings/%1/protection").arg(c.id);
            p.body = R"({"protected":true})";
            ApiRequest d;
            d.method = "DELETE";
            d.path = QStringLiteral("/api/v1/recordings/%1").arg(c.id);
            protector->send(p, this, [&](const ApiResult &r) { protect = r, --pending; });
            deleter->send(d, this, [&](const ApiResult &r) { del = r, --pending; });
            QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 30000);
            const bool held = protect.httpStatus == 200;
            const bool deleted = del.httpStatus == 204;
            QVERIFY2(held != deleted,
                     qPrintable(QStringLiteral("protect %1, delete %2").arg(describe(protect), describe(del))));
            const auto row = m_server.catalogueCall(c.id);
            QVERIFY(row.has_value());
            if (held) {
                ++protectedWon;
                API_CHECK(expectProblem(del, 409));
                QCOMPARE(row->state, QStringLiteral("complete"));
                QVERIFY(QFileInfo::exists(m_server.absolutePath(row->file)));
            } else {
                ++deleteWon;
                API_CHECK(expectProblem(protect, 409)); // nothing left to hold
                QCOMPARE(row->state, QStringLiteral("deleted"));
            }
        }
        qInfo("protect won %d, delete won %d", protectedWon, deleteWon);
    }

    // An unreadable catalogue answered "no recordings" / total 0; now 503 with a problem document. The calls table
    // is renamed away under the running agent (its queries then fail as on a damaged file), then put back.
    void anUnreadableCatalogueIsAnOutageNotEmpty()
    {
        const QString recordings = QStringLiteral("/api/v1/vaults/%1/recordings").arg(m_agent.acme);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            db.setDatabaseName(m_server.dataDir() + QStringLiteral("/catalogue.sqlite"));
            QVERIFY(QFileInfo::exists(db.databaseName()));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral("ALTER TABLE calls RENAME TO calls_away")),
                     qPrintable(q.lastError().text()));
            for (const QString &path : {recordings, QStringLiteral("/api/v1/recordings/1")}) {
                const ApiResult r = as(m_agent.alice, "GET", path);
                API_CHECK(expectProblem(r, 503));
                QVERIFY(!r.data.contains("\"items\""));
            }
            const ApiResult metrics = as(m_agent.admin, "GET", "/metrics");
            QVERIFY2(metrics.data.contains("vipvault_api_failures_total{kind=\"catalogue\"} "),
                     metrics.data.constData());
            QVERIFY(!metrics.data.contains("vipvault_api_failures_total{kind=\"catalogue\"} 0\n"));
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE calls_away RENAME TO calls")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));
        API_CHECK(expectJson(as(m_agent.alice, "GET", recordings), 200));
        QVERIFY(m_server.standardError().contains(QStringLiteral("catalogue read failed")));
    }
};

QTEST_GUILESS_MAIN(TestApiHardening)
#include "tst_apihardening.moc"
