#include "rtp/srtpdecryptor.h"

#include "rtp/srtpcm.h"

#include <arpa/inet.h>
#include <cstring>
#include <mutex>
#include <srtp2/srtp.h>

namespace vv::agent {

namespace {

// A replay window far larger than libsrtp's default: proxy copies and reordering are normal for a passive
// observer, and 1024 packets (20 s of audio) cost 128 bytes per stream.
constexpr unsigned long kWindow = 1024;
constexpr std::size_t kMaxGenerations = 3;
constexpr PacketTime kRetireAfter = 30'000'000; // an older key unused this long while a newer one works

using PolicySetter = void (*)(srtp_crypto_policy_t *);

struct Setters
{
    PolicySetter rtp;
    PolicySetter rtcp;
    PolicySetter rtpNullAuth;
};

Setters settersFor(SrtpSuite s)
{
    switch (s) {
    case SrtpSuite::AesCm128HmacSha1_80:
        return {srtp_crypto_policy_set_rtp_default, srtp_crypto_policy_set_rtcp_default,
                srtp_crypto_policy_set_aes_cm_128_null_auth};
    case SrtpSuite::AesCm128HmacSha1_32: // SRTCP keeps the 80-bit tag (RFC 4568 6.2.2)
        return {srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32, srtp_crypto_policy_set_rtcp_default,
                srtp_crypto_policy_set_aes_cm_128_null_auth};
    case SrtpSuite::Aes192CmHmacSha1_80:
        return {srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80, srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80,
                srtp_crypto_policy_set_aes_cm_192_null_auth};
    case SrtpSuite::Aes192CmHmacSha1_32:
        return {srtp_crypto_policy_set_aes_cm_192_hmac_sha1_32, srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80,
                srtp_crypto_policy_set_aes_cm_192_null_auth};
    case SrtpSuite::Aes256CmHmacSha1_80:
        return {srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80, srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
                srtp_crypto_policy_set_aes_cm_256_null_auth};
    case SrtpSuite::Aes256CmHmacSha1_32:
        return {srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32, srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80,
                srtp_crypto_policy_set_aes_cm_256_null_auth};
    case SrtpSuite::AeadAes128Gcm:
        return {srtp_crypto_policy_set_aes_gcm_128_16_auth, srtp_crypto_policy_set_aes_gcm_128_16_auth, nullptr};
    case SrtpSuite::AeadAes256Gcm:
        return {srtp_crypto_policy_set_aes_gcm_256_16_auth, srtp_crypto_policy_set_aes_gcm_256_16_auth, nullptr};
    }
    return {};
}

// Everything a libsrtp policy points into; libsrtp derives and copies the keys in srtp_create/srtp_add_stream,
// so this is destroyed (and its key copies wiped) right after.
struct Policy
{
    srtp_policy_t p{};
    std::vector<SecretBytes> keys;
    std::vector<std::vector<std::uint8_t>> mkis;
    std::vector<srtp_master_key_t> masterKeys;
    std::vector<srtp_master_key_t *> masterKeyPointers;
    bool useMki = false;
};

std::unique_ptr<Policy> makePolicy(const SrtpCrypto &c, srtp_ssrc_type_t type, std::uint32_t ssrc)
{
    auto policy = std::make_unique<Policy>();
    srtp_policy_t &p = policy->p;
    std::memset(&p, 0, sizeof p);
    const Setters s = settersFor(c.suite->suite);
    (c.unauthenticatedSrtp && s.rtpNullAuth ? s.rtpNullAuth : s.rtp)(&p.rtp);
    s.rtcp(&p.rtcp);
    if (c.unencryptedSrtp)
        p.rtp.sec_serv = static_cast<srtp_sec_serv_t>(p.rtp.sec_serv & ~sec_serv_conf);
    if (c.unencryptedSrtcp)
        p.rtcp.sec_serv = sec_serv_auth;
    p.ssrc.type = type;
    p.ssrc.value = ssrc; // host order
    p.window_size = kWindow;
    for (const SrtpMasterKey &k : c.keys) {
        policy->keys.push_back(k.keySalt);
        policy->mkis.push_back(k.mki);
    }
    if (c.keys.size() == 1 && c.keys.front().mki.empty()) {
        p.key = const_cast<std::uint8_t *>(policy->keys.front().bytes().data());
    } else {
        policy->useMki = true;
        for (std::size_t i = 0; i < c.keys.size(); ++i)
            policy->masterKeys.push_back({const_cast<std::uint8_t *>(policy->keys[i].bytes().data()),
                                          policy->mkis[i].data(), static_cast<unsigned>(policy->mkis[i].size())});
        for (srtp_master_key_t &m : policy->masterKeys)
            policy->masterKeyPointers.push_back(&m);
        p.key = nullptr;
        p.keys = policy->masterKeyPointers.data();
        p.num_master_keys = policy->masterKeyPointers.size();
    }
    return policy;
}

} // namespace

// One key (with its libsrtp2 session, or the AES-CM path for the suites it handles).
struct SrtpDecryptor::Generation
{
    enum class Outcome { Ok, Duplicate, Late, Failed };

