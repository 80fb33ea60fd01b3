#include "format.h"

#include <QLocale>

namespace vv::ui::format {

QString gbValue(double gb)
{
    return QStringLiteral("%1 GB").arg(QLocale().toString(gb, 'f', gb < 10 ? 2 : 1));
}

QString gb(qint64 bytes)
{
    // Below 1 GB say kB or MB (decimal units, like GB): a new vault would read "0.00 GB" for weeks, and a small
    // cap and what it holds would both round to "0.01 GB" and read as equal.
    if (bytes > 0 && bytes < 1000000)
        return QStringLiteral("%1 kB").arg(QLocale().toString(double(bytes) / 1e3, 'f', 1));
    if (bytes > 0 && bytes < 1000000000) {
        const double mb = double(bytes) / 1e6;
        return QStringLiteral("%1 MB").arg(QLocale().toString(mb, 'f', mb < 10 ? 2 : mb < 100 ? 1 : 0));
    }
    return gbValue(double(bytes) / 1e9);
}

QString pounds(double amount)
{
    return QStringLiteral("£") + QLocale().toString(amount, 'f', 2);
}

QString when(const QDateTime &t)
{
    // One format across the app (the recordings list adds seconds): unambiguous in every locale, with its zone.
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm t")) : QStringLiteral("—");
}

QString fetched(const QDateTime &at)
{
    return QObject::tr("last fetched %1").arg(when(at));
}

} // namespace vv::ui::format
