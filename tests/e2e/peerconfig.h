// Configuration files of the real-peer network: kamailio as registrar and record-routing proxy, and one baresip per
// extension or carrier (G.711 only, playing its speech file through aufile, driven over ctrl_tcp).
#pragma once

#include <QString>

namespace vv::e2e {

inline const char *const kBaresipModules = "/usr/lib/baresip/modules";
constexpr quint16 kCtrlTcpPort = 4444;

// The directory holding kamailio's tm.so, or "" when kamailio's modules are not installed.
QString findKamailioModules();

// REGISTER saves to memory; INVITE to 2xx goes to the registered contact, +numbers to carrier B (10.77.0.51),
// other numbers to carrier A (10.77.0.50). record_route() keeps the proxy in the dialog.
bool writeKamailioConfig(const QString &path, const QString &modulesDir);

struct BaresipAccount
{
    QString number;
    QString address;        // where it listens
    QString wavPath;        // what it plays
    bool carrier = false;   // trunks register nowhere
    bool autoAnswer = true; // manual: rings until the test sends "accept"
};
// Writes <confDir>/config and <confDir>/accounts.
bool writeBaresipConfig(const QString &confDir, const BaresipAccount &account);

} // namespace vv::e2e
