#include "certificatepin.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QUrl>

namespace vv::net {

QString certificateSha256(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return {};
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex().toUpper());
}

QString normalizePin(const QString &text)
{
    QString hex = text;
    hex.remove(QRegularExpression(QStringLiteral("[\\s:]")));
    static const QRegularExpression sha256(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    return sha256.match(hex).hasMatch() ? hex.toUpper() : QString();
}

QString spacedPin(const QString &hex, int pairsPerLine)
{
    QString out;
    for (int i = 0, pair = 0; i + 1 < hex.size(); i += 2, ++pair) {
        if (pair > 0)
            out += pairsPerLine > 0 && pair % pairsPerLine == 0 ? QStringLiteral(":\n") : QStringLiteral(":");
        out += hex.mid(i, 2);
    }
    return out;
}

PinVerdict checkPin(const QString &pin, const QString &presented)
{
    if (pin.isEmpty())
        return PinVerdict::NotPinnedYet;
    // An empty presented fingerprint (no certificate at all) can never match a pin.
    return !presented.isEmpty() && presented == pin ? PinVerdict::Trusted : PinVerdict::Changed;
}

QString untrustedCertificateMessage(const QString &presented)
{
    return QStringLiteral("the server's certificate is not trusted yet (SHA-256 %1); confirm it matches the "
                          "fingerprint the agent shows on its server before trusting it")
        .arg(presented.isEmpty() ? QStringLiteral("unknown") : presented);
}

QString changedCertificateMessage(const QString &pin, const QString &presented)
{
    return QStringLiteral("the server's certificate changed (expected SHA-256 %1, got %2): the connection was refused. "
                          "This happens when the agent's certificate is replaced, or when someone intercepts the "
                          "connection; check with the server's administrator before trusting the new one")
        .arg(pin, presented.isEmpty() ? QStringLiteral("none") : presented);
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QUrl serverUrlFromText(const QString &text)
{
    QString t = text.trimmed();
    const qsizetype scheme = t.indexOf(QStringLiteral("://"));
    while (t.endsWith(u'/') && t.size() > (scheme >= 0 ? scheme + 3 : 1))
        t.chop(1);
    if (!t.isEmpty() && !t.contains(QStringLiteral("://")))
        t.prepend(QStringLiteral("https://"));
    return QUrl(t, QUrl::StrictMode);
}

bool isAcceptableBaseUrl(const QUrl &url, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!url.isValid() || url.host().isEmpty())
        return fail(url.isEmpty()
                        ? QCoreApplication::translate("vv::net::AgentClient", "no server address was given")
                        : QCoreApplication::translate("vv::net::AgentClient", "\"%1\" is not a server address")
                              .arg(url.toString(QUrl::RemoveUserInfo)));
    if (!url.userInfo().isEmpty())
        return fail(QCoreApplication::translate("vv::net::AgentClient",
                                                "the server address must not contain a user name or password"));
    if (url.hasQuery() || url.hasFragment())
        return fail(QCoreApplication::translate("vv::net::AgentClient",
                                                "the server address must not contain a query or fragment"));
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return true;
    if (scheme == u"http") {
        if (isLoopbackHost(url.host()))
            return true;
        return fail(
            QCoreApplication::translate("vv::net::AgentClient",
                                        "plain http:// reaches only this computer, and %1 is another one; use https://")
                .arg(url.host()));
    }
    return fail(
        QCoreApplication::translate("vv::net::AgentClient", "\"%1://\" is not how the agent is reached; use https://")
            .arg(url.scheme()));
}

} // namespace vv::net
