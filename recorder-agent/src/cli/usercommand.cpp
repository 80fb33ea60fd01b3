#include "api/apiserver.h"
#include "api/secrets.h"
#include "api/userstore.h"
#include "cli/agentcontext.h"
#include "cli/commands.h"
#include "vault/catalogue.h"

#include <QDateTime>
#include <QFileInfo>
#include <QRegularExpression>
#include <cstdio>
#include <iostream>
#include <string>

namespace vv::agent {

// `user add`: creates a user, reading the password from standard input so it
// never appears in the process list or the shell history.
int userCommand(const QStringList &argsIn)
{
    if (argsIn.isEmpty() || argsIn.first() != u"add") {
        std::fprintf(stderr, "usage: vipvault-agent user add --config FILE [--data-dir DIR] --username NAME "
                             "--role reseller|customer [--vault NAME]  (password on standard input)\n");
        return 2;
    }
    QStringList args = argsIn.mid(1);
    QString username;
    QString role;
    QString vaultName;
    QStringList rest;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == u"--username" && i + 1 < args.size())
            username = args[++i];
        else if (args[i] == u"--role" && i + 1 < args.size())
            role = args[++i];
        else if (args[i] == u"--vault" && i + 1 < args.size())
            vaultName = args[++i];
        else
            rest << args[i];
    }
    AgentConfig config;
    QString error;
    if (!loadConfigFromArgs(&rest, &config, &error)) {
        std::fprintf(stderr, "vipvault-agent user: %s\n", qPrintable(error));
        return 2;
    }
    static const QRegularExpression valid(QStringLiteral("\\A[A-Za-z0-9._@-]{3,64}\\z"));
    if (!valid.match(username).hasMatch() || (role != u"reseller" && role != u"customer") ||
        (role == u"customer") == vaultName.isEmpty()) {
        std::fprintf(stderr, "vipvault-agent user: need --username (3-64 of A-Z a-z 0-9 . _ @ -), --role reseller or "
                             "customer, and --vault NAME for (and only for) a customer\n");
        return 2;
    }
    std::string line;
    std::getline(std::cin, line);
    const QString password = QString::fromStdString(line).trimmed();
    if (password.size() < 10) {
        std::fprintf(stderr, "vipvault-agent user: the password (on standard input) needs at least 10 characters\n");
        return 2;
    }
    if (!initSecrets()) {
        std::fprintf(stderr, "vipvault-agent user: libsodium failed to start\n");
        return 1;
    }
    Catalogue catalogue(QStringLiteral("user-cli"));
    if (!catalogue.open(cataloguePath(config.dataDir), &error)) {
        std::fprintf(stderr, "vipvault-agent user: %s\n", qPrintable(error));
        return 1;
    }
    UserRecord user;
    user.username = username;
    user.role = role;
    if (!vaultName.isEmpty()) {
        const auto v = catalogue.vaultByName(vaultName);
        if (!v) {
            std::fprintf(stderr,
                         "vipvault-agent user: no vault named %s (vaults are created when the agent first "
                         "starts with the config, or through the API)\n",
                         qPrintable(vaultName));
            return 1;
        }
        user.vaultId = v->id;
    }
    UserStore users(cataloguePath(config.dataDir), 12, 60);
    if (!users.createUser(&user, password, &error)) {
        std::fprintf(stderr, "vipvault-agent user: %s\n", qPrintable(error));
        return 1;
    }
    AuditEntry e;
    e.at = users.now();
    e.username = QStringLiteral("(command line)");
    e.address = QStringLiteral("local");
    e.action = QStringLiteral("user_created");
    e.vaultId = user.vaultId;
    e.detail.insert(QStringLiteral("username"), user.username);
    e.detail.insert(QStringLiteral("role"), user.role);
    users.audit(e);
    std::printf("created %s user %s\n", qPrintable(role), qPrintable(username));
    return 0;
}

int routesCommand(const QStringList &)
{
    for (const Route &r : apiRoutes())
        std::printf("%s %s\n", qPrintable(r.method), qPrintable(r.path));
    return 0;
}

} // namespace vv::agent
