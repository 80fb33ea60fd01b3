#include "vault/vaultconfigmerge.h"

#include "common/logging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace vv::agent {

bool mergeConfigIntoCatalogue(Catalogue *catalogue, const AgentConfig &config, PacketTime now, QString *error)
{
    std::vector<VaultRecord> existing = catalogue->loadVaults();
    for (const VaultConfig &vc : config.vaults) {
        VaultRecord rec;
        bool found = false;
        for (const VaultRecord &e : existing)
            if (e.name == vc.name) {
                rec = e;
                found = true;
            }
        const QJsonObject applied = QJsonDocument::fromJson(rec.configApplied.toUtf8()).object();
        QJsonObject now_;
        bool changed = !found;
        for (auto it = vc.rawKeys.constBegin(); it != vc.rawKeys.constEnd(); ++it) {
            now_.insert(it.key(), it.value());
            if (found && applied.value(it.key()).toString() == it.value())
                continue;
            changed = true;
            const QString &k = it.key();
            if (k == u"enabled")
                rec.enabled = vc.enabled;
            else if (k == u"extensions")
                rec.extensions = vc.extensionList;
            else if (k == u"extension_pattern")
                rec.extensionPattern = vc.extensionPattern;
            else if (k == u"excluded")
                rec.excluded = vc.excluded;
            else if (k == u"domains")
                rec.domains = vc.domains;
            else if (k == u"cap")
                rec.capBytes = vc.capBytes;
            else if (k == u"retention_months")
                rec.retentionMonths = vc.retentionMonths;
            else if (k == u"price_per_gb_month")
                rec.pricePencePerGbMonth = vc.pricePence;
        }
        // The numbering plan is the vault's own or the agent's: compared as applied, whichever file section set it.
        const QString countryCode = vc.countryCode.value_or(config.countryCode);
        const QString nationalPrefix = vc.nationalPrefix.value_or(config.nationalPrefix);
        const bool planChanged = found && (rec.countryCode != countryCode || rec.nationalPrefix != nationalPrefix);
        if (!found || planChanged) {
            rec.countryCode = countryCode;
            rec.nationalPrefix = nationalPrefix;
            changed = true;
        }
        if (!changed)
            continue;
        rec.name = vc.name;
        rec.configApplied = QString::fromUtf8(QJsonDocument(now_).toJson(QJsonDocument::Compact));
        if (!catalogue->saveVault(&rec, now, error))
            return false;
        if (planChanged && !catalogue->forgetNormalisedNumbers(rec.id, error))
            return false;
        qCInfo(lcConfig).noquote() << (found ? "vault" : "created vault") << rec.name << "from the config file";
    }
    return true;
}

} // namespace vv::agent
