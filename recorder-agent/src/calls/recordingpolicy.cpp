#include "calls/recordingpolicy.h"

namespace vv::agent {

RecordingPolicy::RecordingPolicy(std::vector<VaultConfig> vaults)
    : m_vaults(std::move(vaults))
{}

QString directionName(CallDirection d)
{
    switch (d) {
    case CallDirection::Inbound:
        return QStringLiteral("inbound");
    case CallDirection::Outbound:
        return QStringLiteral("outbound");
    case CallDirection::Internal:
        return QStringLiteral("internal");
    case CallDirection::None:
        break;
    }
    return {};
}

RecordingPolicy::Match RecordingPolicy::findExtension(const std::vector<PartyIdentity> &candidates) const
{
    for (const PartyIdentity &id : candidates) {
        if (id.number.empty())
            continue;
        const QString number = QString::fromStdString(id.number);
        const QString host = QString::fromStdString(id.host);
        for (std::size_t v = 0; v < m_vaults.size(); ++v) {
            const VaultConfig &vault = m_vaults[v];
            if (!vault.domains.isEmpty() && !vault.domains.contains(host))
                continue;
            if (vault.extensions.matches(number))
                return {static_cast<int>(v), number};
        }
    }
    return {};
}

static QString firstNumber(const std::vector<PartyIdentity> &ids)
{
    for (const PartyIdentity &id : ids)
        if (!id.number.empty())
            return QString::fromStdString(id.number);
    return {};
}

PolicyDecision RecordingPolicy::decide(const CallIdentities &ids) const
{
    PolicyDecision d;
    const Match caller = findExtension(ids.caller);
    const Match callee = findExtension(ids.callee);
    d.caller = caller.vault >= 0 ? caller.number : firstNumber(ids.caller);
    d.callee = callee.vault >= 0 ? callee.number : firstNumber(ids.callee);

    if (caller.vault < 0 && callee.vault < 0) {
        d.reason = QStringLiteral("no extension on either side");
        return d;
    }
    // Two extensions of one vault talk internally. Extensions of two different
    // vaults are two customers: the call is external to the caller's vault,
    // so it is recorded there as outbound.
    if (caller.vault >= 0 && callee.vault == caller.vault) {
        d.direction = CallDirection::Internal;
        d.vaultIndex = caller.vault;
        d.vault = m_vaults[caller.vault].name;
        d.extension = caller.number;
        d.reason = QStringLiteral("internal");
        return d;
    }
    const bool extIsCaller = caller.vault >= 0;
    const Match &ext = extIsCaller ? caller : callee;
    const VaultConfig &vault = m_vaults[ext.vault];
    d.vaultIndex = ext.vault;
    d.vault = vault.name;
    d.extension = ext.number;
    d.extensionIsCaller = extIsCaller;
    d.direction = extIsCaller ? CallDirection::Outbound : CallDirection::Inbound;
    if (!vault.enabled) {
        d.reason = QStringLiteral("vault disabled");
        return d;
    }
    if (vault.excluded.contains(ext.number)) {
        d.reason = QStringLiteral("excluded extension %1").arg(ext.number);
        return d;
    }
    d.record = true;
    d.reason = QStringLiteral("recorded");
    return d;
}

} // namespace vv::agent
