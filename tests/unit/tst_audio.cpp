// RTP placement on the call timeline (reorder, loss, duplicates, timestamp
// jumps, SSRC changes, frozen clocks) and the two-stream Ogg Opus writer.
#include "audio/oggopuswriter.h"
#include "rtp/directiontrack.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <opusfile.h>

using namespace vv::agent;

struct Pkt
{
    int seq;
    std::uint32_t ts;
    std::uint32_t ssrc;
    int arrivalMs;
    int value; // every sample of the packet carries this value
};
Q_DECLARE_METATYPE(QList<Pkt>)
using Expect = QList<QPair<int, int>>; // (value, expected first sample position); value 0 = silence at position

class TestAudio : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placement_data();
    void placement();
    void oggOpusTwoUncoupledStreams();
};

static QList<Pkt> steady(int n, std::uint32_t ssrc = 1, int seq0 = 100, std::uint32_t ts0 = 5000, int t0 = 0)
{
    QList<Pkt> l;
    for (int i = 0; i < n; ++i)
        l.append({seq0 + i, ts0 + 160u * i, ssrc, t0 + 20 * i, i + 1});
    return l;
}

void TestAudio::placement_data()
{
    QTest::addColumn<QList<Pkt>>("packets");
    QTest::addColumn<Expect>("expect");
    QTest::addColumn<int>("lost");
    QTest::addColumn<int>("duplicated");
    QTest::addColumn<int>("reanchors");

    QTest::newRow("in order") << steady(10) << Expect{{1, 0}, {5, 640}, {10, 1440}} << 0 << 0 << 0;
    QList<Pkt> reordered = steady(10);
    reordered.swapItemsAt(3, 4);
    reordered[3].arrivalMs = 60;
    reordered[4].arrivalMs = 80;
    QTest::newRow("reordered") << reordered << Expect{{4, 480}, {5, 640}, {6, 800}} << 0 << 0 << 0;
    QList<Pkt> lossy = steady(10);
    lossy.removeAt(5);
    QTest::newRow("loss becomes silence") << lossy << Expect{{5, 640}, {0, 800}, {7, 960}} << 1 << 0 << 0;
    QList<Pkt> dup = steady(6);
    dup.insert(3, dup[2]);
    QTest::newRow("duplicate") << dup << Expect{{3, 320}, {4, 480}} << 0 << 1 << 0;
    QList<Pkt> jump = steady(5);
    for (const Pkt &p : steady(5, 1, 105, 900000, 100))
        jump.append({p.seq, p.ts, p.ssrc, p.arrivalMs, p.value + 5});
    QTest::newRow("timestamp jump") << jump << Expect{{5, 640}, {6, 800}, {10, 1440}} << 0 << 0 << 1;
    QList<Pkt> frozen = steady(5);
    // Resumes after 2 s of hold with the timestamp continuing as if no time passed.
    for (const Pkt &p : steady(5, 1, 105, 5000 + 800, 2000))
        frozen.append({p.seq, p.ts, p.ssrc, p.arrivalMs, p.value + 5});
    QTest::newRow("frozen clock over hold")
        << frozen << Expect{{5, 640}, {0, 8000}, {6, 16000}, {10, 16640}} << 0 << 0 << 1;
    QList<Pkt> ssrc = steady(5);
    for (const Pkt &p : steady(5, 77, 40000, 123456, 100))
        ssrc.append({p.seq, p.ts, p.ssrc, p.arrivalMs, p.value + 5});
    QTest::newRow("ssrc change") << ssrc << Expect{{5, 640}, {6, 800}, {10, 1440}} << 0 << 0 << 0;
    QList<Pkt> wrap = steady(6, 1, 65533, 0xffffff00u);
    QTest::newRow("sequence and timestamp wrap") << wrap << Expect{{1, 0}, {4, 480}, {6, 800}} << 0 << 0 << 0;
}

