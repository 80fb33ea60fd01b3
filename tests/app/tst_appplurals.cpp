// English plural forms come from translations/vipvault_en.ts (embedded in the app): "1 recording", "2 recordings".
#include "launcher.h"

#include <QCoreApplication>
#include <QTest>

class TestAppPlurals : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(vv::ui::installTranslations(QCoreApplication::instance()), "no :/i18n/vipvault_en.qm");
    }

    void plurals_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("n");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one recording") << "vv::ui::EditVaultDialog"
                                       << "deletes the %n recording(s) older than the retention limit (%1)" << 1
                                       << "deletes the 1 recording older than the retention limit (%1)";
        QTest::newRow("two recordings") << "vv::ui::EditVaultDialog"
                                        << "deletes the %n recording(s) older than the retention limit (%1)" << 2
                                        << "deletes the 2 recordings older than the retention limit (%1)";
        QTest::newRow("one service is")
            << "vv::ui::ManageServersDialog"
            << "%n VoIP service(s) of your customers are linked to it and will be unlinked. " << 1
            << "1 VoIP service of your customers is linked to it and will be unlinked. ";
        QTest::newRow("one vault needs") << "vv::ui::DashboardTab"
                                         << "Recording; %n vault(s) need attention" << 1
                                         << "Recording; 1 vault needs attention";
        QTest::newRow("three vaults need")
            << "vv::ui::DashboardTab"
            << "Recording; %n vault(s) need attention" << 3 << "Recording; 3 vaults need attention";
    }

    void plurals()
    {
        QFETCH(QString, context);
        QFETCH(QString, source);
        QFETCH(int, n);
        QFETCH(QString, expected);
        QCOMPARE(QCoreApplication::translate(context.toUtf8().constData(), source.toUtf8().constData(), nullptr, n),
                 expected);
    }
};

QTEST_GUILESS_MAIN(TestAppPlurals)
#include "tst_appplurals.moc"
