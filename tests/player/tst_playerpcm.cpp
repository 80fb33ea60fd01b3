// The player's PCM path judged against the generator's truth: decoding (both channels, right party on the right
// side), position, seek, speed, channel selection, and the waveform's 100 Hz envelope. Audio comes from the real
// agent recording a generated call; no audio device is involved here (see tst_playback).
#include "decodeworker.h"
#include "opusstreamdecoder.h"
#include "pcmsource.h"
#include "recordedcall.h"
#include "speech.h"

#include <QTest>
#include <cmath>

using namespace vv::player;
using namespace vv::playertest;

namespace {

// Decodes from `frame` to the end into the queue the source reads (as DecodeThread would, but synchronously).
void refill(OpusStreamDecoder &decoder, PcmQueue &queue, qint64 frame)
{
    quint64 generation = 0;
    qint64 seekTo = -1;
    queue.waitForWork(&generation, &seekTo); // returns at once: the reset asked for a seek
    decoder.seek(frame);
    std::vector<float> buffer(4800 * 2);
    int n;
    while ((n = decoder.read(buffer.data(), 4800)) > 0)
        queue.push(generation, buffer.data(), n);
    queue.markEnd(generation);
}

struct Output
{
    std::vector<float> left;
    std::vector<float> right;
};

Output drain(PcmSource &source)
{
    Output out;
    QByteArray block(4 * 4800, Qt::Uninitialized);
    qint64 n;
    while ((n = source.read(block.data(), block.size())) > 0) {
        const auto *s = reinterpret_cast<const qint16 *>(block.constData());
        for (qint64 i = 0; i < n / 4; ++i) {
            out.left.push_back(s[2 * i] / 32768.f);
            out.right.push_back(s[2 * i + 1] / 32768.f);
        }
    }
    return out;
}

} // namespace

class TestPlayerPcm : public QObject
{
    Q_OBJECT
    RecordedCall m_call;
    qint64 m_total = 0;

    struct Rig
    {
        std::shared_ptr<ByteCache> cache;
        OpusStreamDecoder decoder;
        std::shared_ptr<PcmQueue> queue = std::make_shared<PcmQueue>();
        PcmSource source{queue};
        explicit Rig(const QByteArray &ogg)
            : cache(std::make_shared<ByteCache>(ogg))
            , decoder(cache)
        {
            decoder.open();
            source.open(QIODevice::ReadOnly);
        }
        Output play(qint64 fromFrame = 0)
        {
            source.seekTo(fromFrame);
            refill(decoder, *queue, fromFrame);
            return drain(source);
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_call.make(12.0), qPrintable(m_call.error));
        Rig rig(m_call.ogg);
        QVERIFY(rig.decoder.isOpen());
        m_total = rig.decoder.totalFrames();
    }

    void decodesBothPartiesOnTheirSides()
    {
        QVERIFY(qAbs(m_total * 1000 / 48000 - m_call.durationMs) <= 100);
        Rig rig(m_call.ogg);
        const Output out = rig.play();
        QVERIFY(qAbs(qint64(out.left.size()) - m_total) <= 2);
        const auto ext = envelope8k(m_call.extensionTruth());
        const auto far = envelope8k(m_call.farEndTruth());
        const double leftExt = correlate(envelope48k(out.left), ext);
        const double rightFar = correlate(envelope48k(out.right), far);
        const double leftFar = correlate(envelope48k(out.left), far);
        qInfo("left~ext %.3f right~far %.3f left~far %.3f", leftExt, rightFar, leftFar);
        QVERIFY2(leftExt > 0.8, qPrintable(QString::number(leftExt)));
        QVERIFY2(rightFar > 0.8, qPrintable(QString::number(rightFar)));
        QVERIFY(leftFar < leftExt - 0.3);
    }

