#include "config/agentconfig.h"

#include "common/phonenumber.h"

#include <QFile>

namespace vv::agent {

namespace {

// country_code: E.164 country code digits ("44", "1", "353"); national_prefix: the trunk prefix ("0"), or none.
QString checkNumberPlanKey(const QString &key, const QString &value)
{
    if (key == u"country_code")
        return value.isEmpty() || isCountryCode(value)
                   ? QString()
                   : QStringLiteral("expected the country's calling code without + or 00, e.g. 44");
    for (QChar c : value)
        if (!c.isDigit() || c.unicode() >= 128)
            return QStringLiteral("expected the digits dialled before a national number, e.g. 0");
    return value.size() <= 3 ? QString() : QStringLiteral("a national prefix is at most 3 digits");
}

bool parseBool(const QString &v, bool *ok)
{
    const QString s = v.toLower();
    *ok = true;
    if (s == u"yes" || s == u"true" || s == u"on" || s == u"1")
        return true;
    if (s == u"no" || s == u"false" || s == u"off" || s == u"0")
        return false;
    *ok = false;
    return false;
}

QString stripComment(const QString &line)
{
    // A comment starts at ';' or '#' at the line start or after whitespace, so
    // regular expressions such as "^3\d{2}$" and "a#b" survive.
    for (int i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if ((c == u';' || c == u'#') && (i == 0 || line.at(i - 1).isSpace()))
            return line.left(i);
    }
    return line;
}

} // namespace

std::optional<qint64> parseByteSize(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("\\A\\s*(\\d+(?:\\.\\d+)?)\\s*([KMGT]i?B|B)?\\s*\\z"),
                                       QRegularExpression::CaseInsensitiveOption);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const double n = m.captured(1).toDouble();
    const QString unit = m.captured(2).toUpper();
    double mult = 1;
    if (unit == u"KB")
        mult = 1e3;
    else if (unit == u"MB")
        mult = 1e6;
    else if (unit == u"GB")
        mult = 1e9;
    else if (unit == u"TB")
        mult = 1e12;
    else if (unit == u"KIB")
        mult = 1024.0;
    else if (unit == u"MIB")
        mult = 1024.0 * 1024;
    else if (unit == u"GIB")
        mult = 1024.0 * 1024 * 1024;
    else if (unit == u"TIB")
        mult = 1024.0 * 1024 * 1024 * 1024;
    const double bytes = n * mult;
    if (bytes > 9.0e18)
        return std::nullopt;
    return static_cast<qint64>(bytes + 0.5);
}

bool AgentConfig::load(const QString &path, AgentConfig *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read config file %1: %2").arg(path, f.errorString());
        return false;
    }
    return parse(QString::fromUtf8(f.readAll()), path, out, error);
}

