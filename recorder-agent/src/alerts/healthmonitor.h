#pragma once
// Decides when the agent's health changes: from a snapshot of what the
// recorder knows, once a second, it opens and resolves events (capture down,
// no SIP, drops, disk reserve, a vault near its cap or full of protected
// recordings, a disk forecast to fill, the certificate expiring, catalogue
// errors) and reports one-off ones (a missed call, a restart). Pure logic:
// what it decides goes to a sink (alerts/alertsservice writes it to the
// health log and queues the deliveries), so it is tested with a clock and
// made-up snapshots.
#include "common/timeformat.h"
#include "config/alertsconfig.h"
#include "vault/healthstore.h"

#include <QHash>
#include <QString>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

namespace vv::agent {

namespace HealthKind {
inline const QString CaptureDown = QStringLiteral("capture_down");
inline const QString NoSip = QStringLiteral("no_sip");
inline const QString CaptureDrops = QStringLiteral("capture_drops");
inline const QString DiskReserve = QStringLiteral("disk_reserve");
inline const QString VaultNearCap = QStringLiteral("vault_near_cap");
inline const QString VaultFullProtected = QStringLiteral("vault_full_protected");
inline const QString DiskFillForecast = QStringLiteral("disk_fill_forecast");
inline const QString CertificateExpiring = QStringLiteral("certificate_expiring");
inline const QString CatalogueErrors = QStringLiteral("catalogue_errors");
inline const QString AgentRestarted = QStringLiteral("agent_restarted");
inline const QString MissedCall = QStringLiteral("missed_call");
inline const QString CdrMissed = QStringLiteral("cdr_missed");
// Events that report a moment, not a state: they stay open until someone acknowledges them.
bool isMoment(const QString &kind);
} // namespace HealthKind

struct MissedCall
{
    qint64 rowId = 0;
    qint64 vaultId = 0;
    QString vault;
    QString sipCallId;
    QString caller;
    QString callee;
    QString reason;
};

struct VaultHealth
{
    qint64 id = 0;
    QString name;
    std::optional<qint64> capBytes;
    qint64 heldBytes = 0;
    std::optional<double> dailyGrowthBytes; // from the usage samples; unknown early on
};

struct HealthInputs
{
    PacketTime now = 0;
    QString interface; // "none": no capture configured
    bool captureRunning = false;
    QString captureError;
    PacketTime lastSipAt = 0; // 0: none yet
    quint64 captureDrops = 0; // kernel + queue, since the start
    bool diskLow = false;
    qint64 diskFreeBytes = 0;
    std::vector<VaultHealth> vaults;
    PacketTime certificateExpiresAt = 0; // 0: no certificate (API off or plain HTTP)
    quint64 catalogueFailures = 0;       // since the start
    std::vector<MissedCall> missed;      // since the last snapshot
    std::vector<qint64> vaultsRecorded;  // vaults in which a recording started since the last snapshot
};

class HealthMonitor
{
public:
    using Sink = std::function<void(const HealthEntry &)>;

    HealthMonitor(AlertsConfig rules, Sink sink);
    // What the last run left open: conditions stay open (and resolve when they clear), moments stay open.
    void restore(const std::vector<HealthEvent> &open, PacketTime now);
    void started(PacketTime now, bool afterUncleanStop, const QString &version);
    void evaluate(const HealthInputs &in);
    void cdrMissed(PacketTime now, const QString &key, qint64 vaultId, const QString &detail);
    bool isOpen(const QString &key) const { return m_open.contains(key); }
    int openCount() const { return static_cast<int>(m_open.size()); }

private:
    void set(PacketTime now, const QString &key, const QString &kind, qint64 vaultId, bool condition,
             const QString &severity, const QString &detail, const QString &resolution);
    void open(PacketTime now, const QString &key, const QString &kind, qint64 vaultId, const QString &severity,
              const QString &detail);
    bool withinSipHours(PacketTime now) const;

    AlertsConfig m_rules;
    Sink m_sink;
    QHash<QString, QString> m_open; // key -> kind
    PacketTime m_startedAt = 0;
    std::deque<std::pair<PacketTime, quint64>> m_dropSamples; // (time, total drops) over the last minute and more
    PacketTime m_dropsQuietSince = 0;
    quint64 m_catalogueFailures = 0;
    PacketTime m_lastCatalogueFailureAt = 0;
};

} // namespace vv::agent
