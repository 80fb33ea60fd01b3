// The OpenAPI document is the contract between agent and app, so it must describe exactly what the agent
// serves: the served copy equals the repository's, every route the agent registers is documented and every
// documented route is registered (and answers as registered, not with "no such route").
#include "apitest.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

using namespace vv::apitest;

namespace {

// Parameter names are cosmetic ({vaultId} vs {id}); what must match is method, literal segments and arity.
QString normalizedRoute(const QString &method, const QString &path)
{
    static const QRegularExpression param(QStringLiteral("\\{[^}]*\\}"));
    QString p = path;
    return method.toUpper() + QLatin1Char(' ') + p.replace(param, QStringLiteral("{}"));
}

} // namespace

class TestApiOpenApi : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    QByteArray m_admin;

    qint64 vaultIdOf(const QString &name)
    {
        auto client = makeClient(m_server, m_admin);
        for (const QJsonObject &v : items(get(*client, QStringLiteral("/api/v1/vaults"))))
            if (v.value(QStringLiteral("name")).toString() == name)
                return v.value(QStringLiteral("id")).toInteger();
        return 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        m_admin = s.admin;
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void servedDocumentEqualsRepository()
    {
        QString error;
        const QJsonObject repo = openApiDocument(&error);
        QVERIFY2(error.isEmpty() && !repo.isEmpty(), qPrintable(error));
        auto anonymous = makeClient(m_server); // public route: no token
        const ApiResult r = get(*anonymous, QStringLiteral("/api/v1/openapi.json"));
        API_CHECK(expectJson(r, 200));
        if (r.json.object() != repo) {
            QStringList differing;
            const QJsonObject served = r.json.object();
            for (const QString &key : served.keys() + repo.keys())
                if (served.value(key) != repo.value(key) && !differing.contains(key))
                    differing << key;
            QFAIL(qPrintable(QStringLiteral("served document differs from %1 in: %2")
                                 .arg(openApiPath(), differing.join(QStringLiteral(", ")))));
        }
    }

    // The document itself has to be coherent for the other tests (and the app) to rely on it.
    void documentIsCoherent()
    {
        QString error;
        const QList<Route> routes = documentedRoutes(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(routes.size() >= 20);
        QStringList problems;
        QSet<QString> operationIds;
        for (const Route &r : routes) {
            if (!r.operation.contains(QStringLiteral("x-roles")))
                problems << r.key() + ": no x-roles";
            for (const QString &role : r.roles)
                if (role != u"reseller" && role != u"customer")
                    problems << r.key() + ": unknown role " + role;
            const bool publicBySecurity = r.operation.contains(QStringLiteral("security")) &&
                                          r.operation.value(QStringLiteral("security")).toArray().isEmpty();
            if (publicBySecurity != r.isPublic())
                problems << r.key() + ": x-roles and security disagree on whether the route is public";
            if (r.operationId.isEmpty() || operationIds.contains(r.operationId))
                problems << r.key() + ": missing or duplicate operationId " + r.operationId;
            operationIds.insert(r.operationId);
            QStringList declared;
            for (const QJsonValue &p : r.operation.value(QStringLiteral("parameters")).toArray())
                if (p.toObject().value(QStringLiteral("in")).toString() == u"path")
                    declared << p.toObject().value(QStringLiteral("name")).toString();
            for (const QString &p : r.pathParams)
                if (!declared.contains(p))
                    problems << r.key() + ": path parameter " + p + " not declared";
            const QJsonObject responses = r.operation.value(QStringLiteral("responses")).toObject();
            if (!r.isPublic() && !responses.contains(QStringLiteral("401")))
                problems << r.key() + ": protected route does not document 401";
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void registeredRoutesMatchDocument()
    {
        QByteArray out;
        QByteArray err;
        const int code = m_server.runCli({QStringLiteral("routes")}, {}, &out, &err);
        QVERIFY2(
            code == 0,
            qPrintable(QStringLiteral("`vipvault-agent routes` exited %1: %2").arg(code).arg(QString::fromUtf8(err))));
        QSet<QString> registered;
        for (const QByteArray &raw : out.split('\n')) {
            const QList<QByteArray> parts = raw.simplified().split(' ');
            if (parts.size() == 2)
                registered.insert(normalizedRoute(QString::fromLatin1(parts[0]), QString::fromLatin1(parts[1])));
            else if (!raw.trimmed().isEmpty())
                QFAIL(qPrintable("unexpected line in `vipvault-agent routes`: " + raw));
        }
        QSet<QString> documented;
        for (const Route &r : documentedRoutes())
            documented.insert(normalizedRoute(QString::fromLatin1(r.method), r.path));
        QStringList undocumented = (registered - documented).values();
        QStringList unregistered = (documented - registered).values();
        undocumented.sort();
        unregistered.sort();
        QVERIFY2(
            undocumented.isEmpty() && unregistered.isEmpty(),
            qPrintable(QStringLiteral("registered but not documented: [%1]; documented but not registered: [%2]")
                           .arg(undocumented.join(QStringLiteral(", ")), unregistered.join(QStringLiteral(", ")))));
    }

    // `routes` could print a list the server does not use: ask the server itself. A protected route that exists
    // answers 401 without a token; one that does not exist would give 404/405.
    void everyDocumentedRouteIsServed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isPublic");
        for (const Route &r : documentedRoutes()) {
            QMap<QString, QString> ids;
            for (const QString &p : r.pathParams)
                ids.insert(p, QStringLiteral("1"));
            QTest::newRow(qPrintable(r.key())) << r.method << fillPath(r.path, ids) << r.isPublic();
        }
    }

    void everyDocumentedRouteIsServed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(bool, isPublic);
        auto anonymous = makeClient(m_server);
        const QByteArray body = method == "GET" || method == "DELETE" ? QByteArray() : QByteArray("{}");
        const ApiResult r = sendBytes(*anonymous, method, path, body);
        if (!isPublic) {
            API_CHECK(expectProblem(r, 401));
            return;
        }
        QVERIFY2(
            r.httpStatus != 404 && r.httpStatus != 405 && r.httpStatus > 0 && r.httpStatus < 500,
            qPrintable(QStringLiteral("public route %1 %2: %3").arg(QString::fromLatin1(method), path, describe(r))));
    }

    // Every schema the document gives an example for holds that example: the examples are what the app's typed
    // parsers are tested against (tests/app/tst_apimodel), so they must be right.
    void examplesMatchTheirSchemas_data()
    {
        QTest::addColumn<QString>("schema");
        const QJsonObject schemas = openApiDocument()
                                        .value(QStringLiteral("components"))
                                        .toObject()
                                        .value(QStringLiteral("schemas"))
                                        .toObject();
        int examples = 0;
        for (auto it = schemas.begin(); it != schemas.end(); ++it)
            if (it.value().toObject().contains(QStringLiteral("example"))) {
                QTest::newRow(qPrintable(it.key())) << it.key();
                ++examples;
            }
        QVERIFY(examples >= 12);
    }

    void examplesMatchTheirSchemas()
    {
        QFETCH(QString, schema);
        const QJsonObject doc = openApiDocument();
        const QJsonObject s = schemaNamed(doc, schema);
        API_CHECK(schemaProblems(s.value(QStringLiteral("example")), s, doc, schema));
    }

    // What the agent really answers has exactly the documented fields, of the documented types: a field renamed,
    // added or dropped in the agent fails here until the document (and with it the app's parsers) follows.
    void responsesMatchTheirSchemas_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("query");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("listOf"); // the schema of each of "items", for list answers
        const QString acme = QString::number(vaultIdOf("acme"));
        const QString vault = "/api/v1/vaults/" + acme;
        const qint64 recording = completeCalls(m_server, "acme").value(0).id;
        QTest::newRow("me") << QByteArray("GET") << "/api/v1/me"
                            << "" << QByteArray() << "User"
                            << "";
        QTest::newRow("status") << QByteArray("GET") << "/api/v1/status"
                                << "" << QByteArray() << "Status"
                                << "";
        QTest::newRow("vaults") << QByteArray("GET") << "/api/v1/vaults"
                                << "" << QByteArray() << ""
                                << "Vault";
        QTest::newRow("vault") << QByteArray("GET") << vault << "" << QByteArray() << "Vault"
                               << "";
        QTest::newRow("settings") << QByteArray("GET") << vault + "/settings"
                                  << "" << QByteArray() << "VaultSettings"
                                  << "";
        QTest::newRow("dry run") << QByteArray("PUT") << vault + "/settings"
                                 << "dry_run=true" << QByteArray(R"({"cap_bytes":1000})") << "EvictionPlan"
                                 << "";
        QTest::newRow("extensions") << QByteArray("GET") << vault + "/extensions"
                                    << "" << QByteArray() << ""
                                    << "Extension";
        QTest::newRow("usage") << QByteArray("GET") << vault + "/usage"
                               << "" << QByteArray() << "Usage"
                               << "";
        QTest::newRow("usage with statement") << QByteArray("GET") << vault + "/usage"
                                              << "month=2026-11" << QByteArray() << "Usage"
                                              << "";
        QTest::newRow("users") << QByteArray("GET") << vault + "/users"
                               << "" << QByteArray() << ""
                               << "User";
        QTest::newRow("recordings") << QByteArray("GET") << vault + "/recordings"
                                    << "limit=3" << QByteArray() << "RecordingPage"
                                    << "";
        QTest::newRow("recording") << QByteArray("GET") << "/api/v1/recordings/" + QString::number(recording) << ""
                                   << QByteArray() << "Recording"
                                   << "";
        QTest::newRow("audit") << QByteArray("GET") << "/api/v1/audit"
                               << "limit=5" << QByteArray() << ""
                               << "AuditEntry";
    }

    void responsesMatchTheirSchemas()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, query);
        QFETCH(QByteArray, body);
        QFETCH(QString, schema);
        QFETCH(QString, listOf);
        auto client = makeClient(m_server, m_admin);
        const ApiResult r = sendBytes(*client, method, path, body, QUrlQuery(query));
        API_CHECK(expectJson(r, 200));
        const QJsonObject doc = openApiDocument();
        if (!schema.isEmpty()) {
            API_CHECK(schemaProblems(r.json.object(), schemaNamed(doc, schema), doc, schema));
            return;
        }
        const QJsonArray list = r.json.object().value(QStringLiteral("items")).toArray();
        QVERIFY2(!list.isEmpty(), "the list is empty: nothing was checked");
        API_CHECK(schemaProblems(list, QJsonObject{{"type", "array"}, {"items", schemaNamed(doc, listOf)}}, doc,
                                 listOf + "[]"));
    }

    void undocumentedRoutesAreNotFound_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/api/v1/nothing-here");
        QTest::newRow("unknown version") << QByteArray("GET") << QStringLiteral("/api/v2/vaults");
        QTest::newRow("undocumented method") << QByteArray("POST") << QStringLiteral("/api/v1/me");
        QTest::newRow("undocumented DELETE vault") << QByteArray("DELETE") << QStringLiteral("/api/v1/vaults/1");
        QTest::newRow("trailing segment") << QByteArray("GET") << QStringLiteral("/api/v1/recordings/1/audio/x");
    }

    void undocumentedRoutesAreNotFound()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        auto client = makeClient(m_server, m_admin);
        API_CHECK(expectProblemIn(sendBytes(*client, method, path, {}), {404, 405}));
    }
};

QTEST_GUILESS_MAIN(TestApiOpenApi)
#include "tst_apiopenapi.moc"
