#pragma once
// Lookups every route needs, with tenant isolation built in: a customer asking
// for anything outside their own vault gets exactly the answer a missing
// resource gets (404), so nothing hints that it exists.
#include "api/apirequest.h"
#include "vault/catalogue.h"

#include <optional>

std::optional<VaultRecord> findVault(ApiRequest &r, qint64 id);
// Path parameter i names a vault / recording / user; answers 404 itself when not visible.
std::optional<VaultRecord> vaultParam(ApiRequest &r, int i);
std::optional<CallRow> recordingParam(ApiRequest &r, int i);
// Answers 403 for customers (call after the resource lookup, so other vaults stay 404).
bool requireReseller(ApiRequest &r);
QJsonObject recordingJson(const CallRow &row);
QJsonObject settingsJson(const VaultRecord &v);
std::optional<PacketTime> parseTime(const QString &text);
