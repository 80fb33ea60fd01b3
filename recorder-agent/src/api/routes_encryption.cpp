// Encryption at rest per vault (vault/vaultkeyring.h): the reseller chooses the mode; in customer-held mode the
// customer's app sets the vault's key (public half and the phrase-wrapped backup of the secret) and fetches that
// backup to restore the key on another computer. Neither the reseller nor the agent ever receives the secret.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/threaddb.h"
#include "common/logging.h"
#include "vault/keycustodian.h"
#include "vault/vaultstore.h"
#include "vaultcrypto/vaultkeys.h"

#include <QDateTime>
#include <QJsonObject>

namespace vv::agent {

namespace {

PacketTime nowMicros()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

VaultKeyring *keyringOf(ApiExchange &r)
{
    VaultKeyring *ring = r.ctx.store ? r.ctx.store->keyring().get() : nullptr;
    if (!ring)
        r.problem(503, QStringLiteral("Unavailable"), QStringLiteral("encryption keys are not loaded"));
    return ring;
}

QJsonObject encryptionJson(ApiExchange &r, const VaultEncryption &e, qint64 vaultId)
{
    QJsonObject o{{QStringLiteral("mode"), e.mode},
                  {QStringLiteral("holder"), e.holder.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.holder)},
                  {QStringLiteral("awaiting_customer_key"), e.awaitingCustomerKey},
                  {QStringLiteral("has_recovery_backup"), !e.recovery.isEmpty()}};
    if (!e.keyId.isEmpty()) {
        o.insert(QStringLiteral("key_id"), QString::fromLatin1(e.keyId.toHex()));
        o.insert(QStringLiteral("public_key"), QString::fromLatin1(e.publicKey.toBase64()));
    }
    if (e.changedAt) {
        o.insert(QStringLiteral("changed_at"), isoUtcMillis(e.changedAt));
        o.insert(QStringLiteral("changed_by"), e.changedBy);
    }
    if (r.ctx.custodian) {
        const KeyCustodian::Progress p = r.ctx.custodian->progress(vaultId);
        const bool pending = !r.ctx.store->keyring()->retiringKeys(vaultId).empty();
        o.insert(QStringLiteral("older_recordings"),
                 QJsonObject{{QStringLiteral("encrypted"), p.encrypted}, {QStringLiteral("plain_left"), p.plainLeft}});
        o.insert(QStringLiteral("rewrap"), QJsonObject{{QStringLiteral("in_progress"), pending},
                                                       {QStringLiteral("rewrapped"), p.rewrapped},
                                                       {QStringLiteral("remaining"), p.remaining},
                                                       {QStringLiteral("last_error"), p.lastError}});
    }
    return o;
}

void getEncryption(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    if (VaultKeyring *ring = keyringOf(r))
        r.json(encryptionJson(r, ring->state(v->id), v->id));
}

void putEncryption(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v || !requireReseller(r))
        return;
    QJsonObject body;
    if (!r.body(&body))
        return;
    for (auto it = body.begin(); it != body.end(); ++it)
        if (it.key() != u"mode")
            return r.problem(422, QStringLiteral("Invalid field"),
                             QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)), it.key().left(64));
    const QString mode = body.value(QStringLiteral("mode")).toString();
    if (mode != EncryptionMode::Off && mode != EncryptionMode::Agent && mode != EncryptionMode::Customer)
        return r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("mode is off, agent or customer"),
                         QStringLiteral("mode"));
    VaultKeyring *ring = keyringOf(r);
    if (!ring)
        return;
    const QString before = ring->state(v->id).mode;
    QString error;
    if (!ring->setMode(threadDatabase(r.ctx.cataloguePath), v->id, mode, r.user->username, nowMicros(), &error)) {
        if (error.contains(QLatin1String("customer holds")))
            return r.problem(409, QStringLiteral("Customer holds the key"), error);
        qCWarning(lcApi).noquote() << "cannot change the encryption of vault" << v->name << ":" << error;
        return r.problem(503, QStringLiteral("Unavailable"),
                         QStringLiteral("the change could not be saved; try again"));
    }
    if (r.ctx.custodian)
        r.ctx.custodian->wake(); // older plain recordings are encrypted in the background
    if (before != mode)
        r.audit(QStringLiteral("encryption"), v->id, 0,
                QJsonObject{{QStringLiteral("from"), before}, {QStringLiteral("to"), mode}});
    r.json(encryptionJson(r, ring->state(v->id), v->id));
}

