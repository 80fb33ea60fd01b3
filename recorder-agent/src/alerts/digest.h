#pragma once
// The daily digest of one vault: yesterday's calls (should have been recorded,
// recorded, degraded, missed, with the missed ones listed), the storage held
// against the cap, and what is still open. Text for e-mail, JSON for webhooks.
#include "vault/catalogue.h"
#include "vault/healthstore.h"

#include <QJsonObject>
#include <QString>

namespace vv::agent {

struct Digest
{
    QString subject;
    QString text;
    QJsonObject json;
};

// `dayStart`: midnight UTC of the day reported.
Digest composeDigest(Catalogue &catalogue, HealthStore &health, const VaultRecord &vault, PacketTime dayStart);

} // namespace vv::agent