    srtp_t session = nullptr;
    std::unique_ptr<SrtpCmSession> cm;
    SrtpCrypto crypto;
    bool useMki = false;
    std::uint64_t id = 0;
    std::uint64_t decrypted = 0;
    PacketTime lastOk = 0;

    ~Generation()
    {
        if (session)
            srtp_dealloc(session);
    }

    Outcome tryOne(const std::uint8_t *in, std::size_t length, std::vector<std::uint8_t> *out) const
    {
        if (cm) {
            switch (cm->unprotect(in, length, out)) {
            case SrtpCmSession::Status::Ok:
                return Outcome::Ok;
            case SrtpCmSession::Status::Duplicate:
                return Outcome::Duplicate;
            case SrtpCmSession::Status::Late:
                return Outcome::Late;
            default:
                return Outcome::Failed;
            }
        }
        // Never in place: an AEAD suite leaves the buffer changed when authentication fails, and the captured
        // bytes may be needed for the next key or roll-over counter.
        out->assign(in, in + length);
        int l = static_cast<int>(length);
        const srtp_err_status_t r =
            useMki ? srtp_unprotect_mki(session, out->data(), &l, 1) : srtp_unprotect(session, out->data(), &l);
        switch (r) {
        case srtp_err_status_ok:
            out->resize(static_cast<std::size_t>(l));
            return Outcome::Ok;
        case srtp_err_status_replay_fail:
            return Outcome::Duplicate;
        case srtp_err_status_replay_old:
            return Outcome::Late;
        default: // auth_fail, pkt_idx_old, parse errors
            return Outcome::Failed;
        }
    }

