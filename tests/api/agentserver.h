// A real vipvault-agent serving its HTTPS API for the API tests: a temporary data folder, a configuration with
// two vaults (acme 200-299, beta 300-399), a generated capture holding calls of both vaults, the reseller made
// with `vipvault-agent user add`, then `vipvault-agent run --replay` until its {"event":"ready"} line, then the
// customers made through the API. The tests judge the API against two independent truths: the calls this harness
// generated, and the catalogue and audio files the agent left in the data folder.
#pragma once

#include "vault/catalogue.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>
#include <optional>

namespace vv::apitest {

// A call this harness put into the capture, with what the agent has to make of it.
struct PlannedCall
{
    QString callId;
    QString vault;     // "acme" or "beta"
    QString direction; // inbound, outbound, internal
    QString extension; // the vault extension (the caller's for internal calls)
    QString caller;
    QString callee;
    bool recorded = true;
    double inviteTime = 0; // seconds since the epoch
    int durationMs = 0;    // answer to BYE, 0 when not answered
};

// One row of the agent's catalogue, read directly from SQLite (read-only, WAL lets us read while it runs) through
// the agent's own column mapping, so the harness cannot disagree with the agent about what a column holds.
using CatalogueCall = vv::agent::CallRow;

class AgentServer
{
public:
    struct Options
    {
        bool debugLogging = false; // QT_LOGGING_RULES=vipvault.*.debug=true, so log checks see everything
        QString extraAgentLines;   // appended to [agent]
        QString extraApiLines;     // appended to [api]
        QString extraSections;     // whole sections after the vaults ([alerts], [smtp], ...)
        QString extraAcmeLines;    // appended to [vault acme] (e.g. "encryption = agent")
        QString interface = QStringLiteral("none"); // "lo" captures live (root); a missing one reports capture down
    };

    AgentServer();
    explicit AgentServer(const Options &options);
    ~AgentServer();
    AgentServer(const AgentServer &) = delete;
    AgentServer &operator=(const AgentServer &) = delete;

    // Everything up to the ready line; false with error() on any failure.
    bool start();
    // SIGTERM; true when the agent exits 0 in time (error() otherwise).
    bool stop();
    // SIGKILL, as a crash or power loss would; then `restart` runs it again on the same data (no replay).
    bool killHard();
    bool restart();
    bool isRunning() const;
    QString error() const { return m_error; }

    QUrl baseUrl() const { return m_baseUrl; }
    QString host() const { return m_baseUrl.host(); }
    quint16 port() const { return quint16(m_baseUrl.port()); }
    QString certificateSha256() const { return m_certificateSha256; }
    QJsonObject readyLine() const { return m_ready; }
    QString dataDir() const;
    QString configPath() const { return m_configPath; }

    // All the agent wrote to stderr / stdout so far.
    QString standardError();
    QByteArray standardOutput();

    const QList<PlannedCall> &calls() const { return m_calls; }
    QList<PlannedCall> callsOf(const QString &vault) const;
    const PlannedCall *planned(const QString &callId) const;

    // Users: admin (reseller, made with `user add` before start), alice (customer of acme) and bob (customer of
    // beta), made through the API once it listens.
    QString password(const QString &username) const { return m_passwords.value(username); }
    QStringList passwords() const { return m_passwords.values(); }
    // A fresh random password (>= 10 characters), remembered for the no-secrets-in-logs checks.
    QString newPassword(const QString &purpose);

    QList<CatalogueCall> catalogue(const QString &vault, QString *error = nullptr) const;
    std::optional<CatalogueCall> catalogueCall(qint64 id, QString *error = nullptr) const;
    QString absolutePath(const QString &relativeFile) const;

    // `vipvault-agent ARGS` with `input` on stdin; exit code, or -1 when it did not run.
    int runCli(const QStringList &args, const QByteArray &input, QByteArray *out = nullptr, QByteArray *err = nullptr);

private:
    bool launch(const QStringList &extraArgs);
    bool generateCapture(QString *error);
    bool addUser(const QString &username, const QString &role, const QString &vault, QString *error);
    bool addCustomer(const QString &username, const QString &vault, QString *error);
    void drain();

    Options m_options;
    QTemporaryDir m_dir;
    QString m_configPath;
    QString m_capturePath;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    QUrl m_baseUrl;
    QString m_certificateSha256;
    QJsonObject m_ready;
    QList<PlannedCall> m_calls;
    QMap<QString, QString> m_passwords;
    QString m_error;
};

QString agentBinaryPath();

} // namespace vv::apitest
