#include "invitation.h"

#include "certificatepin.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace vv::net {

namespace {

const QString kTitle = QStringLiteral("VIP Vault invitation");
const QString kServer = QStringLiteral("Server");
const QString kFingerprint = QStringLiteral("Certificate fingerprint (SHA-256)");
const QString kUser = QStringLiteral("User name");
const QString kPassword = QStringLiteral("One-time password");

} // namespace

QString Invitation::toText() const
{
    // Labels stay English whatever the app's language: the text is read back by other copies of the app.
    return QStringLiteral("%1\n%2: %3\n%4: %5\n%6: %7\n%8: %9\n\n")
               .arg(kTitle, kServer, serverUrl, kFingerprint, spacedPin(fingerprint), kUser, username, kPassword,
                    password) +
           QStringLiteral("To sign in: open this file with VIP Vault, or copy all of this text and click \"Paste it\" "
                          "in VIP Vault's sign-in window. You will choose your own password at the first sign-in.\n");
}

std::optional<Invitation> Invitation::parse(const QString &text, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!text.contains(kTitle, Qt::CaseInsensitive))
        return fail(QCoreApplication::translate("vv::net::Invitation", "this is not a VIP Vault invitation"));
    auto field = [&text](const QString &label) {
        // "Label: value" on a line of its own; mail programs may indent or quote (">") the lines.
        // Horizontal space only: an empty field must not borrow the next line.
        const QRegularExpression re(QStringLiteral("^[ \\t>]*%1[ \\t]*:[ \\t]*(\\S[^\\r\\n]*?)[ \\t\\r]*$")
                                        .arg(QRegularExpression::escape(label)),
                                    QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
        const auto m = re.match(text);
        return m.hasMatch() ? m.captured(1) : QString();
    };
    Invitation inv;
    const QString server = field(kServer);
    const QString fingerprint = field(kFingerprint);
    inv.username = field(kUser);
    inv.password = field(kPassword);
    if (server.isEmpty())
        return fail(QCoreApplication::translate("vv::net::Invitation", "the invitation has no server address"));
    const QUrl url = serverUrlFromText(server);
    QString why;
    if (!isAcceptableBaseUrl(url, &why))
        return fail(
            QCoreApplication::translate("vv::net::Invitation", "the invitation's server address cannot be used: %1")
                .arg(why));
    inv.serverUrl = url.toString();
    inv.fingerprint = normalizePin(fingerprint);
    if (inv.fingerprint.isEmpty())
        return fail(QCoreApplication::translate("vv::net::Invitation",
                                                "the invitation's certificate fingerprint is missing or damaged"));
    if (inv.username.isEmpty())
        return fail(QCoreApplication::translate("vv::net::Invitation", "the invitation has no user name"));
    if (inv.password.isEmpty())
        return fail(QCoreApplication::translate("vv::net::Invitation", "the invitation has no password"));
    return inv;
}

} // namespace vv::net
