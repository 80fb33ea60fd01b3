// Configuration parsing and the recording rule (who is recorded, and why not).
#include "calls/recordingpolicy.h"
#include "config/agentconfig.h"

#include <QFile>
#include <QTest>

using namespace vv::agent;

class TestPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void configErrors_data();
    void configErrors();
    void configValues();
    void sampleConfigParses();
    void decide_data();
    void decide();
};

void TestPolicy::configErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown section") << "[agnet]\n"
                                     << "unknown section";
    QTest::newRow("unknown key") << "[agent]\nfoo = 1\n"
                                 << ":2:";
    QTest::newRow("bad port") << "[agent]\nsip_ports = 5060, 99999\n"
                              << "sip_ports";
    QTest::newRow("bad bool") << "[vault a]\nextensions=1\nenabled = maybe\n"
                              << "enabled";
    QTest::newRow("bad range") << "[vault a]\nextensions = 299-200\n"
                               << "range";
    QTest::newRow("uneven range") << "[vault a]\nextensions = 20-299\n"
                                  << "range";
    QTest::newRow("bad regex") << "[vault a]\nextension_pattern = ([\n"
                               << "extension_pattern";
    QTest::newRow("no extensions") << "[vault a]\nenabled = yes\n"
                                   << "no extensions";
    QTest::newRow("duplicate vault") << "[vault a]\nextensions=1\n[vault a]\nextensions=2\n"
                                     << "twice";
    QTest::newRow("bad vault name") << "[vault a/b]\n"
                                    << "vault name";
    QTest::newRow("key outside section") << "x = 1\n"
                                         << "outside";
    QTest::newRow("jitter out of range") << "[agent]\njitter_ms = 5\n"
                                         << "jitter_ms";
}

