#pragma once
// Passive SRTP decryption (RFC 3711) of what ONE party sends: AES-CM/HMAC-SHA1
// suites on OpenSSL (rtp/srtpcm.h says why), the rest with libsrtp2.
// In SDES each party's a=crypto is the key it encrypts its own media with, so
// a call needs one decryptor per direction. Every packet's authentication tag
// is checked; a packet that fails is never decoded. Re-keying (a re-INVITE
// with new keys) adds a generation and the older ones stay until the newer
// one works; a recorder that starts late, or misses 2^15 packets, does not
// know the roll-over counter, so on persistent failure the ROC is probed
// (rate-limited) on a fresh stream for that SSRC.
#include "common/timeformat.h"
#include "rtp/srtpkeys.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

namespace vv::agent {

// libsrtp2 must be initialised once per process before any session exists; false when it cannot start.
bool initSrtp();

struct SrtpCounters
{
    std::uint64_t decrypted = 0;
    std::uint64_t duplicates = 0; // the replay window had the index: a copy we decrypted already
    std::uint64_t late = 0;       // older than the replay window
    std::uint64_t authFailed = 0; // no key and no roll-over counter authenticated it
    std::uint64_t rocTrials = 0;  // roll-over counter candidates tried
    std::uint64_t keyErrors = 0;  // a key libsrtp2 refused
};

class SrtpDecryptor
{
public:
    enum class Result { Decrypted, Duplicate, Late, Failed };

    SrtpDecryptor();
    ~SrtpDecryptor();
    SrtpDecryptor(const SrtpDecryptor &) = delete;
    SrtpDecryptor &operator=(const SrtpDecryptor &) = delete;

    // A key this party sends with (answer, offer or a re-INVITE's). The same key again changes nothing.
    bool addKey(const SrtpCrypto &crypto, PacketTime now);
    bool hasKeys() const { return !m_generations.empty(); }
    // `in` is the SRTP packet as captured (left untouched); on Decrypted, `out` holds the RTP packet.
    Result unprotectRtp(const std::uint8_t *in, std::size_t length, PacketTime now, std::vector<std::uint8_t> *out);
    const SrtpCounters &counters() const { return m_counters; }

private:
    struct Generation;
    struct SsrcState
    {
        bool everOk = false;
        std::uint32_t roc = 0;
        unsigned consecutiveFailures = 0;
        std::uint64_t generation = 0;
    };

    Result succeeded(Generation &g, SsrcState &st, std::uint32_t ssrc, PacketTime now);
    bool resync(Generation &g, const SsrcState &st, std::uint32_t ssrc, const std::uint8_t *in, std::size_t length,
                std::vector<std::uint8_t> *out);

    std::deque<std::unique_ptr<Generation>> m_generations; // newest first
    std::uint64_t m_nextGeneration = 0;
    std::unordered_map<std::uint32_t, SsrcState> m_ssrcs;
    SrtpCounters m_counters;
};

} // namespace vv::agent
