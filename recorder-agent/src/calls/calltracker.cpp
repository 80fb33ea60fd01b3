#include "calls/calltracker.h"

#include "common/crashpoint.h"
#include "common/logging.h"
#include "rtp/codec.h"
#include "sip/sipuri.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QJsonDocument>

namespace {

constexpr int kCaller = 0;
constexpr int kCallee = 1;
constexpr PacketTime kFlowSwitchIdle = 300'000;       // us a locked media flow may be silent before another takes over
constexpr PacketTime kRecentlyEndedKeep = 32'000'000; // RFC 3261 Timer H/J scale: absorb stragglers
constexpr PacketTime kEncodeBatch = 200'000;          // audio encoded per call per visit

PartyIdentity identityOf(const NameAddr &a)
{
    return {normaliseNumber(a.user), a.host};
}

} // namespace

struct CallTracker::Call
{
    std::string callId;
    std::string callerTag;
    std::string calleeTag;
    Endpoint callerSignal; // where the first INVITE came from: the caller's UA or its first hop
    PacketTime startedAt = 0;
    PacketTime answeredAt = 0;
    PacketTime lastActivity = 0;
    bool cancelRequested = false;
    int failureStatus = 0;
    std::string failureReason;
    PolicyDecision policy;
    QString codec;
    bool unsupportedCodec = false;

    struct Side
    {
        std::vector<Endpoint> endpoints;
        Endpoint latest;
        std::map<int, PayloadFormat> rtpmap;
        bool hasSdp = false;
        std::string primaryCodec;
    } sides[2];

    struct Flow
    {
        bool locked = false;
        Endpoint src;
        Endpoint dst;
        PacketTime lastSeen = 0;
    } flows[2]; // by speaker

    std::unique_ptr<CallRecorder> recorder;
    qint64 rowId = 0;
    QString relativeFile;
    QString refusal; // why a recordable call could not be recorded
};

CallTracker::CallTracker(const AgentConfig &config, VaultStore *store, ReportSink sink)
    : m_config(config)
    , m_store(store)
    , m_policy(store ? store->policyVaults() : config.vaults)
    , m_sink(std::move(sink))
{}

void CallTracker::reloadVaults()
{
    if (m_store)
        setVaults(m_store->policyVaults());
}

CallTracker::~CallTracker() = default;

void CallTracker::setVaults(std::vector<VaultConfig> vaults)
{
    m_config.vaults = vaults;
    m_policy = RecordingPolicy(std::move(vaults));
}

void CallTracker::onSip(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst)
{
    const std::string callId = msg.callId();
    std::uint32_t cseqNo = 0;
    std::string cseqMethod;
    msg.cseq(&cseqNo, &cseqMethod);

    if (msg.isRequest && msg.method == "REGISTER" && m_store) {
        // A registering phone is an extension (if a vault says so): remember it.
        const NameAddr aor = parseNameAddr(msg.headerOr("to"));
        if (aor.valid)
            m_store->noteExtension(QString::fromStdString(normaliseNumber(aor.user)), QString::fromStdString(aor.host),
                                   0, QStringLiteral("register"), ts);
        return;
    }
    auto it = m_calls.find(callId);
    if (it == m_calls.end()) {
        if (msg.isRequest && msg.method == "INVITE" && parseNameAddr(msg.headerOr("to")).tag.empty() &&
            !m_recentlyEnded.count(callId)) {
            startCall(msg, ts, src);
        } else {
            ++m_counters.sipOutOfDialog;
        }
        return;
    }
    Call &call = *it->second;
    call.lastActivity = ts;
    const NameAddr from = parseNameAddr(msg.headerOr("from"));
    const NameAddr to = parseNameAddr(msg.headerOr("to"));

    if (msg.isRequest) {
        // The sender of a request is its From party.
        const int side = (call.callerTag.empty() || from.tag == call.callerTag) ? kCaller : kCallee;
        if (msg.method == "INVITE" || msg.method == "ACK" || msg.method == "UPDATE" || msg.method == "PRACK") {
            applySdp(call, side, msg, ts);
        } else if (msg.method == "CANCEL") {
            call.cancelRequested = true;
        } else if (msg.method == "BYE") {
            endCall(call, ts, QStringLiteral("bye"));
        }
        return;
    }

    // Responses: the sender is the To party.
    const int side = (!call.callerTag.empty() && to.tag == call.callerTag) ? kCaller : kCallee;
    if (cseqMethod != "INVITE" && cseqMethod != "UPDATE" && cseqMethod != "PRACK")
        return;
    applySdp(call, side, msg, ts);
    if (cseqMethod != "INVITE")
        return;
    if (msg.status >= 200 && msg.status < 300) {
        if (!call.answeredAt) {
            call.calleeTag = to.tag;
            onAnswered(call, ts);
        }
    } else if (msg.status >= 300 && !call.answeredAt) {
        call.failureStatus = msg.status;
        call.failureReason = msg.reason;
        // A proxy that forks may see one branch fail while another rings; only a
        // final response heading back to the caller ends the call.
        if (dst.address == call.callerSignal.address)
            endCall(call, ts, msg.status == 487 ? QStringLiteral("cancel") : QStringLiteral("failure"));
    }
}

