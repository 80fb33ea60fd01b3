#include "invitationdialog.h"

#include "ui_invitationdialog.h"

#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QSaveFile>
#include <QStandardPaths>

namespace vv::ui {

InvitationDialog::InvitationDialog(const vv::net::Invitation &invitation, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::InvitationDialog>())
    , m_invitation(invitation)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("invitationDialog"));
    setWindowTitle(tr("Invitation for %1").arg(invitation.username));
    m_ui->introLabel->setText(
        tr("Send this to %1, by e-mail or chat, or as a file. With it VIP Vault connects to the right server and "
           "checks its certificate by itself; %1 chooses their own password at the first sign-in. The password in it "
           "works once and is not shown again.")
            .arg(invitation.username));
    m_ui->invitationText->setPlainText(invitation.toText());
    connect(m_ui->copyButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_invitation.toText());
        m_ui->statusLabel->setText(tr("Copied. Paste it into a message to %1.").arg(m_invitation.username));
    });
    connect(m_ui->saveButton, &QPushButton::clicked, this, &InvitationDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

InvitationDialog::~InvitationDialog() = default;

bool InvitationDialog::saveTo(const QString &path, QString *error) const
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text) || f.write(m_invitation.toText().toUtf8()) < 0 || !f.commit()) {
        *error = f.errorString();
        return false;
    }
    return true;
}

void InvitationDialog::save()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suffix = QString::fromLatin1(vv::net::Invitation::kFileSuffix);
    QString path = QFileDialog::getSaveFileName(this, tr("Save the invitation"),
                                                dir + QStringLiteral("/%1.%2").arg(m_invitation.username, suffix),
                                                tr("VIP Vault invitations (*.%1)").arg(suffix));
    if (path.isEmpty())
        return;
    if (!path.endsWith(u'.' + suffix))
        path += u'.' + suffix;
    QString error;
    if (saveTo(path, &error))
        m_ui->statusLabel->setText(tr("Saved as %1. Send the file to %2; they open it with VIP Vault.")
                                       .arg(QDir::toNativeSeparators(path), m_invitation.username));
    else
        m_ui->statusLabel->setText(tr("Not saved: %1").arg(error));
}

} // namespace vv::ui
