#include "rtp/srtpkeys.h"

#include <charconv>

namespace vv::agent {

namespace {

constexpr SrtpSuiteInfo kSuites[] = {
    {"AES_CM_128_HMAC_SHA1_80", SrtpSuite::AesCm128HmacSha1_80, 16, 14, false},
    {"AES_CM_128_HMAC_SHA1_32", SrtpSuite::AesCm128HmacSha1_32, 16, 14, false},
    {"AES_192_CM_HMAC_SHA1_80", SrtpSuite::Aes192CmHmacSha1_80, 24, 14, false},
    {"AES_192_CM_HMAC_SHA1_32", SrtpSuite::Aes192CmHmacSha1_32, 24, 14, false},
    {"AES_256_CM_HMAC_SHA1_80", SrtpSuite::Aes256CmHmacSha1_80, 32, 14, false},
    {"AES_256_CM_HMAC_SHA1_32", SrtpSuite::Aes256CmHmacSha1_32, 32, 14, false},
    {"AEAD_AES_128_GCM", SrtpSuite::AeadAes128Gcm, 16, 12, true},
    {"AEAD_AES_256_GCM", SrtpSuite::AeadAes256Gcm, 32, 12, true},
};

template<typename T> bool toNumber(std::string_view s, T *v)
{
    const auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
    return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::vector<std::string_view> fields(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t')
            ++j;
        if (j > i)
            out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

// "inline:<base64>[|lifetime][|mki:length]"
bool parseKeyParam(std::string_view text, const SrtpSuiteInfo &suite, SrtpMasterKey *out, std::string *error)
{
    if (text.substr(0, 7) != "inline:") {
        *error = "key method is not inline";
        return false;
    }
    text.remove_prefix(7);
    std::size_t bar = text.find('|');
    const auto keySalt = base64Decode(text.substr(0, bar));
    if (!keySalt) {
        *error = "key is not base64";
        return false;
    }
    if (static_cast<int>(keySalt->size()) != suite.keyBytes + suite.saltBytes) {
        *error = "key and salt have the wrong length for " + std::string(suite.name);
        return false;
    }
    out->keySalt = SecretBytes(*keySalt);
    while (bar != std::string_view::npos) {
        text.remove_prefix(bar + 1);
        bar = text.find('|');
        const std::string_view f = text.substr(0, bar);
        if (const std::size_t colon = f.find(':'); colon != std::string_view::npos) {
            std::uint64_t value = 0;
            unsigned length = 0;
            if (!toNumber(f.substr(0, colon), &value) || !toNumber(f.substr(colon + 1), &length) || length < 1 ||
                length > 128 || (length < 8 && (value >> (8 * length)) != 0)) {
                *error = "malformed MKI";
                return false;
            }
            out->mki.assign(length, 0);
            for (unsigned i = 0; i < length && i < 8; ++i)
                out->mki[length - 1 - i] = static_cast<std::uint8_t>(value >> (8 * i));
        } else if (f.substr(0, 2) == "2^") {
            unsigned e = 0;
            if (!toNumber(f.substr(2), &e) || e > 63) {
                *error = "malformed key lifetime";
                return false;
            }
            out->lifetime = std::uint64_t{1} << e;
        } else {
            std::uint64_t v = 0;
            if (!toNumber(f, &v)) {
                *error = "malformed key lifetime";
                return false;
            }
            out->lifetime = v;
        }
    }
    return true;
}

} // namespace

SecretBytes &SecretBytes::operator=(const SecretBytes &o)
{
    if (this != &o) {
        wipe();
        m_bytes = o.m_bytes;
    }
    return *this;
}

void SecretBytes::wipe()
{
    // volatile: the compiler may not drop the stores of memory about to be freed.
    volatile std::uint8_t *p = m_bytes.data();
    for (std::size_t i = 0; i < m_bytes.size(); ++i)
        p[i] = 0;
}

const SrtpSuiteInfo *srtpSuiteNamed(std::string_view n)
{
    // Names some vendors write for the RFC 6188 suites.
    if (n == "AES_CM_256_HMAC_SHA1_80")
        n = "AES_256_CM_HMAC_SHA1_80";
    else if (n == "AES_CM_256_HMAC_SHA1_32")
        n = "AES_256_CM_HMAC_SHA1_32";
    else if (n == "AES_CM_192_HMAC_SHA1_80")
        n = "AES_192_CM_HMAC_SHA1_80";
    else if (n == "AES_CM_192_HMAC_SHA1_32")
        n = "AES_192_CM_HMAC_SHA1_32";
    for (const SrtpSuiteInfo &s : kSuites)
        if (s.name == n)
            return &s;
    return nullptr;
}

bool SrtpCrypto::sameKeysAs(const SrtpCrypto &o) const
{
    if (suite != o.suite || keys.size() != o.keys.size())
        return false;
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (!(keys[i].keySalt == o.keys[i].keySalt) || keys[i].mki != o.keys[i].mki)
            return false;
    return true;
}

std::optional<SrtpCrypto> parseCryptoAttribute(std::string_view value, std::string *error)
{
    const std::vector<std::string_view> f = fields(value);
    if (f.size() < 3) {
        *error = "too few fields";
        return std::nullopt;
    }
    SrtpCrypto c;
    if (f[0].size() > 9 || !toNumber(f[0], &c.tag)) {
        *error = "malformed tag";
        return std::nullopt;
    }
    c.suite = srtpSuiteNamed(f[1]);
    if (!c.suite) {
        *error = "unsupported suite " + std::string(f[1].substr(0, 40));
        return std::nullopt;
    }
    std::string_view params = f[2];
    while (!params.empty()) {
        const std::size_t semi = params.find(';');
        SrtpMasterKey key;
        if (!parseKeyParam(params.substr(0, semi), *c.suite, &key, error))
            return std::nullopt;
        c.keys.push_back(std::move(key));
        params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    }
    if (c.keys.empty() || c.keys.size() > 16) {
        *error = "no key, or too many keys";
        return std::nullopt;
    }
    if (c.keys.size() > 1)
        for (const SrtpMasterKey &k : c.keys)
            if (k.mki.empty() || k.mki.size() != c.keys.front().mki.size()) {
                *error = "several keys without MKIs of one length";
                return std::nullopt;
            }
    for (std::size_t i = 3; i < f.size(); ++i) {
        const std::string_view p = f[i];
        if (p == "UNENCRYPTED_SRTP") {
            c.unencryptedSrtp = true;
        } else if (p == "UNENCRYPTED_SRTCP") {
            c.unencryptedSrtcp = true;
        } else if (p == "UNAUTHENTICATED_SRTP") {
            c.unauthenticatedSrtp = true;
        } else if (p.substr(0, 4) == "KDR=") {
            unsigned kdr = 0;
            if (!toNumber(p.substr(4), &kdr) || kdr != 0) {
                *error = "a key derivation rate other than 0 (libsrtp2 has none)";
                return std::nullopt;
            }
        } else if (p.substr(0, 4) == "WSH=") {
            toNumber(p.substr(4), &c.windowHint);
        } // FEC_ORDER, FEC_KEY and unknown parameters change nothing a receiver does
    }
    // libsrtp2 2.5.0 encrypts AEAD payloads whatever the policy says, and has no AEAD without authentication.
    if (c.suite->aead && (c.unencryptedSrtp || c.unauthenticatedSrtp)) {
        *error = "UNENCRYPTED_SRTP or UNAUTHENTICATED_SRTP with an AEAD suite";
        return std::nullopt;
    }
    return c;
}

std::optional<std::vector<std::uint8_t>> base64Decode(std::string_view s)
{
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z')
            return c - 'A';
        if (c >= 'a' && c <= 'z')
            return c - 'a' + 26;
        if (c >= '0' && c <= '9')
            return c - '0' + 52;
        if (c == '+')
            return 62;
        if (c == '/')
            return 63;
        return -1;
    };
    while (!s.empty() && s.back() == '=')
        s.remove_suffix(1);
    std::vector<std::uint8_t> out;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char ch : s) {
        const int v = value(ch);
        if (v < 0)
            return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>(acc >> bits));
        }
    }
    if (bits >= 6) // one character left over cannot end a byte
        return std::nullopt;
    return out;
}

std::string base64Encode(const std::uint8_t *p, std::size_t n)
{
    static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string o;
    for (std::size_t i = 0; i < n; i += 3) {
        const std::uint32_t v = std::uint32_t{p[i]} << 16 | (i + 1 < n ? std::uint32_t{p[i + 1]} << 8 : 0) |
                                (i + 2 < n ? std::uint32_t{p[i + 2]} : 0);
        o += kAlphabet[v >> 18 & 63];
        o += kAlphabet[v >> 12 & 63];
        o += i + 1 < n ? kAlphabet[v >> 6 & 63] : '=';
        o += i + 2 < n ? kAlphabet[v & 63] : '=';
    }
    return o;
}

} // namespace vv::agent
