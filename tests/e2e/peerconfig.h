// Configuration files of the real-peer network: kamailio as registrar and record-routing proxy, and one baresip per
// extension or carrier (G.711 only, playing its speech file through aufile, driven over ctrl_tcp).
#pragma once

#include <QString>

namespace vv::e2e {

inline const char *const kBaresipModules = "/usr/lib/baresip/modules";
constexpr quint16 kCtrlTcpPort = 4444;

// The directory holding kamailio's tm.so, or "" when kamailio's modules are not installed.
QString findKamailioModules();

// REGISTER saves to memory; INVITE to 2xx/3xx goes to the registered contact; ring groups 600 (202 + 203) and 601
// (202 + 201) fork in parallel; hunt group 700 rings 202 for 3 s, then 201; 204 goes to the second PBX, whose 302
// is followed; +numbers to carrier B (10.77.0.51), 9... to carrier C (SRTP, .52), 8... to carrier D (DTLS-SRTP,
// .53), other numbers to carrier A (10.77.0.50). record_route() keeps the proxy in the dialog.
bool writeKamailioConfig(const QString &path, const QString &modulesDir);
// The second PBX: answers every INVITE with 302 Moved Temporarily to sip:203@10.77.0.1.
bool writeRedirectConfig(const QString &path, const QString &modulesDir);

struct BaresipAccount
{
    QString number;
    QString address;        // where it listens
    QString wavPath;        // what it plays
    bool carrier = false;   // trunks register nowhere
    bool autoAnswer = true; // manual: rings until the test sends "accept"
    QString mediaenc;       // "srtp-mand" (SDES), "dtls_srtp", or "" for plain RTP
};
// Writes <confDir>/config and <confDir>/accounts.
bool writeBaresipConfig(const QString &confDir, const BaresipAccount &account);

} // namespace vv::e2e
