#include "addservicedialog.h"

#include "agentclient.h"
#include "apimodel.h"
#include "customerdirectory.h"
#include "serveraccess.h"
#include "ui_addservicedialog.h"

#include <QPushButton>

namespace vv::ui {

AddServiceDialog::AddServiceDialog(const AppContext &context, qint64 customerId, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::AddServiceDialog)
    , m_context(context)
    , m_customerId(customerId)
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Add service"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &AddServiceDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const vv::app::Server &s : context.directory->servers())
        m_ui->serverCombo->addItem(QStringLiteral("%1 (%2)").arg(s.displayName(), s.username), s.id);
    if (m_ui->serverCombo->count() == 0)
        setBusy(false, tr("No server is registered yet: use Servers → Add server… first."));
    connect(m_ui->serverCombo, &QComboBox::currentIndexChanged, this, &AddServiceDialog::loadVaults);
    connect(m_ui->newVaultName, &QLineEdit::textEdited, this, [this] { m_ui->newVaultRadio->setChecked(true); });
    loadVaults();
}

AddServiceDialog::~AddServiceDialog()
{
    delete m_ui;
}

void AddServiceDialog::setBusy(bool busy, const QString &message)
{
    m_ui->progressBar->setVisible(busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy && m_ui->serverCombo->count() > 0);
    m_ui->statusLabel->setText(message);
}

void AddServiceDialog::loadVaults()
{
    m_ui->vaultCombo->clear();
    const qint64 serverId = m_ui->serverCombo->currentData().toLongLong();
    if (!serverId)
        return;
    setBusy(true, tr("Loading the server's vaults…"));
    m_context.access->withClient(
        serverId, this, true,
        [this](vv::net::AgentClient *client) {
            client->listVaults(this, [this](const vv::net::ApiResult &r) {
                QString error;
                const auto vaults = vv::net::answerItems<vv::net::Vault>(r, &error);
                if (!vaults) {
                    setBusy(false, tr("Cannot list the vaults: %1. You can still create a new one.").arg(error));
                    return;
                }
                for (const vv::net::Vault &v : *vaults)
                    m_ui->vaultCombo->addItem(v.name, v.id);
                setBusy(false);
            });
        },
        [this](const QString &why) { setBusy(false, why); });
}

void AddServiceDialog::accept()
{
    const qint64 serverId = m_ui->serverCombo->currentData().toLongLong();
    if (!serverId)
        return;
    if (m_ui->existingVaultRadio->isChecked()) {
        if (m_ui->vaultCombo->currentIndex() < 0) {
            setBusy(false, tr("Pick a vault, or create a new one."));
            return;
        }
        bind(serverId, m_ui->vaultCombo->currentData().toLongLong(), m_ui->vaultCombo->currentText());
        return;
    }
    const QString name = m_ui->newVaultName->text().trimmed();
    const QString extensions = m_ui->newVaultExtensions->text().trimmed();
    setBusy(true, tr("Creating the vault…"));
    m_context.access->withClient(
        serverId, this, true,
        [this, serverId, name, extensions](vv::net::AgentClient *client) {
            client->createVault(name, extensions, this, [this, serverId](const vv::net::ApiResult &r) {
                QString error;
                const auto vault = vv::net::answerAs<vv::net::Vault>(r, &error);
                if (!vault) {
                    setBusy(false, tr("The vault was not created: %1").arg(error));
                    return;
                }
                bind(serverId, vault->id, vault->name);
            });
        },
        [this](const QString &why) { setBusy(false, why); });
}

void AddServiceDialog::bind(qint64 serverId, qint64 vaultId, const QString &vaultName)
{
    vv::app::Service s{0, m_customerId, serverId, vaultId, vaultName};
    if (!m_context.directory->addService(&s)) {
        setBusy(false, tr("Not saved: %1").arg(m_context.directory->lastError()));
        return;
    }
    QDialog::accept();
}

} // namespace vv::ui
