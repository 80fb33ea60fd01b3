#include "pipeline/callreport.h"

#include "rtp/quality.h"
#include "vault/catalogue.h"

#include <QJsonArray>
#include <QJsonValue>
#include <algorithm>

namespace vv::agent {

static QJsonValue timeOrNull(PacketTime t)
{
    return t ? QJsonValue(isoUtcMillis(t)) : QJsonValue(QJsonValue::Null);
}

static QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

namespace {

constexpr double kSilentDbfs = -55.0; // quieter than this over a whole call is no speech at all
constexpr qint64 kMinJudgedMs = 2000; // too short a call to call it one-way

QJsonObject statsJson(const DirectionStats &s, PacketTime answeredAt, PacketTime endedAt, const QString &codec)
{
    QJsonObject o;
    o.insert(QStringLiteral("packets_expected"), static_cast<qint64>(s.expected));
    o.insert(QStringLiteral("packets_received"), static_cast<qint64>(s.received));
    o.insert(QStringLiteral("packets_lost"), static_cast<qint64>(s.lost()));
    o.insert(QStringLiteral("packets_duplicated"), static_cast<qint64>(s.duplicated));
    o.insert(QStringLiteral("packets_late"), static_cast<qint64>(s.late));
    o.insert(QStringLiteral("loss_percent"), qRound(s.lossPercent() * 100.0) / 100.0);
    o.insert(QStringLiteral("max_jitter_ms"), qRound(s.maxJitterMs * 10.0) / 10.0);
    o.insert(QStringLiteral("ssrc_streams"), static_cast<qint64>(s.streams));
    // The longest stretch without packets, counting from the answer and up to the end.
    PacketTime gap = s.longestGap;
    if (answeredAt && endedAt > answeredAt) {
        if (!s.received)
            gap = endedAt - answeredAt;
        else
            gap = std::max({gap, s.firstArrival - answeredAt, endedAt - s.lastArrival});
    }
    o.insert(QStringLiteral("longest_gap_ms"), static_cast<qint64>(std::max<PacketTime>(0, gap) / 1000));
    const qint64 durationMs = answeredAt && endedAt > answeredAt ? (endedAt - answeredAt) / 1000 : 0;
    o.insert(QStringLiteral("level_dbfs"), qRound(s.levelDbfs(durationMs) * 10.0) / 10.0);
    if (s.received) {
        EModelInput in;
        in.codec = codec.toStdString();
        in.lossPercent = s.lossPercent();
        // Mouth-to-ear estimate: packetisation, a jitter buffer of twice the jitter, network.
        in.delayMs = 20.0 + 2.0 * s.maxJitterMs + 40.0;
        const double r = eModelR(in);
        o.insert(QStringLiteral("r_factor"), qRound(r * 10.0) / 10.0);
        o.insert(QStringLiteral("mos"), qRound(mosFromR(r) * 100.0) / 100.0);
    } else {
        o.insert(QStringLiteral("r_factor"), QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("mos"), QJsonValue(QJsonValue::Null));
    }
    return o;
}

// Noise is not "Good" whatever the network did: no MOS for a direction that carried no speech.
QJsonObject noiseRated(QJsonObject side)
{
    side.insert(QStringLiteral("r_factor"), QJsonValue(QJsonValue::Null));
    side.insert(QStringLiteral("mos"), QJsonValue(QJsonValue::Null));
    return side;
}

constexpr double kDegradedLossPercent = 5.0; // more loss than this on either side is audibly broken speech
constexpr qint64 kDegradedGapMs = 5000;      // a hole this long in the middle of a call loses words

} // namespace

QString CallReport::recordedOutcome() const
{
    const QJsonObject q = qualityJson();
    const bool flagged =
        q.value(QStringLiteral("one_way_audio")).toBool() || q.value(QStringLiteral("missing_leg")).toBool() ||
        q.value(QStringLiteral("noise_like")).toBool() || !q.value(QStringLiteral("silent_side")).toString().isEmpty();
    bool broken = false;
    for (const char *side : {"extension", "far_end"}) {
        const QJsonObject s = q.value(QLatin1String(side)).toObject();
        broken = broken || s.value(QStringLiteral("loss_percent")).toDouble() > kDegradedLossPercent ||
                 s.value(QStringLiteral("longest_gap_ms")).toInteger() > kDegradedGapMs;
    }
    return flagged || broken || captureDrops > 0 ? CallOutcome::Degraded : CallOutcome::Recorded;
}

QJsonObject CallReport::qualityJson() const
{
    QJsonObject q;
    q.insert(QStringLiteral("extension"), statsJson(extensionSide, answeredAt, endedAt, codec));
    q.insert(QStringLiteral("far_end"), statsJson(farEnd, answeredAt, endedAt, codec));
    // Verdicts a person reviewing the recording needs to see first.
    const bool judged = recorded && durationMs() >= kMinJudgedMs;
    const bool extMissing = judged && extensionSide.received == 0;
    const bool farMissing = judged && farEnd.received == 0;
    const bool extSilent = judged && !extMissing && extensionSide.levelDbfs(durationMs()) < kSilentDbfs;
    const bool farSilent = judged && !farMissing && farEnd.levelDbfs(durationMs()) < kSilentDbfs;
    const bool extNoise = recorded && extensionSide.noiseLike();
    const bool farNoise = recorded && farEnd.noiseLike();
    QJsonArray flags;
    if (extNoise)
        flags.append(QStringLiteral("noise-like audio from the extension side (undecodable or encrypted payload?)"));
    if (farNoise)
        flags.append(QStringLiteral("noise-like audio from the far end (undecodable or encrypted payload?)"));
    if (extMissing)
        flags.append(QStringLiteral("missing leg: no audio packets from the extension side"));
    if (farMissing)
        flags.append(QStringLiteral("missing leg: no audio packets from the far end"));
    if (extSilent)
        flags.append(QStringLiteral("extension side silent"));
    if (farSilent)
        flags.append(QStringLiteral("far end silent"));
    const bool extDead = extMissing || extSilent;
    const bool farDead = farMissing || farSilent;
    const bool oneWay = extDead != farDead;
    if (oneWay)
        flags.append(QStringLiteral("one-way audio"));
    q.insert(QStringLiteral("noise_like"), extNoise || farNoise);
    if (extNoise)
        q.insert(QStringLiteral("extension"), noiseRated(q.value(QStringLiteral("extension")).toObject()));
    if (farNoise)
        q.insert(QStringLiteral("far_end"), noiseRated(q.value(QStringLiteral("far_end")).toObject()));
    q.insert(QStringLiteral("missing_leg"), extMissing || farMissing);
    q.insert(QStringLiteral("one_way_audio"), oneWay);
    q.insert(QStringLiteral("silent_side"), extDead && farDead ? QStringLiteral("both")
                                            : extDead          ? QStringLiteral("extension")
                                            : farDead          ? QStringLiteral("far_end")
                                                               : QString());
    if (captureDrops > 0)
        flags.append(QStringLiteral("the capture dropped %1 packets while this call was recorded: it may have holes")
                         .arg(captureDrops));
    q.insert(QStringLiteral("capture_drops"), static_cast<qint64>(captureDrops));
    q.insert(QStringLiteral("flags"), flags);
    return q;
}

QJsonObject CallReport::toJson() const
{
    QJsonObject o;
    if (id)
        o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("sip_call_id"), sipCallId);
    o.insert(QStringLiteral("caller"), caller);
    o.insert(QStringLiteral("callee"), callee);
    o.insert(QStringLiteral("extension"), stringOrNull(extension));
    o.insert(QStringLiteral("vault"), stringOrNull(vault));
    o.insert(QStringLiteral("direction"), stringOrNull(directionName(direction)));
    o.insert(QStringLiteral("recorded"), recorded);
    o.insert(QStringLiteral("reason"), reason);
    o.insert(QStringLiteral("started_at"), timeOrNull(startedAt));
    o.insert(QStringLiteral("answered_at"), timeOrNull(answeredAt));
    o.insert(QStringLiteral("ended_at"), timeOrNull(endedAt));
    o.insert(QStringLiteral("end_cause"), endCause);
    o.insert(QStringLiteral("duration_ms"), durationMs());
    o.insert(QStringLiteral("codec"), stringOrNull(codec));
    o.insert(QStringLiteral("file"), stringOrNull(file));
    o.insert(QStringLiteral("bytes"), bytes);
    o.insert(QStringLiteral("dialled"), stringOrNull(dialled));
    o.insert(QStringLiteral("answered_by"), stringOrNull(answeredBy));
    if (relatedId)
        o.insert(QStringLiteral("related_id"), relatedId);
    if (!relation.isEmpty())
        o.insert(QStringLiteral("relation"), relation);
    o.insert(QStringLiteral("encryption"), stringOrNull(encryption));
    o.insert(QStringLiteral("outcome"), stringOrNull(outcome));
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    o.insert(QStringLiteral("quality"), qualityJson());
    return o;
}

} // namespace vv::agent
