#include "vault/catalogue.h"

#include "common/logging.h"
#include "vault/callcolumns.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace vv::agent {

namespace {

// Ordered migrations: index i upgrades version i to i + 1. Never edit a
// released step; append a new one. Statements end with ';' at a line end
// (so a trigger's inner ';' stays inside its statement).
const char *const kMigrations[] = {
    R"SQL(
CREATE TABLE vaults(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  enabled INTEGER NOT NULL DEFAULT 1,
  cap_bytes INTEGER,
  retention_months INTEGER,
  price_pence INTEGER NOT NULL DEFAULT 100,
  extensions TEXT NOT NULL DEFAULT '',
  extension_pattern TEXT NOT NULL DEFAULT '',
  excluded TEXT NOT NULL DEFAULT '',
  domains TEXT NOT NULL DEFAULT '',
  config_applied TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL);
CREATE TABLE calls(
  id INTEGER PRIMARY KEY,
  vault_id INTEGER REFERENCES vaults(id),
  sip_call_id TEXT NOT NULL,
  caller TEXT NOT NULL,
  callee TEXT NOT NULL,
  extension TEXT,
  direction TEXT,
  recorded INTEGER NOT NULL,
  reason TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  end_cause TEXT,
  codec TEXT,
  state TEXT NOT NULL,
  file TEXT,
  bytes INTEGER NOT NULL DEFAULT 0,
  protected INTEGER NOT NULL DEFAULT 0,
  removed_at INTEGER,
  removed_reason TEXT,
  quality TEXT,
  note TEXT NOT NULL DEFAULT '');
CREATE INDEX calls_vault_time ON calls(vault_id, started_at);
CREATE INDEX calls_vault_extension ON calls(vault_id, extension, started_at);
CREATE INDEX calls_vault_direction ON calls(vault_id, direction, started_at);
CREATE INDEX calls_vault_caller ON calls(vault_id, caller);
CREATE INDEX calls_vault_callee ON calls(vault_id, callee);
CREATE INDEX calls_evictable ON calls(vault_id, started_at, id) WHERE state = 'complete' AND protected = 0;
CREATE INDEX calls_transient ON calls(state) WHERE state IN ('recording', 'evicting');
CREATE INDEX calls_protected ON calls(vault_id, started_at) WHERE protected = 1;
CREATE INDEX calls_file ON calls(file) WHERE file <> '';
CREATE TABLE vault_usage(
  vault_id INTEGER PRIMARY KEY REFERENCES vaults(id),
  stored_bytes INTEGER NOT NULL DEFAULT 0,
  stored_recordings INTEGER NOT NULL DEFAULT 0,
  stored_duration_ms INTEGER NOT NULL DEFAULT 0,
  written_bytes INTEGER NOT NULL DEFAULT 0,
  written_recordings INTEGER NOT NULL DEFAULT 0,
  written_duration_ms INTEGER NOT NULL DEFAULT 0);
CREATE TABLE usage_samples(
  vault_id INTEGER NOT NULL,
  sampled_at INTEGER NOT NULL,
  stored_bytes INTEGER NOT NULL,
  written_bytes INTEGER NOT NULL,
  PRIMARY KEY(vault_id, sampled_at)) WITHOUT ROWID;
)SQL",
    // 2: users, sessions and the audit log of the HTTPS API; extensions the agent has seen.
    R"SQL(
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK(role IN ('reseller','customer')),
  vault_id INTEGER REFERENCES vaults(id),
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL);
CREATE TABLE sessions(
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  address TEXT NOT NULL DEFAULT '') WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE audit(
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  username TEXT,
  address TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  vault_id INTEGER,
  recording_id INTEGER,
  detail TEXT NOT NULL DEFAULT '{}');
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_action ON audit(action, at);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE extensions_seen(
  vault_id INTEGER NOT NULL REFERENCES vaults(id),
  extension TEXT NOT NULL,
  source TEXT NOT NULL,
  last_seen INTEGER NOT NULL,
  PRIMARY KEY(vault_id, extension, source)) WITHOUT ROWID;
)SQL",
    // 3: "number contains" search through a trigram index, so it stays fast on
    // a million calls (LIKE '%...%' has to read every row of the vault).
    R"SQL(
