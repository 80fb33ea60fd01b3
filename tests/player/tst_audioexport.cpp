// Download / export of a recording against a real agent (tests/api's AgentServer): Ogg byte-identical to the
// agent's file, WAV with a valid header and the decoded length, progress up to the total, the data going into
// "<target>.part" that is renamed only at the end, and a cancel (before or during the transfer) leaving no file.
#include "apitest.h"
#include "audioexport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtEndian>

using namespace vv::apitest;
using vv::recordings::AudioExport;

class TestAudioExport : public QObject
{
    Q_OBJECT
    AgentServer m_server;
    std::unique_ptr<AgentClient> m_alice;
    qint64 m_id = 0;
    QTemporaryDir m_out;

    struct Run
    {
        bool ok = false;
        QString message;
        QList<QPair<qint64, qint64>> progress;
        bool partOnlyWhileRunning = true; // .part exists and the target does not, at every progress report
    };

    // Exports and waits for finished(); cancelAfter >= 0 cancels at that progress report.
    Run exportTo(const QString &target, AudioExport::Format format, int cancelAfter = -1)
    {
        Run run;
        AudioExport e;
        connect(&e, &AudioExport::progress, this, [&](qint64 received, qint64 total) {
            run.progress << qMakePair(received, total);
            run.partOnlyWhileRunning &= QFile::exists(target + ".part") && !QFile::exists(target);
            if (run.progress.size() - 1 == cancelAfter)
                e.cancel();
        });
        QSignalSpy finished(&e, &AudioExport::finished);
        if (!e.start(m_alice.get(), m_id, format, target)) {
            run.message = e.error();
            return run;
        }
        if (cancelAfter == -2)
            e.cancel();
        if (finished.isEmpty() && !finished.wait(60000)) {
            run.message = "no finished() within 60 s";
            return run;
        }
        run.ok = finished.first().at(0).toBool();
        run.message = finished.first().at(1).toString();
        return run;
    }

    static QStringList files(const QString &dir) { return QDir(dir).entryList(QDir::Files); }

private Q_SLOTS:
    void initTestCase()
    {
        SignedInAgent s;
        API_CHECK(startSignedIn(m_server, &s));
        m_alice = makeClient(m_server, s.alice);
        // The longest recorded call of alice's vault: the most data to cancel in the middle of.
        qint64 longest = 0;
        for (const CatalogueCall &c : m_server.catalogue("acme"))
            if (c.recorded && !c.file.isEmpty() && c.durationMs > longest)
                longest = c.durationMs, m_id = c.id;
        QVERIFY(m_id > 0);
        QVERIFY(m_out.isValid());
    }

