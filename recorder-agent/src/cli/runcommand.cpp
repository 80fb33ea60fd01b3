#include "alerts/alertsservice.h"
#include "api/apiserver.h"
#include "api/secrets.h"
#include "api/tlsidentity.h"
#include "api/userstore.h"
#include "capture/packetsource.h"
#include "cli/agentcontext.h"
#include "cli/capturesupervisor.h"
#include "cli/cdrwatch.h"
#include "cli/commands.h"
#include "cli/healthfeed.h"
#include "cli/signalwatcher.h"
#include "common/logging.h"
#include "config/agentconfig.h"
#include "pipeline/pipeline.h"
#include "service/servicenotifier.h"
#include "vault/keycustodian.h"

#include <QHostAddress>
#include <QJsonObject>
#include <chrono>
#include <cstdio>
#include <memory>

namespace vv::agent {

namespace {

QString bpfFilter(const AgentConfig &config)
{
    // UDP carries SIP and RTP; TCP only on the SIP ports. IP fragments are
    // kept too ("ip[6:2] & 0x1fff != 0") for large INVITEs.
    QStringList sipPorts;
    for (quint16 p : config.sipPorts)
        sipPorts << QStringLiteral("port %1").arg(p);
    sipPorts << QStringLiteral("port 5061"); // SIP over TLS: not readable, but counted and reported
    return QStringLiteral("udp or (ip[6:2] & 0x1fff != 0) or ip6 or (tcp and (%1))")
        .arg(sipPorts.join(QStringLiteral(" or ")));
}

PacketTime wallClock()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

QByteArray serviceStatus(const Pipeline &pipeline, const CaptureSupervisor *capture)
{
    QByteArray s = QByteArray::number(pipeline.calls().activeCalls()) + " calls in progress";
    if (capture && !capture->running())
        s += ", NOT CAPTURING: " + capture->error().toUtf8();
    else if (capture)
        s += ", " + QByteArray::number(capture->captured()) + " packets captured, " +
             QByteArray::number(capture->drops()) + " dropped";
    else
        s += ", not capturing (interface = none)";
    return s;
}

bool parseListen(const QString &listen, ApiOptions *o, QString *error)
{
    const int colon = listen.lastIndexOf(u':');
    bool ok = false;
    o->port = colon > 0 ? listen.mid(colon + 1).toInt(&ok) : 0;
    QString host = colon > 0 ? listen.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (!ok || o->port < 0 || o->port > 65535 || QHostAddress(host).isNull()) {
        *error = QStringLiteral("[api] listen = \"%1\": expected ADDRESS:PORT, e.g. 0.0.0.0:8443 or 127.0.0.1:8443")
                     .arg(listen);
        return false;
    }
    o->host = host;
    return true;
}

} // namespace

int runCommand(const QStringList &argsIn)
{
    QStringList args;
    QStringList replays;
    for (int i = 0; i < argsIn.size(); ++i) {
        if (argsIn[i] == u"--replay" && i + 1 < argsIn.size())
            replays << argsIn[++i];
        else
            args << argsIn[i];
    }
    const QString configPath = configPathFromArgs(args);
    AgentConfig config;
    QString error;
    if (!loadConfigFromArgs(&args, &config, &error, DataOwnerMode::Refuse)) {
        std::fprintf(stderr, "vipvault-agent run: %s\n", qPrintable(error));
        return 2;
    }
    if (!args.isEmpty()) {
        std::fprintf(stderr, "vipvault-agent run: unexpected argument %s\n", qPrintable(args.first()));
        return 2;
    }
    ApiOptions apiOptions;
    const bool apiEnabled = !config.apiListen.isEmpty() && config.apiListen != u"off";
    if (apiEnabled) {
        if (!parseListen(config.apiListen, &apiOptions, &error)) {
            std::fprintf(stderr, "vipvault-agent run: %s\n", qPrintable(error));
            return 2;
        }
        apiOptions.plainHttp = config.apiPlainHttp;
        apiOptions.threads = config.apiThreads;
        apiOptions.maxConnections = static_cast<std::size_t>(config.apiMaxConnections);
        apiOptions.maxConnectionsPerAddress = static_cast<std::size_t>(config.apiMaxConnectionsPerAddress);
        if (apiOptions.plainHttp && !QHostAddress(apiOptions.host).isLoopback()) {
            std::fprintf(stderr, "vipvault-agent run: plain_http is allowed only on a loopback address, not %s\n",
                         qPrintable(apiOptions.host));
            return 2;
        }
        if (!initSecrets()) {
            std::fprintf(stderr, "vipvault-agent run: libsodium failed to start\n");
            return 1;
        }
    }
    installStopSignals();
    ServiceNotifier service;
    AgentContext context;
    if (!context.open(config, wallClock(), &error)) {
        std::fprintf(stderr, "vipvault-agent run: %s\n", qPrintable(error));
        return 1;
    }
    Pipeline pipeline(config, &context.store(), [](const CallReport &r) { printJsonLine(r.toJson()); });
    // Encrypts older recordings of vaults that now encrypt and re-wraps them after a key change (and finishes what a
    // restart interrupted).
    KeyCustodian custodian(&context.store(), cataloguePath(config.dataDir), config.dataDir);
    custodian.start();

    // Captures named with --replay are processed first, in packet time.
    for (const QString &path : replays) {
        const FileReadResult res = readCaptureFile(path, [&](PacketTime ts, int dlt, const std::uint8_t *d,
                                                             std::size_t n) { pipeline.onFrame(ts, dlt, d, n); });
        if (!res.opened) {
            qCCritical(lcCapture).noquote() << res.error;
            return 1;
        }
        if (res.truncated)
            qCWarning(lcCapture).noquote() << res.error;
    }
    if (!replays.isEmpty())
        pipeline.finish(QStringLiteral("capture end"));

    // Constructed before the API (its routes wake the notifier); started once the certificate is known.
    AlertsService alerts(config, cataloguePath(config.dataDir));
    ApiContext api;
    api.wakeNotifier = [&alerts] { alerts.wake(); };
    api.smtpConfigured = config.alerts.smtpConfigured();
    api.dataDir = config.dataDir;
    api.cataloguePath = cataloguePath(config.dataDir);
    PipelineBridge bridge;
    std::unique_ptr<UserStore> users;
    std::unique_ptr<ApiServer> server;
    TlsIdentity tls;
    if (apiEnabled) {
        if (!apiOptions.plainHttp) {
            if (!loadOrCreateTlsIdentity(config.dataDir, config.apiCertificate, config.apiKey, &tls, &error)) {
                qCCritical(lcApi).noquote() << error;
                return 1;
            }
            qCInfo(lcApi).noquote() << (tls.generated ? "generated a self-signed certificate;" : "certificate")
                                    << "SHA-256 fingerprint" << formatFingerprint(tls.sha256);
        }
        users = std::make_unique<UserStore>(api.cataloguePath, config.apiSessionHours, config.apiIdleMinutes);
        api.users = users.get();
        api.bridge = &bridge;
        api.store = &context.store();
        api.custodian = &custodian;
        api.vaultsChanged = [&pipeline] { pipeline.calls().reloadVaults(); };
        api.certificateSha256 = tls.sha256;
        api.status.startedAt = wallClock();
        api.status.interface = config.interface;
        server = std::make_unique<ApiServer>(api);
        if (!server->start(apiOptions, tls, &error)) {
            qCCritical(lcApi).noquote() << error;
            return 1;
        }
        api.httpStats = server->stats();
    }

    std::unique_ptr<CaptureSupervisor> capture;
    if (config.interface != u"none") {
        capture = std::make_unique<CaptureSupervisor>(config.interface, bpfFilter(config),
                                                      static_cast<std::size_t>(config.captureQueuePackets));
        if (!capture->start(&error)) {
            qCCritical(lcCapture).noquote() << error;
            if (server)
                server->stop();
            return 1;
        }
    }
    if (!alerts.start(context.catalogue(), context.writer(), wallClock(),
                      apiEnabled && !apiOptions.plainHttp ? tls.certificatePath : QString(), &error)) {
        qCCritical(lcAlerts).noquote() << "recording assurance cannot start:" << error;
        if (server)
            server->stop();
        return 1;
    }
    CdrWatch cdrWatch(config.alerts);

    QJsonObject ready;
    ready.insert(QStringLiteral("event"), QStringLiteral("ready"));
    ready.insert(QStringLiteral("interface"), config.interface);
    if (server) {
        ready.insert(QStringLiteral("api"), server->url());
        ready.insert(QStringLiteral("certificate_sha256"), tls.sha256);
    }
    printJsonLine(ready);
    service.ready("recording on " + config.interface.toUtf8() +
                  (server ? ", API " + server->url().toUtf8() : QByteArray(", API off")));
    if (service.watchdogInterval().count())
        qCInfo(lcService) << "systemd watchdog every" << service.watchdogInterval().count() / 1000 << "ms";

    std::vector<RawPacket> batch;
    int exitCode = 0;
    auto lastStatus = std::chrono::steady_clock::now();
    auto lastHealth = lastStatus;
    while (!stopRequested()) {
        if (takeReloadRequest()) {
            service.reloading();
            AgentConfig fresh;
            QByteArray outcome = "configuration reloaded";
            if (!AgentConfig::load(configPath, &fresh, &error)) {
                qCCritical(lcConfig).noquote() << "reload refused, keeping the running configuration:" << error;
                outcome = "reload refused (see the log); running configuration kept";
            } else if (!context.store().reloadConfig(fresh, pipeline.now() ? pipeline.now() : wallClock(), &error)) {
                qCCritical(lcConfig).noquote() << "reload failed:" << error;
                outcome = "reload failed (see the log)";
            } else {
                pipeline.calls().reloadVaults();
                qCInfo(lcConfig) << "configuration reloaded";
            }
            service.ready(outcome);
        }
        if (capture) {
            capture->poll();
            pipeline.calls().setCaptureDrops(capture->drops());
        }
        if (std::chrono::steady_clock::now() - lastHealth >= std::chrono::seconds(1)) {
            lastHealth = std::chrono::steady_clock::now();
            cdrWatch.poll(context.store(), alerts, wallClock());
            alerts.tick(healthInputs(pipeline, context.store(), capture.get(), config.interface, wallClock()),
                        context.store().vaults());
        }
        // Pinged from this loop, so a pipeline that stops turning stops the pings.
        service.keepAlive();
        if (service.active() && std::chrono::steady_clock::now() - lastStatus > std::chrono::seconds(10)) {
            service.status(serviceStatus(pipeline, capture.get()));
            lastStatus = std::chrono::steady_clock::now();
        }
        bridge.drain();
        batch.clear();
        if (capture)
            capture->takePackets(&batch, 50);
        else
            bridge.waitForWork(100);
        for (const RawPacket &p : batch)
            pipeline.onFrame(p.ts, p.linkType, p.data.data(), p.data.size());
        if (batch.empty()) // live packet time is wall-clock time; with no traffic, calls still age
            pipeline.advanceClock(wallClock() - 500'000);
        if (server) {
            const StoreStatus st = context.store().status();
            std::lock_guard lock(api.statusMutex);
            api.status.captureRunning = capture && capture->running();
            api.status.captureError = capture ? capture->error() : QString();
            api.status.packetsCaptured = capture ? capture->captured() : 0;
            api.status.packetsDropped = capture ? capture->drops() : 0;
            api.status.lastRecordingAt = pipeline.calls().lastRecordingAt();
            api.status.openHealthEvents = alerts.openEvents();
            api.status.deliveriesFailed = alerts.notifier().failedAttempts();
            api.status.deliveriesAbandoned = alerts.notifier().abandoned();
            api.status.callsInProgress = pipeline.calls().activeCalls();
            api.status.encryptedCallsMissed = pipeline.calls().counters().encryptedMissed;
            api.status.srtpPacketsFailed = pipeline.calls().counters().srtpFailed;
            api.status.sipTlsSegments = pipeline.counters().sipTlsSegments;
            api.status.diskLow = st.diskLow;
            api.status.diskFreeBytes = st.freeBytes;
            api.status.catalogueBacklog = context.writer().backlog();
            api.status.catalogueWriteWaits = context.writer().fullWaits();
        }
    }
    service.stopping();
    if (server)
        server->stop();
    bridge.shutdown();
    if (capture) {
        batch.clear();
        capture->stop(&batch); // what the capture thread queued before it stopped
        for (const RawPacket &p : batch)
            pipeline.onFrame(p.ts, p.linkType, p.data.data(), p.data.size());
        pipeline.counters().captureDrops = capture->drops();
        qCInfo(lcCapture) << "stopping: captured" << capture->captured() << "queue drops" << capture->queueDrops()
                          << "kernel drops" << capture->kernelDrops();
    }
    pipeline.finish(QStringLiteral("shutdown"));
    // The calls just ended count too; capture is off now by choice, not by failure.
    alerts.tick(healthInputs(pipeline, context.store(), nullptr, QStringLiteral("none"), wallClock()),
                context.store().vaults());
    alerts.stop(exitCode == 0);
    printJsonLine(pipeline.summary());
    return exitCode;
}

} // namespace vv::agent
