// The app's typed view of the API (app/net/apimodel) against the contract: every example in the agent's OpenAPI
// document parses, and every field the document requires is one the parser insists on — so a field renamed or
// dropped on either side fails here, not as a "—" in a widget. (tst_apiopenapi checks the same document against
// what a real agent answers.)
#include "apimodel.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <functional>

using namespace vv::net;

namespace {

using Parser = std::function<bool(const QJsonObject &, QString *)>;

template<typename T> Parser parserOf()
{
    return [](const QJsonObject &o, QString *error) {
        T value;
        return parse(o, &value, error);
    };
}

// The schemas of the document the app reads, and its parser for each.
const QMap<QString, Parser> &parsers()
{
    static const QMap<QString, Parser> p{
        {QStringLiteral("User"), parserOf<User>()},
        {QStringLiteral("Session"), parserOf<Session>()},
        {QStringLiteral("UserCreated"), parserOf<UserCreated>()},
        {QStringLiteral("Status"), parserOf<ServerStatus>()},
        {QStringLiteral("VaultSettings"), parserOf<VaultSettings>()},
        {QStringLiteral("Vault"), parserOf<Vault>()},
        {QStringLiteral("EvictionPlan"), parserOf<EvictionPlan>()},
        {QStringLiteral("Extension"), parserOf<Extension>()},
        {QStringLiteral("Statement"), parserOf<Statement>()},
        {QStringLiteral("Usage"), parserOf<VaultUsage>()},
        {QStringLiteral("DirectionQuality"), parserOf<DirectionQuality>()},
        {QStringLiteral("Quality"), parserOf<Quality>()},
        {QStringLiteral("Recording"), parserOf<Recording>()},
        {QStringLiteral("RecordingPage"), parserOf<RecordingPage>()},
        {QStringLiteral("AuditEntry"), parserOf<AuditEntry>()},
        {QStringLiteral("HealthEvent"), parserOf<HealthEvent>()},
        {QStringLiteral("AssuranceDay"), parserOf<AssuranceDay>()},
        {QStringLiteral("Assurance"), parserOf<Assurance>()},
        {QStringLiteral("UsageSamples"), parserOf<UsageSamples>()},
        {QStringLiteral("Subscription"), parserOf<Subscription>()},
    };
    return p;
}

QJsonObject schemas()
{
    QFile f(QStringLiteral(VIPVAULT_SOURCE_DIR "/recorder-agent/api/openapi.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll())
        .object()
        .value(QStringLiteral("components"))
        .toObject()
        .value(QStringLiteral("schemas"))
        .toObject();
}

} // namespace

class TestApiModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAnswerSchemaHasAParserAndAnExample()
    {
        const QJsonObject all = schemas();
        QVERIFY(!all.isEmpty());
        for (auto it = parsers().begin(); it != parsers().end(); ++it) {
            QVERIFY2(all.contains(it.key()), qPrintable("no schema " + it.key() + " in the document"));
            QVERIFY2(all.value(it.key()).toObject().contains(QStringLiteral("example")),
                     qPrintable("schema " + it.key() + " has no example"));
        }
    }

    void examplesParse_data()
    {
        QTest::addColumn<QString>("schema");
        for (const QString &name : parsers().keys())
            QTest::newRow(qPrintable(name)) << name;
    }

    void examplesParse()
    {
        QFETCH(QString, schema);
        QString error;
        QVERIFY2(parsers().value(schema)(schemas().value(schema).toObject().value("example").toObject(), &error),
                 qPrintable(error));
    }

    // Each required field, dropped or renamed, makes the parse fail and the error name it.
    void requiredFieldsAreInsistedOn_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("field");
        QTest::addColumn<bool>("rename");
        const QJsonObject all = schemas();
        for (const QString &name : parsers().keys())
            for (const QJsonValue &f : all.value(name).toObject().value("required").toArray()) {
                QTest::newRow(qPrintable(name + "." + f.toString() + " dropped")) << name << f.toString() << false;
                QTest::newRow(qPrintable(name + "." + f.toString() + " renamed")) << name << f.toString() << true;
            }
    }

    void requiredFieldsAreInsistedOn()
    {
        QFETCH(QString, schema);
        QFETCH(QString, field);
        QFETCH(bool, rename);
        QJsonObject example = schemas().value(schema).toObject().value("example").toObject();
        QVERIFY(example.contains(field));
        const QJsonValue v = example.take(field);
        if (rename)
            example.insert(field + "_renamed", v);
        QString error;
        QVERIFY2(!parsers().value(schema)(example, &error), "parsed without a required field");
        QVERIFY2(error.contains("\"" + field + "\""), qPrintable(error));
    }

    // A value of the wrong type is refused too (a number where text belongs, text where a number belongs).
    void wrongTypesAreRefused_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("field");
        QTest::newRow("Vault.bytes_used") << "Vault"
                                          << "bytes_used";
        QTest::newRow("Recording.caller") << "Recording"
                                          << "caller";
        QTest::newRow("Usage.this_month") << "Usage"
                                          << "this_month";
        QTest::newRow("VaultSettings.excluded") << "VaultSettings"
                                                << "excluded";
        QTest::newRow("Recording.started_at") << "Recording"
                                              << "started_at";
    }

    void wrongTypesAreRefused()
    {
        QFETCH(QString, schema);
        QFETCH(QString, field);
        QJsonObject example = schemas().value(schema).toObject().value("example").toObject();
        const QJsonValue v = example.value(field);
        example.insert(field, v.isString() ? QJsonValue(42) : QJsonValue(QStringLiteral("not this")));
        QString error;
        QVERIFY(!parsers().value(schema)(example, &error));
        QVERIFY2(error.contains("\"" + field + "\""), qPrintable(error));
    }

    void settingsChangeSendsOnlyWhatChanged()
    {
        VaultSettingsChange c;
        QCOMPARE(c.toJson(), QJsonObject());
        c.cap = std::optional<qint64>(5'000'000'000);
        c.excluded = QStringList{"203"};
        QCOMPARE(c.toJson(),
                 (QJsonObject{{"storage", "cap"}, {"cap_bytes", 5'000'000'000LL}, {"excluded", QJsonArray{"203"}}}));
        c = {};
        c.cap = std::optional<qint64>();
        c.retentionMonths = std::optional<int>();
        QCOMPARE(c.toJson(), (QJsonObject{{"storage", "unlimited"}, {"retention_months", QJsonValue::Null}}));
    }
};

QTEST_GUILESS_MAIN(TestApiModel)
#include "tst_apimodel.moc"
