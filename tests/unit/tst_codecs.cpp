// Each supported codec decodes what its reference encoder produced, at the
// recording's timeline rate (8 or 16 kHz), close to the source signal.
#include "audio/callrecorder.h"
#include "rtp/codec.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <opus/opus.h>
#include <opusfile.h>
using namespace vv::agent;

extern "C" {
#include <bcg729/encoder.h>
#include <gsm/gsm.h>
// telephony.h must come first: g722.h uses its macros.
// clang-format off
#include <spandsp/telephony.h>
#include <spandsp/g722.h>
// clang-format on
}

class TestCodecs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void widebandCallStaysWideband();
    void garbageIsRefusedNotFatal_data();
    void garbageIsRefusedNotFatal();
};

namespace {

// A voiced-speech-like tone: 150 Hz harmonics with a syllable envelope.
std::vector<std::int16_t> source(int rate, int ms)
{
    std::vector<std::int16_t> s(static_cast<std::size_t>(rate * ms / 1000));
    for (std::size_t i = 0; i < s.size(); ++i) {
        const double t = double(i) / rate;
        double v = 0;
        for (int h = 1; h <= 8; ++h)
            v += std::sin(2 * M_PI * 150 * h * t) / h;
        s[i] = static_cast<std::int16_t>(5000 * v * (0.6 + 0.4 * std::sin(2 * M_PI * 3 * t)));
    }
    return s;
}

// Encodes `pcm` (at the codec's own rate) into RTP payloads of 20 ms.
std::vector<std::vector<std::uint8_t>> encode(const QString &codec, const std::vector<std::int16_t> &pcm)
{
    std::vector<std::vector<std::uint8_t>> out;
    if (codec == u"G722") {
        g722_encode_state_t *e = g722_encode_init(nullptr, 64000, 0);
        for (std::size_t i = 0; i + 320 <= pcm.size(); i += 320) {
            std::vector<std::uint8_t> p(160);
            g722_encode(e, p.data(), pcm.data() + i, 320);
            out.push_back(p);
        }
        g722_encode_free(e);
    } else if (codec == u"G729") {
        bcg729EncoderChannelContextStruct *e = initBcg729EncoderChannel(0);
        for (std::size_t i = 0; i + 160 <= pcm.size(); i += 160) {
            std::vector<std::uint8_t> p(20);
            std::uint8_t len = 0;
            bcg729Encoder(e, pcm.data() + i, p.data(), &len);
            bcg729Encoder(e, pcm.data() + i + 80, p.data() + 10, &len);
            out.push_back(p);
        }
        closeBcg729EncoderChannel(e);
    } else if (codec == u"GSM") {
        gsm g = gsm_create();
        for (std::size_t i = 0; i + 160 <= pcm.size(); i += 160) {
            std::vector<std::uint8_t> p(33);
            gsm_encode(g, const_cast<gsm_signal *>(pcm.data() + i), p.data());
            out.push_back(p);
        }
        gsm_destroy(g);
    } else if (codec == u"OPUS") {
        int err = 0;
        OpusEncoder *e = opus_encoder_create(48000, 1, OPUS_APPLICATION_VOIP, &err);
        for (std::size_t i = 0; i + 960 <= pcm.size(); i += 960) {
            std::vector<std::uint8_t> p(1500);
            const int n = opus_encode(e, pcm.data() + i, 960, p.data(), 1500);
            p.resize(static_cast<std::size_t>(n));
            out.push_back(p);
        }
        opus_encoder_destroy(e);
    }
    return out;
}

double rms(const std::vector<std::int16_t> &s, std::size_t from, std::size_t to)
{
    double e = 0;
    for (std::size_t i = from; i < to; ++i)
        e += double(s[i]) * s[i];
    return std::sqrt(e / double(to - from));
}

// Correlation of the 10 ms loudness envelopes at the best small lag (codec
// delay): CELP codecs such as G.729 do not keep the waveform, only how it sounds.
double similarity(const std::vector<std::int16_t> &a, const std::vector<std::int16_t> &b, int rate)
{
    const std::size_t w = static_cast<std::size_t>(rate / 100);
    auto envelope = [w](const std::vector<std::int16_t> &s) {
        std::vector<double> e;
        for (std::size_t i = 0; i + w <= s.size(); i += w)
            e.push_back(rms(s, i, i + w));
        return e;
    };
    const std::vector<double> ea = envelope(a);
    const std::vector<double> eb = envelope(b);
    double best = -1;
    for (int lag = 0; lag <= 4; ++lag) {
        const std::size_t n = std::min(ea.size(), eb.size() - static_cast<std::size_t>(lag)) - 5;
        double ma = 0, mb = 0;
        for (std::size_t i = 5; i < n; ++i)
            ma += ea[i], mb += eb[i + lag];
        ma /= double(n - 5), mb /= double(n - 5);
        double ab = 0, aa = 0, bb = 0;
        for (std::size_t i = 5; i < n; ++i) {
            ab += (ea[i] - ma) * (eb[i + lag] - mb);
            aa += (ea[i] - ma) * (ea[i] - ma);
            bb += (eb[i + lag] - mb) * (eb[i + lag] - mb);
        }
        best = std::max(best, ab / std::sqrt(aa * bb + 1e-9));
    }
    return best;
}

int codecRate(const QString &codec)
{
    return codec == u"G722" ? 16000 : codec == u"OPUS" ? 48000 : 8000;
}

} // namespace