void CallTracker::startCall(const SipMessage &msg, PacketTime ts, const Endpoint &src)
{
    auto call = std::make_unique<Call>();
    call->callId = msg.callId();
    call->startedAt = ts;
    call->lastActivity = ts;
    call->callerSignal = src;
    const NameAddr from = parseNameAddr(msg.headerOr("from"));
    const NameAddr to = parseNameAddr(msg.headerOr("to"));
    const NameAddr ruri = parseUri(msg.requestUri);
    call->callerTag = from.tag;

    CallIdentities ids;
    if (const std::string *pai = msg.header("p-asserted-identity")) {
        // Several identities may be listed (sip and tel); take each.
        std::string_view v = *pai;
        while (!v.empty()) {
            const auto comma = v.find(',');
            const NameAddr a = parseNameAddr(v.substr(0, comma));
            if (a.valid)
                ids.caller.push_back(identityOf(a));
            if (comma == std::string_view::npos)
                break;
            v.remove_prefix(comma + 1);
        }
    }
    if (from.valid)
        ids.caller.push_back(identityOf(from));
    if (to.valid)
        ids.callee.push_back(identityOf(to));
    if (ruri.valid)
        ids.callee.push_back(identityOf(ruri));
    call->policy = m_policy.decide(ids);
    qCDebug(lcCalls) << "call" << QString::fromStdString(call->callId) << call->policy.caller << "->"
                     << call->policy.callee << call->policy.reason;

    Call &ref = *call;
    m_calls.emplace(call->callId, std::move(call));
    applySdp(ref, kCaller, msg, ts);
}

void CallTracker::applySdp(Call &call, int side, const SipMessage &msg, PacketTime ts)
{
    if (msg.body.empty())
        return;
    const std::string type = msg.headerOr("content-type");
    if (!type.empty() && type.find("application/sdp") == std::string::npos &&
        type.find("APPLICATION/SDP") == std::string::npos && type.find("multipart") == std::string::npos)
        return;
    std::string_view body = msg.body;
    // Multipart bodies (e.g. SDP plus ISUP): find the SDP part.
    const auto v = body.find("v=0");
    if (v == std::string_view::npos) {
        ++m_counters.badSdp;
        return;
    }
    body.remove_prefix(v);
    SdpAudio sdp;
    std::string error;
    if (!parseSdp(body, &sdp, &error)) {
        ++m_counters.badSdp;
        qCDebug(lcSip) << "bad SDP in call" << QString::fromStdString(call.callId) << QString::fromStdString(error);
        return;
    }
    if (!sdp.present)
        return;
    Call::Side &s = call.sides[side];
    for (const auto &[pt, fmt] : sdp.rtpmap)
        s.rtpmap[pt] = fmt;
    s.hasSdp = true;
    s.primaryCodec = primaryCodec(sdp);
    if (sdp.holdAddress)
        return; // c=0.0.0.0: no media expected until the next offer
    if (std::find(s.endpoints.begin(), s.endpoints.end(), sdp.endpoint) == s.endpoints.end())
        s.endpoints.push_back(sdp.endpoint);
    s.latest = sdp.endpoint;
    m_endpoints[sdp.endpoint] = EndpointRef{&call, side};
}