    void positionFollowsOutput()
    {
        Rig rig(m_call.ogg);
        rig.source.seekTo(0);
        refill(rig.decoder, *rig.queue, 0);
        QByteArray block(4 * 48000, Qt::Uninitialized); // one second
        QCOMPARE(rig.source.read(block.data(), block.size()), block.size());
        QCOMPARE(qRound(rig.source.sourcePosition()), 48000);
        QCOMPARE(qRound(rig.source.positionAtOutput(24000)), 24000);
        drain(rig.source);
        QVERIFY(rig.source.reachedEnd());
        QVERIFY(qAbs(qint64(rig.source.sourcePosition()) - m_total) <= 2);
    }

    void seekStartsAtTheTarget()
    {
        Rig rig(m_call.ogg);
        const qint64 at = 5000;
        const Output out = rig.play(at * 48);
        QVERIFY(qAbs(qint64(out.left.size()) - (m_total - at * 48)) <= 2);
        // Against the truth from 5 s on, the best lag must be ~0: the audio really starts there.
        const auto lag =
            vv::capgen::bestLagCorrelation(envelope48k(out.left), envelope8k(m_call.extensionTruth(), at), 25);
        qInfo("after seek: correlation %.3f lag %d windows", lag.correlation, lag.lagWindows);
        QVERIFY(lag.correlation > 0.8);
        QVERIFY(qAbs(lag.lagWindows) <= 3);
    }

    void speedResamples_data()
    {
        QTest::addColumn<double>("speed");
        QTest::newRow("0.5x") << 0.5;
        QTest::newRow("1.5x") << 1.5;
        QTest::newRow("2x") << 2.0;
    }

    void speedResamples()
    {
        QFETCH(double, speed);
        Rig rig(m_call.ogg);
        rig.source.setSpeed(speed);
        const Output out = rig.play();
        const double expected = double(m_total) / speed;
#ifdef VIPVAULT_HAVE_SONIC
        // The pitch-keeping stretch works in pitch periods: its length is right to within a few of them (20 ms).
        QVERIFY2(qAbs(double(out.left.size()) - expected) <= 960, qPrintable(QString::number(out.left.size())));
#else
        QVERIFY2(qAbs(double(out.left.size()) - expected) <= 4, qPrintable(QString::number(out.left.size())));
#endif
        // Played back at real rate, the envelope is the truth's squeezed or stretched: resample it back.
        std::vector<float> back(static_cast<size_t>(m_total));
        for (size_t i = 0; i < back.size(); ++i) {
            const size_t j = std::min(out.left.size() - 1, size_t(double(i) / speed));
            back[i] = out.left[j];
        }
        const double c = correlate(envelope48k(back), envelope8k(m_call.extensionTruth()));
        qInfo("speed %.2f: correlation %.3f", speed, c);
        QVERIFY(c > 0.75);
    }

    // Faster or slower, a voice keeps its pitch: a 440 Hz tone played at 1.5x and 0.75x is still 440 Hz.
    void speedKeepsPitch_data()
    {
        QTest::addColumn<double>("speed");
        QTest::newRow("1.5x") << 1.5;
        QTest::newRow("0.75x") << 0.75;
    }

