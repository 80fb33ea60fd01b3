#pragma once
// Who a call is recorded for (docs/call-rules.md). A call is recorded in a
// vault when one side is an extension of that vault and the other side is not
// one of its extensions: an external number, or a customer on another vault of
// the same host (then the call is external to both and recorded in both).
// Both sides extensions of one vault: internal, never recorded. Neither side
// an extension (a B2BUA's trunk leg): not recorded, because the extension leg
// of the same call is. The extension that ANSWERED decides, not the number
// dialled: a ring group, hunt group, forward, pickup or transfer can end on
// another extension, and exclusions apply to whoever talked; the number
// dialled is kept beside it. Every decision carries a human-readable reason.
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
    // The side that sent the first INVITE: P-Asserted-Identity, From.
    std::vector<PartyIdentity> caller;
    // Who answered, best evidence first: the answer's P-Asserted-Identity / Remote-Party-ID, the Request-URI of
    // the INVITE sent to the answering branch, the answer's Contact, the device's registration. Empty before
    // the answer.
    std::vector<PartyIdentity> answered;
    // What the caller dialled: To and Request-URI of the first INVITE.
    std::vector<PartyIdentity> dialled;
};

enum class CallDirection { None, Inbound, Outbound, Internal };

// A call as one vault sees it.
struct VaultLeg
{
    int vaultIndex = -1;
    QString vault;
    QString extension;             // the vault's extension on the call
    bool extensionIsCaller = true; // which SIP side is the extension's: the INVITE's sender or its recipient
    CallDirection direction = CallDirection::None;
    bool record = false;
    QString reason; // "recorded", "internal", "excluded extension 203", "vault disabled"
};

struct PolicyDecision
{
    std::vector<VaultLeg> legs; // one per vault the call belongs to; empty: no vault has an extension on it
    QString reason;             // for a call with no leg: "no extension on either side"
    QString caller;             // numbers to report
    QString callee;             // who answered (or, before the answer, who was called)
    QString dialled;            // what the caller dialled, when it differs from callee (ring group, DID, forward)

    bool recordsAnything() const;
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
    VaultLeg legFor(const Match &ext, bool extensionIsCaller, CallDirection direction) const;

    std::vector<VaultConfig> m_vaults;
};

QString directionName(CallDirection d); // "inbound", ...; empty for None

} // namespace vv::agent
