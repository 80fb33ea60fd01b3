#pragma once
// Plays one recording: RangeFetcher fills a ByteCache, DecodeThread decodes into PcmQueue, PcmSource's frames are
// pushed into a QAudioSink, and a 100 ms timer turns the sink's processedUSecs() into the position (the Wireshark
// RTP player's pattern). EnvelopeThread decodes the file once more for the waveform. Audio device errors are
// reported through error(), never swallowed.
#include "decodeworker.h"
#include "pcmsource.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class QAudioSink;

namespace vv::net {
class AgentClient;
}

namespace vv::player {

class RangeFetcher;

class AudioPlayer : public QObject
{
    Q_OBJECT
public:
    enum class State { Empty, Loading, Stopped, Playing, Paused };
    Q_ENUM(State)

    explicit AudioPlayer(QObject *parent = nullptr);
    ~AudioPlayer() override;

    // Streams the recording from the agent (Range requests); playback can start before it has all arrived.
    void openRecording(net::AgentClient *client, qint64 recordingId);
    // A whole Ogg Opus file already in memory.
    void openData(const QByteArray &ogg);
    // The customer's vault key pair: recordings sealed to it are decrypted as they play (see ByteCache).
    void setVaultKey(const QByteArray &publicKey, const QByteArray &secretKey)
    {
        m_vaultPublic = publicKey;
        m_vaultSecret = secretKey;
    }
    void close();

    void play();
    void pause();
    void stop();
    void seek(qint64 ms);

    State state() const { return m_state; }
    qint64 position() const;                         // ms of the recording
    qint64 duration() const { return m_durationMs; } // -1 until the file was opened
    void setSpeed(double speed);
    double speed() const { return m_source->speed(); }
    void setVolume(double volume);
    double volume() const { return m_source->volume(); }
    void setChannelMode(ChannelMode mode);
    ChannelMode channelMode() const { return m_source->channelMode(); }
    Envelope envelope() const;
    qint64 bytesReceived() const;
    qint64 bytesTotal() const;
    PcmSource *source() const { return m_source; }
    std::shared_ptr<ByteCache> cache() const { return m_cache; }

    // ms from play() to the first decoded audio handed to the sink; -1 until then (benchmark).
    qint64 firstAudioLatencyMs() const { return m_firstAudioMs; }

Q_SIGNALS:
    void stateChanged(vv::player::AudioPlayer::State state);
    void positionChanged(qint64 ms);
    void durationChanged(qint64 ms);
    void envelopeChanged();
    void downloadProgress(qint64 received, qint64 total);
    void firstAudio();
    void error(const QString &message);

private:
    void start(std::shared_ptr<ByteCache> cache);
    void setState(State state);
    void onOpened(qint64 totalFrames, const QString &error);
    void onSinkStateChanged();
    void startSink();
    void destroySink();
    void tick();

    std::shared_ptr<ByteCache> m_cache;
    QByteArray m_vaultPublic;
    QByteArray m_vaultSecret;
    std::shared_ptr<PcmQueue> m_queue;
    PcmSource *m_source = nullptr;
    RangeFetcher *m_fetcher = nullptr;
    std::unique_ptr<DecodeThread> m_decoder;
    std::unique_ptr<EnvelopeThread> m_envelope;
    QAudioSink *m_sink = nullptr;
    QTimer m_tick;
    // Push mode: every 20 ms as much as the sink has room for, read from PcmSource (the single place of
    // speed/volume/mode), so the end of the recording and underruns are decided here, not by the backend's Idle
    // state (which in push mode also means a mere underrun). Both modes work with Qt 6.4's PulseAudio sink. What
    // once looked like a stall after the first write was a PulseAudio null sink that nobody had asked for a low
    // latency: it renders 2 s ahead and starts a new stream only when that has played out (scripts/with-audio.sh).
    QTimer m_feed;
    QIODevice *m_push = nullptr;
    void feed();
    State m_state = State::Empty;
    qint64 m_durationMs = -1;
    bool m_playWhenOpen = false;
    QElapsedTimer m_playClock;
    qint64 m_firstAudioMs = -1;
    qint64 m_lastPosition = -1;
};

} // namespace vv::player
