#pragma once
// RTP payload formats (RFC 3551): what an SDP rtpmap names and what a payload
// type means when no rtpmap says. Shared by the SDP parser and the decoders.
#include <string>

namespace vv::agent {

struct PayloadFormat
{
    std::string name; // upper-case encoding name, e.g. "PCMU", "TELEPHONE-EVENT"
    int clockRate = 0;
    int channels = 1;
};

// The static payload types of RFC 3551 that a telephone may send.
PayloadFormat staticPayloadFormat(int pt);
// The same from a table built once; unknown types are named "PT<n>".
const PayloadFormat &staticPayloadFormatRef(int pt);
bool isNonAudioFormat(const std::string &name); // telephone-event, CN

} // namespace vv::agent
