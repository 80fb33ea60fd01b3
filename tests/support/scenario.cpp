#include "scenario.h"

#include "g711.h"
#include "rng.h"
#include "sipdialog.h"
#include "speech.h"
#include "srtpsender.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace vv::capgen {

const char *codecName(Codec codec)
{
    switch (codec) {
    case Codec::Pcmu:
        return "PCMU";
    case Codec::Pcma:
        return "PCMA";
    case Codec::G729:
        return "G729";
    case Codec::G723:
        return "G723";
    }
    return "?";
}

int payloadType(Codec codec)
{
    switch (codec) {
    case Codec::Pcmu:
        return 0;
    case Codec::Pcma:
        return 8;
    case Codec::G729:
        return 18;
    case Codec::G723:
        return 4;
    }
    return 0;
}

int outcomeCode(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Answered:
        return 200;
    case Outcome::Cancelled:
        return 487;
    case Outcome::BusyHere:
        return 486;
    case Outcome::ServiceUnavailable:
        return 503;
    case Outcome::NotFound:
        return 404;
    }
    return 0;
}

const char *outcomePhrase(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Answered:
        return "OK";
    case Outcome::Cancelled:
        return "Request Terminated";
    case Outcome::BusyHere:
        return "Busy Here";
    case Outcome::ServiceUnavailable:
        return "Service Unavailable";
    case Outcome::NotFound:
        return "Not Found";
    }
    return "";
}

