#include "rtp/srtpcm.h"

// SHA-1's low-level API is deprecated in OpenSSL 3 but is the only one whose state is a plain struct: keying
// the HMAC once and copying 96 bytes per packet is what makes this path fast (EVP_MD_CTX_copy goes through
// the provider layer).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <array>
#include <cstring>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

namespace vv::agent {

namespace {

constexpr std::size_t kSaltBytes = 14;
constexpr std::size_t kAuthKeyBytes = 20;
constexpr std::uint64_t kWindow = 1024;

const EVP_CIPHER *ctrCipher(std::size_t keyBytes)
{
    switch (keyBytes) {
    case 16:
        return EVP_aes_128_ctr();
    case 24:
        return EVP_aes_192_ctr();
    case 32:
        return EVP_aes_256_ctr();
    }
    return nullptr;
}

// RFC 3711 4.3.1/4.3.3 with key_derivation_rate 0: x = (label << 48) XOR master_salt, the PRF is the AES-CM
// keystream from IV = x * 2^16 under the master key.
bool derive(const EVP_CIPHER *cipher, const std::uint8_t *masterKey, const std::uint8_t *masterSalt, std::uint8_t label,
            std::uint8_t *out, std::size_t outBytes)
{
    std::array<std::uint8_t, 16> iv{};
    std::memcpy(iv.data(), masterSalt, kSaltBytes);
    iv[7] ^= label; // key_id (label || r = 0) is 56 bits, right-aligned in the 112-bit salt
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    std::vector<std::uint8_t> zeros(outBytes, 0);
    int n = 0;
    const bool ok = ctx && EVP_EncryptInit_ex(ctx, cipher, nullptr, masterKey, iv.data()) == 1 &&
                    EVP_EncryptUpdate(ctx, out, &n, zeros.data(), static_cast<int>(outBytes)) == 1 &&
                    n == static_cast<int>(outBytes);
    EVP_CIPHER_CTX_free(ctx);
    return ok;
}

} // namespace

bool srtpCmDerive(std::size_t keyBytes, const std::uint8_t *masterKey, const std::uint8_t *masterSalt,
                  std::uint8_t label, std::uint8_t *out, std::size_t outBytes)
{
    const EVP_CIPHER *cipher = ctrCipher(keyBytes);
    return cipher && derive(cipher, masterKey, masterSalt, label, out, outBytes);
}

struct SrtpCmSession::Keys
{
    EVP_CIPHER_CTX *cipher = nullptr; // keyed with the session encryption key; the IV is set per packet
    SHA_CTX inner{};                  // SHA-1 after (k_a XOR ipad)
    SHA_CTX outer{};                  // SHA-1 after (k_a XOR opad)
    std::array<std::uint8_t, kSaltBytes> salt{};

