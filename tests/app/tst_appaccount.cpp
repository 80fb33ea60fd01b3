// A signed-in customer manages their own session through the real main window against a real vipvault-agent on
// loopback: Account → Change password (a wrong current password is refused in the dialog, the right one changes it,
// the remembered password follows and the app signs in again by itself), then Account → Sign out (the agent revokes
// the token, the keychain forgets the password and the sign-in dialog comes back). What the agent accepts is checked
// with separate clients, never through the app's own.
#include "agentclient.h"
#include "agentserver.h"
#include "apitest.h"
#include "apphost.h"
#include "changepassworddialog.h"
#include "credentialstore.h"
#include "customerdirectory.h"
#include "customermodel.h"
#include "mainwindow.h"
#include "prompts.h"
#include "recordingsmodel.h"
#include "recordingsview.h"
#include "serveraccess.h"
#include "serverconnections.h"
#include "signindialog.h"
#include "subjectdialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace vv;
using namespace vv::apitest;
using vv::apptest::find;

class TestAppAccount : public QObject
{
    Q_OBJECT
private:
    AgentServer m_server;
    apptest::AppHost m_app;
    std::unique_ptr<ui::MainWindow> m_window;
    QString m_key; // alice's entry in the credential store
    QString m_oldPassword;
    QString m_newPassword;
    qint64 m_vaultId = 0;

    // The dialog is opened window-modal (not exec()), so it appears as a child of the window once the action ran.
    recordings::ChangePasswordDialog *openChangePassword()
    {
        auto *action = find<QAction>(m_window.get(), "actionChangePassword");
        if (!action || !action->isEnabled())
            return nullptr;
        action->trigger();
        return m_window->findChild<recordings::ChangePasswordDialog *>();
    }

    void fill(QDialog *dialog, const QString &current, const QString &fresh)
    {
        for (const auto &[name, text] :
             {std::pair{"currentEdit", current}, {"newEdit", fresh}, {"confirmEdit", fresh}}) {
            auto *edit = find<QLineEdit>(dialog, name);
            edit->clear();
            QTest::keyClicks(edit, text);
        }
    }

    // Signs in to the agent with a client of its own, unrelated to the app's: the agent's word on a password.
    ApiResult signInOnAgent(const QString &password)
    {
        ApiResult answer;
        signIn(m_server, "alice", password, nullptr, &answer);
        return answer;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        // Trust the test agent's certificate; any other question is recorded and answered "yes".
        API_CHECK(m_app.open());
        m_oldPassword = m_server.password("alice");
        m_newPassword = m_server.newPassword("alice's new password");
        m_key = app::CredentialStore::keyFor(m_server.baseUrl().toString(), "alice");
    }

    void cleanupTestCase() { m_window.reset(); }

