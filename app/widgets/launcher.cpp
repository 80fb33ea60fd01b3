#include "launcher.h"

#include "agentclient.h"
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
#include <QElapsedTimer>
#include <QEvent>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <QWidget>
#include <cstdio>
#include <future>

namespace vv::ui {

namespace {

// --print-ready: one JSON line on stdout once a window has painted for the first time, i.e. the moment a person
// can use it. Benchmarks and scripts wait for this line instead of guessing with sleeps.
class ReadyReporter : public QObject
{
public:
    ReadyReporter(QWidget *window, QString name, const QElapsedTimer *sinceStart)
        : QObject(window)
        , m_name(std::move(name))
        , m_sinceStart(sinceStart)
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_reported) {
            m_reported = true;
            // Queued: the paint this event starts must finish (and reach the backing store) before we say "ready".
            QTimer::singleShot(0, this, [this] {
                const QJsonObject line{{QStringLiteral("event"), QStringLiteral("ready")},
                                       {QStringLiteral("window"), m_name},
                                       {QStringLiteral("ms"), m_sinceStart->elapsed()}};
                std::fputs(QJsonDocument(line).toJson(QJsonDocument::Compact).append('\n').constData(), stdout);
                std::fflush(stdout);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QString m_name;
    const QElapsedTimer *m_sinceStart;
    bool m_reported = false;
};

} // namespace

bool installTranslations(QCoreApplication *app)
{
    // English plural forms first (the source strings say "recording(s)"); a translation for the system's
    // language, when the build has one, is installed after it and so is searched first.
    static QTranslator english;
    static QTranslator local;
    const bool ok = english.load(QStringLiteral(":/i18n/vipvault_en.qm"));
    if (ok)
        app->installTranslator(&english);
    if (QLocale::system().language() != QLocale::English &&
        local.load(QLocale::system(), QStringLiteral("vipvault"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app->installTranslator(&local);
    return ok;
}

int runVipVault(int argc, char *argv[], const LaunchHooks &hooks)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("VIP Vault"));
    QApplication::setApplicationName(QStringLiteral("vipvault"));
    QApplication::setApplicationDisplayName(QStringLiteral("VIP Vault"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/vipvault.svg")));
    // Matches resources/linux/vipvault.desktop: Wayland compositors use it as the app id to find the launcher's
    // name and icon for the window.
    QGuiApplication::setDesktopFileName(QStringLiteral("vipvault"));
    installTranslations(&app);

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
    const QCommandLineOption readyOption(
        QStringLiteral("print-ready"),
        QStringLiteral("Print {\"event\":\"ready\",...} on standard output once each window has first painted."));
    parser.addOptions(
        {directoryOption, serverOption, userOption, customerOption, passwordOption, trustOption, readyOption});
    parser.addPositionalArgument(QStringLiteral("invitation"),
                                 QStringLiteral("An invitation file from your reseller (.vipvault-invite)."),
                                 QStringLiteral("[invitation]"));
    if (hooks.addOptions)
        hooks.addOptions(parser);
    parser.process(app);

    vv::app::CustomerDirectory directory;
    QString error;
    const QString path =
        parser.isSet(directoryOption) ? parser.value(directoryOption) : vv::app::CustomerDirectory::defaultPath();
    if (!directory.open(path, &error)) {
        Prompts::ask(nullptr, Prompts::Kind::Warning, QStringLiteral("VIP Vault"), error);
        return 1;
    }
    // The customers are read on a worker thread while the sign-in dialog is up: with 100,000 of them that is half
    // a second the dialog would otherwise wait for (docs/benchmarks.md, bench_app).
    std::future<vv::app::CustomerModel::Preloaded> preloaded =
        std::async(std::launch::async, [path] { return vv::app::CustomerModel::preload(path); });
    vv::app::KeychainCredentialStore credentials;
    vv::app::ServerConnections connections(&directory);
    ServerAccess access(&connections, &credentials);

    if (parser.isSet(trustOption) && parser.isSet(serverOption) && parser.isSet(userOption)) {
        vv::app::Server s{
            0, parser.value(serverOption), parser.value(userOption), parser.value(trustOption).toUpper(), {}};
        if (auto known = directory.findServer(s.url, s.username))
            s.label = known->label;
        directory.saveServer(&s);
    }

    SignInDialog signIn(&directory, &credentials);
    if (parser.isSet(customerOption)) // otherwise the role of the last sign-in, or Reseller
        signIn.setMode(SignInDialog::Mode::Customer);
    if (parser.isSet(serverOption))
        signIn.setServer(parser.value(serverOption), parser.value(userOption));
    if (!parser.positionalArguments().isEmpty()) // opened with an invitation (a double-click on the file)
        signIn.applyInvitationFile(parser.positionalArguments().constFirst());
    if (parser.isSet(readyOption))
        new ReadyReporter(&signIn, QStringLiteral("sign-in"), &sinceStart);
    if (parser.isSet(passwordOption)) {
        QTextStream in(stdin);
        signIn.setPassword(in.readLine());
        QMetaObject::invokeMethod(&signIn, &SignInDialog::submit, Qt::QueuedConnection);
    }
    if (signIn.exec() != QDialog::Accepted)
        return 0;

    vv::app::CustomerModel customers(&directory, preloaded.get());
    const AppContext context{&directory, &customers, &credentials, &connections, &access};
    MainWindow window(context);
    if (parser.isSet(readyOption))
        new ReadyReporter(&window, QStringLiteral("main"), &sinceStart);
    if (signIn.mode() == SignInDialog::Mode::Customer) {
        vv::net::AgentClient *client = signIn.takeClient();
        window.showCustomerRecordings(client, signIn.customerVaultId());
        window.setAccount(signIn.server(), client);
    } else {
        const qint64 serverId = signIn.server().id;
        vv::net::AgentClient *client = signIn.takeClient();
        connections.adopt(serverId, client);
        window.setAccount(signIn.server(), client);
        if (hooks.resellerSignedIn)
            hooks.resellerSignedIn(parser, context, serverId, client, &window);
    }
    // Signing out shows the sign-in dialog again; closing it without signing in ends the app.
    QObject::connect(&window, &MainWindow::signInAbandoned, &app, &QCoreApplication::quit);
    window.show();
    return app.exec();
}

} // namespace vv::ui
