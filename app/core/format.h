#pragma once
// How the app writes sizes, money and times. GB means 10^9 bytes everywhere, as the agent bills.
#include <QDateTime>
#include <QObject>
#include <QString>

namespace vv::ui::format {

QString gb(qint64 bytes);             // "1.23 GB"
QString gbValue(double gb);           // "1.23 GB"
QString pounds(double amount);        // "£1.23"
QString when(const QDateTime &time);  // local short date-time, or "—" when invalid
QString fetched(const QDateTime &at); // "last fetched 3 Mar 2026 10:00"

} // namespace vv::ui::format
