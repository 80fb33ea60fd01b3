#include "sip/sdp.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace vv::agent {

namespace {

std::string upper(std::string_view s)
{
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return r;
}

bool toInt(std::string_view s, int *out)
{
    if (s.empty())
        return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::vector<std::string_view> words(std::string_view s)
{
    std::vector<std::string_view> w;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ')
            ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ')
            ++j;
        if (j > i)
            w.push_back(s.substr(i, j - i));
        i = j;
    }
    return w;
}

// "IN IP4 192.0.2.1" -> address; false if unusable.
bool parseConnection(std::string_view v, IpAddress *addr)
{
    const auto w = words(v);
    if (w.size() < 3 || w[0] != "IN")
        return false;
    std::string_view a = w[2];
    a = a.substr(0, a.find('/')); // multicast TTL suffix
    const auto parsed = IpAddress::parse(a);
    if (!parsed)
        return false;
    *addr = *parsed;
    return true;
}

} // namespace

std::string primaryCodec(const SdpAudio &sdp)
{
    for (int pt : sdp.formats) {
        const auto it = sdp.rtpmap.find(pt);
        const std::string name = it != sdp.rtpmap.end() ? it->second.name : std::string();
        if (name.empty())
            return "PT" + std::to_string(pt);
        if (!isNonAudioFormat(name))
            return name;
    }
    return {};
}

bool parseSdp(std::string_view body, SdpAudio *out, std::string *error)
{
    *out = SdpAudio();
    if (body.substr(0, 2) != "v=") {
        *error = "body is not SDP (no v= line first)";
        return false;
    }
    IpAddress sessionAddr;
    bool haveSessionAddr = false;
    MediaDirection sessionDir = MediaDirection::SendRecv;
    bool inAudio = false;   // inside the first usable audio m= section
    bool audioDone = false; // a later m= line ends it
    IpAddress mediaAddr;
    bool haveMediaAddr = false;
    bool mediaDirSet = false;
    bool seenMedia = false; // lines before the first m= are session level
    bool sessionFingerprint = false;

    std::size_t pos = 0;
    while (pos < body.size()) {
        auto nl = body.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = body.size();
        std::string_view line = body.substr(pos, nl - pos);
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.size() < 2 || line[1] != '=')
            continue; // tolerate junk lines rather than lose the call
        const char type = line[0];
        const std::string_view v = line.substr(2);
        if (type == 'm') {
            seenMedia = true;
            if (inAudio)
                audioDone = true;
            inAudio = false;
            if (audioDone || out->present)
                continue;
            const auto w = words(v);
            int port = -1;
            if (w.size() >= 3 && w[0] == "audio" && w[2].find("RTP") != std::string_view::npos) {
                if (!toInt(w[1].substr(0, w[1].find('/')), &port) || port < 0 || port > 65535) {
                    *error = "audio m= line has an invalid port \"" + std::string(w[1]) + "\"";
                    return false;
                }
                if (port == 0)
                    continue; // a rejected or disabled stream (RFC 3264 6)
                inAudio = true;
                out->present = true;
                out->protocol = std::string(w[2].substr(0, 32));
                out->endpoint.port = static_cast<std::uint16_t>(port);
                for (std::size_t i = 3; i < w.size(); ++i) {
                    int pt = -1;
                    if (toInt(w[i], &pt) && pt >= 0 && pt <= 127) {
                        out->formats.push_back(pt);
                        const PayloadFormat f = staticPayloadFormat(pt);
                        if (!f.name.empty())
                            out->rtpmap[pt] = f;
                    }
                }
            }
            continue;
        }
        const bool sessionLevel = !seenMedia;
        if (type == 'c') {
            IpAddress a;
            if (!parseConnection(v, &a))
                continue;
            if (inAudio) {
                mediaAddr = a;
                haveMediaAddr = true;
            } else if (sessionLevel) {
                sessionAddr = a;
                haveSessionAddr = true;
            }
        } else if (type == 'a' && sessionLevel && v.substr(0, 12) == "fingerprint:") {
            sessionFingerprint = true; // RFC 8122: a session-level fingerprint applies to every m= section
        } else if (type == 'a' && (inAudio || sessionLevel)) {
            MediaDirection d;
            bool isDir = true;
            if (v == "sendrecv")
                d = MediaDirection::SendRecv;
            else if (v == "sendonly")
                d = MediaDirection::SendOnly;
            else if (v == "recvonly")
                d = MediaDirection::RecvOnly;
            else if (v == "inactive")
                d = MediaDirection::Inactive;
            else
                isDir = false;
            if (isDir) {
                if (inAudio) {
                    out->direction = d;
                    mediaDirSet = true;
                } else {
                    sessionDir = d;
                }
                continue;
            }
            if (!inAudio)
                continue;
            if (v == "rtcp-mux") {
                out->rtcpMux = true;
            } else if (v.substr(0, 7) == "crypto:") {
                std::string why;
                if (auto crypto = parseCryptoAttribute(v.substr(7), &why))
                    out->crypto.push_back(std::move(*crypto));
                else if (out->cryptoErrors.size() < 8)
                    out->cryptoErrors.push_back(std::move(why));
            } else if (v.substr(0, 12) == "fingerprint:") {
                out->dtlsFingerprint = true;
            } else if (v.substr(0, 7) == "rtpmap:") {
                const auto rest = v.substr(7);
                const auto sp = rest.find(' ');
                int pt = -1;
                if (sp == std::string_view::npos || !toInt(rest.substr(0, sp), &pt) || pt < 0 || pt > 127)
                    continue;
                const auto enc = rest.substr(sp + 1);
                const auto slash1 = enc.find('/');
                PayloadFormat f;
                f.name = upper(enc.substr(0, slash1));
                if (slash1 != std::string_view::npos) {
                    const auto rate = enc.substr(slash1 + 1);
                    const auto slash2 = rate.find('/');
                    toInt(rate.substr(0, slash2), &f.clockRate);
                    if (slash2 != std::string_view::npos)
                        toInt(rate.substr(slash2 + 1), &f.channels);
                }
                if (!f.name.empty())
                    out->rtpmap[pt] = f;
            }
        }
    }
    if (!out->present)
        return true;
    if (!mediaDirSet)
        out->direction = sessionDir;
    if (haveMediaAddr)
        out->endpoint.address = mediaAddr;
    else if (haveSessionAddr)
        out->endpoint.address = sessionAddr;
    else {
        out->present = false; // no address to listen for
        return true;
    }
    out->holdAddress = out->endpoint.address.isUnspecified();
    out->dtlsFingerprint = out->dtlsFingerprint || sessionFingerprint;
    return true;
}

} // namespace vv::agent