    void speedKeepsPitch()
    {
#ifndef VIPVAULT_HAVE_SONIC
        QSKIP("built without libsonic: speed changes the pitch");
#endif
        QFETCH(double, speed);
        auto queue = std::make_shared<PcmQueue>();
        PcmSource source{queue};
        source.open(QIODevice::ReadOnly);
        source.setSpeed(speed);
        source.seekTo(0);
        quint64 generation = 0;
        qint64 seekTo = -1;
        queue->waitForWork(&generation, &seekTo);
        constexpr int kFrames = 2 * PcmSource::kRate; // 2 s
        std::vector<float> tone(size_t(kFrames) * 2);
        for (int i = 0; i < kFrames; ++i)
            tone[2 * size_t(i)] = tone[2 * size_t(i) + 1] =
                0.5f * float(std::sin(2 * M_PI * 440.0 * i / PcmSource::kRate));
        queue->push(generation, tone.data(), kFrames);
        queue->markEnd(generation);
        const Output out = drain(source);
        QVERIFY2(qAbs(double(out.left.size()) - kFrames / speed) <= 960, qPrintable(QString::number(out.left.size())));
        // Zero crossings over the middle (away from the stretcher's start and end): two per period.
        const size_t from = out.left.size() / 4;
        const size_t to = out.left.size() * 3 / 4;
        int crossings = 0;
        for (size_t i = from + 1; i < to; ++i)
            crossings += (out.left[i - 1] < 0) != (out.left[i] < 0) ? 1 : 0;
        const double hz = crossings / 2.0 / (double(to - from) / PcmSource::kRate);
        qInfo("speed %.2f: %.1f Hz", speed, hz);
        QVERIFY2(qAbs(hz - 440.0) < 440.0 * 0.03, qPrintable(QString::number(hz)));
    }

    void channelSelection_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("extensionSide");
        QTest::newRow("extension") << int(ChannelMode::Extension) << true;
        QTest::newRow("far end") << int(ChannelMode::FarEnd) << false;
    }

    void channelSelection()
    {
        QFETCH(int, mode);
        QFETCH(bool, extensionSide);
        Rig rig(m_call.ogg);
        rig.source.setChannelMode(ChannelMode(mode));
        const Output out = rig.play();
        QCOMPARE(out.left, out.right); // the chosen side on both ears
        const auto want = envelope8k(extensionSide ? m_call.extensionTruth() : m_call.farEndTruth());
        const auto other = envelope8k(extensionSide ? m_call.farEndTruth() : m_call.extensionTruth());
        const double c = correlate(envelope48k(out.left), want);
        const double o = correlate(envelope48k(out.left), other);
        qInfo("chosen %.3f other %.3f", c, o);
        QVERIFY(c > 0.8);
        QVERIFY(o < c - 0.3);
    }

    void monoMixesAndVolumeScales()
    {
        Rig full(m_call.ogg);
        full.source.setChannelMode(ChannelMode::Mono);
        const Output a = full.play();
        Rig half(m_call.ogg);
        half.source.setChannelMode(ChannelMode::Mono);
        half.source.setVolume(0.5);
        const Output b = half.play();
        QCOMPARE(a.left, a.right);
        double ea = 0, eb = 0;
        for (size_t i = 0; i < a.left.size(); ++i)
            ea += a.left[i] * a.left[i], eb += b.left[i] * b.left[i];
        QVERIFY(ea > 0);
        QVERIFY(qAbs(std::sqrt(eb / ea) - 0.5) < 0.02);
    }

    void waveformEnvelopeMatchesTruth()
    {
        const Envelope e = EnvelopeThread::compute(std::make_shared<ByteCache>(m_call.ogg));
        QVERIFY(e.complete);
        QVERIFY(qAbs(qint64(e.left.size()) - m_total / 480) <= 1);
        // 100 Hz -> 50 Hz (20 ms) by RMS of pairs, to compare with the truth's 20 ms envelope.
        auto to20ms = [](const QVector<float> &v) {
            std::vector<double> out;
            for (qsizetype i = 0; i + 1 < v.size(); i += 2)
                out.push_back(std::sqrt((double(v[i]) * v[i] + double(v[i + 1]) * v[i + 1]) / 2));
            return out;
        };
        const double l = correlate(to20ms(e.left), envelope8k(m_call.extensionTruth()));
        const double r = correlate(to20ms(e.right), envelope8k(m_call.farEndTruth()));
        qInfo("waveform left %.3f right %.3f", l, r);
        QVERIFY(l > 0.8);
        QVERIFY(r > 0.8);
    }
};

QTEST_GUILESS_MAIN(TestPlayerPcm)
#include "tst_playerpcm.moc"