namespace {

constexpr int kSamplesPerPacket = 160;
constexpr double kPacketTime = 0.02;

struct RtpState
{
    uint32_t ssrc = 0;
    uint16_t seq = 0;
    uint32_t tsBase = 0;
    bool marker = true;
};

std::vector<uint8_t> rtpPacket(RtpState &st, int pt, uint32_t timestamp, const std::vector<uint8_t> &payload)
{
    std::vector<uint8_t> p(12 + payload.size());
    p[0] = 0x80;
    p[1] = uint8_t((st.marker ? 0x80 : 0) | (pt & 0x7F));
    p[2] = uint8_t(st.seq >> 8);
    p[3] = uint8_t(st.seq);
    p[4] = uint8_t(timestamp >> 24);
    p[5] = uint8_t(timestamp >> 16);
    p[6] = uint8_t(timestamp >> 8);
    p[7] = uint8_t(timestamp);
    p[8] = uint8_t(st.ssrc >> 24);
    p[9] = uint8_t(st.ssrc >> 16);
    p[10] = uint8_t(st.ssrc >> 8);
    p[11] = uint8_t(st.ssrc);
    std::copy(payload.begin(), payload.end(), p.begin() + 12);
    st.marker = false;
    ++st.seq;
    return p;
}

// Media timeline of an answered call, shared by both directions.
struct MediaPlan
{
    double answer = 0.0;
    double bye = 0.0;
    double holdFrom = 1e300, holdTo = -1.0; // nothing is sent in [holdFrom, holdTo)
    double switchAt = 1e300;                // re-INVITE takes effect
    double resetAt = 1e300;                 // SSRC change
    bool resetCaller = true;
    Codec codec = Codec::Pcmu;
    std::optional<Codec> newCodec;
    Endpoint callerMedia, calleeMedia;   // before the re-INVITE
    Endpoint callerMedia2, calleeMedia2; // after it
    // SRTP: each party's sender, before and after a re-key; or DTLS-SRTP payloads nobody can decrypt.
    SrtpSender *srtp[2][2] = {{nullptr, nullptr}, {nullptr, nullptr}}; // [caller?0:1][rekeyed?1:0]
    double rekeyAt = 1e300;
    uint32_t roc = 0;
    std::optional<uint16_t> seqStart;
    bool undecryptable = false;
};

void generateStream(std::vector<GenPacket> &out, StreamTruth &truth, const MediaPlan &plan, bool caller,
                    const std::vector<int16_t> &speech, const Impairment &imp, const CallSpec &spec, Rng &rng)
{
    Rng impRng(spec.seed * 7919 + (caller ? 1 : 2));
    RtpState st{rng.next32(), uint16_t(rng.next32()), rng.next32(), true};
    if (plan.seqStart)
        st.seq = *plan.seqStart;
    // The callee starts sending as it answers; the caller once its ACK is out.
    const double offset = caller ? 0.032 : 0.004;
    const size_t offsetSamples = size_t(std::lround(offset * kSpeechRate));
    truth.audio.assign(size_t(std::lround((plan.bye - plan.answer) * kSpeechRate)), 0);
    const int slots = int(speech.size() / kSamplesPerPacket);
    const int dtmfSlot = (caller && spec.telephoneEvents) ? slots * 2 / 5 : -1;
    const int cnSlot = (!caller && spec.comfortNoise) ? slots * 3 / 5 : -1;
    bool resetDone = false;
    bool wasHeld = false;
    for (int k = 0; k < slots; ++k) {
        const double sendTime = plan.answer + offset + k * kPacketTime;
        if (sendTime >= plan.bye)
            break;
        if (sendTime >= plan.holdFrom && sendTime < plan.holdTo) {
            wasHeld = true;
            continue;
        }
        if (wasHeld) {
            st.marker = true; // talk spurt starts again after resume
            wasHeld = false;
        }
        if (!resetDone && sendTime >= plan.resetAt && plan.resetCaller == caller) {
            // New SSRC, new sequence and a timestamp jump, as after a phone's media restart.
            st.ssrc = rng.next32();
            st.seq = uint16_t(rng.next32());
            st.tsBase += 800000 + rng.next32() % 100000;
            st.marker = true;
            resetDone = true;
        }
        const bool switched = sendTime >= plan.switchAt;
        const Codec codec = switched && plan.newCodec ? *plan.newCodec : plan.codec;
        const Endpoint &self = caller ? (switched ? plan.callerMedia2 : plan.callerMedia)
                                      : (switched ? plan.calleeMedia2 : plan.calleeMedia);
        const Endpoint &peer = caller ? (switched ? plan.calleeMedia2 : plan.calleeMedia)
                                      : (switched ? plan.callerMedia2 : plan.callerMedia);
        const uint32_t timestamp = st.tsBase + uint32_t(k) * kSamplesPerPacket;
        std::vector<std::vector<uint8_t>> wire; // RTP packets for this slot
        std::vector<int16_t> decoded;
        if (k >= dtmfSlot && k < dtmfSlot + 4 && dtmfSlot >= 0) {
            // RFC 4733 digit '5' replacing 60 ms of audio; the end packet goes out twice.
            const int n = k - dtmfSlot;
            const uint16_t duration = uint16_t(std::min(n + 1, 3) * kSamplesPerPacket);
            const uint8_t flags = uint8_t((n >= 2 ? 0x80 : 0) | 10);
            if (n == 0)
                st.marker = true;
            wire.push_back(rtpPacket(st, 101, st.tsBase + uint32_t(dtmfSlot) * kSamplesPerPacket,
                                     {5, flags, uint8_t(duration >> 8), uint8_t(duration)}));
        } else if (k == cnSlot) {
            wire.push_back(rtpPacket(st, 13, timestamp, {64}));
        } else {
            const std::span<const int16_t> slice(speech.data() + size_t(k) * kSamplesPerPacket, kSamplesPerPacket);
            std::vector<uint8_t> payload;
            if (codec == Codec::Pcmu) {
                payload = encodeUlaw(slice);
                decoded = decodeUlaw(payload);
            } else if (codec == Codec::Pcma) {
                payload = encodeAlaw(slice);
                decoded = decodeAlaw(payload);
            } else {
                payload.resize(20); // G.729: 10 bytes per 10 ms frame; content is irrelevant, nobody decodes it
                for (uint8_t &b : payload)
                    b = uint8_t(impRng.next32());
            }
            wire.push_back(rtpPacket(st, payloadType(codec), timestamp, payload));
        }
        // Encryption happens before the network: a loss drops, a duplicate copies, the protected packet.
        if (SrtpSender *sender = plan.srtp[caller ? 0 : 1][sendTime >= plan.rekeyAt ? 1 : 0])
            for (auto &bytes : wire)
                sender->protect(bytes, plan.roc);
        if (plan.undecryptable)
            for (auto &bytes : wire) {
                for (size_t i = 12; i < bytes.size(); ++i)
                    bytes[i] ^= uint8_t(impRng.next32());
                bytes.resize(bytes.size() + 10);
            }
        // Impairments spare the first and last packets so the stream's span stays well defined.
        const bool impairable = k >= 3 && k + 6 < slots && sendTime + 6 * kPacketTime < plan.bye;
        if (impairable && impRng.chance(imp.lossPercent / 100.0)) {
            ++truth.packetsLost;
            continue;
        }
        double when = sendTime;
        if (impairable && impRng.chance(imp.reorderPercent / 100.0)) {
            when += impRng.range(1, 3) * kPacketTime + 0.001;
            ++truth.packetsReordered;
        }
        for (const auto &bytes : wire) {
            out.push_back({when, self, peer, bytes});
            ++truth.packetsSent;
            if (impairable && impRng.chance(imp.duplicatePercent / 100.0)) {
                out.push_back({when + 0.0005, self, peer, bytes});
                ++truth.packetsDuplicated;
            }
        }
        const size_t at = offsetSamples + size_t(k) * kSamplesPerPacket;
        for (size_t i = 0; i < decoded.size() && at + i < truth.audio.size(); ++i)
            truth.audio[at + i] = decoded[i];
    }
}

} // namespace

