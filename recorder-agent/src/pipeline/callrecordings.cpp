#include "pipeline/callrecordings.h"

#include "common/logging.h"
#include "pipeline/reportbuilder.h"
#include "rtp/codec.h"
#include "rtp/rtppacket.h"
#include "vault/vaultstore.h"

#include <QJsonDocument>

namespace vv::agent {

namespace {
constexpr PacketTime kEncodeBatch = 200'000; // audio encoded per call per visit
} // namespace

CallRecordings::CallRecordings(const AgentConfig &config, VaultStore *store, ReportSink sink)
    : m_config(config)
    , m_store(store)
    , m_sink(std::move(sink))
    , m_dialogs(RecordingPolicy(store->policyVaults()), this)
{}

CallRecordings::~CallRecordings() = default;

void CallRecordings::reloadVaults()
{
    m_dialogs.setPolicy(RecordingPolicy(m_store->policyVaults()));
}

qint64 CallRecordings::vaultIdOf(const Dialog &d) const
{
    const int i = d.policy.vaultIndex;
    if (i >= 0 && i < static_cast<int>(m_store->vaults().size()))
        return m_store->vaults()[static_cast<std::size_t>(i)].id;
    return 0;
}

void CallRecordings::mediaEndpoint(Dialog &dialog, int side, const Endpoint &endpoint)
{
    m_router.addEndpoint(dialog, side, endpoint);
}

void CallRecordings::registered(const QString &number, const QString &host, PacketTime at)
{
    m_store->noteExtension(number, host, 0, QStringLiteral("register"), at);
}

void CallRecordings::answered(Dialog &d)
{
    if (!d.policy.record)
        return;
    Recording &rec = m_recordings[&d];
    if (!d.codec.isEmpty() && !isSupportedCodec(d.codec.toStdString())) {
        rec.outcome.unsupportedCodec = true;
        qCWarning(lcCalls) << "call" << QString::fromStdString(d.callId) << "uses unsupported codec" << d.codec;
        return;
    }
    bool failed = false;
    const RecordingSettings settings{m_config.jitterMs, m_config.encodeSilence};
    rec.session = RecordingSession::begin(*m_store, reportbuilder::row(d, vaultIdOf(d)), d.codec, settings,
                                          &rec.outcome.refusal, &failed);
    rec.outcome.sessionStarted = rec.session != nullptr;
    if (failed)
        ++m_recorderErrors;
}

bool CallRecordings::onMedia(const UdpDatagram &d)
{
    const std::optional<MediaRouter::Match> m = m_router.find(d);
    if (!m)
        return false;
    MediaCounters &counters = m_router.counters();
    RtpPacket rtp;
    const RtpParse kind = parseRtp(d.payload, d.length, &rtp);
    if (kind == RtpParse::Rtcp)
        return true;
    if (kind == RtpParse::Invalid) {
        ++counters.rtpInvalid;
        return true;
    }
    ++counters.rtpPackets;
    Dialog &dialog = *m->dialog;
    DialogTracker::touch(dialog, d.ts);
    if (!dialog.answeredAt)
        return true; // early media
    const auto it = m_recordings.find(&dialog);
    if (it == m_recordings.end() || !it->second.session)
        return true; // a call we do not record
    if (!m_router.acceptFlow(*m, d))
        return true;

    // Payload types mean what the receiver's SDP declared (RFC 3264 5.1).
    const MediaDescription &receiver = dialog.sides[1 - m->speaker];
    const MediaDescription &sender = dialog.sides[m->speaker];
    // Looked up by pointer: this runs for every packet, so no string copies.
    const PayloadFormat *fmt = nullptr;
    if (auto f = receiver.rtpmap.find(rtp.payloadType); f != receiver.rtpmap.end())
        fmt = &f->second;
    else if (auto g = sender.rtpmap.find(rtp.payloadType); g != sender.rtpmap.end())
        fmt = &g->second;
    else
        fmt = &staticPayloadFormatRef(rtp.payloadType);
    const bool speakerIsCaller = m->speaker == kCaller;
    const Party party = speakerIsCaller == dialog.policy.extensionIsCaller ? Party::Extension : Party::FarEnd;
    it->second.session->addRtp(party, d.ts, rtp, *fmt);
    return true;
}

void CallRecordings::tick(PacketTime now)
{
    m_store->tick(now);
    // Encoding in batches of 200 ms per call keeps each encoder's state in the
    // CPU cache for ten frames in a row instead of one: with a thousand calls
    // in progress that is most of the pipeline's overhead over libopus itself.
    if (now - m_lastEncode >= kEncodeBatch) {
        m_lastEncode = now;
        for (auto &[dialog, rec] : m_recordings) {
            if (!rec.session)
                continue;
            QString error;
            if (!rec.session->advance(now, &error) && !error.isEmpty()) {
                ++m_recorderErrors;
                qCCritical(lcAudio) << "recording" << rec.session->relativeFile() << "failed:" << error;
            }
        }
    }
    m_dialogs.expire(now, static_cast<PacketTime>(m_config.callIdleTimeoutS) * 1'000'000);
}

void CallRecordings::ended(Dialog &d, PacketTime ts, const QString &cause)
{
    Recording rec;
    if (auto it = m_recordings.find(&d); it != m_recordings.end()) {
        rec = std::move(it->second);
        m_recordings.erase(it);
    }
    CallReport r = reportbuilder::report(d, ts, cause, rec.outcome);
    CallRow row = reportbuilder::row(d, vaultIdOf(d));
    if (row.vaultId && !row.extension.isEmpty()) {
        m_store->noteExtension(row.extension, QString(), row.vaultId, QStringLiteral("call"), ts);
        if (d.policy.direction == CallDirection::Internal) // both ends are extensions of the vault
            m_store->noteExtension(d.policy.extensionIsCaller ? d.policy.callee : d.policy.caller, QString(),
                                   row.vaultId, QStringLiteral("call"), ts);
    }
    row.endedAt = ts;
    row.durationMs = r.durationMs();
    row.endCause = cause;
    row.reason = r.reason;
    if (rec.session) {
        RecordingSession &session = *rec.session;
        row.id = session.rowId();
        row.file = session.relativeFile();
        const RecordingSession::Closed closed = session.close(ts);
        r.extensionSide = closed.extension;
        r.farEnd = closed.farEnd;
        if (r.codec.isEmpty())
            r.codec = closed.codecSeen;
        row.codec = r.codec;
        r.note = closed.note;
        row.note = r.note;
        if (closed.ok) {
            r.recorded = true;
            r.file = closed.file;
            r.bytes = closed.bytes;
            row.quality = QString::fromUtf8(QJsonDocument(r.qualityJson()).toJson(QJsonDocument::Compact));
            session.commit(row, r.bytes);
        } else {
            ++m_recorderErrors;
            r.reason = QStringLiteral("recording failed: %1").arg(closed.error);
            session.abandon(row, r.reason);
        }
        r.id = session.rowId();
    } else {
        r.id = m_store->recordCallSeen(row);
    }
    m_router.remove(d);
    m_sink(r);
}

} // namespace vv::agent
