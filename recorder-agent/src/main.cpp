// vipvault-agent: passive SIP/RTP call recorder for one VoIP host.
#include "cli/cdrwatch.h"
#include "cli/commands.h"

#include <QCoreApplication>
#include <cstdio>
#include <sys/stat.h>

using namespace vv::agent;

namespace {

const char kUsage[] = "Usage: vipvault-agent <command> [options]\n"
                      "\n"
                      "Commands:\n"
                      "  replay --config FILE [--data-dir DIR] CAPTURE...\n"
                      "      Process pcap/pcapng files in packet time, record the calls the vault\n"
                      "      rules select, and print one JSON line per call seen, then a summary.\n"
                      "  run --config FILE [--data-dir DIR] [--replay CAPTURE]...\n"
                      "      Capture live on the configured interface until SIGTERM or SIGINT, then\n"
                      "      finish calls in progress and exit 0. Prints {\"event\":\"ready\"} once\n"
                      "      capturing, then one JSON line per call as it ends.\n"
                      "  user add --config FILE --username NAME --role reseller|customer [--vault NAME]\n"
                      "      Create a user; the password is read from standard input.\n"
                      "  routes\n"
                      "      List the HTTPS API's routes (METHOD /path).\n"
                      "  usage --config FILE [--data-dir DIR] [--vault NAME] [--month YYYY-MM] [--at TIME]\n"
                      "      Print each vault's usage and billing figures as JSON (read-only; safe\n"
                      "      while the agent runs). --month adds that month's statement.\n"
                      "  verify --config FILE [--data-dir DIR] [--vault NAME] [--public-key HEX] [--no-files]\n"
                      "      Check tamper evidence: every recording's file and details against its\n"
                      "      vault's hash chain, the agent's signatures (by HEX when given) and the\n"
                      "      audit log's chain. One JSON line each; exit 4 when anything fails.\n"
                      "  cdr-check --config FILE [--data-dir DIR] CDR.csv...\n"
                      "      Check PBX call records ([cdr] format) against the recordings: one JSON\n"
                      "      line per answered call that should have a recording and has none.\n"
                      "      Exit 3 when there is one (read-only; safe while the agent runs).\n"
                      "  version\n"
                      "      Print the version.\n"
                      "\n"
                      "The configuration file is described in agent.conf.sample.\n"
                      "Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.\n"
                      "Logging: set QT_LOGGING_RULES, e.g. \"vipvault.*.debug=true\".\n";

// True when stderr is the journal stream systemd connected (JOURNAL_STREAM is
// "device:inode" of that stream), i.e. when running as the packaged service.
bool stderrIsJournal()
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    struct stat st = {};
    if (stream.isEmpty() || fstat(2, &st) != 0)
        return false;
    return stream == QByteArray::number(static_cast<qulonglong>(st.st_dev)) + ':' +
                         QByteArray::number(static_cast<qulonglong>(st.st_ino));
}

} // namespace

int main(int argc, char *argv[])
{
    if (stderrIsJournal()) // journald stamps the time itself and reads the <N> syslog priority prefix
        qSetMessagePattern(QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                                          "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}%{category}: %{message}"));
    else
        qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddTHH:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                           "%{if-warning}warning%{endif}%{if-critical}error%{endif}%{if-fatal}fatal%{endif}"
                           " %{category}: %{message}"));
    // Recordings, the catalogue and the TLS key are for the agent's user only, whichever command made them and
    // however the agent was started (the systemd unit also sets UMask=0077).
    ::umask(0077);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vipvault-agent"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIPVAULT_VERSION));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == u"--help" || args.first() == u"-h" || args.first() == u"help") {
        std::fputs(kUsage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? 2 : 0;
    }
    const QString command = args.takeFirst();
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (command == u"replay")
        return replayCommand(args);
    if (command == u"run")
        return runCommand(args);
    if (command == u"usage")
        return usageCommand(args);
    if (command == u"verify")
        return verifyCommand(args);
    if (command == u"cdr-check")
        return cdrCheckCommand(args);
    if (command == u"user")
        return userCommand(args);
    if (command == u"routes")
        return routesCommand(args);
    if (command == u"version" || command == u"--version") {
        std::printf("vipvault-agent %s\n", VIPVAULT_VERSION);
        return 0;
    }
    std::fprintf(stderr, "vipvault-agent: unknown command \"%s\"\n\n%s", qPrintable(command), kUsage);
    return 2;
}