const CallTruth &Scenario::addCall(const CallSpec &spec)
{
    Rng rng(spec.seed);
    SipDialog dialog(spec, rng, m_packets);
    CallTruth truth;
    truth.callId = spec.callId;
    truth.outcome = spec.outcome;
    truth.inviteTime = spec.start;

    SdpSpec callerSdp{spec.caller.user,  spec.caller.media,       spec.codec, "sendrecv", spec.telephoneEvents,
                      spec.comfortNoise, rng.next() % 1000000000, 1};
    SdpSpec calleeSdp{spec.callee.user,  spec.callee.media,       spec.codec, "sendrecv", spec.telephoneEvents,
                      spec.comfortNoise, rng.next() % 1000000000, 1};

    // SRTP keyed in the SDP: each party's sender, and again after a re-key.
    std::unique_ptr<SrtpSender> senders[2][2];
    if (spec.srtp) {
        const SrtpSpec &s = *spec.srtp;
        for (SdpSpec *sdp : {&callerSdp, &calleeSdp})
            sdp->profile = s.dtls ? "UDP/TLS/RTP/SAVP" : "RTP/SAVP";
        if (s.dtls) {
            const std::string fp = "a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:"
                                   "3D:7E:F4:6A:B2:A5:49:B5:2E:A4:BA:37\r\n";
            callerSdp.attributes = fp + "a=setup:actpass\r\n";
            calleeSdp.attributes = fp + "a=setup:active\r\n";
        } else if (!s.noKeys) {
            for (int side = 0; side < 2; ++side)
                for (int gen = 0; gen < (s.rekeyAtMs >= 0 ? 2 : 1); ++gen)
                    senders[side][gen] =
                        std::make_unique<SrtpSender>(s.suite, spec.seed * 31 + uint64_t(side * 2 + gen) + 1);
            callerSdp.attributes = senders[0][0]->cryptoLine(1, s.corruptKeysInSdp);
            for (const std::string &line : s.extraOfferLines)
                callerSdp.attributes += line;
            calleeSdp.attributes = senders[1][0]->cryptoLine(1, s.corruptKeysInSdp);
        }
        for (const std::string &line : s.noKeys ? s.extraOfferLines : std::vector<std::string>())
            callerSdp.attributes += line;
    }

    double t = spec.start;
    // A hunt group rings its other phones first; the phone that answers rings after them.
    double calleeRingsAt = t;
    if (spec.serialForks)
        for (const ForkSpec &f : spec.forks)
            calleeRingsAt += f.ringMs / 1000.0 + 0.010;
    const auto invite = dialog.request(t, true, "INVITE", buildSdp(callerSdp), calleeRingsAt - t + 0.001);
    dialog.response(t + 0.004, invite, 100, "Trying");
    dialog.response(calleeRingsAt + 0.060, invite, 180, "Ringing");
    const double decided = calleeRingsAt + spec.ringMs / 1000.0;
    if (spec.proxy) {
        double forkAt = t + 0.002;
        for (const ForkSpec &f : spec.forks) {
            if (spec.serialForks) {
                dialog.fork(forkAt, forkAt + f.ringMs / 1000.0, f);
                forkAt += f.ringMs / 1000.0 + 0.010;
            } else {
                dialog.fork(forkAt, f.finalCode == 487 ? decided + 0.003 : forkAt + f.ringMs / 1000.0, f);
            }
        }
    }
    truth.callerTag = dialog.callerTag();
    truth.calleeTag = dialog.calleeTag();
    if (spec.outcome == Outcome::Cancelled) {
        const auto cancel = dialog.cancel(decided, invite);
        dialog.response(decided + 0.010, cancel, 200, "OK");
        dialog.response(decided + 0.012, invite, 487, "Request Terminated");
        dialog.ackFailure(decided + 0.020, invite);
        truth.endTime = decided + 0.012;
        m_truths.push_back(std::move(truth));
        return m_truths.back();
    }
    if (spec.outcome != Outcome::Answered) {
        dialog.response(decided, invite, outcomeCode(spec.outcome), outcomePhrase(spec.outcome));
        dialog.ackFailure(decided + 0.010, invite);
        truth.endTime = decided;
        m_truths.push_back(std::move(truth));
        return m_truths.back();
    }

    MediaPlan plan;
    plan.answer = decided;
    plan.bye = decided + spec.talkMs / 1000.0 + 0.005;
    plan.codec = spec.codec;
    plan.callerMedia = plan.callerMedia2 = spec.caller.media;
    plan.calleeMedia = plan.calleeMedia2 = spec.callee.media;
    dialog.response(plan.answer, invite, 200, "OK", buildSdp(calleeSdp));
    dialog.request(plan.answer + 0.030, true, "ACK");

    if (spec.hold.atMs >= 0) {
        const bool byCaller = spec.hold.byCaller;
        SdpSpec &holder = byCaller ? callerSdp : calleeSdp;
        SdpSpec &held = byCaller ? calleeSdp : callerSdp;
        const double h = plan.answer + spec.hold.atMs / 1000.0;
        const double r = h + spec.hold.durationMs / 1000.0;
        holder.direction = "sendonly";
        ++holder.version;
        held.direction = "recvonly";
        ++held.version;
        const auto hold = dialog.request(h, byCaller, "INVITE", buildSdp(holder));
        dialog.response(h + 0.020, hold, 200, "OK", buildSdp(held));
        dialog.request(h + 0.030, byCaller, "ACK");
        holder.direction = held.direction = "sendrecv";
        ++holder.version;
        ++held.version;
        const auto resume = dialog.request(r, byCaller, "INVITE", buildSdp(holder));
        dialog.response(r + 0.020, resume, 200, "OK", buildSdp(held));
        dialog.request(r + 0.030, byCaller, "ACK");
        plan.holdFrom = h;
        plan.holdTo = r + 0.030;
    }
    if (spec.reinvite.atMs >= 0) {
        const bool byCaller = spec.reinvite.byCaller;
        SdpSpec &offerer = byCaller ? callerSdp : calleeSdp;
        SdpSpec &answerer = byCaller ? calleeSdp : callerSdp;
        const double r = plan.answer + spec.reinvite.atMs / 1000.0;
        if (spec.reinvite.newMedia) {
            offerer.media = *spec.reinvite.newMedia;
            (byCaller ? plan.callerMedia2 : plan.calleeMedia2) = *spec.reinvite.newMedia;
        }
        if (spec.reinvite.newCodec) {
            offerer.codec = answerer.codec = *spec.reinvite.newCodec;
            plan.newCodec = spec.reinvite.newCodec;
        }
        ++offerer.version;
        ++answerer.version;
        const auto re = dialog.request(r, byCaller, "INVITE", buildSdp(offerer));
        dialog.response(r + 0.020, re, 200, "OK", buildSdp(answerer));
        dialog.request(r + 0.030, byCaller, "ACK");
        plan.switchAt = r + 0.025;
    }
    if (spec.srtp && spec.srtp->rekeyAtMs >= 0 && senders[0][1]) {
        // New keys from both sides: the caller offers its new one, the callee answers with its new one.
        const double r = plan.answer + spec.srtp->rekeyAtMs / 1000.0;
        SdpSpec offer = callerSdp;
        SdpSpec answer = calleeSdp;
        offer.attributes = senders[0][1]->cryptoLine(2);
        answer.attributes = senders[1][1]->cryptoLine(2);
        ++offer.version;
        ++answer.version;
        const auto re = dialog.request(r, true, "INVITE", buildSdp(offer));
        dialog.response(r + 0.020, re, 200, "OK", buildSdp(answer));
        dialog.request(r + 0.030, true, "ACK");
        plan.rekeyAt = r + 0.025;
    }
    if (spec.srtp) {
        for (int side = 0; side < 2; ++side)
            for (int gen = 0; gen < 2; ++gen)
                plan.srtp[side][gen] = senders[side][gen].get();
        plan.roc = spec.srtp->roc;
        plan.seqStart = spec.srtp->seqStart;
        plan.undecryptable = spec.srtp->dtls || spec.srtp->noKeys;
    }
    if (spec.streamReset.atMs >= 0) {
        plan.resetAt = plan.answer + spec.streamReset.atMs / 1000.0;
        plan.resetCaller = spec.streamReset.callerSide;
    }

    const auto conversation = generateConversation(spec.seed ^ 0x5EEDu, spec.talkMs / 1000.0 + 0.1);
    generateStream(m_packets, truth.caller, plan, true, conversation.first, spec.callerImpairment, spec, rng);
    generateStream(m_packets, truth.callee, plan, false, conversation.second, spec.calleeImpairment, spec, rng);

    const auto bye = dialog.request(plan.bye, spec.byeFromCaller, "BYE");
    dialog.response(plan.bye + 0.020, bye, 200, "OK");
    truth.answerTime = plan.answer;
    truth.endTime = plan.bye;
    m_truths.push_back(std::move(truth));
    return m_truths.back();
}

void Scenario::addPacket(GenPacket packet)
{
    m_packets.push_back(std::move(packet));
}

std::vector<GenPacket> Scenario::packets() const
{
    std::vector<GenPacket> sorted = m_packets;
    std::stable_sort(sorted.begin(), sorted.end(), [](const GenPacket &a, const GenPacket &b) { return a.ts < b.ts; });
    return sorted;
}

const CallTruth *Scenario::truth(const std::string &callId) const
{
    for (const CallTruth &t : m_truths) {
        if (t.callId == callId)
            return &t;
    }
    return nullptr;
}

} // namespace vv::capgen
