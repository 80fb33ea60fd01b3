#include "alerts/digest.h"

#include <QDateTime>
#include <QJsonArray>

namespace vv::agent {

namespace {

constexpr PacketTime kDay = 86'400'000'000LL;

QString gb(qint64 bytes)
{
    return QStringLiteral("%1 GB").arg(double(bytes) / 1e9, 0, 'f', 2);
}

} // namespace

Digest composeDigest(Catalogue &catalogue, HealthStore &health, const VaultRecord &vault, PacketTime dayStart)
{
    const AssuranceDay day = health.assurance(vault.id, dayStart, 1).front();
    const std::vector<MissedRow> missed = health.missedCalls(vault.id, dayStart, dayStart + kDay, 20);
    const UsageTotals usage = catalogue.usageTotals(vault.id);
    HealthFilter filter;
    filter.vaultId = vault.id;
    filter.openOnly = true;
    const std::vector<HealthEvent> open = health.events(filter);

    Digest d;
    const bool trouble = day.missed > 0 || !open.empty();
    d.subject = QStringLiteral("[VIP Vault] %1, %2: %3 of %4 calls recorded%5")
                    .arg(vault.name, day.day)
                    .arg(day.recorded + day.degraded)
                    .arg(day.shouldRecord)
                    .arg(trouble ? QStringLiteral(" - needs attention") : QString());
    QString t;
    t += QStringLiteral("Vault %1, %2 (UTC)\n\n").arg(vault.name, day.day);
    t += QStringLiteral("Calls to record:  %1\n").arg(day.shouldRecord);
    t += QStringLiteral("  recorded:       %1\n").arg(day.recorded);
    t += QStringLiteral("  degraded:       %1 (recorded, with a quality problem: a silent side, loss, gaps)\n")
             .arg(day.degraded);
    t += QStringLiteral("  missed:         %1\n").arg(day.missed);
    if (!missed.empty()) {
        t += QStringLiteral("\nNot recorded:\n");
        for (const MissedRow &m : missed)
            t += QStringLiteral("  %1  %2 -> %3: %4\n")
                     .arg(QDateTime::fromMSecsSinceEpoch(m.startedAt / 1000, Qt::UTC).toString(QStringLiteral("HH:mm")),
                          m.caller, m.callee, m.reason);
        if (day.missed > qint64(missed.size()))
            t += QStringLiteral("  ... and %1 more (the app lists them all)\n").arg(day.missed - qint64(missed.size()));
    }
    t += QStringLiteral("\nStorage: %1 held in %2 recordings%3\n")
             .arg(gb(usage.storedBytes))
             .arg(usage.storedRecordings)
             .arg(vault.capBytes ? QStringLiteral(" of a %1 cap (%2%)")
                                       .arg(gb(*vault.capBytes))
                                       .arg(100.0 * double(usage.storedBytes) / double(*vault.capBytes), 0, 'f', 0)
                                 : QStringLiteral(", no cap"));
    if (!open.empty()) {
        t += QStringLiteral("\nStill open:\n");
        for (const HealthEvent &e : open)
            t += QStringLiteral("  [%1] %2\n").arg(e.severity, e.detail);
    }
    d.text = t;

    QJsonArray missedJson;
    for (const MissedRow &m : missed)
        missedJson.append(QJsonObject{{QStringLiteral("id"), m.id},
                                      {QStringLiteral("started_at"), isoUtcMillis(m.startedAt)},
                                      {QStringLiteral("caller"), m.caller},
                                      {QStringLiteral("callee"), m.callee},
                                      {QStringLiteral("reason"), m.reason}});
    QJsonArray openJson;
    for (const HealthEvent &e : open)
        openJson.append(e.toJson());
    d.json = QJsonObject{
        {QStringLiteral("event"), QStringLiteral("digest")},
        {QStringLiteral("vault"), vault.name},
        {QStringLiteral("vault_id"), vault.id},
        {QStringLiteral("assurance"), day.toJson()},
        {QStringLiteral("missed"), missedJson},
        {QStringLiteral("bytes_held"), usage.storedBytes},
        {QStringLiteral("cap_bytes"), vault.capBytes ? QJsonValue(*vault.capBytes) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("open"), openJson}};
    return d;
}

} // namespace vv::agent
