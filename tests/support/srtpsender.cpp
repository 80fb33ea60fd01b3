#include "srtpsender.h"

#include "rng.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstring>
#include <srtp2/srtp.h>

namespace vv::capgen {

namespace {

struct Suite
{
    const char *name;
    int keySalt;
    void (*rtp)(srtp_crypto_policy_t *);
    void (*rtcp)(srtp_crypto_policy_t *);
};

const Suite kSuites[] = {
    {"AES_CM_128_HMAC_SHA1_80", 30, srtp_crypto_policy_set_rtp_default, srtp_crypto_policy_set_rtcp_default},
    {"AES_CM_128_HMAC_SHA1_32", 30, srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32,
     srtp_crypto_policy_set_rtcp_default},
    {"AES_256_CM_HMAC_SHA1_80", 46, srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
     srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80},
    {"AES_256_CM_HMAC_SHA1_32", 46, srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32,
     srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80},
    {"AEAD_AES_128_GCM", 28, srtp_crypto_policy_set_aes_gcm_128_16_auth, srtp_crypto_policy_set_aes_gcm_128_16_auth},
    {"AEAD_AES_256_GCM", 44, srtp_crypto_policy_set_aes_gcm_256_16_auth, srtp_crypto_policy_set_aes_gcm_256_16_auth},
};

const Suite *suiteNamed(const std::string &name)
{
    for (const Suite &s : kSuites)
        if (name == s.name)
            return &s;
    return nullptr;
}

std::string base64(const std::vector<uint8_t> &in)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string o;
    for (size_t i = 0; i < in.size(); i += 3) {
        const uint32_t v = uint32_t(in[i]) << 16 | (i + 1 < in.size() ? uint32_t(in[i + 1]) << 8 : 0) |
                           (i + 2 < in.size() ? uint32_t(in[i + 2]) : 0);
        o += t[v >> 18 & 63];
        o += t[v >> 12 & 63];
        o += i + 1 < in.size() ? t[v >> 6 & 63] : '=';
        o += i + 2 < in.size() ? t[v & 63] : '=';
    }
    return o;
}

srtp_policy_t policyFor(const Suite &s, std::vector<uint8_t> &key, srtp_ssrc_type_t type, uint32_t ssrc)
{
    srtp_policy_t p;
    std::memset(&p, 0, sizeof p);
    s.rtp(&p.rtp);
    s.rtcp(&p.rtcp);
    p.ssrc.type = type;
    p.ssrc.value = ssrc;
    p.key = key.data();
    p.window_size = 1024;
    return p;
}

} // namespace

SrtpSender::SrtpSender(const std::string &suite, uint64_t seed)
    : m_suite(suite)
{
    static const bool initialised = srtp_init() == srtp_err_status_ok;
    const Suite *s = suiteNamed(suite);
    if (!initialised || !s)
        return;
    Rng rng(seed ^ 0x5A17u);
    m_keySalt.resize(size_t(s->keySalt));
    for (uint8_t &b : m_keySalt)
        b = uint8_t(rng.next32());
    srtp_policy_t p = policyFor(*s, m_keySalt, ssrc_any_outbound, 0);
    srtp_t session = nullptr;
    if (srtp_create(&session, &p) == srtp_err_status_ok)
        m_session = session;
}

SrtpSender::~SrtpSender()
{
    if (m_session)
        srtp_dealloc(static_cast<srtp_t>(m_session));
}

bool SrtpSender::protect(std::vector<uint8_t> &packet, uint32_t roc)
{
    if (!m_session || packet.size() < 12)
        return false;
    srtp_t session = static_cast<srtp_t>(m_session);
    uint32_t ssrc = 0;
    std::memcpy(&ssrc, packet.data() + 8, 4);
    ssrc = ntohl(ssrc);
    if (roc && std::find(m_started.begin(), m_started.end(), ssrc) == m_started.end()) {
        // A stream of its own, its roll-over counter set before its first packet (as a sender mid-call has it).
        srtp_policy_t p = policyFor(*suiteNamed(m_suite), m_keySalt, ssrc_specific, ssrc);
        if (srtp_add_stream(session, &p) != srtp_err_status_ok ||
            srtp_set_stream_roc(session, ssrc, roc) != srtp_err_status_ok)
            return false;
    }
    if (std::find(m_started.begin(), m_started.end(), ssrc) == m_started.end())
        m_started.push_back(ssrc);
    const size_t length = packet.size();
    packet.resize(length + SRTP_MAX_TRAILER_LEN);
    int len = int(length);
    const bool ok = srtp_protect(session, packet.data(), &len) == srtp_err_status_ok;
    packet.resize(ok ? size_t(len) : length);
    return ok;
}

std::string SrtpSender::cryptoLine(int tag, bool corruptKey) const
{
    std::vector<uint8_t> written = m_keySalt;
    if (corruptKey && !written.empty())
        written[0] ^= 0x01;
    return "a=crypto:" + std::to_string(tag) + " " + m_suite + " inline:" + base64(written) + "|2^31\r\n";
}

} // namespace vv::capgen