void TestPolicy::configErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    AgentConfig cfg;
    QString error;
    QVERIFY(!AgentConfig::parse(text, QStringLiteral("test.conf"), &cfg, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestPolicy::configValues()
{
    const QString text =
        QStringLiteral("; comment\n[agent]\ninterface = eth1 ; trailing comment\nsip_ports = 5060 5080\n"
                       "data_dir = /tmp/x\n[vault acme]\nextensions = 200-299, 1000\n"
                       "extension_pattern = ^3\\d{2}$\nexcluded = 203, 205\nenabled = no\n");
    AgentConfig cfg;
    QString error;
    QVERIFY2(AgentConfig::parse(text, QStringLiteral("t"), &cfg, &error), qPrintable(error));
    QCOMPARE(cfg.interface, QStringLiteral("eth1"));
    QCOMPARE(cfg.sipPorts, (std::vector<quint16>{5060, 5080}));
    QCOMPARE(cfg.vaults.size(), std::size_t(1));
    const VaultConfig &v = cfg.vaults.front();
    QCOMPARE(v.enabled, false);
    QCOMPARE(v.excluded, (QStringList{QStringLiteral("203"), QStringLiteral("205")}));
    QVERIFY(v.extensions.matches(QStringLiteral("250")));
    QVERIFY(v.extensions.matches(QStringLiteral("1000")));
    QVERIFY(v.extensions.matches(QStringLiteral("399")));
    QVERIFY(!v.extensions.matches(QStringLiteral("3999")));
    QVERIFY(!v.extensions.matches(QStringLiteral("2000")));
    QVERIFY(!v.extensions.matches(QStringLiteral("0250")));
}

void TestPolicy::sampleConfigParses()
{
    // The documented sample is what the package installs as /etc/vipvault/agent.conf: it must stay valid, record
    // nothing until a vault is described, and its commented example must be a working vault once uncommented.
    AgentConfig cfg;
    QString error;
    const QString path = QStringLiteral(VIPVAULT_SOURCE_DIR "/recorder-agent/agent.conf.sample");
    QVERIFY2(AgentConfig::load(path, &cfg, &error), qPrintable(error));
    QCOMPARE(cfg.apiListen, QStringLiteral("0.0.0.0:8443"));
    QCOMPARE(cfg.dataDir, QStringLiteral("/var/lib/vipvault"));
    QCOMPARE(cfg.reserveFreeBytes, qint64(1'000'000'000));
    QVERIFY(cfg.vaults.empty());

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QStringLiteral("\n;[vault acme]\n")));
    text.replace(QStringLiteral("\n;[vault acme]\n"), QStringLiteral("\n[vault acme]\n"));
    text.replace(QStringLiteral("\n; extensions = "), QStringLiteral("\nextensions = "));
    text.replace(QStringLiteral("\n; cap = "), QStringLiteral("\ncap = "));
    AgentConfig uncommented;
    QVERIFY2(AgentConfig::parse(text, path, &uncommented, &error), qPrintable(error));
    QCOMPARE(uncommented.vaults.size(), std::size_t(1));
    QCOMPARE(uncommented.vaults.front().name, QStringLiteral("acme"));
    QVERIFY(uncommented.vaults.front().enabled);
    QVERIFY(!uncommented.vaults.front().capBytes);
}

void TestPolicy::decide_data()
{
    // Identities as "number" or "number@host", several separated by ','. Legs: "vault:extension:direction:
    // record:reason", several separated by ';' ("-" for none).
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("answered");
    QTest::addColumn<QString>("dialled");
    QTest::addColumn<QString>("legs");
    QTest::addColumn<QString>("callee");       // as reported
    QTest::addColumn<QString>("dialledShown"); // the dialled number when it differs from the callee
    QTest::addColumn<QString>("reason");       // for a call with no leg
    QTest::newRow("outbound") << "201"
                              << ""
                              << "07700900123"
                              << "acme:201:outbound:1:recorded"
                              << "07700900123"
                              << ""
                              << "";
    QTest::newRow("inbound") << "+442079460000"
                             << ""
                             << "202"
                             << "acme:202:inbound:1:recorded"
                             << "202"
                             << ""
                             << "";
    QTest::newRow("internal") << "201"
                              << ""
                              << "202"
                              << "acme:201:internal:0:internal"
                              << "202"
                              << ""
                              << "";
    QTest::newRow("excluded caller") << "203"
                                     << ""
                                     << "07700900123"
                                     << "acme:203:outbound:0:excluded extension 203"
                                     << "07700900123"
                                     << ""
                                     << "";
    QTest::newRow("excluded callee") << "07700900123"
                                     << ""
                                     << "203"
                                     << "acme:203:inbound:0:excluded extension 203"
                                     << "203"
                                     << ""
                                     << "";
    QTest::newRow("excluded but internal") << "203"
                                           << ""
                                           << "201"
                                           << "acme:203:internal:0:internal"
                                           << "201"
                                           << ""
                                           << "";
    QTest::newRow("trunk leg") << "07700900123"
                               << ""
                               << "02079460000"
                               << "-"
                               << "02079460000"
                               << ""
                               << "no extension on either side";
    QTest::newRow("disabled vault") << "501"
                                    << ""
                                    << "07700900123"
                                    << "off:501:outbound:0:vault disabled"
                                    << "07700900123"
                                    << ""
                                    << "";
    // Two customers on one host: external to both, recorded in both.
    QTest::newRow("two customers") << "201"
                                   << ""
                                   << "301"
                                   << "acme:201:outbound:1:recorded;beta:301:inbound:1:recorded"
                                   << "301"
                                   << ""
                                   << "";
    QTest::newRow("two customers, one disabled") << "201"
                                                 << ""
                                                 << "501"
                                                 << "acme:201:outbound:1:recorded;off:501:inbound:0:vault disabled"
                                                 << "501"
                                                 << ""
                                                 << "";
    QTest::newRow("two customers, one excluded")
        << "302"
        << ""
        << "203"
        << "beta:302:outbound:1:recorded;acme:203:inbound:0:excluded extension 203"
        << "203"
        << ""
        << "";
    // The extension that answered decides; the number dialled is kept beside it.
    QTest::newRow("ring group answered by 201") << "07700900123"
                                                << "201"
                                                << "600"
                                                << "acme:201:inbound:1:recorded"
                                                << "201"
                                                << "600"
                                                << "";
    QTest::newRow("ring group answered by excluded 203") << "07700900123"
                                                         << "203"
                                                         << "600"
                                                         << "acme:203:inbound:0:excluded extension 203"
                                                         << "203"
                                                         << "600"
                                                         << "";
    QTest::newRow("forward 202 to excluded 203") << "+442079460000"
                                                 << "203"
                                                 << "202"
                                                 << "acme:203:inbound:0:excluded extension 203"
                                                 << "203"
                                                 << "202"
                                                 << "";
    QTest::newRow("forward 201 to 202") << "+442079460000"
                                        << "202"
                                        << "201"
                                        << "acme:202:inbound:1:recorded"
                                        << "202"
                                        << "201"
                                        << "";
    QTest::newRow("DID answered by an extension") << "07700900123"
                                                  << "204"
                                                  << "+441614960000"
                                                  << "acme:204:inbound:1:recorded"
                                                  << "204"
                                                  << "+441614960000"
                                                  << "";
    QTest::newRow("first evidence that is an extension wins") << "07700900123"
                                                              << "+441614960000,205"
                                                              << "600"
                                                              << "acme:205:inbound:1:recorded"
                                                              << "205"
                                                              << "600"
                                                              << "";
    // A ring group forwarded to a mobile was answered by an external number: an external call, not internal.
    QTest::newRow("ring group forwarded to a mobile") << "201"
                                                      << "07700900999"
                                                      << "600"
                                                      << "acme:201:outbound:1:recorded"
                                                      << "07700900999"
                                                      << "600"
                                                      << "";
    // A device's contact name says nothing: the number dialled stands in.
    QTest::newRow("contact name only") << "201"
                                       << "x7k2"
                                       << "202"
                                       << "acme:201:internal:0:internal"
                                       << "202"
                                       << ""
                                       << "";
    QTest::newRow("answered by another customer") << "07700900123"
                                                  << "305"
                                                  << "600"
                                                  << "beta:305:inbound:1:recorded"
                                                  << "305"
                                                  << "600"
                                                  << "";
    QTest::newRow("domains tell vaults apart") << "07700900123"
                                               << ""
                                               << "201@hosted.example"
                                               << "dom:201:inbound:1:recorded"
                                               << "201"
                                               << ""
                                               << "";
}

static std::vector<PartyIdentity> identities(const QString &list)
{
    std::vector<PartyIdentity> out;
    for (const QString &one : list.split(u',', Qt::SkipEmptyParts)) {
        const QStringList parts = one.split(u'@');
        out.push_back({parts.value(0).toStdString(), parts.value(1, QStringLiteral("pbx")).toStdString()});
    }
    return out;
}

void TestPolicy::decide()
{
    AgentConfig cfg;
    QString error;
    QVERIFY2(AgentConfig::parse(QStringLiteral("[vault acme]\nextensions = 201-209, 600\nexcluded = 203\n"
                                               "domains = pbx\n"
                                               "[vault beta]\nextensions = 300-309\n"
                                               "[vault off]\nextensions = 500-509\nenabled = no\n"
                                               "[vault dom]\nextensions = 201-209\ndomains = hosted.example\n"),
                                QStringLiteral("t"), &cfg, &error),
             qPrintable(error));
    RecordingPolicy policy(cfg.vaults);
    QFETCH(QString, caller);
    QFETCH(QString, answered);
    QFETCH(QString, dialled);
    const PolicyDecision d = policy.decide({identities(caller), identities(answered), identities(dialled)});
    QStringList legs;
    for (const VaultLeg &l : d.legs)
        legs << QStringLiteral("%1:%2:%3:%4:%5")
                    .arg(l.vault, l.extension, directionName(l.direction), l.record ? "1" : "0", l.reason);
    QTEST(legs.isEmpty() ? QStringLiteral("-") : legs.join(u';'), "legs");
    QTEST(d.callee, "callee");
    QTEST(d.dialled, "dialledShown");
    QTEST(d.reason, "reason");
    // Which SIP side is the extension's follows the direction: outbound from the caller, inbound to the callee.
    for (const VaultLeg &l : d.legs)
        if (l.direction != CallDirection::Internal)
            QCOMPARE(l.extensionIsCaller, l.direction == CallDirection::Outbound);
}

QTEST_APPLESS_MAIN(TestPolicy)
#include "tst_policy.moc"
