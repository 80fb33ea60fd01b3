#include "config/alertsconfig.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QTimeZone>

namespace vv::agent {

namespace {

bool wholeNumber(const QString &value, int lo, int hi, int *out, QString *why)
{
    bool ok = false;
    const int v = value.toInt(&ok);
    if (!ok || v < lo || v > hi) {
        *why = QStringLiteral("expected a whole number from %1 to %2").arg(lo).arg(hi);
        return false;
    }
    *out = v;
    return true;
}

} // namespace

bool setAlertsKey(AlertsConfig *cfg, const QString &section, const QString &key, const QString &value, QString *why)
{
    if (section == u"alerts") {
        if (key == u"no_sip_minutes")
            return wholeNumber(value, 0, 10080, &cfg->noSipMinutes, why);
        if (key == u"sip_hours") {
            static const QRegularExpression hours(
                QStringLiteral("\\A([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-4]):[0-5]\\d\\z"));
            if (!value.isEmpty() && !hours.match(value).hasMatch()) {
                *why = QStringLiteral("expected HH:MM-HH:MM (UTC), e.g. 08:00-18:00");
                return false;
            }
            cfg->sipHours = value;
            return true;
        }
        if (key == u"drops_per_minute")
            return wholeNumber(value, 1, 100000000, &cfg->dropsPerMinute, why);
        if (key == u"cap_warn_percent")
            return wholeNumber(value, 1, 100, &cfg->capWarnPercent, why);
        if (key == u"fill_forecast_days")
            return wholeNumber(value, 0, 3650, &cfg->fillForecastDays, why);
        if (key == u"certificate_warn_days")
            return wholeNumber(value, 0, 3650, &cfg->certificateWarnDays, why);
        if (key == u"digest_hour")
            return wholeNumber(value, 0, 23, &cfg->digestHourUtc, why);
        if (key == u"ca_file") {
            cfg->caFile = value;
            return true;
        }
    } else if (section == u"smtp") {
        if (key == u"host") {
            cfg->smtpHost = value;
            return true;
        }
        if (key == u"port")
            return wholeNumber(value, 1, 65535, &cfg->smtpPort, why);
        if (key == u"security") {
            if (value != u"starttls" && value != u"tls" && value != u"none") {
                *why = QStringLiteral("expected starttls, tls or none");
                return false;
            }
            cfg->smtpSecurity = value;
            return true;
        }
        if (key == u"username") {
            cfg->smtpUser = value;
            return true;
        }
        if (key == u"password") {
            cfg->smtpPassword = value;
            return true;
        }
        if (key == u"from") {
            cfg->smtpFrom = value;
            return true;
        }
    } else if (section == u"cdr") {
        if (key == u"folder") {
            cfg->cdrFolder = value;
            return true;
        }
        if (key == u"format") {
            if (value != u"asterisk" && value != u"generic") {
                *why = QStringLiteral("expected asterisk or generic");
                return false;
            }
            cfg->cdrFormat = value;
            return true;
        }
        if (key == u"timezone") {
            if (!QTimeZone(value.toUtf8()).isValid()) {
                *why = QStringLiteral("not a time zone this system knows (e.g. Europe/London, UTC)");
                return false;
            }
            cfg->cdrTimeZone = value;
            return true;
        }
        if (key == u"tolerance_s")
            return wholeNumber(value, 0, 600, &cfg->cdrToleranceS, why);
        if (key.startsWith(QStringLiteral("column."))) {
            const QString field = key.mid(7);
            static const QStringList fields{QStringLiteral("start"),       QStringLiteral("answer"),
                                            QStringLiteral("caller"),      QStringLiteral("callee"),
                                            QStringLiteral("disposition"), QStringLiteral("billsec")};
            if (!fields.contains(field) || value.isEmpty()) {
                *why = QStringLiteral("column.<field> names a header; fields are %1").arg(fields.join(u", "));
                return false;
            }
            cfg->cdrColumns.insert(field, value);
            return true;
        }
    }
    *why = QStringLiteral("unknown key in [%1]").arg(section);
    return false;
}

QString checkAlertsConfig(const AlertsConfig &cfg)
{
    if (!cfg.smtpHost.isEmpty()) {
        if (cfg.smtpFrom.isEmpty())
            return QStringLiteral("[smtp] needs from = the sender's address");
        const QHostAddress address(cfg.smtpHost);
        const bool loopback = cfg.smtpHost == u"localhost" || (!address.isNull() && address.isLoopback());
        if (cfg.smtpSecurity == u"none" && !loopback)
            return QStringLiteral("[smtp] security = none is allowed only to a loopback host (a local relay), "
                                  "not %1")
                .arg(cfg.smtpHost);
    }
    if (cfg.cdrFormat == u"generic" && !cfg.cdrFolder.isEmpty())
        for (const char *need : {"answer", "caller", "callee"})
            if (!cfg.cdrColumns.contains(QLatin1String(need)))
                return QStringLiteral("[cdr] format = generic needs column.%1 = <header>").arg(QLatin1String(need));
    return {};
}

} // namespace vv::agent
