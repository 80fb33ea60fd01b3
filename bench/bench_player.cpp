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
    AgentServer server;
    if (!server.start())
        qFatal("agent: %s", qPrintable(server.error()));
    QString why;
    const QByteArray token = signIn(server, QStringLiteral("alice"), server.password(QStringLiteral("alice")), &why);
    if (token.isEmpty())
        qFatal("sign-in: %s", qPrintable(why));
    const auto client = makeClient(server, token);
    qint64 recordingId = 0;
    QString file;
    for (const CatalogueCall &c : server.catalogue(QStringLiteral("acme")))
        if (c.recorded && !c.file.isEmpty()) {
            recordingId = c.id;
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
    std::vector<double> firstMs;
    std::vector<double> openMs;
    for (int i = 0; i < runs; ++i) {
        AudioPlayer player;
        QSignalSpy first(&player, &AudioPlayer::firstAudio);
        QSignalSpy errors(&player, &AudioPlayer::error);
        QElapsedTimer t;
        t.start();
        player.openRecording(client.get(), recordingId);
        player.play();
        if (!first.wait(10000))
            qFatal("no audio within 10 s: %s", qPrintable(errors.value(0).value(0).toString()));
        firstMs.push_back(t.nsecsElapsed() / 1e6);
        if (player.duration() < 3599000)
            qFatal("duration %lld ms, not an hour", player.duration());
    }
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

    const Stats s = summarise(firstMs);
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
            "| play to first audio | %5 ms | %6 ms | %7 ms | < 300 ms |\n\n"
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
            .arg(stillPlaying ? QString() : QStringLiteral(" (playback had stopped)"));
    writeSection(doc, QStringLiteral("player"), md);
    std::printf("written to %s\n", qPrintable(doc));
    server.stop();
    return 0;
}
