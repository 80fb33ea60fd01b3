#include "audioplayer.h"

#include "playerlogging.h"
#include "rangefetcher.h"

#include <QAudioDevice>
#include <QAudioSink>
#include <QMediaDevices>

namespace vv::player {

AudioPlayer::AudioPlayer(QObject *parent)
    : QObject(parent)
    , m_queue(std::make_shared<PcmQueue>())
{
    m_source = new PcmSource(m_queue, this);
    m_source->open(QIODevice::ReadOnly);
    connect(m_source, &PcmSource::firstAudio, this, [this] {
        if (m_firstAudioMs < 0 && m_playClock.isValid())
            m_firstAudioMs = m_playClock.elapsed();
        Q_EMIT firstAudio();
    });
    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, &AudioPlayer::tick);
    m_feed.setInterval(20);
    connect(&m_feed, &QTimer::timeout, this, &AudioPlayer::feed);
}

AudioPlayer::~AudioPlayer()
{
    close();
}

void AudioPlayer::openRecording(net::AgentClient *client, qint64 recordingId)
{
    close();
    auto cache = std::make_shared<ByteCache>();
    m_fetcher = new RangeFetcher(client, recordingId, cache, this);
    connect(m_fetcher, &RangeFetcher::progress, this, &AudioPlayer::downloadProgress);
    connect(m_fetcher, &RangeFetcher::failed, this, [this](const QString &message) {
        Q_EMIT error(tr("Could not load the recording: %1").arg(message));
        if (m_state == State::Loading)
            setState(State::Empty);
    });
    start(cache);
    m_fetcher->start();
}

void AudioPlayer::openData(const QByteArray &ogg)
{
    close();
    start(std::make_shared<ByteCache>(ogg));
}

void AudioPlayer::start(std::shared_ptr<ByteCache> cache)
{
    m_cache = std::move(cache);
    if (!m_vaultSecret.isEmpty())
        m_cache->setVaultKey(m_vaultPublic, m_vaultSecret); // before any decoder reads it
    m_queue = std::make_shared<PcmQueue>();
    // A new queue means a new source too (it holds the queue); keep the listener's settings.
    auto *old = m_source;
    m_source = new PcmSource(m_queue, this);
    m_source->setSpeed(old->speed());
    m_source->setVolume(old->volume());
    m_source->setChannelMode(old->channelMode());
    m_source->open(QIODevice::ReadOnly);
    connect(m_source, &PcmSource::firstAudio, this, [this] {
        if (m_firstAudioMs < 0 && m_playClock.isValid())
            m_firstAudioMs = m_playClock.elapsed();
        Q_EMIT firstAudio();
    });
    old->deleteLater();
    m_queue->reset(0);
    m_durationMs = -1;
    m_firstAudioMs = -1;
    setState(State::Loading);
    QPointer<AudioPlayer> self(this);
    m_decoder = std::make_unique<DecodeThread>(m_cache, m_queue, [self](qint64 frames, const QString &err) {
        QMetaObject::invokeMethod(
            self,
            [self, frames, err] {
                if (self)
                    self->onOpened(frames, err);
            },
            Qt::QueuedConnection);
    });
    m_envelope = std::make_unique<EnvelopeThread>(m_cache, [self] {
        QMetaObject::invokeMethod(
            self,
            [self] {
                if (self)
                    Q_EMIT self->envelopeChanged();
            },
            Qt::QueuedConnection);
    });
    m_decoder->start();
    m_envelope->start(QThread::LowPriority);
}

void AudioPlayer::close()
{
    destroySink();
    m_tick.stop();
    if (m_cache)
        m_cache->abort();
    m_decoder.reset();
    m_envelope.reset();
    delete m_fetcher;
    m_fetcher = nullptr;
    m_cache.reset();
    m_playWhenOpen = false;
    m_durationMs = -1;
    if (m_state != State::Empty)
        setState(State::Empty);
}

void AudioPlayer::onOpened(qint64 totalFrames, const QString &err)
{
    if (totalFrames < 0) {
        Q_EMIT error(tr("The recording cannot be decoded: %1").arg(err));
        setState(State::Empty);
        return;
    }
    m_durationMs = totalFrames * 1000 / PcmSource::kRate;
    Q_EMIT durationChanged(m_durationMs);
    setState(State::Stopped);
    if (m_playWhenOpen) {
        m_playWhenOpen = false;
        play();
    }
}

void AudioPlayer::play()
{
    if (!m_playClock.isValid() || m_firstAudioMs < 0)
        m_playClock.start();
    if (m_state == State::Loading) {
        m_playWhenOpen = true; // starts as soon as the header has been read
        return;
    }
    if (m_state == State::Empty || m_state == State::Playing)
        return;
    if (m_state == State::Paused && m_sink) {
        m_sink->resume();
        setState(State::Playing);
        m_tick.start();
        m_feed.start();
        return;
    }
    if (m_source->reachedEnd())
        m_source->seekTo(0);
    startSink();
}

