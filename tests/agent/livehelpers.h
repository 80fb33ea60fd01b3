// What the live-capture tests share: whether this process may capture, the loopback parties (phones on
// 127.0.0.x behind a PBX at 127.0.0.1:5060, carriers at 127.0.0.50), and reading the agent's lines as they come.
#pragma once

#include "agentharness.h"
#include "scenario.h"

#include <QProcess>
#include <functional>

namespace vv::testing {

bool canCapture(QString *why);
vv::capgen::Party livePhone(int extension);
vv::capgen::Party liveCarrier(const std::string &number, uint16_t mediaPort);
// Reads stdout lines as they come, until `done` says enough or the timeout passes.
void readLines(QProcess &process, AgentRun &run, QByteArray &pending, int timeoutMs,
               const std::function<bool(const AgentRun &)> &done);
// Starts `agent run --config` and waits for its ready line; "" on success.
QString startLiveAgent(QProcess &process, AgentRun &run, QByteArray &pending, const QString &agent,
                       const QString &config);
// SIGTERM, then everything the agent printed until it exited.
void stopLiveAgent(QProcess &process, AgentRun &run, QByteArray &pending);

} // namespace vv::testing
