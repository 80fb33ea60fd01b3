#pragma once
// The two charts of a vault (Qt Charts): storage used over time from the agent's hourly samples, with the cap as
// a line and the forecast drawn ahead; and calls per day, stacked recorded / recorded badly / missed.
#include "apimodel.h"
#include "storageforecast.h"

class QChart;

namespace vv::dashboard {

QChart *makeStorageChart(const vv::net::UsageSamples &samples, const StorageForecast &forecast);
QChart *makeCallsChart(const vv::net::Assurance &assurance);

} // namespace vv::dashboard
