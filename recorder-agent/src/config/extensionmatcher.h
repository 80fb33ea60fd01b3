#pragma once
// Decides whether a normalised SIP user part is one of a vault's extensions:
// single numbers, inclusive numeric ranges ("200-299") and/or a regular
// expression. Ranges compare as numbers of equal length, so "0201" is not 201.
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <vector>

namespace vv::agent {

class ExtensionMatcher
{
public:
    // Parses "200-299, 1000, 3001"; on error returns false and sets *error.
    bool setList(const QString &spec, QString *error);
    bool setPattern(const QString &regex, QString *error);

    bool matches(const QString &user) const;
    bool isEmpty() const { return m_exact.isEmpty() && m_ranges.empty() && !m_hasPattern; }
    QString describe() const;

private:
    struct Range
    {
        QString low;
        QString high;
    };
    QStringList m_exact;
    std::vector<Range> m_ranges;
    QRegularExpression m_pattern;
    bool m_hasPattern = false;
    QString m_listSpec;
};

// Splits a comma/whitespace separated list, dropping empty items.
QStringList splitList(const QString &value);

} // namespace vv::agent
