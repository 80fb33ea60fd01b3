#include "common/phonenumber.h"

namespace vv::agent {

namespace {

// A national number is longer than any extension: ITU-T E.164 national significant numbers are rarely shorter
// than 7 digits, and PBX extensions rarely longer than 6.
constexpr int kMinNationalDigits = 7;

} // namespace

QString normaliseNumber(const QString &raw, const NumberPlan &plan)
{
    QString digits;
    bool plus = false;
    QString text = raw.trimmed();
    text.remove(QStringLiteral("(0)")); // "+44 (0)161 ...": the national prefix shown beside the country code
    for (QChar c : text) {
        if (c.isDigit() && c.unicode() < 128) {
            digits += c;
        } else if (c == u'+' && digits.isEmpty() && !plus) {
            plus = true;
        } else if (c == u' ' || c == u'-' || c == u'.' || c == u'(' || c == u')' || c == u'/' || c == u'\u00a0') {
            continue;
        } else {
            return {}; // letters, '*', '#', a second '+': not a telephone number
        }
    }
    if (digits.isEmpty())
        return {};
    if (plus)
        return u'+' + digits;
    if (!plan.internationalPrefix.isEmpty() && digits.startsWith(plan.internationalPrefix) &&
        digits.size() > plan.internationalPrefix.size() + kMinNationalDigits - 1)
        return u'+' + digits.mid(plan.internationalPrefix.size());
    if (!plan.countryCode.isEmpty() && !plan.nationalPrefix.isEmpty() && digits.startsWith(plan.nationalPrefix) &&
        digits.size() - plan.nationalPrefix.size() >= kMinNationalDigits)
        return u'+' + plan.countryCode + digits.mid(plan.nationalPrefix.size());
    return digits;
}

QString normalisedForms(const QStringList &rawNumbers, const NumberPlan &plan)
{
    QStringList forms;
    for (const QString &raw : rawNumbers) {
        const QString n = normaliseNumber(raw, plan);
        if (!n.isEmpty() && n != raw && !forms.contains(n))
            forms << n;
    }
    return forms.join(u' ');
}

QStringList searchForms(const QString &typed, const NumberPlan &plan)
{
    const QString raw = typed.trimmed();
    if (raw.isEmpty())
        return {};
    QStringList forms{raw};
    const QString n = normaliseNumber(raw, plan);
    if (!n.isEmpty() && !forms.contains(n))
        forms << n;
    if (!n.isEmpty() && !n.startsWith(u'+') && !plan.countryCode.isEmpty() && !plan.nationalPrefix.isEmpty() &&
        n.startsWith(plan.nationalPrefix) && n.size() > plan.nationalPrefix.size()) {
        const QString international = u'+' + plan.countryCode + n.mid(plan.nationalPrefix.size());
        if (!forms.contains(international))
            forms << international;
    }
    return forms;
}

bool isCountryCode(const QString &text)
{
    if (text.isEmpty() || text.size() > 3 || text.front() == u'0')
        return false;
    for (QChar c : text)
        if (!c.isDigit() || c.unicode() >= 128)
            return false;
    return true;
}

} // namespace vv::agent
