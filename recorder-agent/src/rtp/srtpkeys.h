#pragma once
// SDP security descriptions (RFC 4568): one `a=crypto` attribute parsed into
// the suite, the master key(s) and salt, MKI and session parameters. Key bytes
// live only in memory (wiped when released) and are never logged or stored.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vv::agent {

enum class SrtpSuite {
    AesCm128HmacSha1_80,
    AesCm128HmacSha1_32,
    Aes192CmHmacSha1_80,
    Aes192CmHmacSha1_32,
    Aes256CmHmacSha1_80,
    Aes256CmHmacSha1_32,
    AeadAes128Gcm,
    AeadAes256Gcm,
};

struct SrtpSuiteInfo
{
    std::string_view name; // as RFC 4568 / RFC 6188 / RFC 7714 name it
    SrtpSuite suite;
    int keyBytes;
    int saltBytes;
    bool aead;
};

// nullopt for a suite libsrtp2 cannot decrypt (F8_128_HMAC_SHA1_80, unknown names).
const SrtpSuiteInfo *srtpSuiteNamed(std::string_view name);

// Bytes that must not outlive their use: wiped on destruction and on reassignment.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(std::vector<std::uint8_t> bytes)
        : m_bytes(std::move(bytes))
    {}
    SecretBytes(const SecretBytes &o) = default;
    SecretBytes &operator=(const SecretBytes &o);
    ~SecretBytes() { wipe(); }
    const std::vector<std::uint8_t> &bytes() const { return m_bytes; }
    bool operator==(const SecretBytes &o) const { return m_bytes == o.m_bytes; }

private:
    void wipe();
    std::vector<std::uint8_t> m_bytes;
};

struct SrtpMasterKey
{
    SecretBytes keySalt;           // master key || master salt
    std::vector<std::uint8_t> mki; // big-endian MKI value, its declared length; empty = no MKI
    std::optional<std::uint64_t> lifetime;
};

struct SrtpCrypto
{
    std::uint32_t tag = 0;
    const SrtpSuiteInfo *suite = nullptr;
    std::vector<SrtpMasterKey> keys; // usually one; several only with MKIs of one length
    bool unencryptedSrtp = false;
    bool unencryptedSrtcp = false;
    bool unauthenticatedSrtp = false;
    unsigned windowHint = 0; // WSH=

    bool sameKeysAs(const SrtpCrypto &o) const;
};

// Parses the value of an `a=crypto` attribute ("1 AES_CM_128_HMAC_SHA1_80 inline:...|2^31").
// On failure *error says why in words that never include the key.
std::optional<SrtpCrypto> parseCryptoAttribute(std::string_view value, std::string *error);

// Base64 for the test generator's SDP and for parsing (padding optional).
std::optional<std::vector<std::uint8_t>> base64Decode(std::string_view text);
std::string base64Encode(const std::uint8_t *data, std::size_t length);

} // namespace vv::agent