    void customerSignsIn()
    {
        ui::SignInDialog dialog(&m_app.directory, &m_app.credentials);
        dialog.show();
        QTest::mouseClick(find<QRadioButton>(&dialog, "customerRadio"), Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>(&dialog, "urlEdit"), m_server.baseUrl().toString());
        QTest::keyClicks(find<QLineEdit>(&dialog, "usernameEdit"), "alice");
        QTest::keyClicks(find<QLineEdit>(&dialog, "passwordEdit"), m_oldPassword);
        auto *remember = find<QCheckBox>(&dialog, "rememberCheck");
        if (!remember->isChecked())
            QTest::mouseClick(remember, Qt::LeftButton);
        QTest::mouseClick(find<QPushButton>(&dialog, "signInButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.result() == QDialog::Accepted, 30000);
        QCOMPARE(m_app.credentials.entries().value(m_key), m_oldPassword);

        m_window = m_app.makeWindow();
        net::AgentClient *client = dialog.takeClient();
        m_vaultId = dialog.customerVaultId();
        QVERIFY(m_vaultId > 0);
        m_window->showCustomerRecordings(client, m_vaultId);
        m_window->setAccount(dialog.server(), client);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        auto *view = m_window->findChild<recordings::RecordingsView *>("recordingsView");
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 30000);
        QVERIFY(find<QAction>(m_window.get(), "actionSignOut")->isEnabled());
    }

    // The next start offers the last server, user and role; the role the server gives wins over the one picked.
    void signInRemembersAndLearnsTheRole()
    {
        ui::SignInDialog dialog(&m_app.directory, &m_app.credentials);
        QCOMPARE(find<QLineEdit>(&dialog, "urlEdit")->text(), m_server.baseUrl().toString());
        QCOMPARE(find<QLineEdit>(&dialog, "usernameEdit")->text(), QString("alice"));
        QVERIFY(find<QRadioButton>(&dialog, "customerRadio")->isChecked());
        QTest::mouseClick(find<QRadioButton>(&dialog, "resellerRadio"), Qt::LeftButton);
        // The password comes from the keychain, where the first sign-in put it.
        QTRY_COMPARE_WITH_TIMEOUT(find<QLineEdit>(&dialog, "passwordEdit")->text(), m_oldPassword, 30000);
        QVERIFY(find<QCheckBox>(&dialog, "rememberCheck")->isChecked());
        QTest::mouseClick(find<QPushButton>(&dialog, "signInButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.result() == QDialog::Accepted, 30000);
        QCOMPARE(dialog.mode(), ui::SignInDialog::Mode::Customer);
        QVERIFY(dialog.customerVaultId() > 0);
        delete dialog.takeClient();
    }

    // Numbers as people type them: the agent reads "+44 7700 900101" with the vault's plan (country_code = 44) and
    // finds the call stored as 07700900101; a search that finds nothing says which filters are on.
    void numberSearchAsTyped_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("expected");
        QTest::newRow("international, spaced") << "+44 7700 900101" << 1;
        QTest::newRow("national, spaced") << "07700 900101" << 1;
        QTest::newRow("no national prefix") << "7700 900101" << 1;
        QTest::newRow("no such number") << "+44 1632 000000" << 0;
    }

    void numberSearchAsTyped()
    {
        QFETCH(QString, typed);
        QFETCH(int, expected);
        auto *view = m_window->findChild<recordings::RecordingsView *>("recordingsView");
        QVERIFY(view);
        auto *number = find<QLineEdit>(view, "numberEdit");
        number->clear();
        QTest::keyClicks(number, typed);
        QTest::keyClick(number, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->total(), qint64(expected), 30000);
        auto *count = find<QLabel>(view, "countLabel");
        if (expected == 0) {
            QTRY_VERIFY_WITH_TIMEOUT(count->text().startsWith("No recordings match"), 10000);
            QVERIFY2(count->text().contains("number contains “" + typed + "”"), qPrintable(count->text()));
        } else {
            QCOMPARE(view->model()->row(0).callee == "07700900101" || view->model()->row(0).caller == "07700900101",
                     true);
        }
        number->clear();
        QTest::keyClick(number, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->total() > 1, 30000);
    }

    // A note on a recording: typed under the player, saved on the agent (checked with a client of its own), shown
    // in the list's Note column, found by "Note contains", and audited. A note the agent refuses keeps the text.
    void customerWritesANote()
    {
        auto *view = m_window->findChild<recordings::RecordingsView *>("recordingsView");
        QVERIFY(view);
        auto *table = find<QTableView>(view, "table");
        table->setFocus();
        table->selectRow(0);
        const qint64 id = view->model()->row(0).id;
        auto *edit = find<QPlainTextEdit>(view, "noteEdit");
        auto *save = find<QPushButton>(view, "saveNoteButton");
        auto *status = find<QLabel>(view, "noteStatusLabel");
        QTRY_VERIFY(edit->isEnabled());
        QVERIFY(!save->isEnabled()); // nothing changed yet
        edit->setFocus();
        QTest::keyClicks(edit, "Wants the quote by email");
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().startsWith("Saved."), qPrintable(status->text()), 30000);
        QVERIFY2(status->text().contains("alice"), qPrintable(status->text()));
        const ApiResult agent = get(*makeClient(m_server, signIn(m_server, "alice", m_oldPassword)),
                                    QStringLiteral("/api/v1/recordings/%1").arg(id));
        API_CHECK(expectJson(agent, 200));
        QCOMPARE(agent.json.object().value("annotation").toObject().value("text").toString(),
                 QString("Wants the quote by email"));
        const int row = view->model()->rowOf(id);
        QCOMPARE(view->model()->index(row, recordings::RecordingsModel::NoteColumn).data().toString(),
                 QString("Wants the quote by email"));

        auto *noteFilter = find<QLineEdit>(view, "noteFilterEdit");
        QTest::keyClicks(noteFilter, "QUOTE");
        QTest::keyClick(noteFilter, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->total(), qint64(1), 30000);
        QCOMPARE(view->model()->row(0).id, id);
        noteFilter->clear();
        QTest::keyClicks(noteFilter, "nobody wrote this");
        QTest::keyClick(noteFilter, Qt::Key_Return);
        auto *count = find<QLabel>(view, "countLabel");
        QTRY_VERIFY_WITH_TIMEOUT(count->text().contains("note contains “nobody wrote this”"), 30000);
        noteFilter->clear();
        QTest::keyClick(noteFilter, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->total() > 1, 30000);

        // Too long for the agent: said before sending, the text stays, Save stays off.
        table->selectRow(view->model()->rowOf(id));
        edit->setPlainText(QString(2001, u'x'));
        QVERIFY(!save->isEnabled());
        QVERIFY2(status->text().contains("at most 2000"), qPrintable(status->text()));
        QCOMPARE(edit->toPlainText().size(), 2001);
        edit->setPlainText("Wants the quote by email");
        QVERIFY(!save->isEnabled()); // back to what the agent holds
    }

    // Tamper evidence in the player: an opened recording is verified against the agent's signed chain; one whose
    // file changed on the server (a byte flipped behind the agent's back) is shown in red as changed.
    void openRecordingShowsWhetherItIsUnchanged()
    {
        auto *view = m_window->findChild<recordings::RecordingsView *>("recordingsView");
        QVERIFY(view);
        auto *label = find<QLabel>(view, "verificationLabel");
        auto *table = find<QTableView>(view, "table");
        table->selectRow(0);
        QTRY_VERIFY2_WITH_TIMEOUT(label->text().startsWith("✔"), qPrintable(label->text()), 30000);

        const recordings::RecordingRow victim = view->model()->row(1);
        const QString file = m_server.absolutePath(m_server.catalogueCall(victim.id)->file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(100));
        char c = 0;
        QVERIFY(f.getChar(&c));
        QVERIFY(f.seek(100));
        QVERIFY(f.putChar(char(c ^ 0x20)));
        f.flush();
        table->selectRow(1);
        QTRY_VERIFY2_WITH_TIMEOUT(label->text().startsWith("⚠ Changed since recorded"), qPrintable(label->text()),
                                  30000);
        QVERIFY2(label->text().contains("audio file"), qPrintable(label->text()));
        QVERIFY(f.seek(100));
        QVERIFY(f.putChar(c)); // put back: the remaining tests play it
        f.close();
        table->selectRow(0);
        QTRY_VERIFY_WITH_TIMEOUT(label->text().startsWith("✔"), 30000);
    }

    // A person's request (GDPR) by the customer: Find shows what the vault holds about a number typed as people say
    // it, Export saves it all as one archive, Erase asks first (through the app's prompts), removes it, and the list
    // no longer finds the number.
    void customerAnswersARequestAboutAPerson()
    {
        auto *view = m_window->findChild<recordings::RecordingsView *>("recordingsView");
        QVERIFY(view);
        QTest::mouseClick(find<QPushButton>(view, "subjectButton"), Qt::LeftButton);
        auto *dialog = view->findChild<recordings::SubjectDialog *>();
        QVERIFY(dialog);
        QTest::keyClicks(find<QLineEdit>(dialog, "numberEdit"), "+44 7700 900101");
        QTest::mouseClick(find<QPushButton>(dialog, "findButton"), Qt::LeftButton);
        auto *plan = find<QLabel>(dialog, "planLabel");
        QTRY_VERIFY2_WITH_TIMEOUT(find<QPushButton>(dialog, "eraseButton")->isEnabled(), qPrintable(plan->text()),
                                  30000);
        QVERIFY2(plan->text().contains(QRegularExpression("^1 call\\(?s?\\)? with \\+44 7700 900101; 1 with audio")),
                 qPrintable(plan->text()));

        const QString archive = m_app.dir.filePath("export.tar");
        dialog->exportTo(archive);
        auto *result = find<QLabel>(dialog, "resultLabel");
        QTRY_VERIFY2_WITH_TIMEOUT(result->text().startsWith("Saved to"), qPrintable(result->text()), 30000);
        QFile tar(archive);
        QVERIFY(tar.open(QIODevice::ReadOnly));
        const QByteArray bytes = tar.readAll();
        QVERIFY2(bytes.contains("vipvault-export/manifest.json") && bytes.contains("07700900101"),
                 "the archive holds the manifest with the call");

        m_app.prompts.clear();
        m_app.answer = true;
        QTest::mouseClick(find<QPushButton>(dialog, "eraseButton"), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(result->text().startsWith("Erased"), qPrintable(result->text()), 30000);
        QCOMPARE(m_app.prompts.size(), 1); // asked once, before anything was erased
        QVERIFY2(m_app.prompts.first().second.contains("cannot be undone"), qPrintable(m_app.prompts.first().second));
        dialog->close();

        auto *number = find<QLineEdit>(view, "numberEdit");
        number->clear();
        QTest::keyClicks(number, "07700 900101");
        QTest::keyClick(number, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->total(), qint64(0), 30000);
        number->clear();
        QTest::keyClick(number, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->total() > 0, 30000);
    }

    void wrongCurrentPasswordStaysOpen()
    {
        QPointer<recordings::ChangePasswordDialog> dialog = openChangePassword();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        auto *message = find<QLabel>(dialog, "messageLabel");

        // Too short: said before anything is sent, as the agent would refuse it (422) anyway.
        fill(dialog, m_oldPassword, "short");
        QTest::mouseClick(find<QPushButton>(dialog, "changeButton"), Qt::LeftButton);
        QVERIFY2(message->text().contains("at least 10"), qPrintable(message->text()));

        // Wrong current password: the agent's 403, shown in the dialog, which stays open for another try.
        m_app.prompts.clear();
        fill(dialog, m_oldPassword + "-wrong", m_newPassword);
        QTest::mouseClick(find<QPushButton>(dialog, "changeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(message->text().contains("not right"), 30000);
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY(m_app.prompts.isEmpty());
        // Nothing changed: the app is still signed in and the old password still works on the agent.
        QVERIFY(m_window->accountClient()->hasToken());
        API_CHECK(expectStatus(signInOnAgent(m_oldPassword), 201));
        dialog->reject();
    }

    void rightPasswordChangesIt()
    {
        net::AgentClient *client = m_window->accountClient();
        QVERIFY(client);
        const QByteArray oldToken = client->token();
        QPointer<recordings::ChangePasswordDialog> dialog = openChangePassword();
        QVERIFY(dialog);
        fill(dialog, m_oldPassword, m_newPassword);
        QTest::mouseClick(find<QPushButton>(dialog, "changeButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000); // accepted and deleted on close

        // Signed in again by itself with the new password: a fresh token, the remembered password follows.
        QTRY_VERIFY_WITH_TIMEOUT(client->hasToken() && client->token() != oldToken, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.credentials.entries().value(m_key), m_newPassword, 10000);
        QVERIFY2(m_app.prompts.isEmpty(), m_app.prompts.isEmpty() ? "" : qPrintable(m_app.prompts.front().second));

        // The agent's view: the old password and the old token are dead, the new password works.
        API_CHECK(expectProblem(signInOnAgent(m_oldPassword), 401));
        API_CHECK(expectStatus(signInOnAgent(m_newPassword), 201));
        API_CHECK(expectStatus(get(*makeClient(m_server, oldToken), "/api/v1/me"), 401));

        // And the app is still signed in: its own client fetches recordings.
        const ApiResult page =
            await([&](QObject *ctx, ResultHandler h) { return client->listRecordings(m_vaultId, {}, ctx, h); });
        API_CHECK(expectJson(page, 200));
        QVERIFY(!items(page).isEmpty());
    }

    void signOutRevokesAndAsksAgain()
    {
        net::AgentClient *client = m_window->accountClient();
        QVERIFY(client);
        const QByteArray token = client->token();
        QVERIFY(!token.isEmpty());
        API_CHECK(expectStatus(get(*makeClient(m_server, token), "/api/v1/me"), 200));

        QSignalSpy keychainAnswers(&m_app.credentials, &app::CredentialStore::answered);
        find<QAction>(m_window.get(), "actionSignOut")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(m_window->signInDialog() && m_window->signInDialog()->isVisible(), 30000);
        QVERIFY(!m_window->isVisible());
        QVERIFY(!m_window->accountClient());
        QVERIFY(!m_window->findChild<recordings::RecordingsView *>());
        // The token the app held is revoked on the agent, and the keychain forgot the password.
        API_CHECK(expectProblem(get(*makeClient(m_server, token), "/api/v1/me"), 401));
        QVERIFY(!m_app.credentials.entries().contains(m_key));

        // The dialog offers the same server and user, with an empty password; signing in opens the recordings again.
        ui::SignInDialog *dialog = m_window->signInDialog();
        QCOMPARE(find<QLineEdit>(dialog, "usernameEdit")->text(), QStringLiteral("alice"));
        // Sign-out removed the password (one answer), the dialog then asked for it (a second): once the keychain's
        // "not stored" has arrived, nothing may have been filled in.
        QTRY_VERIFY_WITH_TIMEOUT(keychainAnswers.count() >= 2, 30000);
        QCOMPARE(keychainAnswers.last().first().toString(), m_key);
        QVERIFY(find<QLineEdit>(dialog, "passwordEdit")->text().isEmpty());
        QVERIFY(find<QRadioButton>(dialog, "customerRadio")->isChecked());
        QTest::keyClicks(find<QLineEdit>(dialog, "passwordEdit"), m_newPassword);
        QTest::mouseClick(find<QPushButton>(dialog, "signInButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->isVisible(), 30000);
        auto *view = m_window->findChild<recordings::RecordingsView *>("recordingsView");
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() > 0, 30000);
        QVERIFY(m_window->accountClient() && m_window->accountClient()->hasToken());
        QVERIFY(find<QAction>(m_window.get(), "actionChangePassword")->isEnabled());
    }
};

QTEST_MAIN(TestAppAccount)
#include "tst_appaccount.moc"
