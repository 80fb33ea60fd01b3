#include "storageforecast.h"

#include "format.h"

#include <QCoreApplication>
#include <cmath>

namespace vv::dashboard {

namespace {

constexpr double kDaySeconds = 86400.0;
constexpr double kMonthDays = 30.44;

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("vv::dashboard", text, disambiguation, n);
}

} // namespace

StorageForecast forecastStorage(const vv::net::UsageSamples &samples)
{
    StorageForecast f;
    if (samples.items.size() < 2) {
        f.text = tr("Not enough history for a forecast yet (samples are taken hourly).");
        return f;
    }
    const QDateTime last = samples.items.back().at;
    const QDateTime from = last.addDays(-7);
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    double firstX = 0;
    bool first = true;
    for (const vv::net::UsageSample &s : samples.items) {
        if (s.at < from)
            continue;
        const double x = double(from.secsTo(s.at)) / kDaySeconds;
        const double y = double(s.bytes);
        if (first) {
            firstX = x;
            first = false;
        }
        n += 1;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
    }
    const double span = double(from.secsTo(last)) / kDaySeconds - firstX;
    const double denominator = n * sxx - sx * sx;
    if (n < 2 || span < 1.0 || denominator <= 0) {
        f.text = tr("Not enough history for a forecast yet: it needs a day of hourly samples.");
        return f;
    }
    const double slope = (n * sxy - sx * sy) / denominator;
    f.bytesPerDay = std::max(0.0, slope);
    const qint64 used = samples.items.back().bytes;
    const QString perMonth = vv::ui::format::gb(qint64(*f.bytesPerDay * kMonthDays));
    if (!samples.capBytes) {
        f.text = *f.bytesPerDay > 0 ? tr("Grows about %1 a month; no cap (allowed to grow indefinitely).").arg(perMonth)
                                    : tr("Not growing over the last week.");
        return f;
    }
    const double cap = double(*samples.capBytes);
    if (*f.bytesPerDay <= 0) {
        f.text = tr("Not growing over the last week: the cap is not filling.");
        return f;
    }
    f.monthsHeld = cap / (*f.bytesPerDay * kMonthDays);
    const QString held = tr("at this rate the cap holds about %1 months of recordings")
                             .arg(*f.monthsHeld < 10 ? QString::number(*f.monthsHeld, 'f', 1)
                                                     : QString::number(std::lround(*f.monthsHeld)));
    if (double(used) < cap) {
        f.daysToCap = (cap - double(used)) / *f.bytesPerDay;
        f.text = tr("The cap fills in about %n day(s) (%1 a month); %2.", nullptr,
                    int(std::max(1L, std::lround(*f.daysToCap))))
                     .arg(perMonth, held);
    } else {
        f.text = tr("The cap is full: the oldest recordings are overwritten; %1.").arg(held);
    }
    return f;
}

} // namespace vv::dashboard
