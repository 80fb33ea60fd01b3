// The E-model estimate on known inputs (ITU-T G.107 simplified, G.113 codec values).
#include "rtp/quality.h"

#include <QTest>

using namespace vv::agent;

class TestEModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void estimate_data();
    void estimate();
};

void TestEModel::estimate_data()
{
    QTest::addColumn<QString>("codec");
    QTest::addColumn<double>("loss");
    QTest::addColumn<double>("delay");
    QTest::addColumn<double>("r");
    QTest::addColumn<double>("mos");
    QTest::newRow("G.711 clean, 60 ms") << "PCMU" << 0.0 << 60.0 << 91.76 << 4.38;
    QTest::newRow("G.729 clean, 60 ms") << "G729" << 0.0 << 60.0 << 80.76 << 4.05;
    QTest::newRow("G.711 5% loss") << "PCMA" << 5.0 << 60.0 << 75.98 << 3.86;
    QTest::newRow("G.711 long delay") << "PCMU" << 0.0 << 300.0 << 72.50 << 3.71;
    QTest::newRow("total loss") << "PCMU" << 100.0 << 60.0 << 15.82 << 1.14;
    QTest::newRow("G.729 10% loss") << "G729" << 10.0 << 60.0 << 51.79 << 2.67;
}

void TestEModel::estimate()
{
    QFETCH(QString, codec);
    QFETCH(double, loss);
    QFETCH(double, delay);
    QFETCH(double, r);
    QFETCH(double, mos);
    const double gotR = eModelR({codec.toStdString(), loss, delay});
    QVERIFY2(qAbs(gotR - r) < 0.05, qPrintable(QString::number(gotR)));
    QVERIFY2(qAbs(mosFromR(gotR) - mos) < 0.01, qPrintable(QString::number(mosFromR(gotR))));
}

QTEST_APPLESS_MAIN(TestEModel)
#include "tst_emodel.moc"
