#pragma once
// Recovery phrases: 120 random bits as 24 characters of Crockford's base32 in six groups
// ("7KQ2-M9XD-…"), easy to write down and to type back: case, spaces and dashes do not matter, and the letters
// people confuse with digits (O, I, L) read as the digits.
#include <QString>

namespace vv::crypto {

QString newRecoveryPhrase();
// The phrase as the key derivation sees it: upper case, no separators, O→0, I/L→1.
QString normaliseRecoveryPhrase(const QString &typed);
// Whether a typed phrase has the right length and only phrase characters (said before a slow derivation).
bool isWellFormedRecoveryPhrase(const QString &typed);

} // namespace vv::crypto
