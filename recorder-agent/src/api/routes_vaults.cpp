// Vaults, their settings (with dry run), known extensions and usage.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/threaddb.h"
#include "common/logging.h"
#include "vault/usage.h"
#include "vault/vaultstore.h"

#include <QDate>
#include <QJsonArray>
#include <QMap>
#include <QRegularExpression>

namespace vv::agent {

namespace {

const QStringList kSettingKeys = {QStringLiteral("enabled"),           QStringLiteral("storage"),
                                  QStringLiteral("cap_bytes"),         QStringLiteral("extensions"),
                                  QStringLiteral("extension_pattern"), QStringLiteral("excluded"),
                                  QStringLiteral("retention_months"),  QStringLiteral("price_per_gb_month")};

bool invalid(ApiExchange &r, const QString &field, const QString &detail)
{
    r.problem(422, QStringLiteral("Invalid field"), detail, field);
    return false;
}

// Applies the JSON settings to *v; answers 422 naming the first bad field.
bool applySettings(ApiExchange &r, const QJsonObject &o, VaultRecord *v, const QStringList &extraKeys = {})
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!kSettingKeys.contains(it.key()) && !extraKeys.contains(it.key()))
            return invalid(r, it.key().left(64), QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)));
    if (o.contains(QStringLiteral("enabled"))) {
        if (!o.value(QStringLiteral("enabled")).isBool())
            return invalid(r, QStringLiteral("enabled"), QStringLiteral("enabled must be true or false"));
        v->enabled = o.value(QStringLiteral("enabled")).toBool();
    }
    QString storage = v->capBytes ? QStringLiteral("cap") : QStringLiteral("unlimited");
    if (o.contains(QStringLiteral("storage"))) {
        const QJsonValue s = o.value(QStringLiteral("storage"));
        if (!s.isString() || (s.toString() != u"cap" && s.toString() != u"unlimited"))
            return invalid(r, QStringLiteral("storage"), QStringLiteral("storage must be \"cap\" or \"unlimited\""));
        storage = s.toString();
    }
    if (o.contains(QStringLiteral("cap_bytes")) && !o.value(QStringLiteral("cap_bytes")).isNull()) {
        const QJsonValue c = o.value(QStringLiteral("cap_bytes"));
        const double d = c.toDouble(-1);
        if (!c.isDouble() || d < 1 || d > 9e18 || d != std::floor(d))
            return invalid(r, QStringLiteral("cap_bytes"),
                           QStringLiteral("cap_bytes must be a whole number of bytes above 0"));
        v->capBytes = static_cast<qint64>(d);
        if (!o.contains(QStringLiteral("storage")))
            storage = QStringLiteral("cap");
    }
    if (storage == u"unlimited") {
        v->capBytes.reset();
    } else if (!v->capBytes) {
        return invalid(r, QStringLiteral("cap_bytes"), QStringLiteral("storage \"cap\" needs cap_bytes"));
    }
    QString why;
    ExtensionMatcher check;
    if (o.contains(QStringLiteral("extensions"))) {
        const QJsonValue e = o.value(QStringLiteral("extensions"));
        if (!e.isString() || e.toString().size() > 4096 || !check.setList(e.toString(), &why))
            return invalid(r, QStringLiteral("extensions"),
                           why.isEmpty() ? QStringLiteral("extensions must be a string such as \"200-299, 1000\"")
                                         : why);
        v->extensions = e.toString();
    }
    if (o.contains(QStringLiteral("extension_pattern"))) {
        const QJsonValue p = o.value(QStringLiteral("extension_pattern"));
        if (!p.isString() || p.toString().size() > 512 || !check.setPattern(p.toString(), &why))
            return invalid(r, QStringLiteral("extension_pattern"),
                           why.isEmpty() ? QStringLiteral("extension_pattern must be a regular expression") : why);
        v->extensionPattern = p.toString();
    }
    if (o.contains(QStringLiteral("excluded"))) {
        const QJsonValue e = o.value(QStringLiteral("excluded"));
        if (!e.isArray() || e.toArray().size() > 10000)
            return invalid(r, QStringLiteral("excluded"), QStringLiteral("excluded must be an array of extensions"));
        QStringList list;
        static const QRegularExpression ok(QStringLiteral("\\A[A-Za-z0-9+*#_.-]{1,64}\\z"));
        for (const QJsonValue &x : e.toArray()) {
            if (!x.isString() || !ok.match(x.toString()).hasMatch())
                return invalid(r, QStringLiteral("excluded"),
                               QStringLiteral("each excluded extension must be a string "
                                              "of letters, digits, + * # _ . -"));
            list << x.toString();
        }
        v->excluded = list;
    }
    if (o.contains(QStringLiteral("retention_months"))) {
        const QJsonValue m = o.value(QStringLiteral("retention_months"));
        if (m.isNull()) {
            v->retentionMonths.reset();
        } else {
            const double d = m.toDouble(-1);
            if (!m.isDouble() || d < 1 || d > 1200 || d != std::floor(d))
                return invalid(r, QStringLiteral("retention_months"),
                               QStringLiteral("retention_months must be whole months 1-1200, or null"));
            v->retentionMonths = static_cast<int>(d);
        }
    }
    if (o.contains(QStringLiteral("price_per_gb_month"))) {
        const QJsonValue p = o.value(QStringLiteral("price_per_gb_month"));
        if (!p.isDouble() || p.toDouble() < 0 || p.toDouble() > 1000)
            return invalid(r, QStringLiteral("price_per_gb_month"),
                           QStringLiteral("price_per_gb_month must be pounds between 0 and 1000"));
        v->pricePencePerGbMonth = qRound(p.toDouble() * 100);
    }
    if (v->extensions.trimmed().isEmpty() && v->extensionPattern.trimmed().isEmpty())
        return invalid(r, QStringLiteral("extensions"),
                       QStringLiteral("a vault needs extensions or an extension_pattern"));
    return true;
}

