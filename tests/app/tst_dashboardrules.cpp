// The dashboard's rules, row by row: which vault is failing, which needs attention, the words that say why, the
// worst-first order, and the storage forecast from hourly samples.
#include "storageforecast.h"
#include "vaulthealth.h"

#include <QTest>

using namespace vv::dashboard;
using vv::net::AssuranceDay;
using vv::net::ServerStatus;
using vv::net::UsageSample;
using vv::net::UsageSamples;

Q_DECLARE_METATYPE(vv::dashboard::VaultHealthRow)
Q_DECLARE_METATYPE(vv::dashboard::Health)
Q_DECLARE_METATYPE(vv::net::UsageSamples)

namespace {

VaultHealthRow healthy()
{
    VaultHealthRow r;
    r.serverId = 1;
    r.serverName = QStringLiteral("North");
    r.vaultId = 3;
    r.vaultName = QStringLiteral("acme");
    r.fetched = true;
    r.reachable = true;
    ServerStatus st;
    st.captureRunning = true;
    st.interface = QStringLiteral("eth0");
    r.status = st;
    AssuranceDay d;
    d.shouldRecord = d.recorded = 10;
    r.today = d;
    r.week = d;
    r.bytesUsed = 100;
    return r;
}

UsageSamples hourly(int hours, qint64 start, qint64 perHour, std::optional<qint64> cap)
{
    UsageSamples s;
    s.capBytes = cap;
    const QDateTime t0(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
    for (int h = 0; h <= hours; ++h)
        s.items.append(UsageSample{t0.addSecs(h * 3600), start + h * perHour});
    return s;
}

} // namespace

class TestDashboardRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void health_data()
    {
        QTest::addColumn<VaultHealthRow>("row");
        QTest::addColumn<Health>("expected");
        QTest::addColumn<QString>("reason"); // a part of the words shown

        QTest::newRow("recording") << healthy() << Health::Ok << QString();
        VaultHealthRow r = healthy();
        r.fetched = false;
        QTest::newRow("not fetched") << r << Health::Unknown << "not fetched";
        r = healthy();
        r.reachable = false;
        r.error = QStringLiteral("connection refused");
        QTest::newRow("unreachable") << r << Health::Failing << "server unreachable: connection refused";
        r = healthy();
        r.reachable = false;
        r.signedOut = true;
        r.error = QStringLiteral("Not signed in");
        QTest::newRow("signed out") << r << Health::Warning << "not signed in";
        r = healthy();
        r.status->captureRunning = false;
        r.status->captureError = QStringLiteral("eth0: No such device exists");
        QTest::newRow("capture down") << r << Health::Failing << "capture down: eth0: No such device";
        r.enabled = false;
        QTest::newRow("capture down, vault off") << r << Health::Ok << QString();
        r = healthy();
        r.status->captureRunning = false;
        r.status->interface = QStringLiteral("none");
        QTest::newRow("no interface") << r << Health::Failing << "no capture interface";
        r = healthy();
        r.today->missed = 2;
        QTest::newRow("missed today") << r << Health::Failing << "2 call(s) missed today";
        r = healthy();
        r.today->degraded = 1;
        QTest::newRow("degraded today") << r << Health::Warning << "1 call(s) recorded badly today";
        r = healthy();
        r.week->missed = 3;
        QTest::newRow("missed this week") << r << Health::Warning << "3 missed in 7 days";
        r = healthy();
        r.openAlerts = 1;
        QTest::newRow("warning open") << r << Health::Warning << "1 open alert(s)";
        r.criticalAlert = true;
        QTest::newRow("critical open") << r << Health::Failing << "1 open alert(s)";
        r = healthy();
        r.capBytes = 1000;
        r.bytesUsed = 900;
        QTest::newRow("90% of cap") << r << Health::Warning << "at 90% of its cap";
        r.bytesUsed = 899;
        QTest::newRow("89% of cap") << r << Health::Ok << QString();
        r = healthy();
        r.error = QStringLiteral("assurance could not be read (HTTP 503)");
        QTest::newRow("part unreadable") << r << Health::Failing << "assurance could not be read";
    }

