#pragma once
// The part of an SDP body (RFC 4566, RFC 3264) a recorder needs: the first
// usable audio stream's address and port, its payload formats and direction.
#include "common/netaddress.h"
#include "rtp/payloadformat.h"
#include "rtp/srtpkeys.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace vv::agent {

enum class MediaDirection { SendRecv, SendOnly, RecvOnly, Inactive };

struct SdpAudio
{
    bool present = false;     // an audio m= line with a valid, non-zero port
    Endpoint endpoint;        // c= address (media level over session level) and port
    bool holdAddress = false; // c=0.0.0.0, the RFC 2543 hold idiom
    MediaDirection direction = MediaDirection::SendRecv;
    std::vector<int> formats;            // order of preference from the m= line
    std::map<int, PayloadFormat> rtpmap; // explicit a=rtpmap plus static defaults
    bool rtcpMux = false;
    std::string protocol;                  // of the m= line: "RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF"...
    std::vector<SrtpCrypto> crypto;        // usable a=crypto lines (RFC 4568), in the offer's order of preference
    std::vector<std::string> cryptoErrors; // why other a=crypto lines were refused (never the key)
    bool dtlsFingerprint = false;          // a=fingerprint: keys come from a DTLS handshake a recorder cannot see

    bool secureProfile() const { return protocol.find("SAVP") != std::string::npos; }
};

// Returns false (with *error) for bodies that are not SDP at all; an SDP with no
// usable audio returns true with present == false.
bool parseSdp(std::string_view body, SdpAudio *out, std::string *error);

// First format that is real audio (not telephone-event or comfort noise).
std::string primaryCodec(const SdpAudio &sdp);

} // namespace vv::agent
