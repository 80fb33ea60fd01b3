#include "capture/packetsource.h"
#include "cli/agentcontext.h"
#include "cli/commands.h"
#include "cli/signalwatcher.h"
#include "common/logging.h"
#include "config/agentconfig.h"
#include "pipeline/pipeline.h"

#include <QJsonObject>
#include <chrono>
#include <cstdio>

namespace {

QString bpfFilter(const AgentConfig &config)
{
    // UDP carries SIP and RTP; TCP only on the SIP ports. IP fragments of UDP
    // are kept too ("ip[6:2] & 0x1fff != 0") for large INVITEs.
    QStringList sipPorts;
    for (quint16 p : config.sipPorts)
        sipPorts << QStringLiteral("port %1").arg(p);
    return QStringLiteral("udp or (ip[6:2] & 0x1fff != 0) or ip6 or (tcp and (%1))")
        .arg(sipPorts.join(QStringLiteral(" or ")));
}

PacketTime wallClock()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

int runCommand(const QStringList &argsIn)
{
    QStringList args = argsIn;
    const QString configPath = configPathFromArgs(args);
    AgentConfig config;
    QString error;
    if (!loadConfigFromArgs(&args, &config, &error)) {
        std::fprintf(stderr, "vipvault-agent run: %s\n", qPrintable(error));
        return 2;
    }
    if (!args.isEmpty()) {
        std::fprintf(stderr, "vipvault-agent run: unexpected argument %s\n", qPrintable(args.first()));
        return 2;
    }
    installStopSignals();
    AgentContext context;
    if (!context.open(config, wallClock(), &error)) {
        std::fprintf(stderr, "vipvault-agent run: %s\n", qPrintable(error));
        return 1;
    }
    Pipeline pipeline(config, &context.store(), [](const CallReport &r) { printJsonLine(r.toJson()); });
    LiveCapture capture(config.interface, bpfFilter(config), static_cast<std::size_t>(config.captureQueuePackets));
    if (!capture.start(&error)) {
        qCCritical(lcCapture).noquote() << error;
        return 1;
    }
    QJsonObject ready;
    ready.insert(QStringLiteral("event"), QStringLiteral("ready"));
    ready.insert(QStringLiteral("interface"), config.interface);
    printJsonLine(ready);

    std::vector<RawPacket> batch;
    while (!stopRequested()) {
        if (takeReloadRequest()) {
            AgentConfig fresh;
            if (!AgentConfig::load(configPath, &fresh, &error)) {
                qCCritical(lcConfig).noquote() << "reload refused, keeping the running configuration:" << error;
            } else if (!context.store().reloadConfig(fresh, pipeline.now() ? pipeline.now() : wallClock(), &error)) {
                qCCritical(lcConfig).noquote() << "reload failed:" << error;
            } else {
                pipeline.tracker().reloadVaults();
                qCInfo(lcConfig) << "configuration reloaded";
            }
        }
        batch.clear();
        capture.takePackets(&batch, 100);
        for (const RawPacket &p : batch)
            pipeline.onFrame(p.ts, p.linkType, p.data.data(), p.data.size());
        if (batch.empty()) {
            // Live packet time is wall-clock time; with no traffic, let calls age anyway.
            pipeline.advanceClock(wallClock() - 500'000);
        }
    }
    capture.stop();
    // Drain what the capture thread queued before it stopped.
    batch.clear();
    capture.takePackets(&batch, 0);
    for (const RawPacket &p : batch)
        pipeline.onFrame(p.ts, p.linkType, p.data.data(), p.data.size());
    pipeline.counters().captureDrops = capture.queueDrops() + capture.kernelDrops();
    qCInfo(lcCapture) << "stopping: captured" << capture.captured() << "queue drops" << capture.queueDrops()
                      << "kernel drops" << capture.kernelDrops();
    pipeline.finish(QStringLiteral("shutdown"));
    printJsonLine(pipeline.summary());
    return 0;
}
