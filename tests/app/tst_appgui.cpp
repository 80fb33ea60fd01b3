// The reseller's seven steps, clicked and typed through the real widgets (found by objectName) against a real
// vipvault-agent on loopback with TLS: Customers tab → search → View → VoIP service record → Edit VIP Vault → cap or
// grow indefinitely → exclude an extension → Save. Then the agent is asked what it now holds (GET settings), a cap
// below current usage is confirmed through the dry run, and a second capture replayed into the same data folder shows
// that the excluded extension is not recorded and the cap holds.
#include "agentclient.h"
#include "agentharness.h"
#include "agentserver.h"
#include "apitest.h"
#include "apphost.h"
#include "auditdialog.h"
#include "billingtab.h"
#include "changepassworddialog.h"
#include "credentialstore.h"
#include "customerdirectory.h"
#include "customermodel.h"
#include "customerstab.h"
#include "customerview.h"
#include "dashboardtab.h"
#include "demoseed.h"
#include "editvaultdialog.h"
#include "extensionmodel.h"
#include "invitation.h"
#include "invitationdialog.h"
#include "loginsdialog.h"
#include "mainwindow.h"
#include "pcapwriter.h"
#include "prompts.h"
#include "recordingsview.h"
#include "scenario.h"
#include "serveraccess.h"
#include "serverconnections.h"
#include "servicepage.h"
#include "signindialog.h"
#include "topology.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace vv;
using namespace vv::apitest;
using vv::apptest::find;

class TestAppGui : public QObject
{
    Q_OBJECT
private:
    AgentServer m_server;
    apptest::AppHost m_app;
    std::unique_ptr<ui::MainWindow> m_window;
    qint64 m_acme = 0;
    qint64 m_serverId = 0;
    QByteArray m_adminToken;

    QJsonObject settingsOnAgent()
    {
        auto client = makeClient(m_server, m_adminToken);
        const ApiResult r = get(*client, QStringLiteral("/api/v1/vaults/%1/settings").arg(m_acme));
        return r.json.object();
    }

    qint64 bytesUsedOnAgent()
    {
        auto client = makeClient(m_server, m_adminToken);
        return get(*client, QStringLiteral("/api/v1/vaults/%1").arg(m_acme))
            .json.object()
            .value("bytes_used")
            .toInteger();
    }

    // scripts/screenshots.sh sets VIPVAULT_SCREENSHOTS=DIR: each screen of the walk is saved there as PNG.
    void shot(QWidget *w, const char *name)
    {
        const QString dir = qEnvironmentVariable("VIPVAULT_SCREENSHOTS");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QTest::qWait(200); // let pending answers paint
        QVERIFY(w->grab().save(QDir(dir).filePath(QString::fromLatin1(name) + ".png")));
    }

    ui::EditVaultDialog *openEditVault()
    {
        auto *page = m_window->findChild<ui::ServicePage *>();
        auto *button = find<QPushButton>(page, "editVaultButton");
        if (!button)
            return nullptr;
        QTest::mouseClick(button, Qt::LeftButton);
        ui::EditVaultDialog *dialog = nullptr;
        for (int i = 0; i < 200 && !dialog; ++i) {
            QTest::qWait(50);
            dialog = m_window->findChild<ui::EditVaultDialog *>();
        }
        return dialog;
    }

