#include "apphost.h"

#include <QStandardPaths>

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

} // namespace vv::apptest