    bool roc(std::uint32_t ssrc, std::uint32_t *roc) const
    {
        return cm ? cm->roc(ssrc, roc) : srtp_get_stream_roc(session, ssrc, roc) == srtp_err_status_ok;
    }
};

bool initSrtp()
{
    static std::once_flag once;
    static bool ok = false;
    std::call_once(once, [] {
        ok = srtp_init() == srtp_err_status_ok;
        // libsrtp's default event handler prints to stderr (SSRC collisions, key limits): events are ours to count.
        srtp_install_event_handler(nullptr);
    });
    return ok;
}

SrtpDecryptor::SrtpDecryptor()
{
    initSrtp();
}

SrtpDecryptor::~SrtpDecryptor() = default;

bool SrtpDecryptor::addKey(const SrtpCrypto &crypto, PacketTime now)
{
    for (const auto &g : m_generations)
        if (g->crypto.sameKeysAs(crypto))
            return true;
    auto g = std::make_unique<Generation>();
    g->crypto = crypto;
    g->id = ++m_nextGeneration;
    g->lastOk = now;
    if (SrtpCmSession::handles(crypto)) {
        g->cm = std::make_unique<SrtpCmSession>(crypto);
        if (!g->cm->valid()) {
            ++m_counters.keyErrors;
            return false;
        }
    } else {
        auto policy = makePolicy(crypto, ssrc_any_inbound, 0);
        g->useMki = policy->useMki;
        if (srtp_create(&g->session, &policy->p) != srtp_err_status_ok) {
            g->session = nullptr;
            ++m_counters.keyErrors;
            return false;
        }
    }
    m_generations.push_front(std::move(g));
    while (m_generations.size() > kMaxGenerations)
        m_generations.pop_back();
    return true;
}

SrtpDecryptor::Result SrtpDecryptor::succeeded(Generation &g, SsrcState &st, std::uint32_t ssrc, PacketTime now)
{
    ++g.decrypted;
    g.lastOk = now;
    g.roc(ssrc, &st.roc);
    st.everOk = true;
    st.consecutiveFailures = 0;
    st.generation = g.id;
    ++m_counters.decrypted;
    // A newer key that works retires older ones that have gone quiet.
    while (m_generations.size() > 1 && m_generations.front()->decrypted > 0 &&
           now - m_generations.back()->lastOk > kRetireAfter)
        m_generations.pop_back();
    return Result::Decrypted;
}

SrtpDecryptor::Result SrtpDecryptor::unprotectRtp(const std::uint8_t *in, std::size_t length, PacketTime now,
                                                  std::vector<std::uint8_t> *out)
{
    if (m_generations.empty() || length < 12) {
        ++m_counters.authFailed;
        return Result::Failed;
    }
    std::uint32_t ssrc = 0;
    std::memcpy(&ssrc, in + 8, 4);
    ssrc = ntohl(ssrc);
    SsrcState &st = m_ssrcs[ssrc];
    bool late = false;
    for (auto &g : m_generations) {
        switch (g->tryOne(in, length, out)) {
        case Generation::Outcome::Ok:
            return succeeded(*g, st, ssrc, now);
        case Generation::Outcome::Duplicate:
            ++m_counters.duplicates;
            return Result::Duplicate;
        case Generation::Outcome::Late:
            late = true;
            break;
        case Generation::Outcome::Failed: // try the next key
            break;
        }
    }
    // Probe the roll-over counter, rate-limited (each trial costs a failed unprotect): for an SSRC the newest key
    // never decrypted, after 1, 2, 4, 8... failures; for a known one after 4, 8, 16..., then every 256th.
    const unsigned f = ++st.consecutiveFailures;
    const bool fresh = !st.everOk || st.generation != m_generations.front()->id;
    const bool powerOfTwo = (f & (f - 1)) == 0;
    if ((powerOfTwo && (fresh || f >= 4)) || f % 256 == 0)
        for (auto &g : m_generations)
            if (resync(*g, st, ssrc, in, length, out))
                return succeeded(*g, st, ssrc, now);
    if (late) {
        ++m_counters.late;
        return Result::Late;
    }
    ++m_counters.authFailed;
    return Result::Failed;
}

bool SrtpDecryptor::resync(Generation &g, const SrtpDecryptor::SsrcState &st, std::uint32_t ssrc,
                           const std::uint8_t *in, std::size_t length, std::vector<std::uint8_t> *out)
{
    std::uint32_t candidates[40];
    int n = 0;
    auto add = [&](std::uint32_t r) {
        for (int i = 0; i < n; ++i)
            if (candidates[i] == r)
                return;
        if (n < 40)
            candidates[n++] = r;
    };
    if (st.everOk) {
        add(st.roc + 1);
        add(st.roc);
        if (st.roc)
            add(st.roc - 1);
        add(st.roc + 2);
    }
    for (std::uint32_t r = 0; r < 32; ++r) // 32 wraps = 11.6 hours of 50-packet-a-second audio
        add(r);
    if (g.cm) {
        for (int i = 0; i < n; ++i) {
            ++m_counters.rocTrials;
            g.cm->restartStream(ssrc, candidates[i]);
            if (g.tryOne(in, length, out) == Generation::Outcome::Ok)
                return true;
        }
        g.cm->restartStream(ssrc); // as if never seen: the next packet starts the stream at 0
        return false;
    }
    // srtp_set_stream_roc is safe only on a stream that has accepted nothing yet: replace the SSRC's stream.
    std::uint32_t current = 0;
    if (srtp_get_stream_roc(g.session, ssrc, &current) == srtp_err_status_ok)
        srtp_remove_stream(g.session, htonl(ssrc));
    auto policy = makePolicy(g.crypto, ssrc_specific, ssrc);
    if (srtp_add_stream(g.session, &policy->p) != srtp_err_status_ok)
        return false;
    for (int i = 0; i < n; ++i) {
        ++m_counters.rocTrials;
        srtp_set_stream_roc(g.session, ssrc, candidates[i]);
        if (g.tryOne(in, length, out) == Generation::Outcome::Ok)
            return true;
    }
    srtp_remove_stream(g.session, htonl(ssrc)); // back to the key's template for this SSRC
    return false;
}

} // namespace vv::agent