QJsonObject vaultJson(ApiExchange &r, const VaultRecord &v)
{
    const UsageTotals t = threadCatalogue(r.ctx.cataloguePath)->usageTotals(v.id);
    QJsonObject o;
    o.insert(QStringLiteral("id"), v.id);
    o.insert(QStringLiteral("name"), v.name);
    // Settings (cap, price, excluded extensions) are the reseller's business:
    // a customer gets the same 403 from /settings, and nothing here either.
    if (r.isReseller())
        o.insert(QStringLiteral("settings"), settingsJson(v));
    o.insert(QStringLiteral("bytes_used"), t.storedBytes);
    o.insert(QStringLiteral("recordings"), t.storedRecordings);
    return o;
}

void listVaults(ApiExchange &r)
{
    QJsonArray items;
    for (const VaultRecord &v : threadCatalogue(r.ctx.cataloguePath)->loadVaults())
        if (r.isReseller() || v.id == r.user->vaultId)
            items.append(vaultJson(r, v));
    QJsonObject o;
    o.insert(QStringLiteral("items"), items);
    r.json(o);
}

void createVault(ApiExchange &r)
{
    if (!requireReseller(r))
        return;
    QJsonObject body;
    if (!r.body(&body))
        return;
    const QJsonValue name = body.value(QStringLiteral("name"));
    static const QRegularExpression valid(QStringLiteral("\\A[A-Za-z0-9_.-]{1,64}\\z"));
    if (!name.isString() || !valid.match(name.toString()).hasMatch()) {
        invalid(r, QStringLiteral("name"), QStringLiteral("name must be 1-64 letters, digits, '_', '.', '-'"));
        return;
    }
    VaultRecord v;
    v.name = name.toString();
    if (!applySettings(r, body, &v, {QStringLiteral("name")}))
        return;
    if (threadCatalogue(r.ctx.cataloguePath)->vaultByName(v.name)) {
        r.problem(409, QStringLiteral("Conflict"), QStringLiteral("a vault named %1 already exists").arg(v.name),
                  QStringLiteral("name"));
        return;
    }
    bool saved = false;
    QString error;
    if (!onRecorder(r, [&] {
            saved = r.ctx.store->updateVault(v, nowMicros(), &error);
            if (saved) {
                v = *r.ctx.store->vault(v.name);
                r.ctx.vaultsChanged();
            }
        }))
        return;
    if (!saved) {
        r.problem(error.contains(QStringLiteral("UNIQUE")) ? 409 : 503, QStringLiteral("Not saved"), error);
        return;
    }
    r.audit(QStringLiteral("vault_created"), v.id, 0, settingsJson(v));
    r.json(vaultJson(r, v), 201);
}

