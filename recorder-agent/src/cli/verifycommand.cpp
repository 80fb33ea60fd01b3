// vipvault-agent verify: checks tamper evidence offline (vault/chainverify.h). One JSON line per vault and one for
// the audit log; exit 0 when everything verifies, 4 when something does not (each problem named), 1 when the data
// cannot be read, 2 on a usage error. Read-only: safe while the agent runs.
#include "cli/agentcontext.h"
#include "cli/commands.h"
#include "config/agentconfig.h"
#include "vault/chainsigner.h"
#include "vault/chainverify.h"

#include <QFileInfo>
#include <QJsonObject>
#include <cstdio>

namespace vv::agent {

int verifyCommand(const QStringList &argsIn)
{
    QString vaultName;
    QString keyHex;
    bool checkFiles = true;
    QStringList rest;
    for (int i = 0; i < argsIn.size(); ++i) {
        const QString &a = argsIn.at(i);
        if (a == u"--vault" && i + 1 < argsIn.size())
            vaultName = argsIn.at(++i);
        else if (a == u"--public-key" && i + 1 < argsIn.size())
            keyHex = argsIn.at(++i);
        else if (a == u"--no-files")
            checkFiles = false;
        else
            rest << a;
    }
    AgentConfig config;
    QString error;
    if (!loadConfigFromArgs(&rest, &config, &error)) {
        std::fprintf(stderr, "vipvault-agent verify: %s\n", qPrintable(error));
        return 2;
    }
    const QByteArray publicKey = QByteArray::fromHex(keyHex.toLatin1());
    if (!keyHex.isEmpty() && publicKey.size() != 32) {
        std::fprintf(stderr, "vipvault-agent verify: --public-key wants 64 hexadecimal digits\n");
        return 2;
    }
    if (!QFileInfo::exists(cataloguePath(config.dataDir))) {
        std::fprintf(stderr, "vipvault-agent verify: no catalogue in %s (has the agent run?)\n",
                     qPrintable(config.dataDir));
        return 1;
    }
    Catalogue catalogue(QStringLiteral("verify"));
    if (!catalogue.open(cataloguePath(config.dataDir), &error)) {
        std::fprintf(stderr, "vipvault-agent verify: %s\n", qPrintable(error));
        return 1;
    }
    bool ok = true;
    bool found = vaultName.isEmpty();
    for (const VaultRecord &v : catalogue.loadVaults()) {
        if (!vaultName.isEmpty() && v.name != vaultName)
            continue;
        found = true;
        const VaultVerdict verdict =
            verifyVault(catalogue.database(), config.dataDir, v.id, v.name, publicKey, checkFiles);
        ok = ok && verdict.ok();
        printJsonLine(verdict.toJson());
    }
    if (!found) {
        std::fprintf(stderr, "vipvault-agent verify: no vault named %s\n", qPrintable(vaultName));
        return 2;
    }
    if (vaultName.isEmpty()) {
        const AuditVerdict audit = verifyAudit(catalogue.database());
        ok = ok && audit.ok();
        printJsonLine(audit.toJson());
    }
    return ok ? 0 : 4;
}

} // namespace vv::agent
