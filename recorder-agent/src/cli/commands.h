#pragma once
// The agent's subcommands. Each returns the process exit code.
#include "cli/dataowner.h"

#include <QStringList>

namespace vv::agent {

// Exit codes: 0 ok, 1 runtime failure (unreadable capture, capture device), 2 usage or config error
// (cdr-check: 3 when a call has no recording).
int replayCommand(const QStringList &args);
int runCommand(const QStringList &args);
int usageCommand(const QStringList &args);
int verifyCommand(const QStringList &args);
int userCommand(const QStringList &args);
int routesCommand(const QStringList &args);

// Shared option handling: --config FILE and --data-dir DIR. Run as root on a
// data folder owned by another user (the packaged service's), the command
// becomes that user (Adopt) or refuses (Refuse); see dataowner.h.
struct AgentConfig;
bool loadConfigFromArgs(QStringList *args, AgentConfig *config, QString *error,
                        DataOwnerMode ownerMode = DataOwnerMode::Adopt);
void printJsonLine(const class QJsonObject &o);
QString configPathFromArgs(const QStringList &args);

} // namespace vv::agent
