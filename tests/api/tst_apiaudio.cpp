// Audio of recordings through the API, judged against the files the agent wrote: the whole Ogg file, single
// byte ranges (206 with exact bytes and Content-Range), refused ranges (416), WAV transcoding (a RIFF header
// that tells the truth, two channels, both parties audible), and the audit entries of plays and downloads.
#include "apitest.h"

#include <QtEndian>
#include <cmath>

using namespace vv::apitest;

namespace {

struct WavInfo
{
    QString error;
    int format = 0;
    int channels = 0;
    int sampleRate = 0;
    int bits = 0;
    qint64 declaredData = -1;
    QByteArray data;
};

WavInfo parseWav(const QByteArray &bytes)
{
    WavInfo w;
    if (bytes.size() < 44 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return w.error = "no RIFF/WAVE header", w;
    for (qsizetype at = 12; at + 8 <= bytes.size();) {
        const QByteArray id = bytes.mid(at, 4);
        const quint32 size = qFromLittleEndian<quint32>(bytes.constData() + at + 4);
        if (id == "fmt " && at + 24 <= bytes.size()) {
            w.format = qFromLittleEndian<quint16>(bytes.constData() + at + 8);
            w.channels = qFromLittleEndian<quint16>(bytes.constData() + at + 10);
            w.sampleRate = int(qFromLittleEndian<quint32>(bytes.constData() + at + 12));
            w.bits = qFromLittleEndian<quint16>(bytes.constData() + at + 22);
        } else if (id == "data") {
            w.declaredData = size;
            w.data = bytes.mid(at + 8);
            return w;
        }
        at += 8 + size + (size & 1);
    }
    return w.error = "no data chunk", w;
}

double rms(const QByteArray &pcm, int channel)
{
    double sum = 0;
    qint64 n = 0;
    for (qsizetype at = channel * 2; at + 2 <= pcm.size(); at += 4, ++n) {
        const double s = qFromLittleEndian<qint16>(pcm.constData() + at);
        sum += s * s;
    }
    return n ? std::sqrt(sum / n) : 0;
}

} // namespace

class TestApiAudio : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    QByteArray m_admin;
    QByteArray m_alice;
    qint64 m_acme = 0;
    QDateTime m_started = QDateTime::currentDateTimeUtc();