    ~Keys()
    {
        EVP_CIPHER_CTX_free(cipher);
        OPENSSL_cleanse(&inner, sizeof inner);
        OPENSSL_cleanse(&outer, sizeof outer);
        OPENSSL_cleanse(salt.data(), salt.size());
    }
};

bool SrtpCmSession::handles(const SrtpCrypto &c)
{
    if (!c.suite || c.suite->aead || c.keys.size() != 1 || !c.keys.front().mki.empty())
        return false;
    return ctrCipher(static_cast<std::size_t>(c.suite->keyBytes)) != nullptr &&
           c.suite->saltBytes == static_cast<int>(kSaltBytes) &&
           c.keys.front().keySalt.bytes().size() == static_cast<std::size_t>(c.suite->keyBytes) + kSaltBytes;
}

SrtpCmSession::SrtpCmSession(const SrtpCrypto &c)
{
    if (!handles(c))
        return;
    const std::size_t keyBytes = static_cast<std::size_t>(c.suite->keyBytes);
    const EVP_CIPHER *cipher = ctrCipher(keyBytes);
    const std::uint8_t *master = c.keys.front().keySalt.bytes().data();
    const std::uint8_t *masterSalt = master + keyBytes;
    m_encrypted = !c.unencryptedSrtp;
    m_authenticated = !c.unauthenticatedSrtp;
    m_tagBytes =
        !m_authenticated ? 0
        : (c.suite->suite == SrtpSuite::AesCm128HmacSha1_32 || c.suite->suite == SrtpSuite::Aes192CmHmacSha1_32 ||
           c.suite->suite == SrtpSuite::Aes256CmHmacSha1_32)
            ? 4
            : 10;
    auto keys = std::make_unique<Keys>();
    std::array<std::uint8_t, 32> encKey{};
    std::array<std::uint8_t, 64> pad{};
    bool ok = derive(cipher, master, masterSalt, 0x00, encKey.data(), keyBytes) &&
              derive(cipher, master, masterSalt, 0x01, pad.data(), kAuthKeyBytes) &&
              derive(cipher, master, masterSalt, 0x02, keys->salt.data(), kSaltBytes);
    if (ok) {
        keys->cipher = EVP_CIPHER_CTX_new();
        ok = keys->cipher && EVP_EncryptInit_ex(keys->cipher, cipher, nullptr, encKey.data(), nullptr) == 1;
    }
    if (ok) {
        // HMAC (RFC 2104): the 20-byte key zero-padded to SHA-1's 64-byte block.
        std::array<std::uint8_t, 64> ipad{};
        std::array<std::uint8_t, 64> opad{};
        for (std::size_t i = 0; i < 64; ++i) {
            ipad[i] = pad[i] ^ 0x36;
            opad[i] = pad[i] ^ 0x5c;
        }
        SHA1_Init(&keys->inner);
        SHA1_Update(&keys->inner, ipad.data(), ipad.size());
        SHA1_Init(&keys->outer);
        SHA1_Update(&keys->outer, opad.data(), opad.size());
        OPENSSL_cleanse(ipad.data(), ipad.size());
        OPENSSL_cleanse(opad.data(), opad.size());
    }
    OPENSSL_cleanse(encKey.data(), encKey.size());
    OPENSSL_cleanse(pad.data(), pad.size());
    if (!ok)
        return;
    m_keys = std::move(keys);
    m_valid = true;
}

SrtpCmSession::~SrtpCmSession() = default;

bool SrtpCmSession::roc(std::uint32_t ssrc, std::uint32_t *roc) const
{
    const auto it = m_streams.find(ssrc);
    if (it == m_streams.end() || !it->second.started)
        return false;
    *roc = it->second.roc;
    return true;
}

void SrtpCmSession::restartStream(std::uint32_t ssrc, std::uint32_t roc)
{
    Stream s;
    s.roc = roc;
    m_streams[ssrc] = s;
}

SrtpCmSession::Status SrtpCmSession::unprotect(const std::uint8_t *in, std::size_t length,
                                               std::vector<std::uint8_t> *out)
{
    if (!m_valid || length < 12 + m_tagBytes || (in[0] >> 6) != 2)
        return Status::Malformed;
    const std::size_t authenticated = length - m_tagBytes;
    std::size_t header = 12 + 4 * std::size_t(in[0] & 0x0f);
    if (in[0] & 0x10) { // header extension: 4 bytes, then its length in 32-bit words
        if (header + 4 > authenticated)
            return Status::Malformed;
        header += 4 + 4 * (std::size_t(in[header + 2]) << 8 | in[header + 3]);
    }
    if (header > authenticated)
        return Status::Malformed;
    const std::uint32_t ssrc =
        std::uint32_t(in[8]) << 24 | std::uint32_t(in[9]) << 16 | std::uint32_t(in[10]) << 8 | in[11];
    const std::uint16_t seq = static_cast<std::uint16_t>(in[2] << 8 | in[3]);

    // RFC 3711 3.3.1: the roll-over counter this packet belongs to, guessed from the highest sequence seen.
    const auto found = m_streams.find(ssrc);
    const Stream fresh;
    const Stream &s = found != m_streams.end() ? found->second : fresh;
    std::int64_t v = s.roc;
    if (s.started) {
        if (s.highestSeq < 32768) {
            if (int(seq) - int(s.highestSeq) > 32768)
                --v;
        } else if (int(s.highestSeq) - 32768 > int(seq)) {
            ++v;
        }
        if (v < 0 || v > 0xffffffffLL)
            return Status::Late;
    }
    const std::uint64_t index = std::uint64_t(v) << 16 | seq;
    if (s.started) {
        if (index <= s.highestIndex) {
            const std::uint64_t back = s.highestIndex - index;
            if (back >= kWindow)
                return Status::Late;
            if (s.window.test(back))
                return Status::Duplicate;
        }
    }

    const std::uint32_t roc = static_cast<std::uint32_t>(v);
    if (m_authenticated) {
        // Tag = HMAC-SHA1(k_a, authenticated portion || ROC), truncated (RFC 3711 4.2).
        const std::uint8_t rocBytes[4] = {std::uint8_t(roc >> 24), std::uint8_t(roc >> 16), std::uint8_t(roc >> 8),
                                          std::uint8_t(roc)};
        std::uint8_t digest[SHA_DIGEST_LENGTH];
        SHA_CTX h = m_keys->inner;
        SHA1_Update(&h, in, authenticated);
        SHA1_Update(&h, rocBytes, sizeof rocBytes);
        SHA1_Final(digest, &h);
        h = m_keys->outer;
        SHA1_Update(&h, digest, sizeof digest);
        SHA1_Final(digest, &h);
        if (CRYPTO_memcmp(digest, in + authenticated, m_tagBytes) != 0)
            return Status::AuthFailed;
    }

    out->assign(in, in + authenticated);
    if (m_encrypted && authenticated > header) {
        // IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16) (RFC 3711 4.1.1).
        std::array<std::uint8_t, 16> iv{};
        std::memcpy(iv.data(), m_keys->salt.data(), kSaltBytes);
        for (int i = 0; i < 4; ++i)
            iv[4 + i] ^= static_cast<std::uint8_t>(ssrc >> (24 - 8 * i));
        for (int i = 0; i < 6; ++i)
            iv[8 + i] ^= static_cast<std::uint8_t>(index >> (40 - 8 * i));
        int n = 0;
        const int payload = static_cast<int>(authenticated - header);
        if (EVP_EncryptInit_ex(m_keys->cipher, nullptr, nullptr, nullptr, iv.data()) != 1 ||
            EVP_EncryptUpdate(m_keys->cipher, out->data() + header, &n, in + header, payload) != 1 || n != payload)
            return Status::Malformed;
    }

    // Authenticated: only now does the packet move the stream's state.
    Stream &st = m_streams[ssrc];
    if (!st.started) {
        st.started = true;
        st.roc = roc;
        st.highestSeq = seq;
        st.highestIndex = index;
        st.window.reset();
        st.window.set(0);
    } else if (index > st.highestIndex) {
        const std::uint64_t shift = index - st.highestIndex;
        st.window = shift >= kWindow ? std::bitset<1024>() : st.window << shift;
        st.window.set(0);
        st.highestIndex = index;
        st.roc = roc;
        st.highestSeq = seq;
    } else {
        st.window.set(st.highestIndex - index);
    }
    return Status::Ok;
}

} // namespace vv::agent
