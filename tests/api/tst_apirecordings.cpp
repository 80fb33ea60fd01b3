// Recordings through the API, judged against the agent's own catalogue and files: listing order, cursor
// pagination, every filter, one call's metadata, protection and deletion by the reseller only (with their audit
// entries). The audio itself is tst_apiaudio's.
#include "apitest.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <algorithm>
#include <functional>

using namespace vv::apitest;

using Keep = std::function<bool(const QJsonObject &)>; // a filter row's expectation, applied to the full list
Q_DECLARE_METATYPE(Keep)

namespace {

QList<qint64> idsOf(const QList<QJsonObject> &list)
{
    QList<qint64> ids;
    for (const QJsonObject &o : list)
        ids << o.value("id").toInteger();
    return ids;
}

} // namespace

class TestApiRecordings : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    QByteArray m_admin;
    QByteArray m_alice;
    QByteArray m_bob;
    qint64 m_acme = 0;
    QList<QJsonObject> m_all; // acme as alice sees it, one page of 500
    QDateTime m_started = QDateTime::currentDateTimeUtc();

    QString listPath() const { return QStringLiteral("/api/v1/vaults/%1/recordings").arg(m_acme); }
    static QString recordingPath(qint64 id, const char *tail = "")
    {
        return QStringLiteral("/api/v1/recordings/%1%2").arg(id).arg(QLatin1String(tail));
    }

    ApiResult as(const QByteArray &token, const ApiRequest &request)
    {
        return send(*makeClient(m_server, token), request);
    }
    ApiResult audio(const QByteArray &token, qint64 id) { return vv::apitest::audio(m_server, token, id); }
    QList<CatalogueCall> completeAcme() const { return completeCalls(m_server, "acme"); }
    QString auditEntry(const QString &action, const QString &user, qint64 recording)
    {
        return expectAuditEntry(m_server, m_admin, action, user, recording, m_acme, m_started);
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        std::tie(m_admin, m_alice, m_bob, m_acme) = std::tuple(s.admin, s.alice, s.bob, s.acme);
        const ApiResult all = get(*makeClient(m_server, m_alice), listPath(), QUrlQuery{{"limit", "500"}});
        API_CHECK(expectJson(all, 200));
        m_all = items(all);
        QVERIFY(m_all.size() >= 10);
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void listMatchesCatalogueNewestFirst()
    {
        QList<qint64> catalogueIds;
        QSet<QString> callIds;
        for (const CatalogueCall &c : m_server.catalogue("acme")) {
            catalogueIds << c.id;
            callIds << c.sipCallId;
        }
        const QList<qint64> listed = idsOf(m_all);
        QCOMPARE(QSet<qint64>(listed.begin(), listed.end()), QSet<qint64>(catalogueIds.begin(), catalogueIds.end()));
        QCOMPARE(m_all.size(), catalogueIds.size()); // no duplicates
        for (qsizetype i = 1; i < m_all.size(); ++i)
            QVERIFY2(msOf(m_all[i - 1].value("started_at")) >= msOf(m_all[i].value("started_at")),
                     qPrintable(QStringLiteral("item %1 starts after item %2").arg(i).arg(i - 1)));
        for (const PlannedCall &p : m_server.callsOf("acme"))
            QVERIFY2(callIds.contains(p.callId), qPrintable(p.callId + " is not in the catalogue"));
        const ApiResult first = get(*makeClient(m_server, m_alice), listPath(), QUrlQuery{{"limit", "2"}});
        QCOMPARE(first.json.object().value("total").toInteger(), qint64(m_all.size()));
    }

    void pagination_data()
    {
        QTest::addColumn<int>("limit");
        QTest::addColumn<QString>("filter");
        for (int limit : {1, 2, 3, 5, 50})
            QTest::addRow("limit %d", limit) << limit << QString();
        QTest::newRow("filtered, limit 1") << 1 << "direction=outbound";
        QTest::newRow("filtered, limit 2") << 2 << "recorded=true";
    }

    void pagination()
    {
        QFETCH(int, limit);
        QFETCH(QString, filter);
        auto alice = makeClient(m_server, m_alice);
        QUrlQuery query(filter);
        const ApiResult whole = get(*alice, listPath(), QUrlQuery(filter + "&limit=500"));
        API_CHECK(expectJson(whole, 200));
        query.addQueryItem("limit", QString::number(limit));
        QList<QJsonObject> paged;
        int pages = 0;
        API_CHECK(collectPages(*alice, listPath(), query, &paged, &pages));
        // Every row exactly once, in the same order as one big page, ties on started_at included.
        QCOMPARE(idsOf(paged), idsOf(items(whole)));
        QCOMPARE(whole.json.object().value("total").toInteger(), qint64(paged.size()));
        // next_cursor is null on the last page: a cursor leading to an empty page makes the app offer "more" for
        // nothing.
        const int needed = qMax(1, int((paged.size() + limit - 1) / limit));
        QVERIFY2(pages == needed,
                 qPrintable(QStringLiteral("%1 rows at %2 a page took %3 pages instead of %4 (the last "
                                           "full page still had a next_cursor, to an empty page)")
                                .arg(paged.size())
                                .arg(limit)
                                .arg(pages)
                                .arg(needed)));
    }

    void badListQueries_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("limit 0") << "limit=0"
                                 << "limit";
        QTest::newRow("limit 501") << "limit=501"
                                   << "limit";
        QTest::newRow("limit negative") << "limit=-1"
                                        << "limit";
        QTest::newRow("limit text") << "limit=abc"
                                    << "limit";
        QTest::newRow("limit fraction") << "limit=1.5"
                                        << "limit";
        QTest::newRow("direction") << "direction=sideways"
                                   << "direction";
        QTest::newRow("from not a time") << "from=yesterday"
                                         << "from";
        QTest::newRow("to impossible date") << "to=2026-13-45T00:00:00Z"
                                            << "to";
        QTest::newRow("min duration text") << "min_duration_ms=abc"
                                           << "min_duration_ms";
        QTest::newRow("recorded not boolean") << "recorded=maybe"
                                              << "recorded";
        QTest::newRow("cursor garbage") << "cursor=not-a-cursor"
                                        << "cursor";
        QTest::newRow("cursor of another order") << "cursor=duration_ms:1000.5"
                                                 << "cursor";
        QTest::newRow("extension cursor not hex") << "sort=extension&cursor=extension:zz.5"
                                                  << "cursor";
        QTest::newRow("sort by an unsorted field") << "sort=caller"
                                                   << "sort";
        QTest::newRow("sort empty") << "sort="
                                    << "sort";
        QTest::newRow("sort twice descending") << "sort=--duration_ms"
                                               << "sort";
    }

    void badListQueries()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        API_CHECK(expectProblem(get(*makeClient(m_server, m_alice), listPath(), QUrlQuery(query)), 422, field));
    }

    void sortOrders_data()
    {
        QTest::addColumn<QString>("sort");
        QTest::addColumn<int>("limit");
        for (const char *sort :
             {"-started_at", "started_at", "-duration_ms", "duration_ms", "-bytes", "bytes", "extension", "-extension"})
            for (int limit : {1, 4})
                QTest::addRow("%s, %d a page", sort, limit) << QString::fromLatin1(sort) << limit;
    }

    // The whole vault in the asked order, page after page: every row once, each page continuing where the last
    // stopped (keyset cursors), ties in id order in the same direction.
    void sortOrders()
    {
        QFETCH(QString, sort);
        QFETCH(int, limit);
        auto alice = makeClient(m_server, m_alice);
        QList<QJsonObject> paged;
        int pages = 0;
        API_CHECK(collectPages(*alice, listPath(), QUrlQuery{{"sort", sort}, {"limit", QString::number(limit)}}, &paged,
                               &pages));
        QList<qint64> got = idsOf(paged);
        QList<qint64> want = idsOf(m_all);
        std::sort(got.begin(), got.end());
        std::sort(want.begin(), want.end());
        QCOMPARE(got, want);
        const bool descending = sort.startsWith(u'-');
        const QString field = descending ? sort.mid(1) : sort;
        QSet<QString> keys;
        for (qsizetype i = 1; i < paged.size(); ++i) {
            const QJsonObject &a = paged[i - 1];
            const QJsonObject &b = paged[i];
            int c = 0;
            if (field == u"started_at")
                c = msOf(a.value(field)) < msOf(b.value(field)) ? -1 : msOf(a.value(field)) > msOf(b.value(field));
            else if (field == u"extension")
                c = a.value(field).toString().compare(b.value(field).toString()); // null: ""
            else
                c = a.value(field).toInteger() < b.value(field).toInteger()
                        ? -1
                        : a.value(field).toInteger() > b.value(field).toInteger();
            keys << a.value(field).toVariant().toString();
            // started_at is shown in milliseconds and stored in microseconds: ties there are not ties.
            if (c == 0 && field != u"started_at")
                c = a.value("id").toInteger() < b.value("id").toInteger() ? -1 : 1;
            QVERIFY2(descending ? c >= 0 : c <= 0,
                     qPrintable(
                         QStringLiteral("rows %1 and %2 out of %3 order: %4 then %5")
                             .arg(i - 1)
                             .arg(i)
                             .arg(sort, a.value(field).toVariant().toString(), b.value(field).toVariant().toString())));
        }
        QVERIFY2(keys.size() > 2, "the vault's rows do not differ in this field: the order proves nothing");
    }

    void cursorBelongsToItsOrder()
    {
        auto alice = makeClient(m_server, m_alice);
        const ApiResult byDuration = get(*alice, listPath(), QUrlQuery{{"sort", "duration_ms"}, {"limit", "1"}});
        API_CHECK(expectJson(byDuration, 200));
        const QString cursor = byDuration.json.object().value("next_cursor").toString();
        QVERIFY(!cursor.isEmpty());
        API_CHECK(expectProblem(get(*alice, listPath(), QUrlQuery{{"cursor", cursor}}), 422, "cursor"));
        API_CHECK(expectProblem(get(*alice, listPath(), QUrlQuery{{"sort", "-duration_ms"}, {"cursor", cursor}}), 422,
                                "cursor"));
        const ApiResult next = get(*alice, listPath(), QUrlQuery{{"sort", "duration_ms"}, {"cursor", cursor}});
        API_CHECK(expectJson(next, 200));
        QCOMPARE(next.json.object().value("total").toInteger(), qint64(m_all.size()));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<Keep>("keep");
        auto text = [](const char *key) { return [key](const QJsonObject &o) { return o.value(key).toString(); }; };
        auto number = [](const QString &needle) {
            return [needle](const QJsonObject &o) {
                return o.value("caller").toString().contains(needle) || o.value("callee").toString().contains(needle);
            };
        };
        // The E.164 form of a UK number written by hand for the test: "07700 900101" and "+44 7700 900101" are
        // "+447700900101"; kept: calls with a number whose E.164 form contains `needle`.
        auto ukNumber = [](const QString &needle) {
            auto e164 = [](const QString &raw) {
                QString d = raw;
                d.remove(QRegularExpression("[^0-9+]"));
                if (d.startsWith('0') && d.size() >= 8)
                    return "+44" + d.mid(1);
                return d;
            };
            return [needle, e164](const QJsonObject &o) {
                return e164(o.value("caller").toString()).contains(needle) ||
                       e164(o.value("callee").toString()).contains(needle);
            };
        };
        for (const char *d : {"inbound", "outbound", "internal"})
            QTest::addRow("direction %s", d)
                << QStringLiteral("direction=%1").arg(d)
                << Keep([d, text](const QJsonObject &o) { return text("direction")(o) == d; });
        QTest::newRow("extension 201") << "extension=201"
                                       << Keep([text](const QJsonObject &o) { return text("extension")(o) == "201"; });
        QTest::newRow("number part") << "number=0770090010" << Keep(number("0770090010"));
        QTest::newRow("number middle") << "number=2079460" << Keep(number("2079460"));
        // acme's numbering plan is the UK's (country_code = 44): numbers match however they are typed or stored.
        QTest::newRow("number: country code finds national numbers") << "number=%2B44" << Keep(ukNumber("+44"));
        QTest::newRow("number: international with spaces")
            << "number=%2B44 7700 900101" << Keep(ukNumber("+447700900101"));
        QTest::newRow("number: national with spaces") << "number=07700 900101" << Keep(ukNumber("+447700900101"));
        QTest::newRow("number: 00 prefix") << "number=0044 7700 900101" << Keep(ukNumber("+447700900101"));
        QTest::newRow("number: without the national prefix") << "number=7700 900101" << Keep(ukNumber("+447700900101"));
        QTest::newRow("number: national form of a stored international number")
            << "number=(020) 7946-0001" << Keep(ukNumber("+442079460001"));
        QTest::newRow("number: +44 (0) form") << "number=%2B44 (0)20 7946 0009" << Keep(ukNumber("+442079460009"));
        QTest::newRow("number: partial national beginning") << "number=020 7946" << Keep(ukNumber("+44207946"));
        QTest::newRow("min duration") << "min_duration_ms=5000" << Keep([](const QJsonObject &o) {
            return o.value("duration_ms").toInteger() >= 5000;
        });
        QTest::newRow("recorded") << "recorded=true"
                                  << Keep([](const QJsonObject &o) { return o.value("recorded").toBool(); });
        QTest::newRow("not recorded") << "recorded=false"
                                      << Keep([](const QJsonObject &o) { return !o.value("recorded").toBool(); });
        QTest::newRow("outbound over 4 s")
            << "direction=outbound&min_duration_ms=4000" << Keep([text](const QJsonObject &o) {
                   return text("direction")(o) == "outbound" && o.value("duration_ms").toInteger() >= 4000;
               });
        // Time bounds at a call's exact start: from is inclusive, to exclusive.
        const QJsonObject pivot = m_all.value(m_all.size() / 2);
        const QJsonObject later = m_all.value(2);
        const qint64 t = msOf(pivot.value("started_at"));
        const qint64 u = msOf(later.value("started_at"));
        const QString iso = pivot.value("started_at").toString();
        QTest::newRow("from") << "from=" + iso
                              << Keep([t](const QJsonObject &o) { return msOf(o.value("started_at")) >= t; });
        QTest::newRow("to") << "to=" + iso
                            << Keep([t](const QJsonObject &o) { return msOf(o.value("started_at")) < t; });
        QTest::newRow("window") << "from=" + iso + "&to=" + later.value("started_at").toString()
                                << Keep([t, u](const QJsonObject &o) {
                                       return msOf(o.value("started_at")) >= t && msOf(o.value("started_at")) < u;
                                   });
        const QString offset = QDateTime::fromMSecsSinceEpoch(t, QTimeZone(3600)).toString(Qt::ISODateWithMs);
        QTest::newRow("from with offset")
            << "from=" + QString::fromLatin1(QUrl::toPercentEncoding(offset))
            << Keep([t](const QJsonObject &o) { return msOf(o.value("started_at")) >= t; });
    }

    void filters()
    {
        QFETCH(QString, query);
        QFETCH(Keep, keep);
        QList<QJsonObject> expected;
        for (const QJsonObject &o : std::as_const(m_all))
            if (keep(o))
                expected << o;
        QVERIFY2(!expected.isEmpty() && expected.size() < m_all.size(), "this filter row has no teeth");
        const ApiResult r = get(*makeClient(m_server, m_alice), listPath(), QUrlQuery(query + "&limit=500"));
        API_CHECK(expectJson(r, 200));
        QCOMPARE(idsOf(items(r)), idsOf(expected));
        QCOMPARE(r.json.object().value("total").toInteger(), qint64(expected.size()));
        if (query == u"recorded=false")
            for (const QJsonObject &o : items(r))
                QVERIFY2(!o.value("reason").toString().isEmpty() && o.value("reason").toString() != u"recorded",
                         qPrintable(o.value("sip_call_id").toString() + " has no reason why it was not recorded"));
    }

    void metadataMatchesCatalogue()
    {
        auto alice = makeClient(m_server, m_alice);
        QStringList errors;
        for (const CatalogueCall &c : m_server.catalogue("acme")) {
            const ApiResult r = get(*alice, recordingPath(c.id));
            if (const QString why = expectJson(r, 200); !why.isEmpty()) {
                errors << why;
                continue;
            }
            const QJsonObject o = r.json.object();
            auto expect = [&](const char *key, const QJsonValue &want) {
                if (o.value(key) != want)
                    errors << QStringLiteral("%1 %2: %3 is %4, catalogue says %5")
                                  .arg(c.sipCallId)
                                  .arg(c.id)
                                  .arg(key, o.value(key).toVariant().toString(), want.toVariant().toString());
            };
            expect("id", c.id);
            expect("vault_id", m_acme);
            expect("sip_call_id", c.sipCallId);
            expect("caller", c.caller);
            expect("callee", c.callee);
            expect("recorded", c.recorded);
            expect("reason", c.reason);
            expect("state", c.state);
            expect("duration_ms", c.durationMs);
            expect("bytes", c.bytes);
            expect("protected", false);
            if (!c.direction.isEmpty())
                expect("direction", c.direction);
            if (msOf(o.value("started_at")) != c.startedAt / 1000)
                errors << c.sipCallId + ": started_at " + o.value("started_at").toString();
            if (c.state == u"complete" && QFileInfo(m_server.absolutePath(c.file)).size() != c.bytes)
                errors << c.sipCallId + ": bytes differ from the file's size";
            if (o.contains("file") || r.data.contains(m_server.dataDir().toUtf8()))
                errors << c.sipCallId + ": the answer exposes the server's file path";
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        API_CHECK(expectProblem(get(*alice, recordingPath(987654321)), 404));
    }

    void protection()
    {
        const CatalogueCall c = completeAcme().last();
        auto body = [](const QByteArray &json) {
            ApiRequest r;
            r.method = "PUT";
            r.body = json;
            return r;
        };
        ApiRequest put = body(R"({"protected":true})");
        put.path = recordingPath(c.id, "/protection");
        API_CHECK(expectProblem(as(m_alice, put), 403));
        API_CHECK(expectProblem(as(m_bob, put), 404));
        QVERIFY(!m_server.catalogueCall(c.id)->isProtected);
        const ApiResult r = as(m_admin, put);
        API_CHECK(expectJson(r, 200));
        QCOMPARE(r.json.object().value("protected").toBool(), true);
        QCOMPARE(r.json.object().value("id").toInteger(), c.id);
        QVERIFY(m_server.catalogueCall(c.id)->isProtected);
        API_CHECK(auditEntry("protect", "admin", c.id));
        for (const QByteArray &bad :
             {QByteArray(R"({"protected":"yes"})"), QByteArray("{}"), QByteArray(R"({"protected":1})")}) {
            ApiRequest wrong = body(bad);
            wrong.path = put.path;
            API_CHECK(expectProblem(as(m_admin, wrong), 422, "protected"));
        }
        ApiRequest extra = body(R"({"protected":true,"until":"2030-01-01"})");
        extra.path = put.path;
        API_CHECK(expectProblem(as(m_admin, extra), 422, "until"));
    }

    // Legal hold means what it says: the protected recording cannot be deleted until it is released.
    void deletingProtectedIsRefused()
    {
        const CatalogueCall c = completeAcme().last();
        QVERIFY(c.isProtected);
        ApiRequest del;
        del.method = "DELETE";
        del.path = recordingPath(c.id);
        API_CHECK(expectProblem(as(m_admin, del), 409));
        QVERIFY(QFileInfo::exists(m_server.absolutePath(c.file)));
        QCOMPARE(m_server.catalogueCall(c.id)->state, QStringLiteral("complete"));
        ApiRequest release;
        release.method = "PUT";
        release.path = recordingPath(c.id, "/protection");
        release.body = R"({"protected":false})";
        const ApiResult r = as(m_admin, release);
        API_CHECK(expectJson(r, 200));
        QCOMPARE(r.json.object().value("protected").toBool(), false);
    }

    void deleteKeepsTheRow()
    {
        const CatalogueCall c = completeAcme().first();
        ApiRequest del;
        del.method = "DELETE";
        del.path = recordingPath(c.id);
        API_CHECK(expectProblem(as(m_alice, del), 403));
        API_CHECK(expectProblem(as(m_bob, del), 404));
        QVERIFY(QFileInfo::exists(m_server.absolutePath(c.file)));
        API_CHECK(expectStatus(as(m_admin, del), 204));
        QVERIFY2(!QFileInfo::exists(m_server.absolutePath(c.file)), "the audio file is still on disk");
        const ApiResult r = get(*makeClient(m_server, m_alice), recordingPath(c.id));
        API_CHECK(expectJson(r, 200));
        const QJsonObject o = r.json.object();
        QCOMPARE(o.value("state").toString(), QStringLiteral("deleted"));
        QVERIFY2(msOf(o.value("removed_at")) > 0, qPrintable(describe(r)));
        QVERIFY2(!o.value("removed_reason").toString().isEmpty(), qPrintable(describe(r)));
        QCOMPARE(m_server.catalogueCall(c.id)->state, QStringLiteral("deleted"));
        API_CHECK(expectProblemIn(audio(m_alice, c.id), {404, 410}));
        const ApiResult list = get(*makeClient(m_server, m_alice), listPath(), QUrlQuery{{"limit", "500"}});
        QVERIFY(idsOf(items(list)).contains(c.id));
        API_CHECK(auditEntry("delete", "admin", c.id));
    }
};

QTEST_GUILESS_MAIN(TestApiRecordings)
#include "tst_apirecordings.moc"