    QList<CatalogueCall> completeAcme() const { return completeCalls(m_server, "acme"); }
    QByteArray fileBytes(qint64 id) const { return audioFile(m_server, id); }
    ApiResult audio(const QByteArray &token, qint64 id, const QByteArray &range = {}, const QUrlQuery &query = {})
    {
        return vv::apitest::audio(m_server, token, id, range, query);
    }
    QString auditEntry(const QString &action, const QString &user, qint64 recording)
    {
        return expectAuditEntry(m_server, m_admin, action, user, recording, m_acme, m_started);
    }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        std::tie(m_admin, m_alice, m_acme) = std::tuple(s.admin, s.alice, s.acme);
        QVERIFY(completeAcme().size() >= 5);
    }

    void cleanupTestCase() { API_CHECK(stopIfRunning(m_server)); }

    void audioWhole()
    {
        const QList<CatalogueCall> complete = completeAcme();
        QVERIFY(complete.size() >= 5);
        for (const CatalogueCall &c : complete) {
            const ApiResult r = audio(m_alice, c.id);
            API_CHECK(expectStatus(r, 200));
            QCOMPARE(r.contentType, QByteArray("audio/ogg"));
            const QByteArray file = fileBytes(c.id);
            QVERIFY(file.startsWith("OggS"));
            QVERIFY2(r.data == file, qPrintable(QStringLiteral("%1: %2 bytes served, file has %3")
                                                    .arg(c.sipCallId)
                                                    .arg(r.data.size())
                                                    .arg(file.size())));
            QCOMPARE(r.header("content-length").toLongLong(), file.size());
        }
    }

    void audioRanges_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<qint64>("first"); // negative: counted from the end
        QTest::addColumn<qint64>("last");  // -1: the last byte
        QTest::newRow("first 100") << QByteArray("bytes=0-99") << qint64(0) << qint64(99);
        QTest::newRow("from 100") << QByteArray("bytes=100-") << qint64(100) << qint64(-1);
        QTest::newRow("suffix 50") << QByteArray("bytes=-50") << qint64(-50) << qint64(-1);
        QTest::newRow("one byte") << QByteArray("bytes=5-5") << qint64(5) << qint64(5);
        QTest::newRow("whole as range") << QByteArray("bytes=0-") << qint64(0) << qint64(-1);
        QTest::newRow("end beyond size") << QByteArray("bytes=10-999999999") << qint64(10) << qint64(-1);
    }

    void audioRanges()
    {
        QFETCH(QByteArray, range);
        QFETCH(qint64, first);
        QFETCH(qint64, last);
        const CatalogueCall c = completeAcme().first();
        const QByteArray file = fileBytes(c.id);
        const qint64 size = file.size();
        const qint64 from = first < 0 ? size + first : first;
        const qint64 to = last < 0 ? size - 1 : last;
        const ApiResult r = audio(m_alice, c.id, range);
        API_CHECK(expectStatus(r, 206));
        QCOMPARE(r.contentType, QByteArray("audio/ogg"));
        QCOMPARE(r.header("content-range"), QStringLiteral("bytes %1-%2/%3").arg(from).arg(to).arg(size).toLatin1());
        QCOMPARE(r.header("content-length").toLongLong(), to - from + 1);
        QVERIFY2(r.data == file.mid(from, to - from + 1), "the range's bytes differ from the file's");
    }

    void audioRefusedRanges_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<bool>("tellsSize"); // unsatisfiable (as opposed to malformed): Content-Range: bytes */SIZE
        QTest::newRow("beyond the end") << QByteArray("bytes=999999999-") << true;
        QTest::newRow("multiple ranges") << QByteArray("bytes=0-1,5-6") << false;
        QTest::newRow("not numbers") << QByteArray("bytes=abc") << false;
        QTest::newRow("reversed") << QByteArray("bytes=5-1") << false;
        QTest::newRow("empty set") << QByteArray("bytes=") << false;
        QTest::newRow("empty suffix") << QByteArray("bytes=-0") << false;
        QTest::newRow("three parts") << QByteArray("bytes=1-2-3") << false;
        QTest::newRow("huge number") << QByteArray("bytes=99999999999999999999999-") << false;
    }

    void audioRefusedRanges()
    {
        QFETCH(QByteArray, range);
        QFETCH(bool, tellsSize);
        const CatalogueCall c = completeAcme().first();
        const ApiResult r = audio(m_alice, c.id, range);
        API_CHECK(expectProblem(r, 416));
        if (tellsSize)
            QCOMPARE(r.header("content-range"), "bytes */" + QByteArray::number(fileBytes(c.id).size()));
    }

    void wavDownload()
    {
        const CatalogueCall c = completeAcme().first();
        const ApiResult r = audio(m_alice, c.id, {}, QUrlQuery{{"format", "wav"}});
        API_CHECK(expectStatus(r, 200));
        QCOMPARE(r.contentType, QByteArray("audio/wav"));
        const WavInfo w = parseWav(r.data);
        QVERIFY2(w.error.isEmpty(), qPrintable(w.error));
        QCOMPARE(w.format, 1); // PCM
        QCOMPARE(w.channels, 2);
        QVERIFY2(w.sampleRate == 8000 || w.sampleRate == 48000, qPrintable(QString::number(w.sampleRate)));
        QCOMPARE(w.bits, 16);
        QCOMPARE(w.declaredData, qint64(w.data.size())); // a header that lies makes players cut or pad the call
        const double seconds = w.data.size() / (w.sampleRate * 4.0);
        QVERIFY2(std::abs(seconds * 1000 - c.durationMs) < 250,
                 qPrintable(QStringLiteral("%1 s of audio for a %2 ms call").arg(seconds).arg(c.durationMs)));
        // Both parties are there, each on its own channel.
        QVERIFY2(rms(w.data, 0) > 100 && rms(w.data, 1) > 100,
                 qPrintable(QStringLiteral("rms %1 / %2").arg(rms(w.data, 0)).arg(rms(w.data, 1))));
    }

    void wavHasNoRanges()
    {
        const CatalogueCall c = completeAcme().first();
        const ApiResult r = audio(m_alice, c.id, "bytes=0-99", QUrlQuery{{"format", "wav"}});
        QVERIFY2(r.httpStatus == 200 || r.httpStatus == 416, qPrintable(describe(r)));
        QVERIFY(!r.headers.contains("content-range") || r.httpStatus == 416);
        if (r.httpStatus == 200)
            QVERIFY(parseWav(r.data).error.isEmpty());
    }

    void audioBadFormat()
    {
        API_CHECK(
            expectProblem(audio(m_alice, completeAcme().first().id, {}, QUrlQuery{{"format", "mp3"}}), 422, "format"));
    }

    void audioOfCallNotRecorded()
    {
        for (const CatalogueCall &c : m_server.catalogue("acme"))
            if (!c.recorded)
                API_CHECK(expectProblemIn(audio(m_alice, c.id), {404, 409, 410}));
    }

    void auditOfPlayAndDownload()
    {
        const QList<CatalogueCall> complete = completeAcme();
        API_CHECK(expectStatus(audio(m_alice, complete.at(1).id), 200));
        API_CHECK(expectStatus(audio(m_alice, complete.at(2).id, {}, QUrlQuery{{"download", "true"}}), 200));
        API_CHECK(auditEntry("play", "alice", complete.at(1).id));
        API_CHECK(auditEntry("download", "alice", complete.at(2).id));
    }
};

QTEST_GUILESS_MAIN(TestApiAudio)
#include "tst_apiaudio.moc"