void CallTracker::onAnswered(Call &call, PacketTime ts)
{
    call.answeredAt = ts;
    // The negotiated codec is the answer's first real audio format; fall back to the offer's.
    const Call::Side &answer = call.sides[kCallee].hasSdp ? call.sides[kCallee] : call.sides[kCaller];
    call.codec = QString::fromStdString(answer.primaryCodec);
    if (!call.policy.record)
        return;
    if (!call.codec.isEmpty() && !isSupportedCodec(answer.primaryCodec)) {
        call.unsupportedCodec = true;
        qCWarning(lcCalls) << "call" << QString::fromStdString(call.callId) << "uses unsupported codec" << call.codec;
        return;
    }
    QString path;
    if (m_store) {
        QString refusal;
        call.rowId = m_store->beginRecording(rowFor(call), &path, &refusal);
        if (!call.rowId) {
            call.refusal = QStringLiteral("not recorded: %1").arg(refusal);
            return;
        }
        call.relativeFile = path.mid(m_store->dataDir().size() + 1);
    } else {
        path = recordingPath(call);
    }
    QString error;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        ++m_counters.recorderErrors;
        qCCritical(lcAudio) << "cannot create folder for" << path;
        call.refusal = QStringLiteral("recording failed: cannot create folder");
        return;
    }
    OpusSettings settings;
    settings.skipSilence = !m_config.encodeSilence;
    // Wideband calls keep their 16 kHz (Opus encodes it as wideband); narrowband stays at 8 kHz.
    const std::string negotiated = call.codec.toStdString();
    if (isWidebandCodec(negotiated))
        settings.inputRate = 16000;
    auto rec = std::make_unique<CallRecorder>(path + QStringLiteral(".part"), ts, m_config.jitterMs, settings);
    if (m_store) {
        const qint64 id = call.rowId;
        VaultStore *store = m_store;
        rec->setSpaceReserver([store, id](std::int64_t bytes, QString *why) { return store->reserve(id, bytes, why); });
    }
    const QString comment = QStringLiteral("VIPVAULT_CALL_ID=%1").arg(QString::fromStdString(call.callId));
    if (!rec->open(comment, &error)) {
        ++m_counters.recorderErrors;
        qCCritical(lcAudio) << "cannot start recording:" << error;
        call.refusal = QStringLiteral("recording failed: %1").arg(error);
        if (m_store)
            m_store->abandonRecording(rowFor(call), call.refusal);
        call.rowId = 0;
        QFile::remove(path + QStringLiteral(".part"));
        return;
    }
    call.recorder = std::move(rec);
}

CallRow CallTracker::rowFor(const Call &call) const
{
    CallRow row;
    row.id = call.rowId;
    if (m_store && call.policy.vaultIndex >= 0 && call.policy.vaultIndex < static_cast<int>(m_store->vaults().size()))
        row.vaultId = m_store->vaults()[static_cast<std::size_t>(call.policy.vaultIndex)].id;
    row.sipCallId = QString::fromStdString(call.callId);
    row.caller = call.policy.caller;
    row.callee = call.policy.callee;
    row.extension = call.policy.extension;
    row.direction = directionName(call.policy.direction);
    row.reason = call.policy.reason;
    row.startedAt = call.startedAt;
    row.answeredAt = call.answeredAt;
    row.codec = call.codec;
    row.file = call.relativeFile;
    return row;
}

QString CallTracker::recordingPath(const Call &call) const
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(call.answeredAt / 1000, Qt::UTC);
    auto safe = [](const QString &s) {
        QString out;
        for (QChar c : s)
            if (c.isLetterOrNumber() || c == u'+' || c == u'_' || c == u'-')
                out += c;
        return out.left(32);
    };
    const QString other = call.policy.extensionIsCaller ? call.policy.callee : call.policy.caller;
    const QByteArray hash =
        QCryptographicHash::hash(QByteArray::fromStdString(call.callId), QCryptographicHash::Sha256).toHex().left(10);
    return QStringLiteral("%1/vaults/%2/%3/%4_%5_%6_%7.opus")
        .arg(m_config.dataDir, call.policy.vault, t.toString(QStringLiteral("yyyy/MM/dd")),
             t.toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'")), safe(call.policy.extension), safe(other),
             QString::fromLatin1(hash));
}

