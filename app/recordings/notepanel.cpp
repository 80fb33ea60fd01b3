#include "notepanel.h"

#include "agentclient.h"
#include "ui_notepanel.h"

#include <QPushButton>

namespace vv::recordings {

namespace {
constexpr int kMaxChars = 2000; // the agent's limit (vault/annotations.h)
}

NotePanel::NotePanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::NotePanel>())
{
    m_ui->setupUi(this);
    connect(m_ui->noteEdit, &QPlainTextEdit::textChanged, this, &NotePanel::updateButton);
    connect(m_ui->saveNoteButton, &QPushButton::clicked, this, &NotePanel::save);
    setRecording(nullptr, 0, std::nullopt);
}

NotePanel::~NotePanel() = default;

QString NotePanel::text() const
{
    return m_ui->noteEdit->toPlainText().trimmed();
}

QString NotePanel::describe(const std::optional<net::Annotation> &note)
{
    if (!note)
        return tr("No note yet.");
    return tr("Written by %1, %2.")
        .arg(note->updatedBy, note->updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm t")));
}

void NotePanel::setRecording(net::AgentClient *client, qint64 recordingId, const std::optional<net::Annotation> &note)
{
    // A save still on its way is not cancelled: it lands, and its answer updates the list (see save()).
    m_client = client;
    m_id = recordingId;
    m_stored = note ? note->text : QString();
    m_ui->noteEdit->setPlainText(m_stored);
    m_ui->noteEdit->setEnabled(recordingId != 0);
    showStatus(recordingId ? describe(note) : QString(), false);
    updateButton();
}

void NotePanel::updateButton()
{
    const QString t = text();
    const bool tooLong = t.size() > kMaxChars;
    m_ui->saveNoteButton->setEnabled(m_id && !m_call && !tooLong && t != m_stored);
    if (tooLong)
        showStatus(tr("A note is at most %1 characters; this one has %2.").arg(kMaxChars).arg(t.size()), true);
}

void NotePanel::showStatus(const QString &text, bool isError)
{
    m_ui->noteStatusLabel->setText(text);
    m_ui->noteStatusLabel->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
}

void NotePanel::save()
{
    if (!m_client || !m_id || m_call)
        return;
    const qint64 id = m_id;
    showStatus(tr("Saving the note…"), false);
    m_call = m_client->setNote(id, text(), this, [this, id](const net::ApiResult &r) {
        m_call = nullptr;
        QString error;
        const std::optional<net::Recording> rec = net::answerAs<net::Recording>(r, &error);
        if (rec)
            Q_EMIT saved(*rec); // the list shows it even when another recording is open by now
        if (id != m_id) {
            if (!rec)
                showStatus(tr("The note on recording %1 was not saved: %2.").arg(id).arg(error), true);
            updateButton();
            return;
        }
        if (!rec) {
            // The typed text stays in the box: trying again (or copying it) loses nothing.
            showStatus(tr("The note was not saved: %1. Your text is still here; try again.").arg(error), true);
            updateButton();
            return;
        }
        m_stored = rec->annotation ? rec->annotation->text : QString();
        showStatus(rec->annotation ? tr("Saved. %1").arg(describe(rec->annotation)) : tr("Note removed."), false);
        updateButton();
    });
    updateButton();
}

} // namespace vv::recordings
