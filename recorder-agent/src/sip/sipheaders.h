#pragma once
// Header values a call tracker reads beyond the dialog's own: the branch of
// the top Via (which transaction a response answers), Replaces (RFC 3891:
// attended transfer, call pickup), Refer-To and Referred-By (RFC 3515, 3892),
// Contact, and the identities a response asserts (P-Asserted-Identity,
// Remote-Party-ID).
#include "sip/sipmessage.h"
#include "sip/sipuri.h"

#include <optional>
#include <string>
#include <vector>

namespace vv::agent {

struct ReplacesTarget
{
    std::string callId;
    std::string toTag;
    std::string fromTag;
    bool earlyOnly = false;
};

// The branch parameter of the first Via of the message; empty when absent.
std::string topViaBranch(const SipMessage &msg);
// "abc@host;to-tag=1;from-tag=2;early-only" (the header, or the Replaces= URI header of a Refer-To).
std::optional<ReplacesTarget> parseReplaces(std::string_view value);
// Every identity of a P-Asserted-Identity (which may list several, comma-separated) and Remote-Party-ID.
std::vector<NameAddr> assertedIdentities(const SipMessage &msg);

} // namespace vv::agent
