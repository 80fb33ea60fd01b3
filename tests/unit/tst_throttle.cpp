// Sign-in throttling with an injected clock: who is slowed down, who is not,
// and that parallel attempts get no more guesses than sequential ones.
#include "api/throttle.h"

#include <QTest>

using namespace vv::agent;
using namespace std::chrono_literals;

class TestThrottle : public QObject
{
    Q_OBJECT

    std::chrono::steady_clock::time_point m_now{std::chrono::hours(1000)};
    LoginThrottle::Clock clock()
    {
        return [this] { return m_now; };
    }
    // One complete failed attempt; the wait it met (0 = it was checked).
    static int fail(LoginThrottle &t, const QString &user, const QString &address)
    {
        const int wait = t.begin(user, address);
        if (wait == 0)
            t.finished(user, address, false);
        return wait;
    }

private Q_SLOTS:
    void attempts_data()
    {
        QTest::addColumn<int>("wrongFromAttacker"); // wrong passwords for "erin" from 10.0.0.1
        QTest::addColumn<QString>("who");           // then this user signs in ...
        QTest::addColumn<QString>("from");          // ... from this address
        QTest::addColumn<bool>("allowed");

        QTest::newRow("a few typos") << 4 << "erin"
                                     << "10.0.0.1" << true;
        QTest::newRow("guessing, same address") << 5 << "erin"
                                                << "10.0.0.1" << false;
        QTest::newRow("guessing elsewhere does not lock erin out") << 20 << "erin"
                                                                   << "10.0.0.2" << true;
        QTest::newRow("other users at the guessing address") << 20 << "fred"
                                                             << "10.0.0.1" << true;
        QTest::newRow("user name case does not matter") << 5 << "ERIN"
                                                        << "10.0.0.1" << false;
    }

    void attempts()
    {
        QFETCH(int, wrongFromAttacker);
        QFETCH(QString, who);
        QFETCH(QString, from);
        QFETCH(bool, allowed);
        LoginThrottle t(5, 50, clock());
        for (int i = 0; i < wrongFromAttacker; ++i) {
            if (fail(t, QStringLiteral("erin"), QStringLiteral("10.0.0.1")) > 0)
                break;
        }
        const int wait = t.begin(who, from);
        QCOMPARE(wait == 0, allowed);
        if (wait == 0)
            t.finished(who, from, true);
    }

    void addressCeiling()
    {
        LoginThrottle t(5, 50, clock());
        int checked = 0;
        for (int i = 0; i < 200; ++i)
            if (fail(t, QStringLiteral("ghost%1").arg(i), QStringLiteral("10.0.0.9")) == 0)
                ++checked;
        QCOMPARE(checked, 50);
        QVERIFY(t.begin(QStringLiteral("admin"), QStringLiteral("10.0.0.9")) > 0);
        QCOMPARE(t.begin(QStringLiteral("admin"), QStringLiteral("10.0.0.10")), 0);
    }

    // 40 attempts in flight at once for one user and address: only the free 5 are let through to the password.
    void parallelAttemptsAreCountedWhenTheyStart()
    {
        LoginThrottle t(5, 50, clock());
        int started = 0;
        for (int i = 0; i < 40; ++i)
            if (t.begin(QStringLiteral("erin"), QStringLiteral("10.0.0.1")) == 0)
                ++started;
        QCOMPARE(started, 5);
        for (int i = 0; i < started; ++i)
            t.finished(QStringLiteral("erin"), QStringLiteral("10.0.0.1"), false);
        QVERIFY(t.begin(QStringLiteral("erin"), QStringLiteral("10.0.0.1")) > 0);
    }

    void delayDoublesThenForgets()
    {
        LoginThrottle t(5, 50, clock());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(fail(t, QStringLiteral("erin"), QStringLiteral("10.0.0.1")), 0);
        const int first = t.begin(QStringLiteral("erin"), QStringLiteral("10.0.0.1"));
        QVERIFY(first > 25 && first <= 31);
        m_now += std::chrono::seconds(first);
        QCOMPARE(fail(t, QStringLiteral("erin"), QStringLiteral("10.0.0.1")), 0);
        const int second = t.begin(QStringLiteral("erin"), QStringLiteral("10.0.0.1"));
        QVERIFY2(second > 55 && second <= 61, qPrintable(QString::number(second)));
        m_now += 16min;
        QCOMPARE(t.begin(QStringLiteral("erin"), QStringLiteral("10.0.0.1")), 0);
    }

    void successClearsThePair()
    {
        LoginThrottle t(5, 50, clock());
        for (int i = 0; i < 4; ++i)
            fail(t, QStringLiteral("erin"), QStringLiteral("10.0.0.1"));
        QCOMPARE(t.begin(QStringLiteral("erin"), QStringLiteral("10.0.0.1")), 0);
        t.finished(QStringLiteral("erin"), QStringLiteral("10.0.0.1"), true);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(fail(t, QStringLiteral("erin"), QStringLiteral("10.0.0.1")), 0);
    }
};

QTEST_GUILESS_MAIN(TestThrottle)
#include "tst_throttle.moc"
