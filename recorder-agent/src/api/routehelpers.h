#pragma once
// Lookups every route needs, with tenant isolation built in: a customer asking
// for anything outside their own vault gets exactly the answer a missing
// resource gets (404), so nothing hints that it exists.
#include "api/apiexchange.h"
#include "vault/annotations.h"
#include "vault/catalogue.h"

#include <functional>
#include <optional>

namespace vv::agent {

std::optional<VaultRecord> findVault(ApiExchange &r, qint64 id);
// Path parameter i names a vault / recording / user; answers 404 itself when not visible.
std::optional<VaultRecord> vaultParam(ApiExchange &r, int i);
std::optional<CallRow> recordingParam(ApiExchange &r, int i);
// Answers 403 for customers (call after the resource lookup, so other vaults stay 404).
bool requireReseller(ApiExchange &r);
// A recording as the API shows it; "annotation" is the person's note (null without one).
QJsonObject recordingJson(const CallRow &row, const Annotation *note = nullptr);
QJsonObject settingsJson(const VaultRecord &v);
std::optional<PacketTime> parseTime(const QString &text);
// Runs fn on the recorder's thread (the vault store lives there). False, with
// a 503 answered, a log line and a metric, when it did not run in time: a
// busy recorder must never read as "nothing to do".
bool onRecorder(ApiExchange &r, const std::function<void()> &fn);

} // namespace vv::agent