    // The name and extension a download gets: the format chosen decides, and the name says what the file holds.
    void fileNames_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("expected");
        QTest::newRow("WAV chosen, no extension typed")
            << "/tmp/call" << int(AudioExport::Format::Wav) << "/tmp/call.wav";
        QTest::newRow("WAV chosen, .opus typed")
            << "/tmp/call.opus" << int(AudioExport::Format::Wav) << "/tmp/call.opus.wav";
        QTest::newRow("Ogg chosen, no extension") << "/tmp/call" << int(AudioExport::Format::Ogg) << "/tmp/call.opus";
        QTest::newRow("Ogg chosen, .ogg kept") << "/tmp/call.OGG" << int(AudioExport::Format::Ogg) << "/tmp/call.OGG";
        QTest::newRow("WAV kept") << "/tmp/Call.WAV" << int(AudioExport::Format::Wav) << "/tmp/Call.WAV";
    }

    void fileNames()
    {
        QFETCH(QString, typed);
        QFETCH(int, format);
        QFETCH(QString, expected);
        QCOMPARE(AudioExport::withExtension(typed, AudioExport::Format(format)), expected);
    }

    void suggestedName()
    {
        const QDateTime t = QDateTime(QDate(2026, 12, 7), QTime(14, 30), Qt::LocalTime);
        QCOMPARE(AudioExport::suggestedName(t, "201", "07700 900123", AudioExport::Format::Ogg),
                 QString("2026-12-07 14.30 ext 201 07700 900123.opus"));
        QCOMPARE(AudioExport::suggestedName(t, "", "+44 (0)20/7946:0000", AudioExport::Format::Wav),
                 QString("2026-12-07 14.30 +44 02079460000.wav"));
    }

    void oggIsTheStoredFile()
    {
        const QString target = m_out.filePath("call.opus");
        const Run run = exportTo(target, AudioExport::formatForPath(target));
        QVERIFY2(run.ok, qPrintable(run.message));
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray stored = audioFile(m_server, m_id);
        QVERIFY(!stored.isEmpty());
        QVERIFY(f.readAll() == stored);
        QVERIFY(!QFile::exists(target + ".part"));
        QVERIFY(!run.progress.isEmpty());
        QVERIFY(run.partOnlyWhileRunning);
        QCOMPARE(run.progress.last().first, stored.size());
        for (int i = 1; i < run.progress.size(); ++i)
            QVERIFY(run.progress[i].first >= run.progress[i - 1].first);
    }

    void wavHasHeaderAndDecodedLength()
    {
        const QString target = m_out.filePath("call.WAV");
        QCOMPARE(AudioExport::formatForPath(target), AudioExport::Format::Wav);
        // An older file of that name is replaced only once the new one is complete.
        {
            QFile old(target);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
        }
        const Run run = exportTo(target, AudioExport::Format::Wav);
        QVERIFY2(run.ok, qPrintable(run.message));
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray wav = f.readAll();
        QVERIFY(wav.size() > 44);
        QCOMPARE(wav.left(4), QByteArray("RIFF"));
        QCOMPARE(wav.mid(8, 8), QByteArray("WAVEfmt "));
        QCOMPARE(qFromLittleEndian<quint16>(wav.constData() + 22), quint16(2));     // channels
        QCOMPARE(qFromLittleEndian<quint32>(wav.constData() + 24), quint32(48000)); // rate
        QCOMPARE(qFromLittleEndian<quint32>(wav.constData() + 40), quint32(wav.size() - 44));
        // 48 kHz stereo 16-bit for the call's duration (the file carries a few ms of codec padding at most).
        const auto call = m_server.catalogueCall(m_id);
        QVERIFY(call);
        const double seconds = (wav.size() - 44) / (48000.0 * 4);
        QVERIFY2(std::abs(seconds * 1000 - call->durationMs) < 500,
                 qPrintable(QString("%1 s vs %2 ms").arg(seconds).arg(call->durationMs)));
        QVERIFY(!QFile::exists(target + ".part"));
        QVERIFY(!run.progress.isEmpty()); // how many reports depends on how the bytes arrive
        QCOMPARE(run.progress.last().first, wav.size());
    }

    void cancelLeavesNoFile_data()
    {
        QTest::addColumn<int>("cancelAfter");
        QTest::addColumn<int>("format");
        QTest::newRow("ogg, before any data") << -2 << int(AudioExport::Format::Ogg);
        QTest::newRow("wav, before any data") << -2 << int(AudioExport::Format::Wav);
        QTest::newRow("wav, at the first progress") << 0 << int(AudioExport::Format::Wav);
    }

    void cancelLeavesNoFile()
    {
        QFETCH(int, cancelAfter);
        QFETCH(int, format);
        QTemporaryDir dir;
        const QString target = dir.filePath("cancelled.wav");
        const Run run = exportTo(target, AudioExport::Format(format), cancelAfter);
        QVERIFY2(!run.ok, "the export completed although it was cancelled");
        QVERIFY2(!run.message.isEmpty(), "a cancel says so");
        QVERIFY2(files(dir.path()).isEmpty(), qPrintable(files(dir.path()).join(", ")));
    }

    void unwritableTargetFailsAtOnce()
    {
        AudioExport e;
        QVERIFY(!e.start(m_alice.get(), m_id, AudioExport::Format::Ogg, m_out.filePath("no/such/dir/call.opus")));
        QVERIFY(!e.error().isEmpty());
        QVERIFY(!e.isRunning());
    }
};

QTEST_MAIN(TestAudioExport)
#include "tst_audioexport.moc"
