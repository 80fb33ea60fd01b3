// libFuzzer target: the SRTP path. The input's first byte picks a suite; the rest is records of
// [length][packet bytes...] decrypted with a fixed key (so the seed corpus, protected with that key, reaches the
// success path and mutations of it reach every failure path: tags, roll-over trials, replay windows). Each record is
// also fed to the a=crypto parser as text.
#include "rtp/srtpdecryptor.h"
#include "rtp/srtpkeys.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace vv::agent;

namespace {
// The key every seed is protected with (make_corpus writes them): 46 bytes cover the longest suite's key and salt.
const char kKey[] = "vipvault-fuzz-srtp-key-and-salt-0123456789abcd";
const char *kSuites[] = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
                         "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const SrtpSuiteInfo *suite = srtpSuiteNamed(kSuites[data[0] % (sizeof kSuites / sizeof kSuites[0])]);
    const std::vector<std::uint8_t> keySalt(kKey, kKey + suite->keyBytes + suite->saltBytes);
    const std::string line =
        "1 " + std::string(suite->name) + " inline:" + base64Encode(keySalt.data(), keySalt.size());
    std::string error;
    const auto crypto = parseCryptoAttribute(line, &error);
    if (!crypto)
        __builtin_trap(); // the fixed key must always parse
    SrtpDecryptor decryptor;
    decryptor.addKey(*crypto, 0);
    std::vector<std::uint8_t> out;
    PacketTime t = 0;
    std::size_t pos = 1;
    while (pos < size) {
        const std::size_t len = data[pos++];
        if (pos + len > size)
            break;
        t += 20'000;
        decryptor.unprotectRtp(data + pos, len, t, &out);
        parseCryptoAttribute(std::string_view(reinterpret_cast<const char *>(data + pos), len), &error);
        pos += len;
    }
    return 0;
}
