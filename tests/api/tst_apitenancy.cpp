// Tenancy: alice is a customer of vault acme. For every route of the OpenAPI document, filled with the ids of
// vault beta (its vault, a recording, its user bob), she must get 404 exactly as for an id that does not exist
// (never 403, which would confirm that the thing exists), and no byte of beta's data; for reseller-only routes
// on her own vault she gets 403; routes she may use work on her own vault. Refused requests change nothing.
#include "apitest.h"
#include "vaultcrypto/recoveryphrase.h"
#include "vaultcrypto/vaultkeys.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>

using namespace vv::apitest;

namespace {

const char kMissing[] = "987654321"; // an id no vault, recording or user has

// Routes with no vault data of anyone else to leak: public ones, and alice's own session (the session tests
// cover signing out and changing passwords).
const QSet<QString> kNotTenancyRoutes{"signIn", "health", "openapi", "signOut", "changePassword"};

enum class Target { Foreign, Missing, Own, NoIds };

} // namespace

class TestApiTenancy : public QObject
{
    Q_OBJECT
    // E-mail subscriptions need an SMTP server configured; none answers, and nothing here waits for one.
    AgentServer m_server{AgentServer::Options{
        false, {}, {}, QStringLiteral("[smtp]\nhost = 127.0.0.1\nport = 9\nsecurity = none\nfrom = v@example.com\n")}};
    QByteArray m_admin;
    qint64 m_acmeEvent = 0; // health events of each vault (its cap nearly reached)
    qint64 m_betaEvent = 0;
    qint64 m_aliceSubscription = 0; // alice's own; beta's made by the reseller
    qint64 m_betaSubscription = 0;
    QByteArray m_alice;
    qint64 m_acme = 0;
    qint64 m_beta = 0;
    qint64 m_acmeRecording = 0;
    qint64 m_betaRecording = 0;
    qint64 m_aliceId = 0;
    qint64 m_bobId = 0;
    QJsonObject m_betaSettings;
    QJsonObject m_acmeSettings;
    QList<QByteArray> m_betaMarkers;           // text and audio that only beta's data contains
    QMap<QString, ApiResult> m_foreignAnswers; // route key -> alice's answer with beta ids

    ApiResult asAdmin(const QByteArray &method, const QString &path, const QJsonValue &body = {},
                      const QUrlQuery &query = {})
    {
        auto client = makeClient(m_server, m_admin);
        return body.isUndefined() || body.isNull() ? sendBytes(*client, method, path, {}, query)
                                                   : sendJson(*client, method, path, body, query);
    }

    // "" when no beta marker is anywhere in the answer (body and header values).
    QString leaks(const ApiResult &r) const
    {
        QByteArray everything = r.data;
        for (auto it = r.headers.begin(); it != r.headers.end(); ++it)
            everything += '\n' + it.key() + ": " + it.value();
        for (const QByteArray &marker : m_betaMarkers)
            if (everything.contains(marker))
                return QStringLiteral("alice received beta's data (%1): %2")
                    .arg(marker.size() > 20 ? QStringLiteral("%1 audio bytes").arg(marker.size())
                                            : QString::fromUtf8(marker),
                         describe(r));
        return {};
    }

    QMap<QString, QString> ids(Target target) const
    {
        if (target == Target::Missing)
            return {{"vaultId", kMissing},
                    {"recordingId", kMissing},
                    {"userId", kMissing},
                    {"eventId", kMissing},
                    {"subscriptionId", kMissing}};
        if (target == Target::Foreign)
            return {{"vaultId", QString::number(m_beta)},
                    {"recordingId", QString::number(m_betaRecording)},
                    {"userId", QString::number(m_bobId)},
                    {"eventId", QString::number(m_betaEvent)},
                    {"subscriptionId", QString::number(m_betaSubscription)}};
        return {{"vaultId", QString::number(m_acme)},
                {"recordingId", QString::number(m_acmeRecording)},
                {"userId", QString::number(m_aliceId)},
                {"eventId", QString::number(m_acmeEvent)},
                {"subscriptionId", QString::number(m_aliceSubscription)}};
    }

    static QJsonObject customerKeyBody()
    {
        const vv::crypto::VaultKeyPair pair = vv::crypto::VaultKeyPair::generate();
        QString error;
        return QJsonObject{
            {"public_key", QString::fromLatin1(pair.publicKey.toBase64())},
            {"recovery", vv::crypto::wrapForRecovery(pair.secretKey, vv::crypto::newRecoveryPhrase(), &error)}};
    }

