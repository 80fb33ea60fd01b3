#pragma once
// The app's start-up, shared by `vipvault` and the demo launcher (app/demo): command line, customer directory,
// keychain, sign-in dialog, then the main window as reseller or customer. A launcher adds its own options and is
// told when a reseller has signed in.
#include "appcontext.h"

#include <QtGlobal>
#include <functional>

class QCommandLineParser;

class QCoreApplication;

namespace vv::net {
class AgentClient;
}

namespace vv::ui {

class MainWindow;

struct LaunchHooks
{
    std::function<void(QCommandLineParser &)> addOptions;
    // After a reseller signed in to serverId, with the window about to show.
    std::function<void(const QCommandLineParser &, const AppContext &, qint64 serverId, vv::net::AgentClient *,
                       MainWindow *)>
        resellerSignedIn;
};

int runVipVault(int argc, char *argv[], const LaunchHooks &hooks = {});
// The app's translations (English plural forms, and the system language's when there is one); false when the
// English plurals are missing from the build.
bool installTranslations(QCoreApplication *app);

} // namespace vv::ui
