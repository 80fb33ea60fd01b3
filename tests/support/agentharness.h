// Drives the vipvault-agent binary the way an operator would (config file, QProcess) and judges its JSON lines
// and Ogg Opus files against the generator's truth. Checks return a readable error text ("" = pass) so tests
// report every mismatch of a call at once instead of stopping at the first QCOMPARE.
#pragma once

#include "scenario.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace vv::testing {

struct AgentRun
{
    bool started = false;
    bool finished = false; // false: timed out and killed
    int exitCode = -1;
    QString standardError;
    QList<QJsonObject> calls; // lines with "sip_call_id"
    QJsonObject summary;      // the {"event":"summary"} line
    QList<QJsonObject> events;
    QStringList unparsedLines;

    QString describe() const; // exit status and stderr tail, for failure messages
};

void parseAgentOutput(const QByteArray &standardOutput, AgentRun &run);

// Writes `body` to dir/agent.conf and returns the path.
QString writeConfig(const QString &dir, const QString &body);
// [agent] section + one vault "acme" with extensions 200-299 and the given extra vault lines.
QString standardConfig(const QString &dataDir, const QString &vaultExtras = {}, const QString &interface = "lo",
                       bool vaultEnabled = true);

AgentRun runReplay(const QString &agentBin, const QString &configPath, const QStringList &captures,
                   const QString &dataDir = {}, int timeoutMs = 180000);

struct StereoAudio
{
    int channels = 0;
    std::vector<int16_t> left;  // 48 kHz
    std::vector<int16_t> right; // 48 kHz
    QString error;
};

StereoAudio decodeOpusFile(const QString &path);

struct ExpectedCall
{
    QString callId;
    bool recorded = true;
    QString reason = "recorded";
    QString direction;          // empty = null expected
    QString extension;          // empty = null expected
    bool checkExtension = true; // off where the contract leaves the choice open (internal calls)
    QString vault = "acme"; // expected when an extension is expected, else null; tells a two-vault call's lines apart
    QString caller;         // empty = not checked
    QString callee;         // empty = not checked
    QString codec;          // empty = not checked
    bool extensionIsCaller = true; // which truth stream belongs in the left channel
    bool checkQuality = true;      // packet counters against the truth (off where a test injects extra RTP)
    const capgen::CallTruth *truth = nullptr;
};

// Time, policy and audio checks for one call line.
QString checkCall(const QJsonObject &call, const ExpectedCall &expected);
// Left vs the extension's truth, right vs the far end's, and each against the other party.
QString checkAudio(const QJsonObject &call, const capgen::CallTruth &truth, bool extensionIsCaller);
// quality.extension / quality.far_end packet counters against what the generator put on the wire.
QString checkQuality(const QJsonObject &call, const capgen::CallTruth &truth, bool extensionIsCaller);
// Every expected call present exactly once and passing checkCall; unexpected calls are reported too.
QString checkCalls(const AgentRun &run, const QList<ExpectedCall> &expected, bool allowUnexpected = false);

// ISO 8601 UTC with milliseconds -> seconds since the epoch; NaN when missing or malformed.
double parseTimestamp(const QJsonValue &value);

} // namespace vv::testing

namespace vv::testing {

// The agent under test: $VIPVAULT_AGENT_BIN if set (to try another build), else the path compiled in.
QString agentBinary(const char *compiledPath);

} // namespace vv::testing
