#include "vaultcharts.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QCoreApplication>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QPen>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <algorithm>

namespace vv::dashboard {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("vv::dashboard", text, disambiguation, n);
}

} // namespace

QChart *makeStorageChart(const vv::net::UsageSamples &samples, const StorageForecast &forecast)
{
    // The unit follows the largest figure shown, so a young vault's kilobytes do not all read 0.00 GB.
    double largest = samples.capBytes ? double(*samples.capBytes) : 0.0;
    for (const vv::net::UsageSample &s : samples.items)
        largest = std::max(largest, double(s.bytes));
    if (forecast.bytesPerDay && !samples.items.isEmpty())
        largest = std::max(largest, double(samples.items.back().bytes) + 90 * *forecast.bytesPerDay);
    const double kGb = largest >= 1e9 ? 1e9 : largest >= 1e6 ? 1e6 : 1e3;
    const QString unit = kGb == 1e9 ? QStringLiteral("GB") : kGb == 1e6 ? QStringLiteral("MB") : QStringLiteral("kB");
    auto *chart = new QChart;
    chart->setTitle(tr("Storage used (%1)").arg(unit));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *used = new QLineSeries;
    used->setName(tr("used"));
    double top = 0;
    for (const vv::net::UsageSample &s : samples.items) {
        used->append(double(s.at.toMSecsSinceEpoch()), double(s.bytes) / kGb);
        top = std::max(top, double(s.bytes) / kGb);
    }
    chart->addSeries(used);
    QDateTime from = samples.items.isEmpty() ? QDateTime::currentDateTimeUtc().addDays(-1) : samples.items.front().at;
    QDateTime to = samples.items.isEmpty() ? QDateTime::currentDateTimeUtc() : samples.items.back().at;
    if (forecast.bytesPerDay && *forecast.bytesPerDay > 0 && !samples.items.isEmpty()) {
        // Ahead as far as the cap (or a month for a vault without one), never more than 90 days.
        const double days = std::min(90.0, forecast.daysToCap ? *forecast.daysToCap : 30.0);
        if (days > 0) {
            auto *ahead = new QLineSeries;
            ahead->setName(tr("forecast"));
            QPen pen(Qt::DashLine);
            pen.setWidth(2);
            ahead->setPen(pen);
            const double start = double(samples.items.back().bytes);
            const QDateTime end = to.addSecs(qint64(days * 86400));
            ahead->append(double(to.toMSecsSinceEpoch()), start / kGb);
            ahead->append(double(end.toMSecsSinceEpoch()), (start + days * *forecast.bytesPerDay) / kGb);
            top = std::max(top, (start + days * *forecast.bytesPerDay) / kGb);
            to = end;
            chart->addSeries(ahead);
        }
    }
    if (samples.capBytes) {
        auto *cap = new QLineSeries;
        cap->setName(tr("cap"));
        QPen pen(QColor(0xc0, 0x20, 0x20));
        pen.setWidth(2);
        cap->setPen(pen);
        cap->append(double(from.toMSecsSinceEpoch()), double(*samples.capBytes) / kGb);
        cap->append(double(to.toMSecsSinceEpoch()), double(*samples.capBytes) / kGb);
        top = std::max(top, double(*samples.capBytes) / kGb);
        chart->addSeries(cap);
    }
    auto *x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("d MMM"));
    x->setRange(from, to > from ? to : from.addSecs(3600));
    auto *y = new QValueAxis;
    y->setRange(0, top > 0 ? top * 1.1 : 1.0);
    y->setLabelFormat(QStringLiteral("%.1f"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    return chart;
}

QChart *makeCallsChart(const vv::net::Assurance &assurance)
{
    auto *chart = new QChart;
    chart->setTitle(assurance.days.isEmpty() ? tr("Calls per day")
                                             : tr("Calls per day, %1 – %2")
                                                   .arg(assurance.days.front().day.toString(QStringLiteral("d MMM")),
                                                        assurance.days.back().day.toString(QStringLiteral("d MMM"))));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto *recorded = new QBarSet(tr("recorded"));
    auto *degraded = new QBarSet(tr("recorded badly"));
    auto *missed = new QBarSet(tr("missed"));
    recorded->setColor(QColor(0x2e, 0x7d, 0x32));
    degraded->setColor(QColor(0xf9, 0xa8, 0x25));
    missed->setColor(QColor(0xc6, 0x28, 0x28));
    QStringList days;
    qint64 top = 0;
    for (const vv::net::AssuranceDay &d : assurance.days) {
        *recorded << double(d.recorded);
        *degraded << double(d.degraded);
        *missed << double(d.missed);
        // Day numbers only: a fortnight of "d MMM" labels does not fit a half-width chart.
        days << d.day.toString(QStringLiteral("d"));
        top = std::max(top, d.recorded + d.degraded + d.missed);
    }
    auto *series = new QStackedBarSeries;
    series->append({recorded, degraded, missed});
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(days);
    x->setLabelsAngle(-90);
    auto *y = new QValueAxis;
    y->setRange(0, double(std::max<qint64>(top, 4)) * 1.1);
    y->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    return chart;
}

} // namespace vv::dashboard