// The shape of the customer's key backup, checked so a broken app cannot leave a backup nobody can open.
QString backupProblem(const QJsonObject &b)
{
    if (b.value(QStringLiteral("kdf")).toString() != u"argon2id13")
        return QStringLiteral("recovery.kdf must be argon2id13");
    if (QByteArray::fromBase64(b.value(QStringLiteral("salt")).toString().toLatin1()).size() != 16)
        return QStringLiteral("recovery.salt must be 16 bytes (base64)");
    const qint64 ops = b.value(QStringLiteral("opslimit")).toInteger();
    const qint64 mem = b.value(QStringLiteral("memlimit")).toInteger();
    if (ops < 1 || ops > 64 || mem < 8192 || mem > (qint64(1) << 32))
        return QStringLiteral("recovery.opslimit and memlimit are out of range");
    const qsizetype box = QByteArray::fromBase64(b.value(QStringLiteral("box")).toString().toLatin1()).size();
    if (box != 24 + 16 + 32)
        return QStringLiteral("recovery.box must hold one wrapped 32-byte key");
    if (b.size() != 5)
        return QStringLiteral("recovery has exactly kdf, salt, opslimit, memlimit and box");
    return {};
}

void putCustomerKey(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    // The reseller must never be the one who sets (and so could keep) the key of a customer-held vault.
    if (r.isReseller())
        return r.problem(403, QStringLiteral("Forbidden"),
                         QStringLiteral("only the customer's own sign-in can set the key of their vault"));
    QJsonObject body;
    if (!r.body(&body))
        return;
    for (auto it = body.begin(); it != body.end(); ++it)
        if (it.key() != u"public_key" && it.key() != u"recovery")
            return r.problem(422, QStringLiteral("Invalid field"),
                             QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)), it.key().left(64));
    const QByteArray publicKey = QByteArray::fromBase64(body.value(QStringLiteral("public_key")).toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (publicKey.size() != 32)
        return r.problem(422, QStringLiteral("Invalid field"),
                         QStringLiteral("public_key must be a 32-byte X25519 key (base64)"),
                         QStringLiteral("public_key"));
    const QJsonObject recovery = body.value(QStringLiteral("recovery")).toObject();
    if (const QString why = backupProblem(recovery); !why.isEmpty())
        return r.problem(422, QStringLiteral("Invalid field"), why, QStringLiteral("recovery"));
    VaultKeyring *ring = keyringOf(r);
    if (!ring)
        return;
    QString error;
    if (!ring->setCustomerKey(threadDatabase(r.ctx.cataloguePath), v->id, publicKey, recovery, r.user->username,
                              nowMicros(), &error)) {
        if (error.contains(QLatin1String("not set to be opened")) || error.contains(QLatin1String("already known")))
            return r.problem(409, QStringLiteral("Conflict"), error);
        qCWarning(lcApi).noquote() << "cannot set the customer key of vault" << v->name << ":" << error;
        return r.problem(503, QStringLiteral("Unavailable"), QStringLiteral("the key could not be saved; try again"));
    }
    r.audit(QStringLiteral("customer_key"), v->id, 0,
            QJsonObject{{QStringLiteral("key_id"), QString::fromLatin1(vv::crypto::keyIdOf(publicKey).toHex())}});
    if (r.ctx.custodian)
        r.ctx.custodian->wake();
    r.json(encryptionJson(r, ring->state(v->id), v->id));
}

void getRecovery(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    if (r.isReseller())
        return r.problem(403, QStringLiteral("Forbidden"), QStringLiteral("the key backup is the customer's"));
    VaultKeyring *ring = keyringOf(r);
    if (!ring)
        return;
    const VaultEncryption e = ring->state(v->id);
    if (e.recovery.isEmpty())
        return r.problem(404, QStringLiteral("Not found"), QStringLiteral("this vault has no customer key backup"));
    r.audit(QStringLiteral("key_backup_fetched"), v->id, 0, {});
    r.json(QJsonObject{{QStringLiteral("key_id"), QString::fromLatin1(e.keyId.toHex())},
                       {QStringLiteral("public_key"), QString::fromLatin1(e.publicKey.toBase64())},
                       {QStringLiteral("recovery"), e.recovery}});
}

} // namespace

std::vector<Route> encryptionRoutes()
{
    return {
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/encryption"), Access::Signed, getEncryption},
        {QStringLiteral("PUT"), QStringLiteral("/api/v1/vaults/{vaultId}/encryption"), Access::Signed, putEncryption},
        {QStringLiteral("PUT"), QStringLiteral("/api/v1/vaults/{vaultId}/encryption/customer-key"), Access::Signed,
         putCustomerKey},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/encryption/recovery"), Access::Signed,
         getRecovery},
    };
}

} // namespace vv::agent
