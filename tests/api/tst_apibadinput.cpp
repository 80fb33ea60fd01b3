// Hostile and broken requests on every route: malformed and wrongly typed JSON, bodies over the 1 MiB limit
// (declared and chunked), path tricks, odd ids, oversized headers, bad ranges, request smuggling shapes. The
// agent must answer each with a clear 4xx problem (never 5xx, never a dropped connection where an answer is
// possible) and keep serving afterwards. Sent over a raw TLS socket so nothing tidies the request up.
#include "apitest.h"

#include <QJsonDocument>
#include <QSslSocket>

using namespace vv::apitest;

namespace {

const QList<int> kClientErrors{400, 404, 405, 411, 413, 414, 415, 416, 422, 431};

QByteArray hugeJson(qsizetype size)
{
    return "{\"x\":\"" + QByteArray(size - 8, 'a') + "\"}";
}

} // namespace

class TestApiBadInput : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    QByteArray m_admin;
    QByteArray m_alice;           // for the routes only a customer may use (their own vault's key)
    QMap<QString, QString> m_ids; // path parameters of things that exist (acme, alice, one of acme's recordings)

    RawResponse exchange(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                         HeaderList headers = {}, bool chunked = false, bool asCustomer = false)
    {
        headers.prepend(qMakePair(QByteArray("Authorization"), bearer(asCustomer ? m_alice : m_admin)));
        if (!body.isEmpty() &&
            std::none_of(headers.begin(), headers.end(), [](const auto &h) { return h.first == "Content-Type"; }))
            headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        return rawExchange(m_server, rawRequest(method, target, headers, body, chunked));
    }

    QList<Route> routes(bool withBodyOnly)
    {
        QList<Route> out;
        for (const Route &r : documentedRoutes())
            if (!withBodyOnly || r.hasBody)
                out << r;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        m_admin = s.admin;
        m_alice = s.alice;
        auto admin = makeClient(m_server, m_admin);
        const QJsonObject me = get(*makeClient(m_server, s.alice), "/api/v1/me").json.object();
        const qint64 acme = s.acme;
        const ApiResult list =
            get(*admin, QStringLiteral("/api/v1/vaults/%1/recordings").arg(acme), QUrlQuery{{"recorded", "true"}});
        QVERIFY2(!items(list).isEmpty(), qPrintable(describe(list)));
        m_ids = {{"vaultId", QString::number(acme)},
                 {"recordingId", QString::number(items(list).first().value("id").toInteger())},
                 {"userId", QString::number(me.value("id").toInteger())}};
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void badBodies_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QList<int>>("expected");
        QTest::addColumn<bool>("asCustomer");
        const QList<std::tuple<const char *, QByteArray, QByteArray, QList<int>>> bodies{
            {"malformed", R"({"a":)", "application/json", {400}},
            {"trailing garbage", "{}garbage", "application/json", {400}},
            {"array", "[]", "application/json", {400, 422}},
            {"string", "\"text\"", "application/json", {400, 422}},
            {"number", "42", "application/json", {400, 422}},
            {"null", "null", "application/json", {400, 422}},
            {"unknown field only", R"({"__proto__":{}})", "application/json", {422}},
            {"invalid UTF-8", "{\"username\":\"\xff\xfe\"}", "application/json", {400, 422}},
            {"nesting bomb", QByteArray(100000, '['), "application/json", {400, 413, 422}},
            {"form encoded", "a=b&c=d", "application/x-www-form-urlencoded", {400, 415, 422}},
        };
        for (const Route &r : routes(true))
            for (const auto &[name, body, type, expected] : bodies)
                QTest::addRow("%s %s", qPrintable(r.key()), name)
                    << r.method << fillPath(r.path, m_ids).toLatin1() << body << type << expected
                    << !r.roles.contains(QStringLiteral("reseller")); // the reseller would get 403 first
    }

    void badBodies()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QList<int>, expected);
        QFETCH(bool, asCustomer);
        API_CHECK(expectRawProblem(exchange(method, target, body, {{"Content-Type", contentType}}, false, asCustomer),
                                   expected));
    }

    // The 1 MiB limit holds on every route, whatever the method, and for chunked bodies too.
    void oversizedBodies_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<bool>("chunked");
        for (const Route &r : routes(false)) {
            const QByteArray target = fillPath(r.path, m_ids).toLatin1();
            QTest::addRow("%s 2 MiB", qPrintable(r.key())) << r.method << target << qsizetype(2 << 20) << false;
            if (r.hasBody) {
                QTest::addRow("%s 1 MiB + 1", qPrintable(r.key()))
                    << r.method << target << qsizetype((1 << 20) + 1) << false;
                QTest::addRow("%s 2 MiB chunked", qPrintable(r.key()))
                    << r.method << target << qsizetype(2 << 20) << true;
            }
        }
    }

    void oversizedBodies()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(qsizetype, size);
        QFETCH(bool, chunked);
        // Chunked uploads are refused outright, before any byte of the body is read: 411 Length Required is
        // the precise answer for that; a declared length over the limit is 413.
        const RawResponse r = exchange(method, target, hugeJson(size), {}, chunked);
        // Bodies cpp-httplib 0.11 never reads (GET bodies, chunked uploads) are refused from the headers alone;
        // the answer is written at once, but a client still pushing megabytes when the connection closes can
        // get a TCP reset that discards it (timing-dependent, seen under load). That outcome is accepted here
        // only as "refused before reading": nothing was answered with success, and stillServing() checks the
        // agent is unharmed. Bodies httplib does read (declared length on POST/PUT/PATCH/DELETE) must give 413.
        const bool refusedUnread = chunked || method == "GET";
        if (refusedUnread && !r.answered && (r.status == 0 || r.status >= 400))
            return; // reset mid-answer: whatever arrived was not a success

        API_CHECK(expectRawProblem(r, chunked ? QList<int>{411, 413} : QList<int>{413}));
    }

    void pathTricks_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QList<int>>("expected");
        const QList<int> notFound{400, 404};
        for (const char *t :
             {"/api/v1/recordings/..%2f..%2fetc%2fpasswd/audio", "/api/v1/recordings/../../etc/passwd",
              "/api/v1/recordings/%2e%2e/%2e%2e/etc/passwd", "/api/v1/recordings/..%5c..%5cetc%5cpasswd/audio",
              "/api/v1/recordings/-1", "/api/v1/recordings/abc", "/api/v1/recordings/99999999999999999999",
              "/api/v1/recordings/1e3", "/api/v1/recordings/0x10", "/api/v1/recordings/1.0", "/api/v1/recordings/%00",
              "/api/v1/recordings/1%00", "/api/v1/recordings/%20", "/api/v1/recordings/1;x/audio",
              "/api/v1/vaults/-1/settings", "/api/v1/vaults/abc/recordings", "/api/v1/vaults/%E2%80%AE1",
              "/..%2f..%2fetc%2fpasswd", "/api/v1/recordings/0"})
            QTest::newRow(t) << QByteArray(t) << notFound;
        // That path exists for PATCH and DELETE: the right answer to GET is 405 with Allow (RFC 9110 §15.5.6).
        QTest::newRow("/api/v1/users/99999999999999999999")
            << QByteArray("/api/v1/users/99999999999999999999") << QList<int>{405};
        QTest::newRow("long id") << "/api/v1/recordings/" + QByteArray(4000, '9') << QList<int>{400, 404, 414};
        QTest::newRow("100 KB URL") << "/api/v1/vaults?x=" + QByteArray(100000, 'a') << QList<int>{400, 414, 431};
        const QByteArray list = "/api/v1/vaults/" + m_ids.value("vaultId").toLatin1() + "/recordings?";
        QTest::newRow("huge limit") << list + "limit=99999999999999999999" << QList<int>{422};
        QTest::newRow("NUL in number") << list + "number=%00" << QList<int>{400};
        QTest::newRow("bad percent") << list + "number=%zz" << QList<int>{200, 400, 422};
        QTest::newRow("repeated limit") << list + "limit=1&limit=2" << QList<int>{200, 400, 422};
        QTest::newRow("format traversal")
            << "/api/v1/recordings/" + m_ids.value("recordingId").toLatin1() + "/audio?format=../../etc/passwd"
            << QList<int>{422};
        QTest::newRow("month traversal") << "/api/v1/vaults/" + m_ids.value("vaultId").toLatin1() +
                                                "/usage?month=../../x"
                                         << QList<int>{422};
    }

    void pathTricks()
    {
        QFETCH(QByteArray, target);
        QFETCH(QList<int>, expected);
        const RawResponse r = exchange("GET", target);
        if (expected.contains(200) && r.status == 200)
            return;
        API_CHECK(expectRawProblem(r, expected));
        QVERIFY2(!r.body.contains("root:"), "the answer holds /etc/passwd");
    }

    void oversizedHeaders_data()
    {
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("100 KB header") << HeaderList{{"X-Long", QByteArray(100000, 'h')}} << QList<int>{400, 431};
        HeaderList many;
        for (int i = 0; i < 1000; ++i)
            many.append({"X-H" + QByteArray::number(i), QByteArray(50, 'v')});
        QTest::newRow("1000 headers") << many << QList<int>{200, 400, 431}; // 60 KB in all: serving it is fine too
        QTest::newRow("100 KB cookie") << HeaderList{{"Cookie", "a=" + QByteArray(100000, 'c')}}
                                       << QList<int>{400, 431};
    }

    void oversizedHeaders()
    {
        QFETCH(HeaderList, headers);
        QFETCH(QList<int>, expected);
        const RawResponse r = exchange("GET", "/api/v1/me", {}, headers);
        if (!(expected.contains(200) && r.status == 200))
            API_CHECK(expectRawProblem(r, expected));
    }

    void badRanges_data()
    {
        QTest::addColumn<QByteArray>("range");
        QByteArray bomb = "bytes=";
        for (int i = 0; i < 1000; ++i)
            bomb += QByteArray::number(i) + '-' + QByteArray::number(i) + ',';
        bomb.chop(1);
        for (const QByteArray &r :
             {QByteArray("bytes="), QByteArray("bytes=-"), QByteArray("bytes=--1"), QByteArray("bytes=1-2-3"),
              QByteArray("bytes=99999999999999999999999-"), QByteArray("bytes=-99999999999999999999999"),
              QByteArray("bytes=0-0,-1"), QByteArray("bytes= 1 - 2 , x"), QByteArray("bytes=1-0")})
            QTest::newRow(r.constData()) << r;
        QTest::newRow("1000 ranges") << bomb;
    }

    void badRanges()
    {
        QFETCH(QByteArray, range);
        const QByteArray target = "/api/v1/recordings/" + m_ids.value("recordingId").toLatin1() + "/audio";
        API_CHECK(expectRawProblem(exchange("GET", target, {}, {{"Range", range}}), {416}));
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QList<int>>("expected");
        const QByteArray auth = "Authorization: " + bearer(m_admin) + "\r\n";
        QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << QList<int>{400};
        QTest::newRow("unknown method") << "FOO /api/v1/me HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"
                                        << QList<int>{400, 404, 405, 501};
        // cpp-httplib 0.11 (Debian's) drops a header line without a colon before the agent sees the request;
        // the line is ignored, never interpreted, so the answer is the one the request gets without it.
        QTest::newRow("header without colon") << "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nnocolon\r\n" + auth + "\r\n"
                                              << QList<int>{200, 400};
        QTest::newRow("negative length")
            << QByteArray("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n")
            << QList<int>{400, 413};
        QTest::newRow("two different lengths")
            << QByteArray("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 30\r\n"
                          "Content-Type: application/json\r\n\r\n{}")
            << QList<int>{400};
        QTest::newRow("length and chunked")
            << QByteArray(
                   "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n"
                   "Content-Type: application/json\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
            << QList<int>{400, 422};
        QTest::newRow("unknown transfer coding")
            << QByteArray("POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n{}")
            << QList<int>{400, 411, 501};
        QTest::newRow("absolute URI to elsewhere")
            << "GET https://evil.example/api/v1/me HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n"
            << QList<int>{200, 400, 404};
    }

    void malformedRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(QList<int>, expected);
        const RawResponse r = rawExchange(m_server, request, {}, 15000);
        if (expected.contains(200) && r.status == 200)
            return;
        API_CHECK(expectRawProblem(r, expected));
    }

    // Plain HTTP on the TLS port cannot be answered in TLS; it must simply not hurt.
    void plainHttpOnTlsPort()
    {
        QTcpSocket socket;
        socket.connectToHost(m_server.host(), m_server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n");
        socket.waitForReadyRead(5000);
        const QByteArray answer = socket.readAll();
        QVERIFY2(!answer.contains("\"username\""), "the agent answered an API request over plain HTTP");
    }

    void stillServing()
    {
        QVERIFY(m_server.isRunning());
        auto anonymous = makeClient(m_server);
        API_CHECK(expectStatus(await([&](QObject *ctx, ResultHandler h) { return anonymous->health(ctx, h); }), 200));
        QString why;
        const QByteArray token = signIn(m_server, "admin", m_server.password("admin"), &why);
        QVERIFY2(!token.isEmpty(), qPrintable(why));
        API_CHECK(expectJson(get(*makeClient(m_server, token), "/api/v1/vaults"), 200));
        const QString log = m_server.standardError();
        QVERIFY2(!log.contains("Segmentation") && !log.contains("terminate called"), qPrintable(log.right(2000)));
    }
};

QTEST_GUILESS_MAIN(TestApiBadInput)
#include "tst_apibadinput.moc"