    static QJsonObject validBody(const QString &operationId)
    {
        static const QMap<QString, QJsonObject> bodies{
            {"createVault", QJsonObject{{"name", "alice-vault"}}},
            {"putSettings", QJsonObject{{"enabled", false}}},
            {"createUser", QJsonObject{{"username", "mallory"}, {"password", "long-enough-123"}}},
            {"patchUser", QJsonObject{{"disabled", true}}},
            {"putProtection", QJsonObject{{"protected", true}}},
            {"putAnnotation", QJsonObject{{"text", "a note from the tenancy test"}}},
            {"postErasure", QJsonObject{{"number", "07700900101"}, {"dry_run", true}}},
            {"putEncryption", QJsonObject{{"mode", "agent"}}},
            {"putCustomerKey", customerKeyBody()},
            {"createSubscription",
             QJsonObject{{"kind", "email"}, {"target", "alice@example.com"}, {"digest", true}, {"alerts", false}}},
        };
        return bodies.value(operationId);
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        std::tie(m_admin, m_alice, m_acme, m_beta) = std::tuple(s.admin, s.alice, s.acme, s.beta);

        using RecordingSlot = std::pair<qint64, qint64 *>;
        for (const auto &[vault, recording] :
             {RecordingSlot{m_acme, &m_acmeRecording}, RecordingSlot{m_beta, &m_betaRecording}}) {
            const ApiResult list = asAdmin("GET", QStringLiteral("/api/v1/vaults/%1/recordings").arg(vault), {},
                                           QUrlQuery{{"recorded", "true"}});
            API_CHECK(expectJson(list, 200));
            QVERIFY2(!items(list).isEmpty(), qPrintable(describe(list)));
            *recording = items(list).first().value("id").toInteger();
        }
        using UserSlot = std::tuple<qint64, qint64 *, const char *>;
        for (const auto &[vault, user, name] :
             {UserSlot{m_acme, &m_aliceId, "alice"}, UserSlot{m_beta, &m_bobId, "bob"}}) {
            const ApiResult list = asAdmin("GET", QStringLiteral("/api/v1/vaults/%1/users").arg(vault));
            API_CHECK(expectJson(list, 200));
            for (const QJsonObject &u : items(list))
                if (u.value("username").toString() == QLatin1String(name))
                    *user = u.value("id").toInteger();
            QVERIFY2(*user > 0, qPrintable(describe(list)));
        }
        // A health event in each vault, made by the agent itself: a cap set just above what the vault holds (95%,
        // nothing removed) opens "vault near its cap" at the monitor's next look.
        for (const auto &[vault, event] : {std::pair{m_acme, &m_acmeEvent}, std::pair{m_beta, &m_betaEvent}}) {
            const qint64 used = asAdmin("GET", QStringLiteral("/api/v1/vaults/%1").arg(vault))
                                    .json.object()
                                    .value("bytes_used")
                                    .toInteger();
            QVERIFY(used > 0);
            API_CHECK(expectJson(asAdmin("PUT", QStringLiteral("/api/v1/vaults/%1/settings").arg(vault),
                                         QJsonObject{{"storage", "cap"}, {"cap_bytes", used * 100 / 95}}),
                                 200));
            QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (const QJsonObject &e : items(asAdmin("GET", "/api/v1/health/events")))
                        if (e.value("vault_id").toInteger() == vault)
                            *event = e.value("id").toInteger();
                    return *event > 0;
                }(),
                15000);
        }
        {
            auto alice = makeClient(m_server, m_alice);
            const ApiResult own = sendJson(
                *alice, "POST", "/api/v1/subscriptions",
                QJsonObject{{"kind", "email"}, {"target", "alice@acme.example"}, {"digest", true}, {"alerts", false}});
            API_CHECK(expectJson(own, 201));
            m_aliceSubscription = own.json.object().value("id").toInteger();
            const ApiResult beta = asAdmin(
                "POST", "/api/v1/subscriptions",
                QJsonObject{{"kind", "email"}, {"target", "bob@beta.example"}, {"vault_id", m_beta}, {"digest", true}});
            API_CHECK(expectJson(beta, 201));
            m_betaSubscription = beta.json.object().value("id").toInteger();
        }
        m_betaSettings = asAdmin("GET", QStringLiteral("/api/v1/vaults/%1/settings").arg(m_beta)).json.object();
        m_acmeSettings = asAdmin("GET", QStringLiteral("/api/v1/vaults/%1/settings").arg(m_acme)).json.object();
        QVERIFY(!m_betaSettings.isEmpty() && !m_acmeSettings.isEmpty());

        // Text only beta's data holds (see agentserver.cpp), and slices of its audio past the Ogg headers, which
        // are alike in every file.
        m_betaMarkers = {"beta", "1614960", "300-399", "\"bob\""};
        auto audioOf = [this](const QString &vault) {
            QList<QByteArray> files;
            for (const CatalogueCall &c : m_server.catalogue(vault)) {
                QFile file(m_server.absolutePath(c.file));
                if (c.state == u"complete" && file.open(QIODevice::ReadOnly))
                    files << file.readAll();
            }
            return files;
        };
        const QList<QByteArray> acmeAudio = audioOf("acme");
        // Silence encodes to the same bytes in every file, so only slices found in no acme file prove a leak.
        for (const QByteArray &audio : audioOf("beta")) {
            int taken = 0;
            for (qsizetype at = audio.size() / 4; at + 48 <= audio.size() && taken < 3; at += 97) {
                const QByteArray slice = audio.mid(at, 48);
                if (std::none_of(acmeAudio.begin(), acmeAudio.end(),
                                 [&](const QByteArray &a) { return a.contains(slice); })) {
                    m_betaMarkers << slice;
                    ++taken;
                    at += audio.size() / 5;
                }
            }
        }
        QVERIFY2(m_betaMarkers.size() > 4, "beta has no audio on disk to look for");
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void everyRoute_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("operationId");
        QTest::addColumn<int>("target");
        QTest::addColumn<QList<int>>("expected");
        QString error;
        const QList<Route> routes = documentedRoutes(&error);
        QVERIFY2(!routes.isEmpty(), qPrintable(error));
        // Foreign and missing ids first; her own vault last, deleting her own user very last, because if the
        // agent wrongly allowed that, nothing after it would mean anything.
        QList<std::tuple<Route, Target>> rows;
        for (Target t : {Target::Foreign, Target::Missing, Target::NoIds, Target::Own})
            for (const Route &r : routes) {
                if (kNotTenancyRoutes.contains(r.operationId) || r.pathParams.isEmpty() != (t == Target::NoIds))
                    continue;
                if (t == Target::Own && (r.operationId == u"deleteUser" || r.operationId == u"deleteSubscription"))
                    continue;
                rows.append({r, t});
            }
        for (const char *last : {"deleteSubscription", "deleteUser"})
            for (const Route &r : routes)
                if (r.operationId == QLatin1String(last))
                    rows.append({r, Target::Own});
        for (const auto &[r, t] : rows) {
            QList<int> expected;
            if (t == Target::Foreign || t == Target::Missing)
                expected = {404};
            else if (!r.customerMay())
                expected = {403};
            else if (r.operationId == u"getRecovery") // alice's vault is not customer-held: no backup to fetch
                expected = {404};
            else if (r.operationId == u"putCustomerKey") // nor waiting for her key
                expected = {409};
            else
                expected = {200, 201, 202, 204};
            const char *label = t == Target::Foreign   ? "beta"
                                : t == Target::Missing ? "missing"
                                : t == Target::Own     ? "own"
                                                       : "";
            QTest::addRow("%s %s", label, qPrintable(r.key()))
                << r.method << fillPath(r.path, ids(t)) << r.operationId << int(t) << expected;
        }
    }

    void everyRoute()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, operationId);
        QFETCH(int, target);
        QFETCH(QList<int>, expected);
        const QList<Route> routes = documentedRoutes();
        const auto route =
            std::find_if(routes.begin(), routes.end(), [&](const Route &r) { return r.operationId == operationId; });
        QVERIFY(route != routes.end());
        QJsonObject body;
        if (route->hasBody) {
            body = validBody(operationId);
            QVERIFY2(!body.isEmpty(),
                     qPrintable("no valid body known for " + operationId + "; add one to validBody()"));
        }
        auto alice = makeClient(m_server, m_alice);
        ApiRequest request;
        request.method = method;
        request.path = path;
        if (route->hasBody)
            request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        if (operationId == u"getSubjectExport")
            request.query.addQueryItem("number", "07700900101");
        if (operationId == u"listAudit") // asking for beta's entries explicitly changes nothing
            request.query.addQueryItem("vault_id", QString::number(m_beta));
        const ApiResult r = send(*alice, request);
        API_CHECK(leaks(r));
        if (expected.first() >= 400)
            API_CHECK(expectProblemIn(r, expected));
        else
            QVERIFY2(expected.contains(r.httpStatus), qPrintable(describe(r)));
        if (r.httpStatus == 404)
            QVERIFY2(!r.headers.contains("content-range"),
                     qPrintable("a 404 with Content-Range: " + r.header("content-range")));

        const Target t = Target(target);
        const QString key = QString::fromLatin1(method) + QLatin1Char(' ') + route->path;
        if (t == Target::Foreign) {
            m_foreignAnswers.insert(key, r);
        } else if (t == Target::Missing && m_foreignAnswers.contains(key)) {
            // Same status and the same words (ids aside) for beta's things as for things that do not exist.
            const ApiResult foreign = m_foreignAnswers.value(key);
            QString foreignDetail = foreign.json.object().value("detail").toString();
            QString missingDetail = r.json.object().value("detail").toString();
            for (const QString &id : ids(Target::Foreign))
                foreignDetail.replace(id, "{id}");
            missingDetail.replace(QLatin1String(kMissing), "{id}");
            QCOMPARE(foreign.httpStatus, r.httpStatus);
            QCOMPARE(foreign.json.object().value("title"), r.json.object().value("title"));
            QCOMPARE(foreignDetail, missingDetail);
        }
    }

    // Audio of beta's recording with every option, and beta's listing with filters: still only 404s.
    void foreignVariants_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("range");
        QTest::newRow("audio range") << "/api/v1/recordings/{rec}/audio"
                                     << "" << QByteArray("bytes=0-99");
        QTest::newRow("audio suffix range") << "/api/v1/recordings/{rec}/audio"
                                            << "" << QByteArray("bytes=-10");
        QTest::newRow("audio unsatisfiable range") << "/api/v1/recordings/{rec}/audio"
                                                   << "" << QByteArray("bytes=999999999-");
        QTest::newRow("audio wav") << "/api/v1/recordings/{rec}/audio"
                                   << "format=wav" << QByteArray();
        QTest::newRow("audio download") << "/api/v1/recordings/{rec}/audio"
                                        << "download=true" << QByteArray();
        QTest::newRow("audio bad format") << "/api/v1/recordings/{rec}/audio"
                                          << "format=mp3" << QByteArray();
        QTest::newRow("list filtered") << "/api/v1/vaults/{vault}/recordings"
                                       << "number=1614960&limit=1" << QByteArray();
        QTest::newRow("list bad filter") << "/api/v1/vaults/{vault}/recordings"
                                         << "direction=sideways" << QByteArray();
        QTest::newRow("usage month") << "/api/v1/vaults/{vault}/usage"
                                     << "month=2026-11" << QByteArray();
    }

    void foreignVariants()
    {
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QByteArray, range);
        auto alice = makeClient(m_server, m_alice);
        ApiRequest request;
        request.path = QString(path)
                           .replace("{rec}", QString::number(m_betaRecording))
                           .replace("{vault}", QString::number(m_beta));
        request.query = QUrlQuery(query);
        if (!range.isEmpty())
            request.headers.append({QByteArray("Range"), range});
        const ApiResult r = send(*alice, request);
        API_CHECK(leaks(r));
        API_CHECK(expectProblem(r, 404)); // not 416, not 422: those would confirm the thing exists
        QVERIFY2(!r.headers.contains("content-range"), qPrintable("Content-Range: " + r.header("content-range")));
    }

    void ownListingHoldsOnlyOwnCalls()
    {
        auto alice = makeClient(m_server, m_alice);
        const QString path = QStringLiteral("/api/v1/vaults/%1/recordings").arg(m_acme);
        QList<QJsonObject> all;
        API_CHECK(collectPages(*alice, path, QUrlQuery{{"limit", "7"}}, &all));
        QSet<qint64> expected;
        for (const CatalogueCall &c : m_server.catalogue("acme"))
            expected.insert(c.id);
        QSet<qint64> got;
        for (const QJsonObject &item : all) {
            QCOMPARE(item.value("vault_id").toInteger(), m_acme);
            QVERIFY2(!item.value("sip_call_id").toString().startsWith("beta"),
                     qPrintable(item.value("sip_call_id").toString()));
            got.insert(item.value("id").toInteger());
        }
        QCOMPARE(got, expected);
        // Filters that only beta's calls match find nothing, instead of reaching across.
        for (const QUrlQuery &q : {QUrlQuery{{"number", "1614960"}}, QUrlQuery{{"extension", "301"}}}) {
            const ApiResult r = get(*alice, path, q);
            API_CHECK(expectJson(r, 200));
            QVERIFY2(items(r).isEmpty(), qPrintable(describe(r)));
            API_CHECK(leaks(r));
        }
        const ApiResult vaults = get(*alice, "/api/v1/vaults");
        API_CHECK(expectJson(vaults, 200));
        QCOMPARE(items(vaults).size(), 1);
        QCOMPARE(items(vaults).first().value("id").toInteger(), m_acme);
        API_CHECK(leaks(vaults));
    }

    // A cursor is client input: one taken from beta's listing must not open beta's rows in acme's listing.
    void foreignCursorStaysInOwnVault()
    {
        const ApiResult betaPage =
            asAdmin("GET", QStringLiteral("/api/v1/vaults/%1/recordings").arg(m_beta), {}, QUrlQuery{{"limit", "1"}});
        API_CHECK(expectJson(betaPage, 200));
        const QString cursor = betaPage.json.object().value("next_cursor").toString();
        QVERIFY2(!cursor.isEmpty(), qPrintable(describe(betaPage)));
        auto alice = makeClient(m_server, m_alice);
        const ApiResult r = get(*alice, QStringLiteral("/api/v1/vaults/%1/recordings").arg(m_acme),
                                QUrlQuery{{"cursor", cursor}, {"limit", "500"}});
        API_CHECK(leaks(r));
        if (r.httpStatus >= 400) {
            API_CHECK(expectProblemIn(r, {400, 422}));
            return;
        }
        API_CHECK(expectJson(r, 200));
        for (const QJsonObject &item : items(r))
            QCOMPARE(item.value("vault_id").toInteger(), m_acme);
    }

    // Everything alice was refused left no trace.
    void refusedRequestsChangedNothing()
    {
        QCOMPARE(asAdmin("GET", QStringLiteral("/api/v1/vaults/%1/settings").arg(m_beta)).json.object(),
                 m_betaSettings);
        QCOMPARE(asAdmin("GET", QStringLiteral("/api/v1/vaults/%1/settings").arg(m_acme)).json.object(),
                 m_acmeSettings);
        for (qint64 id : {m_betaRecording, m_acmeRecording}) {
            const QJsonObject rec = asAdmin("GET", QStringLiteral("/api/v1/recordings/%1").arg(id)).json.object();
            QCOMPARE(rec.value("state").toString(), QStringLiteral("complete"));
            QCOMPARE(rec.value("protected").toBool(), false);
        }
        for (qint64 vault : {m_acme, m_beta}) {
            const ApiResult users = asAdmin("GET", QStringLiteral("/api/v1/vaults/%1/users").arg(vault));
            API_CHECK(expectJson(users, 200));
            for (const QJsonObject &u : items(users)) {
                QVERIFY2(u.value("username").toString() != u"mallory", "alice created a user");
                QVERIFY2(!u.value("disabled").toBool(), qPrintable(u.value("username").toString() + " was disabled"));
            }
        }
        const ApiResult vaults = asAdmin("GET", "/api/v1/vaults");
        QCOMPARE(items(vaults).size(), 2);
        QString why;
        QVERIFY2(!signIn(m_server, "bob", m_server.password("bob"), &why).isEmpty(), qPrintable(why));
        QVERIFY2(!signIn(m_server, "alice", m_server.password("alice"), &why).isEmpty(), qPrintable(why));
    }

    // The same the other way round, briefly: bob (beta) and acme's recording.
    void otherCustomerSeesNothingOfAcme()
    {
        QString why;
        const QByteArray bob = signIn(m_server, "bob", m_server.password("bob"), &why);
        QVERIFY2(!bob.isEmpty(), qPrintable(why));
        auto client = makeClient(m_server, bob);
        for (const QString &path : {QStringLiteral("/api/v1/recordings/%1").arg(m_acmeRecording),
                                    QStringLiteral("/api/v1/recordings/%1/audio").arg(m_acmeRecording),
                                    QStringLiteral("/api/v1/vaults/%1").arg(m_acme),
                                    QStringLiteral("/api/v1/vaults/%1/recordings").arg(m_acme)}) {
            const ApiResult r = get(*client, path);
            API_CHECK(expectProblem(r, 404));
            QVERIFY2(!r.data.contains("acme") && !r.data.contains("07700900"), qPrintable(describe(r)));
        }
    }
};

QTEST_GUILESS_MAIN(TestApiTenancy)
#include "tst_apitenancy.moc"
