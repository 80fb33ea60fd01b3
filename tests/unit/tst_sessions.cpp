// The API's session rules on a real catalogue, with the clock in the test's hand: a token lasts while it is
// used, ends after the idle limit or the lifetime, and ends at once when revoked, disabled or the password
// changes. No waiting: time moves because the test moves it.
#include "api/secrets.h"
#include "api/userstore.h"
#include "vault/catalogue.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vv::agent;

namespace {
constexpr PacketTime kSecond = 1'000'000;
constexpr PacketTime kMinute = 60 * kSecond;
} // namespace

class TestSessions : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_path;
    PacketTime m_now = 1'800'000'000 * kSecond;
    std::unique_ptr<Catalogue> m_catalogue;

    std::unique_ptr<UserStore> store(int sessionHours, int idleMinutes)
    {
        return std::make_unique<UserStore>(m_path, sessionHours, idleMinutes, [this] { return m_now; });
    }

    UserRecord user(UserStore &s, const QString &name)
    {
        UserRecord u;
        u.username = name;
        u.role = QStringLiteral("reseller");
        QString error;
        if (!s.createUser(&u, QStringLiteral("a long enough password"), &error))
            qWarning() << error;
        return u;
    }

    QString signIn(UserStore &s, const UserRecord &u)
    {
        PacketTime expires = 0;
        return s.createSession(u, QStringLiteral("127.0.0.1"), &expires);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(initSecrets());
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("catalogue.sqlite"));
        m_catalogue = std::make_unique<Catalogue>(QStringLiteral("tst-sessions"));
        QString error;
        QVERIFY2(m_catalogue->open(m_path, &error), qPrintable(error));
    }

    // Used every 50 s under a one-minute idle limit, a session never ends; left alone 61 s, it does.
    void idleLimitCountsFromLastUse_data()
    {
        QTest::addColumn<int>("idleMinutes");
        QTest::newRow("1 minute") << 1;
        QTest::newRow("5 minutes") << 5;
        QTest::newRow("60 minutes") << 60;
    }

    void idleLimitCountsFromLastUse()
    {
        QFETCH(int, idleMinutes);
        auto s = store(12, idleMinutes);
        const UserRecord u = user(*s, QStringLiteral("idle%1").arg(idleMinutes));
        const QString token = signIn(*s, u);
        QVERIFY(!token.isEmpty());
        const PacketTime step = idleMinutes * kMinute * 5 / 6;
        for (int i = 0; i < 10; ++i) {
            m_now += step;
            QVERIFY2(s->resolveToken(token), qPrintable(QStringLiteral("used after %1 steps").arg(i + 1)));
        }
        m_now += idleMinutes * kMinute + kSecond;
        QVERIFY(!s->resolveToken(token));
        m_now -= idleMinutes * kMinute + kSecond; // gone for good: no coming back when the clock does
        QVERIFY(!s->resolveToken(token));
    }

    void lifetimeEndsEvenAnActiveSession()
    {
        auto s = store(1, 60);
        const QString token = signIn(*s, user(*s, QStringLiteral("lifetime")));
        for (int i = 0; i < 59; ++i) {
            m_now += kMinute;
            QVERIFY(s->resolveToken(token));
        }
        m_now += kMinute;
        QVERIFY(!s->resolveToken(token));
    }

    void revocationEndsSessions()
    {
        auto s = store(12, 60);
        const UserRecord u = user(*s, QStringLiteral("revoked"));
        const QString a = signIn(*s, u);
        const QString b = signIn(*s, u);
        s->revokeToken(a);
        QVERIFY(!s->resolveToken(a));
        QVERIFY(s->resolveToken(b));
        QString error;
        QVERIFY2(s->setPassword(u.id, QStringLiteral("another long password"), false, &error), qPrintable(error));
        QVERIFY(!s->resolveToken(b));
        const QString c = signIn(*s, u);
        QVERIFY(s->resolveToken(c));
        QVERIFY2(s->setDisabled(u.id, true, &error), qPrintable(error));
        QVERIFY(!s->resolveToken(c));
    }

    void malformedTokensNameNobody_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("empty") << QString();
        QTest::newRow("short") << QStringLiteral("abc");
        QTest::newRow("long") << QString(200, u'a');
        QTest::newRow("unknown") << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    }

    void malformedTokensNameNobody()
    {
        QFETCH(QString, token);
        QVERIFY(!store(12, 60)->resolveToken(token));
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