bool AgentConfig::parse(const QString &text, const QString &origin, AgentConfig *out, QString *error)
{
    AgentConfig cfg;
    enum class Section { None, Agent, Vault, Api, Alerts } section = Section::None;
    QString alertsSection; // alerts, smtp or cdr
    VaultConfig *vault = nullptr;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int n = 0; n < lines.size(); ++n) {
        const QString where = QStringLiteral("%1:%2").arg(origin).arg(n + 1);
        const QString line = stripComment(lines.at(n)).trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(u'[')) {
            if (!line.endsWith(u']')) {
                *error = QStringLiteral("%1: unterminated section header").arg(where);
                return false;
            }
            const QString name = line.mid(1, line.size() - 2).trimmed();
            if (name == u"agent") {
                section = Section::Agent;
            } else if (name == u"api") {
                section = Section::Api;
            } else if (name == u"alerts" || name == u"smtp" || name == u"cdr") {
                section = Section::Alerts;
                alertsSection = name;
            } else if (name.startsWith(QStringLiteral("vault "))) {
                const QString vaultName = name.mid(6).trimmed();
                static const QRegularExpression valid(QStringLiteral("\\A[A-Za-z0-9_.-]{1,64}\\z"));
                if (!valid.match(vaultName).hasMatch()) {
                    *error = QStringLiteral("%1: vault name \"%2\" must be 1-64 letters, digits, '_', '.', '-'")
                                 .arg(where, vaultName);
                    return false;
                }
                for (const VaultConfig &v : cfg.vaults)
                    if (v.name == vaultName) {
                        *error = QStringLiteral("%1: vault \"%2\" defined twice").arg(where, vaultName);
                        return false;
                    }
                cfg.vaults.emplace_back();
                vault = &cfg.vaults.back();
                vault->name = vaultName;
                section = Section::Vault;
            } else {
                *error =
                    QStringLiteral(
                        "%1: unknown section [%2] (expected [agent], [api], [alerts], [smtp], [cdr] or [vault NAME])")
                        .arg(where, name);
                return false;
            }
            continue;
        }
        const int eq = line.indexOf(u'=');
        if (eq <= 0) {
            *error = QStringLiteral("%1: expected \"key = value\"").arg(where);
            return false;
        }
        const QString key = line.left(eq).trimmed();
        const QString value = line.mid(eq + 1).trimmed();
        auto bad = [&](const QString &why) {
            *error = QStringLiteral("%1: %2 = \"%3\": %4").arg(where, key, value, why);
            return false;
        };
        if (section == Section::Agent) {
            if (key == u"interface") {
                cfg.interface = value;
            } else if (key == u"sip_ports") {
                cfg.sipPorts.clear();
                for (const QString &p : splitList(value)) {
                    bool ok = false;
                    const uint port = p.toUInt(&ok);
                    if (!ok || port == 0 || port > 65535)
                        return bad(QStringLiteral("ports are 1-65535"));
                    cfg.sipPorts.push_back(static_cast<quint16>(port));
                }
                if (cfg.sipPorts.empty())
                    return bad(QStringLiteral("at least one SIP port is needed"));
            } else if (key == u"data_dir") {
                cfg.dataDir = value;
            } else if (key == u"encode_silence") {
                bool ok = false;
                cfg.encodeSilence = parseBool(value, &ok);
                if (!ok)
                    return bad(QStringLiteral("expected yes or no"));
            } else if (key == u"reserve_free") {
                const auto b = parseByteSize(value);
                if (!b)
                    return bad(QStringLiteral("expected a size such as 2GB or 500MB"));
                cfg.reserveFreeBytes = *b;
            } else if (key == u"jitter_ms" || key == u"call_idle_timeout_s" || key == u"capture_queue_packets") {
                bool ok = false;
                const int v = value.toInt(&ok);
                if (!ok || v < 1 || v > 10'000'000)
                    return bad(QStringLiteral("expected a positive whole number"));
                if (key == u"jitter_ms") {
                    if (v < 20 || v > 2000)
                        return bad(QStringLiteral("jitter_ms is 20-2000"));
                    cfg.jitterMs = v;
                } else if (key == u"call_idle_timeout_s") {
                    cfg.callIdleTimeoutS = v;
                } else {
                    cfg.captureQueuePackets = v;
                }
            } else if (key == u"country_code" || key == u"national_prefix") {
                if (const QString why = checkNumberPlanKey(key, value); !why.isEmpty())
                    return bad(why);
                (key == u"country_code" ? cfg.countryCode : cfg.nationalPrefix) = value;
            } else {
                return bad(QStringLiteral("unknown key in [agent]"));
            }
        } else if (section == Section::Api) {
            if (key == u"listen") {
                cfg.apiListen = value;
            } else if (key == u"certificate") {
                cfg.apiCertificate = value;
            } else if (key == u"key") {
                cfg.apiKey = value;
            } else if (key == u"plain_http") {
                bool ok = false;
                cfg.apiPlainHttp = parseBool(value, &ok);
                if (!ok)
                    return bad(QStringLiteral("expected yes or no"));
            } else if (key == u"session_hours" || key == u"idle_minutes" || key == u"threads" ||
                       key == u"max_connections" || key == u"max_connections_per_address") {
                bool ok = false;
                const int v = value.toInt(&ok);
                if (!ok || v < 1 || v > 100000)
                    return bad(QStringLiteral("expected a whole number from 1 to 100000"));
                (key == u"session_hours"     ? cfg.apiSessionHours
                 : key == u"idle_minutes"    ? cfg.apiIdleMinutes
                 : key == u"threads"         ? cfg.apiThreads
                 : key == u"max_connections" ? cfg.apiMaxConnections
                                             : cfg.apiMaxConnectionsPerAddress) = v;
            } else {
                return bad(QStringLiteral("unknown key in [api]"));
            }
        } else if (section == Section::Alerts) {
            QString why;
            if (!setAlertsKey(&cfg.alerts, alertsSection, key, value, &why))
                return bad(why);
        } else if (section == Section::Vault) {
            QString why;
            vault->rawKeys.insert(key, value);
            if (key == u"enabled") {
                bool ok = false;
                vault->enabled = parseBool(value, &ok);
                if (!ok)
                    return bad(QStringLiteral("expected yes or no"));
            } else if (key == u"extensions") {
                if (!vault->extensions.setList(value, &why))
                    return bad(why);
                vault->extensionList = value;
            } else if (key == u"extension_pattern") {
                if (!vault->extensions.setPattern(value, &why))
                    return bad(why);
                vault->extensionPattern = value;
            } else if (key == u"excluded") {
                vault->excluded = splitList(value);
            } else if (key == u"cap") {
                const QString v = value.toLower();
                if (v == u"unlimited" || v == u"indefinite" || v == u"none") {
                    vault->capBytes.reset();
                } else {
                    const auto b = parseByteSize(value);
                    if (!b || *b <= 0)
                        return bad(QStringLiteral("expected a size such as 5GB, or \"unlimited\""));
                    vault->capBytes = *b;
                }
            } else if (key == u"retention_months") {
                const QString v = value.toLower();
                bool ok = false;
                const int months = value.toInt(&ok);
                if (v == u"none" || v == u"0")
                    vault->retentionMonths.reset();
                else if (!ok || months < 1 || months > 1200)
                    return bad(QStringLiteral("expected whole months 1-1200, or \"none\""));
                else
                    vault->retentionMonths = months;
            } else if (key == u"price_per_gb_month") {
                bool ok = false;
                const double pounds = value.toDouble(&ok);
                if (!ok || pounds < 0 || pounds > 1000)
                    return bad(QStringLiteral("expected pounds per GB-month, e.g. 1.00"));
                vault->pricePence = qRound(pounds * 100);
            } else if (key == u"country_code" || key == u"national_prefix") {
                if (const QString why = checkNumberPlanKey(key, value); !why.isEmpty())
                    return bad(why);
                (key == u"country_code" ? vault->countryCode : vault->nationalPrefix) = value;
            } else if (key == u"encryption") {
                const QString v = value.toLower();
                if (v != u"off" && v != u"agent" && v != u"customer")
                    return bad(QStringLiteral("expected off, agent or customer"));
                vault->encryption = v;
            } else if (key == u"domains") {
                vault->domains.clear();
                for (const QString &d : splitList(value))
                    vault->domains.append(d.toLower());
            } else {
                return bad(QStringLiteral("unknown key in [vault %1]").arg(vault->name));
            }
        } else {
            *error = QStringLiteral("%1: \"%2\" is outside any section").arg(where, key);
            return false;
        }
    }
    for (const VaultConfig &v : cfg.vaults) {
        if (v.extensions.isEmpty()) {
            *error = QStringLiteral("%1: vault \"%2\" has no extensions (set extensions and/or extension_pattern)")
                         .arg(origin, v.name);
            return false;
        }
    }
    if (const QString why = checkAlertsConfig(cfg.alerts); !why.isEmpty()) {
        *error = QStringLiteral("%1: %2").arg(origin, why);
        return false;
    }
    *out = std::move(cfg);
    return true;
}

} // namespace vv::agent
