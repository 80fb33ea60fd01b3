#include "calls/recordingpolicy.h"

#include <cctype>

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

bool PolicyDecision::recordsAnything() const
{
    for (const VaultLeg &l : legs)
        if (l.record)
            return true;
    return false;
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

// A telephone number or extension ("+442079460000", "203", "*8"), not a device's contact name ("x7k2", "gw").
static bool looksLikeNumber(const std::string &s)
{
    if (s.empty())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (!(std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '*' || s[i] == '#' || (i == 0 && s[i] == '+')))
            return false;
    return s != "+";
}

static QString firstNumberLike(const std::vector<PartyIdentity> &ids)
{
    for (const PartyIdentity &id : ids)
        if (looksLikeNumber(id.number))
            return QString::fromStdString(id.number);
    return {};
}

VaultLeg RecordingPolicy::legFor(const Match &ext, bool extensionIsCaller, CallDirection direction) const
{
    const VaultConfig &vault = m_vaults[static_cast<std::size_t>(ext.vault)];
    VaultLeg leg;
    leg.vaultIndex = ext.vault;
    leg.vault = vault.name;
    leg.extension = ext.number;
    leg.extensionIsCaller = extensionIsCaller;
    leg.direction = direction;
    if (!vault.enabled)
        leg.reason = QStringLiteral("vault disabled");
    else if (vault.excluded.contains(ext.number))
        leg.reason = QStringLiteral("excluded extension %1").arg(ext.number);
    else {
        leg.record = true;
        leg.reason = QStringLiteral("recorded");
    }
    return leg;
}

PolicyDecision RecordingPolicy::decide(const CallIdentities &ids) const
{
    PolicyDecision d;
    const Match caller = findExtension(ids.caller);
    // Who answered decides. Only when nothing says who answered (before the answer, or an answer that names
    // nobody) does the number dialled stand in for them: a ring group forwarded to a mobile was answered by an
    // external number, whatever the dialled number is.
    // A device's contact name ("x7k2") says nothing about who answered; a number does.
    Match callee = findExtension(ids.answered);
    const QString answeredNumber = firstNumberLike(ids.answered);
    if (callee.vault < 0 && answeredNumber.isEmpty())
        callee = findExtension(ids.dialled);
    d.caller = caller.vault >= 0 ? caller.number : firstNumber(ids.caller);
    const QString dialled = firstNumber(ids.dialled);
    d.callee = callee.vault >= 0           ? callee.number
               : !answeredNumber.isEmpty() ? answeredNumber
               : !dialled.isEmpty()        ? dialled
                                           : firstNumber(ids.answered);
    if (!dialled.isEmpty() && dialled != d.callee)
        d.dialled = dialled;

    if (caller.vault < 0 && callee.vault < 0) {
        d.reason = QStringLiteral("no extension on either side");
        return d;
    }
    if (caller.vault >= 0 && callee.vault == caller.vault) {
        VaultLeg leg;
        leg.vaultIndex = caller.vault;
        leg.vault = m_vaults[static_cast<std::size_t>(caller.vault)].name;
        leg.extension = caller.number;
        leg.direction = CallDirection::Internal;
        leg.reason = QStringLiteral("internal");
        d.legs.push_back(leg);
        return d;
    }
    // Extensions of two vaults are two customers: the call is external to each, and each keeps its own copy.
    if (caller.vault >= 0)
        d.legs.push_back(legFor(caller, true, CallDirection::Outbound));
    if (callee.vault >= 0)
        d.legs.push_back(legFor(callee, false, CallDirection::Inbound));
    return d;
}

} // namespace vv::agent
