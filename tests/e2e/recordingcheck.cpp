#include "recordingcheck.h"

#include "agentharness.h"
#include "speech.h"
#include "speechturns.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <span>

namespace vv::e2e {

namespace {

constexpr int kWindowMs = 20;
// Real stacks: baresip reports events over TCP a few ms after the packet, the agent timestamps packets in the kernel,
// and the test's poll loop wakes every 10 ms; 150 ms covers all of it with a wide margin on a shared 2-core box.
constexpr double kTimeToleranceS = 0.150;
// baresip's aufile source starts when the call's audio starts (caller: on 200 OK, callee: on answering) and its
// ausrc thread and jitter buffer add tens of ms; search ±200 ms for the best alignment and report the lag.
constexpr int kMaxLagWindows = 10;
constexpr double kMinOwnCorrelation = 0.75;
constexpr double kMaxCrossCorrelation = 0.3;

} // namespace

QString checkRecording(const Expect &e, const QList<QJsonObject> &agentCalls)
{
    QList<QJsonObject> lines;
    for (const QJsonObject &c : agentCalls)
        if (c.value("sip_call_id").toString() == e.callId)
            lines << c;
    if (lines.size() != 1)
        return QString("%1 (%2): expected one agent line, got %3").arg(e.label, e.callId).arg(lines.size());
    const QJsonObject call = lines.first();
    const QString compact = QString::fromUtf8(QJsonDocument(call).toJson(QJsonDocument::Compact));
    QStringList errors;
    auto expectString = [&](const char *key, const QString &want) {
        const QJsonValue v = call.value(key);
        if (want.isEmpty() ? !v.isNull() : v.toString() != want)
            errors << QString("%1: expected %2, got %3")
                          .arg(key, want.isEmpty() ? "null" : want, v.isNull() ? "null" : v.toVariant().toString());
    };
    if (!call.value("recorded").isBool() || call.value("recorded").toBool() != e.recorded)
        errors << QString("recorded: expected %1").arg(e.recorded);
    expectString("reason", e.reason);
    expectString("direction", e.direction);
    if (!e.extension.isNull()) {
        expectString("extension", e.extension);
        expectString("vault", e.extension.isEmpty() ? QString() : "acme");
    }
    if (!e.caller.isEmpty())
        expectString("caller", e.caller);
    if (!e.callee.isEmpty())
        expectString("callee", e.callee);
    auto expectTime = [&](const char *key, double want) {
        const double got = vv::testing::parseTimestamp(call.value(key));
        if (std::isnan(got) || std::abs(got - want) > kTimeToleranceS)
            errors << QString("%1: %2 is %3 ms from the test's observation (tolerance %4 ms)")
                          .arg(key, call.value(key).toString())
                          .arg(std::isnan(got) ? qQNaN() : (got - want) * 1000, 0, 'f', 0)
                          .arg(kTimeToleranceS * 1000);
    };
    expectTime("started_at", e.invited);
    if (e.answered > 0) {
        expectTime("answered_at", e.answered);
        expectTime("ended_at", e.ended);
    } else if (!call.value("answered_at").isNull()) {
        errors << "answered_at: expected null";
    }
    if (e.recorded) {
        const double want = (e.ended - e.answered) * 1000;
        const double got = call.value("duration_ms").toDouble(-1e9);
        if (std::abs(got - want) > kTimeToleranceS * 1000)
            errors << QString("duration_ms: expected %1 ± %2, got %3")
                          .arg(want, 0, 'f', 0)
                          .arg(kTimeToleranceS * 1000)
                          .arg(got);
        const QString path = call.value("file").toString();
        if (!QFileInfo::exists(path)) {
            errors << "file missing: " + path;
        } else {
            const vv::testing::StereoAudio audio = vv::testing::decodeOpusFile(path);
            if (!audio.error.isEmpty() || audio.channels != 2) {
                errors << QString("decode: %1 channels %2").arg(audio.error).arg(audio.channels);
            } else {
                const double lengthMs = audio.left.size() / 48.0;
                if (std::abs(lengthMs - got) > 100)
                    errors << QString("audio length %1 ms vs duration_ms %2").arg(lengthMs).arg(got);
                const auto leftEnv = vv::capgen::envelope(std::span<const int16_t>(audio.left), 48000, kWindowMs);
                const auto rightEnv = vv::capgen::envelope(std::span<const int16_t>(audio.right), 48000, kWindowMs);
                const size_t n = std::min(e.extensionUa->played.size(), size_t(audio.left.size() / 6 + kRate));
                const auto extEnv =
                    vv::capgen::envelope(std::span<const int16_t>(e.extensionUa->played.data(), n), kRate, kWindowMs);
                const auto farEnv =
                    vv::capgen::envelope(std::span<const int16_t>(e.farUa->played.data(), n), kRate, kWindowMs);
                // Hold: baresip 1.0 pauses RTP in both directions while a call is held (the pcap shows no RTP either
                // way between the two re-INVITEs) but its aufile sources keep running, so after the resume both files
                // continue at call time. Both channels must be silent during the hold, and the truth is silence there.
                const bool held = e.holdTo > e.holdFrom;
                const size_t holdA = held ? size_t(e.holdFrom * 1000 / kWindowMs) : 0;
                const size_t holdB = held ? size_t(e.holdTo * 1000 / kWindowMs) : 0;
                auto silenceHold = [&](std::vector<double> v) {
                    for (size_t i = holdA; i < std::min(holdB, v.size()); ++i)
                        v[i] = 0;
                    return v;
                };
                const auto lo = vv::capgen::bestLagCorrelation(leftEnv, silenceHold(extEnv), kMaxLagWindows);
                const auto ro = vv::capgen::bestLagCorrelation(rightEnv, silenceHold(farEnv), kMaxLagWindows);
                const auto lx = vv::capgen::bestLagCorrelation(leftEnv, farEnv, kMaxLagWindows);
                const auto rx = vv::capgen::bestLagCorrelation(rightEnv, extEnv, kMaxLagWindows);
                qInfo("%s: left/extension %.3f (lag %d ms) right/far %.3f (lag %d ms) left/far %.3f right/extension "
                      "%.3f, %0.f ms audio, duration_ms %.0f vs observed %.0f",
                      qPrintable(e.label), lo.correlation, lo.lagWindows * kWindowMs, ro.correlation,
                      ro.lagWindows * kWindowMs, lx.correlation, rx.correlation, lengthMs, got, want);
                if (held) {
                    // Silence inside the hold (300 ms margins for the re-INVITE round trips)...
                    const size_t a = holdA + 300 / kWindowMs, b = holdB - 300 / kWindowMs;
                    for (const auto *env : {&leftEnv, &rightEnv}) {
                        double peak = 0;
                        for (size_t i = a; i < std::min(b, env->size()); ++i)
                            peak = std::max(peak, (*env)[i]);
                        if (peak > 300)
                            errors << QString("%1 channel not silent during hold (peak envelope %2)")
                                          .arg(env == &leftEnv ? "left" : "right")
                                          .arg(peak);
                    }
                    // ...and after the resume each channel still follows its own file at call time.
                    auto tail = [&](const std::vector<double> &v) {
                        const size_t from = std::min(v.size(), holdB + 300 / kWindowMs);
                        return std::vector<double>(v.begin() + long(from), v.end());
                    };
                    const auto lt = vv::capgen::bestLagCorrelation(tail(leftEnv), tail(extEnv), kMaxLagWindows);
                    const auto rt = vv::capgen::bestLagCorrelation(tail(rightEnv), tail(farEnv), kMaxLagWindows);
                    qInfo("%s after resume: left/extension %.3f (lag %d ms) right/far %.3f (lag %d ms)",
                          qPrintable(e.label), lt.correlation, lt.lagWindows * kWindowMs, rt.correlation,
                          rt.lagWindows * kWindowMs);
                    if (lt.correlation < kMinOwnCorrelation || rt.correlation < kMinOwnCorrelation)
                        errors << QString("after resume: left/extension %1, right/far %2 (< %3)")
                                      .arg(lt.correlation)
                                      .arg(rt.correlation)
                                      .arg(kMinOwnCorrelation);
                }
                if (lo.correlation < kMinOwnCorrelation)
                    errors << QString("left channel vs the extension's file: %1 < %2")
                                  .arg(lo.correlation)
                                  .arg(kMinOwnCorrelation);
                if (ro.correlation < kMinOwnCorrelation)
                    errors << QString("right channel vs the far end's file: %1 < %2")
                                  .arg(ro.correlation)
                                  .arg(kMinOwnCorrelation);
                if (lx.correlation >= kMaxCrossCorrelation)
                    errors << QString("left channel follows the far end's file: %1").arg(lx.correlation);
                if (rx.correlation >= kMaxCrossCorrelation)
                    errors << QString("right channel follows the extension's file: %1").arg(rx.correlation);
            }
        }
    } else if (!call.value("file").isNull()) {
        errors << "file: expected null";
    }
    if (errors.isEmpty())
        return {};
    return QString("%1 (%2): %3\n  agent line: %4").arg(e.label, e.callId, errors.join("; "), compact);
}

} // namespace vv::e2e
