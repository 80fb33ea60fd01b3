#include "cli/agentcontext.h"
#include "cli/commands.h"
#include "config/agentconfig.h"
#include "vault/usage.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

namespace vv::agent {

// Read-only: opens the catalogue without the lock or any repair, so it is safe
// while the agent runs.
int usageCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    QString vaultName;
    QString month;
    QString at;
    QStringList rest;
    for (int i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--vault" && i + 1 < args.size())
            vaultName = args.at(++i);
        else if (a == u"--month" && i + 1 < args.size())
            month = args.at(++i);
        else if (a == u"--at" && i + 1 < args.size())
            at = args.at(++i);
        else
            rest << a;
    }
    AgentConfig config;
    QString error;
    if (!loadConfigFromArgs(&rest, &config, &error)) {
        std::fprintf(stderr, "vipvault-agent usage: %s\n", qPrintable(error));
        return 2;
    }
    PacketTime now = QDateTime::currentMSecsSinceEpoch() * 1000;
    if (!at.isEmpty()) {
        const QDateTime t = QDateTime::fromString(at, Qt::ISODateWithMs);
        if (!t.isValid()) {
            std::fprintf(stderr, "vipvault-agent usage: --at wants an ISO 8601 time, got %s\n", qPrintable(at));
            return 2;
        }
        now = t.toMSecsSinceEpoch() * 1000;
    }
    if (!QFileInfo::exists(cataloguePath(config.dataDir))) {
        std::fprintf(stderr, "vipvault-agent usage: no catalogue in %s (has the agent run?)\n",
                     qPrintable(config.dataDir));
        return 1;
    }
    Catalogue catalogue(QStringLiteral("usage"));
    if (!catalogue.open(cataloguePath(config.dataDir), &error)) {
        std::fprintf(stderr, "vipvault-agent usage: %s\n", qPrintable(error));
        return 1;
    }
    bool found = vaultName.isEmpty();
    for (const VaultRecord &v : catalogue.loadVaults()) {
        if (!vaultName.isEmpty() && v.name != vaultName)
            continue;
        found = true;
        QJsonObject o = computeUsage(&catalogue, v, now).toJson();
        if (!month.isEmpty()) {
            const QDate d = QDate::fromString(month + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
            if (!d.isValid()) {
                std::fprintf(stderr, "vipvault-agent usage: --month wants YYYY-MM\n");
                return 2;
            }
            const auto [from, to] = monthBounds(d.year(), d.month());
            o.insert(QStringLiteral("statement"),
                     computeStatement(d.year(), d.month(), catalogue.lastSampleBefore(v.id, from),
                                      catalogue.usageSamples(v.id, from, to), now, v.pricePencePerGbMonth)
                         .toJson());
        }
        printJsonLine(o);
    }
    if (!found) {
        std::fprintf(stderr, "vipvault-agent usage: no vault named %s\n", qPrintable(vaultName));
        return 1;
    }
    return 0;
}

} // namespace vv::agent
