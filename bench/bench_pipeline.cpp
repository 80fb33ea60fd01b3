// The recorder's speed. Generates a capture of N
// concurrent G.711 calls with speech (default 1,000 x 60 s), measures in the
// same run the bare cost of libopus encoding that audio with the agent's
// settings (the pipeline's floor), then replays the capture at full speed
// through a real `vipvault-agent replay` and reports recorded call-seconds
// per CPU-second, packets per second, peak memory and minutes per GB.
#include "benchreport.h"
#include "pcapwriter.h"
#include "scenario.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>
#include <opus/opus.h>
#include <sys/resource.h>
#include <sys/wait.h>

using namespace vv::capgen;

namespace {

double cpuSeconds(clockid_t clock)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int calls = 1000;
    int seconds = 60;
    QString doc = QStringLiteral("docs/benchmarks.md");
    for (int i = 1; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == u"--calls" && i + 1 < argc)
            calls = QString::fromLocal8Bit(argv[++i]).toInt();
        else if (a == u"--seconds" && i + 1 < argc)
            seconds = QString::fromLocal8Bit(argv[++i]).toInt();
        else if (a == u"--doc" && i + 1 < argc)
            doc = QString::fromLocal8Bit(argv[++i]);
    }
    QTemporaryDir dir;
    // The same calls twice: plain RTP, and SRTP keyed in the SDP (AES-CM/HMAC-SHA1, decrypted by the agent on OpenSSL).
    auto generate = [&](bool srtp) {
        Scenario scenario;
        for (int i = 0; i < calls; ++i) {
            CallSpec spec;
            spec.callId = "bench-" + std::to_string(i) + "@192.0.2.10";
            spec.caller = makeParty("0770090" + std::to_string(1000 + i), "198.51.100.20", "198.51.100.20", 5060,
                                    uint16_t(20000 + 2 * (i % 20000)));
            spec.callee = makeParty(std::to_string(200 + i % 100), "192.0.2.10",
                                    "192.0.2." + std::to_string(20 + i % 200), 5060, uint16_t(40000 + 2 * (i / 200)));
            spec.codec = i % 2 ? Codec::Pcma : Codec::Pcmu;
            spec.start = 1795687200.0 + i * 0.01;
            spec.ringMs = 500;
            spec.talkMs = seconds * 1000;
            spec.telephoneEvents = false;
            spec.comfortNoise = false;
            spec.seed = 1000 + std::uint64_t(i);
            if (srtp)
                spec.srtp = SrtpSpec{};
            scenario.addCall(spec);
        }
        return scenario;
    };
    std::printf("generating %d concurrent %d s calls ...\n", calls, seconds);
    const QString capture = dir.filePath(QStringLiteral("bench.pcap"));
    const QString srtpCapture = dir.filePath(QStringLiteral("bench-srtp.pcap"));
    std::string error;
    qint64 captureBytes = 0;
    // The floor: libopus alone on the same audio with the agent's settings and
    // encoder layout (one mono encoder per party, i.e. two uncoupled streams,
    // 8 kbit/s a side, complexity 0, 20 ms, 8 kHz, voice, narrowband), every frame.
    double encodeCpu = 0;
    double encodedCallSeconds = 0;
    {
        const Scenario scenario = generate(false);
        if (!writeCapture(capture.toStdString(), scenario.packets(), CaptureOptions{}, &error))
            qFatal("%s", error.c_str());
        captureBytes = QFileInfo(capture).size();
        int err = 0;
        const double t0 = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
        unsigned char out[4000];
        for (const CallTruth &t : scenario.truths()) {
            OpusEncoder *enc[2];
            for (OpusEncoder *&e : enc) {
                e = opus_encoder_create(8000, 1, OPUS_APPLICATION_VOIP, &err);
                opus_encoder_ctl(e, OPUS_SET_BITRATE(8000));
                opus_encoder_ctl(e, OPUS_SET_COMPLEXITY(0));
                opus_encoder_ctl(e, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
                opus_encoder_ctl(e, OPUS_SET_VBR(1));
                opus_encoder_ctl(e, OPUS_SET_MAX_BANDWIDTH(OPUS_BANDWIDTH_NARROWBAND));
            }
            const std::size_t n = std::min(t.caller.audio.size(), t.callee.audio.size());
            for (std::size_t i = 0; i + 160 <= n; i += 160) {
                opus_encode(enc[0], t.callee.audio.data() + i, 160, out, sizeof out);
                opus_encode(enc[1], t.caller.audio.data() + i, 160, out, sizeof out);
            }
            for (OpusEncoder *e : enc)
                opus_encoder_destroy(e);
            encodedCallSeconds += double(n) / 8000.0;
        }
        encodeCpu = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - t0;
    }
    {
        const Scenario scenario = generate(true);
        if (!writeCapture(srtpCapture.toStdString(), scenario.packets(), CaptureOptions{}, &error))
            qFatal("%s", error.c_str());
    }
    const double ceiling = encodedCallSeconds / encodeCpu;
    std::printf("encoder alone: %.0f call-seconds in %.1f CPU s = %.0f calls per core\n", encodedCallSeconds, encodeCpu,
                ceiling);

    // The whole pipeline: the real agent replaying the capture, once encoding
    // every frame and once skipping frames of digital silence (the default).
    struct Run
    {
        double cpu = 0;
        double wall = 0;
        double peakMb = 0;
        int recorded = 0;
        double seconds = 0;
        qint64 bytes = 0;
        qint64 frames = 0;
    };
    auto replay = [&](bool encodeSilence, const QString &tag, const QString &captureFile,
                      const QString &encryption = QStringLiteral("off")) {
        Run run;
        QFile conf(dir.filePath(QStringLiteral("agent-%1.conf").arg(tag)));
        conf.open(QIODevice::WriteOnly);
        conf.write(QStringLiteral("[agent]\ninterface = none\nreserve_free = 10MB\nencode_silence = %1\n"
                                  "[vault bench]\nextensions = 200-299\nencryption = %2\n")
                       .arg(encodeSilence ? QStringLiteral("yes") : QStringLiteral("no"), encryption)
                       .toUtf8());
        conf.close();
        QProcess agent;
        agent.setStandardOutputFile(dir.filePath(QStringLiteral("calls-%1.jsonl").arg(tag)));
        agent.setStandardErrorFile(dir.filePath(QStringLiteral("agent-%1.log").arg(tag)));
        QElapsedTimer wall;
        wall.start();
        rusage before{};
        getrusage(RUSAGE_CHILDREN, &before);
        agent.start(QStringLiteral(VIPVAULT_AGENT_BIN),
                    {QStringLiteral("replay"), QStringLiteral("--config"), conf.fileName(),
                     QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data-%1").arg(tag)), captureFile});
        agent.waitForFinished(-1);
        run.wall = wall.elapsed() / 1000.0;
        rusage after{};
        getrusage(RUSAGE_CHILDREN, &after);
        run.cpu =
            (after.ru_utime.tv_sec - before.ru_utime.tv_sec) + (after.ru_stime.tv_sec - before.ru_stime.tv_sec) +
            ((after.ru_utime.tv_usec - before.ru_utime.tv_usec) + (after.ru_stime.tv_usec - before.ru_stime.tv_usec)) /
                1e6;
        run.peakMb = 0; // from the agent's summary (VmHWM); maxrss would count this process's pages before exec
        QFile lines(dir.filePath(QStringLiteral("calls-%1.jsonl").arg(tag)));
        lines.open(QIODevice::ReadOnly);
        for (const QByteArray &line : lines.readAll().split('\n')) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.value(QStringLiteral("recorded")).toBool()) {
                ++run.recorded;
                run.seconds += o.value(QStringLiteral("duration_ms")).toDouble() / 1000.0;
                run.bytes += o.value(QStringLiteral("bytes")).toInteger();
            }
            if (o.value(QStringLiteral("event")).toString() == u"summary") {
                run.frames = o.value(QStringLiteral("packets")).toInteger();
                run.peakMb = o.value(QStringLiteral("peak_memory_mb")).toDouble();
            }
        }
        return run;
    };
    const Run all = replay(true, QStringLiteral("all"), capture);
    const Run srtp = replay(false, QStringLiteral("srtp"), srtpCapture);
    // Plain and encrypted at rest (agent-held key: every file sealed as it is written) alternate, twice each, and
    // each keeps its cheaper run: on this shared machine one configuration's CPU time varies by more between two
    // runs than the difference being measured.
    const Run skip1 = replay(false, QStringLiteral("skip"), capture);
    const Run sealed1 = replay(false, QStringLiteral("sealed"), capture, QStringLiteral("agent"));
    const Run skip2 = replay(false, QStringLiteral("skip2"), capture);
    const Run sealed2 = replay(false, QStringLiteral("sealed2"), capture, QStringLiteral("agent"));
    const Run skip = skip1.cpu <= skip2.cpu ? skip1 : skip2;
    const Run sealed = sealed1.cpu <= sealed2.cpu ? sealed1 : sealed2;
    std::printf("plain runs %.1f and %.1f CPU s; encrypted runs %.1f and %.1f CPU s\n", skip1.cpu, skip2.cpu,
                sealed1.cpu, sealed2.cpu);
    const double sealedPerCore = sealed.seconds / sealed.cpu;
    const double srtpPerCore = srtp.seconds / srtp.cpu;
    const double allPerCore = all.seconds / all.cpu;
    const double agentCpu = skip.cpu;
    const double wallS = skip.wall;
    const double peakMb = std::max(all.peakMb, skip.peakMb);
    const int recorded = skip.recorded;
    const double recordedSeconds = skip.seconds;
    const qint64 audioBytes = skip.bytes;
    const qint64 frames = skip.frames;
    const qint64 drops = 0;
    std::printf("pipeline encoding every frame: %.0f calls per core (%.0f%% of the ceiling), %d recorded\n", allPerCore,
                100.0 * allPerCore / ceiling, all.recorded);
    const double perCore = recordedSeconds / agentCpu;
    std::printf("pipeline with SRTP (AES_CM_128_HMAC_SHA1_80): %.0f calls per core (%.0f%% of plain), %d recorded\n",
                srtpPerCore, 100.0 * srtpPerCore / perCore, srtp.recorded);
    std::printf("pipeline with recordings encrypted at rest: %.0f calls per core (%.1f%% of plain), %d recorded, "
                "%.2f%% more bytes\n",
                sealedPerCore, 100.0 * sealedPerCore / perCore, sealed.recorded,
                100.0 * (double(sealed.bytes) / double(std::max<qint64>(1, skip.bytes)) - 1.0));
    const double minutesPerGb = recordedSeconds / 60.0 / (double(audioBytes) / 1e9);
    std::printf("pipeline: %d/%d recorded, %.0f call-seconds in %.1f CPU s (%.1f s wall) = %.0f calls per core (%.0f%% "
                "of the encoder ceiling); %.0f packets/s per core; peak %.0f MB; %.0f minutes per GB\n",
                recorded, calls, recordedSeconds, agentCpu, wallS, perCore, 100.0 * perCore / ceiling,
                frames / agentCpu, peakMb, minutesPerGb);
    const QString md =
        QStringLiteral("## Recording pipeline speed (`bench_pipeline`)\n\n"
                       "Machine: %1. Build: %2.\n\n"
                       "Method: a generated capture of %3 concurrent %4 s G.711 calls with speech-like audio "
                       "(%5 packets, %6 MB, Ethernet pcap) replayed at full speed by a real `vipvault-agent replay` "
                       "(decode layers, SIP, RTP, G.711 decode, two-stream Opus encode, Ogg files, SQLite catalogue). "
                       "CPU time is the agent process's user+system time. In the same run, the bare cost of libopus "
                       "encoding the same audio with the same settings (two uncoupled mono streams, 8 kbit/s a side, "
                       "complexity 0, 20 ms frames, 8 kHz) gives the pipeline's floor. Command: "
                       "`build/bench/bench_pipeline --calls %3 --seconds %4`.\n\n"
                       "| measure | result | target |\n|---|---|---|\n"
                       "| libopus alone: call-seconds encoded per CPU-second (the ceiling) | %7 | |\n"
                       "| whole pipeline, every frame encoded: recorded call-seconds per CPU-second | %17 (%18% of "
                       "the ceiling) | ≥ 85% of the ceiling (%9) |\n"
                       "| whole pipeline, silent frames not encoded (the default) | %8 (%10% of the ceiling) | "
                       "past the ceiling |\n"
                       "| whole pipeline, SRTP (AES_CM_128_HMAC_SHA1_80, both directions) decrypted, "
                       "silent frames not encoded | %20 (%21% of plain RTP; %22 of %3 recorded) | within 10% of "
                       "plain |\n"
                       "| whole pipeline, recordings encrypted at rest as they are written (agent-held key, "
                       "XChaCha20-Poly1305 in 16 kB chunks), silent frames not encoded; plain and encrypted run "
                       "alternately twice, the cheaper of each kept | %23 (%24% of plain; %25 of %3 recorded; %26% "
                       "more bytes) | within 5% of plain |\n"
                       "| calls recorded | %11 of %3 (every frame encoded: %19) | all |\n"
                       "| packets per CPU-second | %12 | |\n"
                       "| peak memory of the agent | %13 MB | |\n"
                       "| recorded minutes per GB (GB = 10^9 bytes) | %14 | ≥ 8,000 |\n"
                       "| replay wall time | %15 s for %16 call-seconds | |\n")
            .arg(machineDescription(), QStringLiteral(VIPVAULT_BUILD_TYPE))
            .arg(calls)
            .arg(seconds)
            .arg(frames)
            .arg(captureBytes / 1e6, 0, 'f', 0)
            .arg(ceiling, 0, 'f', 0)
            .arg(perCore, 0, 'f', 0)
            .arg(0.85 * ceiling, 0, 'f', 0)
            .arg(100.0 * perCore / ceiling, 0, 'f', 0)
            .arg(recorded)
            .arg(frames / agentCpu, 0, 'f', 0)
            .arg(peakMb, 0, 'f', 0)
            .arg(minutesPerGb, 0, 'f', 0)
            .arg(wallS, 0, 'f', 1)
            .arg(recordedSeconds, 0, 'f', 0)
            .arg(allPerCore, 0, 'f', 0)
            .arg(100.0 * allPerCore / ceiling, 0, 'f', 0)
            .arg(all.recorded)
            .arg(srtpPerCore, 0, 'f', 0)
            .arg(100.0 * srtpPerCore / perCore, 0, 'f', 0)
            .arg(srtp.recorded)
            .arg(sealedPerCore, 0, 'f', 0)
            .arg(100.0 * sealedPerCore / perCore, 0, 'f', 1)
            .arg(sealed.recorded)
            .arg(100.0 * (double(sealed.bytes) / double(std::max<qint64>(1, skip.bytes)) - 1.0), 0, 'f', 2);
    writeSection(doc, QStringLiteral("pipeline"), md);
    std::printf("written to %s (capture drops %lld)\n", qPrintable(doc), static_cast<long long>(drops));
    return 0;
}
