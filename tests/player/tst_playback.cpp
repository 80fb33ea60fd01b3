// Playback through a real audio output: a private PulseAudio null sink (scripts/with-audio.sh) whose monitor is
// recorded with parec while AudioPlayer plays a recording the agent made from a generated call. The capture must
// hold sound, shaped like the recording (envelope correlation with the decoded file), for about its duration.
#include "audioplayer.h"
#include "decodeworker.h"
#include "opusstreamdecoder.h"
#include "recordedcall.h"
#include "speech.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace vv::player;
using namespace vv::playertest;

class TestPlayback : public QObject
{
    Q_OBJECT
    RecordedCall m_call;

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("PULSE_SERVER") || qEnvironmentVariableIsEmpty("VIPVAULT_AUDIO_SINK"))
            QSKIP("no private PulseAudio server: run through scripts/with-audio.sh (it says why it could not start)");
        QVERIFY2(m_call.make(6.0, 21), qPrintable(m_call.error));
    }

    void playsAudibleSoundMatchingTheRecording()
    {
        const QString monitor = qEnvironmentVariable("VIPVAULT_AUDIO_SINK") + ".monitor";
        QProcess parec;
        parec.start("parec",
                    {"-d", monitor, "--format=s16le", "--rate=48000", "--channels=2", "--raw", "--latency-msec=20"});
        QVERIFY2(parec.waitForStarted(5000), qPrintable(parec.errorString()));
        // Connected once the monitor delivers anything (silence), so the capture holds the very first sample.
        QTRY_VERIFY_WITH_TIMEOUT(parec.bytesAvailable() > 0, 10000);

        AudioPlayer player;
        QSignalSpy errors(&player, &AudioPlayer::error);
        player.openData(m_call.ogg);
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(player.state() == AudioPlayer::State::Playing || !errors.isEmpty(), 10000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
        // The position follows what the device has played, so it only moves when the sink really consumes.
        QTRY_VERIFY_WITH_TIMEOUT(player.position() > 1000 || player.state() != AudioPlayer::State::Playing, 10000);
        QCOMPARE(player.state(), AudioPlayer::State::Playing);
        QTRY_VERIFY_WITH_TIMEOUT(player.state() == AudioPlayer::State::Stopped, 30000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
        QVERIFY2(player.source()->realFramesOut() >= m_call.durationMs * 48 * 9 / 10,
                 qPrintable(QString::number(player.source()->realFramesOut())));
        // The sink drained before Stopped; a little more so the monitor has passed the tail on to parec.
        QTest::qWait(300);
        parec.terminate();
        QVERIFY(parec.waitForFinished(5000));
        const QByteArray raw = parec.readAllStandardOutput();
        QVERIFY2(raw.size() > 48000 * 4 * 3, qPrintable(QString::number(raw.size())));
        QVERIFY2(raw.size() < 48000 * 4 * 60, qPrintable(QString::number(raw.size())));

        std::vector<float> captured(size_t(raw.size() / 4));
        const auto *s = reinterpret_cast<const qint16 *>(raw.constData());
        double sum = 0;
        for (size_t i = 0; i < captured.size(); ++i) {
            captured[i] = 0.5f * (s[2 * i] + s[2 * i + 1]) / 32768.f;
            sum += double(captured[i]) * captured[i];
        }
        const double rms = std::sqrt(sum / double(captured.size()));
        qInfo("captured %zu frames, RMS %.4f", captured.size(), rms);
        QVERIFY2(rms > 0.005, "the null sink's monitor heard (almost) nothing");

        // The recording's own mono envelope, decoded directly.
        OpusStreamDecoder decoder(std::make_shared<ByteCache>(m_call.ogg));
        QVERIFY(decoder.open());
        std::vector<float> buffer(9600), mono;
        int n;
        while ((n = decoder.read(buffer.data(), 4800)) > 0)
            for (int i = 0; i < n; ++i)
                mono.push_back(0.5f * (buffer[2 * i] + buffer[2 * i + 1]));
        // parec started before playback: the lag search allows up to 3 s of lead-in.
        const auto lag = vv::capgen::bestLagCorrelation(envelope48k(captured), envelope48k(mono), 150);
        qInfo("captured vs recording: correlation %.3f at lag %d windows", lag.correlation, lag.lagWindows);
        QVERIFY2(lag.correlation > 0.7, qPrintable(QString::number(lag.correlation)));
    }
};

QTEST_MAIN(TestPlayback)
#include "tst_playback.moc"
