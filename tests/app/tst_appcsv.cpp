// Customer CSV: RFC 4180 quoting round trips, headers in any order, and bad rows reported with their line.
#include "customercsv.h"

#include <QTest>

using namespace vv::app;

class TestAppCsv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip()
    {
        const QList<Customer> in{
            {0, QStringLiteral("Acme Ltd"), QStringLiteral("AC-001"), QStringLiteral("Jo Bloggs"),
             QStringLiteral("+44 20 7946 0001"), QStringLiteral("jo@acme.example"), QString()},
            {0, QStringLiteral("Smith, Jones & \"Partners\""), QStringLiteral("SJ-2"), QString(), QString(), QString(),
             QStringLiteral("line one\r\nline two\nthree")},
            {0, QStringLiteral("Café Zoë"), QString(), QString(), QString(), QString(), QStringLiteral(",,\"")},
            {0, QStringLiteral(" spaced "), QStringLiteral("=1+1"), QString(), QString(), QString(), QString()},
        };
        const QByteArray csv = customercsv::write(in);
        QVERIFY(csv.startsWith("name,account_number,contact,phone,email,notes\r\n"));
        QVERIFY(csv.contains("\"Smith, Jones & \"\"Partners\"\"\""));
        const CsvImport out = customercsv::read(csv);
        QVERIFY2(out.problems.isEmpty(), qPrintable(out.problems.value(0).message));
        QCOMPARE(out.customers.size(), in.size());
        for (int i = 0; i < in.size(); ++i) {
            Customer expected = in.at(i);
            expected.name = expected.name.trimmed(); // import trims surrounding spaces
            QCOMPARE(out.customers.at(i), expected);
        }
    }

    void headerAnyOrderAndBom()
    {
        const QByteArray csv = "\xEF\xBB\xBFPhone,Name,E-mail\n0161 496 0000,Beta plc,\n";
        const CsvImport out = customercsv::read(csv);
        QCOMPARE(out.problems.size(), 0);
        QCOMPARE(out.customers.size(), 1);
        QCOMPARE(out.customers.front().name, QStringLiteral("Beta plc"));
        QCOMPARE(out.customers.front().phone, QStringLiteral("0161 496 0000"));
    }

    void noHeader()
    {
        const CsvImport out = customercsv::read("Gamma,G1,Ann,123,ann@g.example,vip\n");
        QCOMPARE(out.customers.size(), 1);
        QCOMPARE(out.customers.front().email, QStringLiteral("ann@g.example"));
        QCOMPARE(out.customers.front().notes, QStringLiteral("vip"));
    }

    void badRows_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("good");
        QTest::addColumn<QList<int>>("badLines");
        const QByteArray header = "name,account_number,contact,phone,email,notes\n";
        QTest::newRow("too few fields") << header + "A,1,,,,\nB,2\nC,3,,,,\n" << 2 << QList<int>{3};
        QTest::newRow("too many fields") << header + "A,1,,,,,extra\n" << 0 << QList<int>{2};
        QTest::newRow("no name") << header + ",1,,,,\nOk,2,,,,\n" << 1 << QList<int>{2};
        QTest::newRow("bad e-mail") << header + "A,1,,,nobody,\n" << 0 << QList<int>{2};
        QTest::newRow("multi-line field keeps line numbers") << header + "A,1,,,,\"two\nlines\"\nB,2\nC,3,,,,\n"
                                                             << 2 << QList<int>{4};
        QTest::newRow("unterminated quote") << header + "A,1,,,,\nB,\"2,,,,\n" << 1 << QList<int>{3};
        QTest::newRow("blank lines skipped") << header + "\nA,1,,,,\n\n" << 1 << QList<int>{};
    }

    void badRows()
    {
        QFETCH(QByteArray, csv);
        QFETCH(int, good);
        QFETCH(QList<int>, badLines);
        const CsvImport out = customercsv::read(csv);
        QCOMPARE(out.customers.size(), good);
        QList<int> lines;
        for (const CsvProblem &p : out.problems) {
            QVERIFY(!p.message.isEmpty());
            lines << p.line;
        }
        QCOMPARE(lines, badLines);
    }
};

QTEST_GUILESS_MAIN(TestAppCsv)
#include "tst_appcsv.moc"
