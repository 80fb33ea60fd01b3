#include "subjectdialog.h"

#include "agentclient.h"
#include "recordingsmodel.h"
#include "ui_subjectdialog.h"

#include <QFileDialog>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>

namespace vv::recordings {

SubjectDialog::SubjectDialog(net::AgentClient *client, qint64 vaultId, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SubjectDialog>())
    , m_client(client)
    , m_vaultId(vaultId)
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    m_ui->buttonBox->button(QDialogButtonBox::Close)
        ->setAccessibleDescription(tr("Closes this window; nothing is changed by closing it"));
    connect(m_ui->findButton, &QPushButton::clicked, this, &SubjectDialog::find);
    connect(m_ui->numberEdit, &QLineEdit::returnPressed, this, &SubjectDialog::find);
    connect(m_ui->numberEdit, &QLineEdit::textEdited, this, [this] {
        // A plan is for the number it was made for: editing the number asks for Find again.
        m_plan.clear();
        m_ui->exportButton->setEnabled(false);
        m_ui->eraseButton->setEnabled(false);
        m_ui->planLabel->clear();
    });
    connect(m_ui->eraseButton, &QPushButton::clicked, this, &SubjectDialog::erase);
    connect(m_ui->exportButton, &QPushButton::clicked, this, [this] {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export everything about %1").arg(m_number),
                                         folder + QStringLiteral("/vipvault-export.tar"), tr("Tar archive (*.tar)"));
        if (!path.isEmpty())
            exportTo(path);
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_confirm = [this](const QString &title, const QString &text) {
        return QMessageBox::warning(this, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) ==
               QMessageBox::Yes;
    };
}

SubjectDialog::~SubjectDialog() = default;

void SubjectDialog::busy(bool on)
{
    m_ui->findButton->setEnabled(!on);
    m_ui->exportButton->setEnabled(!on && !m_plan.isEmpty() && m_calls > 0);
    m_ui->eraseButton->setEnabled(!on && !m_plan.isEmpty() && m_calls > 0);
}

void SubjectDialog::showResult(const QString &text, bool isError)
{
    m_ui->resultLabel->setText(text);
    m_ui->resultLabel->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
}

void SubjectDialog::find()
{
    const QString number = m_ui->numberEdit->text().trimmed();
    if (!m_client || m_call || number.isEmpty())
        return;
    m_plan.clear();
    showResult(QString(), false);
    m_ui->planLabel->setText(tr("Looking for calls with %1…").arg(number));
    busy(true);
    m_call = m_client->erasure(m_vaultId, number, QString(), this, [this, number](const net::ApiResult &r) {
        m_call = nullptr;
        if (!r.ok()) {
            m_ui->planLabel->setText(tr("Could not look: %1").arg(r.errorString));
            busy(false);
            return;
        }
        const QJsonObject o = r.json.object();
        m_number = number;
        m_plan = o.value(QStringLiteral("plan")).toString();
        m_calls = o.value(QStringLiteral("calls")).toInteger();
        m_audio = o.value(QStringLiteral("recordings_with_audio")).toInteger();
        m_bytes = o.value(QStringLiteral("bytes")).toInteger();
        m_held = o.value(QStringLiteral("kept_protected")).toInteger();
        const qint64 live = o.value(QStringLiteral("kept_in_progress")).toInteger();
        if (m_calls == 0) {
            m_ui->planLabel->setText(tr("This vault holds no call with %1.").arg(number));
        } else {
            QString text = tr("%n call(s) with %1", nullptr, int(m_calls)).arg(number) + QStringLiteral("; ") +
                           tr("%n with audio (%1)", nullptr, int(m_audio)).arg(formatBytes(m_bytes)) +
                           QStringLiteral(".");
            if (m_held)
                text += QLatin1Char(' ') +
                        tr("%n under legal hold: kept by an erasure until the hold is released.", nullptr, int(m_held));
            if (live)
                text += QLatin1Char(' ') +
                        tr("%n still being recorded: kept; erase again after the call.", nullptr, int(live));
            m_ui->planLabel->setText(text);
        }
        busy(false);
    });
}

void SubjectDialog::erase()
{
    if (!m_client || m_call || m_plan.isEmpty())
        return;
    const QString text = tr("Erase %n call(s) with %1 from this vault? Their audio (%2) and the number in each of "
                            "them are removed for good; this cannot be undone. Recordings under legal hold are kept.",
                            nullptr, int(m_calls))
                             .arg(m_number, formatBytes(m_bytes));
    if (!m_confirm(tr("Erase everything about %1").arg(m_number), text))
        return;
    busy(true);
    showResult(tr("Erasing…"), false);
    m_call = m_client->erasure(m_vaultId, m_number, m_plan, this, [this](const net::ApiResult &r) {
        m_call = nullptr;
        m_plan.clear();
        if (r.httpStatus == 409) {
            showResult(tr("The calls with this number changed since you looked; nothing was erased. Find again, "
                          "then erase."),
                       true);
            busy(false);
            return;
        }
        const QJsonObject o = r.json.object();
        const qint64 count = o.value(QStringLiteral("erased")).toInteger();
        if (!r.ok()) {
            showResult(tr("The erasure did not finish: %1. %n call(s) were erased; find again to see what is "
                          "left.",
                          nullptr, int(count))
                           .arg(r.errorString),
                       true);
        } else {
            showResult(
                tr("Erased: %n call(s). The audit log records each erasure (without the number).", nullptr, int(count)),
                false);
        }
        busy(false);
        Q_EMIT erased();
    });
}

void SubjectDialog::exportTo(const QString &path)
{
    if (!m_client || m_call || m_number.isEmpty())
        return;
    auto *file = new QSaveFile(path, this);
    if (!file->open(QIODevice::WriteOnly)) {
        showResult(tr("Cannot write %1: %2").arg(path, file->errorString()), true);
        file->deleteLater();
        return;
    }
    busy(true);
    showResult(tr("Exporting…"), false);
    m_call = m_client->subjectExport(m_vaultId, m_number, file, this, [this, file, path](const net::ApiResult &r) {
        m_call = nullptr;
        // Committed only when the whole archive arrived: a half export never replaces a file.
        if (r.ok() && file->commit())
            showResult(tr("Saved to %1.").arg(path), false);
        else
            showResult(tr("Not saved: %1").arg(r.ok() ? file->errorString() : r.errorString), true);
        if (!r.ok())
            file->cancelWriting();
        file->deleteLater();
        busy(false);
    });
}

} // namespace vv::recordings
