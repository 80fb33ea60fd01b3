// The sending side of SRTP for generated captures: a party's key (the one its SDP's a=crypto carries), libsrtp2
// protecting each RTP packet as a phone would, a roll-over counter that may start above 0 (a call the recorder joins
// late), and the a=crypto attribute text for the SDP.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vv::capgen {

class SrtpSender
{
public:
    // suite: an RFC 4568 / 6188 / 7714 name; the key and salt are drawn from `seed`.
    SrtpSender(const std::string &suite, uint64_t seed);
    ~SrtpSender();
    SrtpSender(const SrtpSender &) = delete;
    SrtpSender &operator=(const SrtpSender &) = delete;

    bool valid() const { return m_session != nullptr; }
    // Protects an RTP packet in place (the tag is appended). `roc` applies to an SSRC's first packet only.
    bool protect(std::vector<uint8_t> &packet, uint32_t roc = 0);
    // "a=crypto:TAG SUITE inline:KEY|2^31"; `corruptKey` flips one bit of the key written (not the key used).
    std::string cryptoLine(int tag, bool corruptKey = false) const;
    const std::vector<uint8_t> &keySalt() const { return m_keySalt; }

private:
    std::string m_suite;
    std::vector<uint8_t> m_keySalt;
    void *m_session = nullptr;       // srtp_t
    std::vector<uint32_t> m_started; // SSRCs whose stream exists
};

} // namespace vv::capgen
