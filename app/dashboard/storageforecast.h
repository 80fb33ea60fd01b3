#pragma once
// What the storage chart says about the future: the growth of the last week's hourly samples (least squares, so
// one big call does not swing it), when the cap fills at that rate, and how many months of recordings the cap
// holds once full (a capped vault then overwrites its oldest). Pure; tested in tst_dashboardrules.
#include "apimodel.h"

#include <QString>
#include <optional>

namespace vv::dashboard {

struct StorageForecast
{
    std::optional<double> bytesPerDay; // nullopt: less than a day of samples
    std::optional<double> daysToCap;   // capped vaults still filling
    std::optional<double> monthsHeld;  // capped vaults: cap / a month's growth
    QString text;                      // the sentence under the chart
};

StorageForecast forecastStorage(const vv::net::UsageSamples &samples);

} // namespace vv::dashboard
