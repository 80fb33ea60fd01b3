#pragma once
// The catalogue row a recording began with, stamped into its own Ogg comment
// header (VIPVAULT_ROW). The row is written by the catalogue writer thread a
// moment after the file exists; if the agent is killed in between, the start-up
// reconcile rebuilds the row from the file instead of adopting a nameless orphan.
// Only call metadata goes in (no keys, no secrets).
#include "vault/catalogue.h"

#include <QByteArray>
#include <optional>

namespace vv::agent {

QByteArray rowStamp(const CallRow &row);
// The row described by a stamp, or nothing if the stamp is not one we wrote (bad JSON, no id, no call id).
std::optional<CallRow> rowFromStamp(const QByteArray &stamp);

} // namespace vv::agent
