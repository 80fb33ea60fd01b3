#pragma once
// What every page of the reseller's window shares; owned by MainWindow (or by a test).
namespace vv::app {
class CustomerDirectory;
class CustomerModel;
class CredentialStore;
class ServerConnections;
} // namespace vv::app

namespace vv::ui {

class ServerAccess;

struct AppContext
{
    vv::app::CustomerDirectory *directory = nullptr;
    vv::app::CustomerModel *customers = nullptr;
    vv::app::CredentialStore *credentials = nullptr;
    vv::app::ServerConnections *connections = nullptr;
    ServerAccess *access = nullptr;
};

} // namespace vv::ui
