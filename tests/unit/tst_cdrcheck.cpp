// Call records against recordings: Asterisk's Master.csv and a generic CSV read field by field, bad lines
// reported and skipped, and the check itself on a real catalogue: an answered external call with a recording
// passes, one without is a finding (with what the agent saw), internal, excluded and unanswered calls are not.
// Also the webhook signature, against a value computed independently (Python's hmac module).
#include "alerts/cdrcheck.h"
#include "alerts/delivery.h"
#include "vault/vaultstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace vv::agent;

namespace {

constexpr PacketTime kSecond = 1'000'000;

PacketTime at(const char *utc)
{
    return QDateTime::fromString(QString::fromLatin1(utc), Qt::ISODate).toMSecsSinceEpoch() * 1000;
}

QByteArray masterCsvLine(const char *src, const char *dst, const char *start, const char *answer, const char *disp)
{
    return QByteArray("\"\",\"") + src + "\",\"" + dst + "\",\"from-pstn\",\"\"\"Caller\"\" <" + src +
           ">\",\"SIP/trunk-01\",\"PJSIP/201-02\",\"Dial\",\"PJSIP/201,30\",\"" + start + "\",\"" + answer + "\",\"" +
           start + "\",65,60,\"" + disp + "\",\"DOCUMENTATION\",\"1700000000.1\",\"\"\n";
}

} // namespace

class TestCdrCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void webhookSignature()
    {
        QCOMPARE(vv::agent::webhookSignature("s3cret", 1700000000, "{\"a\":1}"),
                 QStringLiteral("t=1700000000,v1=1698a50bc74d1ff1db85c4e0a5297c2ad9fdba245d5737cdb789e4cc6e098940"));
    }

    void splitsQuotedFields_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("fields");
        QTest::newRow("plain") << "a,b,c" << QStringList{"a", "b", "c"};
        QTest::newRow("quoted comma") << "\"a,b\",c" << QStringList{"a,b", "c"};
        QTest::newRow("doubled quote") << "\"\"\"Bob\"\" <201>\",x" << QStringList{"\"Bob\" <201>", "x"};
        QTest::newRow("empty fields") << ",," << QStringList{"", "", ""};
    }

    void splitsQuotedFields()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, fields);
        QCOMPARE(splitCsvLine(line), fields);
    }

    void readsMasterCsv()
    {
        const QByteArray csv =
            masterCsvLine("07700900123", "201", "2026-11-26 10:00:00", "2026-11-26 10:00:05", "ANSWERED") +
            masterCsvLine("202", "07700900999", "2026-11-26 10:05:00", "", "NO ANSWER") + "garbage,line\n" +
            masterCsvLine("203", "0161", "2026-11-26 25:00:00", "2026-11-26 10:00:05", "ANSWERED");
        AlertsConfig c; // asterisk, UTC
        const CdrParse p = parseCdr(csv, c);
        QCOMPARE(p.calls.size(), std::size_t(2));
        QCOMPARE(p.calls[0].caller, QStringLiteral("07700900123"));
        QCOMPARE(p.calls[0].callee, QStringLiteral("201"));
        QCOMPARE(p.calls[0].answer, at("2026-11-26T10:00:05Z"));
        QCOMPARE(p.calls[1].answer, PacketTime(0)); // NO ANSWER
        QCOMPARE(p.errors.size(), 2);
        QVERIFY(p.errors[0].startsWith("line 3:"));
        QVERIFY(p.errors[1].startsWith("line 4:"));
        c.cdrTimeZone = QStringLiteral("Europe/London"); // GMT in November: same instant
        QCOMPARE(parseCdr(csv, c).calls[0].answer, at("2026-11-26T10:00:05Z"));
        c.cdrTimeZone = QStringLiteral("Europe/Paris");
        QCOMPARE(parseCdr(csv, c).calls[0].answer, at("2026-11-26T09:00:05Z"));
    }

    void readsGenericCsv()
    {
        AlertsConfig c;
        c.cdrFormat = QStringLiteral("generic");
        c.cdrColumns = {{"answer", "Answered"}, {"caller", "From"}, {"callee", "To"}, {"disposition", "Status"}};
        const QByteArray csv = "To,From,Answered,Status\n201,+447700900123,2026-11-26T10:00:05Z,answered\n"
                               "202,+447700900124,,BUSY\n";
        const CdrParse p = parseCdr(csv, c);
        QVERIFY2(p.errors.isEmpty(), qPrintable(p.errors.join("; ")));
        QCOMPARE(p.calls.size(), std::size_t(2));
        QCOMPARE(p.calls[0].caller, QStringLiteral("+447700900123"));
        QCOMPARE(p.calls[0].answer, at("2026-11-26T10:00:05Z"));
        QCOMPARE(p.calls[1].answer, PacketTime(0));
        c.cdrColumns.insert("caller", "Caller ID");
        QVERIFY(parseCdr(csv, c).errors.first().contains("Caller ID"));
    }

    void findsAnsweredCallsWithoutARecording()
    {
        QTemporaryDir dir;
        Catalogue catalogue(QStringLiteral("cdr"));
        QString error;
        QVERIFY2(catalogue.open(dir.filePath("catalogue.sqlite"), &error), qPrintable(error));
        VaultRecord vault;
        vault.name = QStringLiteral("acme");
        vault.extensions = QStringLiteral("200-299");
        vault.excluded = {QStringLiteral("205")};
        QVERIFY(catalogue.saveVault(&vault, at("2026-11-26T00:00:00Z"), &error));
        // The agent recorded one call (national form of the number; its start is the INVITE, 4 s before the
        // answer) and saw another it could not record.
        CallRow recorded;
        recorded.vaultId = vault.id;
        recorded.sipCallId = QStringLiteral("a@pbx");
        recorded.caller = QStringLiteral("07700900123");
        recorded.callee = QStringLiteral("201");
        recorded.startedAt = at("2026-11-26T10:00:01Z");
        recorded.answeredAt = at("2026-11-26T10:00:06Z"); // 1 s from the PBX's clock: within tolerance
        recorded.recorded = true;
        recorded.state = CallState::Complete;
        recorded.outcome = CallOutcome::Recorded;
        QVERIFY(catalogue.insertCall(recorded, &error));
        CallRow refused = recorded;
        refused.sipCallId = QStringLiteral("b@pbx");
        refused.caller = QStringLiteral("202");
        refused.callee = QStringLiteral("+441614960000");
        refused.startedAt = at("2026-11-26T11:00:00Z");
        refused.answeredAt = at("2026-11-26T11:00:03Z");
        refused.recorded = false;
        refused.state = CallState::NotRecorded;
        refused.outcome = CallOutcome::Missed;
        refused.reason = QStringLiteral("encrypted media: no keys (DTLS-SRTP)");
        QVERIFY(catalogue.insertCall(refused, &error));

        auto call = [](const char *caller, const char *callee, const char *answer) {
            CdrCall c;
            c.caller = QString::fromLatin1(caller);
            c.callee = QString::fromLatin1(callee);
            c.answer = at(answer);
            c.start = c.answer - 5 * kSecond;
            return c;
        };
        const std::vector<CdrCall> cdr{
            call("+447700900123", "201", "2026-11-26T10:00:05Z"), // recorded (international form)
            call("202", "01614960000", "2026-11-26T11:00:03Z"),   // seen, not recorded
            call("07700900555", "203", "2026-11-26T12:00:00Z"),   // never seen
            call("201", "202", "2026-11-26T12:30:00Z"),           // internal
            call("07700900555", "205", "2026-11-26T13:00:00Z"),   // excluded
            call("07700900555", "999", "2026-11-26T13:30:00Z"),   // not this vault's
        };
        const std::vector<CdrFinding> findings =
            checkCdr(cdr, {*catalogue.vaultByName("acme")}, {rulesOf(*catalogue.vaultByName("acme"))}, catalogue, 5);
        QCOMPARE(findings.size(), std::size_t(2));
        QCOMPARE(findings[0].extension, QStringLiteral("202"));
        QVERIFY2(findings[0].seen.contains("DTLS-SRTP"), qPrintable(findings[0].seen));
        QCOMPARE(findings[1].extension, QStringLiteral("203"));
        QVERIFY(findings[1].seen.contains("saw no such call"));
        QVERIFY(findings[0].key() != findings[1].key());
    }
};

QTEST_GUILESS_MAIN(TestCdrCheck)
#include "tst_cdrcheck.moc"
