// Upgrading the agent must carry every older catalogue forward: vaults and recordings kept, the new structures
// filled from the old rows (schema 3's trigram index over numbers recorded before it existed), and a catalogue
// from a newer agent refused rather than misread. Each row builds a catalogue with the real migrations stopped at
// an older version, writes to it as that version's agent would, then opens it as this agent does.
#include "vault/catalogue.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vv::agent;

class TestCatalogueMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void olderCatalogueIsCarriedForward_data();
    void olderCatalogueIsCarriedForward();
    void newerCatalogueIsRefused();
};

namespace {

constexpr PacketTime kStart = 1'795'687'200'000'000; // 2026-11-26T10:00:00Z

CallRow recordedCall(qint64 vaultId, int n, const QString &caller, const QString &callee)
{
    CallRow row;
    row.vaultId = vaultId;
    row.sipCallId = QStringLiteral("upgrade-%1@pbx").arg(n);
    row.caller = caller;
    row.callee = callee;
    row.extension = caller.size() == 3 ? caller : callee;
    row.direction = caller.size() == 3 ? QStringLiteral("outbound") : QStringLiteral("inbound");
    row.recorded = true;
    row.reason = QStringLiteral("recorded");
    row.startedAt = kStart + n * 60'000'000LL;
    row.answeredAt = row.startedAt + 2'000'000;
    row.endedAt = row.answeredAt + 30'000'000;
    row.durationMs = 30'000;
    row.codec = QStringLiteral("PCMU");
    row.state = QStringLiteral("complete");
    row.file = QStringLiteral("vaults/acme/2026/11/26/upgrade-%1.opus").arg(n);
    row.bytes = 120'000 + n;
    return row;
}

// A row as an older agent wrote it: only the columns every schema has (newer ones come with their defaults).
qint64 insertAsOlderAgent(const QSqlDatabase &db, const CallRow &r, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO calls(vault_id, sip_call_id, caller, callee, extension, direction, recorded, "
                             "reason, started_at, answered_at, ended_at, duration_ms, codec, state, file, bytes) "
                             "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v :
         {QVariant(r.vaultId), QVariant(r.sipCallId), QVariant(r.caller), QVariant(r.callee), QVariant(r.extension),
          QVariant(r.direction), QVariant(r.recorded ? 1 : 0), QVariant(r.reason), QVariant(r.startedAt),
          QVariant(r.answeredAt), QVariant(r.endedAt), QVariant(r.durationMs), QVariant(r.codec), QVariant(r.state),
          QVariant(r.file), QVariant(r.bytes)})
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

// A vault as the first schema's agent wrote it (the columns every schema has).
qint64 insertVaultAsOlderAgent(const QSqlDatabase &db, PacketTime at, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO vaults(name, enabled, cap_bytes, extensions, excluded, created_at, "
                             "updated_at) VALUES('acme', 1, 5000000000, '200-299', '205', ?, ?)"));
    q.addBindValue(at);
    q.addBindValue(at);
    if (!q.exec()) {
        *error = q.lastError().text();
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

QList<qint64> numberSearch(const Catalogue &catalogue, const QString &digits)
{
    QSqlQuery q(catalogue.database());
    q.prepare(QStringLiteral("SELECT rowid FROM calls_numbers WHERE numbers MATCH ? ORDER BY rowid"));
    q.addBindValue(QStringLiteral("\"%1\"").arg(digits));
    QList<qint64> ids;
    if (q.exec()) {
        while (q.next())
            ids << q.value(0).toLongLong();
    }
    return ids;
}

} // namespace

void TestCatalogueMigration::olderCatalogueIsCarriedForward_data()
{
    QTest::addColumn<int>("olderVersion");
    for (int v = 1; v < Catalogue::kSchemaVersion; ++v)
        QTest::addRow("from schema %d", v) << v;
}

void TestCatalogueMigration::olderCatalogueIsCarriedForward()
{
    QFETCH(int, olderVersion);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("catalogue.sqlite");
    QString error;
    QList<qint64> ids;
    qint64 vaultId = 0;
    {
        Catalogue older(QStringLiteral("older"));
        QVERIFY2(older.open(path, &error, olderVersion), qPrintable(error));
        QCOMPARE(older.schemaVersion(), olderVersion);
        vaultId = insertVaultAsOlderAgent(older.database(), kStart, &error);
        QVERIFY2(vaultId > 0, qPrintable(error));
        const CallRow rows[] = {recordedCall(vaultId, 1, "07700900123", "201"),
                                recordedCall(vaultId, 2, "202", "+442079460000"),
                                recordedCall(vaultId, 3, "07700900999", "203")};
        for (const CallRow &row : rows) {
            const qint64 id = insertAsOlderAgent(older.database(), row, &error);
            QVERIFY2(id > 0, qPrintable(error));
            ids << id;
        }
        // Schemas before 4 allowed a NULL extension; sorted listings need a key.
        if (olderVersion < 4) {
            QSqlQuery q(older.database());
            QVERIFY(q.exec(QStringLiteral("UPDATE calls SET extension = NULL WHERE id = %1").arg(ids[2])));
        }
    }

    Catalogue upgraded(QStringLiteral("upgraded"));
    QVERIFY2(upgraded.open(path, &error), qPrintable(error));
    QCOMPARE(upgraded.schemaVersion(), Catalogue::kSchemaVersion);
    const std::optional<VaultRecord> vault = upgraded.vaultByName(QStringLiteral("acme"));
    QVERIFY(vault);
    QCOMPARE(vault->id, vaultId);
    QCOMPARE(vault->capBytes, std::optional<qint64>(5'000'000'000));
    QCOMPARE(vault->excluded, QStringList{QStringLiteral("205")});
    const std::optional<CallRow> second = upgraded.call(ids[1]);
    QVERIFY(second);
    QCOMPARE(second->callee, QStringLiteral("+442079460000"));
    QCOMPARE(second->file, QStringLiteral("vaults/acme/2026/11/26/upgrade-2.opus"));
    QCOMPARE(second->bytes, qint64(120'002));
    QCOMPARE(second->state, QStringLiteral("complete"));
    // Schema 5's columns arrive empty: nothing dialled, no related call.
    QCOMPARE(second->dialled, QString());
    QCOMPARE(second->relatedId, qint64(0));
    // Schema 7: no numbering plan yet (national prefix 0), and no call normalised yet (the store does that).
    QCOMPARE(vault->countryCode, QString());
    QCOMPARE(vault->nationalPrefix, QStringLiteral("0"));
    QCOMPARE(upgraded.unnormalisedNumbers(vaultId, 100).size(), std::size_t(3));

    // Recordings made before the trigram index are found by number after the upgrade...
    QCOMPARE(numberSearch(upgraded, QStringLiteral("0900")), (QList<qint64>{ids[0], ids[2]}));
    QCOMPARE(numberSearch(upgraded, QStringLiteral("2079460")), QList<qint64>{ids[1]});
    // ...and so are the ones recorded after it.
    const qint64 fresh = upgraded.insertCall(recordedCall(vaultId, 4, "01632960555", "204"), &error);
    QVERIFY2(fresh > 0, qPrintable(error));
    QCOMPARE(numberSearch(upgraded, QStringLiteral("1632960")), QList<qint64>{fresh});

    // Schema 4: no NULL extension left, and the duration order's index exists.
    QSqlQuery nulls(upgraded.database());
    QVERIFY(nulls.exec(QStringLiteral("SELECT COUNT(*) FROM calls WHERE extension IS NULL")) && nulls.next());
    QCOMPARE(nulls.value(0).toInt(), 0);
    QSqlQuery indexes(upgraded.database());
    QVERIFY(indexes.exec(QStringLiteral(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'calls_vault_duration'")) &&
            indexes.next());
    QCOMPARE(indexes.value(0).toInt(), 1);

    // Opening again is a no-op: the migrations ran exactly once.
    Catalogue again(QStringLiteral("again"));
    QVERIFY2(again.open(path, &error), qPrintable(error));
    QCOMPARE(numberSearch(again, QStringLiteral("0900")).size(), 2);
}

void TestCatalogueMigration::newerCatalogueIsRefused()
{
    // Downgrading the package must not let an older agent write into a catalogue it does not understand.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("catalogue.sqlite");
    QString error;
    {
        Catalogue current(QStringLiteral("current"));
        QVERIFY2(current.open(path, &error), qPrintable(error));
        QSqlQuery q(current.database());
        QVERIFY2(q.exec(QStringLiteral("UPDATE schema_version SET version = %1").arg(Catalogue::kSchemaVersion + 1)),
                 qPrintable(q.lastError().text()));
    }
    Catalogue older(QStringLiteral("older"));
    QVERIFY(!older.open(path, &error));
    QVERIFY2(error.contains(QStringLiteral("newer than this agent understands")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestCatalogueMigration)
#include "tst_cataloguemigration.moc"
