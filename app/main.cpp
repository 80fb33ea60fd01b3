// vipvault: the desktop app. Thin on purpose: everything lives in vipvault_appcore and vipvault_ui, which the GUI
// tests drive directly.
#include "customerdirectory.h"
#include "customermodel.h"
#include "keychaincredentialstore.h"
#include "mainwindow.h"
#include "prompts.h"
#include "serveraccess.h"
#include "serverconnections.h"
#include "signindialog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("VIP Vault"));
    QApplication::setApplicationName(QStringLiteral("vipvault"));
    QApplication::setApplicationDisplayName(QStringLiteral("VIP Vault"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/vipvault.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("VIP Vault: call recording for VoIP resellers and their customers"));
    parser.addHelpOption();
    const QCommandLineOption directoryOption(
        QStringLiteral("directory"), QStringLiteral("Customer directory file (default: the user's data folder)."),
        QStringLiteral("FILE"));
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("Agent URL to sign in to."),
                                          QStringLiteral("URL"));
    const QCommandLineOption userOption(QStringLiteral("username"), QStringLiteral("Username to sign in with."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption customerOption(QStringLiteral("customer"), QStringLiteral("Sign in as a customer."));
    const QCommandLineOption passwordOption(
        QStringLiteral("password-stdin"), QStringLiteral("Read the password from standard input and sign in at once."));
    const QCommandLineOption trustOption(
        QStringLiteral("trust"), QStringLiteral("Trust this certificate SHA-256 for the server (a local demo agent)."),
        QStringLiteral("SHA256"));
    parser.addOptions({directoryOption, serverOption, userOption, customerOption, passwordOption, trustOption});
    parser.process(app);

    vv::app::CustomerDirectory directory;
    QString error;
    const QString path =
        parser.isSet(directoryOption) ? parser.value(directoryOption) : vv::app::CustomerDirectory::defaultPath();
    if (!directory.open(path, &error)) {
        vv::ui::Prompts::ask(nullptr, vv::ui::Prompts::Kind::Warning, QStringLiteral("VIP Vault"), error);
        return 1;
    }
    vv::app::KeychainCredentialStore credentials;
    vv::app::ServerConnections connections(&directory);
    vv::ui::ServerAccess access(&connections, &credentials);
    vv::app::CustomerModel customers(&directory);
    const vv::ui::AppContext context{&directory, &customers, &credentials, &connections, &access};

    if (parser.isSet(trustOption) && parser.isSet(serverOption) && parser.isSet(userOption)) {
        vv::app::Server s{
            0, parser.value(serverOption), parser.value(userOption), parser.value(trustOption).toUpper(), {}};
        if (auto known = directory.findServer(s.url, s.username))
            s.label = known->label;
        directory.saveServer(&s);
    }

    vv::ui::SignInDialog signIn(&directory, &credentials);
    signIn.setMode(parser.isSet(customerOption) ? vv::ui::SignInDialog::Mode::Customer
                                                : vv::ui::SignInDialog::Mode::Reseller);
    if (parser.isSet(serverOption))
        signIn.setServer(parser.value(serverOption), parser.value(userOption));
    if (parser.isSet(passwordOption)) {
        QTextStream in(stdin);
        signIn.setPassword(in.readLine());
        QMetaObject::invokeMethod(&signIn, &vv::ui::SignInDialog::submit, Qt::QueuedConnection);
    }
    if (signIn.exec() != QDialog::Accepted)
        return 0;

    vv::ui::MainWindow window(context);
    if (signIn.mode() == vv::ui::SignInDialog::Mode::Customer)
        window.showCustomerRecordings(signIn.takeClient(), signIn.customerVaultId());
    else
        connections.adopt(signIn.server().id, signIn.takeClient());
    window.show();
    return app.exec();
}
