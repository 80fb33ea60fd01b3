#include "config/extensionmatcher.h"

namespace vv::agent {

QStringList splitList(const QString &value)
{
    static const QRegularExpression sep(QStringLiteral("[,\\s]+"));
    return value.split(sep, Qt::SkipEmptyParts);
}

static bool isDigits(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (QChar c : s)
        if (!c.isDigit())
            return false;
    return true;
}

bool ExtensionMatcher::setList(const QString &spec, QString *error)
{
    m_exact.clear();
    m_ranges.clear();
    m_listSpec = spec.trimmed();
    for (const QString &item : splitList(spec)) {
        const int dash = item.indexOf(QLatin1Char('-'));
        if (dash > 0) {
            const QString low = item.left(dash);
            const QString high = item.mid(dash + 1);
            if (!isDigits(low) || !isDigits(high) || low.size() != high.size() || low > high) {
                *error = QStringLiteral("bad extension range \"%1\" (expected e.g. 200-299, same number of digits)")
                             .arg(item);
                return false;
            }
            m_ranges.push_back({low, high});
        } else {
            m_exact.append(item);
        }
    }
    return true;
}

bool ExtensionMatcher::setPattern(const QString &regex, QString *error)
{
    if (regex.trimmed().isEmpty()) {
        m_hasPattern = false;
        return true;
    }
    // The pattern must stand on its own: "9\d\d)|(.*" is only valid once
    // wrapped, and would then match anything. Control verbs such as
    // (*ACCEPT) end a match early, past any anchor.
    const QString own = regex.trimmed();
    const QRegularExpression alone(own);
    if (!alone.isValid()) {
        *error = QStringLiteral("bad extension_pattern \"%1\": %2").arg(regex, alone.errorString());
        return false;
    }
    if (own.contains(QStringLiteral("(*"))) {
        *error =
            QStringLiteral("bad extension_pattern \"%1\": control verbs such as (*ACCEPT) are not allowed").arg(regex);
        return false;
    }
    // Anchor the whole user part: "2\d\d" must not match "12345".
    QRegularExpression re(QRegularExpression::anchoredPattern(own));
    if (!re.isValid()) {
        *error = QStringLiteral("bad extension_pattern \"%1\": %2").arg(regex, re.errorString());
        return false;
    }
    re.optimize();
    m_pattern = re;
    m_hasPattern = true;
    return true;
}

bool ExtensionMatcher::matches(const QString &user) const
{
    if (user.isEmpty())
        return false;
    if (m_exact.contains(user))
        return true;
    if (!m_ranges.empty() && isDigits(user)) {
        for (const Range &r : m_ranges)
            if (user.size() == r.low.size() && user >= r.low && user <= r.high)
                return true;
    }
    if (!m_hasPattern)
        return false;
    // Whatever the pattern, only a match of the whole user part counts.
    const QRegularExpressionMatch m = m_pattern.match(user);
    return m.hasMatch() && m.capturedStart(0) == 0 && m.capturedLength(0) == user.size();
}

QString ExtensionMatcher::describe() const
{
    QString d = m_listSpec;
    if (m_hasPattern)
        d += (d.isEmpty() ? QString() : QStringLiteral(" + ")) + QStringLiteral("/%1/").arg(m_pattern.pattern());
    return d;
}

} // namespace vv::agent
