// The cap invariant, eviction order, dry runs, protection, retention and
// start-up repair, on a real SQLite catalogue and real files in a temp folder.
// The test plays the recorder's part: reserve, then append the bytes.
#include "audio/oggopuswriter.h"
#include "vault/reconcile.h"
#include "vault/recordingquery.h"
#include "vault/rowstamp.h"
#include "vault/vaultstore.h"

#include <QDateTime>
#include <QDirIterator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace vv::agent;

class TestVaultStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void capHoldsWithConcurrentRecordings();
    void dryRunMatchesLoweredCap();
    void dryRunCoversRetentionAndCap();
    void protectAndDeleteAreSerialised();
    void lowerCapWhileRecording();
    void callLongerThanCap();
    void protectedRecordingsSurvive();
    void retentionDeletesOldRecordings();
    void growIndefinitely();
    void startupFinalisesInterruptedRecording();
    void startupRebuildsRowFromFileStamp_data();
    void startupRebuildsRowFromFileStamp();
    void storedNumbersAreNormalised();
    void rowStampParsing_data();
    void rowStampParsing();

private:
    struct Rec
    {
        qint64 id = 0;
        QString path;
        CallRow row;
        qint64 written = 0;
        bool stopped = false;
    };
    void openStore(const QString &vaultExtras);
    Rec begin(PacketTime startedAt);
    bool write(Rec &r, qint64 bytes); // false when the store refused the space
    void finish(Rec &r);
    qint64 diskBytes() const;
    void verifyCap(qint64 cap);
    QStringList states();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Catalogue> m_catalogue;
    std::unique_ptr<VaultStore> m_store;
    qint64 m_vaultId = 0;
    int m_connection = 0;
};

