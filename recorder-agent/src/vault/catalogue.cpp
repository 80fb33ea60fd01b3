#include "vault/catalogue.h"

#include "common/logging.h"
#include "vault/callcolumns.h"
#include "vault/catalogueschema.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <atomic>

namespace vv::agent {

namespace {

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        *error = QStringLiteral("%1 (in: %2)").arg(q.lastError().text(), sql.left(120));
        return false;
    }
    return true;
}

QString joinList(const QStringList &l)
{
    return l.join(QStringLiteral(", "));
}

QStringList splitStored(const QString &s)
{
    return s.split(QLatin1Char(','), Qt::SkipEmptyParts).replaceInStrings(QStringLiteral(" "), QString());
}

// A null QString binds as SQL NULL; the catalogue wants '' for "none".
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QVariant nullable(qint64 v)
{
    return v ? QVariant(v) : QVariant(QMetaType(QMetaType::LongLong));
}

} // namespace

Catalogue::Catalogue(QString connectionName)
    : m_connection(std::move(connectionName))
{}

Catalogue::~Catalogue()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    if (QSqlDatabase::contains(m_connection))
        QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase Catalogue::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool Catalogue::open(const QString &path, QString *error, int upToVersion)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        *error = QStringLiteral("cannot open catalogue %1: %2").arg(path, db.lastError().text());
        return false;
    }
    // WAL: readers (the API) never block the recorder; NORMAL sync is crash-safe
    // in WAL mode (a power cut may lose the last commits, never corrupt).
    if (!exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), error) ||
        !exec(db, QStringLiteral("PRAGMA synchronous=NORMAL"), error) ||
        // Keep the write-ahead log small: checkpoint every ~400 KB and truncate
        // it back to 1 MB, so the log cannot eat the disk's free-space reserve.
        !exec(db, QStringLiteral("PRAGMA wal_autocheckpoint=100"), error) ||
        !exec(db, QStringLiteral("PRAGMA journal_size_limit=1048576"), error) ||
        !exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), error))
        return false;
    return migrate(std::min(upToVersion, kSchemaVersion), error);
}

int Catalogue::schemaVersion()
{
    QSqlQuery q(database());
    if (q.exec(QStringLiteral("SELECT version FROM schema_version")) && q.next())
        return q.value(0).toInt();
    return 0;
}

bool Catalogue::migrate(int target, QString *error)
{
    static_assert(std::size(kCatalogueMigrations) == kSchemaVersion, "kSchemaVersion must count the migrations");
    QSqlDatabase db = database();
    if (!exec(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)"), error))
        return false;
    int version = schemaVersion();
    if (version > kSchemaVersion) {
        *error = QStringLiteral("catalogue schema version %1 is newer than this agent understands (%2); "
                                "upgrade the agent")
                     .arg(version)
                     .arg(kSchemaVersion);
        return false;
    }
    while (version < target) {
        if (!db.transaction()) {
            *error = db.lastError().text();
            return false;
        }
        bool ok = true;
        for (const QString &stmt : QString::fromUtf8(kCatalogueMigrations[version])
                                       .split(QRegularExpression(QStringLiteral(";[ \\t]*\\n")), Qt::SkipEmptyParts)) {
            if (stmt.trimmed().isEmpty())
                continue;
            if (!exec(db, stmt, error)) {
                ok = false;
                break;
            }
        }
        ok = ok && exec(db, QStringLiteral("DELETE FROM schema_version"), error) &&
             exec(db, QStringLiteral("INSERT INTO schema_version(version) VALUES(%1)").arg(version + 1), error);
        if (!ok || !db.commit()) {
            db.rollback();
            *error = QStringLiteral("catalogue migration to version %1 failed: %2").arg(version + 1).arg(*error);
            return false;
        }
        ++version;
        qCInfo(lcVault) << "catalogue migrated to schema version" << version;
    }
    return true;
}

namespace {
std::atomic<quint64> s_failures{0};
} // namespace

quint64 catalogueFailures()
{
    return s_failures.load(std::memory_order_relaxed);
}

void noteCatalogueFailure()
{
    s_failures.fetch_add(1, std::memory_order_relaxed);
}

namespace {
[[noreturn]] void readFailed(const QSqlQuery &q, const char *what)
{
    noteCatalogueFailure();
    throw CatalogueError(std::string("catalogue read failed (") + what + "): " + q.lastError().text().toStdString());
}
} // namespace

void execRead(QSqlQuery &q, const char *what)
{
    if (!q.exec())
        readFailed(q, what);
}

void checkRead(const QSqlQuery &q, const char *what)
{
    if (q.lastError().isValid())
        readFailed(q, what);
}

std::vector<VaultRecord> Catalogue::loadVaults()
{
    std::vector<VaultRecord> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral(
        "SELECT id, name, enabled, cap_bytes, retention_months, price_pence, extensions, "
        "extension_pattern, excluded, domains, config_applied, country_code, national_prefix FROM vaults "
        "ORDER BY id"));
    execRead(q, "vaults");
    while (q.next()) {
        VaultRecord v;
        v.id = q.value(0).toLongLong();
        v.name = q.value(1).toString();
        v.enabled = q.value(2).toBool();
        if (!q.value(3).isNull())
            v.capBytes = q.value(3).toLongLong();
        if (!q.value(4).isNull())
            v.retentionMonths = q.value(4).toInt();
        v.pricePencePerGbMonth = q.value(5).toInt();
        v.extensions = q.value(6).toString();
        v.extensionPattern = q.value(7).toString();
        v.excluded = splitStored(q.value(8).toString());
        v.domains = splitStored(q.value(9).toString());
        v.configApplied = q.value(10).toString();
        v.countryCode = q.value(11).toString();
        v.nationalPrefix = q.value(12).toString();
        out.push_back(v);
    }
    checkRead(q, "vaults");
    return out;
}