    void health()
    {
        QFETCH(VaultHealthRow, row);
        QFETCH(Health, expected);
        QFETCH(QString, reason);
        QCOMPARE(healthOf(row), expected);
        if (reason.isEmpty())
            QCOMPARE(reasonOf(row), QString());
        else
            QVERIFY2(reasonOf(row).contains(reason), qPrintable(reasonOf(row)));
    }

    void worstFirst()
    {
        VaultHealthRow ok = healthy();
        VaultHealthRow warning = healthy();
        warning.openAlerts = 1;
        VaultHealthRow failing = healthy();
        failing.today->missed = 1;
        failing.week->missed = 1;
        VaultHealthRow worse = failing;
        worse.week->missed = 5;
        VaultHealthRow unknown = healthy();
        unknown.fetched = false;
        QList<VaultHealthRow> rows{ok, unknown, failing, warning, worse};
        std::stable_sort(rows.begin(), rows.end(), worseThan);
        QCOMPARE(rows[0].week->missed, qint64(5));
        QCOMPARE(healthOf(rows[1]), Health::Failing);
        QCOMPARE(healthOf(rows[2]), Health::Warning);
        QCOMPARE(healthOf(rows[3]), Health::Unknown);
        QCOMPARE(healthOf(rows[4]), Health::Ok);
        QVERIFY(!worseThan(ok, ok)); // a strict order
    }

    void forecast_data()
    {
        QTest::addColumn<UsageSamples>("samples");
        QTest::addColumn<double>("perDay"); // -1: none
        QTest::addColumn<double>("toCap");  // -1: none
        QTest::addColumn<double>("months"); // -1: none
        QTest::addColumn<QString>("sentence");

        QTest::newRow("one sample") << hourly(0, 0, 0, std::nullopt) << -1.0 << -1.0 << -1.0 << "Not enough history";
        QTest::newRow("half a day") << hourly(12, 0, 1000, std::nullopt) << -1.0 << -1.0 << -1.0 << "needs a day";
        // 1 GB a day for two days, cap 10 GB: 8 GB left → 8 days; 10 GB holds 10/30.44 months.
        QTest::newRow("filling a cap") << hourly(48, 0, 1'000'000'000 / 24, 10'000'000'000LL) << 1.0e9 << 8.0
                                       << 10.0 / 30.44 << "The cap fills in about 8 day(s)";
        QTest::newRow("cap full") << hourly(48, 10'000'000'000LL, 0, 10'000'000'000LL) << 0.0 << -1.0 << -1.0
                                  << "Not growing";
        QTest::newRow("no cap") << hourly(48, 0, 1'000'000'000 / 24, std::nullopt) << 1.0e9 << -1.0 << -1.0
                                << "Grows about 30.4";
    }

    void forecast()
    {
        QFETCH(UsageSamples, samples);
        QFETCH(double, perDay);
        QFETCH(double, toCap);
        QFETCH(double, months);
        QFETCH(QString, sentence);
        const StorageForecast f = forecastStorage(samples);
        auto near = [](std::optional<double> got, double want) {
            return want < 0 ? !got.has_value() : got.has_value() && qAbs(*got - want) <= qMax(1e-6, want * 0.01);
        };
        QVERIFY2(near(f.bytesPerDay, perDay), qPrintable(QString::number(f.bytesPerDay.value_or(-1))));
        QVERIFY2(near(f.daysToCap, toCap), qPrintable(QString::number(f.daysToCap.value_or(-1))));
        QVERIFY2(near(f.monthsHeld, months), qPrintable(QString::number(f.monthsHeld.value_or(-1))));
        QVERIFY2(f.text.contains(sentence), qPrintable(f.text));
    }
};

QTEST_GUILESS_MAIN(TestDashboardRules)
#include "tst_dashboardrules.moc"
