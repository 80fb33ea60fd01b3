// The player panel's keyboard shortcuts and the waveform's click-to-seek, offscreen, on a recording the real agent
// made. Left/Right and clicks are judged on the player's position; Space on the play button being pressed (whether
// playback then starts depends on an audio device, which this test does not need: without one the panel shows the
// device error instead).
#include "playerwidget.h"
#include "recordedcall.h"
#include "waveformwidget.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace vv::player;
using namespace vv::playertest;

class TestPlayerWidget : public QObject
{
    Q_OBJECT
    RecordedCall m_call;

    // A shown, active panel with the recording opened (not playing), focus inside it.
    static bool load(PlayerWidget &w, const QByteArray &ogg)
    {
        w.resize(640, 240);
        w.show();
        w.activateWindow();
        if (!QTest::qWaitForWindowActive(&w))
            return false;
        w.player()->openData(ogg);
        if (!QTest::qWaitFor([&] { return w.player()->state() == AudioPlayer::State::Stopped; }, 10000))
            return false;
        // Focus on the panel itself: the shortcuts hold for it and everything inside it.
        w.setFocusPolicy(Qt::StrongFocus);
        w.setFocus();
        return QTest::qWaitFor([&] { return w.hasFocus(); }, 5000);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_call.make(12.0, 31), qPrintable(m_call.error)); }

    // What is drawn matches what is heard: the side the listener turned off is drawn faint and says so.
    void mutedSideIsDimmed()
    {
        PlayerWidget w;
        QVERIFY(load(w, m_call.ogg));
        auto *waveform = w.findChild<WaveformWidget *>("waveform");
        auto *channel = w.findChild<QComboBox *>("channelCombo");
        QVERIFY(waveform && channel);
        QVERIFY(!waveform->extensionMuted() && !waveform->farEndMuted());
        channel->setCurrentIndex(channel->findData(int(ChannelMode::Extension)));
        QVERIFY(!waveform->extensionMuted() && waveform->farEndMuted());
        QCOMPARE(w.player()->channelMode(), ChannelMode::Extension);
        channel->setCurrentIndex(channel->findData(int(ChannelMode::FarEnd)));
        QVERIFY(waveform->extensionMuted() && !waveform->farEndMuted());
        channel->setCurrentIndex(channel->findData(int(ChannelMode::Stereo)));
        QVERIFY(!waveform->extensionMuted() && !waveform->farEndMuted());
    }

    void arrowsJumpFiveSeconds()
    {
        PlayerWidget w;
        QVERIFY(load(w, m_call.ogg));
        AudioPlayer *p = w.player();
        QVERIFY2(p->duration() > 11000 && p->duration() < 20000, qPrintable(QString::number(p->duration())));
        QCOMPARE(p->position(), 0);
        // Each press moves 5 s from where the player is, within the recording.
        qint64 expected = 0;
        for (int i = 0; i < 4; ++i) {
            QTest::keyClick(&w, Qt::Key_Right);
            expected = std::min(expected + 5000, p->duration());
            QCOMPARE(p->position(), expected);
        }
        QCOMPARE(p->position(), p->duration()); // 4 x 5 s reach the end of a 12 s call, and stop there
        QTest::keyClick(&w, Qt::Key_Left);
        QCOMPARE(p->position(), p->duration() - 5000);
        p->seek(2000);
        QTest::keyClick(&w, Qt::Key_Left); // clamped to the start
        QCOMPARE(p->position(), 0);
    }

    void spacePressesPlay()
    {
        PlayerWidget w;
        QVERIFY(load(w, m_call.ogg));
        auto *play = w.findChild<QPushButton *>("playButton");
        QVERIFY(play);
        QVERIFY(play->isEnabled());
        QSignalSpy clicked(play, &QPushButton::clicked);
        QSignalSpy errors(w.player(), &AudioPlayer::error);
        QTest::keyClick(&w, Qt::Key_Space);
        QCOMPARE(clicked.count(), 1);
        // Either it plays, or the device error is shown (never silently nothing).
        QTRY_VERIFY_WITH_TIMEOUT(w.player()->state() == AudioPlayer::State::Playing || !errors.isEmpty(), 10000);
        if (!errors.isEmpty()) {
            QCOMPARE(w.findChild<QLabel *>("statusLabel")->text(), errors.first().first().toString());
        } else {
            QTest::keyClick(&w, Qt::Key_Space); // pauses
            QCOMPARE(clicked.count(), 2);
            QCOMPARE(w.player()->state(), AudioPlayer::State::Paused);
        }
    }

    void waveformClickSeeks()
    {
        PlayerWidget w;
        QVERIFY(load(w, m_call.ogg));
        auto *wave = w.findChild<WaveformWidget *>();
        QVERIFY(wave->width() > 100);
        const qint64 duration = w.player()->duration();
        const auto at = [&](double fraction) {
            return QPoint(int(fraction * (wave->width() - 1)), wave->height() / 2);
        };
        // One pixel is duration / (width - 1) ms.
        const qint64 pixelMs = duration / (wave->width() - 1) + 1;
        for (double f : {0.5, 0.25, 0.9, 0.0, 1.0}) {
            QTest::mouseClick(wave, Qt::LeftButton, {}, at(f));
            QVERIFY2(std::abs(w.player()->position() - qint64(f * duration)) <= pixelMs,
                     qPrintable(QString("%1: %2 of %3").arg(f).arg(w.player()->position()).arg(duration)));
            QTRY_COMPARE(wave->position(), w.player()->position()); // the cursor follows
        }
        const qint64 before = w.player()->position();
        QTest::mouseClick(wave, Qt::RightButton, {}, at(0.5)); // only the left button seeks
        QCOMPARE(w.player()->position(), before);
    }
};

QTEST_MAIN(TestPlayerWidget)
#include "tst_playerwidget.moc"
