// Numbers as people type them and as PBXs send them (common/phonenumber.h).
#include "common/phonenumber.h"

#include <QTest>

using namespace vv::agent;

class TestPhoneNumber : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalise_data();
    void normalise();
    void searchForms_data();
    void searchForms();
    void countryCodes_data();
    void countryCodes();
};

void TestPhoneNumber::normalise_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("countryCode");
    QTest::addColumn<QString>("nationalPrefix");
    QTest::addColumn<QString>("expected");
    QTest::newRow("UK national") << "07700900123"
                                 << "44"
                                 << "0"
                                 << "+447700900123";
    QTest::newRow("UK national, spaced") << "07700 900123"
                                         << "44"
                                         << "0"
                                         << "+447700900123";
    QTest::newRow("international, spaced") << "+44 7700 900123"
                                           << "44"
                                           << "0"
                                           << "+447700900123";
    QTest::newRow("00 international") << "0044 7700 900123"
                                      << "44"
                                      << "0"
                                      << "+447700900123";
    QTest::newRow("another country via 00") << "0033 1 23 45 67 89"
                                            << "44"
                                            << "0"
                                            << "+33123456789";
    QTest::newRow("+44 (0) form") << "+44 (0)20 7946 0000"
                                  << "44"
                                  << "0"
                                  << "+442079460000";
    QTest::newRow("brackets and dashes") << "(020) 7946-0000"
                                         << "44"
                                         << "0"
                                         << "+442079460000";
    QTest::newRow("dots") << "020.7946.0000"
                          << "44"
                          << "0"
                          << "+442079460000";
    QTest::newRow("no plan: digits only") << "07700 900123"
                                          << ""
                                          << "0"
                                          << "07700900123";
    QTest::newRow("no national prefix in the plan") << "612345678"
                                                    << "34"
                                                    << ""
                                                    << "612345678";
    QTest::newRow("extension") << "201"
                               << "44"
                               << "0"
                               << "201";
    QTest::newRow("short number with the prefix stays") << "0800"
                                                        << "44"
                                                        << "0"
                                                        << "0800";
    QTest::newRow("partial number") << "7700 900"
                                    << "44"
                                    << "0"
                                    << "7700900";
    QTest::newRow("US national prefix 1") << "1 555 010 0000"
                                          << "1"
                                          << "1"
                                          << "+15550100000";
    QTest::newRow("name") << "anonymous"
                          << "44"
                          << "0"
                          << "";
    QTest::newRow("feature code") << "*21#"
                                  << "44"
                                  << "0"
                                  << "";
    QTest::newRow("two plus signs") << "++44123"
                                    << "44"
                                    << "0"
                                    << "";
    QTest::newRow("plus inside") << "44+123"
                                 << "44"
                                 << "0"
                                 << "";
    QTest::newRow("empty") << ""
                           << "44"
                           << "0"
                           << "";
    QTest::newRow("only separators") << " - ( ) "
                                     << "44"
                                     << "0"
                                     << "";
    QTest::newRow("non-ASCII digits") << "٠٧٧٠٠٩٠٠١٢٣"
                                      << "44"
                                      << "0"
                                      << "";
}

void TestPhoneNumber::normalise()
{
    QFETCH(QString, raw);
    QFETCH(QString, countryCode);
    QFETCH(QString, nationalPrefix);
    QFETCH(QString, expected);
    NumberPlan plan;
    plan.countryCode = countryCode;
    plan.nationalPrefix = nationalPrefix;
    QCOMPARE(normaliseNumber(raw, plan), expected);
}

void TestPhoneNumber::searchForms_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("full national") << "07700 900123" << QStringList{"07700 900123", "+447700900123"};
    QTest::newRow("already E.164") << "+447700900123" << QStringList{"+447700900123"};
    QTest::newRow("partial national") << "020 7946" << QStringList{"020 7946", "0207946", "+44207946"};
    QTest::newRow("digits") << "900123" << QStringList{"900123"};
    QTest::newRow("trimmed") << "  201 " << QStringList{"201"};
    QTest::newRow("a name") << "anonymous" << QStringList{"anonymous"};
    QTest::newRow("nothing") << "   " << QStringList{};
}

void TestPhoneNumber::searchForms()
{
    QFETCH(QString, typed);
    QFETCH(QStringList, expected);
    NumberPlan plan;
    plan.countryCode = QStringLiteral("44");
    QCOMPARE(vv::agent::searchForms(typed, plan), expected);
}

void TestPhoneNumber::countryCodes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("44") << "44" << true;
    QTest::newRow("1") << "1" << true;
    QTest::newRow("353") << "353" << true;
    QTest::newRow("with +") << "+44" << false;
    QTest::newRow("leading 0") << "044" << false;
    QTest::newRow("four digits") << "4412" << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("letters") << "UK" << false;
}

void TestPhoneNumber::countryCodes()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(isCountryCode(text), valid);
}

QTEST_GUILESS_MAIN(TestPhoneNumber)
#include "tst_phonenumber.moc"
