// What a GUI test of the app starts from: the app's parts wired as the launcher wires them (customer directory in
// a temporary folder, an in-memory credential store, server connections and access, the customer model), and the
// app's questions (Prompts) recorded and answered by `answer` instead of shown. Shared by tst_appgui,
// tst_appaccount and the benchmarks that drive the widgets.
#pragma once

#include "appcontext.h"
#include "credentialstore.h"
#include "customerdirectory.h"
#include "customermodel.h"
#include "mainwindow.h"
#include "prompts.h"
#include "serveraccess.h"
#include "serverconnections.h"

#include <QTemporaryDir>
#include <memory>

namespace vv::apptest {

struct AppHost
{
    QTemporaryDir dir;
    app::CustomerDirectory directory;
    app::MemoryCredentialStore credentials;
    std::unique_ptr<app::ServerConnections> connections;
    std::unique_ptr<ui::ServerAccess> access;
    std::unique_ptr<app::CustomerModel> customers;
    QList<std::pair<ui::Prompts::Kind, QString>> prompts; // every question the app asked, in order
    bool answer = true;                                   // how the recorded questions are answered

    AppHost() = default;
    AppHost(const AppHost &) = delete;
    ~AppHost();
    // "" when the directory opened and everything is wired; `customers` are added to the directory first.
    QString open(QList<app::Customer> customers = {});
    ui::AppContext context();
    std::unique_ptr<ui::MainWindow> makeWindow();
};

// scripts/screenshots.sh sets VIPVAULT_SCREENSHOTS=DIR: saves `w` there as NAME.png. "" when saved or not asked
// for, else why not.
QString saveScreenshot(QWidget *w, const char *name);

// The child of `root` with this objectName, warning (for the failing test's log) when there is none.
template<typename T> T *find(QObject *root, const char *name)
{
    T *w = root ? root->findChild<T *>(QString::fromLatin1(name)) : nullptr;
    if (!w)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return w;
}

} // namespace vv::apptest
