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

namespace {

// What both proxies share: UDP only on one address, logs to stderr, modules from the system's folder.
QString kamailioGlobals(const QString &address, int children, const QString &modulesDir)
{
    return QString("#!KAMAILIO\ndebug=2\nlog_stderror=yes\nchildren=%1\ndisable_tcp=yes\ndisable_sctp=yes\n"
                   "auto_aliases=no\nlisten=udp:%2:5060\nalias=\"%2\"\nmpath=\"%3/\"\n")
        .arg(children)
        .arg(address, modulesDir);
}

} // namespace

bool writeKamailioConfig(const QString &path, const QString &modulesDir)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(kamailioGlobals("10.77.0.1", 2, modulesDir).toUtf8());
    f.write(QString(R"(
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "acc.so"
loadmodule "uac_redirect.so"
loadmodule "corex.so"
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
    # Ring group 600: 202 and 203 at once; 601: 202 and 201. The first to answer takes the call, the proxy
    # cancels the other branch.
    if ($rU == "600" || $rU == "601") {
        if ($rU == "600") { $var(second) = "203"; } else { $var(second) = "201"; }
        $ru = "sip:202@10.77.0.1";
        if (lookup("location")) append_branch();
        $ru = "sip:" + $var(second) + "@10.77.0.1";
        if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
        t_relay(); exit;
    }
    # Hunt group 700: 202 for 3 s, then 201.
    if ($rU == "700") {
        $ru = "sip:202@10.77.0.1";
        if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
        t_set_fr(3000);
        t_on_failure("HUNT");
        t_relay(); exit;
    }
    # 204 lives on the second PBX, which forwards it (302); the redirect is followed.
    if ($rU == "204") {
        $du = "sip:10.77.0.2:5060";
        t_on_failure("REDIRECT");
        t_relay(); exit;
    }
    if ($rU =~ "^[23][0-9][0-9]$") {
        if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
        t_relay(); exit;
    }
    if ($rU =~ "^\+") { $du = "sip:10.77.0.51:5060"; }
    else if ($rU =~ "^9") { $du = "sip:10.77.0.52:5060"; }
    else if ($rU =~ "^8") { $du = "sip:10.77.0.53:5060"; }
    else { $du = "sip:10.77.0.50:5060"; }
    t_relay();
}
failure_route[HUNT] {
    if (t_is_canceled()) exit;
    $ru = "sip:201@10.77.0.1";
    if (lookup("location")) t_relay();
}
failure_route[REDIRECT] {
    if (t_is_canceled()) exit;
    # The 3xx's Contact (sip:203@10.77.0.1) becomes a branch; it spirals back here and reaches the phone.
    if (t_check_status("3[0-9][0-9]")) { get_redirects("*"); t_relay(); }
}
)")
                .toUtf8());
    return true;
}

bool writeRedirectConfig(const QString &path, const QString &modulesDir)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    f.write(kamailioGlobals("10.77.0.2", 1, modulesDir).toUtf8());
    f.write(QString(R"(loadmodule "sl.so"
loadmodule "textops.so"
request_route {
    if (is_method("INVITE")) {
        append_to_reply("Contact: <sip:203@10.77.0.1>\r\n");
        sl_send_reply("302", "Moved Temporarily");
    }
    exit;
}
)")
                .toUtf8());
    return true;
}

bool writeBaresipConfig(const QString &confDir, const BaresipAccount &account)
{
    QDir().mkpath(confDir);
    QFile c(confDir + "/config");
    if (!c.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    // SRTP suites all come from baresip's srtp module; "dtls_srtp" has its own.
    const QString mediaencModule =
        account.mediaenc.isEmpty()
            ? QString()
            : QString("module %1.so\n").arg(account.mediaenc.startsWith(u"srtp") ? QString("srtp") : account.mediaenc);
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
                    "module g711.so\nmodule aufile.so\nmodule ctrl_tcp.so\n%4"
                    "module_tmp account.so\nmodule_app menu.so\n"
                    "ctrl_tcp_listen 127.0.0.1:4444\n")
                .arg(account.address, account.wavPath, kBaresipModules, mediaencModule)
                .toUtf8());
    c.close();
    QFile a(confDir + "/accounts");
    if (!a.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    a.write(QString("<sip:%1@%2>;regint=%3;answermode=%4;audio_codecs=PCMU,PCMA%5\n")
                .arg(account.number, account.carrier ? account.address : "10.77.0.1", account.carrier ? "0" : "3600",
                     account.autoAnswer ? "auto" : "manual",
                     account.mediaenc.isEmpty() ? QString() : ";mediaenc=" + account.mediaenc)
                .toUtf8());
    return true;
}

} // namespace vv::e2e
