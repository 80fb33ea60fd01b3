#pragma once
// The [vault NAME] sections of the config file, merged into the catalogue's
// vault rows. A key of the file is applied when the vault is created and
// whenever the file's value changes; otherwise the catalogue (changed through
// the API) is authoritative. So neither an edit of the file nor an edit in the
// app is silently undone by the other.
#include "config/agentconfig.h"
#include "vault/catalogue.h"

namespace vv::agent {

bool mergeConfigIntoCatalogue(Catalogue *catalogue, const AgentConfig &config, PacketTime now, QString *error);

} // namespace vv::agent
