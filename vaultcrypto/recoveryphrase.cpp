#include "vaultcrypto/recoveryphrase.h"

#include "vaultcrypto/vaultkeys.h"

namespace vv::crypto {

namespace {
const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
constexpr int kChars = 24;
} // namespace

QString newRecoveryPhrase()
{
    const QByteArray bits = randomBytes(15); // 120 bits = 24 × 5
    QString out;
    int acc = 0;
    int have = 0;
    int written = 0;
    for (const char c : bits) {
        acc = (acc << 8) | static_cast<unsigned char>(c);
        have += 8;
        while (have >= 5) {
            have -= 5;
            if (written && written % 4 == 0)
                out += QLatin1Char('-');
            out += QLatin1Char(kAlphabet[(acc >> have) & 31]);
            ++written;
        }
    }
    return out;
}

QString normaliseRecoveryPhrase(const QString &typed)
{
    QString out;
    for (QChar c : typed) {
        c = c.toUpper();
        if (c.isSpace() || c == u'-')
            continue;
        if (c == u'O')
            c = u'0';
        else if (c == u'I' || c == u'L')
            c = u'1';
        out += c;
    }
    return out;
}

bool isWellFormedRecoveryPhrase(const QString &typed)
{
    const QString n = normaliseRecoveryPhrase(typed);
    if (n.size() != kChars)
        return false;
    for (const QChar c : n)
        if (c.unicode() > 127 || !QByteArray(kAlphabet).contains(static_cast<char>(c.unicode())))
            return false;
    return true;
}

} // namespace vv::crypto
