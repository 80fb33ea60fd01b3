#pragma once
// Packet time is microseconds since the Unix epoch (UTC); every timestamp the
// agent reports is derived from it, never from the wall clock.
#include <QString>
#include <cstdint>

namespace vv::agent {

using PacketTime = qint64; // microseconds since 1970-01-01T00:00:00Z

QString isoUtcMillis(PacketTime t); // "2026-11-26T10:00:00.123Z"

} // namespace vv::agent
