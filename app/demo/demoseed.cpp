#include "demoseed.h"

#include "agentclient.h"
#include "customerdirectory.h"
#include "customermodel.h"

namespace vv::ui {

void seedDemoCustomer(const AppContext &context, qint64 serverId, vv::net::AgentClient *client,
                      const QString &customerName, const QString &vaultName, QObject *receiver,
                      std::function<void(const DemoSeedResult &)> done)
{
    if (!client || customerName.trimmed().isEmpty()) {
        done({false, QStringLiteral("no signed-in server or no customer name"), 0});
        return;
    }
    client->listVaults(receiver, [context, serverId, customerName, vaultName, done](const vv::net::ApiResult &r) {
        QString error;
        const auto vaults = vv::net::answerItems<vv::net::Vault>(r, &error);
        if (!vaults) {
            done({false, QStringLiteral("cannot list the server's vaults: %1").arg(error), 0});
            return;
        }
        qint64 vaultId = 0;
        for (const vv::net::Vault &v : *vaults)
            if (v.name == vaultName)
                vaultId = v.id;
        if (!vaultId) {
            done({false, QStringLiteral("the server has no vault named \"%1\"").arg(vaultName), 0});
            return;
        }

        // Re-running the demo against the same directory must not pile up copies of the customer.
        vv::app::CustomerModel *model = context.customers;
        qint64 customerId = 0;
        for (int row = 0; row < model->rowCount() && !customerId; ++row)
            if (model->customerAt(row).name == customerName)
                customerId = model->customerAt(row).id;
        if (!customerId) {
            vv::app::Customer c;
            c.name = customerName;
            c.accountNumber = QStringLiteral("DEMO-001");
            c.contact = QStringLiteral("Demo contact");
            c.notes = QStringLiteral("Made by vipvault-demo --demo-customer: bound to vault \"%1\" of the demo agent.")
                          .arg(vaultName);
            if (!model->addCustomer(&c)) {
                done({false, QStringLiteral("customer not saved: %1").arg(context.directory->lastError()), 0});
                return;
            }
            customerId = c.id;
        }

        for (const vv::app::Service &s : context.directory->services(customerId))
            if (s.serverId == serverId && s.vaultId == vaultId) {
                done({true,
                      QStringLiteral("customer \"%1\" already bound to vault \"%2\"").arg(customerName, vaultName),
                      customerId});
                return;
            }
        vv::app::Service service{0, customerId, serverId, vaultId, vaultName};
        if (!context.directory->addService(&service)) {
            done({false, QStringLiteral("service not saved: %1").arg(context.directory->lastError()), customerId});
            return;
        }
        done({true,
              QStringLiteral("customer \"%1\" bound to vault \"%2\" (id %3)").arg(customerName, vaultName).arg(vaultId),
              customerId});
    });
}

} // namespace vv::ui
