#pragma once
// What a reseller hands a customer so they can sign in alone: the server's address, its certificate's
// fingerprint (so the first connection is pinned without a terminal), the user name and a one-time password the
// customer replaces at the first sign-in. The same text is the copyable block and the content of the
// ".vipvault-invite" file the customer opens.
#include <QString>
#include <optional>

namespace vv::net {

struct Invitation
{
    QString serverUrl;   // https://host:port
    QString fingerprint; // SHA-256 of the certificate, 64 hex digits
    QString username;
    QString password; // one-time

    QString toText() const;
    // Reads an invitation from its text (as copied, pasted or saved; surrounding text and spacing tolerated).
    // On failure *error says what is missing or wrong, never repeating the password.
    static std::optional<Invitation> parse(const QString &text, QString *error);
    static constexpr const char *kFileSuffix = "vipvault-invite";
};

} // namespace vv::net
