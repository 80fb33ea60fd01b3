#include "vault/catalogueschema.h"

namespace vv::agent {

// Ordered migrations: index i upgrades version i to i + 1. Never edit a
// released step; append a new one. Statements end with ';' at a line end
// (so a trigger's inner ';' stays inside its statement).
const char *const kCatalogueMigrations[] = {
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
    // 6: recording assurance (docs/assurance.md): the health log (append-only, like the audit log), who is told
    // (webhooks, e-mail), and the queue of what is still to be delivered to them.
    R"SQL(
CREATE TABLE health_log(
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  event_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  vault_id INTEGER,
  action TEXT NOT NULL CHECK(action IN ('open', 'resolve', 'ack')),
  severity TEXT NOT NULL,
  detail TEXT NOT NULL,
  by_user TEXT NOT NULL DEFAULT ''
);
CREATE INDEX health_log_key ON health_log(event_key, seq);
CREATE INDEX health_log_vault ON health_log(vault_id, seq);
CREATE TRIGGER health_log_append_only_update BEFORE UPDATE ON health_log BEGIN SELECT RAISE(ABORT, 'the health log is append-only'); END;
CREATE TRIGGER health_log_append_only_delete BEFORE DELETE ON health_log BEGIN SELECT RAISE(ABORT, 'the health log is append-only'); END;
CREATE TABLE subscriptions(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK(kind IN ('webhook', 'email')),
  target TEXT NOT NULL,
  secret TEXT NOT NULL DEFAULT '',
  vault_id INTEGER REFERENCES vaults(id),
  alerts INTEGER NOT NULL DEFAULT 1,
  digest INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE deliveries(
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  last_error TEXT NOT NULL DEFAULT '',
  delivered_at INTEGER
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
CREATE INDEX calls_vault_outcome ON calls(vault_id, started_at, outcome);
)SQL",
    // 7: numbers as people type them (common/phonenumber.h): each vault's numbering plan, and each call's
    // numbers in normalised form indexed beside the raw ones. NULL = not normalised yet: the store fills it in
    // at start-up (and again for a vault whose plan changed). And one-time passwords (invitations): a login
    // whose password the reseller chose must change it before anything else.
    R"SQL(
ALTER TABLE vaults ADD COLUMN country_code TEXT NOT NULL DEFAULT '';
ALTER TABLE vaults ADD COLUMN national_prefix TEXT NOT NULL DEFAULT '0';
ALTER TABLE calls ADD COLUMN numbers_norm TEXT;
DROP TRIGGER calls_numbers_insert;
DROP TRIGGER calls_numbers_update;
CREATE TRIGGER calls_numbers_insert AFTER INSERT ON calls BEGIN INSERT INTO calls_numbers(rowid, numbers) VALUES (new.id, new.caller || ' ' || new.callee || ' ' || new.dialled || ' ' || COALESCE(new.numbers_norm, '')); END;
CREATE TRIGGER calls_numbers_update AFTER UPDATE OF caller, callee, dialled, numbers_norm ON calls BEGIN UPDATE calls_numbers SET numbers = new.caller || ' ' || new.callee || ' ' || new.dialled || ' ' || COALESCE(new.numbers_norm, '') WHERE rowid = new.id; END;
CREATE INDEX calls_unnormalised ON calls(vault_id) WHERE numbers_norm IS NULL;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
)SQL",
    // 8: a person's note on a recording (vault/annotations.h), in its own table so the recorder's whole-row
    // updates never touch it; searched per vault.
    R"SQL(
CREATE TABLE annotations(
  call_id INTEGER PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
  vault_id INTEGER,
  text TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX annotations_vault ON annotations(vault_id);
)SQL",
    // 9: tamper evidence (vault/hashchain.h): each vault's finished recordings in an append-only hash chain, the
    // agent's signatures over its heads, and the audit log chained row by row. Recordings finished before this
    // migration (id <= chain_epoch) are not in the chain; verify counts them apart.
    R"SQL(
CREATE TABLE chain(
  vault_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  call_id INTEGER NOT NULL UNIQUE,
  at INTEGER NOT NULL,
  file_sha256 BLOB NOT NULL,
  meta_sha256 BLOB NOT NULL,
  prev BLOB NOT NULL,
  hash BLOB NOT NULL,
  PRIMARY KEY(vault_id, seq)
);
CREATE TRIGGER chain_append_only_update BEFORE UPDATE ON chain BEGIN SELECT RAISE(ABORT, 'the chain is append-only'); END;
CREATE TRIGGER chain_append_only_delete BEFORE DELETE ON chain BEGIN SELECT RAISE(ABORT, 'the chain is append-only'); END;
CREATE TABLE chain_signatures(
  vault_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  hash BLOB NOT NULL,
  at INTEGER NOT NULL,
  public_key BLOB NOT NULL,
  signature BLOB NOT NULL,
  PRIMARY KEY(vault_id, seq)
);
CREATE TABLE evidence(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO evidence(key, value) VALUES ('chain_epoch', (SELECT COALESCE(MAX(id), 0) FROM calls WHERE state <> 'recording'));
ALTER TABLE audit ADD COLUMN prev BLOB;
ALTER TABLE audit ADD COLUMN hash BLOB;
)SQL",
    // 10: encryption at rest (vault/vaultkeyring.h): what each vault asks for, and its key pairs. An agent-held
    // secret is stored wrapped by the master key file; a customer-held one is never stored, only its public half
    // and the backup the customer's recovery phrase opens.
    R"SQL(
CREATE TABLE vault_encryption(
  vault_id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK(mode IN ('off', 'agent', 'customer')),
  changed_at INTEGER NOT NULL,
  changed_by TEXT NOT NULL
);
CREATE TABLE vault_keys(
  key_id BLOB PRIMARY KEY,
  vault_id INTEGER NOT NULL,
  holder TEXT NOT NULL CHECK(holder IN ('agent', 'customer')),
  public_key BLOB NOT NULL,
  wrapped_secret BLOB,
  recovery TEXT,
  created_at INTEGER NOT NULL,
  retired_at INTEGER
);
CREATE INDEX vault_keys_vault ON vault_keys(vault_id, created_at);
)SQL",
};

} // namespace vv::agent
