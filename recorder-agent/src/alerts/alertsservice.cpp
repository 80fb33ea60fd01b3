#include "alerts/alertsservice.h"

#include "alerts/digest.h"
#include "common/logging.h"
#include "vault/usage.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QSslCertificate>

namespace vv::agent {

namespace {

constexpr PacketTime kHour = 3'600'000'000LL;
constexpr PacketTime kDay = 24 * kHour;

} // namespace

AlertsService::AlertsService(const AgentConfig &config, QString cataloguePath)
    : m_config(config)
    , m_cataloguePath(std::move(cataloguePath))
    , m_markerPath(config.dataDir + QStringLiteral("/agent.running"))
    , m_notifier(std::make_unique<Notifier>(m_cataloguePath, config.alerts))
    , m_monitor(config.alerts, [this](const HealthEntry &e) { record(e); })
{}

AlertsService::~AlertsService()
{
    if (m_notifier)
        m_notifier->stop();
}

bool AlertsService::start(Catalogue &catalogue, CatalogueWriter &writer, PacketTime now, const QString &certificatePath,
                          QString *error)
{
    m_writer = &writer;
    HealthStore health(catalogue.database());
    try {
        m_monitor.restore(health.openEvents(), now);
    } catch (const CatalogueError &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    const bool unclean = QFile::exists(m_markerPath);
    QFile marker(m_markerPath);
    if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QStringLiteral("cannot write %1: %2").arg(m_markerPath, marker.errorString());
        return false;
    }
    marker.write(QByteArray::number(QCoreApplication::applicationPid()));
    marker.close();
    if (!certificatePath.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificatePath);
        if (!chain.isEmpty())
            m_certificateExpiresAt = chain.front().expiryDate().toMSecsSinceEpoch() * 1000;
    }
    if (!m_notifier->start(error))
        return false;
    m_monitor.started(now, unclean, QStringLiteral(VIPVAULT_VERSION));
    if (unclean)
        qCWarning(lcAlerts) << "the last run did not stop cleanly; reported as a health event";
    return true;
}

void AlertsService::record(const HealthEntry &e)
{
    qCInfo(lcAlerts).noquote() << e.action << e.key << "-" << e.detail;
    Notifier *notifier = m_notifier.get();
    m_writer->post([e, notifier](Catalogue &c) {
        HealthStore health(c.database());
        QString error;
        if (!health.append(e, nullptr, &error)) {
            noteCatalogueFailure();
            qCCritical(lcAlerts).noquote() << "cannot write the health log:" << error;
            return;
        }
        if (e.action == u"ack")
            return;
        if (const std::optional<HealthEvent> event = health.currentEvent(e.key)) {
            if (!health.queueForEvent(*event, e.at, &error)) {
                noteCatalogueFailure();
                qCCritical(lcAlerts).noquote() << "cannot queue notifications:" << error;
            }
            if (notifier)
                notifier->wake();
        }
    });
}

void AlertsService::tick(HealthInputs inputs, const std::vector<VaultRecord> &vaults)
{
    if (!m_writer)
        return;
    if (inputs.now - m_lastGrowthRefresh >= kHour) {
        m_lastGrowthRefresh = inputs.now;
        refreshGrowth(vaults, inputs.now);
    }
    {
        std::lock_guard lock(m_growthMutex);
        for (VaultHealth &v : inputs.vaults)
            if (m_growth.contains(v.id))
                v.dailyGrowthBytes = m_growth.value(v.id);
    }
    inputs.certificateExpiresAt = m_certificateExpiresAt;
    inputs.catalogueFailures = catalogueFailures();
    m_monitor.evaluate(inputs);

    const qint64 day = inputs.now / kDay;
    if (day != m_lastDigestDay && (inputs.now % kDay) >= m_config.alerts.digestHourUtc * kHour) {
        m_lastDigestDay = day;
        queueDigests(vaults, inputs.now);
    }
}

void AlertsService::cdrMissed(PacketTime now, const QString &key, qint64 vaultId, const QString &detail)
{
    m_monitor.cdrMissed(now, key, vaultId, detail);
}

void AlertsService::refreshGrowth(const std::vector<VaultRecord> &vaults, PacketTime now)
{
    m_writer->post([this, vaults, now](Catalogue &c) {
        QHash<qint64, double> growth;
        for (const VaultRecord &v : vaults)
            if (const std::optional<double> g = computeUsage(&c, v, now).dailyGrowthBytes)
                growth.insert(v.id, *g);
        std::lock_guard lock(m_growthMutex);
        m_growth = growth;
    });
}

// Yesterday's digest to every subscriber who asked for it, once a day (a restart does not send it twice).
void AlertsService::queueDigests(const std::vector<VaultRecord> &vaults, PacketTime now)
{
    Notifier *notifier = m_notifier.get();
    m_writer->post([vaults, now, notifier](Catalogue &c) {
        HealthStore health(c.database());
        const PacketTime today = now - now % kDay;
        int queued = 0;
        for (const Subscription &s : health.subscriptions()) {
            if (!s.digest || health.queuedSince(s.id, QStringLiteral("digest"), today))
                continue;
            for (const VaultRecord &v : vaults) {
                if (s.vaultId && s.vaultId != v.id)
                    continue;
                const Digest digest = composeDigest(c, health, v, today - kDay);
                Delivery d;
                d.subscriptionId = s.id;
                d.kind = QStringLiteral("digest");
                d.createdAt = now;
                d.nextAttemptAt = now;
                d.subject = digest.subject;
                d.payload = s.kind == u"email"
                                ? digest.text
                                : QString::fromUtf8(QJsonDocument(digest.json).toJson(QJsonDocument::Compact));
                QString error;
                if (health.queue(d, &error))
                    ++queued;
                else
                    qCCritical(lcAlerts).noquote() << "cannot queue a digest:" << error;
            }
        }
        if (queued && notifier)
            notifier->wake();
        qCInfo(lcAlerts) << "daily digests queued:" << queued;
    });
}

void AlertsService::stop(bool clean)
{
    if (m_writer)
        m_writer->flush(); // the last events reach the log before the notifier's last look
    if (m_notifier) {
        m_notifier->wake();
        m_notifier->stop();
    }
    if (clean)
        QFile::remove(m_markerPath);
}

} // namespace vv::agent
