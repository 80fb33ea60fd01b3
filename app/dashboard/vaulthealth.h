#pragma once
// One line of the reseller's dashboard: what the app knows of one vault on one server (or of a server it could
// not reach), and the rules that rank those lines worst first. Plain data and pure functions, so the ranking is
// tested row by row (tst_dashboardrules) without a window.
#include "apimodel.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace vv::dashboard {

enum class Health {
    Ok,      // recording, nothing open
    Unknown, // not fetched yet
    Warning, // degraded calls, warnings open, usage near the cap
    Failing, // not recording: server unreachable, capture down, missed calls, critical alerts
};

struct VaultHealthRow
{
    qint64 serverId = 0;
    QString serverName;
    qint64 vaultId = 0; // 0: the row stands for a server whose vaults could not be listed
    QString vaultName;
    QString customer; // empty: not linked to a customer in this app
    bool fetched = false;
    bool reachable = false;
    bool signedOut = false; // no session and no remembered password: nothing was asked
    QString error;          // why the server or vault could not be read
    std::optional<vv::net::ServerStatus> status;
    bool enabled = true; // the vault's recording switch
    std::optional<vv::net::AssuranceDay> today;
    std::optional<vv::net::AssuranceDay> week; // the last seven days, today included
    int openAlerts = 0;
    bool criticalAlert = false;
    qint64 bytesUsed = 0;
    std::optional<qint64> capBytes;
};

Health healthOf(const VaultHealthRow &row);
// Why a row is not Ok, in the words the dashboard shows ("capture down: no such device"); empty when Ok.
QString reasonOf(const VaultHealthRow &row);
// Orders rows worst first: failing, warning, unknown, ok; then by missed calls, then by name.
bool worseThan(const VaultHealthRow &a, const VaultHealthRow &b);
// "12 / 1 / 0" recorded / degraded / missed, or "—".
QString assuranceText(const std::optional<vv::net::AssuranceDay> &day);

} // namespace vv::dashboard
