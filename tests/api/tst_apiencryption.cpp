// Encryption at rest against a real agent whose vault "acme" is set to `encryption = agent` before it records:
// every acme file on disk is sealed and holds no Ogg page (beta stays plain); the API still serves the audio
// (whole, ranges, WAV, verification, the GDPR export), byte-identical to what the vault's key decrypts; a deleted
// recording's key is destroyed before its file goes (a hard link kept beforehand can no longer be opened). Then
// the vault becomes customer-held: the customer's key is set (the reseller may not), every file is re-wrapped
// without re-encrypting the audio, the agent's secret is destroyed, the API serves only ciphertext, and neither
// the data folder nor any answer contains the customer's secret key or a plaintext Ogg page.
#include "apitest.h"
#include "vaultcrypto/recoveryphrase.h"
#include "vaultcrypto/sealedreader.h"
#include "vaultcrypto/vaultkeys.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <unistd.h>

using namespace vv::apitest;
using namespace vv::crypto;

namespace {

// The agent-held secret of key `keyId`, opened with the master key file the agent keeps beside its data.
QByteArray agentSecret(const AgentServer &server, const QByteArray &keyId)
{
    const QByteArray master = readWholeFile(server.dataDir() + QStringLiteral("/keys/vault-master.key"));
    QByteArray wrapped;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("keys"));
        db.setDatabaseName(server.dataDir() + QStringLiteral("/catalogue.sqlite"));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT wrapped_secret FROM vault_keys WHERE key_id = ?"));
            q.addBindValue(keyId);
            if (q.exec() && q.next())
                wrapped = q.value(0).toByteArray();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("keys"));
    return wrapped.isEmpty() ? QByteArray() : unwrapWithKey(wrapped, master);
}

QByteArray decryptWith(const QString &path, const QByteArray &publicKey, const QByteArray &secret, QString *error)
{
    SealedHeader h;
    if (!readHeader(path, &h, error))
        return {};
    const QByteArray fileKey = unsealFileKey(h.sealedKey, publicKey, secret);
    if (fileKey.isEmpty()) {
        *error = QStringLiteral("the file key does not unseal");
        return {};
    }
    QByteArray plain;
    return SealedReader::decryptFile(path, fileKey, &plain, error) ? plain : QByteArray();
}

} // namespace

class TestApiEncryption : public QObject
{
    Q_OBJECT
    AgentServer m_server{[] {
        AgentServer::Options o;
        o.extraAcmeLines = QStringLiteral("encryption = agent");
        return o;
    }()};
    SignedInAgent m_s;
    QHash<qint64, QByteArray> m_served; // what the API served of each acme recording while the agent held the key

    QString encryptionPath() const { return QStringLiteral("/api/v1/vaults/%1/encryption").arg(m_s.acme); }
    QJsonObject encryption()
    {
        const ApiResult r = get(*makeClient(m_server, m_s.admin), encryptionPath());
        return r.json.object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        API_CHECK(startSignedIn(m_server, &m_s));
        QVERIFY(completeCalls(m_server, "acme").size() >= 5);
    }
    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void filesOnDiskAreSealed()
    {
        const QJsonObject e = encryption();
        QCOMPARE(e.value("mode").toString(), QStringLiteral("agent"));
        QCOMPARE(e.value("holder").toString(), QStringLiteral("agent"));
        for (const CatalogueCall &c : completeCalls(m_server, "acme")) {
            const QByteArray file = readWholeFile(m_server.absolutePath(c.file));
            QVERIFY2(isSealed(file), qPrintable(c.file));
            QVERIFY2(!file.contains("OggS") && !file.contains("OpusHead"), "a sealed file shows no Ogg structure");
        }
        for (const CatalogueCall &c : completeCalls(m_server, "beta"))
            QVERIFY(readWholeFile(m_server.absolutePath(c.file)).startsWith("OggS"));
    }

