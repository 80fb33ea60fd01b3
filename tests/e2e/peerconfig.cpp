#include "peerconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace vv::e2e {

QString findKamailioModules()
{
    for (const QString &dir :
         {QStringLiteral("/usr/lib/x86_64-linux-gnu/kamailio/modules"),
          QStringLiteral("/usr/lib/aarch64-linux-gnu/kamailio/modules"), QStringLiteral("/usr/lib/kamailio/modules"),
          QStringLiteral("/usr/lib64/kamailio/modules")})
        if (QFileInfo::exists(dir + "/tm.so"))
            return dir;
    return {};
}

bool writeKamailioConfig(const QString &path, const QString &modulesDir)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(QString(R"(#!KAMAILIO
debug=2
log_stderror=yes
children=2
disable_tcp=yes
disable_sctp=yes
auto_aliases=no
listen=udp:10.77.0.1:5060
alias="10.77.0.1"
mpath="%1/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
modparam("usrloc", "db_mode", 0)
request_route {
    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
    if (has_totag()) {
        if (loose_route()) { t_relay(); exit; }
        if (is_method("ACK")) { if (t_check_trans()) t_relay(); exit; }
        sl_send_reply("404", "Not here"); exit;
    }
    if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
    t_check_trans();
    if (is_method("REGISTER")) { save("location"); exit; }
    if (!is_method("INVITE")) { sl_send_reply("405", "Method Not Allowed"); exit; }
    record_route();
    if ($rU =~ "^2[0-9][0-9]$") {
        if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
        t_relay(); exit;
    }
    if ($rU =~ "^\+") { $du = "sip:10.77.0.51:5060"; } else { $du = "sip:10.77.0.50:5060"; }
    t_relay();
}
)")
                .arg(modulesDir)
                .toUtf8());
    return true;
}

bool writeBaresipConfig(const QString &confDir, const BaresipAccount &account)
{
    QDir().mkpath(confDir);
    QFile c(confDir + "/config");
    if (!c.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    c.write(QString("poll_method epoll\n"
                    "sip_listen %1:5060\n"
                    "call_local_timeout 120\n"
                    "call_max_calls 4\n"
                    "audio_player aufile,/dev/null\n"
                    "audio_alert aufile,/dev/null\n"
                    "audio_source aufile,%2\n"
                    "ausrc_format s16\nauplay_format s16\n"
                    "audio_buffer 20-160\n"
                    "jitter_buffer_delay 1-5\n"
                    "rtp_ports 40000-40999\n"
                    "module_path %3\n"
                    "module g711.so\nmodule aufile.so\nmodule ctrl_tcp.so\n"
                    "module_tmp account.so\nmodule_app menu.so\n"
                    "ctrl_tcp_listen 127.0.0.1:4444\n")
                .arg(account.address, account.wavPath, kBaresipModules)
                .toUtf8());
    c.close();
    QFile a(confDir + "/accounts");
    if (!a.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    a.write(QString("<sip:%1@%2>;regint=%3;answermode=%4;audio_codecs=PCMU,PCMA\n")
                .arg(account.number, account.carrier ? account.address : "10.77.0.1", account.carrier ? "0" : "3600",
                     account.autoAnswer ? "auto" : "manual")
                .toUtf8());
    return true;
}

} // namespace vv::e2e
