// RecordingsModel against a real agent (tests/api's AgentServer: vaults acme and beta, customers alice and bob):
// paging through fetchMore until exhausted equals the API's total, every filter against the harness's plan,
// sort, and a customer never seeing another vault's calls through the model.
#include "apitest.h"
#include "recordingsmodel.h"
#include "topology.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace vv::apitest;
using vv::net::RecordingFilter;
using vv::recordings::RecordingsModel;

class TestRecordingsModel : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    std::unique_ptr<AgentClient> m_alice;
    qint64 m_acme = 0;
    qint64 m_beta = 0;

    // Waits for the page in flight, then keeps fetching until the model says there is nothing more.
    static QString loadAll(RecordingsModel &model, int *pages = nullptr)
    {
        int n = 0;
        for (;;) {
            if (model.isLoading()) {
                QSignalSpy done(&model, &RecordingsModel::loadingChanged);
                if (!done.wait(30000))
                    return "no page within 30 s";
                ++n;
            }
            if (!model.lastError().isEmpty())
                return model.lastError();
            if (!model.canFetchMore({}))
                break;
            model.fetchMore({});
        }
        if (pages)
            *pages = n;
        return {};
    }

    QList<PlannedCall> recordedPlan(const std::function<bool(const PlannedCall &)> &keep = {}) const
    {
        QList<PlannedCall> out;
        for (const PlannedCall &c : m_server.callsOf("acme"))
            if (c.recorded && (!keep || keep(c)))
                out << c;
        return out;
    }

    static QSet<QString> otherParties(const RecordingsModel &m)
    {
        QSet<QString> s;
        for (int r = 0; r < m.rowCount(); ++r)
            s << m.row(r).otherParty();
        return s;
    }

    static QSet<QString> plannedOthers(const QList<PlannedCall> &calls)
    {
        QSet<QString> s;
        for (const PlannedCall &c : calls)
            s << (c.direction == "inbound" ? c.caller : c.callee);
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        m_alice = makeClient(m_server, s.alice);
        std::tie(m_acme, m_beta) = std::tuple(s.acme, s.beta);
    }

    void pagesUntilExhaustedEqualTotal()
    {
        RecordingsModel model(m_alice.get(), m_acme);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(3);
        model.reload();
        int pages = 0;
        const QString why = loadAll(model, &pages);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const int expected = int(recordedPlan().size());
        QCOMPARE(model.total(), qint64(expected));
        QCOMPARE(model.rowCount(), expected);
        QCOMPARE(pages, (expected + 2) / 3);
        QSet<qint64> ids;
        for (int r = 0; r < model.rowCount(); ++r)
            ids << model.row(r).id;
        QCOMPARE(ids.size(), expected); // no row twice across pages (two calls share a start time)
        QCOMPARE(otherParties(model), plannedOthers(recordedPlan()));
    }

    void firstPageOnlyUntilAsked()
    {
        RecordingsModel model(m_alice.get(), m_acme);
        model.setPageSize(2);
        model.reload();
        QSignalSpy done(&model, &RecordingsModel::pageLoaded);
        QVERIFY(done.wait(30000));
        QCOMPARE(model.rowCount(), 2); // never everything at once
        QVERIFY(model.canFetchMore({}));
        QVERIFY(model.total() > 2);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::newRow("number") << "number"
                                << "0770090010";
        QTest::newRow("number +44") << "number"
                                    << "+44";
        QTest::newRow("extension") << "extension"
                                   << "201";
        QTest::newRow("inbound") << "direction"
                                 << "inbound";
        QTest::newRow("outbound") << "direction"
                                  << "outbound";
        QTest::newRow("min duration") << "min_duration_ms"
                                      << "5000";
        QTest::newRow("from") << "from"
                              << "44.5";
        QTest::newRow("to") << "to"
                            << "44.5";
    }

    void filters()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        RecordingFilter f;
        f.recorded = true;
        std::function<bool(const PlannedCall &)> keep;
        if (field == "number") {
            f.number = value;
            // The harness's acme has the UK's numbering plan (country_code = 44): a number also matches in its
            // E.164 form, written out by hand here ("07700 900101" is "+447700900101").
            auto e164 = [](QString d) {
                d.remove(QRegularExpression("[^0-9+]"));
                return d.startsWith('0') && d.size() >= 8 ? "+44" + d.mid(1) : d;
            };
            keep = [value, e164](const PlannedCall &c) {
                return c.caller.contains(value) || c.callee.contains(value) || e164(c.caller).contains(value) ||
                       e164(c.callee).contains(value);
            };
        } else if (field == "extension") {
            f.extension = value;
            keep = [value](const PlannedCall &c) { return c.extension == value; };
        } else if (field == "direction") {
            f.direction = value;
            keep = [value](const PlannedCall &c) { return c.direction == value; };
        } else if (field == "min_duration_ms") {
            f.minDurationMs = value.toLongLong();
            // The agent measures its own duration; keep clear of the boundary in the plan.
            keep = [value](const PlannedCall &c) { return c.durationMs >= value.toLongLong(); };
        } else {
            const double at = vv::capgen::topology::kEpoch + value.toDouble();
            const QDateTime t = QDateTime::fromMSecsSinceEpoch(qint64(at * 1000), Qt::UTC);
            if (field == "from")
                f.from = t;
            else
                f.to = t;
            keep = [field, at](const PlannedCall &c) {
                return field == "from" ? c.inviteTime >= at : c.inviteTime < at;
            };
        }
        RecordingsModel model(m_alice.get(), m_acme);
        model.setPageSize(2);
        model.setFilter(f);
        const QString why = loadAll(model);
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QList<PlannedCall> want = recordedPlan(keep);
        QVERIFY(!want.isEmpty());
        QVERIFY(want.size() < recordedPlan().size());
        QCOMPARE(model.total(), qint64(want.size()));
        QCOMPARE(model.rowCount(), int(want.size()));
        QCOMPARE(otherParties(model), plannedOthers(want));
    }

    void sortsTheWholeVaultOnTheServer_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        using C = RecordingsModel::Column;
        for (const auto &[column, name] :
             {std::pair{C::DateColumn, "date"}, std::pair{C::DurationColumn, "duration"},
              std::pair{C::SizeColumn, "size"}, std::pair{C::ExtensionColumn, "extension"}})
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder})
                QTest::addRow("%s %s", name, order == Qt::AscendingOrder ? "ascending" : "descending")
                    << int(column) << order;
    }

    // A click on a server-sorted column reloads in that order: the first page (2 rows of a bigger vault) already
    // starts with the vault's extreme, and every page after it continues the order.
    void sortsTheWholeVaultOnTheServer()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        RecordingsModel model(m_alice.get(), m_acme);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(2);
        model.reload();
        QSignalSpy pages(&model, &RecordingsModel::pageLoaded);
        QVERIFY(pages.wait(30000));
        model.sort(column, order);
        QVERIFY(pages.wait(30000));
        QCOMPARE(model.rowCount(), 2);
        auto key = [&model, column](int r) -> QVariant {
            const vv::recordings::RecordingRow &row = model.row(r);
            switch (column) {
            case RecordingsModel::DateColumn:
                return row.startedAt.toMSecsSinceEpoch();
            case RecordingsModel::DurationColumn:
                return row.durationMs;
            case RecordingsModel::SizeColumn:
                return row.state == u"complete" ? row.bytes : 0;
            default:
                return row.extension;
            }
        };
        const QVariant firstOfFirstPage = key(0);
        QVERIFY(loadAll(model).isEmpty());
        QCOMPARE(qint64(model.rowCount()), model.total());
        const bool ascending = order == Qt::AscendingOrder;
        for (int r = 1; r < model.rowCount(); ++r) {
            const auto c = QVariant::compare(key(r - 1), key(r));
            QVERIFY2(ascending ? c != QPartialOrdering::Greater : c != QPartialOrdering::Less,
                     qPrintable(QStringLiteral("rows %1 and %2 out of order: %3 then %4")
                                    .arg(r - 1)
                                    .arg(r)
                                    .arg(key(r - 1).toString(), key(r).toString())));
        }
        // The extreme of the whole vault was on the first page: the server sorted, not the two rows it had.
        QCOMPARE(firstOfFirstPage, key(0));
        QVERIFY(key(0) != key(model.rowCount() - 1));
    }

    void clientSortKeepsOrderAcrossNewPages()
    {
        // Other party has no server order: the loaded rows are sorted and later pages merged into that order.
        RecordingsModel model(m_alice.get(), m_acme);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPageSize(2);
        model.reload();
        QSignalSpy first(&model, &RecordingsModel::pageLoaded);
        QVERIFY(first.wait(30000));
        model.sort(RecordingsModel::OtherPartyColumn, Qt::AscendingOrder);
        QVERIFY(loadAll(model).isEmpty());
        QVERIFY(model.rowCount() > 2);
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.row(r - 1).otherParty() <= model.row(r).otherParty());
    }

    void customerNeverSeesAnotherVault()
    {
        RecordingsModel model(m_alice.get(), m_beta);
        model.reload();
        QSignalSpy done(&model, &RecordingsModel::loadingChanged);
        QVERIFY(done.wait(30000));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.lastError().isEmpty());
        QVERIFY(!model.canFetchMore({}));
        // And nothing of beta's (far ends all contain 1614960) in alice's own list.
        RecordingsModel own(m_alice.get(), m_acme);
        own.setPageSize(500);
        own.reload();
        QVERIFY(loadAll(own).isEmpty());
        for (int r = 0; r < own.rowCount(); ++r) {
            QVERIFY(!own.row(r).caller.contains("1614960"));
            QVERIFY(!own.row(r).callee.contains("1614960"));
        }
    }
};

QTEST_GUILESS_MAIN(TestRecordingsModel)
#include "tst_recordingsmodel.moc"
