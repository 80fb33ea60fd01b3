// The health monitor's decisions on made-up snapshots and a clock: when each event opens, when it resolves, that
// moments (a missed call, an unclean restart) wait for a person, and that a restart does not reopen what is open.
#include "alerts/healthmonitor.h"

#include <QTest>

using namespace vv::agent;

namespace {

constexpr PacketTime kSecond = 1'000'000;
constexpr PacketTime kMinute = 60 * kSecond;
constexpr PacketTime kT0 = 1'795'687'200'000'000; // 2026-11-26T10:00:00Z

struct Log
{
    std::vector<HealthEntry> entries;
    QStringList lines() const
    {
        QStringList out;
        for (const HealthEntry &e : entries)
            out << e.action + u' ' + e.key;
        return out;
    }
};

HealthInputs healthy(PacketTime now)
{
    HealthInputs in;
    in.now = now;
    in.interface = QStringLiteral("eth0");
    in.captureRunning = true;
    in.lastSipAt = now;
    in.diskFreeBytes = 500'000'000'000;
    return in;
}

} // namespace

class TestHealthMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void captureDownOpensAndResolves()
    {
        Log log;
        HealthMonitor m({}, [&](const HealthEntry &e) { log.entries.push_back(e); });
        m.evaluate(healthy(kT0));
        HealthInputs down = healthy(kT0 + kSecond);
        down.captureRunning = false;
        down.captureError = QStringLiteral("The interface went down");
        m.evaluate(down);
        down.now += kSecond;
        m.evaluate(down); // still down: no second "open"
        m.evaluate(healthy(kT0 + 3 * kSecond));
        QCOMPARE(log.lines(), (QStringList{"open capture_down:eth0", "resolve capture_down:eth0"}));
        QCOMPARE(log.entries.front().severity, Severity::Critical);
        QVERIFY(log.entries.front().detail.contains("The interface went down"));
        QVERIFY(log.entries.front().detail.contains("retries"));
    }

    void noSip_data()
    {
        QTest::addColumn<QString>("hours");
        QTest::addColumn<int>("quietMinutes");
        QTest::addColumn<bool>("opens");
        QTest::newRow("always watched, quiet too long") << QString() << 31 << true;
        QTest::newRow("always watched, quiet a while") << QString() << 29 << false;
        QTest::newRow("10:00 is within 08:00-18:00") << QStringLiteral("08:00-18:00") << 31 << true;
        QTest::newRow("10:00 is outside 18:00-08:00") << QStringLiteral("18:00-08:00") << 31 << false;
        QTest::newRow("10:00 is within 22:00-11:00") << QStringLiteral("22:00-11:00") << 31 << true;
    }

    void noSip()
    {
        QFETCH(QString, hours);
        QFETCH(int, quietMinutes);
        QFETCH(bool, opens);
        AlertsConfig rules;
        rules.noSipMinutes = 30;
        rules.sipHours = hours;
        Log log;
        HealthMonitor m(rules, [&](const HealthEntry &e) { log.entries.push_back(e); });
        HealthInputs in = healthy(kT0 - quietMinutes * kMinute);
        m.evaluate(in); // the agent starts, SIP seen
        in.now = kT0;
        m.evaluate(in);
        QCOMPARE(m.isOpen(HealthKind::NoSip), opens);
        if (opens) {
            in.lastSipAt = kT0 + kSecond;
            in.now = kT0 + kSecond;
            m.evaluate(in);
            QVERIFY(!m.isOpen(HealthKind::NoSip));
        }
    }

    void dropsAboveTheThresholdThenFiveQuietMinutes()
    {
        AlertsConfig rules;
        rules.dropsPerMinute = 100;
        Log log;
        HealthMonitor m(rules, [&](const HealthEntry &e) { log.entries.push_back(e); });
        HealthInputs in = healthy(kT0);
        m.evaluate(in);
        in.now += 30 * kSecond;
        in.captureDrops = 80; // under the threshold within the minute
        m.evaluate(in);
        QVERIFY(!m.isOpen(HealthKind::CaptureDrops));
        in.now += 20 * kSecond;
        in.captureDrops = 250;
        m.evaluate(in);
        QVERIFY(m.isOpen(HealthKind::CaptureDrops));
        for (int s = 1; s <= 6 * 60; s += 10) { // no more drops
            in.now += 10 * kSecond;
            m.evaluate(in);
            if (s < 4 * 60)
                QVERIFY2(m.isOpen(HealthKind::CaptureDrops), qPrintable(QString::number(s)));
        }
        QVERIFY(!m.isOpen(HealthKind::CaptureDrops));
    }

    void vaultNearItsCap_data()
    {
        QTest::addColumn<QList<int>>("percents"); // held, in percent of the cap, one snapshot each
        QTest::addColumn<QList<bool>>("open");
        QTest::newRow("below") << QList<int>{50, 89} << QList<bool>{false, false};
        QTest::newRow("reaches 90") << QList<int>{89, 90} << QList<bool>{false, true};
        QTest::newRow("stays open down to 85") << QList<int>{95, 87, 85} << QList<bool>{true, true, true};
        QTest::newRow("resolves below 85") << QList<int>{95, 84} << QList<bool>{true, false};
    }

    void vaultNearItsCap()
    {
        QFETCH(QList<int>, percents);
        QFETCH(QList<bool>, open);
        Log log;
        HealthMonitor m({}, [&](const HealthEntry &e) { log.entries.push_back(e); });
        for (int i = 0; i < percents.size(); ++i) {
            HealthInputs in = healthy(kT0 + i * kSecond);
            in.vaults.push_back({7, QStringLiteral("acme"), 1'000'000, percents[i] * 10'000, std::nullopt});
            m.evaluate(in);
            QCOMPARE(m.isOpen(QStringLiteral("vault_near_cap:7")), open[i]);
        }
    }

    void unlimitedVaultsForecastToFillTheDisk()
    {
        AlertsConfig rules;
        rules.fillForecastDays = 14;
        Log log;
        HealthMonitor m(rules, [&](const HealthEntry &e) { log.entries.push_back(e); });
        HealthInputs in = healthy(kT0);
        in.diskFreeBytes = 100'000'000'000;
        in.vaults.push_back({1, QStringLiteral("a"), std::nullopt, 1, 5e9});  // 5 GB a day
        in.vaults.push_back({2, QStringLiteral("b"), std::nullopt, 1, 3e9});  // 3 GB a day: 12.5 days in all
        in.vaults.push_back({3, QStringLiteral("c"), 1'000'000'000, 1, 9e9}); // capped: never fills the disk
        m.evaluate(in);
        QVERIFY(m.isOpen(HealthKind::DiskFillForecast));
        QVERIFY(log.entries.back().detail.contains("fills in about 12 days") ||
                log.entries.back().detail.contains("fills in about 13 days"));
        in.diskFreeBytes = 200'000'000'000; // 25 days
        in.now += kSecond;
        m.evaluate(in);
        QVERIFY(!m.isOpen(HealthKind::DiskFillForecast));
    }

    void certificate_data()
    {
        QTest::addColumn<int>("daysLeft");
        QTest::addColumn<bool>("opens");
        QTest::addColumn<QString>("severity");
        QTest::newRow("in a year") << 365 << false << QString();
        QTest::newRow("in 20 days") << 20 << true << Severity::Warning;
        QTest::newRow("expired") << -1 << true << Severity::Critical;
    }

    void certificate()
    {
        QFETCH(int, daysLeft);
        QFETCH(bool, opens);
        QFETCH(QString, severity);
        Log log;
        HealthMonitor m({}, [&](const HealthEntry &e) { log.entries.push_back(e); });
        HealthInputs in = healthy(kT0);
        in.certificateExpiresAt = kT0 + daysLeft * 24 * 60 * kMinute;
        m.evaluate(in);
        QCOMPARE(m.isOpen(HealthKind::CertificateExpiring), opens);
        if (opens)
            QCOMPARE(log.entries.back().severity, severity);
    }

    void missedCallsAreMomentsAndAFullVaultIsAState()
    {
        Log log;
        HealthMonitor m({}, [&](const HealthEntry &e) { log.entries.push_back(e); });
        HealthInputs in = healthy(kT0);
        in.missed.push_back({812, 3, QStringLiteral("acme"), QStringLiteral("c1"), QStringLiteral("07700900123"),
                             QStringLiteral("201"),
                             QStringLiteral("vault full: protected recordings and calls in progress fill the cap")});
        m.evaluate(in);
        QCOMPARE(log.lines(), (QStringList{"open missed_call:812", "open vault_full_protected:3"}));
        QVERIFY(log.entries.front().detail.contains("07700900123"));
        // A moment is never resolved by the monitor: it waits for a person (acknowledge, in the API).
        in = healthy(kT0 + kSecond);
        in.vaultsRecorded = {3};
        m.evaluate(in);
        QCOMPARE(log.lines().last(), QStringLiteral("resolve vault_full_protected:3"));
        QCOMPARE(log.lines().count(QStringLiteral("resolve missed_call:812")), 0);
    }

    void catalogueFailuresTenQuietMinutes()
    {
        Log log;
        HealthMonitor m({}, [&](const HealthEntry &e) { log.entries.push_back(e); });
        HealthInputs in = healthy(kT0);
        m.evaluate(in);
        in.catalogueFailures = 3;
        in.now += kSecond;
        m.evaluate(in);
        QVERIFY(m.isOpen(HealthKind::CatalogueErrors));
        in.now += 9 * kMinute;
        m.evaluate(in);
        QVERIFY(m.isOpen(HealthKind::CatalogueErrors));
        in.now += 2 * kMinute;
        m.evaluate(in);
        QVERIFY(!m.isOpen(HealthKind::CatalogueErrors));
    }

    void aRestartKeepsWhatIsOpenAndReportsAnUncleanStop()
    {
        Log log;
        HealthMonitor m({}, [&](const HealthEntry &e) { log.entries.push_back(e); });
        HealthEvent open;
        open.key = QStringLiteral("capture_down:eth0");
        open.kind = HealthKind::CaptureDown;
        HealthEvent moment;
        moment.key = QStringLiteral("missed_call:9");
        moment.kind = HealthKind::MissedCall;
        m.restore({open, moment}, kT0);
        m.started(kT0, true, QStringLiteral("0.3.0"));
        QCOMPARE(log.entries.size(), std::size_t(1));
        QCOMPARE(log.entries.front().kind, HealthKind::AgentRestarted);
        QVERIFY(log.entries.front().detail.contains("unclean"));
        HealthInputs in = healthy(kT0);
        in.captureRunning = false;
        m.evaluate(in); // still down: not opened a second time
        QCOMPARE(log.entries.size(), std::size_t(1));
        m.evaluate(healthy(kT0 + kSecond));
        QCOMPARE(log.lines().last(), QStringLiteral("resolve capture_down:eth0"));
        HealthMonitor clean({}, [&](const HealthEntry &e) { log.entries.push_back(e); });
        const std::size_t before = log.entries.size();
        clean.started(kT0, false, QStringLiteral("0.3.0"));
        QCOMPARE(log.entries.size(), before); // a clean start is not news
    }
};

QTEST_GUILESS_MAIN(TestHealthMonitor)
#include "tst_healthmonitor.moc"
