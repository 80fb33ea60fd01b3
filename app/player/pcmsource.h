#pragma once
// The QIODevice AudioPlayer reads the frames it pushes into QAudioSink: 48 kHz stereo 16-bit frames taken from
// PcmQueue, with the listener's channel choice, volume and speed applied. Speed keeps the pitch (TimeStretch, on
// libsonic) where the build has it, and falls back to resampling (linear interpolation, pitch follows the speed).
// Never blocks: when the decoder is behind it plays silence (the position does not advance meanwhile), and it
// reports the end only once the decoder has reached it.
#include "pcmqueue.h"
#ifdef VIPVAULT_HAVE_SONIC
#include "timestretch.h"
#endif

#include <QAudioFormat>
#include <QIODevice>
#include <QMutex>
#include <deque>
#include <memory>
#include <vector>

namespace vv::player {

enum class ChannelMode {
    Stereo,    // extension left, far end right
    Mono,      // both parties mixed, on both ears
    Extension, // only the extension side, on both ears
    FarEnd     // only the far end, on both ears
};

class PcmSource : public QIODevice
{
    Q_OBJECT
public:
    static constexpr int kRate = 48000;

    explicit PcmSource(std::shared_ptr<PcmQueue> queue, QObject *parent = nullptr);
    ~PcmSource() override;

    static QAudioFormat format(); // 48 kHz, 2 channels, Int16

    void setSpeed(double speed); // clamped to 0.5-2
    double speed() const { return m_speed; }
    void setVolume(double volume); // 0-1, linear
    double volume() const { return m_volume; }
    void setChannelMode(ChannelMode mode) { m_mode = mode; }
    ChannelMode channelMode() const { return m_mode; }

    // Drops what is buffered and continues from `frame` (source frames at 48 kHz).
    void seekTo(qint64 frame);
    double sourcePosition() const { return m_position; } // of the next frame handed out
    // Source position of the frame that was the `outputFrame`-th handed out (for the sink's processedUSecs).
    double positionAtOutput(qint64 outputFrame) const;
    qint64 outputFrames() const { return m_outputFrames; }
    void resetOutputClock(); // a new sink starts counting from 0
    bool reachedEnd() const { return m_ended; }
    qint64 realFramesOut() const { return m_realFrames; } // frames of decoded audio (not underrun silence)

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    bool atEnd() const override;

Q_SIGNALS:
    void firstAudio(); // the first decoded frames went out after open/seek
    void ended();

protected:
    qint64 readData(char *data, qint64 maxlen) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    bool fill(qint64 need);                              // pulls from the queue into m_local
    void emitFrame(qint16 *out, float l, float r) const; // channel choice and volume
    // The pitch-keeping path: source frames at 1x into the stretcher, its output to the sink.
    qint64 readStretched(qint16 *out, qint64 frames, qint64 *real, bool *underrun);
    int takeSource(float *frames, int max); // the next source frames at 1x (from m_local, then the queue)
    std::unique_ptr<class TimeStretch> m_stretch;
    std::shared_ptr<PcmQueue> m_queue;
    std::vector<float> m_local; // interleaved; m_local[m_localAt...] are frames from m_localBase on
    size_t m_localAt = 0;
    qint64 m_localBase = 0;
    double m_position = 0; // fractional source frame of the next output frame
    double m_speed = 1.0;
    double m_volume = 1.0;
    ChannelMode m_mode = ChannelMode::Stereo;
    qint64 m_outputFrames = 0;
    qint64 m_realFrames = 0;
    bool m_ended = false;
    bool m_sentAudio = false;
    std::deque<std::pair<qint64, double>> m_clock; // (output frame, source position) checkpoints
};

} // namespace vv::player
