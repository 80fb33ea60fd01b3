// A person's note on a recording through the API: the vault's customer and the reseller write it, other customers
// cannot see or touch it, the listing carries it and searches it, every change is audited with its text, bad
// input is refused by name. Against a real agent replaying generated captures.
#include "apitest.h"

#include <QJsonArray>

using namespace vv::apitest;

class TestApiAnnotations : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    QByteArray m_admin;
    QByteArray m_alice;
    QByteArray m_bob;
    qint64 m_acme = 0;
    QDateTime m_started = QDateTime::currentDateTimeUtc();

    QString listPath() const { return QStringLiteral("/api/v1/vaults/%1/recordings").arg(m_acme); }
    static ApiRequest put(qint64 id, const QByteArray &body)
    {
        ApiRequest r;
        r.method = "PUT";
        r.path = QStringLiteral("/api/v1/recordings/%1/annotation").arg(id);
        r.body = body;
        return r;
    }
    ApiResult as(const QByteArray &token, const ApiRequest &request)
    {
        return send(*makeClient(m_server, token), request);
    }
    QList<qint64> matching(const QByteArray &token, const QString &text)
    {
        QList<qint64> ids;
        const ApiResult r =
            get(*makeClient(m_server, token), listPath(), QUrlQuery{{"limit", "500"}, {"annotation_contains", text}});
        if (r.httpStatus != 200)
            return {-r.httpStatus};
        for (const QJsonObject &o : items(r))
            ids << o.value("id").toInteger();
        return ids;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        std::tie(m_admin, m_alice, m_bob, m_acme) = std::tuple(s.admin, s.alice, s.bob, s.acme);
        QVERIFY(completeCalls(m_server, "acme").size() >= 2);
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void customerWritesAndEveryoneEntitledSeesIt()
    {
        const CatalogueCall c = completeCalls(m_server, "acme").first();
        const ApiResult r = as(m_alice, put(c.id, "{\"text\":\"  Asked for a refund;\\ncall back Friday  \"}"));
        API_CHECK(expectJson(r, 200));
        const QJsonObject note = r.json.object().value("annotation").toObject();
        QCOMPARE(note.value("text").toString(), QStringLiteral("Asked for a refund;\ncall back Friday"));
        QCOMPARE(note.value("updated_by").toString(), QStringLiteral("alice"));
        QVERIFY2(msOf(note.value("updated_at")) > 0, qPrintable(describe(r)));

        const ApiResult one = get(*makeClient(m_server, m_admin), QStringLiteral("/api/v1/recordings/%1").arg(c.id));
        API_CHECK(expectJson(one, 200));
        QCOMPARE(one.json.object().value("annotation").toObject().value("text").toString(), note.value("text"));
        const ApiResult list = get(*makeClient(m_server, m_alice), listPath(), QUrlQuery{{"limit", "500"}});
        API_CHECK(expectJson(list, 200));
        int withNote = 0;
        for (const QJsonObject &o : items(list)) {
            QVERIFY2(o.contains("annotation"), "every listed recording says whether it has a note");
            if (!o.value("annotation").isNull()) {
                ++withNote;
                QCOMPARE(o.value("id").toInteger(), c.id);
            }
        }
        QCOMPARE(withNote, 1);
        API_CHECK(expectAuditEntry(m_server, m_admin, "annotate", "alice", c.id, m_acme, m_started));
    }

    // Case-insensitive substring, only in the vault asked about; LIKE's wildcards are literal.
    void searchFindsTheNote()
    {
        const CatalogueCall c = completeCalls(m_server, "acme").first();
        QCOMPARE(matching(m_alice, "REFUND"), QList<qint64>{c.id});
        QCOMPARE(matching(m_alice, "back fri"), QList<qint64>{c.id});
        QCOMPARE(matching(m_alice, "refund%"), QList<qint64>{});
        QCOMPARE(matching(m_alice, "_efund"), QList<qint64>{});
        QCOMPARE(matching(m_alice, "nobody wrote this"), QList<qint64>{});
        QCOMPARE(matching(m_admin, "refund"), QList<qint64>{c.id});
        API_CHECK(expectProblem(
            get(*makeClient(m_server, m_alice), listPath(), QUrlQuery{{"annotation_contains", QString(201, u'x')}}),
            422, "annotation_contains"));
    }

    void otherCustomersCannotTouchIt()
    {
        const CatalogueCall c = completeCalls(m_server, "acme").first();
        API_CHECK(expectProblem(as(m_bob, put(c.id, "{\"text\":\"mine now\"}")), 404));
        API_CHECK(
            expectProblem(get(*makeClient(m_server, m_bob), QStringLiteral("/api/v1/recordings/%1").arg(c.id)), 404));
        const ApiResult one = get(*makeClient(m_server, m_alice), QStringLiteral("/api/v1/recordings/%1").arg(c.id));
        QVERIFY(one.json.object().value("annotation").toObject().value("text").toString().startsWith("Asked"));
    }

    void badNotesAreRefusedByName_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::addRow("not a string") << QByteArray("{\"text\":42}") << "text";
        QTest::addRow("null") << QByteArray("{\"text\":null}") << "text";
        QTest::addRow("missing") << QByteArray("{}") << "text";
        QTest::addRow("unknown field") << QByteArray("{\"text\":\"a\",\"colour\":\"red\"}") << "colour";
        QTest::addRow("too long") << (QByteArray("{\"text\":\"") + QByteArray(2001, 'a') + "\"}") << "text";
        QTest::addRow("bell character") << QByteArray("{\"text\":\"ring\\u0007\"}") << "text";
        QTest::addRow("escape character") << QByteArray("{\"text\":\"\\u001b[31mred\"}") << "text";
    }

    void badNotesAreRefusedByName()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const CatalogueCall c = completeCalls(m_server, "acme").last();
        API_CHECK(expectProblem(as(m_alice, put(c.id, body)), 422, field.toUtf8()));
        const ApiResult one = get(*makeClient(m_server, m_alice), QStringLiteral("/api/v1/recordings/%1").arg(c.id));
        QVERIFY2(one.json.object().value("annotation").isNull(), "a refused note must not be stored");
    }

    void longestNoteIsKept()
    {
        const CatalogueCall c = completeCalls(m_server, "acme").last();
        const QString text = QString(1999, u'é') + u'.';
        const QByteArray body = QJsonDocument(QJsonObject{{"text", text}}).toJson(QJsonDocument::Compact);
        const ApiResult r = as(m_admin, put(c.id, body));
        API_CHECK(expectJson(r, 200));
        QCOMPARE(r.json.object().value("annotation").toObject().value("text").toString(), text);
        QCOMPARE(r.json.object().value("annotation").toObject().value("updated_by").toString(),
                 QStringLiteral("admin"));
    }

    // An empty text removes the note; the audit keeps both the note and its removal.
    void emptyTextRemovesIt()
    {
        const CatalogueCall c = completeCalls(m_server, "acme").first();
        const ApiResult r = as(m_admin, put(c.id, "{\"text\":\"   \"}"));
        API_CHECK(expectJson(r, 200));
        QVERIFY2(r.json.object().value("annotation").isNull(), qPrintable(describe(r)));
        QCOMPARE(matching(m_alice, "refund"), QList<qint64>{});
        const ApiResult audit = get(*makeClient(m_server, m_admin), QStringLiteral("/api/v1/audit"),
                                    QUrlQuery{{"recording_id", QString::number(c.id)}, {"limit", "100"}});
        API_CHECK(expectJson(audit, 200));
        QStringList texts;
        for (const QJsonObject &e : items(audit))
            if (e.value("action").toString() == u"annotate")
                texts << e.value("detail").toObject().value("text").toString();
        QVERIFY2(texts.contains(QString()) && texts.contains("Asked for a refund;\ncall back Friday"),
                 qPrintable(texts.join(" | ")));
    }
};

QTEST_GUILESS_MAIN(TestApiAnnotations)
#include "tst_apiannotations.moc"
