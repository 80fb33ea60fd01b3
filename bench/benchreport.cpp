#include "benchreport.h"

#include <QFile>
#include <QSysInfo>
#include <algorithm>
#include <sys/resource.h>
#include <thread>

Stats summarise(std::vector<double> ms)
{
    Stats s;
    if (ms.empty())
        return s;
    std::sort(ms.begin(), ms.end());
    s.samples = static_cast<int>(ms.size());
    s.medianMs = ms[ms.size() / 2];
    s.p99Ms = ms[std::min(ms.size() - 1, static_cast<std::size_t>(ms.size() * 0.99))];
    s.maxMs = ms.back();
    return s;
}

double peakRssMb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0;
}

QString machineDescription()
{
    QString cpu;
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (f.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("model name")) {
                cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1)).trimmed();
                break;
            }
    }
    return QStringLiteral("%1, %2 cores, %3 %4")
        .arg(cpu.isEmpty() ? QStringLiteral("unknown CPU") : cpu)
        .arg(std::thread::hardware_concurrency())
        .arg(QSysInfo::prettyProductName(), QSysInfo::kernelVersion());
}

bool writeSection(const QString &docPath, const QString &name, const QString &markdown)
{
    QFile f(docPath);
    QString doc;
    if (f.open(QIODevice::ReadOnly)) {
        doc = QString::fromUtf8(f.readAll());
        f.close();
    }
    if (doc.isEmpty())
        doc = QStringLiteral("# Benchmarks\n\nRun all of them with `scripts/bench.sh` (Release build); each section "
                             "below is rewritten by its benchmark with the machine and method it used.\n");
    const QString open = QStringLiteral("<!-- bench:%1 -->").arg(name);
    const QString close = QStringLiteral("<!-- /bench:%1 -->").arg(name);
    const QString block = open + QLatin1Char('\n') + markdown.trimmed() + QLatin1Char('\n') + close;
    const int a = doc.indexOf(open);
    const int b = doc.indexOf(close);
    if (a >= 0 && b > a)
        doc.replace(a, b + close.size() - a, block);
    else
        doc += QLatin1Char('\n') + block + QLatin1Char('\n');
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(doc.toUtf8());
    return true;
}