    void apiServesTheAudioTheKeyDecrypts()
    {
        const QByteArray keyId = QByteArray::fromHex(encryption().value("key_id").toString().toLatin1());
        const QByteArray publicKey = QByteArray::fromBase64(encryption().value("public_key").toString().toLatin1());
        const QByteArray secret = agentSecret(m_server, keyId);
        QVERIFY(!secret.isEmpty());
        for (const CatalogueCall &c : completeCalls(m_server, "acme")) {
            QString error;
            const QByteArray plain = decryptWith(m_server.absolutePath(c.file), publicKey, secret, &error);
            QVERIFY2(plain.startsWith("OggS"), qPrintable(error));
            const ApiResult whole = audio(m_server, m_s.alice, c.id);
            API_CHECK(expectStatus(whole, 200));
            QCOMPARE(whole.contentType, QByteArray("audio/ogg"));
            QCOMPARE(whole.data, plain);
            m_served.insert(c.id, whole.data);
            // A range across a chunk edge (16 kB) and one at the end.
            const qint64 from = std::min<qint64>(16380, plain.size() / 2);
            const ApiResult part = audio(m_server, m_s.alice, c.id,
                                         QByteArray("bytes=%1-%2")
                                             .replace("%1", QByteArray::number(from))
                                             .replace("%2", QByteArray::number(from + 99)));
            API_CHECK(expectStatus(part, 206));
            QCOMPARE(part.data, plain.mid(from, 100));
            QCOMPARE(part.header("content-range"), QByteArray("bytes %1-%2/%3")
                                                       .replace("%1", QByteArray::number(from))
                                                       .replace("%2", QByteArray::number(from + 99))
                                                       .replace("%3", QByteArray::number(plain.size())));
            const ApiResult tail = audio(m_server, m_s.alice, c.id, "bytes=-10");
            API_CHECK(expectStatus(tail, 206));
            QCOMPARE(tail.data, plain.right(10));
        }
    }

    void wavAndVerificationWorkOnSealedRecordings()
    {
        const CatalogueCall c = completeCalls(m_server, "acme").first();
        QUrlQuery wav;
        wav.addQueryItem("format", "wav");
        const ApiResult w = audio(m_server, m_s.alice, c.id, {}, wav);
        API_CHECK(expectStatus(w, 200));
        QVERIFY(w.data.startsWith("RIFF"));
        QVERIFY(w.data.size() > 44 + 48000);                      // more than a quarter second of stereo 48 kHz
        QVERIFY(w.data.mid(44).count('\0') < w.data.size() - 44); // not silence
        const ApiResult v =
            get(*makeClient(m_server, m_s.alice), QStringLiteral("/api/v1/recordings/%1/verification").arg(c.id));
        API_CHECK(expectJson(v, 200));
        QCOMPARE(v.json.object().value("status").toString(), QStringLiteral("verified"));
    }

    void deletingDestroysTheKeyBeforeTheFile()
    {
        const CatalogueCall c = completeCalls(m_server, "acme").last();
        const QString path = m_server.absolutePath(c.file);
        // A second name for the same inode: what a backup, an undelete tool or the disk's free blocks would keep.
        const QString kept = m_server.dataDir() + QStringLiteral("/../kept-") + QString::number(c.id);
        QVERIFY(::link(QFile::encodeName(path).constData(), QFile::encodeName(kept).constData()) == 0);
        ApiRequest request;
        request.method = "DELETE";
        request.path = QStringLiteral("/api/v1/recordings/%1").arg(c.id);
        const ApiResult del = send(*makeClient(m_server, m_s.admin), request);
        API_CHECK(expectStatus(del, 204));
        QVERIFY(!QFile::exists(path));
        SealedHeader h;
        QString error;
        QVERIFY2(readHeader(kept, &h, &error), qPrintable(error));
        QVERIFY(h.isShredded());
        const QByteArray publicKey = QByteArray::fromBase64(encryption().value("public_key").toString().toLatin1());
        const QByteArray secret = agentSecret(m_server, h.keyId);
        QVERIFY(decryptWith(kept, publicKey, secret, &error).isEmpty()); // even with the vault's own secret
        QFile::remove(kept);
        m_served.remove(c.id);
    }

