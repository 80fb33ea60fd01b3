#pragma once
// The note on the open recording (PUT /api/v1/recordings/{id}/annotation): shows who wrote it and when, saves an
// edit (an empty note removes it) and says when saving failed and why, keeping the text typed so nothing is lost.
#include "apimodel.h"

#include <QPointer>
#include <QWidget>
#include <memory>

namespace Ui {
class NotePanel;
}

namespace vv::net {
class AgentClient;
class ApiCall;
} // namespace vv::net

namespace vv::recordings {

class NotePanel : public QWidget
{
    Q_OBJECT
public:
    explicit NotePanel(QWidget *parent = nullptr);
    ~NotePanel() override;

    // The recording whose note is shown; 0 clears the panel.
    void setRecording(net::AgentClient *client, qint64 recordingId, const std::optional<net::Annotation> &note);
    qint64 recordingId() const { return m_id; }
    QString text() const;

Q_SIGNALS:
    void saved(const vv::net::Recording &recording); // the agent's answer, with the new note

private:
    void save();
    void showStatus(const QString &text, bool isError);
    void updateButton();
    static QString describe(const std::optional<net::Annotation> &note);

    std::unique_ptr<Ui::NotePanel> m_ui;
    QPointer<net::AgentClient> m_client;
    QPointer<net::ApiCall> m_call;
    qint64 m_id = 0;
    QString m_stored; // the text the agent holds
};

} // namespace vv::recordings
