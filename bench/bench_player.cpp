// The built-in player on a one-hour recording. A real vipvault-agent (tests/api's
// AgentServer) serves a recording whose file we replace with a one-hour Ogg Opus call; the app's AudioPlayer
// streams it over loopback HTTPS with Range requests and plays it through the default audio output. We measure
// the time from "play" (open + play, what a click does) to the first decoded audio handed to the sink, and the
// process memory while playing (the player must not hold the whole file decoded).
// Needs an audio output: run through scripts/with-audio.sh (a private PulseAudio null sink).
#include "apitest.h"
#include "audio/oggopuswriter.h"
#include "audioplayer.h"
#include "benchreport.h"
#include "vaultcrypto/sealedwriter.h"
#include "vaultcrypto/vaultkeys.h"

#include <QAudioDevice>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMediaDevices>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstdio>

using namespace vv::agent;

using namespace vv::apitest;
using vv::player::AudioPlayer;

namespace {

// The same speech-like two-party hour as bench_api: the parties take turns every 2 s.
bool makeRecording(const QString &path, int seconds, QString *error)
{
    OggOpusWriter w;
    if (!w.open(path, OpusSettings(), {}, error))
        return false;
    std::vector<std::int16_t> frame(320);
    for (int f = 0; f < seconds * 50; ++f) {
        for (int i = 0; i < 160; ++i) {
            const double t = (f * 160 + i) / 8000.0;
            const bool leftTalks = (f / 100) % 2 == 0;
            frame[2 * i] = leftTalks ? std::int16_t(6000 * std::sin(2 * M_PI * 180 * t) * std::sin(M_PI * t)) : 0;
            frame[2 * i + 1] = leftTalks ? 0 : std::int16_t(6000 * std::sin(2 * M_PI * 140 * t) * std::sin(M_PI * t));
        }
        if (!w.writeFrame(frame.data(), error))
            return false;
    }
    return w.finish(seconds * 8000, error);
}

// Resident memory now (peakRssMb() is the high-water mark, which recording generation above already raised).
double rssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

// Runs the event loop for ms, returning the highest RSS seen (sampled every 100 ms).
double playFor(int ms)
{
    double peak = rssMb();
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QTest::qWait(100);
        peak = std::max(peak, rssMb());
    }
    return peak;
}

} // namespace

