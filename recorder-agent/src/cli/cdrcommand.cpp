#include "alerts/cdrcheck.h"
#include "cli/agentcontext.h"
#include "cli/cdrwatch.h"
#include "cli/commands.h"
#include "common/logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <cstdio>

namespace vv::agent {

void CdrWatch::poll(VaultStore &store, AlertsService &alerts, PacketTime now)
{
    if (m_config.cdrFolder.isEmpty() || std::chrono::steady_clock::now() < m_next)
        return;
    m_next = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    const QDir dir(m_config.cdrFolder);
    for (const QFileInfo &f : dir.entryInfoList({QStringLiteral("*.csv")}, QDir::Files, QDir::Time | QDir::Reversed)) {
        if (f.lastModified().msecsTo(QDateTime::currentDateTimeUtc()) < 120'000)
            continue; // still being written, or its calls' rows still on their way
        QFile file(f.absoluteFilePath());
        if (!file.open(QIODevice::ReadOnly)) {
            qCWarning(lcAlerts).noquote()
                << "cannot read call records" << f.absoluteFilePath() << ":" << file.errorString();
            continue;
        }
        const CdrParse parsed = parseCdr(file.readAll(), m_config);
        file.close();
        for (const QString &e : parsed.errors)
            qCWarning(lcAlerts).noquote() << f.fileName() << e;
        std::vector<CdrFinding> findings;
        try {
            findings = checkCdr(parsed.calls, store.vaults(), store.policyVaults(), *store.catalogue(),
                                m_config.cdrToleranceS);
        } catch (const CatalogueError &e) {
            qCCritical(lcAlerts).noquote() << "call records" << f.fileName() << "not checked:" << e.what();
            continue; // tried again on the next pass
        }
        for (const CdrFinding &finding : findings)
            alerts.cdrMissed(now, finding.key(), finding.vaultId,
                             QStringLiteral("the PBX answered %1 -> %2 at %3 (vault %4, %5 in %6), and there is no "
                                            "recording: %7")
                                 .arg(finding.call.caller, finding.call.callee, isoUtcMillis(finding.call.answer),
                                      finding.vault, QStringLiteral("line %1").arg(finding.call.line), f.fileName(),
                                      finding.seen));
        qCInfo(lcAlerts).noquote() << "checked" << parsed.calls.size() << "call records in" << f.fileName() << ":"
                                   << findings.size() << "without a recording";
        QFile::rename(f.absoluteFilePath(), f.absoluteFilePath() + QStringLiteral(".checked"));
    }
}

int cdrCheckCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    AgentConfig config;
    QString error;
    if (!loadConfigFromArgs(&args, &config, &error, DataOwnerMode::Adopt)) {
        std::fprintf(stderr, "vipvault-agent cdr-check: %s\n", qPrintable(error));
        return 2;
    }
    if (args.isEmpty()) {
        std::fprintf(stderr, "vipvault-agent cdr-check: name one or more call-record files (CSV)\n");
        return 2;
    }
    // Read-only and without the agent's lock: it may be recording right now.
    Catalogue catalogue(QStringLiteral("cdr-check"));
    if (!catalogue.open(cataloguePath(config.dataDir), &error)) {
        std::fprintf(stderr, "vipvault-agent cdr-check: %s\n", qPrintable(error));
        return 1;
    }
    int findings = 0;
    int checked = 0;
    try {
        const std::vector<VaultRecord> vaults = catalogue.loadVaults();
        std::vector<VaultConfig> rules;
        for (const VaultRecord &v : vaults)
            rules.push_back(rulesOf(v));
        for (const QString &path : args) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "vipvault-agent cdr-check: %s: %s\n", qPrintable(path),
                             qPrintable(f.errorString()));
                return 1;
            }
            const CdrParse parsed = parseCdr(f.readAll(), config.alerts);
            for (const QString &e : parsed.errors)
                std::fprintf(stderr, "%s: %s\n", qPrintable(path), qPrintable(e));
            checked += int(parsed.calls.size());
            for (const CdrFinding &finding :
                 checkCdr(parsed.calls, vaults, rules, catalogue, config.alerts.cdrToleranceS)) {
                QJsonObject o = finding.toJson();
                o.insert(QStringLiteral("file"), path);
                std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
                ++findings;
            }
        }
    } catch (const CatalogueError &e) {
        std::fprintf(stderr, "vipvault-agent cdr-check: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr, "%d call records checked, %d answered calls without a recording\n", checked, findings);
    return findings ? 3 : 0;
}

} // namespace vv::agent