static PacketTime t0()
{
    return QDateTime(QDate(2026, 11, 26), QTime(10, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
}

void TestVaultStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestVaultStore::cleanup()
{
    m_store.reset();
    m_catalogue.reset();
    m_dir.reset();
}

void TestVaultStore::openStore(const QString &vaultExtras)
{
    m_store.reset();
    m_catalogue.reset();
    AgentConfig cfg;
    QString error;
    QVERIFY2(AgentConfig::parse(QStringLiteral("[agent]\nreserve_free = 1KB\n[vault acme]\nextensions = 200-299\n") +
                                    vaultExtras,
                                QStringLiteral("t"), &cfg, &error),
             qPrintable(error));
    cfg.dataDir = m_dir->path();
    m_catalogue = std::make_unique<Catalogue>(QStringLiteral("c%1").arg(++m_connection));
    QVERIFY2(m_catalogue->open(m_dir->filePath(QStringLiteral("catalogue.sqlite")), &error), qPrintable(error));
    m_store = std::make_unique<VaultStore>(m_catalogue.get(), m_dir->path(), cfg.reserveFreeBytes);
    QVERIFY2(m_store->open(cfg, t0(), &error), qPrintable(error));
    m_vaultId = m_store->vault(QStringLiteral("acme"))->id;
}

TestVaultStore::Rec TestVaultStore::begin(PacketTime startedAt)
{
    Rec r;
    r.row.vaultId = m_vaultId;
    r.row.sipCallId = QStringLiteral("call-%1").arg(startedAt);
    r.row.caller = QStringLiteral("201");
    r.row.callee = QStringLiteral("07700900123");
    r.row.extension = QStringLiteral("201");
    r.row.direction = QStringLiteral("outbound");
    r.row.reason = QStringLiteral("recorded");
    r.row.startedAt = r.row.answeredAt = startedAt;
    QString refusal;
    r.id = m_store->beginRecording(r.row, &r.path, &refusal);
    r.row.id = r.id;
    if (r.id) {
        r.row.file = r.path.mid(m_dir->path().size() + 1);
        QDir().mkpath(QFileInfo(r.path).absolutePath());
        QFile f(r.path + QStringLiteral(".part"));
        f.open(QIODevice::WriteOnly);
    } else {
        r.row.reason = refusal;
    }
    return r;
}

bool TestVaultStore::write(Rec &r, qint64 bytes)
{
    if (r.stopped)
        return false;
    QString why;
    if (!m_store->reserve(r.id, bytes, &why)) {
        r.stopped = true;
        return false;
    }
    QFile f(r.path + QStringLiteral(".part"));
    f.open(QIODevice::Append);
    f.write(QByteArray(static_cast<int>(bytes), 'x'));
    r.written += bytes;
    return true;
}

void TestVaultStore::finish(Rec &r)
{
    QVERIFY(QFile::rename(r.path + QStringLiteral(".part"), r.path));
    r.row.durationMs = 1000;
    r.row.endedAt = r.row.startedAt + 1'000'000;
    m_store->finishRecording(r.row, QFileInfo(r.path).size());
}

qint64 TestVaultStore::diskBytes() const
{
    qint64 sum = 0;
    QDirIterator it(m_dir->filePath(QStringLiteral("vaults")), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        sum += QFileInfo(it.next()).size();
    return sum;
}

void TestVaultStore::verifyCap(qint64 cap)
{
    QVERIFY2(diskBytes() <= cap, qPrintable(QStringLiteral("disk %1 > cap %2").arg(diskBytes()).arg(cap)));
}

QStringList TestVaultStore::states()
{
    QStringList out;
    QSqlQuery q(m_catalogue->database());
    q.exec(QStringLiteral("SELECT state FROM calls ORDER BY started_at, id"));
    while (q.next())
        out << q.value(0).toString();
    return out;
}

void TestVaultStore::capHoldsWithConcurrentRecordings()
{
    const qint64 cap = 100'000;
    openStore(QStringLiteral("cap = 100KB\n"));
    std::vector<Rec> active;
    int started = 0;
    // 40 recordings of 20 KB, five in progress at any time, written page by page.
    for (int step = 0; started < 40 || !active.empty(); ++step) {
        while (active.size() < 5 && started < 40)
            active.push_back(begin(t0() + PacketTime(started++) * 1'000'000));
        for (Rec &r : active) {
            QVERIFY2(r.id, qPrintable(r.row.reason));
            write(r, 2000);
            verifyCap(cap);
        }
        for (auto it = active.begin(); it != active.end();) {
            if (it->written >= 20'000 || it->stopped) {
                finish(*it);
                it = active.erase(it);
            } else {
                ++it;
            }
        }
    }
    verifyCap(cap);
    // Oldest first, whole recordings: every overwritten one started before every kept one.
    const QStringList s = states();
    const int firstKept = s.indexOf(QStringLiteral("complete"));
    QVERIFY(firstKept > 0);
    for (int i = 0; i < s.size(); ++i)
        QCOMPARE(s[i], i < firstKept ? QStringLiteral("overwritten") : QStringLiteral("complete"));
    QCOMPARE(m_catalogue->usageTotals(m_vaultId).storedBytes, diskBytes());
    QSqlQuery q(m_catalogue->database());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM calls WHERE state='overwritten' AND removed_at > 0 AND "
                          "removed_reason LIKE 'vault cap%'"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), firstKept);
}

void TestVaultStore::dryRunMatchesLoweredCap()
{
    openStore(QStringLiteral("cap = unlimited\n"));
    for (int i = 0; i < 10; ++i) {
        Rec r = begin(t0() + PacketTime(i) * 1'000'000);
        QVERIFY(write(r, 10'000));
        finish(r);
    }
    QCOMPARE(diskBytes(), qint64(100'000));
    VaultRecord v = *m_store->vault(QStringLiteral("acme"));
    v.capBytes = 55'000;
    const PacketTime now = t0() + 20'000'000;
    const SettingsPlan plan = m_store->planSettings(v, now);
    QCOMPARE(plan.evictedRecordings, qint64(5));
    QCOMPARE(plan.evictedBytes, qint64(50'000));
    QCOMPARE(plan.expiredRecordings, qint64(0));
    QVERIFY(plan.reachable);
    QVERIFY(!plan.token.isEmpty());
    QCOMPARE(diskBytes(), qint64(100'000)); // a dry run changes nothing
    // A person's change needs the plan; a made-up or missing one removes nothing.
    SettingsPlan seen;
    QString error;
    QCOMPARE(m_store->changeVault(v, now, QString(), &seen, &error), StoreResult::PlanRequired);
    QCOMPARE(m_store->changeVault(v, now, QStringLiteral("0123456789abcdef0123456789abcdef"), &seen, &error),
             StoreResult::PlanStale);
    QCOMPARE(diskBytes(), qint64(100'000));
    // The plan of another cap does not confirm this one.
    VaultRecord other = v;
    other.capBytes = 85'000;
    QCOMPARE(m_store->changeVault(v, now, m_store->planSettings(other, now).token, &seen, &error),
             StoreResult::PlanStale);
    QCOMPARE(m_store->changeVault(v, now, plan.token, &seen, &error), StoreResult::Done);
    QCOMPARE(diskBytes(), qint64(50'000));
    QCOMPARE(states().mid(0, 5), QStringList(5, QStringLiteral("overwritten")));
    QCOMPARE(states().mid(5), QStringList(5, QStringLiteral("complete")));
}

// The dry run of a retention limit (issue 14: it said 0 would go, then the change removed 40) and of retention
// with a cap together: what it reports is exactly what the change removes; a change that removes nothing needs
// no plan.
void TestVaultStore::dryRunCoversRetentionAndCap()
{
    openStore(QStringLiteral("cap = unlimited\n"));
    const PacketTime jan = QDateTime(QDate(2026, 1, 10), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
    const PacketTime day = 86'400'000'000LL;
    for (int i = 0; i < 10; ++i) { // Jan 10 .. Jan 19, then June 1 .. June 10
        Rec r = begin(i < 5 ? jan + i * day : jan + (142 + i) * day);
        QVERIFY(write(r, 10'000));
        finish(r);
    }
    const PacketTime now = QDateTime(QDate(2026, 6, 20), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
    VaultRecord v = *m_store->vault(QStringLiteral("acme"));
    QString error;
    SettingsPlan seen;
    v.retentionMonths = 24; // removes nothing: saved without a plan
    QCOMPARE(m_store->changeVault(v, now, QString(), &seen, &error), StoreResult::Done);
    QVERIFY(!seen.removesAnything());
    v.retentionMonths = 3;
    v.capBytes = 35'000;
    const SettingsPlan plan = m_store->planSettings(v, now);
    QCOMPARE(plan.expiredRecordings, qint64(5));
    QCOMPARE(plan.expiredBytes, qint64(50'000));
    QCOMPARE(plan.evictedRecordings, qint64(2)); // 50,000 left after retention, 35,000 allowed
    QCOMPARE(plan.evictedBytes, qint64(20'000));
    QCOMPARE(m_store->changeVault(v, now, QString(), &seen, &error), StoreResult::PlanRequired);
    QCOMPARE(m_store->changeVault(v, now, plan.token, &seen, &error), StoreResult::Done);
    QCOMPARE(states(), (QStringList(5, QStringLiteral("deleted")) + QStringList(2, QStringLiteral("overwritten")) +
                        QStringList(3, QStringLiteral("complete"))));
}

void TestVaultStore::lowerCapWhileRecording()
{
    openStore(QStringLiteral("cap = 1MB\n"));
    for (int i = 0; i < 4; ++i) {
        Rec r = begin(t0() + PacketTime(i) * 1'000'000);
        QVERIFY(write(r, 20'000));
        finish(r);
    }
    Rec live = begin(t0() + 10'000'000);
    QVERIFY(write(live, 10'000));
    VaultRecord v = *m_store->vault(QStringLiteral("acme"));
    v.capBytes = 60'000;
    QString error;
    QVERIFY(m_store->updateVault(v, t0() + 11'000'000, &error));
    verifyCap(60'000);
    // The call in progress keeps recording into the space left, then stops cleanly.
    while (write(live, 2000))
        verifyCap(60'000);
    QVERIFY(live.written > 10'000);
    finish(live);
    verifyCap(60'000);
}

void TestVaultStore::callLongerThanCap()
{
    openStore(QStringLiteral("cap = 50KB\n"));
    Rec old = begin(t0());
    QVERIFY(write(old, 20'000));
    finish(old);
    Rec longCall = begin(t0() + 5'000'000);
    while (write(longCall, 2000))
        verifyCap(50'000);
    finish(longCall);
    verifyCap(50'000);
    // Everything else made way; the long call keeps its first 50 KB.
    QCOMPARE(states(), (QStringList{QStringLiteral("overwritten"), QStringLiteral("complete")}));
    QVERIFY(longCall.written > 40'000);
}

void TestVaultStore::protectedRecordingsSurvive()
{
    openStore(QStringLiteral("cap = 60KB\n"));
    std::vector<Rec> recs;
    for (int i = 0; i < 3; ++i) {
        recs.push_back(begin(t0() + PacketTime(i) * 1'000'000));
        QVERIFY(write(recs.back(), 15'000));
        finish(recs.back());
    }
    QString error;
    QCOMPARE(m_store->setProtected(recs[0].id, true, &error), StoreResult::Done);
    for (int i = 3; i < 8; ++i) {
        Rec r = begin(t0() + PacketTime(i) * 1'000'000);
        QVERIFY(write(r, 15'000));
        finish(r);
        verifyCap(60'000);
    }
    QVERIFY(QFile::exists(recs[0].path)); // protected: never evicted though oldest
    QVERIFY(!QFile::exists(recs[1].path));
    // Protected recordings alone filling the cap: new calls are refused, not squeezed.
    QSqlQuery q(m_catalogue->database());
    QVERIFY(q.exec(QStringLiteral("UPDATE calls SET protected=1 WHERE state='complete'")));
    Rec refused = begin(t0() + 100'000'000);
    QCOMPARE(refused.id, qint64(0));
    QVERIFY2(refused.row.reason.startsWith(QStringLiteral("vault full")), qPrintable(refused.row.reason));
    verifyCap(60'000);
}

// A protected recording cannot be deleted, and a deleted one cannot be protected: the store checks inside the
// operation (on the recorder's thread), not the caller beforehand.
void TestVaultStore::protectAndDeleteAreSerialised()
{
    openStore(QStringLiteral("cap = unlimited\n"));
    Rec a = begin(t0());
    QVERIFY(write(a, 1000));
    finish(a);
    Rec b = begin(t0() + 1'000'000);
    QVERIFY(write(b, 1000));
    finish(b);
    QString error;
    QCOMPARE(m_store->setProtected(a.id, true, &error), StoreResult::Done);
    QCOMPARE(m_store->deleteRecording(a.id, QStringLiteral("test"), t0() + 5'000'000, &error), StoreResult::Protected);
    QVERIFY(QFile::exists(a.path));
    QCOMPARE(m_store->deleteRecording(b.id, QStringLiteral("test"), t0() + 5'000'000, &error), StoreResult::Done);
    QCOMPARE(m_store->setProtected(b.id, true, &error), StoreResult::NoAudio);
    QCOMPARE(m_store->deleteRecording(b.id, QStringLiteral("again"), t0() + 6'000'000, &error), StoreResult::NoAudio);
    QCOMPARE(m_store->setProtected(999999, true, &error), StoreResult::NotFound);
}

void TestVaultStore::retentionDeletesOldRecordings()
{
    openStore(QStringLiteral("retention_months = 3\n"));
    const PacketTime jan = QDateTime(QDate(2026, 1, 10), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
    const PacketTime may = QDateTime(QDate(2026, 5, 10), QTime(9, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
    Rec a = begin(jan);
    QVERIFY(write(a, 1000));
    finish(a);
    Rec b = begin(may);
    QVERIFY(write(b, 1000));
    finish(b);
    m_store->applyRetention(QDateTime(QDate(2026, 5, 20), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1000);
    QCOMPARE(states(), (QStringList{QStringLiteral("deleted"), QStringLiteral("complete")}));
    QVERIFY(!QFile::exists(a.path));
    QVERIFY(QFile::exists(b.path));
    QCOMPARE(m_catalogue->call(a.id)->removedReason, QStringLiteral("retention: older than 3 months"));
}

void TestVaultStore::growIndefinitely()
{
    openStore(QStringLiteral("cap = unlimited\n"));
    for (int i = 0; i < 20; ++i) {
        Rec r = begin(t0() + PacketTime(i) * 1'000'000);
        QVERIFY(write(r, 50'000));
        finish(r);
    }
    QCOMPARE(diskBytes(), qint64(1'000'000));
    QCOMPARE(states(), QStringList(20, QStringLiteral("complete")));
    QCOMPARE(m_catalogue->usageTotals(m_vaultId).storedRecordings, qint64(20));
}

void TestVaultStore::startupFinalisesInterruptedRecording()
{
    openStore(QString());
    Rec r = begin(t0());
    QVERIFY(r.id);
    QFile::remove(r.path + QStringLiteral(".part"));
    {
        // A real recording of 3 s that never got its end (the agent was killed), plus a torn page.
        OggOpusWriter w;
        QString error;
        QVERIFY(w.open(r.path + QStringLiteral(".part"), OpusSettings(), {}, &error));
        std::vector<std::int16_t> frame(320, 1000);
        for (int i = 0; i < 150; ++i)
            QVERIFY(w.writeFrame(frame.data(), &error));
        w.closeAsIs();
        QFile f(r.path + QStringLiteral(".part"));
        f.open(QIODevice::Append);
        f.write("OggS\0\x02garbage", 14);
    }
    // Restart: the store reopens the catalogue and repairs.
    openStore(QString());
    const std::optional<CallRow> row = m_catalogue->call(r.id);
    QVERIFY(row);
    QCOMPARE(row->state, QStringLiteral("complete"));
    QVERIFY(QFile::exists(r.path));
    QVERIFY(!QFile::exists(r.path + QStringLiteral(".part")));
    // At most the last second is lost.
    QVERIFY2(row->durationMs >= 2000 && row->durationMs <= 3000, qPrintable(QString::number(row->durationMs)));
    QVERIFY(row->note.contains(QStringLiteral("finalised")));
    QCOMPARE(m_catalogue->usageTotals(m_vaultId).storedBytes, QFileInfo(r.path).size());
}

void TestVaultStore::startupRebuildsRowFromFileStamp_data()
{
    QTest::addColumn<bool>("stamped");
    QTest::addColumn<bool>("finished"); // the file has its end-of-stream page: the recording had ended
    QTest::addColumn<QString>("note");
    QTest::newRow("stamped, interrupted: finalised with its metadata")
        << true << false << QStringLiteral("finalised at start-up");
    QTest::newRow("stamped, finished: its row rebuilt")
        << true << true << QStringLiteral("adopted at start-up: the catalogue had lost this recording's row");
    QTest::newRow("no stamp: adopted by file name")
        << false << false << QStringLiteral("adopted at start-up: the catalogue had no row");
}

// The agent was killed after the recorder wrote audio but before the catalogue writer inserted the row.
void TestVaultStore::startupRebuildsRowFromFileStamp()
{
    QFETCH(bool, stamped);
    QFETCH(bool, finished);
    QFETCH(QString, note);
    openStore(QString());
    Rec r = begin(t0());
    QVERIFY(r.id);
    r.row.dialled = QStringLiteral("600");
    QFile::remove(r.path + QStringLiteral(".part"));
    {
        OggOpusWriter w;
        QString error;
        QStringList comments{QStringLiteral("VIPVAULT_CALL_ID=") + r.row.sipCallId};
        if (stamped)
            comments << QStringLiteral("VIPVAULT_ROW=") + QString::fromUtf8(rowStamp(r.row));
        QVERIFY(w.open(r.path + QStringLiteral(".part"), OpusSettings(), comments, &error));
        std::vector<std::int16_t> frame(320, 1000);
        for (int i = 0; i < 150; ++i)
            QVERIFY(w.writeFrame(frame.data(), &error));
        if (finished)
            QVERIFY2(w.finish(150 * 160, &error), qPrintable(error));
        else
            w.closeAsIs();
    }
    m_store->waitForWrites();
    {
        QSqlQuery q(m_catalogue->database());
        q.prepare(QStringLiteral("DELETE FROM calls WHERE id = ?"));
        q.addBindValue(r.id);
        QVERIFY(q.exec());
        QCOMPARE(q.numRowsAffected(), 1);
    }
    openStore(QString());
    const QString relative = r.row.file;
    std::optional<CallRow> row;
    for (qint64 id = 1; id <= m_catalogue->maxCallId() && !row; ++id) {
        std::optional<CallRow> c = m_catalogue->call(id);
        if (c && c->file == relative)
            row = c;
    }
    QVERIFY2(row, "no row names the file");
    QCOMPARE(row->state, QStringLiteral("complete"));
    QVERIFY2(row->note.startsWith(note), qPrintable(row->note));
    QCOMPARE(row->sipCallId, r.row.sipCallId);
    QVERIFY(QFile::exists(r.path));
    QVERIFY2(row->durationMs >= 2000 && row->durationMs <= 3000, qPrintable(QString::number(row->durationMs)));
    if (stamped) {
        QCOMPARE(row->id, r.id);
        QCOMPARE(row->direction, QStringLiteral("outbound"));
        QCOMPARE(row->caller, QStringLiteral("201"));
        QCOMPARE(row->callee, QStringLiteral("07700900123"));
        QCOMPARE(row->dialled, QStringLiteral("600"));
        QCOMPARE(row->answeredAt, t0());
        QCOMPARE(row->outcome, finished ? CallOutcome::Recorded : CallOutcome::Degraded);
    }
}

// Rows written before the vault had a numbering plan (or before schema 7) are normalised when the store opens,
// and a number typed in any form then finds them; a plan change normalises them again.
void TestVaultStore::storedNumbersAreNormalised()
{
    openStore(QString());
    Rec r = begin(t0()); // callee 07700900123
    QVERIFY(r.id);
    finish(r);
    m_store->waitForWrites();
    auto normOf = [this](qint64 id) {
        QSqlQuery q(m_catalogue->database());
        q.prepare(QStringLiteral("SELECT numbers_norm FROM calls WHERE id = ?"));
        q.addBindValue(id);
        return q.exec() && q.next() ? q.value(0) : QVariant(QStringLiteral("(no row)"));
    };
    QCOMPARE(normOf(r.id).toString(), QString()); // no plan: digits only, equal to the raw number
    auto found = [this](const QString &typed) {
        RecordingQuery query;
        query.vaultId = m_vaultId;
        query.number = typed;
        RecordingPage page;
        QString error;
        return queryRecordings(m_catalogue->database(), query, &page, &error) ? page.total : qint64(-1);
    };
    QCOMPARE(found(QStringLiteral("+44 7700 900123")), qint64(0));

    openStore(QStringLiteral("country_code = 44\n")); // the plan arrives: the vault's rows are normalised again
    QCOMPARE(normOf(r.id).toString(), QStringLiteral("+447700900123"));
    QCOMPARE(found(QStringLiteral("+44 7700 900123")), qint64(1));
    QCOMPARE(found(QStringLiteral("07700 900123")), qint64(1));
    QCOMPARE(found(QStringLiteral("7700 900123")), qint64(1));
    QCOMPARE(found(QStringLiteral("0044 7700 900123")), qint64(1));
    QCOMPARE(found(QStringLiteral("+44 7700 900124")), qint64(0));

    // A row left unnormalised (NULL, as schema 7's migration leaves old rows) is filled in at the next open.
    QSqlQuery q(m_catalogue->database());
    QVERIFY(q.exec(QStringLiteral("UPDATE calls SET numbers_norm = NULL")));
    openStore(QStringLiteral("country_code = 44\n"));
    QCOMPARE(normOf(r.id).toString(), QStringLiteral("+447700900123"));
}

void TestVaultStore::rowStampParsing_data()
{
    QTest::addColumn<QByteArray>("stamp");
    QTest::addColumn<bool>("valid");
    CallRow row;
    row.id = 7;
    row.vaultId = 2;
    row.sipCallId = QStringLiteral("a@b");
    row.startedAt = row.answeredAt = t0();
    QTest::newRow("written by the recorder") << rowStamp(row) << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("not JSON") << QByteArray("{\"id\":7,") << false;
    QTest::newRow("array") << QByteArray("[7]") << false;
    QTest::newRow("no id") << QByteArray("{\"vault_id\":2,\"sip_call_id\":\"a@b\"}") << false;
    QTest::newRow("negative id") << QByteArray("{\"id\":-1,\"vault_id\":2,\"sip_call_id\":\"a@b\"}") << false;
    QTest::newRow("no vault") << QByteArray("{\"id\":7,\"sip_call_id\":\"a@b\"}") << false;
    QTest::newRow("no call id") << QByteArray("{\"id\":7,\"vault_id\":2}") << false;
}

void TestVaultStore::rowStampParsing()
{
    QFETCH(QByteArray, stamp);
    QFETCH(bool, valid);
    const std::optional<CallRow> row = rowFromStamp(stamp);
    QCOMPARE(bool(row), valid);
    if (valid) {
        QCOMPARE(row->id, 7);
        QCOMPARE(row->vaultId, 2);
        QCOMPARE(row->answeredAt, t0());
    }
}

QTEST_GUILESS_MAIN(TestVaultStore)
#include "tst_vaultstore.moc"
