#include "apphost.h"

#include <QDir>
#include <QStandardPaths>
#include <QTest>

namespace vv::apptest {

AppHost::~AppHost()
{
    ui::Prompts::setHandler(nullptr);
}

QString AppHost::open(QList<app::Customer> initial)
{
    QStandardPaths::setTestModeEnabled(true);
    QString error;
    if (!dir.isValid())
        return QStringLiteral("no temporary folder");
    if (!directory.open(dir.filePath(QStringLiteral("directory.sqlite")), &error))
        return error;
    if (!initial.isEmpty() && !directory.addCustomers(&initial))
        return QStringLiteral("customers not added: ") + directory.lastError();
    connections = std::make_unique<app::ServerConnections>(&directory);
    access = std::make_unique<ui::ServerAccess>(connections.get(), &credentials);
    customers = std::make_unique<app::CustomerModel>(&directory);
    ui::Prompts::setHandler([this](ui::Prompts::Kind kind, const QString &, const QString &text) {
        prompts.append({kind, text});
        return answer;
    });
    return {};
}

ui::AppContext AppHost::context()
{
    return ui::AppContext{&directory, customers.get(), &credentials, connections.get(), access.get()};
}

std::unique_ptr<ui::MainWindow> AppHost::makeWindow()
{
    return std::make_unique<ui::MainWindow>(context());
}

QString saveScreenshot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("VIPVAULT_SCREENSHOTS");
    if (dir.isEmpty())
        return {};
    QDir().mkpath(dir);
    QTest::qWait(200); // let pending answers paint
    const QString path = QDir(dir).filePath(QString::fromLatin1(name) + QStringLiteral(".png"));
    return w->grab().save(path) ? QString() : QStringLiteral("cannot save %1").arg(path);
}

} // namespace vv::apptest
