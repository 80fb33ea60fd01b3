#include "healthcollector.h"

#include "agentclient.h"
#include "customerdirectory.h"

#include <QHash>
#include <memory>

namespace vv::dashboard {

using vv::net::AgentClient;
using vv::net::ApiResult;

struct HealthCollector::Gather
{
    quint64 generation = 0;
    qint64 serverId = 0;
    QString serverName;
    int outstanding = 0;
    bool failed = false;
    bool signedOut = false;
    QString error;
    std::optional<vv::net::ServerStatus> status;
    QList<VaultHealthRow> rows;
    QHash<qint64, QString> customers; // vault id -> customer name, linked in this app
};

HealthCollector::HealthCollector(vv::app::CustomerDirectory *directory, ClientProvider provider, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_provider(std::move(provider))
{}

void HealthCollector::refresh()
{
    ++m_generation;
    const QList<vv::app::Server> servers = m_directory->servers();
    m_pending = int(servers.size());
    if (servers.isEmpty()) {
        Q_EMIT finished();
        return;
    }
    for (const vv::app::Server &s : servers)
        collect(s.id, s.displayName());
}

void HealthCollector::collect(qint64 serverId, const QString &serverName)
{
    auto g = std::make_shared<Gather>();
    g->generation = m_generation;
    g->serverId = serverId;
    g->serverName = serverName;
    QHash<qint64, QString> names;
    for (const vv::app::Customer &c : m_directory->customers())
        names.insert(c.id, c.name);
    for (const vv::app::Service &s : m_directory->allServices())
        if (s.serverId == serverId)
            g->customers.insert(s.vaultId, names.value(s.customerId));

    auto fail = [this, g](const QString &why) {
        g->failed = true;
        g->error = why;
        done(g);
    };
    m_provider(
        serverId, this,
        [this, g, fail](AgentClient *client) {
            client->status(this, [this, g, client, fail](const ApiResult &r) {
                QString error;
                const auto st = vv::net::answerAs<vv::net::ServerStatus>(r, &error);
                if (!st)
                    return fail(error);
                g->status = st;
                client->listVaults(this, [this, g, client, fail](const ApiResult &r) {
                    QString error;
                    const auto vaults = vv::net::answerItems<vv::net::Vault>(r, &error);
                    if (!vaults)
                        return fail(tr("the vaults could not be listed (%1)").arg(error));
                    for (const vv::net::Vault &v : *vaults) {
                        VaultHealthRow row;
                        row.serverId = g->serverId;
                        row.serverName = g->serverName;
                        row.vaultId = v.id;
                        row.vaultName = v.name;
                        row.customer = g->customers.value(v.id);
                        row.fetched = true;
                        row.reachable = true;
                        row.status = g->status;
                        row.bytesUsed = v.bytesUsed;
                        if (v.settings) {
                            row.enabled = v.settings->enabled;
                            row.capBytes = v.settings->capBytes;
                        }
                        g->rows.append(row);
                    }
                    g->outstanding = int(g->rows.size()) + 1;
                    client->healthEvents(true, this, [this, g](const ApiResult &r) {
                        QString error;
                        if (const auto events = vv::net::answerItems<vv::net::HealthEvent>(r, &error)) {
                            for (VaultHealthRow &row : g->rows)
                                for (const vv::net::HealthEvent &e : *events)
                                    if (!e.vaultId || *e.vaultId == row.vaultId) {
                                        ++row.openAlerts;
                                        row.criticalAlert |= e.severity == u"critical";
                                    }
                        } else {
                            for (VaultHealthRow &row : g->rows)
                                row.error = tr("alerts could not be read (%1)").arg(error);
                        }
                        if (--g->outstanding == 0)
                            done(g);
                    });
                    for (int i = 0; i < g->rows.size(); ++i) {
                        client->assurance(g->rows[i].vaultId, 7, this, [this, g, i](const ApiResult &r) {
                            QString error;
                            if (const auto a = vv::net::answerAs<vv::net::Assurance>(r, &error)) {
                                g->rows[i].week = a->total;
                                if (!a->days.isEmpty())
                                    g->rows[i].today = a->days.back();
                            } else {
                                g->rows[i].error = tr("assurance could not be read (%1)").arg(error);
                            }
                            if (--g->outstanding == 0)
                                done(g);
                        });
                    }
                });
            });
        },
        [g, fail](const QString &why) {
            g->signedOut = true;
            fail(why);
        });
}

void HealthCollector::done(const std::shared_ptr<Gather> &g)
{
    if (g->generation != m_generation)
        return;
    if (g->failed) {
        VaultHealthRow row;
        row.serverId = g->serverId;
        row.serverName = g->serverName;
        row.fetched = true;
        row.reachable = false;
        row.signedOut = g->signedOut;
        row.error = g->error;
        g->rows = {row};
    }
    Q_EMIT serverCollected(g->serverId, g->rows);
    if (--m_pending == 0)
        Q_EMIT finished();
}

} // namespace vv::dashboard
