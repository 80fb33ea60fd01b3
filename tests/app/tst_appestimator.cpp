// CapacityEstimator: users × months × minutes → bytes at the vault's measured rate, else the agent's, else the
// encoder's most (120,000 bytes a minute) → GB (10^9) → £ per month; the 2,000 minutes per GB rule beside.
#include "capacityestimator.h"

#include <QTest>

using namespace vv::app;

class TestAppEstimator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void estimate_data()
    {
        QTest::addColumn<int>("users");
        QTest::addColumn<double>("months");
        QTest::addColumn<double>("minutesPerUser");
        QTest::addColumn<double>("measured"); // <= 0: none measured
        QTest::addColumn<double>("agent");    // the agent's rate over all vaults; <= 0: none
        QTest::addColumn<double>("price");
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<double>("cost");
        QTest::addColumn<bool>("isMeasured");
        QTest::addColumn<double>("capGb");
        // A new vault on a new agent: the encoder's most, 120,000 bytes a minute (not the 2,000 min/GB rule).
        QTest::newRow("nothing measured: encoder")
            << 1 << 5.0 << 400.0 << 0.0 << 0.0 << 1.0 << qint64(240000000) << 0.24 << false << 0.24;
        // A new vault on an agent that measured ~14,000 minutes per GB elsewhere.
        QTest::newRow("new vault: agent's rate")
            << 10 << 12.0 << 400.0 << 0.0 << 71429.0 << 1.0 << qint64(3428592000) << 3.428592 << true << 3.43;
        QTest::newRow("vault's rate wins")
            << 10 << 12.0 << 400.0 << 120000.0 << 71429.0 << 1.0 << qint64(5760000000) << 5.76 << true << 5.76;
        QTest::newRow("measured, price 2.50")
            << 3 << 6.0 << 400.0 << 120000.0 << 0.0 << 2.5 << qint64(864000000) << 2.16 << true << 0.87;
        QTest::newRow("fewer minutes") << 2 << 3.0 << 100.0 << 0.0 << 0.0 << 1.0 << qint64(72000000) << 0.072 << false
                                       << 0.08;
        QTest::newRow("rounds up") << 1 << 1.0 << 1.0 << 123457.0 << 0.0 << 1.0 << qint64(123457) << 0.000123457 << true
                                   << 0.01;
        QTest::newRow("nobody") << 0 << 12.0 << 400.0 << 120000.0 << 0.0 << 1.0 << qint64(0) << 0.0 << true << 0.0;
        QTest::newRow("no months") << 5 << 0.0 << 400.0 << 0.0 << 0.0 << 1.0 << qint64(0) << 0.0 << false << 0.0;
        QTest::newRow("negative users") << -3 << 12.0 << 400.0 << 0.0 << 0.0 << 1.0 << qint64(0) << 0.0 << false << 0.0;
    }

    void estimate()
    {
        QFETCH(int, users);
        QFETCH(double, months);
        QFETCH(double, minutesPerUser);
        QFETCH(double, measured);
        QFETCH(double, agent);
        QFETCH(double, price);
        QFETCH(qint64, bytes);
        QFETCH(double, cost);
        QFETCH(bool, isMeasured);
        QFETCH(double, capGb);
        EstimateInput in;
        in.users = users;
        in.monthsToKeep = months;
        in.minutesPerUserPerMonth = minutesPerUser;
        if (measured > 0)
            in.measuredBytesPerMinute = measured;
        if (agent > 0)
            in.agentBytesPerMinute = agent;
        in.pricePerGbMonth = price;
        const Estimate e = CapacityEstimator::estimate(in);
        QCOMPARE(e.bytes, bytes);
        QCOMPARE(e.measured, isMeasured);
        QVERIFY2(qAbs(e.monthlyCost - cost) < 1e-9, qPrintable(QString::number(e.monthlyCost)));
        QVERIFY2(qAbs(e.gb - double(bytes) / 1e9) < 1e-12, qPrintable(QString::number(e.gb)));
        QVERIFY2(qAbs(e.ruleOfThumbGb - e.minutes / 2000) < 1e-12, "rule of thumb is 2,000 minutes per GB");
        QVERIFY2(qAbs(CapacityEstimator::capGb(e) - capGb) < 1e-9,
                 qPrintable(QString::number(CapacityEstimator::capGb(e))));
        QVERIFY(CapacityEstimator::capGb(e) * 1e9 + 0.5 >= double(e.bytes));
    }
};

QTEST_GUILESS_MAIN(TestAppEstimator)
#include "tst_appestimator.moc"
