#include "digestdialog.h"

#include "agentclient.h"
#include "ui_digestdialog.h"

#include <QJsonObject>
#include <QPushButton>

namespace vv::ui {

DigestDialog::DigestDialog(vv::net::AgentClient *client, qint64 vaultId, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::DigestDialog)
    , m_client(client)
    , m_vaultId(vaultId)
{
    m_ui->setupUi(this);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->subscribeButton, &QPushButton::clicked, this, &DigestDialog::subscribe);
    connect(m_ui->unsubscribeButton, &QPushButton::clicked, this, &DigestDialog::unsubscribe);
    reload();
}

DigestDialog::~DigestDialog()
{
    delete m_ui;
}

void DigestDialog::reload()
{
    m_client->subscriptions(this, [this](const vv::net::ApiResult &r) {
        QString error;
        const auto all = vv::net::answerItems<vv::net::Subscription>(r, &error);
        if (!all) {
            m_ui->statusLabel->setText(tr("Your subscriptions could not be read: %1").arg(error));
            return;
        }
        m_mine.clear();
        QStringList lines;
        for (const vv::net::Subscription &s : *all) {
            if (s.kind != u"email" || s.vaultId != m_vaultId)
                continue;
            m_mine << s;
            lines << (s.alerts && s.digest ? tr("%1: daily report and alerts").arg(s.target)
                      : s.digest           ? tr("%1: daily report").arg(s.target)
                                           : tr("%1: alerts").arg(s.target));
        }
        m_ui->currentLabel->setText(lines.isEmpty() ? tr("No one is subscribed yet.")
                                                    : tr("Subscribed: %1").arg(lines.join(QStringLiteral("; "))));
        m_ui->unsubscribeButton->setEnabled(!m_mine.isEmpty());
        Q_EMIT loaded();
    });
}

void DigestDialog::subscribe()
{
    const QString address = m_ui->emailEdit->text().trimmed();
    if (address.isEmpty()) {
        m_ui->statusLabel->setText(tr("Type the e-mail address the report should go to."));
        return;
    }
    QJsonObject body{{QStringLiteral("kind"), QStringLiteral("email")},
                     {QStringLiteral("target"), address},
                     {QStringLiteral("vault_id"), m_vaultId},
                     {QStringLiteral("digest"), true},
                     {QStringLiteral("alerts"), m_ui->alertsCheck->isChecked()}};
    m_ui->subscribeButton->setEnabled(false);
    m_client->subscribe(body, this, [this, address](const vv::net::ApiResult &r) {
        m_ui->subscribeButton->setEnabled(true);
        if (!r.ok()) {
            // The agent's words: a refused address names the field.
            m_ui->statusLabel->setText(tr("Not subscribed: %1").arg(r.errorString));
            return;
        }
        m_ui->statusLabel->setText(tr("Subscribed %1. The first report comes tomorrow morning.").arg(address));
        m_ui->emailEdit->clear();
        reload();
    });
}

void DigestDialog::unsubscribe()
{
    for (const vv::net::Subscription &s : std::as_const(m_mine))
        m_client->unsubscribe(s.id, this, [this, s](const vv::net::ApiResult &r) {
            m_ui->statusLabel->setText(r.ok() ? tr("%1 unsubscribed.").arg(s.target)
                                              : tr("%1 not unsubscribed: %2").arg(s.target, r.errorString));
            reload();
        });
}

} // namespace vv::ui