void TestAudio::placement()
{
    QFETCH(QList<Pkt>, packets);
    QFETCH(Expect, expect);
    DirectionTrack track(8000, 960);
    std::vector<std::int16_t> pcm(160);
    for (const Pkt &p : packets) {
        RtpPacket rtp;
        rtp.sequence = static_cast<std::uint16_t>(p.seq);
        rtp.timestamp = p.ts;
        rtp.ssrc = p.ssrc;
        std::fill(pcm.begin(), pcm.end(), static_cast<std::int16_t>(p.value));
        track.addPacket(std::int64_t(p.arrivalMs) * 8, PacketTime(p.arrivalMs) * 1000, rtp, pcm.data(), pcm.size(),
                        8000);
    }
    std::vector<std::int16_t> out(20000, -1);
    track.read(static_cast<int>(out.size()), out.data(), 1);
    for (const auto &[value, pos] : expect) {
        QVERIFY2(
            out[pos] == value && out[pos + 159] == value,
            qPrintable(
                QStringLiteral("at %1 expected %2, got %3..%4").arg(pos).arg(value).arg(out[pos]).arg(out[pos + 159])));
    }
    QTEST(int(track.stats().lost()), "lost");
    QTEST(int(track.stats().duplicated), "duplicated");
    QTEST(int(track.stats().reanchors), "reanchors");
}

void TestAudio::oggOpusTwoUncoupledStreams()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("t.opus"));
    OggOpusWriter w;
    QString error;
    QVERIFY2(w.open(path, OpusSettings(), {QStringLiteral("K=V")}, &error), qPrintable(error));
    // Left: 440 Hz for 2 s. Right: silent for 1 s, then 1 kHz.
    const int rate = 8000;
    const int total = 2 * rate + 37; // not a whole number of frames
    std::vector<std::int16_t> frame(static_cast<std::size_t>(w.frameSamples()) * 2);
    int n = 0;
    while (n < total) {
        for (int i = 0; i < w.frameSamples(); ++i, ++n) {
            const double t = double(n) / rate;
            frame[2 * i] = n < total ? static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 440 * t)) : 0;
            frame[2 * i + 1] =
                n < total && n >= rate ? static_cast<std::int16_t>(8000 * std::sin(2 * M_PI * 1000 * t)) : 0;
        }
        QVERIFY2(w.writeFrame(frame.data(), &error), qPrintable(error));
    }
    QVERIFY2(w.finish(total, &error), qPrintable(error));

    int err = 0;
    OggOpusFile *f = op_open_file(path.toLocal8Bit().constData(), &err);
    QVERIFY2(f, "libopusfile must open family-1 two-stream files");
    const OpusHead *head = op_head(f, -1);
    QCOMPARE(head->channel_count, 2);
    QCOMPARE(head->mapping_family, 1);
    QCOMPARE(head->stream_count, 2);
    QCOMPARE(head->coupled_count, 0);
    QCOMPARE(op_pcm_total(f, -1), ogg_int64_t(total) * 6);
    std::vector<opus_int16> pcm;
    opus_int16 buf[5760 * 2];
    int got;
    while ((got = op_read(f, buf, 5760 * 2, nullptr)) > 0)
        pcm.insert(pcm.end(), buf, buf + got * 2);
    op_free(f);
    QCOMPARE(qint64(pcm.size() / 2), qint64(total) * 6);
    auto energy = [&](int ch, int from, int to) {
        double e = 0;
        for (int i = from; i < to; ++i)
            e += double(pcm[2 * i + ch]) * pcm[2 * i + ch];
        return e / (to - from);
    };
    const double leftFirst = energy(0, 4800, 43200);
    const double rightFirst = energy(1, 4800, 43200);
    const double rightSecond = energy(1, 52800, 91200);
    QVERIFY2(leftFirst > 1e6, qPrintable(QString::number(leftFirst)));
    QVERIFY2(rightSecond > 1e6, qPrintable(QString::number(rightSecond)));
    // Uncoupled streams: nothing of the left party leaks into the right channel.
    QVERIFY2(rightFirst < leftFirst * 0.001, qPrintable(QStringLiteral("%1 vs %2").arg(rightFirst).arg(leftFirst)));
}

QTEST_APPLESS_MAIN(TestAudio)
#include "tst_audio.moc"