void getVault(ApiExchange &r)
{
    if (const auto v = vaultParam(r, 1))
        r.json(vaultJson(r, *v));
}

void getSettings(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v || !requireReseller(r))
        return;
    r.json(settingsJson(*v));
}

QJsonObject planJson(const SettingsPlan &plan)
{
    QJsonObject o;
    o.insert(QStringLiteral("dry_run"), true);
    o.insert(QStringLiteral("recordings_evicted"), plan.evictedRecordings);
    o.insert(QStringLiteral("bytes_evicted"), plan.evictedBytes);
    o.insert(QStringLiteral("recordings_expired"), plan.expiredRecordings);
    o.insert(QStringLiteral("bytes_expired"), plan.expiredBytes);
    o.insert(QStringLiteral("reachable"), plan.reachable);
    o.insert(QStringLiteral("bytes_used"), plan.heldBytes);
    o.insert(QStringLiteral("plan"), plan.token);
    return o;
}

QString planSummary(const SettingsPlan &plan)
{
    return QStringLiteral("%1 recording(s) past the retention limit (%2 bytes) and %3 over the cap (%4 bytes)")
        .arg(plan.expiredRecordings)
        .arg(plan.expiredBytes)
        .arg(plan.evictedRecordings)
        .arg(plan.evictedBytes);
}

// A change that would remove recordings needs the plan of a dry run taken on
// the current state ("plan" in the body): one request can never destroy
// recordings nobody was shown.
void putSettings(ApiExchange &r)
{
    const auto current = vaultParam(r, 1);
    if (!current || !requireReseller(r))
        return;
    QJsonObject body;
    if (!r.body(&body))
        return;
    const QJsonValue planValue = body.take(QStringLiteral("plan"));
    if (!planValue.isUndefined() && !planValue.isString())
        return (void)invalid(r, QStringLiteral("plan"), QStringLiteral("plan must be the string a dry run returned"));
    VaultRecord v = *current;
    if (!applySettings(r, body, &v))
        return;
    const QString dry = r.query("dry_run").toLower();
    const PacketTime now = nowMicros();
    if (dry == u"true" || dry == u"1") {
        SettingsPlan plan;
        if (onRecorder(r, [&] { plan = r.ctx.store->planSettings(v, now); }))
            r.json(planJson(plan));
        return;
    }
    StoreResult result = StoreResult::Failed;
    SettingsPlan plan;
    QString error;
    if (!onRecorder(r, [&] {
            result = r.ctx.store->changeVault(v, now, planValue.toString(), &plan, &error);
            if (result == StoreResult::Done)
                r.ctx.vaultsChanged();
        }))
        return;
    switch (result) {
    case StoreResult::Done:
        break;
    case StoreResult::PlanRequired:
        return r.problem(428, QStringLiteral("Confirmation required"),
                         QStringLiteral("this change would remove %1; run it with ?dry_run=true, show the result, "
                                        "and send the plan it returns as \"plan\"")
                             .arg(planSummary(plan)),
                         QStringLiteral("plan"));
    case StoreResult::PlanStale:
        return r.problem(409, QStringLiteral("Plan out of date"),
                         QStringLiteral("the vault changed since that dry run: the change would now remove %1; "
                                        "run the dry run again")
                             .arg(planSummary(plan)),
                         QStringLiteral("plan"));
    default:
        qCCritical(lcVault).noquote() << "settings of vault" << v.name << "not saved:" << error;
        return r.problem(503, QStringLiteral("Not saved"),
                         QStringLiteral("the catalogue refused the change: %1").arg(error));
    }
    if (plan.removesAnything()) // off the recorder's thread: capture never waits for these deletions
        r.ctx.store->waitForWrites();
    QJsonObject detail;
    detail.insert(QStringLiteral("old"), settingsJson(*current));
    detail.insert(QStringLiteral("new"), settingsJson(v));
    if (plan.removesAnything())
        detail.insert(QStringLiteral("removed"), planJson(plan));
    r.audit(QStringLiteral("settings_changed"), v.id, 0, detail);
    r.json(settingsJson(v));
}

