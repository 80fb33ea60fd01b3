#include "waveformwidget.h"

#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace vv::player {

WaveformWidget::WaveformWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Upper half: extension side. Lower half: far end. Click to jump there."));
}

void WaveformWidget::setEnvelope(const Envelope &envelope)
{
    m_envelope = envelope;
    // Scale to the loudest window so quiet lines still show their shape.
    m_peak = 0;
    for (float v : m_envelope.left)
        m_peak = std::max(m_peak, v);
    for (float v : m_envelope.right)
        m_peak = std::max(m_peak, v);
    update();
}

void WaveformWidget::setDuration(qint64 ms)
{
    m_duration = std::max<qint64>(ms, 0);
    update();
}

void WaveformWidget::setPosition(qint64 ms)
{
    if (ms == m_position)
        return;
    m_position = ms;
    update();
}

void WaveformWidget::setMuted(bool extension, bool farEnd)
{
    m_extensionMuted = extension;
    m_farEndMuted = farEnd;
    update();
}

void WaveformWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = rect().adjusted(0, 0, -1, -1);
    p.fillRect(r, palette().base());
    p.setPen(palette().mid().color());
    p.drawRect(r);
    const int mid = r.center().y();
    p.drawLine(r.left(), mid, r.right(), mid);
    const qint64 duration = m_duration > 0 ? m_duration : qint64(m_envelope.left.size()) * 1000 / Envelope::kRate;
    if (duration <= 0 || m_envelope.left.isEmpty() || m_peak <= 0) {
        p.setPen(palette().placeholderText().color());
        p.drawText(r, Qt::AlignCenter,
                   m_envelope.left.isEmpty() ? tr("Waveform appears as the audio arrives") : tr("Silence"));
        return;
    }
    const int half = r.height() / 2 - 2;
    QColor ext = palette().highlight().color();
    QColor far = QColor(0xd0, 0x7a, 0x2a);
    if (m_extensionMuted)
        ext.setAlpha(60);
    if (m_farEndMuted)
        far.setAlpha(60);
    const double windowsPerPx = double(duration) * Envelope::kRate / 1000.0 / r.width();
    for (int x = 0; x < r.width(); ++x) {
        const qsizetype a = qsizetype(x * windowsPerPx);
        const qsizetype b = std::max(a + 1, qsizetype((x + 1) * windowsPerPx));
        float l = 0, rr = 0;
        for (qsizetype i = a; i < b && i < m_envelope.left.size(); ++i) {
            l = std::max(l, m_envelope.left[i]);
            rr = std::max(rr, m_envelope.right[i]);
        }
        const int hl = int(half * l / m_peak);
        const int hr = int(half * rr / m_peak);
        p.setPen(ext);
        p.drawLine(r.left() + x, mid - 1, r.left() + x, mid - 1 - hl);
        p.setPen(far);
        p.drawLine(r.left() + x, mid + 1, r.left() + x, mid + 1 + hr);
    }
    // Legend: which half is whom (the extension above the line, the other party below).
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const QRect legendTop = r.adjusted(6, 2, -6, -(r.height() / 2));
    const QRect legendBottom = r.adjusted(6, r.height() / 2 + 2, -6, -2);
    p.setPen(ext);
    p.drawText(legendTop, Qt::AlignLeft | Qt::AlignTop,
               extensionLegend() + (m_extensionMuted ? tr(" — not heard") : QString()));
    p.setPen(far);
    p.drawText(legendBottom, Qt::AlignLeft | Qt::AlignBottom,
               farEndLegend() + (m_farEndMuted ? tr(" — not heard") : QString()));
    const int cx = r.left() + int(double(m_position) / double(duration) * r.width());
    p.setPen(QPen(palette().text().color(), 2));
    p.drawLine(cx, r.top(), cx, r.bottom());
}

void WaveformWidget::mousePressEvent(QMouseEvent *event)
{
    const qint64 duration = m_duration > 0 ? m_duration : qint64(m_envelope.left.size()) * 1000 / Envelope::kRate;
    if (event->button() != Qt::LeftButton || duration <= 0 || width() <= 1)
        return QWidget::mousePressEvent(event);
    const double fraction = std::clamp(event->position().x() / double(width() - 1), 0.0, 1.0);
    Q_EMIT seekRequested(qint64(fraction * double(duration)));
}

} // namespace vv::player