bool CallTracker::onMedia(const UdpDatagram &d)
{
    int speaker = -1;
    Call *call = nullptr;
    auto it = m_endpoints.find(d.dst);
    if (it != m_endpoints.end()) {
        call = it->second.call;
        speaker = 1 - it->second.side; // sent to a side: the other side spoke
    } else if ((it = m_endpoints.find(d.src)) != m_endpoints.end()) {
        call = it->second.call;
        speaker = it->second.side;
    } else {
        return false;
    }
    RtpPacket rtp;
    const RtpParse kind = parseRtp(d.payload, d.length, &rtp);
    if (kind == RtpParse::Rtcp)
        return true;
    if (kind == RtpParse::Invalid) {
        ++m_counters.rtpInvalid;
        return true;
    }
    ++m_counters.rtpPackets;
    call->lastActivity = d.ts;
    if (!call->answeredAt || !call->recorder)
        return true; // early media or a call we do not record

    // One flow per direction: proxies and media relays can show the same audio twice.
    Call::Flow &flow = call->flows[speaker];
    const bool same = flow.locked && flow.src == d.src && flow.dst == d.dst;
    if (!same) {
        // Prefer the flow that matches what the latest SDP says (after a
        // re-INVITE moved the media); otherwise keep the locked flow unless it
        // has gone quiet.
        const Endpoint &mine = call->sides[speaker].latest;
        const Endpoint &theirs = call->sides[1 - speaker].latest;
        const int score = (d.src == mine ? 1 : 0) + (d.dst == theirs ? 1 : 0);
        const int lockedScore = (flow.src == mine ? 1 : 0) + (flow.dst == theirs ? 1 : 0);
        if (flow.locked && score <= lockedScore && d.ts - flow.lastSeen <= kFlowSwitchIdle) {
            ++m_counters.rtpSecondary;
            return true;
        }
        flow.locked = true;
        flow.src = d.src;
        flow.dst = d.dst;
    }
    flow.lastSeen = d.ts;

    // Payload types mean what the receiver's SDP declared (RFC 3264 5.1).
    const Call::Side &receiver = call->sides[1 - speaker];
    const Call::Side &sender = call->sides[speaker];
    // Looked up by pointer: this runs for every packet, so no string copies.
    const PayloadFormat *fmt = nullptr;
    if (auto f = receiver.rtpmap.find(rtp.payloadType); f != receiver.rtpmap.end())
        fmt = &f->second;
    else if (auto g = sender.rtpmap.find(rtp.payloadType); g != sender.rtpmap.end())
        fmt = &g->second;
    else
        fmt = &staticPayloadFormatRef(rtp.payloadType);
    const bool speakerIsCaller = speaker == kCaller;
    const Party party = speakerIsCaller == call->policy.extensionIsCaller ? Party::Extension : Party::FarEnd;
    call->recorder->addRtp(party, d.ts, rtp, fmt->name, fmt->clockRate > 0 ? fmt->clockRate : 8000);
    return true;
}

void CallTracker::tick(PacketTime now)
{
    if (m_store)
        m_store->tick(now);
    // Encoding in batches of 100 ms per call keeps each encoder's state in the
    // CPU cache for ten frames in a row instead of one: with a thousand calls
    // in progress that is most of the pipeline's overhead over libopus itself.
    const bool encode = now - m_lastEncode >= kEncodeBatch;
    if (encode)
        m_lastEncode = now;
    std::vector<Call *> idle;
    for (auto &[id, call] : m_calls) {
        if (encode && call->recorder) {
            QString error;
            if (!call->recorder->advance(now, &error) && !error.isEmpty()) {
                ++m_counters.recorderErrors;
                qCCritical(lcAudio) << "recording" << call->recorder->path() << "failed:" << error;
            }
        }
        if (now - call->lastActivity > static_cast<PacketTime>(m_config.callIdleTimeoutS) * 1'000'000)
            idle.push_back(call.get());
    }
    for (Call *c : idle)
        endCall(*c, c->lastActivity, QStringLiteral("timeout"));
    if (now - m_lastExpiry > 1'000'000) {
        m_lastExpiry = now;
        for (auto it = m_recentlyEnded.begin(); it != m_recentlyEnded.end();)
            it = now - it->second > kRecentlyEndedKeep ? m_recentlyEnded.erase(it) : std::next(it);
    }
}

void CallTracker::finishAll(PacketTime now, const QString &cause)
{
    std::vector<Call *> all;
    for (auto &[id, call] : m_calls)
        all.push_back(call.get());
    for (Call *c : all)
        endCall(*c, std::max(now, c->startedAt), cause);
}

