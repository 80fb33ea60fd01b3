// The app's models under QAbstractItemModelTester, search as you type, and the extension exclusions.
#include "customerdirectory.h"
#include "customerfilterproxy.h"
#include "customermodel.h"
#include "extensionmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>
#include <future>

using namespace vv::app;

class TestAppModels : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<CustomerDirectory> m_directory;

private Q_SLOTS:
    void init()
    {
        m_directory = std::make_unique<CustomerDirectory>();
        QString error;
        static int n = 0;
        QVERIFY2(m_directory->open(m_dir.filePath(QStringLiteral("d%1.sqlite").arg(++n)), &error), qPrintable(error));
        QList<Customer> seed{
            {0, "Acme Ltd", "AC-001", "Jo Bloggs", "0161 496 0001", "jo@acme.example", "pays late"},
            {0, "beta plc", "BP-7", "Ann Other", "020 7946 0002", "ann@beta.example", ""},
            {0, "Gamma & Sons", "GS-3", "Ed", "0117 496 0003", "", "VIP since 2020"},
        };
        QVERIFY(m_directory->addCustomers(&seed));
    }

    void customerModel()
    {
        CustomerModel model(m_directory.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(1, CustomerModel::Name)).toString(), QStringLiteral("beta plc"));
        Customer c{0, "Delta", "D-1", "", "", "", ""};
        QVERIFY(model.addCustomer(&c));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rowOf(c.id), 2); // kept in name order: Acme, beta, Delta, Gamma
        c.name = "Aardvark";
        QVERIFY(model.updateCustomer(c));
        QCOMPARE(model.data(model.index(model.rowOf(c.id), CustomerModel::Name)).toString(),
                 QStringLiteral("Aardvark"));
        QVERIFY(model.removeCustomer(c.id));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(m_directory->customers().size(), 3);
        QList<Customer> many;
        for (int i = 0; i < 50; ++i)
            many << Customer{0, QStringLiteral("Bulk %1").arg(i), {}, {}, {}, {}, {}};
        QVERIFY(model.addCustomers(&many));
        QCOMPARE(model.rowCount(), 53);
    }

    // The app reads the rows on a worker thread while the sign-in dialog is up: the same rows, in the same order,
    // as loading on the GUI thread; an unreadable file falls back to the directory.
    void preloadOffTheGuiThread()
    {
        const QString path = m_directory->path();
        std::future<CustomerModel::Preloaded> f =
            std::async(std::launch::async, [path] { return CustomerModel::preload(path); });
        CustomerModel preloaded(m_directory.get(), f.get());
        QAbstractItemModelTester tester(&preloaded, QAbstractItemModelTester::FailureReportingMode::QtTest);
        CustomerModel direct(m_directory.get());
        QCOMPARE(preloaded.rowCount(), direct.rowCount());
        for (int r = 0; r < direct.rowCount(); ++r) {
            QCOMPARE(preloaded.customerAt(r), direct.customerAt(r));
            QCOMPARE(preloaded.searchText(r), direct.searchText(r));
        }
        CustomerModel::Preloaded failed;
        failed.error = QStringLiteral("could not read");
        CustomerModel fallback(m_directory.get(), failed);
        QCOMPARE(fallback.rowCount(), direct.rowCount());
    }

    // A new search resets the proxy (one pass, not one signal per run of rows) and stays consistent under the tester.
    void searchResetsOnce()
    {
        CustomerModel model(m_directory.get());
        CustomerFilterProxy proxy;
        proxy.setCustomerModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&proxy, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&proxy, &QAbstractItemModel::rowsRemoved);
        proxy.setSearchText("example");
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setSearchText("example"); // unchanged: nothing happens
        QCOMPARE(resets.size(), 1);
        QCOMPARE(removed.size(), 0);
        proxy.setSearchText("");
        QCOMPARE(proxy.rowCount(), 3);
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("names");
        QTest::newRow("empty") << "" << QStringList{"Acme Ltd", "beta plc", "Gamma & Sons"};
        QTest::newRow("name, any case") << "ACME" << QStringList{"Acme Ltd"};
        QTest::newRow("account") << "bp-7" << QStringList{"beta plc"};
        QTest::newRow("contact") << "bloggs" << QStringList{"Acme Ltd"};
        QTest::newRow("phone") << "0117" << QStringList{"Gamma & Sons"};
        QTest::newRow("e-mail domain") << "example" << QStringList{"Acme Ltd", "beta plc"};
        QTest::newRow("notes") << "vip" << QStringList{"Gamma & Sons"};
        QTest::newRow("two words, two fields") << "acme late" << QStringList{"Acme Ltd"};
        QTest::newRow("two words, no match") << "acme vip" << QStringList{};
        QTest::newRow("nothing") << "zzz" << QStringList{};
        QTest::newRow("not across fields") << "ltdac" << QStringList{};
    }

    void search()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, names);
        CustomerModel model(m_directory.get());
        CustomerFilterProxy proxy;
        proxy.setCustomerModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Typed one key at a time, as a user does.
        for (int i = 1; i <= text.size(); ++i)
            proxy.setSearchText(text.left(i));
        QStringList got;
        for (int r = 0; r < proxy.rowCount(); ++r)
            got << proxy.index(r, CustomerModel::Name).data().toString();
        QCOMPARE(got, names);
        proxy.setSearchText(QString());
        QCOMPARE(proxy.rowCount(), 3);
    }

    void extensionModel()
    {
        ExtensionModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<vv::net::Extension> items;
        for (const char *e : {"210", "201", "202", "1000"})
            items.append(vv::net::Extension{e, {"call"}, {}, QString(e) == "202"});
        QSignalSpy changed(&model, &ExtensionModel::exclusionsChanged);
        model.setExtensions(items, {"202", "299"});
        QCOMPARE(model.rowCount(), 5); // 299 is excluded in settings though never seen: still listed
        QStringList order;
        for (int r = 0; r < model.rowCount(); ++r)
            order << model.index(r, ExtensionModel::Extension).data().toString();
        QCOMPARE(order, (QStringList{"201", "202", "210", "299", "1000"})); // numeric order
        QCOMPARE(model.excluded(), (QStringList{"202", "299"}));
        QVERIFY(model.flags(model.index(0, ExtensionModel::Exclude)) & Qt::ItemIsUserCheckable);
        QVERIFY(!(model.flags(model.index(0, ExtensionModel::Extension)) & Qt::ItemIsUserCheckable));
        QVERIFY(model.setData(model.index(0, ExtensionModel::Exclude), Qt::Checked, Qt::CheckStateRole));
        model.setExcluded("299", false);
        QCOMPARE(model.excluded(), (QStringList{"201", "202"}));
        QCOMPARE(changed.size(), 2);
        QSortFilterProxyModel filter;
        filter.setSourceModel(&model);
        filter.setFilterKeyColumn(ExtensionModel::Extension);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setFilterFixedString("20");
        QCOMPARE(filter.rowCount(), 2);
    }
};

QTEST_GUILESS_MAIN(TestAppModels)
#include "tst_appmodels.moc"
