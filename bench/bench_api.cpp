// The HTTPS API at scale. A real vipvault-agent serves a vault of
// N calls (default 1,000,000); we measure list-page and number-search latency,
// time to first audio byte, and 100 clients streaming audio at once while the
// same agent records calls captured live on loopback (capture drops counted).
#include "apipressure.h"
#include "audio/oggopuswriter.h"
#include "benchreport.h"
#include "benchvault.h"
#include "scenario.h"
#include "sender.h"
#include "vault/catalogue.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrl>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <httplib.h>
#include <random>
#include <thread>

using namespace vv::agent;

namespace {

constexpr int kRequestThreads = 8; // the agent's default: connections need no thread of their own

struct Agent
{
    QProcess process;
    QString host;
    int port = 0;
    QList<QJsonObject> lines;
};

std::unique_ptr<httplib::SSLClient> client(const Agent &a)
{
    auto c = std::make_unique<httplib::SSLClient>(a.host.toStdString(), a.port);
    c->enable_server_certificate_verification(false); // loopback benchmark; the app pins the fingerprint
    c->set_keep_alive(true);                          // as the app's client: one connection, many requests
    c->set_read_timeout(60, 0);
    return c;
}

// A real two-party recording of `seconds` (speech-like tones), to stream.
QByteArray makeRecording(const QString &path, int seconds)
{
    OggOpusWriter w;
    QString error;
    if (!w.open(path, OpusSettings(), {}, &error))
        qFatal("%s", qPrintable(error));
    std::vector<std::int16_t> frame(320);
    for (int f = 0; f < seconds * 50; ++f) {
        for (int i = 0; i < 160; ++i) {
            const double t = (f * 160 + i) / 8000.0;
            const bool leftTalks = (f / 100) % 2 == 0;
            frame[2 * i] = leftTalks ? std::int16_t(6000 * std::sin(2 * M_PI * 180 * t) * std::sin(M_PI * t)) : 0;
            frame[2 * i + 1] = leftTalks ? 0 : std::int16_t(6000 * std::sin(2 * M_PI * 140 * t) * std::sin(M_PI * t));
        }
        w.writeFrame(frame.data(), &error);
    }
    w.finish(seconds * 8000, &error);
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

std::vector<vv::capgen::GenPacket> liveCalls(int calls, int seconds)
{
    using namespace vv::capgen;
    Scenario s;
    const double t0 = 1795687200.0;
    for (int i = 0; i < calls; ++i) {
        CallSpec c;
        c.callId = "bench-live-" + std::to_string(i);
        c.caller = makeParty(std::to_string(200 + i % 100), "127.0.0.1", "127.0.1." + std::to_string(1 + i % 200), 5060,
                             uint16_t(42000 + i * 4));
        c.callee =
            makeParty("0770090" + std::to_string(1000 + i), "127.0.0.1", "127.0.0.1", 5060, uint16_t(46000 + i * 4));
        c.start = t0 + i * 0.25;
        c.ringMs = 200;
        c.talkMs = seconds * 1000;
        c.seed = 1000 + i;
        s.addCall(c);
    }
    return s.packets();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qint64 n = 1'000'000;
    int clients = 100;
    QString doc = QStringLiteral("docs/benchmarks.md");
    QString agentBin = QStringLiteral(VIPVAULT_AGENT_BIN);
    for (int i = 1; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == u"--recordings" && i + 1 < argc)
            n = QString::fromLocal8Bit(argv[++i]).toLongLong();
        else if (a == u"--clients" && i + 1 < argc)
            clients = QString::fromLocal8Bit(argv[++i]).toInt();
        else if (a == u"--doc" && i + 1 < argc)
            doc = QString::fromLocal8Bit(argv[++i]);
    }
    QTemporaryDir dir;
    const QString data = dir.filePath(QStringLiteral("data"));
    QDir().mkpath(data);
    std::printf("building %lld calls ...\n", static_cast<long long>(n));
    const BenchVault vault = buildBenchVault(data, QStringLiteral("bench"), n, std::nullopt);
    // The newest 20 rows get a real one-hour recording to stream.
    const QByteArray hour = makeRecording(dir.filePath(QStringLiteral("hour.opus")), 3600);
    std::vector<qint64> audioIds;
    {
        Catalogue cat(QStringLiteral("fix"));
        QString error;
        cat.open(data + QStringLiteral("/catalogue.sqlite"), &error);
        QSqlQuery q(cat.database());
        q.exec(QStringLiteral("SELECT id, file FROM calls ORDER BY id DESC LIMIT 20"));
        std::vector<std::pair<qint64, QString>> rows;
        while (q.next())
            rows.emplace_back(q.value(0).toLongLong(), q.value(1).toString());
        for (const auto &[id, file] : rows) {
            QFile f(data + QLatin1Char('/') + file);
            f.open(QIODevice::WriteOnly | QIODevice::Truncate);
            f.write(hour);
            QSqlQuery u(cat.database());
            u.prepare(QStringLiteral("UPDATE calls SET bytes=?, duration_ms=3600000 WHERE id=?"));
            u.addBindValue(qint64(hour.size()));
            u.addBindValue(id);
            u.exec();
            audioIds.push_back(id);
        }
    }
    QFile conf(dir.filePath(QStringLiteral("agent.conf")));
    conf.open(QIODevice::WriteOnly);
    conf.write(QStringLiteral("[agent]\ninterface = lo\nsip_ports = 5060\ndata_dir = %1\nreserve_free = 10MB\n"
                              "[api]\nlisten = 127.0.0.1:0\nthreads = %2\n[vault bench]\nextensions = 200-299\n")
                   .arg(data)
                   .arg(kRequestThreads)
                   .toUtf8());
    conf.close();
    {
        QProcess add;
        add.start(agentBin, {QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("--config"), conf.fileName(),
                             QStringLiteral("--username"), QStringLiteral("admin"), QStringLiteral("--role"),
                             QStringLiteral("reseller")});
        add.write("bench-password-1\n");
        add.closeWriteChannel();
        add.waitForFinished();
    }
    Agent agent;
    agent.process.setProcessChannelMode(QProcess::SeparateChannels);
    agent.process.setStandardErrorFile(dir.filePath(QStringLiteral("agent.log")));
    QElapsedTimer startup;
    startup.start();
    agent.process.start(agentBin, {QStringLiteral("run"), QStringLiteral("--config"), conf.fileName()});
    QByteArray out;
    while (agent.port == 0 && agent.process.waitForReadyRead(120000)) {
        out += agent.process.readAllStandardOutput();
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("event")).toString() == u"ready") {
                const QUrl url(o.value(QStringLiteral("api")).toString());
                agent.host = url.host();
                agent.port = url.port();
            }
        }
    }
    if (!agent.port)
        qFatal("agent did not become ready; see %s", qPrintable(dir.filePath(QStringLiteral("agent.log"))));
    const double startupS = startup.elapsed() / 1000.0;
    auto c = client(agent);
    auto signIn =
        c->Post("/api/v1/session", R"({"username":"admin","password":"bench-password-1"})", "application/json");
    const std::string token = QJsonDocument::fromJson(QByteArray::fromStdString(signIn->body))
                                  .object()
                                  .value(QStringLiteral("token"))
                                  .toString()
                                  .toStdString();
    const httplib::Headers auth{{"Authorization", "Bearer " + token}};
    const std::string base = "/api/v1/vaults/" + std::to_string(vault.vaultId) + "/recordings";

    std::vector<double> listMs;
    std::vector<double> deepMs;
    std::string cursor;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        auto r = c->Get((base + "?limit=50").c_str(), auth);
        listMs.push_back(t.nsecsElapsed() / 1e6);
        if (!r || r->status != 200)
            qFatal("list failed");
        t.restart();
        const std::string path = cursor.empty() ? base + "?limit=50" : base + "?limit=50&cursor=" + cursor;
        auto d = c->Get(path.c_str(), auth);
        deepMs.push_back(t.nsecsElapsed() / 1e6);
        cursor = QJsonDocument::fromJson(QByteArray::fromStdString(d->body))
                     .object()
                     .value(QStringLiteral("next_cursor"))
                     .toString()
                     .toStdString();
    }
    // Sorted listings (keyset pages on the schema-4 indexes): longest calls first, then 200 pages deep.
    std::vector<double> sortedFirstMs;
    std::vector<double> sortedDeepMs;
    cursor.clear();
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer t;
        t.start();
        auto r = c->Get((base + "?limit=50&sort=-duration_ms").c_str(), auth);
        sortedFirstMs.push_back(t.nsecsElapsed() / 1e6);
        if (!r || r->status != 200)
            qFatal("sorted list failed");
        t.restart();
        const std::string path =
            base + "?limit=50&sort=-duration_ms" + (cursor.empty() ? std::string() : "&cursor=" + cursor);
        auto d = c->Get(path.c_str(), auth);
        sortedDeepMs.push_back(t.nsecsElapsed() / 1e6);
        if (!d || d->status != 200)
            qFatal("sorted page failed");
        cursor = QJsonDocument::fromJson(QByteArray::fromStdString(d->body))
                     .object()
                     .value(QStringLiteral("next_cursor"))
                     .toString()
                     .toStdString();
    }
    // Size has no index: each page sorts the vault's rows (20 samples).
    std::vector<double> sizeFirstMs;
    for (int i = 0; i < 20; ++i) {
        QElapsedTimer t;
        t.start();
        auto r = c->Get((base + "?limit=50&sort=-bytes").c_str(), auth);
        sizeFirstMs.push_back(t.nsecsElapsed() / 1e6);
        if (!r || r->status != 200)
            qFatal("size-sorted list failed");
    }
    std::mt19937 rng(7);
    std::vector<double> numberMs;
    qint64 matches = 0;
    for (int i = 0; i < 200; ++i) {
        const qint64 k = std::uniform_int_distribution<qint64>(0, n - 1)(rng);
        const QString number = QStringLiteral("%1").arg((k * 7919) % 1000000, 6, 10, QLatin1Char('0')).right(6);
        QElapsedTimer t;
        t.start();
        auto r = c->Get((base + "?limit=50&number=0" + number.toStdString()).c_str(), auth);
        numberMs.push_back(t.nsecsElapsed() / 1e6);
        if (!r || r->status != 200)
            qFatal("search failed");
        matches += QJsonDocument::fromJson(QByteArray::fromStdString(r->body))
                       .object()
                       .value(QStringLiteral("total"))
                       .toInteger();
    }
    std::vector<double> ttfbMs;
    for (int i = 0; i < 50; ++i) {
        QElapsedTimer t;
        t.start();
        double first = -1;
        httplib::Headers h = auth;
        h.emplace("Range", "bytes=0-65535");
        c->Get(("/api/v1/recordings/" + std::to_string(audioIds[i % audioIds.size()]) + "/audio").c_str(), h,
               [&](const char *, std::size_t) {
                   if (first < 0)
                       first = t.nsecsElapsed() / 1e6;
                   return true;
               });
        ttfbMs.push_back(first);
    }

    // The keep-alive round trip of the smallest request: what every app request pays on top of its own work.
    std::vector<double> healthMs;
    for (int i = 0; i < 1000; ++i) {
        QElapsedTimer t;
        t.start();
        auto r = c->Get("/healthz");
        healthMs.push_back(t.nsecsElapsed() / 1e6);
        if (!r || r->status != 200)
            qFatal("healthz failed");
    }

    // A person signing in and opening the first page while 1,000 connections sit idle, 100 trickle a request a
    // byte at a time and 50 players fetch audio. Each sign-in is a new connection (TLS handshake + Argon2id).
    std::vector<double> quietSignInMs;
    for (int i = 0; i < 20; ++i) {
        auto fresh = client(agent);
        QElapsedTimer t;
        t.start();
        auto in =
            fresh->Post("/api/v1/session", R"({"username":"admin","password":"bench-password-1"})", "application/json");
        quietSignInMs.push_back(t.nsecsElapsed() / 1e6);
        if (!in || in->status != 201)
            qFatal("sign-in failed");
    }
    std::vector<double> pressureSignInMs;
    std::vector<double> pressureFirstPageMs;
    ApiPressure pressure(agent.host.toStdString(), agent.port, token, {audioIds.begin(), audioIds.end()});
    pressure.start(1000, 100, 50);
    for (int i = 0; i < 300 && (pressure.counts().idleOpen < 1000 || pressure.counts().slowOpen < 100); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const long idleHeld = pressure.counts().idleOpen;
    const long slowHeld = pressure.counts().slowOpen;
    for (int i = 0; i < 60; ++i) {
        auto fresh = client(agent);
        QElapsedTimer t;
        t.start();
        auto in =
            fresh->Post("/api/v1/session", R"({"username":"admin","password":"bench-password-1"})", "application/json");
        pressureSignInMs.push_back(t.nsecsElapsed() / 1e6);
        if (!in || in->status != 201)
            qFatal("sign-in under pressure failed: %d", in ? in->status : -1);
        const std::string fresh_token = QJsonDocument::fromJson(QByteArray::fromStdString(in->body))
                                            .object()
                                            .value(QStringLiteral("token"))
                                            .toString()
                                            .toStdString();
        t.restart();
        auto page = fresh->Get((base + "?limit=50").c_str(), {{"Authorization", "Bearer " + fresh_token}});
        pressureFirstPageMs.push_back(t.nsecsElapsed() / 1e6);
        if (!page || page->status != 200)
            qFatal("first page under pressure failed");
    }
    pressure.stop();
    const PressureCounts &held = pressure.counts();
    std::printf("under pressure: %ld idle and %ld slow held (%ld / %ld reopened after the agent's deadlines), %ld "
                "streams, %ld stream errors\n",
                idleHeld, slowHeld, held.idleReopened.load(), held.slowReopened.load(), held.streamsCompleted.load(),
                held.streamErrors.load());

    // 100 clients streaming whole one-hour recordings while calls are captured live.
    const int liveCallsCount = 40;
    const auto packets = liveCalls(liveCallsCount, 20);
    std::atomic<bool> done{false};
    std::atomic<qint64> streamedBytes{0};
    std::atomic<int> streams{0};
    std::atomic<int> errors{0};
    std::vector<std::thread> workers;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < clients; ++i)
        workers.emplace_back([&, i] {
            auto cl = client(agent);
            while (!done) {
                auto r =
                    cl->Get(("/api/v1/recordings/" + std::to_string(audioIds[i % audioIds.size()]) + "/audio").c_str(),
                            auth, [&](const char *, std::size_t len) {
                                streamedBytes += static_cast<qint64>(len);
                                return !done.load();
                            });
                if (r && r->status == 200)
                    ++streams;
                else if (!done)
                    ++errors;
            }
        });
    std::string sendError;
    const bool sent = vv::capgen::sendRealtime(packets, &sendError);
    std::this_thread::sleep_for(std::chrono::seconds(2));
    done = true;
    for (auto &w : workers)
        w.join();
    const double streamSeconds = wall.elapsed() / 1000.0;
    agent.process.terminate();
    agent.process.waitForFinished(60000);
    out += agent.process.readAllStandardOutput();
    int recorded = 0;
    qint64 drops = -1;
    for (const QByteArray &line : out.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value(QStringLiteral("recorded")).toBool())
            ++recorded;
        if (o.value(QStringLiteral("event")).toString() == u"summary")
            drops = o.value(QStringLiteral("capture_drops")).toInteger();
    }
    QFile log(dir.filePath(QStringLiteral("agent.log")));
    log.open(QIODevice::ReadOnly);
    for (const QByteArray &line : log.readAll().split('\n'))
        if (line.contains("stopping:") || line.contains("error"))
            std::printf("agent: %s\n", line.constData());
    const Stats list = summarise(listMs);
    const Stats deep = summarise(deepMs);
    const Stats num = summarise(numberMs);
    const Stats ttfb = summarise(ttfbMs);
    const Stats sortedFirst = summarise(sortedFirstMs);
    const Stats sortedDeep = summarise(sortedDeepMs);
    const Stats sizeFirst = summarise(sizeFirstMs);
    const double mbps = streamedBytes * 8.0 / streamSeconds / 1e6;
    const Stats health = summarise(healthMs);
    const Stats pressSignIn = summarise(pressureSignInMs);
    const Stats quietSignIn = summarise(quietSignInMs);
    const Stats pressPage = summarise(pressureFirstPageMs);
    std::printf("healthz keep-alive p50 %.2f p99 %.2f; under pressure: sign-in p50 %.2f p99 %.2f, first page p50 %.2f "
                "p99 %.2f\n",
                health.medianMs, health.p99Ms, pressSignIn.medianMs, pressSignIn.p99Ms, pressPage.medianMs,
                pressPage.p99Ms);
    std::printf("list p50 %.2f p99 %.2f; deep p50 %.2f p99 %.2f; number p50 %.2f p99 %.2f; ttfb p50 %.2f p99 %.2f\n",
                list.medianMs, list.p99Ms, deep.medianMs, deep.p99Ms, num.medianMs, num.p99Ms, ttfb.medianMs,
                ttfb.p99Ms);
    std::printf("sorted by duration: first p50 %.2f p99 %.2f; deep p50 %.2f p99 %.2f; by size first p50 %.2f\n",
                sortedFirst.medianMs, sortedFirst.p99Ms, sortedDeep.medianMs, sortedDeep.p99Ms, sizeFirst.medianMs);
    std::printf("streaming: %d clients, %d complete streams, %d errors, %.1f Mbit/s; live calls recorded %d/%d, "
                "capture drops %lld, sent %s\n",
                clients, streams.load(), errors.load(), mbps, recorded, liveCallsCount, static_cast<long long>(drops),
                sent ? "ok" : sendError.c_str());
    const QString md =
        QStringLiteral("## HTTPS API at scale (`bench_api`)\n\n"
                       "Machine: %1. Build: %2.\n\n"
                       "Method: a real `vipvault-agent run` (TLS, 1 process, 2 I/O threads and %3 request threads) "
                       "serving a vault of %4 "
                       "calls (catalogue rows + placeholder files; far ends drawn from a million numbers), client "
                       "cpp-httplib over loopback with keep-alive. Agent start-up incl. reconcile: %5 s. "
                       "Command: `build/bench/bench_api --recordings %4`.\n\n"
                       "| measure | median | p99 | target |\n|---|---|---|---|\n"
                       "| first page (50 calls, newest first, with total count) | %6 ms | %7 ms | p99 < 50 ms |\n"
                       "| following pages by cursor | %8 ms | %9 ms | |\n"
                       "| sorted by duration, longest first: first page | %24 ms | %25 ms | p99 < 50 ms |\n"
                       "| sorted by duration: following pages by cursor | %26 ms | %27 ms | |\n"
                       "| sorted by size, largest first (no index: sorts the vault), first page | %28 ms | %29 ms | "
                       "|\n"
                       "| filter by number (7-digit fragment, %10 matches in total over 200 queries) | %11 ms | %12 ms "
                       "| p99 < 100 ms |\n"
                       "| time to first audio byte (64 KiB range of a one-hour recording) | %13 ms | %14 ms | |\n"
                       "%30\n"
                       "Streaming under load: %15 clients each streaming one-hour recordings (~%16 MB each) "
                       "continuously for %17 s while %18 calls (20 s each, G.711) were sent over loopback and captured "
                       "live by the same agent: %19 streams completed, %20 errors, %21 Mbit/s served; %22 of %18 live "
                       "calls recorded; **capture drops: %23**.\n")
            .arg(machineDescription(), QStringLiteral(VIPVAULT_BUILD_TYPE))
            .arg(kRequestThreads)
            .arg(n)
            .arg(startupS, 0, 'f', 1)
            .arg(list.medianMs, 0, 'f', 2)
            .arg(list.p99Ms, 0, 'f', 2)
            .arg(deep.medianMs, 0, 'f', 2)
            .arg(deep.p99Ms, 0, 'f', 2)
            .arg(matches)
            .arg(num.medianMs, 0, 'f', 2)
            .arg(num.p99Ms, 0, 'f', 2)
            .arg(ttfb.medianMs, 0, 'f', 2)
            .arg(ttfb.p99Ms, 0, 'f', 2)
            .arg(clients)
            .arg(hour.size() / 1e6, 0, 'f', 1)
            .arg(streamSeconds, 0, 'f', 0)
            .arg(liveCallsCount)
            .arg(streams.load())
            .arg(errors.load())
            .arg(mbps, 0, 'f', 0)
            .arg(recorded)
            .arg(drops)
            .arg(sortedFirst.medianMs, 0, 'f', 2)
            .arg(sortedFirst.p99Ms, 0, 'f', 2)
            .arg(sortedDeep.medianMs, 0, 'f', 2)
            .arg(sortedDeep.p99Ms, 0, 'f', 2)
            .arg(sizeFirst.medianMs, 0, 'f', 2)
            .arg(sizeFirst.p99Ms, 0, 'f', 2)
            .arg(QStringLiteral(
                     "| `/healthz` round trip on a keep-alive connection (1000 requests) | %1 ms | %2 ms | median < 2 "
                     "ms |\n"
                     "| sign-in on a new connection (TLS handshake + Argon2id), nothing else running, 20 samples | "
                     "%13 ms | %14 ms | |\n"
                     "| under pressure: sign-in on a new connection (TLS handshake + Argon2id), 60 samples | %3 ms | "
                     "%4 ms | p99 < 200 ms |\n"
                     "| under pressure: then the first page | %5 ms | %6 ms | p99 < 200 ms |\n\n"
                     "Pressure: %7 connections that never speak and %8 TLS clients trickling a request a byte every "
                     "500 ms were held (the agent's deadlines closed %9 and %10 of them meanwhile; they were opened "
                     "again at once), while 50 players fetched one-hour recordings 64 KiB a second each (%11 ranges "
                     "served, %12 errors).\n")
                     .arg(health.medianMs, 0, 'f', 2)
                     .arg(health.p99Ms, 0, 'f', 2)
                     .arg(pressSignIn.medianMs, 0, 'f', 1)
                     .arg(pressSignIn.p99Ms, 0, 'f', 1)
                     .arg(pressPage.medianMs, 0, 'f', 1)
                     .arg(pressPage.p99Ms, 0, 'f', 1)
                     .arg(idleHeld)
                     .arg(slowHeld)
                     .arg(held.idleReopened.load())
                     .arg(held.slowReopened.load())
                     .arg(held.streamsCompleted.load())
                     .arg(held.streamErrors.load())
                     .arg(quietSignIn.medianMs, 0, 'f', 1)
                     .arg(quietSignIn.p99Ms, 0, 'f', 1));
    writeSection(doc, QStringLiteral("api"), md);
    std::printf("written to %s\n", qPrintable(doc));
    return 0;
}