void CallTracker::endCall(Call &call, PacketTime ts, const QString &cause)
{
    CallReport r;
    r.sipCallId = QString::fromStdString(call.callId);
    r.caller = call.policy.caller;
    r.callee = call.policy.callee;
    r.extension = call.policy.extension;
    r.vault = call.policy.vault;
    r.direction = call.policy.direction;
    r.startedAt = call.startedAt;
    r.answeredAt = call.answeredAt;
    r.endedAt = ts;
    r.endCause = cause;
    r.codec = call.codec;
    if (!call.policy.record) {
        r.reason = call.policy.reason;
    } else if (!call.answeredAt) {
        if (call.cancelRequested || call.failureStatus == 487)
            r.reason = QStringLiteral("cancelled");
        else if (call.failureStatus)
            r.reason = QStringLiteral("not answered: %1 %2")
                           .arg(call.failureStatus)
                           .arg(QString::fromStdString(call.failureReason));
        else
            r.reason = QStringLiteral("not answered: no final response");
    } else if (call.unsupportedCodec) {
        r.reason = QStringLiteral("unsupported codec %1").arg(call.codec);
    } else if (!call.recorder) {
        r.reason =
            call.refusal.isEmpty() ? QStringLiteral("recording failed: could not create the audio file") : call.refusal;
    } else {
        r.reason = QStringLiteral("recorded");
    }

    CallRow row = rowFor(call);
    if (m_store && row.vaultId && !row.extension.isEmpty()) {
        m_store->noteExtension(row.extension, QString(), row.vaultId, QStringLiteral("call"), ts);
        if (call.policy.direction == CallDirection::Internal) // both ends are extensions of the vault
            m_store->noteExtension(call.policy.extensionIsCaller ? call.policy.callee : call.policy.caller, QString(),
                                   row.vaultId, QStringLiteral("call"), ts);
    }
    row.endedAt = ts;
    row.durationMs = r.durationMs();
    row.endCause = cause;
    row.reason = r.reason;
    if (call.recorder) {
        CallRecorder &rec = *call.recorder;
        QString error;
        const bool ok = rec.finish(ts, &error);
        const QString partPath = rec.path();
        const QString finalPath = partPath.chopped(5); // drop ".part"
        r.extensionSide = rec.stats(Party::Extension);
        r.farEnd = rec.stats(Party::FarEnd);
        if (r.codec.isEmpty() && !rec.codecsSeen().empty())
            r.codec = QString::fromStdString(rec.codecsSeen().begin()->first);
        row.codec = r.codec;
        if (!rec.stoppedReason().isEmpty())
            r.note = QStringLiteral("recording stopped after %1 s: %2")
                         .arg(rec.audioMsOnDisk() / 1000.0, 0, 'f', 1)
                         .arg(rec.stoppedReason());
        row.note = r.note;
        if (ok && QFile::rename(partPath, finalPath)) {
            r.recorded = true;
            r.file = QFileInfo(finalPath).absoluteFilePath();
            r.bytes = QFileInfo(finalPath).size();
            row.quality = QString::fromUtf8(QJsonDocument(r.qualityJson()).toJson(QJsonDocument::Compact));
            crashPoint("finish");
            if (m_store && call.rowId)
                m_store->finishRecording(row, r.bytes);
        } else {
            ++m_counters.recorderErrors;
            qCCritical(lcAudio) << "could not finish recording" << partPath << error;
            r.reason = QStringLiteral("recording failed: %1").arg(error.isEmpty() ? QStringLiteral("rename") : error);
            QFile::remove(partPath);
            if (m_store && call.rowId)
                m_store->abandonRecording(row, r.reason);
        }
        r.id = call.rowId;
    } else if (m_store) {
        r.id = m_store->recordCallSeen(row);
    }

    for (int side = 0; side < 2; ++side)
        for (const Endpoint &e : call.sides[side].endpoints) {
            auto it = m_endpoints.find(e);
            if (it != m_endpoints.end() && it->second.call == &call)
                m_endpoints.erase(it);
        }
    m_recentlyEnded[call.callId] = ts;
    const std::string id = call.callId;
    m_calls.erase(id); // destroys `call`
    m_sink(r);
}