CREATE VIRTUAL TABLE calls_numbers USING fts5(numbers, tokenize='trigram');
INSERT INTO calls_numbers(rowid, numbers) SELECT id, caller || ' ' || callee FROM calls;
CREATE TRIGGER calls_numbers_insert AFTER INSERT ON calls BEGIN INSERT INTO calls_numbers(rowid, numbers) VALUES (new.id, new.caller || ' ' || new.callee); END;
CREATE TRIGGER calls_numbers_update AFTER UPDATE OF caller, callee ON calls BEGIN UPDATE calls_numbers SET numbers = new.caller || ' ' || new.callee WHERE rowid = new.id; END;
CREATE TRIGGER calls_numbers_delete AFTER DELETE ON calls BEGIN DELETE FROM calls_numbers WHERE rowid = old.id; END;
)SQL",
    // 4: listings sorted by duration page by keyset seeks on a per-vault index
    // (the rowid is the index's last column, so ties come in id order);
    // extension uses calls_vault_extension. Size has no index: one more index
    // touched by every recording's insert, finish and eviction cost ~0.1 ms
    // each (bench_catalogue), for the rarest order. Keyset comparisons need a
    // non-NULL key: the agent always wrote '' for "no extension"; made certain.
    R"SQL(
UPDATE calls SET extension = '' WHERE extension IS NULL;
CREATE INDEX calls_vault_duration ON calls(vault_id, duration_ms);
)SQL",
    // 5: who answered decides (docs/call-rules.md): the number dialled is kept beside the extension that
    // answered, and searched like the other numbers; a transfer's recording names the one it continues; every
    // call the policy says to record ends recorded, degraded or missed.
    R"SQL(
ALTER TABLE calls ADD COLUMN dialled TEXT NOT NULL DEFAULT '';
ALTER TABLE calls ADD COLUMN related_id INTEGER;
ALTER TABLE calls ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
UPDATE calls SET outcome = 'recorded' WHERE recorded = 1;
DROP TRIGGER calls_numbers_insert;
DROP TRIGGER calls_numbers_update;
CREATE TRIGGER calls_numbers_insert AFTER INSERT ON calls BEGIN INSERT INTO calls_numbers(rowid, numbers) VALUES (new.id, new.caller || ' ' || new.callee || ' ' || new.dialled); END;
CREATE TRIGGER calls_numbers_update AFTER UPDATE OF caller, callee, dialled ON calls BEGIN UPDATE calls_numbers SET numbers = new.caller || ' ' || new.callee || ' ' || new.dialled WHERE rowid = new.id; END;
)SQL",
};

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
    static_assert(std::size(kMigrations) == kSchemaVersion, "kSchemaVersion must count the migrations");
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
        for (const QString &stmt : QString::fromUtf8(kMigrations[version])
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

void execRead(QSqlQuery &q, const char *what)
{
    if (!q.exec())
        throw CatalogueError(std::string("catalogue read failed (") + what +
                             "): " + q.lastError().text().toStdString());
}

void checkRead(const QSqlQuery &q, const char *what)
{
    if (q.lastError().isValid())
        throw CatalogueError(std::string("catalogue read failed (") + what +
                             "): " + q.lastError().text().toStdString());
}

std::vector<VaultRecord> Catalogue::loadVaults()
{
    std::vector<VaultRecord> out;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT id, name, enabled, cap_bytes, retention_months, price_pence, extensions, "
                             "extension_pattern, excluded, domains, config_applied FROM vaults ORDER BY id"));
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
                                 "extensions, extension_pattern, excluded, domains, config_applied, created_at, "
                                 "updated_at) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)"));
    } else {
        q.prepare(QStringLiteral("UPDATE vaults SET name=?, enabled=?, cap_bytes=?, retention_months=?, price_pence=?, "
                                 "extensions=?, extension_pattern=?, excluded=?, domains=?, config_applied=?, "
                                 "updated_at=? WHERE id=?"));
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
