// The sealed recording format (vaultcrypto/): round trips at every size around chunk edges, random-access reads,
// and every kind of tampering or wrong key failing authentication instead of returning bytes.
#include "vaultcrypto/recoveryphrase.h"
#include "vaultcrypto/sealedreader.h"
#include "vaultcrypto/sealedwriter.h"
#include "vaultcrypto/vaultkeys.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <fcntl.h>
#include <unistd.h>

using namespace vv::crypto;

namespace {

constexpr std::int64_t kChunk = 1024; // small chunks, so a few kB cross many slot edges

QByteArray pattern(std::int64_t n)
{
    QByteArray b(static_cast<qsizetype>(n), Qt::Uninitialized);
    for (std::int64_t i = 0; i < n; ++i)
        b[static_cast<qsizetype>(i)] = static_cast<char>((i * 131 + i / 7) & 0xff);
    return b;
}

// Writes `plain` in `pieces` appends, flushing after each, then finishes (unless `finish` is false).
QString writeSealed(const QString &dir, const QByteArray &plain, const VaultKeyPair &keys, int pieces, bool finish,
                    QByteArray *fileKey = nullptr)
{
    static int n = 0;
    const QString path = QStringLiteral("%1/f%2.ogg").arg(dir).arg(++n);
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    SealedWriter w;
    QString error;
    if (!w.start(fd, keys.publicKey, keyIdOf(keys.publicKey), &error, kChunk))
        qFatal("start: %s", qPrintable(error));
    const qsizetype step = pieces > 0 ? std::max<qsizetype>(1, plain.size() / pieces) : plain.size();
    for (qsizetype at = 0; at < plain.size(); at += step) {
        const QByteArray part = plain.mid(at, step);
        w.append(reinterpret_cast<const unsigned char *>(part.constData()), part.size());
        if (!w.flush(at, &error))
            qFatal("flush: %s", qPrintable(error));
    }
    if (finish && !w.finish(plain.size(), &error))
        qFatal("finish: %s", qPrintable(error));
    if (fileKey)
        *fileKey = w.fileKey();
    ::close(fd);
    return path;
}

QByteArray openKey(const QString &path, const VaultKeyPair &keys)
{
    SealedHeader h;
    QString error;
    if (!readHeader(path, &h, &error))
        return {};
    return unsealFileKey(h.sealedKey, keys.publicKey, keys.secretKey);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

// Opens `r` over the sealed bytes `file` (which must outlive it) with the file key `key`.
bool openOver(SealedReader &r, const QByteArray &file, const QByteArray &key)
{
    QString error;
    if (!r.open(
            file.left(kHeaderSize), file.size(),
            [&file](std::int64_t at, char *dst, std::int64_t n) {
                memcpy(dst, file.constData() + at, static_cast<size_t>(n));
                return n;
            },
            &error)) {
        qWarning("open: %s", qPrintable(error));
        return false;
    }
    r.setFileKey(key);
    return true;
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(bytes);
}

} // namespace

class TestSealedFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("pieces");
        QTest::newRow("empty") << 0 << 1;
        QTest::newRow("one byte") << 1 << 1;
        QTest::newRow("one chunk less one") << int(kChunk - 1) << 3;
        QTest::newRow("exactly one chunk") << int(kChunk) << 1;
        QTest::newRow("one chunk and one byte") << int(kChunk + 1) << 2;
        QTest::newRow("many flushes across edges") << int(kChunk * 5 + 17) << 40;
        QTest::newRow("exactly four chunks, flushed often") << int(kChunk * 4) << 64;
    }
    void roundTrip()
    {
        QFETCH(int, size);
        QFETCH(int, pieces);
        QTemporaryDir dir;
        const VaultKeyPair keys = VaultKeyPair::generate();
        const QByteArray plain = pattern(size);
        const QString path = writeSealed(dir.path(), plain, keys, pieces, true);
        QVERIFY(isSealedFile(path));
        const QByteArray file = readAll(path);
        QVERIFY2(!file.contains(plain.left(64)) || plain.size() < 8, "plaintext must not appear in the file");
        QByteArray back;
        QString error;
        QVERIFY2(SealedReader::decryptFile(path, openKey(path, keys), &back, &error), qPrintable(error));
        QCOMPARE(back, plain);
        SealedReader r;
        QVERIFY(openOver(r, file, openKey(path, keys)));
        QVERIFY(r.isComplete());
        QCOMPARE(lastSlotMediaMs(path), std::int64_t(size));
    }

    void randomAccessReadsTheSameBytes()
    {
        QTemporaryDir dir;
        const VaultKeyPair keys = VaultKeyPair::generate();
        const QByteArray plain = pattern(kChunk * 7 + 333);
        const QString path = writeSealed(dir.path(), plain, keys, 13, true);
        const QByteArray file = readAll(path);
        SealedReader r;
        QVERIFY(openOver(r, file, openKey(path, keys)));
        QCOMPARE(r.plainSize(), std::int64_t(plain.size()));
        for (const auto &[at, len] : std::vector<std::pair<int, int>>{
                 {0, 10}, {int(kChunk) - 3, 7}, {int(kChunk) * 3, int(kChunk) * 2 + 5}, {plain.size() - 5, 50}}) {
            QByteArray got(len, '\0');
            const std::int64_t n = r.read(at, got.data(), len);
            QCOMPARE(n, std::int64_t(std::min<int>(len, plain.size() - at)));
            QCOMPARE(got.left(static_cast<qsizetype>(n)), plain.mid(at, static_cast<qsizetype>(n)));
        }
    }

    void interruptedFileReadsUpToItsLastFlush()
    {
        QTemporaryDir dir;
        const VaultKeyPair keys = VaultKeyPair::generate();
        const QByteArray plain = pattern(kChunk * 2 + 100);
        const QString path = writeSealed(dir.path(), plain, keys, 9, false); // killed before finish
        const QByteArray file = readAll(path);
        SealedReader r;
        QVERIFY(openOver(r, file, openKey(path, keys)));
        QCOMPARE(r.plainSize(), std::int64_t(plain.size())); // every flush reached the disk
        QVERIFY(!r.isComplete());
        QByteArray back(plain.size(), '\0');
        QCOMPARE(r.read(0, back.data(), back.size()), std::int64_t(plain.size()));
        QCOMPARE(back, plain);
    }

    void tamperingFails_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("flipped ciphertext byte") << QStringLiteral("flip-body");
        QTest::newRow("flipped tag byte") << QStringLiteral("flip-tag");
        QTest::newRow("changed slot length") << QStringLiteral("length");
        QTest::newRow("changed media time") << QStringLiteral("media");
        QTest::newRow("final flag moved") << QStringLiteral("flags");
        QTest::newRow("two slots swapped") << QStringLiteral("swap");
        QTest::newRow("last slot cut off") << QStringLiteral("cut");
        QTest::newRow("slot from another file") << QStringLiteral("foreign");
        QTest::newRow("wrong vault key") << QStringLiteral("wrong-key");
        QTest::newRow("shredded key") << QStringLiteral("shred");
    }
    void tamperingFails()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const VaultKeyPair keys = VaultKeyPair::generate();
        const QByteArray plain = pattern(kChunk * 3 + 50);
        const QString path = writeSealed(dir.path(), plain, keys, 4, true);
        const QByteArray fileKey = openKey(path, keys);
        QVERIFY(!fileKey.isEmpty());
        QByteArray file = readAll(path);
        const std::int64_t slot = kSlotHeader + kChunk + kTag;
        VaultKeyPair opener = keys;
        QByteArray key = fileKey;
        if (kind == u"flip-body") {
            file[qsizetype(kHeaderSize + slot + kSlotHeader + 10)] ^= 1;
        } else if (kind == u"flip-tag") {
            file[qsizetype(kHeaderSize + slot - 1)] ^= char(0x80);
        } else if (kind == u"length" || kind == u"media" || kind == u"flags") {
            const int at = kind == u"length" ? 24 : kind == u"flags" ? 28 : 32;
            file[qsizetype(kHeaderSize + slot + at)] ^= 1;
        } else if (kind == u"swap") {
            const QByteArray a = file.mid(kHeaderSize, slot);
            const QByteArray b = file.mid(kHeaderSize + slot, slot);
            file.replace(kHeaderSize, slot, b);
            file.replace(kHeaderSize + slot, slot, a);
        } else if (kind == u"cut") {
            file.chop(file.size() - (kHeaderSize + 3 * slot)); // three full slots left, the last one unmarked
        } else if (kind == u"foreign") {
            QByteArray otherKey;
            const QString other = writeSealed(dir.path(), pattern(kChunk * 3 + 50), keys, 4, true, &otherKey);
            key = otherKey; // even with the other file's own key, its slot belongs to another file id
            file.replace(kHeaderSize + slot, slot, readAll(other).mid(kHeaderSize + slot, slot));
        } else if (kind == u"wrong-key") {
            opener = VaultKeyPair::generate();
        } else if (kind == u"shred") {
            QString error;
            QVERIFY2(shredFileKey(path, &error), qPrintable(error));
            file = readAll(path);
            SealedHeader h;
            QVERIFY(readHeader(path, &h, &error));
            QVERIFY(h.isShredded());
        }
        writeAll(path, file);
        if (kind == u"wrong-key" || kind == u"shred") {
            QVERIFY(openKey(path, opener).isEmpty()); // the file key cannot be unsealed at all
            return;
        }
        QByteArray back;
        QString error;
        const bool ok = SealedReader::decryptFile(path, key, &back, &error);
        if (kind == u"cut") {
            // Cut on a slot boundary the file still authenticates, but says it was not finished.
            QVERIFY(ok);
            SealedReader r;
            QVERIFY(openOver(r, file, key));
            QVERIFY(!r.isComplete());
            return;
        }
        QVERIFY2(!ok, qPrintable(kind));
        QVERIFY2(error.contains(QLatin1String("authentication")) || error.contains(QLatin1String("length")) ||
                     error.contains(QLatin1String("marked last")),
                 qPrintable(error));
    }

    void rewrapKeepsTheAudio()
    {
        QTemporaryDir dir;
        const VaultKeyPair agent = VaultKeyPair::generate();
        const VaultKeyPair customer = VaultKeyPair::generate();
        const QByteArray plain = pattern(5000);
        const QString path = writeSealed(dir.path(), plain, agent, 3, true);
        const QByteArray before = readAll(path).mid(kHeaderSize);
        const QByteArray fileKey = openKey(path, agent);
        QString error;
        QVERIFY(replaceSealedKey(path, keyIdOf(customer.publicKey), sealFileKey(fileKey, customer.publicKey), &error));
        QCOMPARE(readAll(path).mid(kHeaderSize), before); // not re-encrypted
        QVERIFY(openKey(path, agent).isEmpty());
        QByteArray back;
        QVERIFY(SealedReader::decryptFile(path, openKey(path, customer), &back, &error));
        QCOMPARE(back, plain);
        SealedHeader h;
        QVERIFY(readHeader(path, &h, &error));
        QCOMPARE(h.keyId, keyIdOf(customer.publicKey));
    }

    void recoveryPhrase_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("opens");
        QTest::newRow("as shown") << QString() << true;
        QTest::newRow("lower case, spaces") << QStringLiteral("lower") << true;
        QTest::newRow("one character wrong") << QStringLiteral("wrong") << false;
    }
    void recoveryPhrase()
    {
        QFETCH(QString, typed);
        QFETCH(bool, opens);
        const QString phrase = newRecoveryPhrase();
        QCOMPARE(phrase.size(), 24 + 5);
        QVERIFY(isWellFormedRecoveryPhrase(phrase));
        const VaultKeyPair keys = VaultKeyPair::generate();
        QString error;
        const QJsonObject backup = wrapForRecovery(keys.secretKey, phrase, &error);
        QVERIFY2(!backup.isEmpty(), qPrintable(error));
        QVERIFY(!QJsonDocument(backup).toJson().contains(keys.secretKey.toBase64()));
        QString attempt = phrase;
        if (typed == u"lower")
            attempt = phrase.toLower().replace(QLatin1Char('-'), QLatin1Char(' '));
        else if (typed == u"wrong")
            attempt[0] = phrase[0] == u'A' ? u'B' : u'A';
        const QByteArray secret = unwrapRecovery(backup, attempt, &error);
        QCOMPARE(secret == keys.secretKey, opens);
        if (!opens)
            QVERIFY(error.contains(QLatin1String("does not open")));
        QCOMPARE(publicKeyOf(keys.secretKey), keys.publicKey);
    }

    void phraseCharactersPeopleConfuseReadAsDigits_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("normal");
        QTest::addColumn<bool>("wellFormed");
        QTest::newRow("O and I") << QStringLiteral("O0I1-l000-0000-0000-0000-0000")
                                 << QStringLiteral("001110000000000000000000") << true;
        QTest::newRow("too short") << QStringLiteral("ABCD-EFGH") << QStringLiteral("ABCDEFGH") << false;
        QTest::newRow("U is not in the alphabet")
            << QStringLiteral("UUUU-0000-0000-0000-0000-0000") << QStringLiteral("UUUU00000000000000000000") << false;
    }
    void phraseCharactersPeopleConfuseReadAsDigits()
    {
        QFETCH(QString, typed);
        QFETCH(QString, normal);
        QFETCH(bool, wellFormed);
        QCOMPARE(normaliseRecoveryPhrase(typed), normal);
        QCOMPARE(isWellFormedRecoveryPhrase(typed), wellFormed);
    }
};

QTEST_GUILESS_MAIN(TestSealedFormat)
#include "tst_sealedformat.moc"
