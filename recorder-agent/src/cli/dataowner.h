#pragma once

#include <QString>

namespace vv::agent {

// The packaged agent runs as the "vipvault" system user and owns its data
// folder. An administrator typing `vipvault-agent user add` as root would
// otherwise create catalogue, WAL and key files the service can no longer
// write. Commands that only touch the data folder therefore become its owner
// first; `run` (which needs root's capture rights when started by hand) refuses
// instead, naming the service to start.
enum class DataOwnerMode { Adopt, Refuse };

// True when the process may go on (as the folder's owner if it switched).
bool actAsDataDirOwner(const QString &dataDir, DataOwnerMode mode, QString *error);

} // namespace vv::agent
