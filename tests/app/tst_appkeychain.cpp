// KeychainCredentialStore against the real QtKeychain. Under scripts/with-keyring.sh (a private D-Bus session with
// an unlocked GNOME keyring) a password is written, read back, replaced and removed. With VIPVAULT_EXPECT_NO_KEYCHAIN
// set (CTest points D-Bus at nothing) every call must say "no keychain" rather than fail some other way or fall
// back to a file.
#include "keychaincredentialstore.h"

#include <QDir>
#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace vv::app;
using Status = CredentialResult::Status;

class TestAppKeychain : public QObject
{
    Q_OBJECT
private:
    CredentialResult run(const std::function<void(CredentialStore::Handler)> &start)
    {
        CredentialResult result;
        bool done = false;
        start([&](const CredentialResult &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            result = {Status::Failed, {}, QStringLiteral("no answer within 30 s")};
        return result;
    }

    bool expectNone() const { return qEnvironmentVariableIsSet("VIPVAULT_EXPECT_NO_KEYCHAIN"); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip()
    {
        KeychainCredentialStore store;
        const QString key = CredentialStore::keyFor("https://127.0.0.1:8443", "admin-test");
        const CredentialResult w = run([&](auto h) { store.write(key, "s3cret-pass-1", this, h); });
        if (expectNone()) {
            QCOMPARE(w.status, Status::NoKeychain);
            QCOMPARE(run([&](auto h) { store.read(key, this, h); }).status, Status::NoKeychain);
            // What the user reads is what it means for them, not the backend's D-Bus message.
            QVERIFY2(w.error.contains("keychain") && !w.error.contains("dbus", Qt::CaseInsensitive),
                     qPrintable(w.error));
            return;
        }
        if (w.status == Status::NoKeychain)
            QSKIP(qPrintable("no Secret Service here (run under scripts/with-keyring.sh): " + w.error));
        QVERIFY2(w.ok(), qPrintable(w.error));
        CredentialResult r = run([&](auto h) { store.read(key, this, h); });
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.secret, QStringLiteral("s3cret-pass-1"));
        QVERIFY(run([&](auto h) { store.write(key, "s3cret-pass-2", this, h); }).ok());
        QCOMPARE(run([&](auto h) { store.read(key, this, h); }).secret, QStringLiteral("s3cret-pass-2"));
        QVERIFY(run([&](auto h) { store.remove(key, this, h); }).ok());
        QCOMPARE(run([&](auto h) { store.read(key, this, h); }).status, Status::NotFound);
    }

    void separateEntriesPerServerAndUser()
    {
        if (expectNone())
            QSKIP("no keychain in this run");
        KeychainCredentialStore store;
        const QString a = CredentialStore::keyFor("https://a.example:8443", "admin");
        const QString b = CredentialStore::keyFor("https://b.example:8443", "admin");
        if (run([&](auto h) { store.write(a, "password-a-123", this, h); }).status == Status::NoKeychain)
            QSKIP("no Secret Service here (run under scripts/with-keyring.sh)");
        QVERIFY(run([&](auto h) { store.write(b, "password-b-456", this, h); }).ok());
        QCOMPARE(run([&](auto h) { store.read(a, this, h); }).secret, QStringLiteral("password-a-123"));
        QCOMPARE(run([&](auto h) { store.read(b, this, h); }).secret, QStringLiteral("password-b-456"));
        run([&](auto h) { store.remove(a, this, h); });
        run([&](auto h) { store.remove(b, this, h); });
    }

    void contextGoneNoCallback()
    {
        KeychainCredentialStore store;
        auto *context = new QObject;
        bool called = false;
        const QString key = CredentialStore::keyFor("https://gone.example", "x");
        QSignalSpy answered(&store, &CredentialStore::answered);
        store.read(key, context, [&](const CredentialResult &) { called = true; });
        delete context;
        // The keychain has answered (that is what `answered` says); only then is "no callback" a fact.
        QVERIFY(answered.wait(30000));
        QCOMPARE(answered.first().first().toString(), key);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestAppKeychain)
#include "tst_appkeychain.moc"
