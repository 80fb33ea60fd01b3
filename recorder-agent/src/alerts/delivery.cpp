#include "alerts/delivery.h"

#include <QDateTime>
#include <QUuid>
#include <curl/curl.h>
#include <mutex>
#include <sodium.h>

namespace vv::agent {

namespace {

void initCurl()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload
{
    QByteArray data;
    qsizetype at = 0;
};

size_t readUpload(char *buffer, size_t size, size_t count, void *user)
{
    auto *u = static_cast<Upload *>(user);
    const qsizetype n = std::min<qsizetype>(qsizetype(size * count), u->data.size() - u->at);
    std::memcpy(buffer, u->data.constData() + u->at, size_t(n));
    u->at += n;
    return size_t(n);
}

size_t discard(char *, size_t size, size_t count, void *)
{
    return size * count;
}

QString curlError(CURLcode rc, const char *detail)
{
    return QStringLiteral("%1%2").arg(QString::fromUtf8(curl_easy_strerror(rc)),
                                      detail && *detail ? QStringLiteral(": %1").arg(QString::fromUtf8(detail))
                                                        : QString());
}

// RFC 2047 for a subject that may hold any text.
QByteArray encodedWord(const QString &text)
{
    return "=?UTF-8?B?" + text.toUtf8().toBase64() + "?=";
}

} // namespace

QString webhookSignature(const QByteArray &secret, qint64 unixSeconds, const QByteArray &body)
{
    const QByteArray signedPart = QByteArray::number(unixSeconds) + '.' + body;
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char *>(secret.constData()),
                                size_t(secret.size()));
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char *>(signedPart.constData()),
                                  size_t(signedPart.size()));
    crypto_auth_hmacsha256_final(&state, mac);
    return QStringLiteral("t=%1,v1=%2")
        .arg(unixSeconds)
        .arg(QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(mac), sizeof mac).toHex()));
}

SendResult postWebhook(const QString &url, const QByteArray &secret, const QByteArray &body, qint64 deliveryId,
                       const QString &kind, const QString &caFile)
{
    initCurl();
    SendResult result;
    CURL *c = curl_easy_init();
    if (!c)
        return {false, QStringLiteral("cannot start an HTTP client")};
    const QByteArray target = url.toUtf8();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    curl_slist *headers = nullptr;
    const QByteArray signature = "X-VipVault-Signature: " + webhookSignature(secret, now, body).toLatin1();
    const QByteArray event = "X-VipVault-Event: " + kind.toLatin1();
    const QByteArray id = "X-VipVault-Delivery: " + QByteArray::number(deliveryId);
    for (const QByteArray &h :
         {QByteArray("Content-Type: application/json"), signature, event, id, QByteArray("User-Agent: vipvault-agent"),
          // No "Expect: 100-continue" (curl adds it above 1 kB): a receiver that does not answer it would hold
          // every alert back a second.
          QByteArray("Expect:")})
        headers = curl_slist_append(headers, h.constData());
    char errors[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_URL, target.constData());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.constData());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, long(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L); // a redirect would re-send the alert elsewhere
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errors);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    const QByteArray ca = caFile.toLocal8Bit();
    if (!caFile.isEmpty())
        curl_easy_setopt(c, CURLOPT_CAINFO, ca.constData());
    const CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK)
        result.error = curlError(rc, errors);
    else if (status < 200 || status >= 300)
        result.error = QStringLiteral("the receiver answered HTTP %1").arg(status);
    else
        result.ok = true;
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return result;
}

SendResult sendMail(const AlertsConfig &smtp, const QString &to, const QString &subject, const QString &text)
{
    initCurl();
    if (!smtp.smtpConfigured())
        return {false, QStringLiteral("no [smtp] host is configured")};
    CURL *c = curl_easy_init();
    if (!c)
        return {false, QStringLiteral("cannot start an SMTP client")};
    const QByteArray url = (smtp.smtpSecurity == u"tls" ? QByteArray("smtps://") : QByteArray("smtp://")) +
                           smtp.smtpHost.toUtf8() + ':' + QByteArray::number(smtp.smtpPort);
    QByteArray body = text.toUtf8();
    body.replace("\r\n", "\n").replace('\n', "\r\n");
    Upload upload;
    upload.data = "Date: " + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1() +
                  "\r\nFrom: VIP Vault <" + smtp.smtpFrom.toUtf8() + ">\r\nTo: <" + to.toUtf8() +
                  ">\r\nSubject: " + encodedWord(subject) + "\r\nMessage-ID: <" +
                  QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1() + "@vipvault>\r\n" +
                  "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                  "Content-Transfer-Encoding: 8bit\r\n\r\n" +
                  body + "\r\n";
    const QByteArray from = "<" + smtp.smtpFrom.toUtf8() + ">";
    const QByteArray rcptText = "<" + to.toUtf8() + ">";
    curl_slist *rcpt = curl_slist_append(nullptr, rcptText.constData());
    const QByteArray user = smtp.smtpUser.toUtf8();
    const QByteArray password = smtp.smtpPassword.toUtf8();
    const QByteArray ca = smtp.caFile.toLocal8Bit();
    char errors[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(c, CURLOPT_URL, url.constData());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, readUpload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errors);
    if (smtp.smtpSecurity == u"starttls")
        curl_easy_setopt(c, CURLOPT_USE_SSL, long(CURLUSESSL_ALL)); // never falls back to plain text
    if (!user.isEmpty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(c, CURLOPT_PASSWORD, password.constData());
    }
    if (!smtp.caFile.isEmpty())
        curl_easy_setopt(c, CURLOPT_CAINFO, ca.constData());
    const CURLcode rc = curl_easy_perform(c);
    SendResult result;
    if (rc == CURLE_OK)
        result.ok = true;
    else
        result.error = curlError(rc, errors);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    return result;
}

} // namespace vv::agent
