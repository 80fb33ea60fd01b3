// A vault only the customer can listen to, end to end through the real main window against a real agent whose
// vault acme is set to `encryption = customer`: at sign-in the app makes the customer's key (the recovery phrase
// shown once, typed back, the warning acknowledged), keeps the secret in the keychain and gives the agent only the
// public half; the agent re-wraps what it recorded meanwhile; the player plays and the downloads (Ogg and WAV)
// are decrypted on this computer; the agent's data folder and its answers hold neither the secret nor a plaintext
// Ogg page; and a second computer (another profile, an empty keychain) restores the key from the phrase — a wrong
// phrase is refused — and plays too.
#include "agentclient.h"
#include "agentserver.h"
#include "apitest.h"
#include "apphost.h"
#include "audioplayer.h"
#include "credentialstore.h"
#include "customerkeydialog.h"
#include "mainwindow.h"
#include "playerwidget.h"
#include "recordingsmodel.h"
#include "recordingsview.h"
#include "signindialog.h"
#include "vaultcrypto/sealedreader.h"
#include "vaultcrypto/vaultkeys.h"

#include <QCheckBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTest>

using namespace vv;
using namespace vv::apitest;
using vv::apptest::find;

class TestAppSealed : public QObject
{
    Q_OBJECT
    AgentServer m_server{[] {
        AgentServer::Options o;
        o.extraAcmeLines = QStringLiteral("encryption = customer");
        return o;
    }()};
    apptest::AppHost m_first;
    apptest::AppHost m_second; // another computer: its keychain has never seen the key
    std::unique_ptr<ui::MainWindow> m_window;
    std::unique_ptr<ui::MainWindow> m_secondWindow;
    qint64 m_vaultId = 0;
    QString m_phrase;
    QByteArray m_publicKey;
    QByteArray m_secret;

