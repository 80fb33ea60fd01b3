#pragma once
// SRTP with AES counter mode and HMAC-SHA1 (RFC 3711 4.1.1, 4.2, 4.3, 3.3.1;
// RFC 6188 for the 192/256-bit keys), unprotect only, on OpenSSL's libcrypto.
// These suites are nearly all the SDES SRTP a PBX sends. Why not libsrtp2 for
// them: Debian builds libsrtp2 on NSS, whose per-packet HMAC set-up (a PK11
// context and key object per packet) made a call with SRTP cost 2.7 times a
// plain one at 1,000 concurrent calls. Here the HMAC's inner and outer states
// are keyed once per session and copied per packet, and the cipher context is
// keyed once. libsrtp2 keeps the AEAD suites and MKIs, and is the test oracle.
#include "rtp/srtpkeys.h"

#include <bitset>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

namespace vv::agent {

// The AES-CM key derivation (RFC 3711 4.3.3; RFC 6188 for 192/256-bit master keys) with key_derivation_rate 0:
// `outBytes` of the session key `label` (0 encryption, 1 authentication, 2 salt). Exposed for the RFCs' vectors.
// Note: libsrtp2 (through 2.5) derives AES-192 keys with its AES-256 PRF (cisco/libsrtp#763); this follows the RFC.
bool srtpCmDerive(std::size_t keyBytes, const std::uint8_t *masterKey, const std::uint8_t *masterSalt,
                  std::uint8_t label, std::uint8_t *out, std::size_t outBytes);

class SrtpCmSession
{
public:
    enum class Status { Ok, AuthFailed, Duplicate, Late, Malformed };

    // True for the suites this class decrypts: AES-CM 128/192/256 with HMAC-SHA1 80/32, one master key, no MKI.
    static bool handles(const SrtpCrypto &crypto);

    explicit SrtpCmSession(const SrtpCrypto &crypto);
    ~SrtpCmSession();
    SrtpCmSession(const SrtpCmSession &) = delete;
    SrtpCmSession &operator=(const SrtpCmSession &) = delete;

    bool valid() const { return m_valid; }
    // `in` is left untouched; on Ok, `out` holds the RTP packet (header and clear payload, no tag).
    Status unprotect(const std::uint8_t *in, std::size_t length, std::vector<std::uint8_t> *out);
    // The roll-over counter of an SSRC's stream once a packet of it authenticated.
    bool roc(std::uint32_t ssrc, std::uint32_t *roc) const;
    // Drops what is known of the SSRC: its next packet starts a new stream (at `roc`, default 0).
    void restartStream(std::uint32_t ssrc, std::uint32_t roc = 0);

private:
    struct Keys;
    struct Stream
    {
        bool started = false;
        std::uint32_t roc = 0;        // of the highest index accepted
        std::uint16_t highestSeq = 0; // s_l
        std::uint64_t highestIndex = 0;
        std::bitset<1024> window; // bit k: index highestIndex - k was accepted
    };

    bool m_valid = false;
    bool m_encrypted = true;
    bool m_authenticated = true;
    std::size_t m_tagBytes = 10;
    std::unique_ptr<Keys> m_keys;
    std::unordered_map<std::uint32_t, Stream> m_streams;
};

} // namespace vv::agent