    // The Recordings window the service page opened (a top-level window of its own), once it is shown.
    static recordings::RecordingsView *findOpenRecordingsWindow()
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *v = qobject_cast<recordings::RecordingsView *>(w); v && v->isVisible())
                return v;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        std::tie(m_adminToken, m_acme) = std::tuple(s.admin, s.acme);
        API_CHECK(m_app.open({{0, "Acme Ltd", "AC-001", "Jo Bloggs", "0161 496 0001", "jo@acme.example", ""},
                              {0, "Beta plc", "BP-7", "Ann Other", "020 7946 0002", "", ""},
                              {0, "Acorn Dental", "AD-3", "Ed", "0117 496 0003", "", ""}}));
    }

    void signInTrustsOnFirstUse()
    {
        ui::SignInDialog dialog(&m_app.directory, &m_app.credentials);
        dialog.show();
        QTest::mouseClick(find<QRadioButton>(&dialog, "resellerRadio"), Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>(&dialog, "urlEdit"), m_server.baseUrl().toString());
        QTest::keyClicks(find<QLineEdit>(&dialog, "usernameEdit"), "admin");
        QTest::keyClicks(find<QLineEdit>(&dialog, "passwordEdit"), m_server.password("admin"));
        QTest::mouseClick(find<QCheckBox>(&dialog, "rememberCheck"), Qt::LeftButton);
        shot(&dialog, "sign-in");
        m_app.prompts.clear();
        QTest::mouseClick(find<QPushButton>(&dialog, "signInButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.result() == QDialog::Accepted, 30000);
        // The first connection showed the fingerprint the agent announced, for the user to compare.
        QCOMPARE(m_app.prompts.size(), 1);
        QCOMPARE(m_app.prompts.front().first, ui::Prompts::Kind::TrustCertificate);
        QVERIFY2(
            m_app.prompts.front().second.contains(ui::SignInDialog::spacedFingerprint(m_server.certificateSha256())),
            qPrintable(m_app.prompts.front().second));
        const app::Server server = dialog.server();
        QCOMPARE(server.pinSha256, m_server.certificateSha256());
        m_serverId = server.id;
        QVERIFY(m_app.directory.findServer(server.url, "admin"));
        // Remembered in the credential store, never in the directory.
        QCOMPARE(m_app.credentials.entries().value(app::CredentialStore::keyFor(server.url, "admin")),
                 m_server.password("admin"));
        m_app.connections->adopt(server.id, dialog.takeClient());
        app::Service service{0, m_app.directory.customers().front().id, server.id, m_acme, "acme"};
        QCOMPARE(m_app.directory.customers().front().name, QStringLiteral("Acme Ltd"));
        QVERIFY(m_app.directory.addService(&service));
    }

    void changedCertificateRefused()
    {
        // A pin that does not match what the server presents: refused, with the explanation, no prompt.
        app::Server other{0, m_server.baseUrl().toString(), "someone", QString(64, 'A'), {}};
        app::CustomerDirectory directory;
        QString error;
        QVERIFY(directory.open(m_app.dir.filePath("other.sqlite"), &error));
        QVERIFY(directory.saveServer(&other));
        ui::SignInDialog dialog(&directory, &m_app.credentials);
        dialog.show();
        dialog.setServer(other.url, "admin");
        dialog.setPassword(m_server.password("admin"));
        m_app.prompts.clear();
        dialog.submit();
        auto *status = find<QLabel>(&dialog, "statusLabel");
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith("Refused"), 30000);
        QVERIFY(status->text().contains("different certificate"));
        QVERIFY(m_app.prompts.isEmpty());
        QVERIFY(dialog.result() != QDialog::Accepted);
        // Old and new fingerprints side by side, and a way forward that asks first.
        QVERIFY(find<QGroupBox>(&dialog, "certificateGroup")->isVisibleTo(&dialog));
        QCOMPARE(find<QLabel>(&dialog, "oldPinLabel")->text().remove(':').remove('\n'), QString(64, 'A'));
        QString presented = find<QLabel>(&dialog, "newPinLabel")->text();
        QVERIFY2(presented.remove(':').remove('\n').toUpper() == m_server.certificateSha256().toUpper(),
                 qPrintable(presented));
        QVERIFY(find<QLabel>(&dialog, "certificateAdvice")->text().contains("journalctl"));
        shot(&dialog, "signin-changed-certificate");
        m_app.answer = false; // first: the user thinks again
        QTest::mouseClick(find<QPushButton>(&dialog, "trustNewButton"), Qt::LeftButton);
        QCOMPARE(m_app.prompts.size(), 1);
        QVERIFY(dialog.result() != QDialog::Accepted);
        QCOMPARE(directory.findServer(other.url, "someone")->pinSha256, QString(64, 'A'));
        m_app.answer = true;
        QTest::mouseClick(find<QPushButton>(&dialog, "trustNewButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        QCOMPARE(directory.findServer(other.url, "admin")->pinSha256.toUpper(), m_server.certificateSha256().toUpper());
        QCOMPARE(directory.findServer(other.url, "someone")->pinSha256.toUpper(),
                 m_server.certificateSha256().toUpper());
    }

    // `vipvault-demo --demo-customer` (scripts/run.sh): the customer is bound to the vault id the agent lists, once.
    void demoCustomerBoundFromTheAgent()
    {
        app::CustomerDirectory directory;
        QString error;
        QVERIFY2(directory.open(m_app.dir.filePath("demo.sqlite"), &error), qPrintable(error));
        app::Server server{0, m_server.baseUrl().toString(), "admin", m_server.certificateSha256(), {}};
        QVERIFY(directory.saveServer(&server));
        app::CustomerModel customers(&directory);
        const ui::AppContext context{&directory, &customers, &m_app.credentials, nullptr, nullptr};
        net::AgentClient *client = m_app.connections->client(m_serverId);
        QVERIFY(client && m_app.connections->isSignedIn(m_serverId));
        auto seed = [&](const QString &vault) -> ui::DemoSeedResult {
            std::optional<ui::DemoSeedResult> result;
            ui::seedDemoCustomer(context, server.id, client, "Demo Ltd", vault, this,
                                 [&result](const ui::DemoSeedResult &r) { result = r; });
            if (!QTest::qWaitFor([&result] { return result.has_value(); }, 30000))
                return {false, QStringLiteral("no answer in 30 s"), 0};
            return *result;
        };
        const ui::DemoSeedResult first = seed("acme");
        QVERIFY2(first.ok, qPrintable(first.message));
        QCOMPARE(customers.rowCount(), 1);
        QCOMPARE(customers.customerAt(0).name, QStringLiteral("Demo Ltd"));
        QList<app::Service> services = directory.services(first.customerId);
        QCOMPARE(services.size(), 1);
        QCOMPARE(services.front().vaultId, m_acme);
        QCOMPARE(services.front().serverId, server.id);
        // Again: nothing doubles.
        const ui::DemoSeedResult again = seed("acme");
        QVERIFY2(again.ok, qPrintable(again.message));
        QCOMPARE(again.customerId, first.customerId);
        QCOMPARE(customers.rowCount(), 1);
        QCOMPARE(directory.services(first.customerId).size(), 1);
        // A vault the agent does not have is reported, not invented.
        const ui::DemoSeedResult missing = seed("no-such-vault");
        QVERIFY(!missing.ok);
        QVERIFY2(missing.message.contains("no vault named"), qPrintable(missing.message));
        QCOMPARE(directory.services(first.customerId).size(), 1);
    }

    void resellerWalk()
    {
        m_window = m_app.makeWindow();
        m_window->resize(1100, 620);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        auto *tabs = m_window->findChild<QTabWidget *>("tabs");
        // The dashboard comes first (issue 15).
        QCOMPARE(tabs->widget(0)->objectName(), QStringLiteral("dashboardTab"));
        tabs->setCurrentIndex(2);

        // 1. Click on the Customers tab.
        QTabBar *bar = tabs->tabBar();
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(1).center());
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("customersTab"));

        // 2. Search for the customer, then click View on the record.
        auto *search = find<QLineEdit>(m_window.get(), "customerSearch");
        auto *table = find<QTableView>(m_window.get(), "customerTable");
        QCOMPARE(table->model()->rowCount(), 3);
        shot(m_window.get(), "customers");
        QTest::keyClicks(search, "acme");
        QTRY_COMPARE(table->model()->rowCount(), 1);
        shot(m_window.get(), "customers-search");
        QCOMPARE(table->model()->index(0, app::CustomerModel::Name).data().toString(), QStringLiteral("Acme Ltd"));
        const QRect view = table->visualRect(table->model()->index(0, app::CustomerModel::View));
        QVERIFY(view.isValid());
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, view.center());
        auto *stack = find<QStackedWidget>(m_window.get(), "stack");
        auto *customerView = m_window->findChild<ui::CustomerView *>();
        QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(customerView));
        QCOMPARE(find<QLabel>(customerView, "nameValue")->text(), QStringLiteral("Acme Ltd"));

        // 3. The VoIP services block: the record names the server URL and shows live status; click it.
        auto *services = find<QListWidget>(customerView, "serviceList");
        QCOMPARE(services->count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(services->item(0)->text().contains("reachable"), 30000);
        QVERIFY(services->item(0)->text().contains(m_server.baseUrl().toString()));
        QVERIFY2(services->item(0)->text().contains("recording on"), qPrintable(services->item(0)->text()));
        shot(m_window.get(), "customer-view");
        QTest::mouseClick(services->viewport(), Qt::LeftButton, {},
                          services->visualItemRect(services->item(0)).center());
        auto *page = m_window->findChild<ui::ServicePage *>();
        QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(page));
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(page, "versionValue")->text() != QStringLiteral("—"), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(page, "recordingsValue")->text() != QStringLiteral("—"), 30000);
        // The latest calls fill the page, recorded or not, each saying what became of it.
        auto *recent = find<QTableWidget>(page, "recentTable");
        QTRY_VERIFY_WITH_TIMEOUT(recent->rowCount() == 10, 30000);
        for (int r = 0; r < recent->rowCount(); ++r)
            QVERIFY2(recent->item(r, 5)->text().contains("recorded") || recent->item(r, 5)->text().startsWith("MISSED"),
                     qPrintable(recent->item(r, 5)->text()));
        shot(m_window.get(), "service-page");

        // 4. Edit VIP Vault.
        ui::EditVaultDialog *dialog = openEditVault();
        QVERIFY(dialog);
        QPointer<ui::EditVaultDialog> alive(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
        auto *indefinite = find<QCheckBox>(dialog, "indefiniteCheck");
        auto *cap = find<QDoubleSpinBox>(dialog, "capSpin");
        QVERIFY(indefinite->isChecked()); // the harness's vault grows indefinitely
        QVERIFY(!cap->isEnabled());
        // The estimate in the reseller's words, at what this vault's recordings really take (it has some).
        const QString estimate = find<QLabel>(dialog, "estimateResult")->text();
        QVERIFY2(estimate.contains("minutes of calls") && estimate.contains("£"), qPrintable(estimate));
        const QString basis = find<QLabel>(dialog, "estimateBasis")->text();
        QVERIFY2(basis.contains("this vault's recordings really take"), qPrintable(basis));
        QVERIFY2(!basis.contains("G.711") && !basis.contains("Ogg"), qPrintable(basis));

        // 5. Untick "Allow vault to grow indefinitely" and enter the space in GB.
        QTest::mouseClick(indefinite, Qt::LeftButton);
        QVERIFY(!indefinite->isChecked());
        QVERIFY(cap->isEnabled());
        cap->setFocus();
        cap->selectAll();
        QTest::keyClicks(cap, "2.5");
        QCOMPARE(cap->value(), 2.5);

        // 6. Exclude extension 202: filter, pick its row, tick Exclude with the keyboard.
        QTest::keyClicks(find<QLineEdit>(dialog, "extensionFilter"), "202");
        auto *extensions = find<QTableView>(dialog, "extensionTable");
        QTRY_COMPARE(extensions->model()->rowCount(), 1);
        const QModelIndex exclude = extensions->model()->index(0, app::ExtensionModel::Exclude);
        QTest::mouseClick(extensions->viewport(), Qt::LeftButton, {}, extensions->visualRect(exclude).center());
        extensions->setCurrentIndex(exclude);
        QTest::keyClick(extensions, Qt::Key_Space);
        QCOMPARE(exclude.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY2(settingsOnAgent().value("excluded").toArray().isEmpty(), "nothing may change before Save");
        find<QLineEdit>(dialog, "extensionFilter")->clear();
        shot(dialog, "edit-vip-vault");

        // 7. Save.
        m_app.prompts.clear();
        QTest::mouseClick(find<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 30000);
        QVERIFY(m_app.prompts.isEmpty()); // the cap is above usage: no question asked

        const QJsonObject s = settingsOnAgent();
        QCOMPARE(s.value("storage").toString(), QStringLiteral("cap"));
        QCOMPARE(s.value("cap_bytes").toInteger(), qint64(2500000000));
        QCOMPARE(s.value("excluded").toArray(), QJsonArray{"202"});
        QCOMPARE(s.value("enabled").toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(page, "storageValue")->text().contains("2.50 GB cap"), 30000);
    }

    // The seven steps with the keyboard alone: every key goes to the widget that has the focus, as a person's would,
    // and nothing is clicked. Excludes 203 and saves, then includes it again (later tests expect 202 alone).
    void keyboardOnlyWalk()
    {
        auto *tabs = m_window->findChild<QTabWidget *>("tabs");
        tabs->setCurrentWidget(m_window->findChild<ui::DashboardTab *>());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        auto key = [](Qt::Key k, Qt::KeyboardModifiers mods = {}) {
            QWidget *w = QApplication::focusWidget() ? QApplication::focusWidget() : QApplication::activeWindow();
            QTest::keyClick(w, k, mods);
        };
        auto focused = [] {
            return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString();
        };

        for (int pass = 0; pass < 2; ++pass) {
            // A window manager gives the focus back to the main window when the dialog closes; offscreen does not.
            m_window->activateWindow();
            QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
            // 1. The Customers tab, by its mnemonic; Esc goes back from a service or customer to the list, whose
            // search then has the focus.
            key(Qt::Key_C, Qt::AltModifier);
            QTRY_COMPARE(tabs->currentWidget()->objectName(), QStringLiteral("customersTab"));
            auto *listPage = find<QWidget>(m_window.get(), "listPage");
            auto *customersStack = find<QStackedWidget>(m_window.get(), "stack");
            for (int i = 0; i < 3 && customersStack->currentWidget() != listPage; ++i)
                key(Qt::Key_Escape);
            QCOMPARE(customersStack->currentWidget(), listPage);
            QTRY_COMPARE(focused(), QStringLiteral("customerSearch"));
            // 2. Search, and Enter opens the one match.
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(QApplication::focusWidget(), "acme");
            key(Qt::Key_Return);
            auto *customerView = m_window->findChild<ui::CustomerView *>();
            auto *stack = find<QStackedWidget>(m_window.get(), "stack");
            QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(customerView));
            // 3. The VoIP services block has the focus; Enter opens the service.
            QTRY_COMPARE(focused(), QStringLiteral("serviceList"));
            key(Qt::Key_Return);
            auto *page = m_window->findChild<ui::ServicePage *>();
            QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(page));
            // 4. Edit VIP Vault, by its mnemonic.
            key(Qt::Key_V, Qt::AltModifier);
            ui::EditVaultDialog *dialog = nullptr;
            QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<ui::EditVaultDialog *>()) != nullptr, 30000);
            QPointer<ui::EditVaultDialog> alive(dialog);
            QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
            QTRY_VERIFY(QApplication::activeWindow() == dialog);
            // 5. The cap: its field by mnemonic, typed over.
            key(Qt::Key_C, Qt::AltModifier);
            QTRY_COMPARE(focused(), QStringLiteral("capSpin"));
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(QApplication::focusWidget(), "2.5");
            // 6. Exclude (pass 0) or include again (pass 1) extension 203: filter, down into the table, Space.
            key(Qt::Key_F, Qt::AltModifier);
            QTRY_COMPARE(focused(), QStringLiteral("extensionFilter"));
            QTest::keyClicks(QApplication::focusWidget(), "203");
            auto *extensions = find<QTableView>(dialog, "extensionTable");
            QTRY_COMPARE(extensions->model()->rowCount(), 1);
            key(Qt::Key_Down);
            QTRY_COMPARE(focused(), QStringLiteral("extensionTable"));
            key(Qt::Key_Space);
            QCOMPARE(extensions->model()->index(0, app::ExtensionModel::Exclude).data(Qt::CheckStateRole).toInt(),
                     int(pass == 0 ? Qt::Checked : Qt::Unchecked));
            // 7. Save, by its mnemonic.
            key(Qt::Key_S, Qt::AltModifier);
            QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 30000);
            const QJsonObject s = settingsOnAgent();
            QCOMPARE(s.value("cap_bytes").toInteger(), qint64(2500000000));
            const QJsonArray expected = pass == 0 ? QJsonArray{"202", "203"} : QJsonArray{"202"};
            QCOMPARE(s.value("excluded").toArray(), expected);
        }
    }

    // A screen reader names every control: its text, its label (buddy) or an accessible name. Checked on the main
    // window's pages, Edit VIP Vault, the Recordings window and the sign-in window.
    void everyControlHasANameAndADescription()
    {
        auto unnamed = [](QWidget *root) {
            QStringList out;
            const QList<QWidget *> widgets = root->findChildren<QWidget *>();
            for (QWidget *w : widgets) {
                const bool control = qobject_cast<QAbstractButton *>(w) || qobject_cast<QLineEdit *>(w) ||
                                     qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w) ||
                                     qobject_cast<QAbstractItemView *>(w) || qobject_cast<QAbstractSlider *>(w) ||
                                     qobject_cast<QPlainTextEdit *>(w);
                // Parts of a composite control (a spin box's line edit, a combo box's view, a table's corner
                // button, a scroll bar) are named by their owner.
                if (!control || w->objectName().isEmpty() || w->objectName().startsWith("qt_") ||
                    qobject_cast<QTabBar *>(w->parentWidget()))
                    continue;
                // A description says what the control does beyond its label (accessibleDescription, or the
                // tool tip, which Qt reads out as the description when there is none).
                QAccessibleInterface *a = QAccessible::queryAccessibleInterface(w);
                if (!a || a->text(QAccessible::Name).trimmed().isEmpty())
                    out << "no name: " + QString::fromLatin1(w->metaObject()->className()) + " " + w->objectName();
                if (!a || a->text(QAccessible::Description).trimmed().isEmpty())
                    out << "no description: " + QString::fromLatin1(w->metaObject()->className()) + " " +
                               w->objectName();
            }
            return out;
        };
        QStringList missing = unnamed(m_window.get());
        ui::EditVaultDialog *dialog = openEditVault();
        QVERIFY(dialog);
        QPointer<ui::EditVaultDialog> alive(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
        missing << unnamed(dialog);
        QTest::mouseClick(find<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QTRY_VERIFY(alive.isNull());
        recordings::RecordingsView view(m_app.connections->client(m_serverId), m_acme);
        missing << unnamed(&view);
        ui::SignInDialog signIn(&m_app.directory, &m_app.credentials);
        missing << unnamed(&signIn);
        missing.removeDuplicates();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(", ")));
    }

    void growIndefinitelyAndCancel()
    {
        // Cancel discards; ticking "grow indefinitely" then saving removes the cap.
        ui::EditVaultDialog *dialog = openEditVault();
        QVERIFY(dialog);
        QPointer<ui::EditVaultDialog> alive(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
        QTest::mouseClick(find<QCheckBox>(dialog, "indefiniteCheck"), Qt::LeftButton);
        QTest::mouseClick(find<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QTRY_VERIFY(alive.isNull());
        QCOMPARE(settingsOnAgent().value("storage").toString(), QStringLiteral("cap"));

        dialog = openEditVault();
        alive = dialog;
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
        QCOMPARE(find<QDoubleSpinBox>(dialog, "capSpin")->value(), 2.5);
        QTest::mouseClick(find<QCheckBox>(dialog, "indefiniteCheck"), Qt::LeftButton);
        QVERIFY(!find<QDoubleSpinBox>(dialog, "capSpin")->isEnabled());
        QTest::mouseClick(find<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 30000);
        const QJsonObject s = settingsOnAgent();
        QCOMPARE(s.value("storage").toString(), QStringLiteral("unlimited"));
        QCOMPARE(s.value("excluded").toArray(), QJsonArray{"202"}); // untouched exclusions are kept
    }

    // Retention and this vault's price are set where the cap is, and the estimate's pounds follow the price.
    void retentionAndPrice()
    {
        ui::EditVaultDialog *dialog = openEditVault();
        QVERIFY(dialog);
        QPointer<ui::EditVaultDialog> alive(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
        auto *retention = find<QCheckBox>(dialog, "retentionCheck");
        auto *months = find<QSpinBox>(dialog, "retentionSpin");
        QVERIFY(!retention->isChecked() && !months->isEnabled());
        QTest::mouseClick(retention, Qt::LeftButton);
        QVERIFY(months->isEnabled());
        months->setValue(24);
        auto *price = find<QDoubleSpinBox>(dialog, "priceSpin");
        QCOMPARE(price->value(), 1.0);
        price->setValue(1.5);
        QVERIFY2(find<QLabel>(dialog, "estimateResult")->text().contains("£1.50"),
                 qPrintable(find<QLabel>(dialog, "estimateResult")->text()));
        QTest::mouseClick(find<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 30000);
        QJsonObject s = settingsOnAgent();
        QCOMPARE(s.value("retention_months").toInt(), 24);
        QCOMPARE(s.value("price_per_gb_month").toDouble(), 1.5);

        // And back: no retention, £1.
        dialog = openEditVault();
        alive = dialog;
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
        QVERIFY(find<QCheckBox>(dialog, "retentionCheck")->isChecked());
        QCOMPARE(find<QSpinBox>(dialog, "retentionSpin")->value(), 24);
        QTest::mouseClick(find<QCheckBox>(dialog, "retentionCheck"), Qt::LeftButton);
        find<QDoubleSpinBox>(dialog, "priceSpin")->setValue(1.0);
        QTest::mouseClick(find<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 30000);
        s = settingsOnAgent();
        QVERIFY(s.value("retention_months").isNull());
        QCOMPARE(s.value("price_per_gb_month").toDouble(), 1.0);
    }

    void capBelowUsageAsksFirst()
    {
        const qint64 used = bytesUsedOnAgent();
        QVERIFY(used > 1000);
        ui::EditVaultDialog *dialog = openEditVault();
        QVERIFY(dialog);
        QPointer<ui::EditVaultDialog> alive(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
        QTest::mouseClick(find<QCheckBox>(dialog, "indefiniteCheck"), Qt::LeftButton);
        auto *cap = find<QDoubleSpinBox>(dialog, "capSpin");
        // Real vaults hold gigabytes; the test's holds kilobytes, so the spin box gets finer steps here.
        cap->setDecimals(9);
        cap->setMinimum(1e-9);
        const qint64 capBytes = used / 2;
        cap->setValue(double(capBytes) / 1e9);

        // Declined: nothing saved, the dialog stays with the edits.
        m_app.answer = false;
        m_app.prompts.clear();
        QTest::mouseClick(find<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.prompts.size(), 1, 30000);
        QCOMPARE(m_app.prompts.front().first, ui::Prompts::Kind::ConfirmDestructive);
        QVERIFY2(m_app.prompts.front().second.contains("overwrites the"), qPrintable(m_app.prompts.front().second));
        QTRY_VERIFY(find<QLabel>(dialog, "statusLabel")->text().startsWith("Not saved"));
        QVERIFY(!alive.isNull());
        QCOMPARE(settingsOnAgent().value("storage").toString(), QStringLiteral("unlimited"));
        QCOMPARE(bytesUsedOnAgent(), used);

        // Confirmed: saved, and the agent evicted down to the cap at once.
        m_app.answer = true;
        QTest::mouseClick(find<QPushButton>(dialog, "saveButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(alive.isNull(), 30000);
        const QJsonObject s = settingsOnAgent();
        QCOMPARE(s.value("storage").toString(), QStringLiteral("cap"));
        QVERIFY2(qAbs(s.value("cap_bytes").toInteger() - capBytes) <= 1,
                 qPrintable(QString::number(s.value("cap_bytes").toInteger())));
        QVERIFY(bytesUsedOnAgent() <= s.value("cap_bytes").toInteger());
    }

    void billingAndLogins()
    {
        auto *tabs = m_window->findChild<QTabWidget *>("tabs");
        auto *billing = m_window->billingTab();
        QSignalSpy refreshed(billing, &ui::BillingTab::refreshed);
        tabs->setCurrentWidget(billing);
        QVERIFY(refreshed.wait(30000) || refreshed.size() > 0);
        const QByteArray csv = billing->csv();
        QVERIFY2(csv.startsWith("month,customer,server,vault,used_now_gb,gb_months,charge_gbp\r\n"), csv.constData());
        QVERIFY2(csv.contains("Acme Ltd") && csv.contains(",acme,"), csv.constData());
        shot(m_window.get(), "billing");
        tabs->setCurrentWidget(m_window->customersTab());

        auto *client = m_app.connections->client(m_serverId);
        ui::LoginsDialog logins(client, m_acme, "acme", m_window.get());
        QSignalSpy reloaded(&logins, &ui::LoginsDialog::reloaded);
        logins.show();
        QVERIFY(reloaded.wait(30000));
        auto *table = find<QTableWidget>(&logins, "userTable");
        QCOMPARE(table->rowCount(), 1); // alice, made by the harness
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("alice"));
        // A new login comes with an invitation: server, certificate, user and a one-time password, to copy or save.
        m_app.prompts.clear();
        QTest::keyClicks(find<QLineEdit>(&logins, "usernameEdit"), "carol");
        QTest::mouseClick(find<QPushButton>(&logins, "createButton"), Qt::LeftButton);
        QVERIFY(reloaded.wait(30000));
        QCOMPARE(table->rowCount(), 2);
        QVERIFY(m_app.prompts.isEmpty());
        shot(&logins, "customer-logins");
        ui::InvitationDialog *invitation = nullptr;
        QTRY_VERIFY((invitation = logins.findChild<ui::InvitationDialog *>()) != nullptr);
        const QString text = find<QPlainTextEdit>(invitation, "invitationText")->toPlainText();
        QVERIFY2(text.contains(m_server.baseUrl().toString()) && text.contains("carol"), qPrintable(text));
        QString error;
        const std::optional<net::Invitation> parsed = net::Invitation::parse(text, &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->fingerprint.toUpper(), m_server.certificateSha256().toUpper());
        QTest::mouseClick(find<QPushButton>(invitation, "copyButton"), Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), text);
        const QString file = m_app.dir.filePath("carol.vipvault-invite");
        QVERIFY2(invitation->saveTo(file, &error), qPrintable(error));
        shot(invitation, "invitation");
        invitation->close();

        // On the customer's own computer (a directory that knows no server): the invitation file, Sign in, no
        // certificate question, their own password chosen, then signed in as a customer of acme.
        app::CustomerDirectory fresh;
        QVERIFY2(fresh.open(m_app.dir.filePath("carol-pc.sqlite"), &error), qPrintable(error));
        ui::SignInDialog signIn(&fresh, &m_app.credentials);
        signIn.show();
        QVERIFY(signIn.applyInvitationFile(file));
        QVERIFY(find<QRadioButton>(&signIn, "customerRadio")->isChecked());
        shot(&signIn, "signin-invitation");
        QTest::mouseClick(find<QPushButton>(&signIn, "signInButton"), Qt::LeftButton);
        recordings::ChangePasswordDialog *change = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((change = signIn.findChild<recordings::ChangePasswordDialog *>()) != nullptr, 30000);
        QVERIFY(m_app.prompts.isEmpty()); // the certificate came with the invitation
        QVERIFY(!find<QLineEdit>(change, "currentEdit")->isVisible());
        QTest::keyClicks(find<QLineEdit>(change, "newEdit"), "carols-own-password-1");
        QTest::keyClicks(find<QLineEdit>(change, "confirmEdit"), "carols-own-password-1");
        QTest::mouseClick(find<QPushButton>(change, "changeButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(signIn.result(), int(QDialog::Accepted), 30000);
        QCOMPARE(signIn.mode(), ui::SignInDialog::Mode::Customer);
        QCOMPARE(signIn.customerVaultId(), m_acme);
        QCOMPARE(fresh.findServer(m_server.baseUrl().toString(), "carol")->pinSha256.toUpper(),
                 m_server.certificateSha256().toUpper());
        delete signIn.takeClient();
        // The one-time password is spent.
        QString why;
        QVERIFY(vv::apitest::signIn(m_server, "carol", parsed->password, &why).isEmpty());
    }

    // The list behaves as a reseller expects: Enter opens a single match, the tab goes back to the list, a new
    // customer is shown even when a search would hide it, a stale error goes once corrected, and the Recordings
    // window closes with Esc.
    void customerListAndWindows()
    {
        auto *tabs = m_window->findChild<QTabWidget *>("tabs");
        QTabBar *bar = tabs->tabBar();
        tabs->setCurrentWidget(m_window->findChild<ui::CustomersTab *>());
        auto *stack = find<QStackedWidget>(m_window.get(), "stack");
        auto *listPage = find<QWidget>(m_window.get(), "listPage");
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(tabs->currentIndex()).center());
        QTRY_COMPARE(stack->currentWidget(), listPage);
        auto *search = find<QLineEdit>(m_window.get(), "customerSearch");
        search->clear();
        QTest::keyClicks(search, "acme");
        QTest::keyClick(search, Qt::Key_Return);
        auto *customerView = m_window->findChild<ui::CustomerView *>();
        QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(customerView));
        QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(tabs->currentIndex()).center());
        QTRY_COMPARE(stack->currentWidget(), listPage);

        search->clear();
        QTest::keyClicks(search, "zzz");
        auto *count = find<QLabel>(m_window.get(), "countLabel");
        QVERIFY2(count->text().startsWith("No customer matches"), qPrintable(count->text()));
        QString errorShown;
        QString errorAfterTyping = "not looked at";
        QTimer::singleShot(0, this, [&] {
            auto *d = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!d)
                return;
            QPushButton *save = find<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Save);
            QTest::mouseClick(save, Qt::LeftButton); // no name yet
            errorShown = find<QLabel>(d, "errorLabel")->text();
            QTest::keyClicks(find<QLineEdit>(d, "nameEdit"), "Zebra Taxis");
            errorAfterTyping = find<QLabel>(d, "errorLabel")->text();
            QTest::mouseClick(save, Qt::LeftButton);
        });
        QTest::mouseClick(find<QPushButton>(m_window.get(), "addCustomerButton"), Qt::LeftButton);
        QVERIFY2(errorShown.contains("needs a name"), qPrintable(errorShown));
        QVERIFY2(errorAfterTyping.isEmpty(), qPrintable(errorAfterTyping));
        QVERIFY(search->text().isEmpty()); // the search that hid it is cleared
        auto *table = find<QTableView>(m_window.get(), "customerTable");
        QCOMPARE(table->currentIndex().siblingAtColumn(app::CustomerModel::Name).data().toString(),
                 QStringLiteral("Zebra Taxis"));

        // The Recordings window of Acme's service closes with Esc.
        QTest::keyClicks(search, "acme");
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(customerView));
        auto *services = find<QListWidget>(customerView, "serviceList");
        QTest::mouseClick(services->viewport(), Qt::LeftButton, {},
                          services->visualItemRect(services->item(0)).center());
        auto *page = m_window->findChild<ui::ServicePage *>();
        QTRY_COMPARE(stack->currentWidget(), static_cast<QWidget *>(page));
        QTest::mouseClick(find<QPushButton>(page, "recordingsButton"), Qt::LeftButton);
        recordings::RecordingsView *view = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((view = findOpenRecordingsWindow()) != nullptr, 30000);
        QPointer<recordings::RecordingsView> alive(view);
        QTest::keyClick(view->table(), Qt::Key_Escape); // from the table, where focus usually is

        QTRY_VERIFY(!alive || !alive->isVisible());
    }

    // Many recordings at once from the reseller's Recordings window: protect, delete (protected ones are kept and
    // said so), unprotect, and download into a folder with names that say what each file is.
    void recordingsBulkActions()
    {
        auto *page = m_window->findChild<ui::ServicePage *>();
        QVERIFY(page);
        QTest::mouseClick(find<QPushButton>(page, "recordingsButton"), Qt::LeftButton);
        recordings::RecordingsView *view = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((view = findOpenRecordingsWindow()) != nullptr, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() >= 3, 30000);
        QVERIFY(find<QPushButton>(view, "deleteButton")->isVisible()); // the reseller's window
        QList<int> playable;
        for (int r = 0; r < view->model()->rowCount() && playable.size() < 3; ++r)
            if (view->model()->index(r, 0).data(recordings::RecordingsModel::PlayableRole).toBool())
                playable << r;
        QCOMPARE(playable.size(), 3);
        auto select = [view](const QList<int> &rows) {
            QItemSelection selection;
            for (int r : rows)
                selection.select(view->model()->index(r, 0),
                                 view->model()->index(r, recordings::RecordingsModel::ColumnCount - 1));
            view->table()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        };
        auto recordingOnAgent = [this](qint64 id) {
            return get(*makeClient(m_server, m_adminToken), QStringLiteral("/api/v1/recordings/%1").arg(id))
                .json.object();
        };
        auto *saved = find<QLabel>(view, "savedLabel");

        select({playable[0], playable[1]});
        const QList<qint64> two = view->selectedIds();
        QCOMPARE(two.size(), 2);
        QTest::mouseClick(find<QPushButton>(view, "protectButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(saved->text().contains("2 recordings: done"), 30000);
        for (qint64 id : two)
            QCOMPARE(recordingOnAgent(id).value("protected").toBool(), true);

        // Delete the two protected ones and a third: the agent keeps the protected ones, and the window says so.
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() >= 3, 30000);
        QList<int> rows;
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            const qint64 id = view->model()->index(r, 0).data(recordings::RecordingsModel::IdRole).toLongLong();
            if (two.contains(id) ||
                (rows.size() == 2 &&
                 view->model()->index(r, 0).data(recordings::RecordingsModel::PlayableRole).toBool()))
                rows << r;
        }
        QCOMPARE(rows.size(), 3);
        select(rows);
        const QList<qint64> three = view->selectedIds();
        const qint64 unprotectedId =
            *std::find_if(three.begin(), three.end(), [&](qint64 id) { return !two.contains(id); });
        m_app.prompts.clear();
        QTest::mouseClick(find<QPushButton>(view, "deleteButton"), Qt::LeftButton);
        QCOMPARE(m_app.prompts.size(), 1);
        QCOMPARE(m_app.prompts.front().first, ui::Prompts::Kind::ConfirmDestructive);
        QTRY_VERIFY_WITH_TIMEOUT(saved->text().contains("Not done for 2"), 30000);
        QCOMPARE(recordingOnAgent(unprotectedId).value("state").toString(), QStringLiteral("deleted"));
        for (qint64 id : two)
            QCOMPARE(recordingOnAgent(id).value("state").toString(), QStringLiteral("complete"));

        // Unprotect them again, then download both into a folder.
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() >= 2, 30000);
        QList<int> back;
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (two.contains(view->model()->index(r, 0).data(recordings::RecordingsModel::IdRole).toLongLong()))
                back << r;
        select(back);
        QTest::mouseClick(find<QPushButton>(view, "unprotectButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(saved->text().contains("2 recordings: done"), 30000);
        for (qint64 id : two)
            QCOMPARE(recordingOnAgent(id).value("protected").toBool(), false);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() >= 2, 30000);
        back.clear();
        for (int r = 0; r < view->model()->rowCount(); ++r)
            if (two.contains(view->model()->index(r, 0).data(recordings::RecordingsModel::IdRole).toLongLong()))
                back << r;
        select(back);
        shot(view, "recordings-bulk");
        QTemporaryDir folder;
        QSignalSpy done(view, &recordings::RecordingsView::bulkDownloadFinished);
        view->downloadSelectedTo(folder.path(), recordings::AudioExport::Format::Ogg);
        QVERIFY(done.wait(30000) || done.size() == 1);
        QCOMPARE(done.front().front().toInt(), 2);
        const QStringList files = QDir(folder.path()).entryList(QDir::Files);
        QCOMPARE(files.size(), 2);
        for (const QString &f : files)
            QVERIFY2(f.endsWith(".opus") && f.contains(" ext "), qPrintable(f));
        QVERIFY(saved->text().contains("Saved 2 recordings"));
        view->close();

        // The audit log says who did all that, and can be narrowed to one recording.
        QTest::mouseClick(find<QPushButton>(page, "auditButton"), Qt::LeftButton);
        ui::AuditDialog *audit = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((audit = page->findChild<ui::AuditDialog *>()) != nullptr, 30000);
        auto *table = find<QTableWidget>(audit, "auditTable");
        auto rowsSaying = [table](const QString &what, const QString &recording) {
            int n = 0;
            for (int r = 0; r < table->rowCount(); ++r)
                if (table->item(r, 3)->text() == what &&
                    (recording.isEmpty() || table->item(r, 4)->text() == recording))
                    ++n;
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowsSaying("deleted a recording", QStringLiteral("#%1").arg(unprotectedId)) == 1,
                                 30000);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("admin"));
        shot(audit, "audit-log");
        QSignalSpy loaded(audit, &ui::AuditDialog::loaded);
        find<QLineEdit>(audit, "recordingEdit")->setText(QString::number(two[0]));
        QTest::mouseClick(find<QPushButton>(audit, "searchButton"), Qt::LeftButton);
        QVERIFY(loaded.wait(30000));
        QVERIFY(table->rowCount() >= 2);
        for (int r = 0; r < table->rowCount(); ++r)
            QCOMPARE(table->item(r, 4)->text(), QStringLiteral("#%1").arg(two[0]));
        QCOMPARE(rowsSaying("protected a recording", {}), 1);
        QCOMPARE(rowsSaying("removed a recording's protection", {}), 1);
        audit->close();
    }

    void replayHonoursTheSettings()
    {
        const qint64 capBytes = settingsOnAgent().value("cap_bytes").toInteger();
        m_window.reset();
        QVERIFY2(m_server.stop(), qPrintable(m_server.error()));
        // A second capture into the same data folder: 202 (excluded) and 201 each call an external number.
        using namespace vv::capgen;
        Scenario scenario;
        CallSpec excluded =
            topology::call("after-202@pbx", topology::phone(202), topology::external("07700900555", 31000), 3600, 71);
        excluded.talkMs = 4000;
        CallSpec recorded =
            topology::call("after-201@pbx", topology::external("07700900556", 31002), topology::phone(201), 3610, 72);
        recorded.talkMs = 3000;
        scenario.addCall(excluded);
        scenario.addCall(recorded);
        const QString capture = m_app.dir.filePath("after.pcap");
        std::string e;
        QVERIFY2(writeCapture(capture.toStdString(), scenario.packets(), CaptureOptions{}, &e), e.c_str());
        QByteArray out;
        QByteArray err;
        const int code = m_server.runCli({"replay", "--config", m_server.configPath(), capture}, {}, &out, &err);
        QVERIFY2(code == 0, err.constData());
        QMap<QString, QJsonObject> calls;
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.contains("sip_call_id"))
                calls.insert(o.value("sip_call_id").toString(), o);
        }
        QVERIFY2(calls.contains("after-202@pbx") && calls.contains("after-201@pbx"), out.constData());
        QCOMPARE(calls["after-202@pbx"].value("recorded").toBool(), false);
        QVERIFY2(calls["after-202@pbx"].value("reason").toString().contains("excluded"),
                 qPrintable(calls["after-202@pbx"].value("reason").toString()));
        QCOMPARE(calls["after-201@pbx"].value("recorded").toBool(), true);
        // The cap holds on disk: complete recordings of the vault fit under it.
        qint64 held = 0;
        for (const CatalogueCall &c : m_server.catalogue("acme"))
            if (c.state == u"complete")
                held += QFileInfo(m_server.absolutePath(c.file)).size();
        QVERIFY2(held <= capBytes,
                 qPrintable(QStringLiteral("%1 bytes held under a cap of %2").arg(held).arg(capBytes)));
    }
};

QTEST_MAIN(TestAppGui)
#include "tst_appgui.moc"
