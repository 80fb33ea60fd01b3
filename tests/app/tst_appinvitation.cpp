// A reseller's invitation as text: written and read back, and read as mail programs and people mangle it.
#include "invitation.h"

#include <QTest>

using namespace vv::net;

namespace {

Invitation sample()
{
    Invitation i;
    i.serverUrl = QStringLiteral("https://pbx.example.com:8443");
    i.fingerprint = QString(64, 'A').replace(0, 2, QStringLiteral("0F"));
    i.username = QStringLiteral("carol");
    i.password = QStringLiteral("kT4-rq9Lm2xZ");
    return i;
}

} // namespace

class TestAppInvitation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        const Invitation i = sample();
        QString error;
        const auto back = Invitation::parse(i.toText(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->serverUrl, i.serverUrl);
        QCOMPARE(back->fingerprint, i.fingerprint);
        QCOMPARE(back->username, i.username);
        QCOMPARE(back->password, i.password);
    }

    void mangled_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("errorHas"); // "" = readable
        const QString good = sample().toText();
        QTest::newRow("as written") << good << "";
        QTest::newRow("quoted in a reply") << "> " + QString(good).replace("\n", "\n> ") << "";
        QTest::newRow("inside an e-mail") << "Hi Carol,\n\nhere it is:\n\n" + good + "\nBest, Jo"
                                          << "";
        QTest::newRow("Windows line ends") << QString(good).replace("\n", "\r\n") << "";
        QTest::newRow("fingerprint without colons") << QString(good).replace(":AA", "AA") << "";
        QTest::newRow("not an invitation") << "Server: https://x.example"
                                           << "not a VIP Vault invitation";
        QTest::newRow("no server") << QString(good).replace("Server:", "Serber:") << "no server address";
        QTest::newRow("http server") << QString(good).replace("https://", "http://") << "use https://";
        QTest::newRow("cut fingerprint") << QString(good).replace(":AA:AA\n", "\n") << "fingerprint";
        QTest::newRow("no user") << QString(good).replace("User name: carol", "User name:") << "no user name";
        QTest::newRow("no password") << QString(good).replace("One-time password: kT4-rq9Lm2xZ", "One-time password:")
                                     << "no password";
        QTest::newRow("empty") << QString() << "not a VIP Vault invitation";
    }

    void mangled()
    {
        QFETCH(QString, text);
        QFETCH(QString, errorHas);
        QString error;
        const auto i = Invitation::parse(text, &error);
        QCOMPARE(bool(i), errorHas.isEmpty());
        if (i) {
            QCOMPARE(i->username, QString("carol"));
            QCOMPARE(i->password, QString("kT4-rq9Lm2xZ"));
            QCOMPARE(i->fingerprint, sample().fingerprint);
        } else {
            QVERIFY2(error.contains(errorHas), qPrintable(error));
            QVERIFY2(!error.contains("kT4-rq9Lm2xZ"), "an error never repeats the password");
        }
    }
};

QTEST_GUILESS_MAIN(TestAppInvitation)
#include "tst_appinvitation.moc"