void AudioPlayer::startSink()
{
    destroySink();
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull()) {
        Q_EMIT error(tr("No audio output device is available. Connect speakers or headphones, or check the "
                        "system's sound settings."));
        return;
    }
    const QAudioFormat format = PcmSource::format();
    if (!device.isFormatSupported(format)) {
        Q_EMIT error(tr("The audio device \"%1\" does not accept 48 kHz 16-bit stereo.").arg(device.description()));
        return;
    }
    m_sink = new QAudioSink(device, format, this);
    // The backend's default buffer (about 145 ms with PulseAudio): the 20 ms feed keeps it full with room to spare.
    connect(m_sink, &QAudioSink::stateChanged, this, &AudioPlayer::onSinkStateChanged);
    m_source->resetOutputClock();
    m_push = m_sink->start();
    if (m_sink->error() != QAudio::NoError) {
        Q_EMIT error(tr("The audio device \"%1\" could not be opened (error %2).")
                         .arg(device.description())
                         .arg(int(m_sink->error())));
        QTimer::singleShot(0, this, &AudioPlayer::destroySink);
        return;
    }
    setState(State::Playing);
    m_tick.start();
    m_feed.start();
}

void AudioPlayer::onSinkStateChanged()
{
    if (!m_sink)
        return;
    const QAudio::Error e = m_sink->error();
    const QAudio::State s = m_sink->state();
    qCDebug(lcPlayer) << "sink state" << s << "error" << e;
    if (e == QAudio::OpenError || e == QAudio::IOError || e == QAudio::FatalError) {
        Q_EMIT error(e == QAudio::OpenError ? tr("The audio device could not be opened.")
                                            : tr("The audio device failed while playing (%1).")
                                                  .arg(e == QAudio::IOError ? tr("I/O error") : tr("fatal error")));
        // Never stop or delete the sink inside its own signal: defer.
        QTimer::singleShot(0, this, [this] {
            destroySink();
            setState(State::Stopped);
        });
        return;
    }
    Q_UNUSED(s); // the end of the recording is seen in feed(): Idle also means a mere underrun in push mode
}

void AudioPlayer::feed()
{
    if (!m_sink || !m_push || m_state != State::Playing)
        return;
    if (m_source->reachedEnd()) {
        // Everything handed over: finished once the sink has played its buffer out.
        if (m_sink->bytesFree() >= m_sink->bufferSize() || m_sink->state() == QAudio::IdleState) {
            m_feed.stop();
            QTimer::singleShot(0, this, [this] {
                destroySink();
                m_tick.stop();
                Q_EMIT positionChanged(m_durationMs);
                m_source->seekTo(0);
                setState(State::Stopped);
            });
        }
        return;
    }
    const qint64 room = m_sink->bytesFree() / 4 * 4;
    if (room <= 0)
        return;
    QByteArray block(room, Qt::Uninitialized);
    const qint64 n = m_source->read(block.data(), room);
    if (n > 0)
        m_push->write(block.constData(), n);
}

void AudioPlayer::destroySink()
{
    if (!m_sink)
        return;
    m_feed.stop();
    m_push = nullptr;
    m_sink->disconnect(this);
    m_sink->stop();
    delete m_sink;
    m_sink = nullptr;
}

void AudioPlayer::pause()
{
    if (m_state != State::Playing || !m_sink)
        return;
    m_sink->suspend();
    m_tick.stop();
    setState(State::Paused);
}

void AudioPlayer::stop()
{
    if (m_state == State::Empty || m_state == State::Loading) {
        m_playWhenOpen = false;
        return;
    }
    destroySink();
    m_tick.stop();
    m_source->seekTo(0);
    setState(State::Stopped);
    Q_EMIT positionChanged(0);
}

void AudioPlayer::seek(qint64 ms)
{
    if (m_durationMs >= 0)
        ms = std::clamp<qint64>(ms, 0, m_durationMs);
    m_source->seekTo(std::max<qint64>(ms, 0) * PcmSource::kRate / 1000);
    m_lastPosition = -1;
    Q_EMIT positionChanged(position());
}

qint64 AudioPlayer::position() const
{
    double frames = m_source->sourcePosition();
    if (m_sink && m_state != State::Stopped) {
        // What the sink has played, not what we handed it: the difference is its buffer.
        const qint64 played = m_sink->processedUSecs() * PcmSource::kRate / 1000000;
        frames = m_source->positionAtOutput(std::min(played, m_source->outputFrames()));
    }
    qint64 ms = qint64(frames * 1000.0 / PcmSource::kRate);
    if (m_durationMs >= 0)
        ms = std::min(ms, m_durationMs);
    return ms;
}

void AudioPlayer::tick()
{
    const qint64 p = position();
    if (p != m_lastPosition) {
        m_lastPosition = p;
        Q_EMIT positionChanged(p);
    }
}

void AudioPlayer::setSpeed(double speed)
{
    m_source->setSpeed(speed);
}

void AudioPlayer::setVolume(double volume)
{
    m_source->setVolume(volume);
}

void AudioPlayer::setChannelMode(ChannelMode mode)
{
    m_source->setChannelMode(mode);
}

Envelope AudioPlayer::envelope() const
{
    return m_envelope ? m_envelope->envelope() : Envelope{};
}

qint64 AudioPlayer::bytesReceived() const
{
    return m_cache ? m_cache->presentBytes() : 0;
}

qint64 AudioPlayer::bytesTotal() const
{
    return m_cache ? m_cache->size() : -1;
}

void AudioPlayer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace vv::player
