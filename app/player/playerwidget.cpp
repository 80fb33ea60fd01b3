#include "playerwidget.h"

#include "ui_playerwidget.h"

#include <QShortcut>

namespace vv::player {

QString formatDuration(qint64 ms)
{
    const qint64 s = std::max<qint64>(ms, 0) / 1000;
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

PlayerWidget::PlayerWidget(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::PlayerWidget>())
    , m_player(new AudioPlayer(this))
{
    m_ui->setupUi(this);
    for (double s : {0.5, 0.75, 1.0, 1.25, 1.5, 2.0})
        m_ui->speedCombo->addItem(QStringLiteral("%1×").arg(s), s);
    m_ui->speedCombo->setCurrentIndex(2);
#ifndef VIPVAULT_HAVE_SONIC
    // Built without libsonic (app/player/CMakeLists.txt): the speed is a resampling, so the pitch moves with it.
    m_ui->speedCombo->setToolTip(tr("Playback speed (this build changes the pitch with the speed)"));
#endif
    m_ui->channelCombo->addItem(tr("Both (stereo)"), int(ChannelMode::Stereo));
    m_ui->channelCombo->addItem(tr("Both (mono)"), int(ChannelMode::Mono));
    m_ui->channelCombo->addItem(tr("Only our side (the extension)"), int(ChannelMode::Extension));
    m_ui->channelCombo->addItem(tr("Only the other party"), int(ChannelMode::FarEnd));
    m_player->setVolume(m_ui->volumeSlider->value() / 100.0);

    connect(m_ui->playButton, &QPushButton::clicked, this,
            [this] { m_player->state() == AudioPlayer::State::Playing ? m_player->pause() : m_player->play(); });
    connect(m_ui->stopButton, &QPushButton::clicked, m_player, &AudioPlayer::stop);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &PlayerWidget::exportRequested);
    connect(m_ui->speedCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_player->setSpeed(m_ui->speedCombo->currentData().toDouble()); });
    connect(m_ui->channelCombo, &QComboBox::currentIndexChanged, this, [this] {
        const auto mode = ChannelMode(m_ui->channelCombo->currentData().toInt());
        m_player->setChannelMode(mode);
        m_ui->waveform->setMuted(mode == ChannelMode::FarEnd, mode == ChannelMode::Extension);
    });
    connect(m_ui->volumeSlider, &QSlider::valueChanged, this, [this](int v) { m_player->setVolume(v / 100.0); });
    connect(m_ui->seekSlider, &QSlider::sliderPressed, this, [this] { m_sliderHeld = true; });
    connect(m_ui->seekSlider, &QSlider::sliderReleased, this, [this] {
        m_sliderHeld = false;
        m_player->seek(m_ui->seekSlider->value());
    });
    connect(m_ui->seekSlider, &QSlider::actionTriggered, this, [this](int action) {
        // Page/step clicks and keys (not drags, handled on release) seek at once.
        if (action != QAbstractSlider::SliderMove)
            QMetaObject::invokeMethod(
                this, [this] { m_player->seek(m_ui->seekSlider->value()); }, Qt::QueuedConnection);
    });
    connect(m_ui->waveform, &WaveformWidget::seekRequested, m_player, &AudioPlayer::seek);
    connect(m_player, &AudioPlayer::stateChanged, this, &PlayerWidget::updateState);
    connect(m_player, &AudioPlayer::positionChanged, this, &PlayerWidget::updatePosition);
    connect(m_player, &AudioPlayer::durationChanged, this, [this](qint64 ms) {
        m_ui->seekSlider->setRange(0, int(ms));
        m_ui->seekSlider->setPageStep(5000);
        m_ui->seekSlider->setSingleStep(1000);
        m_ui->durationLabel->setText(formatDuration(ms + 500)); // rounded, as the recordings table shows it
        m_ui->waveform->setDuration(ms);
    });
    connect(m_player, &AudioPlayer::envelopeChanged, this,
            [this] { m_ui->waveform->setEnvelope(m_player->envelope()); });
    connect(m_player, &AudioPlayer::downloadProgress, this, &PlayerWidget::updateDownload);
    connect(m_player, &AudioPlayer::error, this, &PlayerWidget::showError);

    auto shortcut = [this](const QKeySequence &key, auto fn) {
        auto *s = new QShortcut(key, this, fn);
        s->setContext(Qt::WidgetWithChildrenShortcut);
    };
    shortcut(QKeySequence(Qt::Key_Space), [this] { m_ui->playButton->click(); });
    shortcut(QKeySequence(Qt::Key_Left), [this] { m_player->seek(m_player->position() - 5000); });
    shortcut(QKeySequence(Qt::Key_Right), [this] { m_player->seek(m_player->position() + 5000); });
    clear();
}

PlayerWidget::~PlayerWidget() = default;

void PlayerWidget::openRecording(net::AgentClient *client, qint64 recordingId, const QString &title, bool autoPlay)
{
    m_ui->titleLabel->setText(title);
    m_ui->statusLabel->clear();
    m_ui->waveform->setEnvelope({});
    m_ui->waveform->setPosition(0);
    updatePosition(0);
    m_player->openRecording(client, recordingId);
    if (autoPlay)
        m_player->play();
    updateState();
}

void PlayerWidget::clear(const QString &message)
{
    m_player->close();
    m_ui->titleLabel->setText(message.isEmpty() ? tr("No recording selected") : message);
    m_ui->statusLabel->clear();
    m_ui->waveform->setEnvelope({});
    m_ui->waveform->setDuration(0);
    m_ui->durationLabel->setText(formatDuration(0));
    updatePosition(0);
    updateState();
}

void PlayerWidget::showError(const QString &message)
{
    m_ui->statusLabel->setText(message);
    m_ui->statusLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
}

void PlayerWidget::updateState()
{
    const AudioPlayer::State s = m_player->state();
    const bool loaded = s != AudioPlayer::State::Empty;
    m_ui->playButton->setText(s == AudioPlayer::State::Playing ? tr("&Pause") : tr("&Play"));
    m_ui->playButton->setEnabled(loaded);
    m_ui->stopButton->setEnabled(s == AudioPlayer::State::Playing || s == AudioPlayer::State::Paused);
    m_ui->seekSlider->setEnabled(loaded && s != AudioPlayer::State::Loading);
    m_ui->exportButton->setEnabled(loaded);
}

void PlayerWidget::updatePosition(qint64 ms)
{
    m_ui->positionLabel->setText(formatDuration(ms));
    m_ui->waveform->setPosition(ms);
    if (!m_sliderHeld) {
        const QSignalBlocker block(m_ui->seekSlider);
        m_ui->seekSlider->setValue(int(ms));
    }
}

void PlayerWidget::updateDownload(qint64 received, qint64 total)
{
    if (m_ui->statusLabel->styleSheet().isEmpty() || received >= total)
        m_ui->statusLabel->setStyleSheet({});
    m_ui->statusLabel->setText(
        received >= total ? QString() : tr("Loading audio… %1 of %2 KiB").arg(received / 1024).arg(total / 1024));
}

} // namespace vv::player
