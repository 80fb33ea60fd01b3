// Server addresses as people type them, and what the app says about the ones it cannot use.
#include "certificatepin.h"

#include <QTest>
#include <QUrl>

using namespace vv::net;

class TestAppAddress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typed_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("url");      // as the app stores it; "" = not usable
        QTest::addColumn<QString>("errorHas"); // a phrase of the error when not usable
        QTest::newRow("full") << "https://pbx.example.com:8443"
                              << "https://pbx.example.com:8443"
                              << "";
        QTest::newRow("no scheme") << "pbx.example.com:8443"
                                   << "https://pbx.example.com:8443"
                                   << "";
        QTest::newRow("spaces and slash") << "  https://pbx.example.com:8443/ "
                                          << "https://pbx.example.com:8443"
                                          << "";
        QTest::newRow("IPv6 loopback") << "https://[::1]:8443"
                                       << "https://[::1]:8443"
                                       << "";
        QTest::newRow("http to this computer") << "http://127.0.0.1:8080"
                                               << "http://127.0.0.1:8080"
                                               << "";
        QTest::newRow("http elsewhere") << "http://pbx.example.com:8443"
                                        << ""
                                        << "use https://";
        QTest::newRow("other scheme") << "ftp://pbx.example.com"
                                      << ""
                                      << "use https://";
        QTest::newRow("empty") << ""
                               << ""
                               << "no server address";
        QTest::newRow("user in address") << "https://me:pw@pbx.example.com"
                                         << ""
                                         << "user name or password";
        QTest::newRow("garbage") << "https://"
                                 << ""
                                 << "is not a server address";
    }

    void spacedPins_data()
    {
        QTest::addColumn<QString>("hex");
        QTest::addColumn<int>("perLine");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one line") << "A1B2C3" << 0 << "A1:B2:C3";
        QTest::newRow("two a line") << "A1B2C3D4E5" << 2 << "A1:B2:\nC3:D4:\nE5";
        QTest::newRow("exact lines") << "A1B2C3D4" << 2 << "A1:B2:\nC3:D4";
        QTest::newRow("empty") << "" << 8 << "";
    }

    void spacedPins()
    {
        QFETCH(QString, hex);
        QFETCH(int, perLine);
        QFETCH(QString, expected);
        QCOMPARE(spacedPin(hex, perLine), expected);
    }

    void typed()
    {
        QFETCH(QString, typed);
        QFETCH(QString, url);
        QFETCH(QString, errorHas);
        const QUrl u = serverUrlFromText(typed);
        QString error;
        const bool ok = isAcceptableBaseUrl(u, &error);
        QCOMPARE(ok, !url.isEmpty());
        if (ok) {
            QCOMPARE(u.toString(), url);
        } else {
            QVERIFY2(error.contains(errorHas), qPrintable(error));
            QVERIFY2(!error.contains('(') && !error.contains(')'), qPrintable("nested brackets: " + error));
        }
    }
};

QTEST_GUILESS_MAIN(TestAppAddress)
#include "tst_appaddress.moc"
