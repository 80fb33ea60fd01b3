#include "pipeline/callrecordings.h"

#include "common/logging.h"
#include "rtp/codec.h"
#include "rtp/rtppacket.h"
#include "vault/vaultstore.h"

#include <QFile>
#include <QJsonDocument>

namespace vv::agent {

namespace {

constexpr PacketTime kEncodeBatch = 200'000;       // audio encoded per call per visit
constexpr PacketTime kRecentRowKeep = 300'000'000; // a transfer's new call links to recordings this recent

// Why a call to record cannot be: its media is encrypted and the SDP gives no key a recorder can use.
QString encryptionProblem(const Dialog &d)
{
    for (int side : {kCaller, kCallee}) {
        const MediaDescription &m = d.sides[side];
        const QString detail = QString::fromStdString(m.protectionDetail);
        switch (m.protection) {
        case MediaProtection::Dtls:
            return QStringLiteral("encrypted media: DTLS-SRTP (its keys never cross the wire, so no recorder can "
                                  "decrypt it)");
        case MediaProtection::NoKeys:
            return QStringLiteral("encrypted media: no keys (%1 without a=crypto)").arg(detail);
        case MediaProtection::Unsupported:
            return QStringLiteral("encrypted media: no usable key (%1)").arg(detail);
        case MediaProtection::Sdes:
            if (m.sendKeys.empty())
                return QStringLiteral("encrypted media: no key agreed for the %1's audio")
                    .arg(side == kCaller ? QStringLiteral("caller") : QStringLiteral("callee"));
            break;
        case MediaProtection::Plain:
            break;
        }
    }
    return {};
}

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

qint64 CallRecordings::vaultIdOf(const VaultLeg &leg) const
{
    const int i = leg.vaultIndex;
    if (i >= 0 && i < static_cast<int>(m_store->vaults().size()))
        return m_store->vaults()[static_cast<std::size_t>(i)].id;
    return 0;
}

qint64 CallRecordings::relatedRow(const Dialog &d, qint64 vaultId) const
{
    if (d.relatedCallId.empty())
        return 0;
    const auto it = m_recentRows.find(d.relatedCallId);
    if (it == m_recentRows.end())
        return 0;
    for (const RecentRow &r : it->second)
        if (r.vaultId == vaultId)
            return r.rowId;
    return 0;
}

void CallRecordings::mediaEndpoint(Dialog &dialog, int side, const Endpoint &endpoint)
{
    m_router.addEndpoint(dialog, side, endpoint);
}

void CallRecordings::mediaKey(Dialog &dialog, int side, const SrtpCrypto &key)
{
    // A re-INVITE's new key for a call being recorded (the keys agreed before the answer are taken at the answer).
    const auto it = m_calls.find(&dialog);
    if (it == m_calls.end() || !dialog.answeredAt)
        return;
    auto &d = it->second.decrypt[side];
    if (!d)
        d = std::make_unique<SrtpDecryptor>();
    if (!d->addKey(key, dialog.lastActivity))
        qCWarning(lcRtp) << "call" << QString::fromStdString(dialog.callId) << "has an SRTP key libsrtp2 refused";
}

void CallRecordings::registered(const QString &number, const QString &host, PacketTime at)
{
    m_store->noteExtension(number, host, 0, QStringLiteral("register"), at);
}

void CallRecordings::answered(Dialog &d)
{
    if (!d.policy.recordsAnything())
        return;
    Call &call = m_calls[&d];
    const QString encrypted = encryptionProblem(d);
    const bool codecOk = d.codec.isEmpty() || isSupportedCodec(d.codec.toStdString());
    for (const VaultLeg &policy : d.policy.legs) {
        if (!policy.record)
            continue;
        Leg leg;
        leg.policy = policy;
        leg.vaultId = vaultIdOf(policy);
        if (!encrypted.isEmpty()) {
            leg.outcome.refusal = encrypted;
            ++m_counters.encryptedMissed;
            qCWarning(lcCalls).noquote() << "call" << QString::fromStdString(d.callId) << "for vault" << policy.vault
                                         << "is not recorded:" << encrypted;
        } else if (!codecOk) {
            leg.outcome.unsupportedCodec = true;
            qCWarning(lcCalls) << "call" << QString::fromStdString(d.callId) << "uses unsupported codec" << d.codec;
        } else {
            bool failed = false;
            CallRow row = reportbuilder::row(d, &policy, leg.vaultId);
            row.relatedId = relatedRow(d, leg.vaultId);
            const RecordingSettings settings{m_config.jitterMs, m_config.encodeSilence};
            leg.session = RecordingSession::begin(*m_store, row, d.codec, settings, &leg.outcome.refusal, &failed);
            leg.outcome.sessionStarted = leg.session != nullptr;
            if (leg.session) {
                m_recordingVaults.push_back(leg.vaultId);
                m_lastRecordingAt = d.answeredAt;
            }
            if (failed)
                ++m_counters.recorderErrors;
        }
        call.legs.push_back(std::move(leg));
    }
    call.dropsAtAnswer = m_captureDrops;
    // SDES-keyed SRTP: one decryptor per sending side, with every key agreed so far.
    for (int side : {kCaller, kCallee}) {
        const MediaDescription &m = d.sides[side];
        if (m.protection != MediaProtection::Sdes || m.sendKeys.empty())
            continue;
        call.decrypt[side] = std::make_unique<SrtpDecryptor>();
        for (const SrtpCrypto &key : m.sendKeys)
            call.decrypt[side]->addKey(key, d.answeredAt);
        call.encryption = QStringLiteral("SRTP %1").arg(QString::fromStdString(m.protectionDetail));
    }
}

bool CallRecordings::onMedia(const UdpDatagram &d)
{
    const std::optional<MediaRouter::Match> m = m_router.find(d);
    if (!m)
        return false;
    MediaCounters &counters = m_router.counters();
    RtpPacket rtp;
    const RtpParse kind = parseRtp(d.payload, d.length, &rtp); // SRTP keeps the RTP header in clear
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
        return true; // early media: nothing is kept before the answer
    const auto it = m_calls.find(&dialog);
    if (it == m_calls.end())
        return true; // a call we do not record
    Call &call = it->second;
    bool anySession = false;
    for (const Leg &leg : call.legs)
        anySession = anySession || leg.session;
    if (!anySession || !m_router.acceptFlow(*m, d))
        return true;
    if (SrtpDecryptor *decrypt = call.decrypt[m->speaker].get()) {
        switch (decrypt->unprotectRtp(d.payload, d.length, d.ts, &call.clear)) {
        case SrtpDecryptor::Result::Decrypted:
            ++m_counters.srtpDecrypted;
            break;
        case SrtpDecryptor::Result::Duplicate:
            // libsrtp's replay check caught a copy before the RTP layer could: counted as the RTP layer would.
            ++m_counters.srtpDuplicates;
            for (Leg &leg : call.legs)
                if (leg.session)
                    leg.session->noteDuplicate(
                        (m->speaker == kCaller) == leg.policy.extensionIsCaller ? Party::Extension : Party::FarEnd);
            return true;
        case SrtpDecryptor::Result::Late:
        case SrtpDecryptor::Result::Failed:
            ++m_counters.srtpFailed; // never decoded: the tag did not check out
            return true;
        }
        if (parseRtp(call.clear.data(), call.clear.size(), &rtp) != RtpParse::Rtp)
            return true;
    }

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
    for (Leg &leg : call.legs)
        if (leg.session) {
            const Party party = speakerIsCaller == leg.policy.extensionIsCaller ? Party::Extension : Party::FarEnd;
            leg.session->addRtp(party, d.ts, rtp, *fmt);
        }
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
        for (auto &[dialog, call] : m_calls)
            for (Leg &leg : call.legs) {
                if (!leg.session)
                    continue;
                QString error;
                if (!leg.session->advance(now, &error) && !error.isEmpty()) {
                    ++m_counters.recorderErrors;
                    qCCritical(lcAudio) << "recording" << leg.session->relativeFile() << "failed:" << error;
                }
            }
    }
    m_dialogs.expire(now, static_cast<PacketTime>(m_config.callIdleTimeoutS) * 1'000'000);
    if (now - m_lastForget > 10'000'000) {
        m_lastForget = now;
        for (auto it = m_recentRows.begin(); it != m_recentRows.end();)
            it = now - it->second.front().at > kRecentRowKeep ? m_recentRows.erase(it) : std::next(it);
    }
}

void CallRecordings::ended(Dialog &d, PacketTime ts, const QString &cause)
{
    Call call;
    if (auto it = m_calls.find(&d); it != m_calls.end()) {
        call = std::move(it->second);
        m_calls.erase(it);
    }
    for (const VaultLeg &policy : d.policy.legs) {
        const qint64 vaultId = vaultIdOf(policy);
        if (vaultId && !policy.extension.isEmpty()) {
            m_store->noteExtension(policy.extension, QString(), vaultId, QStringLiteral("call"), ts);
            if (policy.direction == CallDirection::Internal) // both ends are extensions of the vault
                m_store->noteExtension(policy.extensionIsCaller ? d.policy.callee : d.policy.caller, QString(), vaultId,
                                       QStringLiteral("call"), ts);
        }
    }
    if (d.policy.legs.empty()) {
        finishLeg(d, call, VaultLeg(), nullptr, ts, cause);
    } else {
        for (const VaultLeg &policy : d.policy.legs) {
            Leg *leg = nullptr;
            for (Leg &l : call.legs)
                if (l.policy.vaultIndex == policy.vaultIndex)
                    leg = &l;
            finishLeg(d, call, policy, leg, ts, cause);
        }
    }
    m_router.remove(d);
}

void CallRecordings::finishLeg(const Dialog &d, Call &call, const VaultLeg &policy, Leg *leg, PacketTime ts,
                               const QString &cause)
{
    const bool hasPolicy = policy.vaultIndex >= 0 || !d.policy.legs.empty();
    const RecordingOutcome outcome = leg ? leg->outcome : RecordingOutcome();
    CallReport r = reportbuilder::report(d, hasPolicy ? &policy : nullptr, ts, cause, outcome);
    CallRow row = reportbuilder::row(d, hasPolicy ? &policy : nullptr, vaultIdOf(policy));
    row.endedAt = ts;
    row.durationMs = r.durationMs();
    row.endCause = cause;
    row.reason = r.reason;
    row.outcome = r.outcome;
    r.encryption = call.encryption;
    if (leg && leg->session) {
        RecordingSession &session = *leg->session;
        row.id = session.rowId();
        row.file = session.relativeFile();
        row.relatedId = relatedRow(d, leg->vaultId);
        r.relatedId = row.relatedId;
        const RecordingSession::Closed closed = session.close(ts);
        r.extensionSide = closed.extension;
        r.farEnd = closed.farEnd;
        if (r.codec.isEmpty())
            r.codec = closed.codecSeen;
        row.codec = r.codec;
        r.note = closed.note;
        // Encrypted media that no key authenticated is not a recording: nothing of it could be decoded.
        std::uint64_t decrypted = 0;
        std::uint64_t failed = 0;
        for (const auto &dec : call.decrypt)
            if (dec) {
                decrypted += dec->counters().decrypted;
                failed += dec->counters().authFailed + dec->counters().late;
            }
        const bool undecryptable = !call.encryption.isEmpty() && decrypted == 0 && failed > 0;
        if (!call.encryption.isEmpty() && (undecryptable || failed * 20 > decrypted))
            r.note = QStringLiteral("%1 of %2 SRTP packets failed authentication").arg(failed).arg(failed + decrypted);
        row.note = r.note;
        if (closed.ok && !undecryptable) {
            r.recorded = true;
            r.file = closed.file;
            r.bytes = closed.bytes;
            r.captureDrops = m_captureDrops - call.dropsAtAnswer;
            row.quality = QString::fromUtf8(QJsonDocument(r.qualityJson()).toJson(QJsonDocument::Compact));
            r.outcome = r.recordedOutcome();
            row.outcome = r.outcome;
            session.commit(row, r.bytes);
        } else {
            if (undecryptable) {
                ++m_counters.encryptedMissed;
                r.reason = QStringLiteral("encrypted media: the keys in the SDP did not authenticate its packets");
                if (closed.ok)
                    QFile::remove(closed.file); // nothing but silence in it
            } else {
                ++m_counters.recorderErrors;
                r.reason = QStringLiteral("recording failed: %1").arg(closed.error);
            }
            r.outcome = CallOutcome::Missed;
            row.outcome = r.outcome;
            session.abandon(row, r.reason);
        }
        r.id = session.rowId();
    } else {
        r.id = m_store->recordCallSeen(row);
    }
    if (r.recorded && r.id)
        m_recentRows[d.callId].push_back({r.id, row.vaultId, ts});
    if (r.outcome == CallOutcome::Missed)
        m_missed.push_back(
            {r.id, row.vaultId, policy.vault, QString::fromStdString(d.callId), row.caller, row.callee, r.reason});
    m_sink(r);
}

} // namespace vv::agent
