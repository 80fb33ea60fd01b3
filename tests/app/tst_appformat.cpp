// Sizes as the app writes them: a small cap and what a vault holds never round to the same text.
#include "format.h"

#include <QLocale>
#include <QTest>

using namespace vv::ui;

class TestAppFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom)); }

    void sizes_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nothing") << qint64(0) << "0.00 GB";
        QTest::newRow("a few kB") << qint64(2'500) << "2.5 kB";
        QTest::newRow("MB with 2 decimals") << qint64(9'860'000) << "9.86 MB";
        QTest::newRow("a 0.01 GB cap") << qint64(10'000'000) << "10.0 MB";
        QTest::newRow("hundreds of MB") << qint64(512'300'000) << "512 MB";
        QTest::newRow("GB") << qint64(1'230'000'000) << "1.23 GB";
        QTest::newRow("many GB") << qint64(25'000'000'000) << "25.0 GB";
    }

    void sizes()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, expected);
        QCOMPARE(format::gb(bytes), expected);
    }
};

QTEST_GUILESS_MAIN(TestAppFormat)
#include "tst_appformat.moc"
