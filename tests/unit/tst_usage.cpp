// GB-month arithmetic on known inputs: the reseller's bill must be exact.
#include "vault/usage.h"

#include <QTest>

using namespace vv::agent;

Q_DECLARE_METATYPE(std::vector<UsageSample>)

class TestUsage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void statement_data();
    void statement();
    void monthBoundsAreUtcCalendarMonths();
};

static PacketTime at(int y, int m, int d, int h = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
}

void TestUsage::statement_data()
{
    QTest::addColumn<qint64>("before"); // -1 = no sample before the month
    QTest::addColumn<std::vector<UsageSample>>("samples");
    QTest::addColumn<PacketTime>("now");
    QTest::addColumn<int>("price");
    QTest::addColumn<double>("gbMonths");
    QTest::addColumn<qint64>("amountPence");
    QTest::addColumn<bool>("complete");
    const qint64 gb = 1'000'000'000;
    QTest::newRow("1 GB all month") << gb << std::vector<UsageSample>{} << at(2026, 12, 5) << 100 << 1.0 << qint64(100)
                                    << true;
    QTest::newRow("nothing held") << qint64(-1) << std::vector<UsageSample>{} << at(2026, 12, 5) << 100 << 0.0
                                  << qint64(0) << true;
    // November has 30 days: 2 GB for 15 days then nothing = 1 GB-month.
    QTest::newRow("2 GB for half the month") << 2 * gb << std::vector<UsageSample>{{at(2026, 11, 16), 0, 0}}
                                             << at(2026, 12, 1) << 100 << 1.0 << qint64(100) << true;
    QTest::newRow("starts mid-month") << qint64(-1) << std::vector<UsageSample>{{at(2026, 11, 16), 3 * gb, 0}}
                                      << at(2026, 12, 2) << 100 << 1.5 << qint64(150) << true;
    QTest::newRow("price 2.50") << 3 * gb << std::vector<UsageSample>{} << at(2027, 1, 1) << 250 << 3.0 << qint64(750)
                                << true;
    QTest::newRow("month in progress accrues")
        << gb << std::vector<UsageSample>{} << at(2026, 11, 16) << 100 << 0.5 << qint64(50) << false;
    QTest::newRow("hourly ramp") << qint64(0)
                                 << std::vector<UsageSample>{{at(2026, 11, 1, 0), 0, 0},
                                                             {at(2026, 11, 1, 12), 720 * gb, 0},
                                                             {at(2026, 11, 2, 0), 0, 0}}
                                 << at(2026, 12, 1) << 100 << 12.0 << qint64(1200) << true;
    QTest::newRow("samples after the month ignored") << gb << std::vector<UsageSample>{{at(2026, 12, 3), 50 * gb, 0}}
                                                     << at(2026, 12, 5) << 100 << 1.0 << qint64(100) << true;
}

void TestUsage::statement()
{
    QFETCH(qint64, before);
    QFETCH(std::vector<UsageSample>, samples);
    QFETCH(PacketTime, now);
    QFETCH(int, price);
    std::optional<UsageSample> b;
    if (before >= 0)
        b = UsageSample{at(2026, 10, 20), before, 0};
    const MonthlyStatement s = computeStatement(2026, 11, b, samples, now, price);
    QFETCH(double, gbMonths);
    QVERIFY2(qAbs(s.gbMonths - gbMonths) < 1e-9, qPrintable(QString::number(s.gbMonths, 'f', 12)));
    QTEST(s.amountPence, "amountPence");
    QTEST(s.complete, "complete");
    QCOMPARE(s.toJson().value(QStringLiteral("pricing_note")).toString(),
             QStringLiteral("charged per GB-month of space held; GB = 10^9 bytes"));
}

void TestUsage::monthBoundsAreUtcCalendarMonths()
{
    const auto [from, to] = monthBounds(2028, 2);
    QCOMPARE(isoUtcMillis(from), QStringLiteral("2028-02-01T00:00:00.000Z"));
    QCOMPARE(isoUtcMillis(to), QStringLiteral("2028-03-01T00:00:00.000Z"));
}

QTEST_APPLESS_MAIN(TestUsage)
#include "tst_usage.moc"
