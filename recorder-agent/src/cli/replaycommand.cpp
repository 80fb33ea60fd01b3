#include "capture/packetsource.h"
#include "cli/agentcontext.h"
#include "cli/commands.h"
#include "common/logging.h"
#include "config/agentconfig.h"
#include "pipeline/pipeline.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <cstdio>

namespace vv::agent {

void printJsonLine(const QJsonObject &o)
{
    const QByteArray line = QJsonDocument(o).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout); // a reader (test, script) sees each call as it ends
}

QString configPathFromArgs(const QStringList &args)
{
    for (int i = 0; i < args.size(); ++i) {
        if ((args[i] == u"--config" || args[i] == u"-c") && i + 1 < args.size())
            return args[i + 1];
        if (args[i].startsWith(QStringLiteral("--config=")))
            return args[i].mid(9);
    }
    return {};
}

bool loadConfigFromArgs(QStringList *args, AgentConfig *config, QString *error, DataOwnerMode ownerMode)
{
    QString configPath;
    QString dataDir;
    QStringList rest;
    for (int i = 0; i < args->size(); ++i) {
        const QString &a = args->at(i);
        if ((a == u"--config" || a == u"-c" || a == u"--data-dir") && i + 1 < args->size()) {
            (a == u"--data-dir" ? dataDir : configPath) = args->at(++i);
        } else if (a.startsWith(QStringLiteral("--config="))) {
            configPath = a.mid(9);
        } else if (a.startsWith(QStringLiteral("--data-dir="))) {
            dataDir = a.mid(11);
        } else if (a.startsWith(QStringLiteral("--")) && a != u"--") {
            *error = QStringLiteral("unknown option %1").arg(a);
            return false;
        } else {
            rest << a;
        }
    }
    if (configPath.isEmpty()) {
        *error = QStringLiteral("--config FILE is required");
        return false;
    }
    if (!AgentConfig::load(configPath, config, error))
        return false;
    if (!dataDir.isEmpty())
        config->dataDir = dataDir;
    if (config->dataDir.isEmpty()) {
        *error = QStringLiteral("no data folder: set data_dir in [agent] or pass --data-dir");
        return false;
    }
    if (!QDir().mkpath(config->dataDir)) {
        *error = QStringLiteral("cannot create data folder %1").arg(config->dataDir);
        return false;
    }
    config->dataDir = QFileInfo(config->dataDir).absoluteFilePath();
    if (!actAsDataDirOwner(config->dataDir, ownerMode, error))
        return false;
    *args = rest;
    return true;
}

int replayCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    AgentConfig config;
    QString error;
    if (!loadConfigFromArgs(&args, &config, &error)) {
        std::fprintf(stderr, "vipvault-agent replay: %s\n", qPrintable(error));
        return 2;
    }
    if (args.isEmpty()) {
        std::fprintf(stderr, "vipvault-agent replay: name at least one capture file\n");
        return 2;
    }
    // Start-up repairs are timed by the first packet of the first capture, so
    // replaying the same files gives the same catalogue.
    PacketTime firstTs = 0;
    for (const QString &path : args) {
        firstTs = firstPacketTime(path);
        if (firstTs)
            break;
    }
    AgentContext context;
    if (!context.open(config, firstTs, &error)) {
        std::fprintf(stderr, "vipvault-agent replay: %s\n", qPrintable(error));
        return 1;
    }
    Pipeline pipeline(config, &context.store(), [](const CallReport &r) { printJsonLine(r.toJson()); });
    int rc = 0;
    for (const QString &path : args) {
        const FileReadResult res = readCaptureFile(path, [&](PacketTime ts, int dlt, const std::uint8_t *d,
                                                             std::size_t n) { pipeline.onFrame(ts, dlt, d, n); });
        if (!res.opened) {
            qCCritical(lcCapture).noquote() << res.error;
            rc = 1;
            continue;
        }
        if (res.truncated) {
            ++pipeline.counters().truncatedCaptures;
            qCWarning(lcCapture).noquote() << res.error;
        }
        qCInfo(lcCapture) << "replayed" << path << res.packets << "packets";
    }
    // Calls still open when the captures end are finished at the last packet's time.
    pipeline.finish(QStringLiteral("capture end"));
    printJsonLine(pipeline.summary());
    return rc;
}

} // namespace vv::agent