void TestCodecs::roundTrip_data()
{
    QTest::addColumn<QString>("codec");
    QTest::addColumn<int>("timelineRate");
    QTest::addColumn<double>("minSimilarity");
    for (int rate : {8000, 16000}) {
        const QString r = QString::number(rate / 1000);
        QTest::newRow(qPrintable(QStringLiteral("G722 at %1 kHz").arg(r))) << "G722" << rate << 0.9;
        QTest::newRow(qPrintable(QStringLiteral("G729 at %1 kHz").arg(r))) << "G729" << rate << 0.9;
        QTest::newRow(qPrintable(QStringLiteral("GSM at %1 kHz").arg(r))) << "GSM" << rate << 0.9;
        QTest::newRow(qPrintable(QStringLiteral("OPUS at %1 kHz").arg(r))) << "OPUS" << rate << 0.9;
    }
}

void TestCodecs::roundTrip()
{
    QFETCH(QString, codec);
    QFETCH(int, timelineRate);
    QFETCH(double, minSimilarity);
    QVERIFY(isSupportedCodec(codec.toStdString()));
    const std::vector<std::int16_t> in = source(codecRate(codec), 2000);
    std::unique_ptr<AudioDecoder> dec = createDecoder(codec.toStdString(), timelineRate);
    QVERIFY(dec);
    std::vector<std::int16_t> out;
    for (const auto &p : encode(codec, in))
        QVERIFY(dec->decode(p.data(), p.size(), &out));
    // 2 s of audio at the timeline rate, whatever the codec's own rate.
    QVERIFY2(std::abs(int(out.size()) - 2 * timelineRate) <= timelineRate / 50,
             qPrintable(QString::number(out.size())));
    const std::vector<std::int16_t> reference = source(timelineRate, 2000);
    const double sim = similarity(reference, out, timelineRate);
    QVERIFY2(sim >= minSimilarity, qPrintable(QStringLiteral("similarity %1").arg(sim)));
    QVERIFY(rms(out, out.size() / 4, out.size() * 3 / 4) > 1000);
}

void TestCodecs::widebandCallStaysWideband()
{
    // A G.722 call recorded end to end: RTP (8 kHz timestamp clock, RFC 3551) in, a 16 kHz Ogg Opus file out.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("wb.opus"));
    OpusSettings settings;
    settings.inputRate = 16000;
    CallRecorder rec(path, 1'000'000, 120, settings);
    QString error;
    QVERIFY2(rec.open({}, &error), qPrintable(error));
    const std::vector<std::int16_t> in = source(16000, 2000);
    const auto payloads = encode(QStringLiteral("G722"), in);
    PacketTime t = 1'000'000;
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        RtpPacket rtp;
        rtp.sequence = static_cast<std::uint16_t>(i);
        rtp.timestamp = static_cast<std::uint32_t>(i * 160);
        rtp.ssrc = 7;
        rtp.payloadType = 9;
        rtp.payload = payloads[i].data();
        rtp.payloadLength = payloads[i].size();
        t += 20'000;
        rec.addRtp(Party::Extension, t, rtp, "G722", 8000);
        rec.advance(t, &error);
    }
    QVERIFY2(rec.finish(t + 20'000, &error), qPrintable(error));
    int err = 0;
    OggOpusFile *f = op_open_file(path.toLocal8Bit().constData(), &err);
    QVERIFY(f);
    QCOMPARE(op_head(f, -1)->input_sample_rate, 16000u);
    std::vector<std::int16_t> left;
    opus_int16 buf[5760 * 2];
    int got;
    while ((got = op_read(f, buf, 5760 * 2, nullptr)) > 0)
        for (int i = 0; i < got; i += 3) // 48 kHz -> 16 kHz, plenty for a loudness envelope
            left.push_back(buf[2 * i]);
    op_free(f);
    const double sim = similarity(in, left, 16000);
    QVERIFY2(sim > 0.9, qPrintable(QStringLiteral("similarity %1").arg(sim)));
}

void TestCodecs::garbageIsRefusedNotFatal_data()
{
    QTest::addColumn<QString>("codec");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("G729 odd length") << "G729" << QByteArray(7, 'x');
    QTest::newRow("GSM odd length") << "GSM" << QByteArray(30, 'x');
    QTest::newRow("OPUS empty") << "OPUS" << QByteArray();
    QTest::newRow("G722 empty") << "G722" << QByteArray();
}

void TestCodecs::garbageIsRefusedNotFatal()
{
    QFETCH(QString, codec);
    QFETCH(QByteArray, payload);
    std::unique_ptr<AudioDecoder> dec = createDecoder(codec.toStdString(), 8000);
    std::vector<std::int16_t> out;
    QVERIFY(!dec->decode(reinterpret_cast<const std::uint8_t *>(payload.constData()), payload.size(), &out));
}

QTEST_APPLESS_MAIN(TestCodecs)
#include "tst_codecs.moc"
