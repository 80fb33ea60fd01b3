// Requests about one person by telephone number, against a real agent: the export holds every call with that number
// (audio files whose SHA-256 matches their chain entry, a manifest, a README) and nothing else; erasure needs a dry
// run's plan (428 without, 409 for a stale one), keeps recordings under legal hold, removes the audio and the numbers
// of the rest, is audited, and the vault still verifies afterwards (vipvault-agent verify, exit 0).
#include "apitest.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>

using namespace vv::apitest;

namespace {

// name -> content of a ustar archive; empty on a malformed one.
QMap<QString, QByteArray> untar(const QByteArray &tar)
{
    QMap<QString, QByteArray> files;
    qint64 at = 0;
    while (at + 512 <= tar.size()) {
        const QByteArray h = tar.mid(at, 512);
        if (h.count('\0') == 512)
            return files;
        if (h.mid(257, 5) != "ustar")
            return {};
        const QString name = QString::fromUtf8(h.left(100).constData());
        const qint64 size = h.mid(124, 11).toLongLong(nullptr, 8);
        files.insert(name, tar.mid(at + 512, size));
        at += 512 + (size + 511) / 512 * 512;
    }
    return {};
}

} // namespace

class TestApiSubject : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    QByteArray m_admin;
    QByteArray m_alice;
    QByteArray m_bob;
    qint64 m_acme = 0;
    CatalogueCall m_subject; // a complete acme call, whose other party is the person asking
    QString m_number;        // how they type it

    QString vaultPath(const char *tail) const { return QStringLiteral("/api/v1/vaults/%1%2").arg(m_acme).arg(tail); }
    ApiResult erase(const QByteArray &token, const QJsonObject &body)
    {
        return sendJson(*makeClient(m_server, token), "POST", vaultPath("/erasure"), body);
    }
    QList<CatalogueCall> withNumber() const
    {
        QList<CatalogueCall> out;
        const QString digits = m_subject.direction == u"inbound" ? m_subject.caller : m_subject.callee;
        for (const CatalogueCall &c : m_server.catalogue("acme"))
            if (c.caller == digits || c.callee == digits || c.dialled == digits)
                out << c;
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        std::tie(m_admin, m_alice, m_bob, m_acme) = std::tuple(s.admin, s.alice, s.bob, s.acme);
        for (const CatalogueCall &c : completeCalls(m_server, "acme")) {
            const QString other = c.direction == u"inbound" ? c.caller : c.callee;
            if (other.startsWith("07700")) {
                m_subject = c;
                m_number = "+44 " + other.mid(1, 4) + " " + other.mid(5); // typed internationally, spaced
                break;
            }
        }
        QVERIFY2(m_subject.id, "no acme call with a UK mobile number in the fixture");
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void exportHoldsEverythingAboutTheNumber()
    {
        const ApiResult r =
            get(*makeClient(m_server, m_alice), vaultPath("/subject-export"), QUrlQuery{{"number", m_number}});
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(r.contentType, QByteArray("application/x-tar"));
        const QMap<QString, QByteArray> files = untar(r.data);
        QVERIFY2(files.contains("vipvault-export/manifest.json"), qPrintable(QStringList(files.keys()).join(", ")));
        QVERIFY(files.value("vipvault-export/README.txt").contains("sha256sum"));
        const QJsonObject manifest = QJsonDocument::fromJson(files.value("vipvault-export/manifest.json")).object();
        QCOMPARE(manifest.value("public_key").toString().size(), 64);
        QList<qint64> ids;
        for (const QJsonValue &item : manifest.value("recordings").toArray()) {
            const QJsonObject o = item.toObject();
            ids << o.value("details").toObject().value("id").toInteger();
            if (!o.contains("audio"))
                continue;
            const QByteArray audio = files.value("vipvault-export/" + o.value("audio").toString());
            QVERIFY(!audio.isEmpty());
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(audio, QCryptographicHash::Sha256).toHex()),
                     o.value("chain").toObject().value("file_sha256").toString());
        }
        QList<qint64> expected;
        for (const CatalogueCall &c : withNumber())
            expected << c.id;
        std::sort(ids.begin(), ids.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(ids, expected);
        QVERIFY(ids.contains(m_subject.id));
        API_CHECK(expectProblem(
            get(*makeClient(m_server, m_bob), vaultPath("/subject-export"), QUrlQuery{{"number", m_number}}), 404));
        API_CHECK(expectProblem(
            get(*makeClient(m_server, m_alice), vaultPath("/subject-export"), QUrlQuery{{"number", "anonymous"}}), 422,
            "number"));
    }

    void erasureNeedsTheDryRunsPlan()
    {
        const QJsonObject ask{{"number", m_number}};
        API_CHECK(expectProblem(erase(m_alice, ask), 428, "plan"));
        QJsonObject stale = ask;
        stale.insert("plan", "0123456789abcdef0123456789abcdef");
        API_CHECK(expectProblem(erase(m_alice, stale), 409, "plan"));
        API_CHECK(expectProblem(erase(m_bob, QJsonObject{{"number", m_number}, {"dry_run", true}}), 404));
        QVERIFY(QFileInfo::exists(m_server.absolutePath(m_subject.file))); // nothing happened
    }

    void erasureKeepsLegalHoldAndRemovesTheRest()
    {
        // Another call with the same number under legal hold, if there is one; else the subject itself is held
        // first, checked, then released.
        const QList<CatalogueCall> calls = withNumber();
        QVERIFY(!calls.isEmpty());
        ApiRequest hold;
        hold.method = "PUT";
        hold.path = QStringLiteral("/api/v1/recordings/%1/protection").arg(m_subject.id);
        hold.body = "{\"protected\":true}";
        API_CHECK(expectJson(send(*makeClient(m_server, m_admin), hold), 200));

        ApiResult dry = erase(m_alice, QJsonObject{{"number", m_number}, {"dry_run", true}});
        API_CHECK(expectJson(dry, 200));
        QCOMPARE(dry.json.object().value("calls").toInteger(), qint64(calls.size()));
        QCOMPARE(dry.json.object().value("kept_protected").toInteger(), 1);
        ApiResult done = erase(m_alice, QJsonObject{{"number", m_number}, {"plan", dry.json.object().value("plan")}});
        API_CHECK(expectJson(done, 200));
        QCOMPARE(done.json.object().value("erased").toInteger(), qint64(calls.size() - 1));
        QVERIFY2(QFileInfo::exists(m_server.absolutePath(m_subject.file)), "legal hold must win over erasure");
        for (const CatalogueCall &c : calls) {
            if (c.id == m_subject.id)
                continue;
            const auto now = m_server.catalogueCall(c.id);
            QCOMPARE(now->caller, QStringLiteral("(erased)"));
            QCOMPARE(now->callee, QStringLiteral("(erased)"));
            if (c.state == u"complete") {
                QVERIFY2(!QFileInfo::exists(m_server.absolutePath(c.file)), qPrintable(c.file));
                API_CHECK(expectAuditEntry(m_server, m_admin, "erase", "alice", c.id, m_acme,
                                           QDateTime::currentDateTimeUtc().addSecs(-600)));
            }
        }

        // Released, then erased too: nothing with the number is left, and the search finds nothing.
        hold.body = "{\"protected\":false}";
        API_CHECK(expectJson(send(*makeClient(m_server, m_admin), hold), 200));
        dry = erase(m_alice, QJsonObject{{"number", m_number}, {"dry_run", true}});
        API_CHECK(expectJson(dry, 200));
        done = erase(m_alice, QJsonObject{{"number", m_number}, {"plan", dry.json.object().value("plan")}});
        API_CHECK(expectJson(done, 200));
        QVERIFY(!QFileInfo::exists(m_server.absolutePath(m_subject.file)));
        const ApiResult search =
            get(*makeClient(m_server, m_alice), vaultPath("/recordings"), QUrlQuery{{"number", m_number}});
        API_CHECK(expectJson(search, 200));
        QCOMPARE(search.json.object().value("total").toInteger(), 0);
    }

    // The chain still accounts for every erased recording: verify passes and counts them.
    void vaultStillVerifies()
    {
        QProcess p;
        p.start(QStringLiteral(VIPVAULT_AGENT_BIN),
                {"verify", "--config", m_server.configPath(), "--data-dir", m_server.dataDir(), "--vault", "acme"});
        QVERIFY(p.waitForFinished(120000));
        const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, out.constData());
        const QJsonObject o = QJsonDocument::fromJson(out.trimmed().split('\n').first()).object();
        QVERIFY2(o.value("erased_on_request").toInteger() >= 1, out.constData());
    }
};

QTEST_GUILESS_MAIN(TestApiSubject)
#include "tst_apisubject.moc"