    std::unique_ptr<ui::MainWindow> signInAsAlice(apptest::AppHost &host)
    {
        ui::SignInDialog dialog(&host.directory, &host.credentials);
        dialog.show();
        QTest::mouseClick(find<QRadioButton>(&dialog, "customerRadio"), Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>(&dialog, "urlEdit"), m_server.baseUrl().toString());
        QTest::keyClicks(find<QLineEdit>(&dialog, "usernameEdit"), "alice");
        QTest::keyClicks(find<QLineEdit>(&dialog, "passwordEdit"), m_server.password("alice"));
        QTest::mouseClick(find<QPushButton>(&dialog, "signInButton"), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return dialog.result() == QDialog::Accepted; }, 30000))
            return nullptr;
        auto window = host.makeWindow();
        net::AgentClient *client = dialog.takeClient();
        m_vaultId = dialog.customerVaultId();
        window->showCustomerRecordings(client, m_vaultId);
        window->setAccount(dialog.server(), client);
        window->show();
        return window;
    }
    QString keychainKey() const { return ui::CustomerKeyDialog::keychainKey(m_server.baseUrl().toString(), m_vaultId); }
    QJsonObject encryption()
    {
        return get(*makeClient(m_server, signIn(m_server, "admin", m_server.password("admin"))),
                   QStringLiteral("/api/v1/vaults/%1/encryption").arg(m_vaultId))
            .json.object();
    }
    // Opens the first recording in the player and waits until it decoded its length.
    QString playsFirstRecording(ui::MainWindow *window)
    {
        auto *view = window->findChild<recordings::RecordingsView *>("recordingsView");
        if (!view || !QTest::qWaitFor([&] { return view->model()->rowCount() > 0; }, 30000))
            return QStringLiteral("no recordings listed");
        if (!view->openRow(0, false))
            return QStringLiteral("the first row did not open");
        player::AudioPlayer *p = view->playerWidget()->player();
        if (!QTest::qWaitFor([&] { return p->duration() > 0; }, 30000))
            return QStringLiteral("the player did not open the recording (duration %1)").arg(p->duration());
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_server.start(), qPrintable(m_server.error()));
        API_CHECK(m_first.open());
        API_CHECK(m_second.open());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_secondWindow.reset();
    }

    void customerMakesTheirKeyAtSignIn()
    {
        m_window = signInAsAlice(m_first);
        QVERIFY(m_window);
        ui::CustomerKeyDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<ui::CustomerKeyDialog *>("customerKeyDialog")), 30000);
        QCOMPARE(dialog->mode(), ui::CustomerKeyDialog::Mode::Setup);
        API_CHECK(apptest::saveScreenshot(dialog, "customer-key-setup"));
        m_phrase = find<QLabel>(dialog, "phraseLabel")->text();
        QCOMPARE(m_phrase, dialog->phrase());
        auto *ok = find<QPushButton>(dialog, "okButton");
        auto *confirm = find<QLineEdit>(dialog, "confirmEdit");
        auto *understood = find<QCheckBox>(dialog, "understoodCheck");
        QTest::mouseClick(understood, Qt::LeftButton);
        QTest::keyClicks(confirm, QString(m_phrase).replace(0, 1, m_phrase.at(0) == u'A' ? "B" : "A"));
        QVERIFY(!ok->isEnabled()); // a phrase copied wrong is caught now, not on the day it is needed
        confirm->clear();
        QTest::keyClicks(confirm, m_phrase.toLower().replace('-', ' '));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(understood, Qt::LeftButton);
        QVERIFY(!ok->isEnabled()); // the warning must be acknowledged
        QTest::mouseClick(understood, Qt::LeftButton);
        QPointer<ui::CustomerKeyDialog> watched = dialog;
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(!watched || !watched->isVisible(), qPrintable(watched ? watched->message() : ""),
                                  30000);

        const QString stored = m_first.credentials.entries().value(keychainKey());
        m_secret = QByteArray::fromBase64(stored.toLatin1());
        QCOMPARE(m_secret.size(), 32);
        const QJsonObject e = encryption();
        QCOMPARE(e.value("holder").toString(), QStringLiteral("customer"));
        m_publicKey = QByteArray::fromBase64(e.value("public_key").toString().toLatin1());
        QCOMPARE(crypto::publicKeyOf(m_secret), m_publicKey);
        QTRY_VERIFY_WITH_TIMEOUT(!encryption().value("rewrap").toObject().value("in_progress").toBool(), 30000);
    }

    void playsAndDownloadsWhatOnlyItCanOpen()
    {
        QVERIFY(m_window);
        API_CHECK(playsFirstRecording(m_window.get()));
        auto *view = m_window->findChild<recordings::RecordingsView *>("recordingsView");
        const qint64 id = view->model()->row(0).id;
        const QString stored = m_server.absolutePath(m_server.catalogueCall(id)->file);
        QVERIFY(crypto::isSealedFile(stored));
        crypto::SealedHeader h;
        QString error;
        QVERIFY(crypto::readHeader(stored, &h, &error));
        QByteArray expected;
        QVERIFY(crypto::SealedReader::decryptFile(stored, crypto::unsealFileKey(h.sealedKey, m_publicKey, m_secret),
                                                  &expected, &error));

        const QString ogg = m_first.dir.filePath("first.opus");
        view->exportTo(ogg, recordings::AudioExport::Format::Ogg);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(ogg) && !QFile::exists(ogg + ".part"), 30000);
        QCOMPARE(readWholeFile(ogg), expected);
        const QString wav = m_first.dir.filePath("first.wav");
        view->exportTo(wav, recordings::AudioExport::Format::Wav);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(wav) && !QFile::exists(wav + ".part"), 30000);
        const QByteArray w = readWholeFile(wav);
        QVERIFY(w.startsWith("RIFF") && w.mid(8, 4) == "WAVE");
        QVERIFY(w.size() > 44 + 48000 * 4 / 2); // at least half a second of two-channel 48 kHz audio
    }

    void agentHoldsNeitherTheSecretNorPlaintext()
    {
        QVERIFY(!m_secret.isEmpty());
        const QList<QByteArray> forms{m_secret, m_secret.toBase64(), m_secret.toHex()};
        QDirIterator files(m_server.dataDir(), QDir::Files, QDirIterator::Subdirectories);
        int recordings = 0;
        while (files.hasNext()) {
            const QString f = files.next();
            const QByteArray bytes = readWholeFile(f);
            for (const QByteArray &s : forms)
                QVERIFY2(!bytes.contains(s), qPrintable(f));
            if (f.contains("/vaults/acme/")) {
                ++recordings;
                QVERIFY2(!bytes.contains("OggS"), qPrintable(f));
            }
        }
        QVERIFY(recordings >= 5);
        const QByteArray token = signIn(m_server, "alice", m_server.password("alice"));
        for (const CatalogueCall &c : completeCalls(m_server, "acme")) {
            const ApiResult r = audio(m_server, token, c.id);
            API_CHECK(expectStatus(r, 200));
            QVERIFY(!r.data.contains("OggS"));
            for (const QByteArray &s : forms)
                QVERIFY(!r.data.contains(s));
        }
    }

    void secondComputerRestoresTheKeyFromThePhrase()
    {
        m_secondWindow = signInAsAlice(m_second);
        QVERIFY(m_secondWindow);
        ui::CustomerKeyDialog *dialog = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dialog = m_secondWindow->findChild<ui::CustomerKeyDialog *>("customerKeyDialog")),
                                 30000);
        QCOMPARE(dialog->mode(), ui::CustomerKeyDialog::Mode::Restore);
        API_CHECK(apptest::saveScreenshot(dialog, "customer-key-restore"));
        auto *edit = find<QLineEdit>(dialog, "restoreEdit");
        auto *ok = find<QPushButton>(dialog, "okButton");
        // Well formed, but not this customer's phrase.
        QTest::keyClicks(edit, QString(m_phrase).replace(0, 1, m_phrase.at(0) == u'A' ? "B" : "A"));
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(dialog->message().contains("does not open"), qPrintable(dialog->message()), 30000);
        QVERIFY(!m_second.credentials.entries().contains(keychainKey()));
        edit->clear();
        QTest::keyClicks(edit, m_phrase);
        QPointer<ui::CustomerKeyDialog> watched = dialog;
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(!watched || !watched->isVisible(), qPrintable(watched ? watched->message() : ""),
                                  30000);
        QCOMPARE(QByteArray::fromBase64(m_second.credentials.entries().value(keychainKey()).toLatin1()), m_secret);
        API_CHECK(playsFirstRecording(m_secondWindow.get()));
    }
};

QTEST_MAIN(TestAppSealed)
#include "tst_appsealed.moc"
