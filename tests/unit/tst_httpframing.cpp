// The API's request-head reader: what it accepts, what it refuses and with
// which status. Each refused row is a way a proxy and a server could read the
// same bytes differently (RFC 9112 §11.2) or a way to make the agent hold
// memory; the accepted rows are what real clients (Qt, curl, browsers) send.
#include "api/httpframing.h"

#include <QTest>

using namespace vv::agent;

namespace {

std::string head(const std::string &requestLine, const std::string &fields)
{
    return requestLine + "\r\n" + fields + "\r\n";
}

} // namespace

class TestHttpFraming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusals_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status"); // 0 = accepted

        auto row = [](const char *name, const std::string &h, int status) {
            QTest::newRow(name) << QByteArray::fromStdString(h) << status;
        };
        row("plain GET", head("GET /api/v1/healthz HTTP/1.1", "Host: a\r\n"), 0);
        row("HTTP/1.0 without Host", head("GET / HTTP/1.0", ""), 0);
        row("POST with length", head("POST /api/v1/session HTTP/1.1", "Host: a\r\nContent-Length: 10\r\n"), 0);
        row("100-continue", head("PUT /x HTTP/1.1", "Host: a\r\nContent-Length: 3\r\nExpect: 100-continue\r\n"), 0);
        row("tab in a value", head("GET / HTTP/1.1", "Host: a\r\nX-A: b\tc\r\n"), 0);
        row("100 fields",
            head(
                "GET / HTTP/1.1", "Host: a\r\n" +
                                      [] {
                                          std::string f;
                                          for (int i = 0; i < 99; ++i)
                                              f += "X-" + std::to_string(i) + ": v\r\n";
                                          return f;
                                      }()),
            0);

        row("folded line", head("GET / HTTP/1.1", "Host: a\r\nX-A: one\r\n two\r\n"), 400);
        row("folded Transfer-Encoding", head("POST / HTTP/1.1", "Host: a\r\nTransfer-Encoding:\r\n chunked\r\n"), 400);
        row("space before colon", head("POST / HTTP/1.1", "Host: a\r\nTransfer-Encoding : chunked\r\n"), 400);
        row("bare LF", "GET / HTTP/1.1\nHost: a\n\n", 400);
        row("bare LF in a field", head("GET / HTTP/1.1", "Host: a\nX: b\r\n"), 400);
        row("NUL in a value", head("GET / HTTP/1.1", std::string("Host: a\r\nX: a\0b\r\n", 19)), 400);
        row("chunked", head("POST / HTTP/1.1", "Host: a\r\nTransfer-Encoding: chunked\r\n"), 411);
        row("gzip transfer coding", head("POST / HTTP/1.1", "Host: a\r\nTransfer-Encoding: gzip\r\n"), 400);
        row("identity and length",
            head("POST / HTTP/1.1", "Host: a\r\nTransfer-Encoding: identity\r\nContent-Length: 4\r\n"), 400);
        row("length then chunked",
            head("POST / HTTP/1.1", "Host: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n"), 400);
        row("two equal lengths", head("POST / HTTP/1.1", "Host: a\r\nContent-Length: 4\r\nContent-Length: 4\r\n"), 400);
        row("two lengths", head("POST / HTTP/1.1", "Host: a\r\nContent-Length: 4\r\nContent-Length: 5\r\n"), 400);
        row("signed length", head("POST / HTTP/1.1", "Host: a\r\nContent-Length: +4\r\n"), 400);
        row("length too big", head("POST / HTTP/1.1", "Host: a\r\nContent-Length: 99999999999999999999999\r\n"), 400);
        row("no Host", head("GET / HTTP/1.1", "X: y\r\n"), 400);
        row("two Hosts", head("GET / HTTP/1.1", "Host: a\r\nHost: b\r\n"), 400);
        row("HTTP/2.0", head("GET / HTTP/2.0", "Host: a\r\n"), 400);
        row("absolute form", head("GET http://evil/ HTTP/1.1", "Host: a\r\n"), 400);
        row("asterisk form", head("OPTIONS * HTTP/1.1", "Host: a\r\n"), 400);
        row("unknown method", head("BREW /pot HTTP/1.1", "Host: a\r\n"), 501);
        row("other expectation", head("PUT /x HTTP/1.1", "Host: a\r\nContent-Length: 3\r\nExpect: 200-ok\r\n"), 417);
        row("NUL in the query", head("GET /r?number=%00123 HTTP/1.1", "Host: a\r\n"), 400);
        row("line break in the query", head("GET /r?number=1%0d%0aX:%20y HTTP/1.1", "Host: a\r\n"), 400);
        row("bad escape in the path", head("GET /a%zz HTTP/1.1", "Host: a\r\n"), 400);
        row("truncated escape", head("GET /a%4 HTTP/1.1", "Host: a\r\n"), 400);
        row("101 fields",
            head(
                "GET / HTTP/1.1", "Host: a\r\n" +
                                      [] {
                                          std::string f;
                                          for (int i = 0; i < 100; ++i)
                                              f += "X-" + std::to_string(i) + ": v\r\n";
                                          return f;
                                      }()),
            431);
        row("a megabyte of head", head("GET / HTTP/1.1", "Host: a\r\n" + std::string(200000 * 5, 'x')), 431);
        row("a 70 KiB field", head("GET / HTTP/1.1", "Host: a\r\nX: " + std::string(70 * 1024, 'v') + "\r\n"), 431);
        row("a 64 KiB field", head("GET / HTTP/1.1", "Host: a\r\nX: " + std::string(65534, 'v') + "\r\n"), 431);
        row("a 9 KiB target", head("GET /" + std::string(9 * 1024, 'a') + " HTTP/1.1", "Host: a\r\n"), 414);
    }

    void refusals()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        const std::string_view view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
        const http::Head h = http::parseHead(view);
        QVERIFY2(h.refusal == status, qPrintable(QStringLiteral("status %1 (%2), expected %3")
                                                     .arg(h.refusal)
                                                     .arg(QString::fromStdString(h.detail))
                                                     .arg(status)));
        if (status != 0) {
            QVERIFY2(!h.detail.empty(), "a refusal says why");
            QVERIFY(!h.keepAlive);
        }
    }

    void accepted()
    {
        const std::string bytes = head("PUT /api/v1/vaults/3/settings?dry_run=true&number=%2B44+20&empty= HTTP/1.1",
                                       "Host: a\r\nContent-Length: 12\r\nConnection: keep-alive\r\n"
                                       "Authorization: Bearer abc\r\n");
        const http::Head h = http::parseHead(bytes);
        QCOMPARE(h.refusal, 0);
        QCOMPARE(h.request.method, std::string("PUT"));
        QCOMPARE(h.request.path, std::string("/api/v1/vaults/3/settings"));
        QCOMPARE(h.request.param("dry_run"), std::string("true"));
        QCOMPARE(h.request.param("number"), std::string("+44 20"));
        QVERIFY(h.request.hasParam("empty"));
        QCOMPARE(h.request.header("authorization"), std::string("Bearer abc"));
        QCOMPARE(h.contentLength, std::size_t{12});
        QVERIFY(h.keepAlive);
        QVERIFY(!h.expectContinue);

        const http::Head closing = http::parseHead(head("GET / HTTP/1.1", "Host: a\r\nConnection: close\r\n"));
        QCOMPARE(closing.refusal, 0);
        QVERIFY(!closing.keepAlive);
        const http::Head old = http::parseHead(head("GET / HTTP/1.0", ""));
        QVERIFY(!old.keepAlive);
    }

    void headLength_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("length");
        QTest::newRow("incomplete") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << 0;
        QTest::newRow("complete") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << 27;
        QTest::newRow("with a body after") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nab") << 38;
        QTest::newRow("pipelined") << QByteArray("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\n\r\n") << 28;
        QTest::newRow("bare LFs (found, refused later)") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << 24;
        QTest::newRow("nothing") << QByteArray() << 0;
    }

    void headLength()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, length);
        QCOMPARE(int(http::headLength(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())))),
                 length);
    }

    void percentDecode_data()
    {
        QTest::addColumn<QByteArray>("in");
        QTest::addColumn<bool>("plusIsSpace");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArray>("out");
        QTest::newRow("plain") << QByteArray("abc") << false << true << QByteArray("abc");
        QTest::newRow("escape") << QByteArray("%2B44") << true << true << QByteArray("+44");
        QTest::newRow("plus in a query") << QByteArray("a+b") << true << true << QByteArray("a b");
        QTest::newRow("plus in a path") << QByteArray("a+b") << false << true << QByteArray("a+b");
        QTest::newRow("lower-case hex") << QByteArray("%c3%a9") << false << true << QByteArray("\xc3\xa9");
        QTest::newRow("truncated") << QByteArray("ab%2") << false << false << QByteArray();
        QTest::newRow("not hex") << QByteArray("%g1") << false << false << QByteArray();
        QTest::newRow("lone percent") << QByteArray("%") << false << false << QByteArray();
    }

    void percentDecode()
    {
        QFETCH(QByteArray, in);
        QFETCH(bool, plusIsSpace);
        QFETCH(bool, ok);
        QFETCH(QByteArray, out);
        std::string decoded;
        QCOMPARE(http::percentDecode(std::string_view(in.constData(), static_cast<std::size_t>(in.size())), &decoded,
                                     plusIsSpace),
                 ok);
        if (ok)
            QCOMPARE(QByteArray::fromStdString(decoded), out);
    }
};

QTEST_GUILESS_MAIN(TestHttpFraming)
#include "tst_httpframing.moc"
