// Tamper evidence end to end against a real agent: every recording it made verifies through the API (the file's
// SHA-256 is the one on disk); `vipvault-agent verify` passes a clean data folder, and on copies of it each kind of
// tampering (a flipped byte, a changed number, a chain entry or audit row removed or altered, a forged signature,
// another key) is reported by name with exit code 4. A byte flipped under the running agent turns the API's answer
// to "changed".
#include "apitest.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace vv::apitest;

namespace {

bool copyTree(const QString &from, const QString &to)
{
    QDir src(from);
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo &fi : src.entryInfoList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = QDir(to).filePath(fi.fileName());
        if (fi.isDir() ? !copyTree(fi.filePath(), target) : !QFile::copy(fi.filePath(), target))
            return false;
    }
    return true;
}

bool flipByte(const QString &path, qint64 offset)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(offset))
        return false;
    char c = 0;
    if (!f.getChar(&c) || !f.seek(offset))
        return false;
    return f.putChar(char(c ^ 0x01));
}

// SQL run as an attacker with write access to the catalogue would (triggers dropped first where needed).
bool runSql(const QString &catalogue, const QStringList &statements, QString *error)
{
    const QString name = QStringLiteral("tamper-%1").arg(quintptr(&statements));
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(catalogue);
        ok = db.open();
        for (const QString &s : statements) {
            QSqlQuery q(db);
            if (ok && !q.exec(s)) {
                *error = s + ": " + q.lastError().text();
                ok = false;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

class TestApiVerify : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    QByteArray m_alice;
    QList<CatalogueCall> m_calls;
    QTemporaryDir m_copies;
    QString m_clean; // a copy of the data folder taken after the agent stopped

    struct Run
    {
        int exitCode = -1;
        QList<QJsonObject> lines;
        QString all;
    };
    Run verify(const QString &dataDir, const QStringList &extra = {})
    {
        QProcess p;
        p.start(QStringLiteral(VIPVAULT_AGENT_BIN),
                QStringList{"verify", "--config", m_server.configPath(), "--data-dir", dataDir} + extra);
        Run r;
        if (!p.waitForFinished(120000))
            return r;
        r.exitCode = p.exitCode();
        r.all = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        for (const QString &line : r.all.split('\n', Qt::SkipEmptyParts))
            if (line.startsWith('{'))
                r.lines << QJsonDocument::fromJson(line.toUtf8()).object();
        return r;
    }
    QString copyOfClean(const QString &name)
    {
        const QString dir = m_copies.filePath(name);
        return copyTree(m_clean, dir) ? dir : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        m_alice = s.alice;
        m_calls = completeCalls(m_server, "acme");
        QVERIFY(m_calls.size() >= 3);
        QVERIFY(m_copies.isValid());
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void everyRecordingVerifiesThroughTheApi()
    {
        auto client = makeClient(m_server, m_alice);
        for (const CatalogueCall &c : m_calls) {
            const ApiResult r = get(*client, QStringLiteral("/api/v1/recordings/%1/verification").arg(c.id));
            API_CHECK(expectJson(r, 200));
            const QJsonObject o = r.json.object();
            const QString status = o.value("status").toString();
            QVERIFY2(status == u"verified" || status == u"sealed", qPrintable(describe(r)));
            QFile f(m_server.absolutePath(c.file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(o.value("file_sha256").toString(),
                     QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()));
            QCOMPARE(o.value("public_key").toString().size(), 64);
        }
    }

    // Under the running agent: one flipped byte and the player's question gets "changed"; flipped back, it verifies.
    void theApiSeesAChangedFile()
    {
        auto client = makeClient(m_server, m_alice);
        const CatalogueCall &victim = m_calls.at(2);
        const QString path = QStringLiteral("/api/v1/recordings/%1/verification").arg(victim.id);
        QVERIFY(flipByte(m_server.absolutePath(victim.file), 300));
        const ApiResult r = get(*client, path);
        API_CHECK(expectJson(r, 200));
        QCOMPARE(r.json.object().value("status").toString(), QStringLiteral("changed"));
        QVERIFY2(r.json.object().value("detail").toString().contains("audio file"), qPrintable(describe(r)));
        QVERIFY(flipByte(m_server.absolutePath(victim.file), 300));
        const ApiResult back = get(*client, path);
        API_CHECK(expectJson(back, 200));
        QVERIFY2(back.json.object().value("status").toString() != u"changed", qPrintable(describe(back)));
    }

    // Taken once the agent has stopped (everything signed, nothing moving); the tampering rows use copies.
    void cleanFolderVerifies()
    {
        API_CHECK(stopIfRunning(m_server));
        m_clean = m_copies.filePath("clean");
        QVERIFY(copyTree(m_server.dataDir(), m_clean));
        const Run r = verify(m_clean);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all));
        bool sawAcme = false;
        bool sawAudit = false;
        for (const QJsonObject &o : r.lines) {
            QVERIFY2(o.value("ok").toBool(), qPrintable(r.all));
            if (o.value("vault").toString() == u"acme") {
                sawAcme = true;
                QCOMPARE(o.value("entries").toInteger(), qint64(m_calls.size()));
                QCOMPARE(o.value("files_checked").toInteger(), qint64(m_calls.size()));
                QCOMPARE(o.value("unsigned_entries").toInteger(), 0);
            }
            sawAudit = sawAudit || o.value("audit").toBool();
        }
        QVERIFY2(sawAcme && sawAudit, qPrintable(r.all));
    }

    void tamperingIsFound_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected"); // part of the problem's text
        QTest::addRow("a byte of a recording flipped") << "flip"
                                                       << "the audio file";
        QTest::addRow("the other party's number changed") << "number"
                                                          << "its details";
        QTest::addRow("a chain entry removed") << "drop-entry"
                                               << "chain entr";
        QTest::addRow("a chain entry rewritten") << "alter-entry"
                                                 << "was altered";
        QTest::addRow("a signature forged") << "signature"
                                            << "is not valid";
        QTest::addRow("signed by another key") << "other-key"
                                               << "another key";
        QTest::addRow("an audit row altered") << "audit-alter"
                                              << "audit row";
        QTest::addRow("an audit row removed") << "audit-drop"
                                              << "does not follow";
    }

    void tamperingIsFound()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        QVERIFY(!m_clean.isEmpty());
        const QString dir = copyOfClean(kind);
        QVERIFY(!dir.isEmpty());
        const QString catalogue = QDir(dir).filePath("catalogue.sqlite");
        QVERIFY2(QFile::exists(catalogue), qPrintable(catalogue));
        const CatalogueCall &victim = m_calls.at(1);
        QString error;
        QStringList extra;
        if (kind == u"flip") {
            QVERIFY(flipByte(QDir(dir).filePath(victim.file), 200));
        } else if (kind == u"number") {
            QVERIFY2(runSql(catalogue,
                            {QStringLiteral("UPDATE calls SET caller = '07700900666' WHERE id = %1").arg(victim.id)},
                            &error),
                     qPrintable(error));
        } else if (kind == u"drop-entry") {
            QVERIFY2(runSql(catalogue,
                            {"DROP TRIGGER chain_append_only_delete",
                             QStringLiteral("DELETE FROM chain WHERE call_id = %1").arg(victim.id)},
                            &error),
                     qPrintable(error));
        } else if (kind == u"alter-entry") {
            // The attacker points the entry at a file of their own: the entry's hash no longer covers it.
            QVERIFY2(
                runSql(
                    catalogue,
                    {"DROP TRIGGER chain_append_only_update",
                     QStringLiteral("UPDATE chain SET file_sha256 = zeroblob(32) WHERE call_id = %1").arg(victim.id)},
                    &error),
                qPrintable(error));
        } else if (kind == u"signature") {
            QVERIFY2(runSql(catalogue, {"UPDATE chain_signatures SET signature = zeroblob(64)"}, &error),
                     qPrintable(error));
        } else if (kind == u"other-key") {
            extra << "--public-key" << QString(64, u'a');
        } else if (kind == u"audit-alter") {
            QVERIFY2(runSql(catalogue,
                            {"DROP TRIGGER audit_append_only_update",
                             "UPDATE audit SET username = 'nobody' WHERE id = (SELECT MAX(id) FROM audit WHERE hash IS "
                             "NOT NULL)"},
                            &error),
                     qPrintable(error));
        } else if (kind == u"audit-drop") {
            QVERIFY2(runSql(catalogue,
                            {"DROP TRIGGER IF EXISTS audit_append_only_delete",
                             "DELETE FROM audit WHERE id = (SELECT MIN(id) + 1 FROM audit WHERE hash IS NOT NULL)"},
                            &error),
                     qPrintable(error));
        }
        const Run r = verify(dir, extra);
        QVERIFY2(r.exitCode == 4, qPrintable(QString::number(r.exitCode) + "\n" + r.all));
        QVERIFY2(r.all.contains(expected), qPrintable(r.all));
    }
};

QTEST_GUILESS_MAIN(TestApiVerify)
#include "tst_apiverify.moc"
