// The client library itself (app/net), against a real agent: certificate pinning (untrusted, changed, and a pin
// change on a live keep-alive connection), which server addresses it accepts, problem details in results,
// cancelling, callbacks bound to their context's lifetime, streaming into a sink with progress, and the limit on
// buffered answers.
#include "apitest.h"
#include "certificatepin.h"

#include <QBuffer>
#include <QSignalSpy>

using namespace vv::apitest;
using vv::net::ApiError;

class TestApiClient : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    QByteArray m_admin;
    qint64 m_recording = 0;

    static ApiResult me(AgentClient &client)
    {
        return await([&](QObject *ctx, ResultHandler h) { return client.me(ctx, h); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        m_admin = s.admin;
        const QList<CatalogueCall> complete = completeCalls(m_server, "acme");
        QVERIFY(!complete.isEmpty());
        m_recording = complete.first().id;
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void untrustedCertificateIsReported()
    {
        AgentClient client;
        QVERIFY(client.setBaseUrl(m_server.baseUrl()));
        client.setToken(m_admin);
        const ApiResult r = me(client);
        QCOMPARE(r.error, ApiError::UntrustedCertificate);
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.certificateSha256, m_server.certificateSha256());
        QVERIFY2(r.errorString.contains("not trusted yet") && r.errorString.contains(m_server.certificateSha256()),
                 qPrintable(r.errorString));
        QVERIFY(r.data.isEmpty());
        // The user confirms the fingerprint: the same client now works.
        QVERIFY(client.setPinnedSha256(r.certificateSha256));
        QCOMPARE(me(client).httpStatus, 200);
    }

    void changedCertificateIsRefused()
    {
        AgentClient client;
        QVERIFY(client.setBaseUrl(m_server.baseUrl()));
        client.setToken(m_admin);
        QVERIFY(client.setPinnedSha256(m_server.certificateSha256()));
        QCOMPARE(me(client).httpStatus, 200); // leaves a keep-alive connection behind
        // A pin that no longer matches must be enforced on that live connection too, not only on new ones.
        QVERIFY(client.setPinnedSha256(QString(64, QLatin1Char('A'))));
        const ApiResult r = me(client);
        QCOMPARE(r.error, ApiError::CertificateChanged);
        QCOMPARE(r.httpStatus, 0);
        QCOMPARE(r.certificateSha256, m_server.certificateSha256());
        QVERIFY2(r.errorString.contains("changed"), qPrintable(r.errorString));
        QVERIFY(r.data.isEmpty());
    }

    void pinFormats()
    {
        const QString pin = m_server.certificateSha256();
        QString colons;
        for (int i = 0; i < pin.size(); i += 2)
            colons += (i ? ":" : "") + pin.mid(i, 2).toLower();
        QCOMPARE(vv::net::normalizePin(colons), pin);
        AgentClient client;
        QVERIFY(!client.setPinnedSha256("not a fingerprint"));
        QVERIFY(!client.setPinnedSha256(pin.left(63)));
        QVERIFY(client.pinnedSha256().isEmpty());
    }

    void baseUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("https") << "https://pbx.example:8443" << true;
        QTest::newRow("https with prefix") << "https://pbx.example/vault" << true;
        QTest::newRow("http loopback v4") << "http://127.0.0.1:8080" << true;
        QTest::newRow("http loopback 127/8") << "http://127.1.2.3:8080" << true;
        QTest::newRow("http localhost") << "http://localhost:8080" << true;
        QTest::newRow("http loopback v6") << "http://[::1]:8080" << true;
        QTest::newRow("http LAN") << "http://192.168.1.10:8080" << false;
        QTest::newRow("http name") << "http://pbx.example" << false;
        QTest::newRow("http localhost lookalike") << "http://localhost.evil.example" << false;
        QTest::newRow("ftp") << "ftp://pbx.example" << false;
        QTest::newRow("credentials in URL") << "https://admin:secret@pbx.example" << false;
        QTest::newRow("query") << "https://pbx.example/?token=x" << false;
        QTest::newRow("no host") << "https://" << false;
    }

    void baseUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        AgentClient client;
        QString why;
        QCOMPARE(client.setBaseUrl(QUrl(url), &why), accepted);
        QCOMPARE(why.isEmpty(), accepted);
    }

    // Refused before sending, and still asynchronous: the handler never runs inside the call that started it.
    void noServerAddress()
    {
        AgentClient client;
        bool calledSynchronously = true;
        bool called = false;
        ApiResult result;
        QObject context;
        client.me(&context, [&](const ApiResult &r) {
            called = true;
            result = r;
        });
        calledSynchronously = called;
        QTRY_VERIFY(called);
        QVERIFY(!calledSynchronously);
        QCOMPARE(result.error, ApiError::InvalidUrl);
        QVERIFY(!result.errorString.isEmpty());
    }

    void problemDetailsInResults()
    {
        auto client = makeClient(m_server, m_admin);
        const ApiResult missing = get(*client, "/api/v1/recordings/987654321");
        QCOMPARE(missing.error, ApiError::Http);
        QCOMPARE(missing.httpStatus, 404);
        QCOMPARE(missing.errorString, missing.json.object().value("detail").toString());
        QVERIFY(!missing.errorString.isEmpty());
        const ApiResult invalid =
            sendBytes(*client, "POST", "/api/v1/vaults", R"({"name":"has space","extensions":"1"})");
        QCOMPARE(invalid.httpStatus, 422);
        QCOMPARE(invalid.problemField, QStringLiteral("name"));
    }

    void unauthorizedSignalled()
    {
        auto client = makeClient(m_server, "forged-token-that-is-long-enough");
        QSignalSpy spy(client.get(), &AgentClient::authenticationRequired);
        QCOMPARE(me(*client).httpStatus, 401);
        QCOMPARE(spy.count(), 1);
    }

    void signInKeepsAndSignOutDropsToken()
    {
        auto client = makeClient(m_server);
        const ApiResult in = await(
            [&](QObject *ctx, ResultHandler h) { return client->signIn("admin", m_server.password("admin"), ctx, h); });
        QCOMPARE(in.httpStatus, 201);
        QVERIFY(client->hasToken());
        const QByteArray token = client->token();
        QCOMPARE(me(*client).httpStatus, 200);
        QCOMPARE(await([&](QObject *ctx, ResultHandler h) { return client->signOut(ctx, h); }).httpStatus, 204);
        QVERIFY(!client->hasToken());
        QCOMPARE(me(*makeClient(m_server, token)).httpStatus, 401);
    }

    void cancelReportsCancelled()
    {
        auto client = makeClient(m_server, m_admin);
        QObject context;
        bool called = false;
        ApiResult result;
        QPointer<ApiCall> call = client->downloadAudio(m_recording, {}, &context, [&](const ApiResult &r) {
            called = true;
            result = r;
        });
        call->cancel();
        QTRY_VERIFY(called);
        QCOMPARE(result.error, ApiError::Cancelled);
        QTRY_VERIFY(call.isNull()); // the call cleans itself up
    }

    void deadContextGetsNoCallback()
    {
        auto client = makeClient(m_server, m_admin);
        bool called = false;
        auto *context = new QObject;
        QPointer<ApiCall> call = client->me(context, [&](const ApiResult &) { called = true; });
        delete context;
        QTRY_VERIFY_WITH_TIMEOUT(call.isNull(), 10000);
        QVERIFY(!called);
    }

    void downloadIntoSinkWithProgress()
    {
        auto client = makeClient(m_server, m_admin);
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        vv::net::AudioRequest request;
        request.sink = &sink;
        qint64 lastReceived = -1;
        const ApiResult r = await([&](QObject *ctx, ResultHandler h) {
            return client->downloadAudio(m_recording, request, ctx, h, [&](qint64 received, qint64) {
                QVERIFY(received >= lastReceived);
                lastReceived = received;
            });
        });
        QCOMPARE(r.httpStatus, 200);
        QVERIFY(r.data.isEmpty());
        const QByteArray file = audioFile(m_server, m_recording);
        QCOMPARE(sink.data(), file);
        QCOMPARE(lastReceived, qint64(file.size()));
        // An error answer never lands in the sink.
        QBuffer other;
        other.open(QIODevice::WriteOnly);
        request.sink = &other;
        const ApiResult missing =
            await([&](QObject *ctx, ResultHandler h) { return client->downloadAudio(987654321, request, ctx, h); });
        QCOMPARE(missing.httpStatus, 404);
        QVERIFY(other.data().isEmpty());
    }

    void oversizedAnswerRefused()
    {
        auto client = makeClient(m_server);
        ApiRequest r;
        r.path = "/api/v1/openapi.json";
        r.maxResponseBytes = 1000;
        const ApiResult result = send(*client, r);
        QCOMPARE(result.error, ApiError::Protocol);
        QVERIFY(result.data.size() <= 1000);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
