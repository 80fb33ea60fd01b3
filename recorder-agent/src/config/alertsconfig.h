#pragma once
// [alerts], [smtp] and [cdr] of the agent's configuration: when the agent
// raises a health event, how it sends e-mail (the daily digest, alerts to
// e-mail subscribers), and the PBX call records it checks recordings against
// (docs/assurance.md). Subscriptions themselves live in the catalogue and are
// made through the API.
#include <QMap>
#include <QString>

namespace vv::agent {

struct AlertsConfig
{
    // [alerts]
    int noSipMinutes = 0;         // no SIP at all for this long (within sipHours) is an event; 0 = off
    QString sipHours;             // "08:00-18:00" (UTC): when silence counts; empty = always
    int dropsPerMinute = 100;     // capture drops in a minute above this are an event
    int capWarnPercent = 90;      // a capped vault this full is an event (info)
    int fillForecastDays = 14;    // an unlimited vault expected to fill the disk within this is an event
    int certificateWarnDays = 30; // the API certificate expiring within this is an event
    int digestHourUtc = 7;        // the daily digest goes out at this hour (UTC)
    QString caFile;               // extra CA certificates for webhook servers (PEM); empty = the system's
    // [smtp]
    QString smtpHost; // empty: no e-mail (e-mail subscriptions are refused)
    int smtpPort = 587;
    QString smtpSecurity = QStringLiteral("starttls"); // starttls, tls, none (none only to a loopback host)
    QString smtpUser;
    QString smtpPassword;
    QString smtpFrom;
    // [cdr]
    QString cdrFolder;                              // CSV call records dropped here are checked, then renamed *.checked
    QString cdrFormat = QStringLiteral("asterisk"); // asterisk (Master.csv) or generic (a header row + columns)
    QMap<QString, QString> cdrColumns; // generic: field -> header name (start, answer, caller, callee, disposition)
    int cdrToleranceS = 5;             // a recording within this of the call record's answer matches
    QString cdrTimeZone = QStringLiteral("UTC"); // the PBX writes local times: its zone (IANA name)

    bool smtpConfigured() const { return !smtpHost.isEmpty(); }
};

// One key of those sections; false with *why on a bad value. `section` is "alerts", "smtp" or "cdr".
bool setAlertsKey(AlertsConfig *cfg, const QString &section, const QString &key, const QString &value, QString *why);
// Checks across keys once the file is read ("" when fine).
QString checkAlertsConfig(const AlertsConfig &cfg);

} // namespace vv::agent