// Writes `plain` (an Ogg file) sealed to `publicKey` over `target`, as the recorder would: a page-sized append and a
// flush at a time. Returns the sealed size.
qint64 sealHour(const QString &plain, const QString &target, const QByteArray &publicKey)
{
    QFile in(plain);
    if (!in.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(plain));
    QFile::remove(target);
    QFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(target));
    vv::crypto::SealedWriter writer;
    QString error;
    if (!writer.start(out.handle(), publicKey, vv::crypto::keyIdOf(publicKey), &error))
        qFatal("seal: %s", qPrintable(error));
    while (!in.atEnd()) {
        const QByteArray page = in.read(1200);
        writer.append(reinterpret_cast<const unsigned char *>(page.constData()), page.size());
        if (!writer.flush(0, &error))
            qFatal("seal: %s", qPrintable(error));
    }
    if (!writer.finish(3600000, &error))
        qFatal("seal: %s", qPrintable(error));
    out.close();
    return QFileInfo(target).size();
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString doc = QStringLiteral("docs/benchmarks.md");
    int runs = 20;
    for (int i = 1; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == u"--doc" && i + 1 < argc)
            doc = QString::fromLocal8Bit(argv[++i]);
        else if (a == u"--runs" && i + 1 < argc)
            runs = QString::fromLocal8Bit(argv[++i]).toInt();
    }
    if (QMediaDevices::defaultAudioOutput().isNull()) {
        std::fprintf(stderr, "no audio output: run through scripts/with-audio.sh\n");
        return 2;
    }
    // acme records sealed to an agent-held key, so the hour can be served plain, sealed to that key (the agent
    // decrypts) and sealed to a key only this process holds (the player decrypts).
    AgentServer::Options options;
    options.extraAcmeLines = QStringLiteral("encryption = agent");
    AgentServer server(options);
    if (!server.start())
        qFatal("agent: %s", qPrintable(server.error()));
    QString why;
    const QByteArray token = signIn(server, QStringLiteral("alice"), server.password(QStringLiteral("alice")), &why);
    if (token.isEmpty())
        qFatal("sign-in: %s", qPrintable(why));
    const auto client = makeClient(server, token);
    qint64 recordingId = 0;
    qint64 acmeId = 0;
    QString file;
    for (const CatalogueCall &c : server.catalogue(QStringLiteral("acme")))
        if (c.recorded && !c.file.isEmpty()) {
            recordingId = c.id;
            acmeId = c.vaultId;
            file = server.absolutePath(c.file);
            break;
        }
    if (!recordingId)
        qFatal("the agent recorded no acme call");
    // The agent serves the file as it is on disk (size from the file), so an hour written over it is streamed.
    QTemporaryDir dir;
    const QString hour = dir.filePath(QStringLiteral("hour.opus"));
    if (!makeRecording(hour, 3600, &why))
        qFatal("recording: %s", qPrintable(why));
    const qint64 hourBytes = QFileInfo(hour).size();
    QFile::remove(file);
    if (!QFile::copy(hour, file))
        qFatal("cannot replace %s", qPrintable(file));

    const double baseline = rssMb();
    // First audio over `runs` fresh players; `key` is the vault key pair the player holds (empty: none).
    auto measure = [&](const QByteArray &publicKey, const QByteArray &secretKey) {
        std::vector<double> times;
        for (int i = 0; i < runs; ++i) {
            AudioPlayer player;
            player.setVaultKey(publicKey, secretKey);
            QSignalSpy first(&player, &AudioPlayer::firstAudio);
            QSignalSpy errors(&player, &AudioPlayer::error);
            QElapsedTimer t;
            t.start();
            player.openRecording(client.get(), recordingId);
            player.play();
            if (!first.wait(10000))
                qFatal("no audio within 10 s: %s", qPrintable(errors.value(0).value(0).toString()));
            times.push_back(t.nsecsElapsed() / 1e6);
            if (player.duration() < 3599000)
                qFatal("duration %lld ms, not an hour", player.duration());
        }
        return summarise(times);
    };
    const Stats s = measure({}, {});
    // Memory: 20 s of playing from the start, then a seek to the last minutes and 5 s more.
    AudioPlayer player;
    QSignalSpy first(&player, &AudioPlayer::firstAudio);
    player.openRecording(client.get(), recordingId);
    player.play();
    first.wait(10000);
    const double peakPlaying = playFor(20000);
    const qint64 positionAfter = player.position();
    const qint64 receivedAfter = player.bytesReceived();
    player.seek(3590000);
    const double peakSeek = playFor(5000);
    const qint64 positionEnd = player.position();
    const bool stillPlaying = player.state() == AudioPlayer::State::Playing;
    player.close();

    // The same hour sealed (vaultcrypto/): to the vault's agent-held key (the agent decrypts each range it serves),
    // then to a key pair only this process holds (the agent serves ciphertext, the player decrypts).
    const QByteArray adminToken =
        signIn(server, QStringLiteral("admin"), server.password(QStringLiteral("admin")), &why);
    const QJsonObject enc =
        get(*makeClient(server, adminToken), QStringLiteral("/api/v1/vaults/%1/encryption").arg(acmeId)).json.object();
    const QByteArray agentKey = QByteArray::fromBase64(enc.value(QStringLiteral("public_key")).toString().toLatin1());
    if (agentKey.size() != 32)
        qFatal("the acme vault has no agent-held key");
    const qint64 sealedBytes = sealHour(hour, file, agentKey);
    const Stats agentSealed = measure({}, {});
    const vv::crypto::VaultKeyPair own = vv::crypto::VaultKeyPair::generate();
    sealHour(hour, file, own.publicKey);
    const Stats customerSealed = measure(own.publicKey, own.secretKey);
    std::printf("first audio, sealed (agent decrypts): median %.1f ms, p99 %.1f; sealed (player decrypts): median "
                "%.1f ms, p99 %.1f\n",
                agentSealed.medianMs, agentSealed.p99Ms, customerSealed.medianMs, customerSealed.p99Ms);
    std::printf("first audio: median %.1f ms, p99 %.1f, max %.1f over %d runs\n", s.medianMs, s.p99Ms, s.maxMs,
                s.samples);
    std::printf("RSS: %.1f MB before, %.1f MB peak playing, %.1f MB after a seek to 59:50; position %lld ms after "
                "20 s, %lld after the seek; %.1f of %.1f MB fetched after 20 s\n",
                baseline, peakPlaying, peakSeek, positionAfter, positionEnd, receivedAfter / 1e6, hourBytes / 1e6);
    const QString md =
        QStringLiteral(
            "## Built-in player on a one-hour recording (`bench_player`)\n\n"
            "Machine: %1. Build: %2.\n\n"
            "Method: a real `vipvault-agent run` (tests/api's harness, TLS on loopback) serves one recording "
            "whose file was replaced by a one-hour two-party Ogg Opus call (%3 MB, 8 kbit/s per party). For each "
            "of %4 runs a new `AudioPlayer` does `openRecording()` + `play()` (what a click does) and we time "
            "until the first decoded audio is handed to the `QAudioSink` (signal `firstAudio`), through a private "
            "PulseAudio null sink. Memory is the process's resident set (VmRSS) sampled every 100 ms while "
            "playing, the process including the test harness and Qt. "
            "Command: `scripts/with-audio.sh build/bench/bench_player`.\n\n"
            "| measure | median | p99 | max | target |\n|---|---|---|---|---|\n"
            "| play to first audio | %5 ms | %6 ms | %7 ms | < 300 ms |\n"
            "| the same hour encrypted at rest, agent-held key (the agent decrypts each range) | %15 ms | %16 ms | "
            "%17 ms | < 300 ms |\n"
            "| the same hour encrypted for the customer (ciphertext served, the player decrypts) | %18 ms | %19 ms | "
            "%20 ms | < 300 ms |\n\n"
            "Encrypted, the hour is %21 MB on disk (16 kB chunks, 40 bytes of header and 16 of tag each).\n\n"
            "| memory | MB |\n|---|---|\n"
            "| resident before opening | %8 |\n"
            "| peak while playing 20 s from the start | %9 |\n"
            "| peak after seeking to 59:50 and playing 5 s | %10 |\n\n"
            "After 20 s of playing %11 of %3 MB had been fetched (Range requests run ahead of the decoder); the "
            "position read %12 s, and %13 s after the seek%14.\n")
            .arg(machineDescription(), QStringLiteral(VIPVAULT_BUILD_TYPE))
            .arg(hourBytes / 1e6, 0, 'f', 1)
            .arg(runs)
            .arg(s.medianMs, 0, 'f', 1)
            .arg(s.p99Ms, 0, 'f', 1)
            .arg(s.maxMs, 0, 'f', 1)
            .arg(baseline, 0, 'f', 1)
            .arg(peakPlaying, 0, 'f', 1)
            .arg(peakSeek, 0, 'f', 1)
            .arg(receivedAfter / 1e6, 0, 'f', 1)
            .arg(positionAfter / 1000.0, 0, 'f', 1)
            .arg(positionEnd / 1000.0, 0, 'f', 1)
            .arg(stillPlaying ? QString() : QStringLiteral(" (playback had stopped)"))
            .arg(agentSealed.medianMs, 0, 'f', 1)
            .arg(agentSealed.p99Ms, 0, 'f', 1)
            .arg(agentSealed.maxMs, 0, 'f', 1)
            .arg(customerSealed.medianMs, 0, 'f', 1)
            .arg(customerSealed.p99Ms, 0, 'f', 1)
            .arg(customerSealed.maxMs, 0, 'f', 1)
            .arg(sealedBytes / 1e6, 0, 'f', 2);
    writeSection(doc, QStringLiteral("player"), md);
    std::printf("written to %s\n", qPrintable(doc));
    server.stop();
    return 0;
}
