#include "vaulthealth.h"

#include <QCoreApplication>

namespace vv::dashboard {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("vv::dashboard", text, disambiguation, n);
}

bool nearCap(const VaultHealthRow &row)
{
    return row.capBytes && *row.capBytes > 0 && row.bytesUsed * 10 >= *row.capBytes * 9;
}

int rank(Health h)
{
    switch (h) {
    case Health::Failing:
        return 0;
    case Health::Warning:
        return 1;
    case Health::Unknown:
        return 2;
    case Health::Ok:
        break;
    }
    return 3;
}

} // namespace

Health healthOf(const VaultHealthRow &row)
{
    if (!row.fetched)
        return Health::Unknown;
    if (row.signedOut)
        return Health::Warning; // unknown, and the reseller can do something about it
    if (!row.reachable || !row.error.isEmpty())
        return Health::Failing;
    if (row.enabled && row.status && !row.status->captureRunning)
        return Health::Failing;
    if (row.criticalAlert || (row.today && row.today->missed > 0))
        return Health::Failing;
    if (row.openAlerts > 0 || (row.today && row.today->degraded > 0) || (row.week && row.week->missed > 0) ||
        nearCap(row))
        return Health::Warning;
    return Health::Ok;
}

QString reasonOf(const VaultHealthRow &row)
{
    if (!row.fetched)
        return tr("not fetched yet");
    if (row.signedOut)
        return tr("not signed in, so not checked: %1").arg(row.error);
    if (!row.reachable)
        return tr("server unreachable: %1").arg(row.error);
    if (!row.error.isEmpty())
        return row.error;
    QStringList why;
    if (row.enabled && row.status && !row.status->captureRunning)
        why << (row.status->interface.isEmpty() || row.status->interface == u"none"
                    ? tr("capture is not running: no capture interface configured")
                : row.status->captureError.isEmpty() ? tr("capture is not running")
                                                     : tr("capture down: %1").arg(row.status->captureError));
    if (row.today && row.today->missed > 0)
        why << tr("%n call(s) missed today", nullptr, int(row.today->missed));
    if (row.today && row.today->degraded > 0)
        why << tr("%n call(s) recorded badly today", nullptr, int(row.today->degraded));
    if (row.week && row.week->missed > 0 && !(row.today && row.today->missed == row.week->missed))
        why << tr("%n missed in 7 days", nullptr, int(row.week->missed));
    if (row.openAlerts > 0)
        why << tr("%n open alert(s)", nullptr, row.openAlerts);
    if (nearCap(row))
        why << tr("at %1% of its cap").arg(row.bytesUsed * 100 / *row.capBytes);
    return why.join(QStringLiteral("; "));
}

bool worseThan(const VaultHealthRow &a, const VaultHealthRow &b)
{
    const int ra = rank(healthOf(a));
    const int rb = rank(healthOf(b));
    if (ra != rb)
        return ra < rb;
    const qint64 ma = a.week ? a.week->missed : 0;
    const qint64 mb = b.week ? b.week->missed : 0;
    if (ma != mb)
        return ma > mb;
    if (a.openAlerts != b.openAlerts)
        return a.openAlerts > b.openAlerts;
    const int byServer = a.serverName.localeAwareCompare(b.serverName);
    if (byServer != 0)
        return byServer < 0;
    return a.vaultName.localeAwareCompare(b.vaultName) < 0;
}

QString assuranceText(const std::optional<vv::net::AssuranceDay> &day)
{
    if (!day)
        return QStringLiteral("—");
    return QStringLiteral("%1 / %2 / %3").arg(day->recorded).arg(day->degraded).arg(day->missed);
}

} // namespace vv::dashboard
