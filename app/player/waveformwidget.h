#pragma once
// Two-channel waveform (extension side above, far end below) drawn from the player's precomputed 100 Hz
// envelope, so painting an hour-long call costs one pass over at most width() columns. A cursor follows the
// position; a click seeks.
#include "decodeworker.h"

#include <QWidget>

namespace vv::player {

class WaveformWidget : public QWidget
{
    Q_OBJECT
public:
    explicit WaveformWidget(QWidget *parent = nullptr);

    void setEnvelope(const Envelope &envelope);
    void setDuration(qint64 ms);
    void setPosition(qint64 ms);
    qint64 position() const { return m_position; }
    // A side the listener does not hear is drawn faint, so what is drawn matches what is heard.
    void setMuted(bool extension, bool farEnd);
    bool extensionMuted() const { return m_extensionMuted; }
    bool farEndMuted() const { return m_farEndMuted; }
    static QString extensionLegend() { return tr("Our side (the extension)"); }
    static QString farEndLegend() { return tr("The other party"); }
    QSize sizeHint() const override { return {400, 90}; }
    QSize minimumSizeHint() const override { return {120, 60}; }

Q_SIGNALS:
    void seekRequested(qint64 ms);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    Envelope m_envelope;
    float m_peak = 0;
    qint64 m_duration = 0;
    qint64 m_position = 0;
    bool m_extensionMuted = false;
    bool m_farEndMuted = false;
};

} // namespace vv::player
