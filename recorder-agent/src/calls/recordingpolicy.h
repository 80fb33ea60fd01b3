#pragma once
// The recording rule (docs/architecture.md, "Who is recorded"): a call leg is recorded when exactly one side
// is an extension of an enabled vault and that extension is not excluded.
// Both sides extensions: internal. Neither: a trunk leg whose extension leg is
// recorded separately. Every decision carries a human-readable reason.
#include "config/agentconfig.h"

#include <QString>
#include <string>
#include <vector>

namespace vv::agent {

struct PartyIdentity
{
    std::string number; // normalised user part
    std::string host;   // lower-case SIP host, may be empty (tel: URIs)
};

struct CallIdentities
{
    std::vector<PartyIdentity> caller; // P-Asserted-Identity, From (in that order)
    std::vector<PartyIdentity> callee; // To, Request-URI
};

enum class CallDirection { None, Inbound, Outbound, Internal };

struct PolicyDecision
{
    bool record = false;
    QString reason;
    int vaultIndex = -1;
    QString vault;
    QString extension;
    bool extensionIsCaller = true;
    CallDirection direction = CallDirection::None;
    QString caller; // numbers to report
    QString callee;
};

class RecordingPolicy
{
public:
    explicit RecordingPolicy(std::vector<VaultConfig> vaults = {});
    PolicyDecision decide(const CallIdentities &ids) const;
    const std::vector<VaultConfig> &vaults() const { return m_vaults; }

private:
    struct Match
    {
        int vault = -1;
        QString number;
    };
    Match findExtension(const std::vector<PartyIdentity> &candidates) const;

    std::vector<VaultConfig> m_vaults;
};

QString directionName(CallDirection d); // "inbound", ...; empty for None

} // namespace vv::agent
