#pragma once
// The agent's configuration file: an INI-style text with [agent] and
// [vault NAME] sections (see recorder-agent/agent.conf.sample). Parsed by hand
// because QSettings silently reinterprets commas and backslashes, which would
// corrupt extension lists and regular expressions.
#include "config/alertsconfig.h"
#include "config/extensionmatcher.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace vv::agent {

struct VaultConfig
{
    QString name;
    bool enabled = true;
    ExtensionMatcher extensions;
    QStringList excluded;
    QStringList domains; // optional: SIP hosts that belong to this vault
    QString extensionList;
    QString extensionPattern;
    std::optional<qint64> capBytes; // nullopt: grow indefinitely
    std::optional<int> retentionMonths;
    int pricePence = 100;                  // per GB-month
    std::optional<QString> countryCode;    // numbering plan; unset: the [agent] one
    std::optional<QString> nationalPrefix; // unset: the [agent] one
    std::optional<QString> encryption;     // off / agent / customer (vault/vaultkeyring.h); unset: as the API set it
    QMap<QString, QString> rawKeys;        // keys as written, to tell which ones the file sets
};

// "5GB", "500 MB", "1.5 GiB", "1000000" -> bytes (decimal units: GB = 10^9). nullopt on garbage.
std::optional<qint64> parseByteSize(const QString &text);

struct AgentConfig
{
    QString interface = QStringLiteral("any");
    std::vector<quint16> sipPorts{5060};
    QString dataDir;
    int jitterMs = 120;         // how long audio waits for late/reordered packets
    int callIdleTimeoutS = 120; // a call with no SIP or RTP for this long is ended
    int captureQueuePackets = 65536;
    qint64 reserveFreeBytes = 1'000'000'000; // keep this much free on the data filesystem
    bool encodeSilence = false;              // true: run the encoder on silent frames too (slower, same audio)
    QString countryCode;                     // numbering plan of the numbers seen ("44"); '' = unknown
    QString nationalPrefix = QStringLiteral("0");
    std::vector<VaultConfig> vaults;

    // [api]: the HTTPS REST API (served by `run`).
    QString apiListen;      // "host:port"; empty or "off" = no API
    QString apiCertificate; // PEM; empty = self-signed under data_dir/tls
    QString apiKey;
    bool apiPlainHttp = false; // only allowed on a loopback address
    int apiSessionHours = 12;
    int apiIdleMinutes = 60;
    int apiThreads = 8;                    // request handlers (connections need no thread)
    int apiMaxConnections = 4096;          // open at once, all clients
    int apiMaxConnectionsPerAddress = 256; // open at once from one client address

    // [alerts], [smtp], [cdr]: health events, e-mail, PBX call records (config/alertsconfig.h).
    AlertsConfig alerts;

    // Returns false with a message naming file and line on any error.
    static bool load(const QString &path, AgentConfig *out, QString *error);
    static bool parse(const QString &text, const QString &origin, AgentConfig *out, QString *error);
};

} // namespace vv::agent
