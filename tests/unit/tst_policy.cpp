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
    QTest::addColumn<QString>("caller");
    QTest::addColumn<QString>("callee");
    QTest::addColumn<bool>("record");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("direction");
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QString>("vault");
    QTest::newRow("outbound") << "201"
                              << "07700900123" << true << "recorded"
                              << "outbound"
                              << "201"
                              << "acme";
    QTest::newRow("inbound") << "+442079460000"
                             << "202" << true << "recorded"
                             << "inbound"
                             << "202"
                             << "acme";
    QTest::newRow("internal") << "201"
                              << "202" << false << "internal"
                              << "internal"
                              << "201"
                              << "acme";
    QTest::newRow("excluded caller") << "203"
                                     << "07700900123" << false << "excluded extension 203"
                                     << "outbound"
                                     << "203"
                                     << "acme";
    QTest::newRow("excluded callee") << "07700900123"
                                     << "203" << false << "excluded extension 203"
                                     << "inbound"
                                     << "203"
                                     << "acme";
    QTest::newRow("excluded but internal") << "203"
                                           << "201" << false << "internal"
                                           << "internal"
                                           << "203"
                                           << "acme";
    QTest::newRow("trunk leg") << "07700900123"
                               << "02079460000" << false << "no extension on either side"
                               << ""
                               << ""
                               << "";
    QTest::newRow("disabled vault") << "501"
                                    << "07700900123" << false << "vault disabled"
                                    << "outbound"
                                    << "501"
                                    << "off";
    QTest::newRow("two customers") << "201"
                                   << "501" << true << "recorded"
                                   << "outbound"
                                   << "201"
                                   << "acme";
}

void TestPolicy::decide()
{
    AgentConfig cfg;
    QString error;
    QVERIFY(AgentConfig::parse(QStringLiteral("[vault acme]\nextensions = 201-209\nexcluded = 203\n"
                                              "[vault off]\nextensions = 500-509\nenabled = no\n"),
                               QStringLiteral("t"), &cfg, &error));
    RecordingPolicy policy(cfg.vaults);
    QFETCH(QString, caller);
    QFETCH(QString, callee);
    CallIdentities ids;
    ids.caller.push_back({caller.toStdString(), "pbx"});
    ids.callee.push_back({callee.toStdString(), "pbx"});
    const PolicyDecision d = policy.decide(ids);
    QTEST(d.record, "record");
    QTEST(d.reason, "reason");
    QTEST(directionName(d.direction), "direction");
    QTEST(d.extension, "extension");
    QTEST(d.vault, "vault");
}

QTEST_APPLESS_MAIN(TestPolicy)
#include "tst_policy.moc"
