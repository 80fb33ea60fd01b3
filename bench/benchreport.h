#pragma once
// Shared bits of the benchmarks: timing statistics, peak memory, a machine
// description, and writing a named section into docs/benchmarks.md.
#include <QString>
#include <vector>

struct Stats
{
    double medianMs = 0;
    double p99Ms = 0;
    double maxMs = 0;
    int samples = 0;
};

Stats summarise(std::vector<double> ms);
double peakRssMb();
QString machineDescription();
// Replaces the text between <!-- bench:NAME --> and <!-- /bench:NAME --> (appends if absent).
bool writeSection(const QString &docPath, const QString &name, const QString &markdown);