    // Beta recorded plain; turning encryption on encrypts what it holds in the background, each file linked in the
    // hash chain from its plain entry, so everything still verifies (the player's label and verify offline) and
    // plays the very same audio.
    void olderPlainRecordingsAreEncryptedAndStillVerify()
    {
        const QString betaPath = QStringLiteral("/api/v1/vaults/%1/encryption").arg(m_s.beta);
        QHash<qint64, QByteArray> before;
        for (const CatalogueCall &c : completeCalls(m_server, "beta"))
            before.insert(c.id, readWholeFile(m_server.absolutePath(c.file)));
        QVERIFY(before.size() >= 2);
        auto admin = makeClient(m_server, m_s.admin);
        API_CHECK(expectJson(sendJson(*admin, "PUT", betaPath, QJsonObject{{"mode", "agent"}}), 200));
        QTRY_VERIFY_WITH_TIMEOUT(
            get(*admin, betaPath).json.object().value("older_recordings").toObject().value("encrypted").toInt() ==
                before.size(),
            30000);
        QCOMPARE(get(*admin, betaPath).json.object().value("older_recordings").toObject().value("plain_left").toInt(),
                 0);
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            const CatalogueCall c = *m_server.catalogueCall(it.key());
            const QByteArray stored = readWholeFile(m_server.absolutePath(c.file));
            QVERIFY2(isSealed(stored), qPrintable(c.file));
            QCOMPARE(c.bytes, qint64(stored.size())); // the row (and so the bill) counts what is on disk
            const ApiResult served = audio(m_server, m_s.admin, c.id);
            API_CHECK(expectStatus(served, 200));
            QCOMPARE(served.data, it.value());
            const QString path = QStringLiteral("/api/v1/recordings/%1/verification").arg(c.id);
            QTRY_COMPARE_WITH_TIMEOUT(get(*admin, path).json.object().value("status").toString(),
                                      QStringLiteral("verified"), 30000); // the links are signed once the batch is done
        }
        QVERIFY(!QDirIterator(m_server.dataDir(), {"*.sealing"}, QDir::Files, QDirIterator::Subdirectories).hasNext());
        QProcess verify;
        verify.start(QStringLiteral(VIPVAULT_AGENT_BIN), {"verify", "--config", m_server.configPath(), "--data-dir",
                                                          m_server.dataDir(), "--vault", "beta"});
        QVERIFY(verify.waitForFinished(120000));
        const QByteArray out = verify.readAllStandardOutput() + verify.readAllStandardError();
        QVERIFY2(verify.exitCode() == 0, out.constData());
        // A resealed file altered afterwards is still caught.
        const CatalogueCall victim = *m_server.catalogueCall(before.cbegin().key());
        QFile f(m_server.absolutePath(victim.file));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(f.size() - 5));
        const QByteArray last = f.read(1);
        QVERIFY(f.seek(f.size() - 5));
        f.write(QByteArray(1, char(last.at(0) ^ 1)));
        f.close();
        const ApiResult v = get(*admin, QStringLiteral("/api/v1/recordings/%1/verification").arg(victim.id));
        QCOMPARE(v.json.object().value("status").toString(), QStringLiteral("changed"));
        QVERIFY(f.open(QIODevice::ReadWrite) && f.seek(f.size() - 5));
        f.write(last);
        f.close();
    }

    void resellerCannotTakeTheCustomersKey()
    {
        auto admin = makeClient(m_server, m_s.admin);
        const ApiResult mode = sendJson(*admin, "PUT", encryptionPath(), QJsonObject{{"mode", "customer"}});
        API_CHECK(expectJson(mode, 200));
        QVERIFY(mode.json.object().value("awaiting_customer_key").toBool());
        const VaultKeyPair pair = VaultKeyPair::generate();
        QString error;
        const QJsonObject body{{"public_key", QString::fromLatin1(pair.publicKey.toBase64())},
                               {"recovery", wrapForRecovery(pair.secretKey, newRecoveryPhrase(), &error)}};
        API_CHECK(expectProblem(sendJson(*admin, "PUT", encryptionPath() + "/customer-key", body), 403));
        API_CHECK(expectProblem(get(*admin, encryptionPath() + "/recovery"), 403));
        // Another vault's customer cannot see this vault at all.
        API_CHECK(expectProblem(
            sendJson(*makeClient(m_server, m_s.bob), "PUT", encryptionPath() + "/customer-key", body), 404));
        // A malformed backup is refused before anything changes.
        QJsonObject broken = body;
        broken.insert("recovery", QJsonObject{{"kdf", "argon2id13"}});
        API_CHECK(
            expectProblem(sendJson(*makeClient(m_server, m_s.alice), "PUT", encryptionPath() + "/customer-key", broken),
                          422, "recovery"));
        QCOMPARE(encryption().value("holder").toString(), QStringLiteral("agent"));
    }

    void customerHeldVaultHoldsNoSecretAndNoPlaintext()
    {
        const QString phrase = newRecoveryPhrase();
        const VaultKeyPair pair = VaultKeyPair::generate();
        QString error;
        const QJsonObject backup = wrapForRecovery(pair.secretKey, phrase, &error);
        const QByteArray oldKeyId = QByteArray::fromHex(encryption().value("key_id").toString().toLatin1());
        auto alice = makeClient(m_server, m_s.alice);
        const ApiResult set =
            sendJson(*alice, "PUT", encryptionPath() + "/customer-key",
                     QJsonObject{{"public_key", QString::fromLatin1(pair.publicKey.toBase64())}, {"recovery", backup}});
        API_CHECK(expectJson(set, 200));
        QCOMPARE(set.json.object().value("holder").toString(), QStringLiteral("customer"));
        // The custodian re-wraps every file, then destroys the agent's secret.
        QTRY_VERIFY_WITH_TIMEOUT(!encryption().value("rewrap").toObject().value("in_progress").toBool(), 30000);
        QVERIFY(agentSecret(m_server, oldKeyId).isEmpty());
        QCOMPARE(sendJson(*makeClient(m_server, m_s.admin), "PUT", encryptionPath(), QJsonObject{{"mode", "agent"}})
                     .httpStatus,
                 409);

        QVERIFY(!m_served.isEmpty());
        for (auto it = m_served.cbegin(); it != m_served.cend(); ++it) {
            const CatalogueCall c = *m_server.catalogueCall(it.key());
            const QString path = m_server.absolutePath(c.file);
            SealedHeader h;
            QVERIFY(readHeader(path, &h, &error));
            QCOMPARE(h.keyId, keyIdOf(pair.publicKey));
            // The audio was not re-encrypted: the customer's key opens exactly what was served before.
            QCOMPARE(decryptWith(path, pair.publicKey, pair.secretKey, &error), it.value());
            const ApiResult sealed = audio(m_server, m_s.alice, c.id);
            API_CHECK(expectStatus(sealed, 200));
            QCOMPARE(sealed.contentType, QByteArray("application/vnd.vipvault.sealed-recording"));
            QCOMPARE(sealed.data, readWholeFile(path));
            QUrlQuery wav;
            wav.addQueryItem("format", "wav");
            API_CHECK(expectProblem(audio(m_server, m_s.alice, c.id, {}, wav), 409));
            const ApiResult v = get(*alice, QStringLiteral("/api/v1/recordings/%1/verification").arg(c.id));
            QCOMPARE(v.json.object().value("status").toString(),
                     QStringLiteral("verified")); // re-wrapping kept the evidence
        }
        // The backup the customer fetches on another computer opens with the phrase, and only with it.
        const ApiResult rec = get(*alice, encryptionPath() + "/recovery");
        API_CHECK(expectJson(rec, 200));
        QCOMPARE(unwrapRecovery(rec.json.object().value("recovery").toObject(), phrase, &error), pair.secretKey);
        // Nothing in the data folder holds the secret key, and no recording of acme holds a plaintext Ogg page.
        const QList<QByteArray> secretForms{pair.secretKey, pair.secretKey.toBase64(), pair.secretKey.toHex()};
        QDirIterator files(m_server.dataDir(), QDir::Files, QDirIterator::Subdirectories);
        int searched = 0;
        while (files.hasNext()) {
            const QString f = files.next();
            const QByteArray bytes = readWholeFile(f);
            ++searched;
            for (const QByteArray &s : secretForms)
                QVERIFY2(!bytes.contains(s), qPrintable(f));
            if (f.contains("/vaults/acme/"))
                QVERIFY2(!bytes.contains("OggS"), qPrintable(f));
        }
        QVERIFY(searched > 5);
        for (const QByteArray &s : secretForms)
            QVERIFY(!rec.data.contains(s) && !set.data.contains(s));
    }
};

QTEST_GUILESS_MAIN(TestApiEncryption)
#include "tst_apiencryption.moc"
