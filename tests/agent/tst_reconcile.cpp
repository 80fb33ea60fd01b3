// Start-up reconcile merges the files on disk with the catalogue's rows as two sorted streams. Vault folders
// whose names are prefixes of each other ("acme", "acme-2", "acme.b": '-' and '.' sort before '/') must not
// make it pair the wrong file and row, and it must still adopt a file that lost its row and mark a row whose
// file is gone, exactly once each.
#include "vaultfixture.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace vv::capgen;
using namespace vv::vaulttest;

namespace {

struct Repairs
{
    int adopted = -1;
    int leftovers = -1;
    int missing = -1;
};

Repairs repairsLogged(const QString &standardError)
{
    static const QRegularExpression re(
        QStringLiteral("start-up reconcile: \\d+ finalised, \\d+ lost, (\\d+) adopted, (\\d+) leftovers deleted, "
                       "(\\d+) missing"));
    const auto m = re.match(standardError);
    if (!m.hasMatch())
        return {};
    return {m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()};
}

} // namespace

class TestReconcile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prefixNamedVaultsMergeInOrder();
};

void TestReconcile::prefixNamedVaultsMergeInOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY2(QFileInfo(agentPath()).isExecutable(), qPrintable("agent binary not found: " + agentPath()));
    Scenario scenario;
    LaneCalls spec;
    spec.prefix = "merge";
    spec.count = 90; // phones 201-290: every vault below gets calls
    spec.lanes = 6;
    spec.minTalkMs = 1500;
    spec.maxTalkMs = 2500;
    const LaneSummary lanes = addLaneCalls(scenario, spec);
    QString error;
    const QString capture = dir.filePath("calls.pcap");
    QVERIFY2(writePcap(capture, scenario, &error), qPrintable(error));
    const QString idle = dir.filePath("idle.pcap");
    QVERIFY2(writeIdleCapture(idle, lanes.lastEnd + 30, &error), qPrintable(error));
    const QString data = dir.filePath("data");
    QVERIFY(QDir().mkpath(data));
    const QString config = vv::testing::writeConfig(dir.path(), QStringLiteral("[agent]\ninterface = lo\n"
                                                                               "data_dir = %1\nreserve_free = 0\n"
                                                                               "[vault acme]\nextensions = 200-229\n"
                                                                               "[vault acme-2]\nextensions = 230-259\n"
                                                                               "[vault acme.b]\nextensions = 260-299\n")
                                                                    .arg(data));

    const AgentProcess first = replay(config, data, {capture});
    QVERIFY2(first.exitedCleanly(), qPrintable(first.describe()));
    const QMap<QString, qint64> files = audioFiles(data);
    for (const char *vault : {"acme", "acme-2", "acme.b"}) {
        const QString folder = QStringLiteral("vaults/%1/").arg(QLatin1String(vault));
        QVERIFY2(std::any_of(files.keyBegin(), files.keyEnd(), [&](const QString &f) { return f.startsWith(folder); }),
                 qPrintable(QStringLiteral("no recording in %1").arg(folder)));
    }

    // A clean restart repairs nothing: every file met its own row.
    const AgentProcess clean = replay(config, data, {idle});
    QVERIFY2(clean.exitedCleanly(), qPrintable(clean.describe()));
    Repairs r = repairsLogged(clean.standardError);
    QCOMPARE(r.adopted, 0);
    QCOMPARE(r.leftovers, 0);
    QCOMPARE(r.missing, 0);

    // One row of acme-2 forgotten by the catalogue, one file of acme.b gone from the disk.
    const CatalogueView acme2 = readCatalogue(data, QStringLiteral("acme-2"));
    const CatalogueView acmeB = readCatalogue(data, QStringLiteral("acme.b"));
    QVERIFY(!acme2.inState("complete").isEmpty() && !acmeB.inState("complete").isEmpty());
    const Row orphanRow = acme2.inState("complete").first();
    const Row goneRow = acmeB.inState("complete").first();
    QCOMPARE(execSql(data, QStringLiteral("DELETE FROM calls WHERE id = %1").arg(orphanRow.id)), QString());
    QVERIFY(QFile::remove(QDir(data).filePath(goneRow.file)));

    const AgentProcess repair = replay(config, data, {idle});
    QVERIFY2(repair.exitedCleanly(), qPrintable(repair.describe()));
    r = repairsLogged(repair.standardError);
    QCOMPARE(r.adopted, 1);
    QCOMPARE(r.leftovers, 0);
    QCOMPARE(r.missing, 1);
    const CatalogueView acme2After = readCatalogue(data, QStringLiteral("acme-2"));
    const auto adopted = std::find_if(acme2After.rows.begin(), acme2After.rows.end(),
                                      [&](const Row &row) { return row.file == orphanRow.file; });
    QVERIFY2(adopted != acme2After.rows.end(), "the orphaned file was not adopted into its vault");
    QCOMPARE(adopted->state, QStringLiteral("complete"));
    const Row *gone = readCatalogue(data, QStringLiteral("acme.b")).byId(goneRow.id);
    QVERIFY(gone);
    QCOMPARE(gone->state, QStringLiteral("missing"));

    // And the repaired folder needs nothing more.
    const AgentProcess after = replay(config, data, {idle});
    QVERIFY2(after.exitedCleanly(), qPrintable(after.describe()));
    r = repairsLogged(after.standardError);
    QCOMPARE(r.adopted, 0);
    QCOMPARE(r.missing, 0);
}

QTEST_GUILESS_MAIN(TestReconcile)
#include "tst_reconcile.moc"
