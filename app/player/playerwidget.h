#pragma once
// The player panel: transport, seek bar and waveform, speed, volume, which side to listen to, and the download
// button (the owner performs the export: it knows where recordings come from). Space plays/pauses, Left/Right
// jump 5 s, while focus is anywhere inside the panel.
#include "audioplayer.h"

#include <QWidget>
#include <memory>

namespace Ui {
class PlayerWidget;
}

namespace vv::player {

class PlayerWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PlayerWidget(QWidget *parent = nullptr);
    ~PlayerWidget() override;

    AudioPlayer *player() const { return m_player; }
    // Loads a recording; `title` is shown above the waveform. autoPlay starts as soon as the header arrived.
    void openRecording(net::AgentClient *client, qint64 recordingId, const QString &title, bool autoPlay);
    void clear(const QString &message = {});
    void showError(const QString &message);

Q_SIGNALS:
    void exportRequested();

private:
    void updateState();
    void updatePosition(qint64 ms);
    void updateDownload(qint64 received, qint64 total);

    std::unique_ptr<Ui::PlayerWidget> m_ui;
    AudioPlayer *m_player;
    bool m_sliderHeld = false;
};

QString formatDuration(qint64 ms); // m:ss or h:mm:ss

} // namespace vv::player
