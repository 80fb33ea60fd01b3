// vipvault-demo: the app as scripts/run.sh opens it, plus --demo-customer, which puts one customer bound to the
// demo agent's vault into the directory after the reseller signs in. Built beside the app, never installed: the
// product itself has no demo data in it.
#include "demoseed.h"
#include "launcher.h"
#include "mainwindow.h"

#include <QCommandLineParser>
#include <cstdio>

int main(int argc, char *argv[])
{
    const QCommandLineOption customerOption(
        QStringLiteral("demo-customer"),
        QStringLiteral("After signing in as a reseller, add customer NAME (unless present) bound to the demo vault."),
        QStringLiteral("NAME"));
    const QCommandLineOption vaultOption(QStringLiteral("demo-vault"),
                                         QStringLiteral("The vault --demo-customer is bound to (default: demo)."),
                                         QStringLiteral("VAULT"), QStringLiteral("demo"));
    vv::ui::LaunchHooks hooks;
    hooks.addOptions = [&](QCommandLineParser &parser) { parser.addOptions({customerOption, vaultOption}); };
    hooks.resellerSignedIn = [&](const QCommandLineParser &parser, const vv::ui::AppContext &context, qint64 serverId,
                                 vv::net::AgentClient *client, vv::ui::MainWindow *window) {
        if (!parser.isSet(customerOption))
            return;
        vv::ui::seedDemoCustomer(context, serverId, client, parser.value(customerOption), parser.value(vaultOption),
                                 window, [](const vv::ui::DemoSeedResult &r) {
                                     std::fprintf(stderr, "vipvault-demo: %s\n", qPrintable(r.message));
                                 });
    };
    return vv::ui::runVipVault(argc, argv, hooks);
}
