// Replays generated traffic over real UDP sockets on loopback in real time, so live capture sees the same packets
// a replay of the written file would.
#pragma once

#include "packet.h"

#include <atomic>
#include <string>
#include <vector>

namespace vv::capgen {

// Sends every packet at its time relative to the first one. Only IPv4 loopback (127.0.0.0/8) sources and
// destinations are accepted: the generator must never put traffic on a real network.
// Returns false with *error on the first failure; a set `cancel` stops early. *firstPacketTime receives the wall
// clock (seconds since the epoch) at which the first packet went out, so callers can rebase their truth.
bool sendRealtime(const std::vector<GenPacket> &packets, std::string *error = nullptr,
                  const std::atomic<bool> *cancel = nullptr, double *firstPacketTime = nullptr);

} // namespace vv::capgen
