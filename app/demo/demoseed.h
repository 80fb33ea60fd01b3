#pragma once
// `vipvault-demo --demo-customer NAME` (scripts/run.sh): puts one customer in the directory bound to a vault of the
// server just signed in to, so the reseller's seven steps can be walked at once. The vault's id and name come from
// the agent's own answer (GET /vaults), never from what the caller assumes, so the demo shows real data.
#include "appcontext.h"

#include <QString>
#include <functional>

class QObject;

namespace vv::net {
class AgentClient;
}

namespace vv::ui {

struct DemoSeedResult
{
    bool ok = false;
    QString message; // what was done, or why not
    qint64 customerId = 0;
};

// Finds or adds the customer NAME (through the model, so an open Customers tab shows it) and binds it to the vault
// VAULT on serverId unless already bound. `done` runs once, on `receiver`'s thread, unless `receiver` is gone.
void seedDemoCustomer(const AppContext &context, qint64 serverId, vv::net::AgentClient *client,
                      const QString &customerName, const QString &vaultName, QObject *receiver,
                      std::function<void(const DemoSeedResult &)> done);

} // namespace vv::ui
