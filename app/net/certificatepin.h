#pragma once
// Trust decisions for the agent's certificate. Agents generate a self-signed certificate on first start, so the
// app trusts a certificate the way SSH trusts a host key: the user confirms its SHA-256 fingerprint once, the
// fingerprint is pinned, and any other certificate afterwards is refused, never silently accepted.
#include <QString>

class QSslCertificate;
class QUrl;

namespace vv::net {

// SHA-256 over the DER certificate, uppercase hex without separators (how the agent prints it).
QString certificateSha256(const QSslCertificate &certificate);
// "ab:cd:..." or "AB CD ..." -> "ABCD..."; empty when it is not exactly 64 hex digits.
QString normalizePin(const QString &text);
// "AB:CD:…" for reading out; with pairsPerLine, a line break after every that many pairs (the ':' kept at the
// line's end, so the lines read as one fingerprint).
QString spacedPin(const QString &hex, int pairsPerLine = 0);

enum class PinVerdict {
    Trusted,      // matches the pin
    NotPinnedYet, // no pin: ask the user
    Changed       // a pin exists and this is another certificate
};
PinVerdict checkPin(const QString &pin, const QString &presented);
QString untrustedCertificateMessage(const QString &presented);
QString changedCertificateMessage(const QString &pin, const QString &presented);

// https:// anywhere; http:// only to the local host, because tokens and passwords must never cross a network
// in clear text. No user info, query or fragment. Returns false with a reason.
bool isAcceptableBaseUrl(const QUrl &url, QString *error);
// A server address as a person types it: "pbx.example.com:8443" means https://pbx.example.com:8443 (the agent
// speaks only HTTPS off this computer); surrounding spaces and a trailing '/' are dropped.
QUrl serverUrlFromText(const QString &text);
bool isLoopbackHost(const QString &host);

} // namespace vv::net
