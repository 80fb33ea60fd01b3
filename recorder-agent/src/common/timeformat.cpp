#include "common/timeformat.h"

#include <QDateTime>

namespace vv::agent {

QString isoUtcMillis(PacketTime t)
{
    // Floor division so times before the epoch (never expected) still format sanely.
    std::int64_t ms = t >= 0 ? t / 1000 : -((-t + 999) / 1000);
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

} // namespace vv::agent
