#pragma once
// Telephone numbers as people type them and as PBXs send them: "+44 7700
// 900123", "07700 900123", "0044 7700 900123" and "7700900123" are one number.
// Each is brought to E.164 ("+447700900123") when the vault's numbering plan
// (country code and national prefix) says how, to bare digits otherwise; the
// raw form is always kept for display. Extensions and feature codes stay as
// they are.
#include <QString>
#include <QStringList>

namespace vv::agent {

struct NumberPlan
{
    QString countryCode;                          // "44"; empty: national numbers cannot be made E.164
    QString nationalPrefix = QStringLiteral("0"); // the trunk prefix dialled before a national number
    QString internationalPrefix = QStringLiteral("00");
};

// E.164 with its '+' for a complete national or international number, its digits for anything else that is
// only digits and separators (a partial number, an extension), empty for what is not a number ("anonymous",
// "*21#").
QString normaliseNumber(const QString &raw, const NumberPlan &plan);

// The normalised forms of a call's numbers that differ from how they were written, space-separated: what the
// catalogue indexes beside the raw numbers so a search in any form finds the call.
QString normalisedForms(const QStringList &rawNumbers, const NumberPlan &plan);

// What a search for `typed` looks for: as typed, normalised, and for a partial national number ("0161 49")
// also its international beginning ("+4416149"), so it finds numbers stored in either form.
QStringList searchForms(const QString &typed, const NumberPlan &plan);

// A valid country code: 1-3 digits, not starting with 0.
bool isCountryCode(const QString &text);

} // namespace vv::agent