void listExtensions(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v || !requireReseller(r))
        return;
    struct Info
    {
        QStringList sources;
        PacketTime lastSeen = 0;
    };
    QMap<QString, Info> all;
    // Configured single numbers and small ranges.
    static const QRegularExpression sep(QStringLiteral("[,\\s]+"));
    for (const QString &item : v->extensions.split(sep, Qt::SkipEmptyParts)) {
        const int dash = item.indexOf(u'-');
        if (dash > 0) {
            bool a = false;
            bool b = false;
            const qint64 lo = item.left(dash).toLongLong(&a);
            const qint64 hi = item.mid(dash + 1).toLongLong(&b);
            if (a && b && hi >= lo && hi - lo < 1000)
                for (qint64 n = lo; n <= hi; ++n)
                    all[QString::number(n).rightJustified(dash, u'0')].sources << QStringLiteral("configured");
        } else {
            all[item].sources << QStringLiteral("configured");
        }
    }
    for (const ExtensionSeen &seen : threadCatalogue(r.ctx.cataloguePath)->extensionsSeen(v->id)) {
        Info &i = all[seen.extension];
        i.sources << seen.source;
        i.lastSeen = std::max(i.lastSeen, seen.lastSeen);
    }
    QJsonArray items;
    for (auto it = all.begin(); it != all.end(); ++it) {
        QJsonObject o;
        o.insert(QStringLiteral("extension"), it.key());
        o.insert(QStringLiteral("sources"), QJsonArray::fromStringList(it->sources));
        o.insert(QStringLiteral("last_seen"),
                 it->lastSeen ? QJsonValue(isoUtcMillis(it->lastSeen)) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("excluded"), v->excluded.contains(it.key()));
        items.append(o);
    }
    QJsonObject o;
    o.insert(QStringLiteral("items"), items);
    r.json(o);
}

void usage(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v || !requireReseller(r))
        return;
    Catalogue *cat = threadCatalogue(r.ctx.cataloguePath);
    const PacketTime now = nowMicros();
    QJsonObject o = computeUsage(cat, *v, now).toJson();
    if (r.hasQuery("month")) {
        const QDate d = QDate::fromString(r.query("month") + QStringLiteral("-01"), QStringLiteral("yyyy-MM-dd"));
        if (!d.isValid() || r.query("month").size() != 7) {
            invalid(r, QStringLiteral("month"), QStringLiteral("month must be YYYY-MM"));
            return;
        }
        const auto [from, to] = monthBounds(d.year(), d.month());
        o.insert(QStringLiteral("statement"),
                 computeStatement(d.year(), d.month(), cat->lastSampleBefore(v->id, from),
                                  cat->usageSamples(v->id, from, to), now, v->pricePencePerGbMonth)
                     .toJson());
    }
    r.json(o);
}

} // namespace

std::vector<Route> vaultRoutes()
{
    return {
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults"), Access::Signed, listVaults},
        {QStringLiteral("POST"), QStringLiteral("/api/v1/vaults"), Access::Signed, createVault},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}"), Access::Signed, getVault},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/settings"), Access::Signed, getSettings},
        {QStringLiteral("PUT"), QStringLiteral("/api/v1/vaults/{vaultId}/settings"), Access::Signed, putSettings},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/extensions"), Access::Signed, listExtensions},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/usage"), Access::Signed, usage},
    };
}

} // namespace vv::agent
