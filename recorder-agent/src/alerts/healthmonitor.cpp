#include "alerts/healthmonitor.h"

#include <QDateTime>
#include <QTime>

namespace vv::agent {

namespace {

constexpr PacketTime kSecond = 1'000'000;
constexpr PacketTime kMinute = 60 * kSecond;
constexpr PacketTime kDay = 24 * 60 * kMinute;

QString gb(qint64 bytes)
{
    return QStringLiteral("%1 GB").arg(double(bytes) / 1e9, 0, 'f', 2);
}

} // namespace

bool HealthKind::isMoment(const QString &kind)
{
    return kind == MissedCall || kind == AgentRestarted || kind == CdrMissed;
}

HealthMonitor::HealthMonitor(AlertsConfig rules, Sink sink)
    : m_rules(std::move(rules))
    , m_sink(std::move(sink))
{}

void HealthMonitor::restore(const std::vector<HealthEvent> &open, PacketTime now)
{
    for (const HealthEvent &e : open)
        if (!HealthKind::isMoment(e.kind)) // moments wait for a person, not for a condition
            m_open.insert(e.key, e.kind);
    m_startedAt = now;
}

void HealthMonitor::open(PacketTime now, const QString &key, const QString &kind, qint64 vaultId,
                         const QString &severity, const QString &detail)
{
    if (!HealthKind::isMoment(kind))
        m_open.insert(key, kind);
    m_sink({now, key, kind, vaultId, QStringLiteral("open"), severity, detail, {}});
}

void HealthMonitor::set(PacketTime now, const QString &key, const QString &kind, qint64 vaultId, bool condition,
                        const QString &severity, const QString &detail, const QString &resolution)
{
    const bool isOpen = m_open.contains(key);
    if (condition && !isOpen) {
        open(now, key, kind, vaultId, severity, detail);
    } else if (!condition && isOpen) {
        m_open.remove(key);
        m_sink({now, key, kind, vaultId, QStringLiteral("resolve"), severity, resolution, {}});
    }
}

void HealthMonitor::started(PacketTime now, bool afterUncleanStop, const QString &version)
{
    m_startedAt = now;
    const QString key = HealthKind::AgentRestarted + u':' + QString::number(now / kSecond);
    if (afterUncleanStop)
        open(now, key, HealthKind::AgentRestarted, 0, Severity::Warning,
             QStringLiteral("the agent restarted (%1) after an unclean stop (a crash, kill -9 or power loss): calls "
                            "in progress then were cut short, and calls during the outage were not seen")
                 .arg(version));
}

bool HealthMonitor::withinSipHours(PacketTime now) const
{
    if (m_rules.sipHours.isEmpty())
        return true;
    const QTime t = QDateTime::fromMSecsSinceEpoch(now / 1000, Qt::UTC).time();
    const QTime from = QTime::fromString(m_rules.sipHours.left(5), QStringLiteral("HH:mm"));
    const QString toText = m_rules.sipHours.mid(6);
    const QTime to = toText == u"24:00" ? QTime(23, 59, 59, 999) : QTime::fromString(toText, QStringLiteral("HH:mm"));
    return from <= to ? (t >= from && t < to) : (t >= from || t < to);
}

void HealthMonitor::evaluate(const HealthInputs &in)
{
    const PacketTime now = in.now;
    if (!m_startedAt)
        m_startedAt = now;

    // Capture.
    if (in.interface != u"none")
        set(now, HealthKind::CaptureDown + u':' + in.interface, HealthKind::CaptureDown, 0, !in.captureRunning,
            Severity::Critical,
            QStringLiteral("capture on %1 stopped: %2. Nothing is recorded until it runs again; the agent retries "
                           "every 5 s.")
                .arg(in.interface, in.captureError.isEmpty() ? QStringLiteral("not running") : in.captureError),
            QStringLiteral("capture on %1 runs again").arg(in.interface));

    if (m_rules.noSipMinutes > 0 && in.interface != u"none") {
        const PacketTime last = std::max(in.lastSipAt, m_startedAt);
        const bool quiet = in.captureRunning && now - last > m_rules.noSipMinutes * kMinute && withinSipHours(now);
        set(now, HealthKind::NoSip, HealthKind::NoSip, 0, quiet, Severity::Warning,
            QStringLiteral("no SIP seen on %1 for %2 minutes: is the PBX up, and is the agent still on its traffic "
                           "(mirror port, interface)?")
                .arg(in.interface)
                .arg(m_rules.noSipMinutes),
            QStringLiteral("SIP seen again"));
    }

    // Drops: more than the threshold within the last minute opens; five quiet minutes resolve.
    m_dropSamples.emplace_back(now, in.captureDrops);
    while (m_dropSamples.size() > 1 && now - m_dropSamples.front().first > kMinute)
        m_dropSamples.pop_front();
    const quint64 lastMinute = in.captureDrops - m_dropSamples.front().second;
    const bool dropping = lastMinute > quint64(m_rules.dropsPerMinute);
    if (dropping)
        m_dropsQuietSince = 0;
    else if (!m_dropsQuietSince)
        m_dropsQuietSince = now;
    if (dropping || (m_dropsQuietSince && now - m_dropsQuietSince >= 5 * kMinute))
        set(now, HealthKind::CaptureDrops, HealthKind::CaptureDrops, 0, dropping, Severity::Warning,
            QStringLiteral("%1 packets dropped by capture in the last minute: recordings may have holes (the host is "
                           "overloaded, or the capture queue is too small)")
                .arg(lastMinute),
            QStringLiteral("no drops above %1 a minute for 5 minutes").arg(m_rules.dropsPerMinute));

    set(now, HealthKind::DiskReserve, HealthKind::DiskReserve, 0, in.diskLow, Severity::Critical,
        QStringLiteral("the disk's free-space reserve is reached (%1 free): new calls are not recorded. Free space, "
                       "or lower the caps of unlimited vaults.")
            .arg(gb(in.diskFreeBytes)),
        QStringLiteral("free space above the reserve again (%1 free)").arg(gb(in.diskFreeBytes)));

    qint64 unlimitedGrowth = 0;
    for (const VaultHealth &v : in.vaults) {
        if (v.capBytes && *v.capBytes > 0) {
            const double percent = 100.0 * double(v.heldBytes) / double(*v.capBytes);
            const QString key = HealthKind::VaultNearCap + u':' + QString::number(v.id);
            // Opens at the threshold, resolves 5 points below, so a vault at the edge does not flap.
            const bool near = percent >= m_rules.capWarnPercent ||
                              (isOpen(key) && percent >= std::max(0, m_rules.capWarnPercent - 5));
            set(now, key, HealthKind::VaultNearCap, v.id, near, Severity::Info,
                QStringLiteral("vault %1 holds %2 of its %3 cap (%4%): from now on the oldest recordings are "
                               "overwritten to make room")
                    .arg(v.name, gb(v.heldBytes), gb(*v.capBytes))
                    .arg(percent, 0, 'f', 0),
                QStringLiteral("vault %1 is below %2% of its cap").arg(v.name).arg(m_rules.capWarnPercent - 5));
        } else if (v.dailyGrowthBytes && *v.dailyGrowthBytes > 0) {
            unlimitedGrowth += qint64(*v.dailyGrowthBytes);
        }
    }
    // Unlimited vaults together against the disk: the forecast is for the disk, the event names the vaults.
    if (m_rules.fillForecastDays > 0) {
        const double days = unlimitedGrowth > 0 ? double(in.diskFreeBytes) / double(unlimitedGrowth) : 1e9;
        set(now, HealthKind::DiskFillForecast, HealthKind::DiskFillForecast, 0, days < m_rules.fillForecastDays,
            Severity::Warning,
            QStringLiteral("at the last week's growth (%1 a day in vaults allowed to grow indefinitely) the disk "
                           "(%2 free) fills in about %3 days: add space, or give those vaults a cap")
                .arg(gb(unlimitedGrowth), gb(in.diskFreeBytes))
                .arg(days, 0, 'f', 0),
            QStringLiteral("the disk is no longer forecast to fill within %1 days").arg(m_rules.fillForecastDays));
    }

    for (const MissedCall &m : in.missed) {
        open(now, HealthKind::MissedCall + u':' + QString::number(m.rowId), HealthKind::MissedCall, m.vaultId,
             Severity::Warning,
             QStringLiteral("call %1 → %2 (vault %3) should have been recorded and was not: %4")
                 .arg(m.caller, m.callee, m.vault, m.reason));
        if (m.reason.contains(QStringLiteral("vault full")))
            set(now, HealthKind::VaultFullProtected + u':' + QString::number(m.vaultId), HealthKind::VaultFullProtected,
                m.vaultId, true, Severity::Critical,
                QStringLiteral("vault %1 is full of protected recordings and calls in progress: new calls are not "
                               "recorded until protection is released or the cap raised")
                    .arg(m.vault),
                {});
    }
    for (qint64 vault : in.vaultsRecorded)
        set(now, HealthKind::VaultFullProtected + u':' + QString::number(vault), HealthKind::VaultFullProtected, vault,
            false, Severity::Critical, {}, QStringLiteral("recording again: the vault has room"));

    if (in.certificateExpiresAt && m_rules.certificateWarnDays > 0) {
        const PacketTime left = in.certificateExpiresAt - now;
        set(now, HealthKind::CertificateExpiring, HealthKind::CertificateExpiring, 0,
            left < m_rules.certificateWarnDays * kDay, left <= 0 ? Severity::Critical : Severity::Warning,
            left <= 0 ? QStringLiteral("the API certificate expired on %1: the app refuses to connect until it is "
                                       "renewed")
                            .arg(isoUtcMillis(in.certificateExpiresAt))
                      : QStringLiteral("the API certificate expires on %1 (in %2 days): renew it, then tell users "
                                       "to confirm the new fingerprint")
                            .arg(isoUtcMillis(in.certificateExpiresAt))
                            .arg(left / kDay),
            QStringLiteral("the API certificate was renewed"));
    }

    // Catalogue failures: any new one opens; ten quiet minutes resolve.
    if (in.catalogueFailures > m_catalogueFailures)
        m_lastCatalogueFailureAt = now;
    const quint64 newFailures = in.catalogueFailures - m_catalogueFailures;
    m_catalogueFailures = in.catalogueFailures;
    set(now, HealthKind::CatalogueErrors, HealthKind::CatalogueErrors, 0,
        m_lastCatalogueFailureAt && now - m_lastCatalogueFailureAt < 10 * kMinute, Severity::Critical,
        QStringLiteral("the catalogue failed %1 time(s) (a damaged or locked file, or a full disk): the app gets "
                       "\"unavailable\" answers and rows may be late; see the agent's log")
            .arg(newFailures),
        QStringLiteral("no catalogue failure for 10 minutes"));
}

void HealthMonitor::cdrMissed(PacketTime now, const QString &key, qint64 vaultId, const QString &detail)
{
    open(now, key, HealthKind::CdrMissed, vaultId, Severity::Warning, detail);
}

} // namespace vv::agent
