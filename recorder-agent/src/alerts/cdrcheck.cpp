#include "alerts/cdrcheck.h"

#include <QDateTime>
#include <QHash>
#include <QTimeZone>

namespace vv::agent {

namespace {

constexpr PacketTime kSecond = 1'000'000;

// Asterisk's Master.csv columns (cdr_csv): accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp,
// lastdata, start, answer, end, duration, billsec, disposition, amaflags, ...
enum AsteriskColumn { Src = 1, Dst = 2, Start = 9, Answer = 10, Disposition = 14 };

PacketTime parseTime(const QString &text, const QTimeZone &zone)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return 0;
    QDateTime d = QDateTime::fromString(t, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!d.isValid())
        d = QDateTime::fromString(t, Qt::ISODate);
    if (!d.isValid())
        return -1;
    if (d.timeSpec() == Qt::LocalTime)
        d = QDateTime(d.date(), d.time(), zone);
    return d.toMSecsSinceEpoch() * 1000;
}

// Digits only. Numbers match when their last nine digits agree (national "0161 496 0000" and international
// "+44 161 496 0000" forms of one number), or, for short numbers (extensions), when they are equal.
QString digits(const QString &number)
{
    QString out;
    for (QChar c : number)
        if (c.isDigit())
            out += c;
    return out;
}

bool sameNumber(const QString &a, const QString &b)
{
    const QString x = digits(a);
    const QString y = digits(b);
    if (x.isEmpty() || y.isEmpty())
        return false;
    if (x.size() < 7 || y.size() < 7)
        return x == y;
    const qsizetype n = std::min<qsizetype>(9, std::min(x.size(), y.size()));
    return x.right(n) == y.right(n);
}

} // namespace

QStringList splitCsvLine(const QString &line)
{
    QStringList out;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            out << field;
            field.clear();
        } else {
            field += c;
        }
    }
    out << field;
    return out;
}

CdrParse parseCdr(const QByteArray &csv, const AlertsConfig &config)
{
    CdrParse p;
    const QTimeZone zone(config.cdrTimeZone.toUtf8());
    const QStringList lines = QString::fromUtf8(csv).split(u'\n');
    const bool generic = config.cdrFormat == u"generic";
    QHash<QString, int> columns; // generic: field -> index
    for (int n = 0; n < lines.size(); ++n) {
        const QString line = lines[n].trimmed();
        if (line.isEmpty())
            continue;
        const QStringList f = splitCsvLine(line);
        if (generic && columns.isEmpty()) {
            for (auto it = config.cdrColumns.begin(); it != config.cdrColumns.end(); ++it) {
                const int i = int(f.indexOf(it.value()));
                if (i < 0) {
                    p.errors << QStringLiteral("line %1: no column named \"%2\" (for %3)")
                                    .arg(n + 1)
                                    .arg(it.value(), it.key());
                    return p;
                }
                columns.insert(it.key(), i);
            }
            continue;
        }
        auto field = [&](const QString &name, int asterisk) {
            const int i = generic ? columns.value(name, -1) : asterisk;
            return i >= 0 && i < f.size() ? f[i] : QString();
        };
        CdrCall c;
        c.line = n + 1;
        c.caller = field(QStringLiteral("caller"), Src);
        c.callee = field(QStringLiteral("callee"), Dst);
        c.start = parseTime(field(QStringLiteral("start"), Start), zone);
        c.answer = parseTime(field(QStringLiteral("answer"), Answer), zone);
        c.disposition = field(QStringLiteral("disposition"), Disposition).trimmed().toUpper();
        if (!generic && f.size() <= Disposition) {
            p.errors << QStringLiteral("line %1: %2 fields, Master.csv has at least 15").arg(n + 1).arg(f.size());
            continue;
        }
        if (c.start < 0 || c.answer < 0) {
            p.errors << QStringLiteral("line %1: a time that is not YYYY-MM-DD HH:MM:SS").arg(n + 1);
            continue;
        }
        if (!c.disposition.isEmpty() && c.disposition != u"ANSWERED")
            c.answer = 0;
        p.calls.push_back(c);
    }
    return p;
}

QJsonObject CdrFinding::toJson() const
{
    return QJsonObject{
        {QStringLiteral("line"), call.line},     {QStringLiteral("answered_at"), isoUtcMillis(call.answer)},
        {QStringLiteral("caller"), call.caller}, {QStringLiteral("callee"), call.callee},
        {QStringLiteral("vault"), vault},        {QStringLiteral("extension"), extension},
        {QStringLiteral("seen"), seen}};
}

QString CdrFinding::key() const
{
    return QStringLiteral("cdr_missed:%1:%2:%3")
        .arg(vaultId)
        .arg(call.answer / kSecond)
        .arg(digits(call.caller + call.callee));
}

std::vector<CdrFinding> checkCdr(const std::vector<CdrCall> &calls, const std::vector<VaultRecord> &vaults,
                                 const std::vector<VaultConfig> &rules, Catalogue &catalogue, int toleranceS)
{
    std::vector<CdrFinding> out;
    const PacketTime tolerance = PacketTime(toleranceS) * kSecond;
    for (const CdrCall &c : calls) {
        if (!c.answer)
            continue;
        for (std::size_t i = 0; i < rules.size() && i < vaults.size(); ++i) {
            const VaultConfig &rule = rules[i];
            if (!rule.enabled)
                continue;
            const bool callerIsExt = rule.extensions.matches(digits(c.caller));
            const bool calleeIsExt = rule.extensions.matches(digits(c.callee));
            if (callerIsExt == calleeIsExt) // internal, or not this vault's
                continue;
            const QString extension = digits(callerIsExt ? c.caller : c.callee);
            const QString far = callerIsExt ? c.callee : c.caller;
            if (rule.excluded.contains(extension))
                continue;
            // The agent's start is the INVITE, before the answer; a ring of up to ten minutes is allowed for.
            const std::vector<CallRow> rows =
                catalogue.callsStartedBetween(vaults[i].id, c.answer - 600 * kSecond - tolerance, c.answer + tolerance);
            const CallRow *match = nullptr;
            for (const CallRow &r : rows) {
                const PacketTime answered = r.answeredAt ? r.answeredAt : r.startedAt;
                if (std::abs(answered - c.answer) <= tolerance &&
                    (sameNumber(r.caller, far) || sameNumber(r.callee, far) || sameNumber(r.dialled, far)))
                    match = &r;
            }
            if (match && match->recorded)
                continue;
            CdrFinding f;
            f.call = c;
            f.vaultId = vaults[i].id;
            f.vault = vaults[i].name;
            f.extension = extension;
            f.seen = match ? QStringLiteral("the agent saw the call and did not record it: %1").arg(match->reason)
                           : QStringLiteral("the agent saw no such call (capture down, or its traffic not mirrored "
                                            "to the agent)");
            out.push_back(f);
        }
    }
    return out;
}

} // namespace vv::agent
