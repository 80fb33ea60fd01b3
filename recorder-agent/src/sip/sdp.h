#pragma once
// The part of an SDP body (RFC 4566, RFC 3264) a recorder needs: the first
// usable audio stream's address and port, its payload formats and direction.
#include "common/netaddress.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

enum class MediaDirection { SendRecv, SendOnly, RecvOnly, Inactive };

struct PayloadFormat
{
    std::string name; // upper-case encoding name, e.g. "PCMU", "TELEPHONE-EVENT"
    int clockRate = 0;
    int channels = 1;
};

struct SdpAudio
{
    bool present = false;     // an audio m= line with a valid, non-zero port
    Endpoint endpoint;        // c= address (media level over session level) and port
    bool holdAddress = false; // c=0.0.0.0, the RFC 2543 hold idiom
    MediaDirection direction = MediaDirection::SendRecv;
    std::vector<int> formats;            // order of preference from the m= line
    std::map<int, PayloadFormat> rtpmap; // explicit a=rtpmap plus static defaults
    bool rtcpMux = false;
};

// Returns false (with *error) for bodies that are not SDP at all; an SDP with no
// usable audio returns true with present == false.
bool parseSdp(std::string_view body, SdpAudio *out, std::string *error);

// The static payload types of RFC 3551 that a telephone may send.
PayloadFormat staticPayloadFormat(int pt);
// The same from a table built once; unknown types are named "PT<n>".
const PayloadFormat &staticPayloadFormatRef(int pt);
// First format that is real audio (not telephone-event or comfort noise).
std::string primaryCodec(const SdpAudio &sdp);
bool isNonAudioFormat(const std::string &name); // telephone-event, CN
