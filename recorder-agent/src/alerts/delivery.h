#pragma once
// Sending one notification: an HTTPS POST of JSON signed with HMAC-SHA256
// (webhooks), or an e-mail over SMTP (libcurl: STARTTLS or TLS, login). One
// attempt each; retries are the notifier's business.
#include "config/alertsconfig.h"

#include <QString>

namespace vv::agent {

struct SendResult
{
    bool ok = false;
    QString error; // why not, for the delivery's record and the log
};

// "t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret>": what the receiver recomputes.
QString webhookSignature(const QByteArray &secret, qint64 unixSeconds, const QByteArray &body);

SendResult postWebhook(const QString &url, const QByteArray &secret, const QByteArray &body, qint64 deliveryId,
                       const QString &kind, const QString &caFile);
SendResult sendMail(const AlertsConfig &smtp, const QString &to, const QString &subject, const QString &text);

} // namespace vv::agent
