// The reseller's dashboard, its charts, the alerts list, the red service page, Manage servers and the customer's
// banner, driven through the real main window against three servers: agent A capturing live on loopback (healthy),
// agent B configured with no capture interface and killed once (so it records nothing and reports an unclean
// restart), and C, an address where nothing answers. What the app shows is checked against the agents' own API.
#include "agentclient.h"
#include "agentserver.h"
#include "apitest.h"
#include "apphost.h"
#include "customerdirectory.h"
#include "customerstab.h"
#include "dashboardmodel.h"
#include "dashboardtab.h"
#include "digestdialog.h"
#include "healthbanner.h"
#include "mainwindow.h"
#include "manageserversdialog.h"
#include "prompts.h"
#include "serverconnections.h"
#include "servicepage.h"
#include "signindialog.h"

#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTest>
#include <unistd.h>

using namespace vv;
using namespace vv::apitest;
using vv::apptest::find;
using vv::dashboard::DashboardModel;
using vv::dashboard::Health;

namespace {

// A port nothing listens on (taken, then let go).
quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

} // namespace

class TestAppDashboard : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<AgentServer> m_a;
    std::unique_ptr<AgentServer> m_b;
    SignedInAgent m_aTokens;
    SignedInAgent m_bTokens;
    apptest::AppHost m_app;
    std::unique_ptr<ui::MainWindow> m_window;
    qint64 m_serverA = 0;
    qint64 m_serverB = 0;
    qint64 m_serverC = 0;

    void shot(QWidget *w, const char *name)
    {
        const QString dir = qEnvironmentVariable("VIPVAULT_SCREENSHOTS");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QTest::qWait(300);
        QVERIFY(w->grab().save(QDir(dir).filePath(QString::fromLatin1(name) + ".png")));
    }

    qint64 registerServer(AgentServer &agent, const QByteArray &token, const QString &label)
    {
        app::Server s{0, agent.baseUrl().toString(), "admin", agent.certificateSha256(), label};
        if (!m_app.directory.saveServer(&s))
            return 0;
        std::unique_ptr<net::AgentClient> client = makeClient(agent, token);
        m_app.connections->adopt(s.id, client.release());
        return s.id;
    }

    ui::DashboardTab *refreshedDashboard()
    {
        ui::DashboardTab *tab = m_window->dashboardTab();
        QSignalSpy refreshed(tab, &ui::DashboardTab::refreshed);
        tab->refresh();
        if (!refreshed.wait(60000))
            qWarning("the dashboard did not finish refreshing");
        return tab;
    }

    int rowOf(ui::DashboardTab *tab, qint64 server, qint64 vault) { return tab->model()->rowOf(server, vault); }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("agent A captures live on the loopback interface, which needs root");
        AgentServer::Options a;
        a.interface = QStringLiteral("lo");
        m_a = std::make_unique<AgentServer>(a);
        API_CHECK(startSignedIn(*m_a, &m_aTokens));
        AgentServer::Options b;
        // Subscribing by e-mail needs an SMTP server configured; none answers here, and nothing waits for it.
        b.extraSections = QStringLiteral("[smtp]\nhost = 127.0.0.1\nport = 9\nsecurity = none\nfrom = v@example.com\n");
        m_b = std::make_unique<AgentServer>(b);
        API_CHECK(startSignedIn(*m_b, &m_bTokens));
        // An unclean stop: B reports it as a health event when it comes back.
        QVERIFY(m_b->killHard());
        QVERIFY2(m_b->restart(), qPrintable(m_b->error()));
        m_bTokens.admin = signIn(*m_b, "admin", m_b->password("admin"));
        m_bTokens.bob = signIn(*m_b, "bob", m_b->password("bob"));
        QVERIFY(!m_bTokens.admin.isEmpty() && !m_bTokens.bob.isEmpty());

        API_CHECK(
            m_app.open({{0, "Acme Ltd", "AC-001", "Jo", "", "", ""}, {0, "Beta plc", "BP-7", "Ann", "", "", ""}}));
        m_serverA = registerServer(*m_a, m_aTokens.admin, "North");
        m_serverB = registerServer(*m_b, m_bTokens.admin, "South");
        app::Server c{0, QStringLiteral("https://127.0.0.1:%1").arg(freePort()), "admin", QString(64, 'C'), "Gone"};
        QVERIFY(m_app.directory.saveServer(&c));
        m_serverC = c.id;
        // A session from before it went away: the dashboard asks, and nothing answers.
        m_app.connections->client(m_serverC)->setToken("an-old-session-token");
        QVERIFY(m_serverA && m_serverB);
        const QList<app::Customer> customers = m_app.directory.customers();
        app::Service acme{0, customers[0].id, m_serverA, m_aTokens.acme, "acme"};
        app::Service beta{0, customers[1].id, m_serverB, m_bTokens.beta, "beta"};
        QVERIFY(m_app.directory.addService(&acme) && m_app.directory.addService(&beta));
        m_window = m_app.makeWindow();
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        for (AgentServer *s : {m_a.get(), m_b.get()})
            if (s)
                API_CHECK(stopIfRunning(*s));
    }

    // Every vault of every server, linked or not, and the server that does not answer, worst first.
    void everyVaultWorstFirst()
    {
        auto *tabs = m_window->findChild<QTabWidget *>("tabs");
        QCOMPARE(tabs->widget(0), m_window->dashboardTab());
        ui::DashboardTab *tab = refreshedDashboard();
        DashboardModel *model = tab->model();
        QCOMPARE(model->rowCount(), 5); // A: acme, beta; B: acme, beta; C: one row

        const int aAcme = rowOf(tab, m_serverA, m_aTokens.acme);
        const int aBeta = rowOf(tab, m_serverA, m_aTokens.beta);
        const int bAcme = rowOf(tab, m_serverB, m_bTokens.acme);
        const int cRow = rowOf(tab, m_serverC, 0);
        QVERIFY(aAcme >= 0 && aBeta >= 0 && bAcme >= 0 && cRow >= 0);
        QCOMPARE(model->rowAt(aAcme).customer, QStringLiteral("Acme Ltd"));
        QCOMPARE(model->index(aBeta, DashboardModel::Customer).data().toString(), QStringLiteral("not linked"));
        // B captures nothing and C does not answer: both fail, and say why.
        QCOMPARE(vv::dashboard::healthOf(model->rowAt(bAcme)), Health::Failing);
        QVERIFY2(model->index(bAcme, DashboardModel::Why).data().toString().contains("capture is not running"),
                 qPrintable(model->index(bAcme, DashboardModel::Why).data().toString()));
        QCOMPARE(vv::dashboard::healthOf(model->rowAt(cRow)), Health::Failing);
        QVERIFY2(model->index(cRow, DashboardModel::Why).data().toString().startsWith("server unreachable: "),
                 qPrintable(model->index(cRow, DashboardModel::Why).data().toString()));
        QVERIFY(model->index(bAcme, DashboardModel::Alerts).data().toInt() >= 1); // the unclean restart
        // A records; its rows come after every failing one.
        QVERIFY(model->rowAt(aAcme).status && model->rowAt(aAcme).status->captureRunning);
        QVERIFY(vv::dashboard::healthOf(model->rowAt(aAcme)) != Health::Failing);
        for (int i = 0; i + 1 < model->rowCount(); ++i)
            QVERIFY2(!vv::dashboard::worseThan(model->rowAt(i + 1), model->rowAt(i)), "not worst first");
        QVERIFY(std::max({bAcme, cRow}) < aAcme);
        auto *summary = find<QLabel>(tab, "summaryLabel");
        QVERIFY2(summary->text().contains("NOT recording"), qPrintable(summary->text()));
        shot(m_window.get(), "dashboard");
    }

    // The selected vault's charts: calls per day agree with the agent's assurance; storage has its samples.
    void chartsOfTheSelectedVault()
    {
        ui::DashboardTab *tab = m_window->dashboardTab();
        auto *table = find<QTableView>(tab, "dashboardTable");
        QSignalSpy shown(tab, &ui::DashboardTab::detailsShown);
        table->selectRow(rowOf(tab, m_serverA, m_aTokens.acme));
        QVERIFY(shown.wait(30000));
        auto client = makeClient(*m_a, m_aTokens.admin);
        const ApiResult r =
            get(*client, QStringLiteral("/api/v1/vaults/%1/assurance").arg(m_aTokens.acme), QUrlQuery{{"days", "14"}});
        QCOMPARE(r.httpStatus, 200);
        qint64 recorded = 0;
        for (const QJsonValue &d : r.json.object().value("days").toArray())
            recorded += d.toObject().value("recorded").toInteger();
        QVERIFY2(recorded > 0, "the replayed calls are not in the last 14 days' ledger");
        QChart *calls = tab->callsChart()->chart();
        QVERIFY(calls);
        auto *bars = qobject_cast<QStackedBarSeries *>(calls->series().value(0));
        QVERIFY(bars);
        QCOMPARE(bars->barSets().size(), 3);
        double charted = 0;
        for (int i = 0; i < bars->barSets()[0]->count(); ++i)
            charted += bars->barSets()[0]->at(i);
        QCOMPARE(qint64(charted), recorded);
        QChart *storage = tab->storageChart()->chart();
        QVERIFY(storage && !storage->series().isEmpty());
        QVERIFY(!find<QLabel>(tab, "forecastLabel")->text().isEmpty());
        shot(m_window.get(), "dashboard-charts");
    }

    // B's alerts are listed; acknowledging one is recorded on the agent under the reseller's name.
    void acknowledgeAnAlert()
    {
        ui::DashboardTab *tab = m_window->dashboardTab();
        auto *table = find<QTableView>(tab, "dashboardTable");
        auto *alerts = find<QTableWidget>(tab, "alertsTable");
        table->selectRow(rowOf(tab, m_serverB, m_bTokens.acme));
        QTRY_VERIFY_WITH_TIMEOUT(!tab->alerts().isEmpty(), 30000);
        int restart = -1;
        for (int i = 0; i < tab->alerts().size(); ++i)
            if (tab->alerts()[i].kind == u"agent_restarted")
                restart = i;
        QVERIFY2(restart >= 0, "the unclean restart is not among B's alerts");
        const qint64 eventId = tab->alerts()[restart].id;
        alerts->selectRow(restart);
        auto *ack = find<QPushButton>(tab, "acknowledgeButton");
        QVERIFY(ack->isEnabled());
        QTest::mouseClick(ack, Qt::LeftButton);
        auto client = makeClient(*m_b, m_bTokens.admin);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const ApiResult r = get(*client, "/api/v1/health/events", QUrlQuery{{"open", "false"}});
                for (const QJsonValue &v : r.json.object().value("items").toArray())
                    if (v.toObject().value("id").toInteger() == eventId)
                        return v.toObject().value("acknowledged_by").toString() == u"admin";
                return false;
            }(),
            30000);
    }

    // Double-click: a linked vault opens its service page in the Customers tab, in red while it is not recorded;
    // an unlinked vault opens in a window of its own.
    void doubleClickOpensTheService()
    {
        ui::DashboardTab *tab = m_window->dashboardTab();
        auto *table = find<QTableView>(tab, "dashboardTable");
        const QModelIndex linked = tab->model()->index(rowOf(tab, m_serverB, m_bTokens.beta), 0);
        table->doubleClicked(linked);
        QCOMPARE(m_window->findChild<QTabWidget *>("tabs")->currentWidget(), m_window->customersTab());
        auto *page = m_window->customersTab()->findChild<ui::ServicePage *>();
        QVERIFY(page && page->isVisible());
        auto *failing = find<QLabel>(page, "failingLabel");
        QTRY_VERIFY_WITH_TIMEOUT(failing->isVisible(), 30000);
        QVERIFY2(failing->text().contains("NOT RECORDING"), qPrintable(failing->text()));
        QVERIFY2(find<QLabel>(page, "recordingValue")->text().contains("NOT RECORDING"),
                 qPrintable(find<QLabel>(page, "recordingValue")->text()));
        shot(m_window.get(), "service-not-recording");

        const QModelIndex unlinked = tab->model()->index(rowOf(tab, m_serverA, m_aTokens.beta), 0);
        table->doubleClicked(unlinked);
        ui::ServicePage *own = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets())
            if (w->objectName() == u"unlinkedServicePage")
                own = qobject_cast<ui::ServicePage *>(w);
        QVERIFY(own);
        QVERIFY(own->windowTitle().contains("not linked"));
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(own, "recordingValue")->text() == u"on", 30000);
        QVERIFY(!find<QLabel>(own, "failingLabel")->isVisible());
        own->close();
        m_window->findChild<QTabWidget *>("tabs")->setCurrentIndex(0);
    }

    // Servers → Manage servers: rename in place, re-check (a changed certificate shown old beside new, trusted
    // again only on confirmation), remove.
    void manageServers()
    {
        find<QAction>(m_window.get(), "actionManageServers")->trigger();
        auto *dialog = m_window->findChild<ui::ManageServersDialog *>("manageServersDialog");
        QVERIFY(dialog);
        auto *table = find<QTableWidget>(dialog, "serversTable");
        QCOMPARE(table->rowCount(), 3);

        dialog->selectServer(m_serverA);
        table->item(table->currentRow(), ui::ManageServersDialog::Name)->setText("North office");
        QCOMPARE(m_app.directory.server(m_serverA)->label, QStringLiteral("North office"));

        QSignalSpy checked(dialog, &ui::ManageServersDialog::rechecked);
        dialog->selectServer(m_serverA);
        QTest::mouseClick(find<QPushButton>(dialog, "recheckButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(checked.size() >= 2, 30000); // "checking…", then the verdict
        QVERIFY2(checked.last().at(1).toString().contains("as trusted"), qPrintable(checked.last().at(1).toString()));

        // B's pin no longer matches what B presents (as after a certificate renewal).
        app::Server b = *m_app.directory.server(m_serverB);
        const QString real = b.pinSha256;
        b.pinSha256 = QString(64, 'B');
        QVERIFY(m_app.directory.saveServer(&b));
        dialog->reload();
        m_app.prompts.clear();
        m_app.answer = false;
        checked.clear();
        dialog->selectServer(m_serverB);
        QTest::mouseClick(find<QPushButton>(dialog, "recheckButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(checked.size() >= 3, 30000);
        QCOMPARE(m_app.prompts.size(), 1);
        QCOMPARE(m_app.prompts.front().first, ui::Prompts::Kind::TrustCertificate);
        const QString asked = m_app.prompts.front().second;
        QVERIFY2(asked.contains(ui::SignInDialog::spacedFingerprint(QString(64, 'B'))), qPrintable(asked));
        QVERIFY2(asked.contains(ui::SignInDialog::spacedFingerprint(real)), qPrintable(asked));
        QCOMPARE(m_app.directory.server(m_serverB)->pinSha256, QString(64, 'B')); // refused: unchanged
        m_app.answer = true;
        checked.clear();
        QTest::mouseClick(find<QPushButton>(dialog, "recheckButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.directory.server(m_serverB)->pinSha256, real, 30000);
        shot(dialog, "manage-servers");

        m_app.prompts.clear();
        dialog->selectServer(m_serverC);
        QTest::mouseClick(find<QPushButton>(dialog, "removeButton"), Qt::LeftButton);
        QCOMPARE(m_app.prompts.size(), 1);
        QCOMPARE(m_app.prompts.front().first, ui::Prompts::Kind::ConfirmDestructive);
        QVERIFY(!m_app.directory.server(m_serverC));
        QCOMPARE(table->rowCount(), 2);
        dialog->close();
        ui::DashboardTab *tab = refreshedDashboard();
        QCOMPARE(tab->model()->rowCount(), 4);
        QCOMPARE(rowOf(tab, m_serverC, 0), -1);
    }

    // A customer of the failing server sees it in red above their recordings, and subscribes to the daily report.
    void customerBannerAndDigest()
    {
        auto *client = makeClient(*m_b, m_bTokens.bob).release();
        ui::MainWindow window(m_app.context());
        window.showCustomerRecordings(client, m_bTokens.beta);
        window.resize(1100, 640);
        window.show();
        auto *banner = window.findChild<ui::HealthBanner *>("healthBanner");
        QVERIFY(banner);
        QSignalSpy refreshed(banner, &ui::HealthBanner::refreshed);
        QVERIFY(refreshed.wait(30000) || refreshed.size() > 0);
        // B's capture is off by configuration, which is no event; the unclean restart was acknowledged. What
        // the customer must see is whether B reports failing events for their vault now.
        auto bob = makeClient(*m_b, m_bTokens.bob);
        const ApiResult events = get(*bob, "/api/v1/health/events", QUrlQuery{{"open", "true"}});
        bool critical = false;
        for (const QJsonValue &v : events.json.object().value("items").toArray())
            critical |= v.toObject().value("severity").toString() == u"critical";
        QCOMPARE(banner->failing(), critical);
        QVERIFY(!banner->message().isEmpty());

        QTest::mouseClick(find<QPushButton>(banner, "digestButton"), Qt::LeftButton);
        auto *dialog = banner->findChild<ui::DigestDialog *>("digestDialog");
        QVERIFY(dialog);
        QTest::keyClicks(find<QLineEdit>(dialog, "emailEdit"), "bob@beta.example");
        QSignalSpy loaded(dialog, &ui::DigestDialog::loaded);
        QTest::mouseClick(find<QPushButton>(dialog, "subscribeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->subscriptions().isEmpty(), 30000);
        const ApiResult mine = get(*bob, "/api/v1/subscriptions");
        const QJsonArray items = mine.json.object().value("items").toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items[0].toObject().value("target").toString(), QStringLiteral("bob@beta.example"));
        QCOMPARE(items[0].toObject().value("digest").toBool(), true);
        QCOMPARE(items[0].toObject().value("vault_id").toInteger(), m_bTokens.beta);
        shot(&window, "customer-banner");
        dialog->close();
    }
};

QTEST_MAIN(TestAppDashboard)
#include "tst_appdashboard.moc"