std::optional<VaultRecord> Catalogue::vaultByName(const QString &name)
{
    for (VaultRecord &v : loadVaults())
        if (v.name == name)
            return v;
    return std::nullopt;
}

bool Catalogue::saveVault(VaultRecord *v, PacketTime now, QString *error)
{
    QSqlQuery q(database());
    if (v->id == 0) {
        q.prepare(QStringLiteral("INSERT INTO vaults(name, enabled, cap_bytes, retention_months, price_pence, "
                                 "extensions, extension_pattern, excluded, domains, config_applied, country_code, "
                                 "national_prefix, created_at, updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    } else {
        q.prepare(QStringLiteral("UPDATE vaults SET name=?, enabled=?, cap_bytes=?, retention_months=?, price_pence=?, "
                                 "extensions=?, extension_pattern=?, excluded=?, domains=?, config_applied=?, "
                                 "country_code=?, national_prefix=?, updated_at=? WHERE id=?"));
    }
    q.addBindValue(text(v->name));
    q.addBindValue(v->enabled ? 1 : 0);
    q.addBindValue(v->capBytes ? QVariant(*v->capBytes) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(v->retentionMonths ? QVariant(*v->retentionMonths) : QVariant(QMetaType(QMetaType::Int)));
    q.addBindValue(v->pricePencePerGbMonth);
    q.addBindValue(text(v->extensions));
    q.addBindValue(text(v->extensionPattern));
    q.addBindValue(text(joinList(v->excluded)));
    q.addBindValue(text(joinList(v->domains)));
    q.addBindValue(v->configApplied.isEmpty() ? QStringLiteral("{}") : v->configApplied);
    q.addBindValue(text(v->countryCode));
    q.addBindValue(text(v->nationalPrefix));
    if (v->id == 0) {
        q.addBindValue(now);
        q.addBindValue(now);
    } else {
        q.addBindValue(now);
        q.addBindValue(v->id);
    }
    if (!q.exec()) {
        *error = QStringLiteral("saving vault %1: %2").arg(v->name, q.lastError().text());
        return false;
    }
    if (v->id == 0)
        v->id = q.lastInsertId().toLongLong();
    return true;
}

qint64 Catalogue::insertCall(const CallRow &r, QString *error)
{
    QSqlQuery q(database());
    // A row id chosen by the recorder (it names the file before the row is written) is kept.
    q.prepare(r.id > 0 ? callcolumns::insertWithIdSql() : callcolumns::insertSql());
    if (r.id > 0)
        q.addBindValue(r.id);
    callcolumns::bind(q, r);
    if (!q.exec()) {
        *error = QStringLiteral("recording call %1 in the catalogue: %2").arg(r.sipCallId, q.lastError().text());
        return 0;
    }
    return r.id > 0 ? r.id : q.lastInsertId().toLongLong();
}

std::vector<Catalogue::NumbersToNormalise> Catalogue::unnormalisedNumbers(qint64 vaultId, int limit)
{
    std::vector<NumbersToNormalise> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT id, caller, callee, dialled FROM calls WHERE vault_id = ? AND numbers_norm IS NULL "
                       "LIMIT ?"));
    q.addBindValue(vaultId);
    q.addBindValue(limit);
    execRead(q, "numbers to normalise");
    while (q.next())
        out.push_back({q.value(0).toLongLong(), {q.value(1).toString(), q.value(2).toString(), q.value(3).toString()}});
    checkRead(q, "numbers to normalise");
    return out;
}

bool Catalogue::setNormalisedNumbers(qint64 id, const QString &forms, QString *error)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE calls SET numbers_norm = ? WHERE id = ?"));
    q.addBindValue(text(forms));
    q.addBindValue(id);
    if (!q.exec()) {
        *error = QStringLiteral("normalising the numbers of call %1: %2").arg(id).arg(q.lastError().text());
        return false;
    }
    return true;
}

bool Catalogue::forgetNormalisedNumbers(qint64 vaultId, QString *error)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE calls SET numbers_norm = NULL WHERE vault_id = ?"));
    q.addBindValue(vaultId);
    if (!q.exec()) {
        *error = QStringLiteral("renormalising the numbers of vault %1: %2").arg(vaultId).arg(q.lastError().text());
        return false;
    }
    return true;
}

qint64 Catalogue::maxCallId()
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM calls"));
    execRead(q, "the last call id");
    return q.next() ? q.value(0).toLongLong() : 0;
}

bool Catalogue::markRemoved(qint64 id, const QString &state, PacketTime at, const QString &reason, bool *removed,
                            QString *error)
{
    // Only audio that is still there and not under a legal hold: the hold may
    // have been set after the recorder chose this recording.
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE calls SET state=?, removed_at=?, removed_reason=? "
                             "WHERE id=? AND state='complete' AND protected=0"));
    q.addBindValue(state);
    q.addBindValue(nullable(at));
    q.addBindValue(reason);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    *removed = q.numRowsAffected() == 1;
    return true;
}

bool Catalogue::updateCall(const CallRow &r, QString *error)
{
    QSqlQuery q(database());
    q.prepare(callcolumns::updateSql());
    callcolumns::bind(q, r);
    q.addBindValue(r.id);
    if (!q.exec()) {
        *error = QStringLiteral("updating call %1: %2").arg(r.id).arg(q.lastError().text());
        return false;
    }
    return true;
}

std::optional<CallRow> Catalogue::call(qint64 id)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT %1 FROM calls WHERE id=?").arg(callcolumns::selectList()));
    q.addBindValue(id);
    execRead(q, "a call");
    if (q.next())
        return callcolumns::read(q);
    checkRead(q, "a call");
    return std::nullopt;
}

std::vector<CallRow> Catalogue::callsInState(const QString &state)
{
    std::vector<CallRow> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM calls WHERE state=?").arg(callcolumns::selectList()));
    q.addBindValue(state);
    execRead(q, "calls in a state");
    while (q.next())
        out.push_back(callcolumns::read(q));
    checkRead(q, "calls in a state");
    return out;
}

std::vector<CallRow> Catalogue::callsStartedBetween(qint64 vaultId, PacketTime from, PacketTime to)
{
    std::vector<CallRow> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM calls WHERE %2 AND started_at BETWEEN ? AND ? ORDER BY started_at")
                  .arg(callcolumns::selectList(),
                       vaultId ? QStringLiteral("vault_id = ?") : QStringLiteral("vault_id IS NULL")));
    if (vaultId)
        q.addBindValue(vaultId);
    q.addBindValue(from);
    q.addBindValue(to);
    execRead(q, "calls by time");
    while (q.next())
        out.push_back(callcolumns::read(q));
    checkRead(q, "calls by time");
    return out;
}

std::vector<CallRow> Catalogue::evictionCandidates(qint64 vaultId, int limit, qint64 afterId, PacketTime afterStart)
{
    std::vector<CallRow> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    // Keyset pagination over the partial index: oldest start first, id breaks ties.
    q.prepare(QStringLiteral("SELECT %1 FROM calls WHERE vault_id=? AND state='complete' AND protected=0 "
                             "AND (started_at > ? OR (started_at = ? AND id > ?)) "
                             "ORDER BY started_at, id LIMIT ?")
                  .arg(callcolumns::selectList()));
    q.addBindValue(vaultId);
    q.addBindValue(afterStart);
    q.addBindValue(afterStart);
    q.addBindValue(afterId);
    q.addBindValue(limit);
    execRead(q, "eviction candidates");
    while (q.next())
        out.push_back(callcolumns::read(q));
    checkRead(q, "eviction candidates");
    return out;
}

bool Catalogue::setState(qint64 id, const QString &state, PacketTime removedAt, const QString &removedReason,
                         QString *error)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE calls SET state=?, removed_at=?, removed_reason=? WHERE id=?"));
    q.addBindValue(state);
    q.addBindValue(nullable(removedAt));
    q.addBindValue(removedReason);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

bool Catalogue::setProtected(qint64 id, bool isProtected, QString *error)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("UPDATE calls SET protected=? WHERE id=?"));
    q.addBindValue(isProtected ? 1 : 0);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

bool Catalogue::noteExtensionSeen(qint64 vaultId, const QString &number, const QString &source, PacketTime at,
                                  QString *error)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO extensions_seen(vault_id, extension, source, last_seen) VALUES(?,?,?,?) "
                             "ON CONFLICT(vault_id, extension, source) DO UPDATE SET last_seen=MAX(last_seen, "
                             "excluded.last_seen)"));
    q.addBindValue(vaultId);
    q.addBindValue(number);
    q.addBindValue(source);
    q.addBindValue(at);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

std::vector<ExtensionSeen> Catalogue::extensionsSeen(qint64 vaultId)
{
    std::vector<ExtensionSeen> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT extension, source, last_seen FROM extensions_seen WHERE vault_id=?"));
    q.addBindValue(vaultId);
    execRead(q, "extensions seen");
    while (q.next())
        out.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong()});
    checkRead(q, "extensions seen");
    return out;
}

bool Catalogue::begin(QString *error)
{
    QSqlDatabase db = database();
    if (db.transaction())
        return true;
    if (error)
        *error = QStringLiteral("cannot start a catalogue transaction: %1").arg(db.lastError().text());
    return false;
}

bool Catalogue::commit()
{
    return database().commit();
}

void Catalogue::rollback()
{
    database().rollback();
}

} // namespace vv::agent
