#include "editvaultdialog.h"

#include "agentclient.h"
#include "applogging.h"
#include "capacityestimator.h"
#include "extensionmodel.h"
#include "format.h"
#include "prompts.h"
#include "ui_editvaultdialog.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <cmath>

namespace vv::ui {

using vv::app::CapacityEstimator;
using vv::app::ExtensionModel;
using vv::net::ApiResult;

namespace {
// The encryption modes in the order of encryptionCombo's items.
const QStringList kModes{QStringLiteral("off"), QStringLiteral("agent"), QStringLiteral("customer")};

qint64 bytesOfGb(double gb)
{
    return qint64(std::llround(gb * 1e9));
}
} // namespace

EditVaultDialog::EditVaultDialog(vv::net::AgentClient *client, qint64 vaultId, const QString &vaultName,
                                 QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::EditVaultDialog)
    , m_client(client)
    , m_vaultId(vaultId)
    , m_extensions(new ExtensionModel(this))
    , m_filter(new QSortFilterProxyModel(this))
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Edit VIP Vault — %1").arg(vaultName));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setText(tr("&Save")); // Alt+S, whatever the platform's text
    m_ui->buttonBox->button(QDialogButtonBox::Save)
        ->setAccessibleDescription(tr("Stores these settings on the customer's VoIP server; asks first when "
                                      "recordings would be removed"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    m_ui->buttonBox->button(QDialogButtonBox::Cancel)
        ->setAccessibleDescription(tr("Closes the dialog and keeps the vault as it was"));
    m_filter->setSourceModel(m_extensions);
    m_filter->setFilterKeyColumn(ExtensionModel::Extension);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_ui->extensionTable->setModel(m_filter);
    m_ui->extensionTable->verticalHeader()->setVisible(false);
    m_ui->extensionTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->extensionTable->setWordWrap(false);
    m_ui->extensionTable->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &EditVaultDialog::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->indefiniteCheck, &QCheckBox::toggled, this, &EditVaultDialog::updateStorage);
    connect(m_ui->retentionCheck, &QCheckBox::toggled, this, &EditVaultDialog::updateStorage);
    connect(m_ui->encryptionCombo, &QComboBox::currentIndexChanged, this, &EditVaultDialog::updateEncryptionNote);
    // The estimate's pounds follow the price being typed.
    connect(m_ui->priceSpin, &QDoubleSpinBox::valueChanged, this, &EditVaultDialog::updateEstimate);
    connect(m_ui->extensionFilter, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    m_ui->extensionFilter->installEventFilter(this);
    connect(m_ui->selectAllButton, &QPushButton::clicked, this, [this] { setSelectionOfShown(true); });
    connect(m_ui->selectNoneButton, &QPushButton::clicked, this, [this] { setSelectionOfShown(false); });
    connect(m_extensions, &ExtensionModel::exclusionsChanged, this,
            [this] { m_ui->excludedCount->setText(tr("%n excluded", nullptr, int(m_extensions->excluded().size()))); });
    for (QSpinBox *s : {m_ui->usersSpin, m_ui->monthsSpin, m_ui->minutesSpin})
        connect(s, &QSpinBox::valueChanged, this, &EditVaultDialog::updateEstimate);
    connect(m_ui->useAsCapButton, &QPushButton::clicked, this, [this] {
        const double gb = CapacityEstimator::capGb(CapacityEstimator::estimate(estimateInput()));
        if (gb <= 0)
            return;
        m_ui->indefiniteCheck->setChecked(false);
        m_ui->capSpin->setValue(gb);
    });
    load();
}

EditVaultDialog::~EditVaultDialog()
{
    delete m_ui;
}

void EditVaultDialog::setBusy(bool busy, const QString &message)
{
    m_ui->progressBar->setVisible(busy);
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(!busy && m_loaded);
    if (!message.isNull())
        m_ui->statusLabel->setText(message);
}

void EditVaultDialog::load()
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_ui->enabledCheck, m_ui->storageGroup, m_ui->extensionsGroup,
                                                       m_ui->estimatorGroup})
        w->setEnabled(false);
    setBusy(true, tr("Loading the vault's settings, extensions and usage…"));
    m_pending = 4;
    m_client->encryption(m_vaultId, this, [this](const ApiResult &r) {
        m_encryption = r.ok() ? r.json.object() : QJsonObject();
        if (!r.ok() && r.httpStatus != 404) // 404: a recorder from before encryption at rest
            m_loadErrors << tr("encryption: %1").arg(r.errorString);
        loadFinished();
    });
    m_client->settings(m_vaultId, this, [this](const ApiResult &r) {
        QString error;
        m_settings = vv::net::answerAs<vv::net::VaultSettings>(r, &error);
        if (!m_settings)
            m_loadErrors << tr("settings: %1").arg(error);
        loadFinished();
    });
    m_client->extensions(m_vaultId, this, [this](const ApiResult &r) {
        QString error;
        if (const auto items = vv::net::answerItems<vv::net::Extension>(r, &error))
            m_extensionItems = *items;
        else
            m_loadErrors << tr("extensions: %1").arg(error);
        loadFinished();
    });
    m_client->usage(m_vaultId, QString(), this, [this](const ApiResult &r) {
        QString error;
        m_usage = vv::net::answerAs<vv::net::VaultUsage>(r, &error);
        if (!m_usage)
            m_loadErrors << tr("usage: %1").arg(error);
        loadFinished();
    });
}

void EditVaultDialog::loadFinished()
{
    if (--m_pending > 0)
        return;
    m_ui->encryptionCombo->setCurrentIndex(
        std::max<int>(0, kModes.indexOf(m_encryption.value(QStringLiteral("mode")).toString())));
    updateEncryptionNote();
    if (!m_settings) {
        // Without the current settings a save could silently undo someone else's change: refuse to edit.
        setBusy(false, tr("The vault's settings could not be loaded (%1). Check that the server is reachable and "
                          "open this dialog again.")
                           .arg(m_loadErrors.join(QStringLiteral("; "))));
        return;
    }
    const QStringList excluded = m_settings->excluded;
    m_extensions->setExtensions(m_extensionItems, excluded);
    m_ui->extensionTable->resizeColumnsToContents();
    m_ui->excludedCount->setText(tr("%n excluded", nullptr, int(excluded.size())));
    m_ui->enabledCheck->setChecked(m_settings->enabled);
    m_ui->indefiniteCheck->setChecked(!m_settings->capped());
    if (m_settings->capped())
        m_ui->capSpin->setValue(double(*m_settings->capBytes) / 1e9);
    m_ui->retentionCheck->setChecked(m_settings->retentionMonths.has_value());
    if (m_settings->retentionMonths)
        m_ui->retentionSpin->setValue(*m_settings->retentionMonths);
    m_ui->priceSpin->setValue(m_settings->pricePerGbMonth);

    if (m_usage) {
        m_ui->usageUsed->setText(format::gb(m_usage->bytesUsed));
        m_ui->usageRecordings->setText(QLocale().toString(m_usage->recordings));
        m_ui->usageOldest->setText(format::when(m_usage->oldest));
        if (m_usage->bytesPerRecordedMinute && *m_usage->bytesPerRecordedMinute > 0)
            m_bytesPerMinute = *m_usage->bytesPerRecordedMinute;
        m_agentBytesPerMinute = m_usage->agentBytesPerRecordedMinute;
    } else {
        m_ui->usageUsed->setText(tr("unknown"));
    }
    int users = 0;
    for (const vv::net::Extension &e : m_extensionItems)
        users += e.excluded ? 0 : 1;
    m_ui->usersSpin->setValue(users > 0 ? users : int(m_extensionItems.size()));
    m_loaded = true;
    for (QWidget *w : std::initializer_list<QWidget *>{m_ui->enabledCheck, m_ui->storageGroup, m_ui->extensionsGroup,
                                                       m_ui->estimatorGroup})
        w->setEnabled(true);
    updateStorage();
    updateEstimate();
    setBusy(false, m_loadErrors.isEmpty() ? QStringLiteral("")
                                          : tr("Some information is missing (%1); the settings can still be edited.")
                                                .arg(m_loadErrors.join(QStringLiteral("; "))));
    Q_EMIT loaded();
}

void EditVaultDialog::updateStorage()
{
    m_ui->capSpin->setEnabled(!m_ui->indefiniteCheck->isChecked());
    m_ui->capLabel->setEnabled(!m_ui->indefiniteCheck->isChecked());
    m_ui->retentionSpin->setEnabled(m_ui->retentionCheck->isChecked());
    m_ui->retentionLabel->setEnabled(m_ui->retentionCheck->isChecked());
}

bool EditVaultDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Down from the filter goes into the list it filters, on the first row's Exclude box: Space then ticks it.
    if (watched == m_ui->extensionFilter && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down && m_filter->rowCount() > 0) {
        m_ui->extensionTable->setFocus();
        m_ui->extensionTable->setCurrentIndex(m_filter->index(0, ExtensionModel::Exclude));
        return true;
    }
    return QDialog::eventFilter(watched, event);
}

vv::app::EstimateInput EditVaultDialog::estimateInput() const
{
    vv::app::EstimateInput in;
    in.users = m_ui->usersSpin->value();
    in.monthsToKeep = m_ui->monthsSpin->value();
    in.minutesPerUserPerMonth = m_ui->minutesSpin->value();
    in.measuredBytesPerMinute = m_bytesPerMinute;
    in.agentBytesPerMinute = m_agentBytesPerMinute;
    in.pricePerGbMonth = m_ui->priceSpin->value();
    return in;
}

void EditVaultDialog::updateEstimate()
{
    const vv::app::EstimateInput in = estimateInput();
    const vv::app::Estimate e = CapacityEstimator::estimate(in);
    const qint64 hours = qint64(e.minutes / 60);
    // In the reseller's terms: minutes of calls, months kept, space, pounds.
    m_ui->estimateResult->setText(
        tr("%1 users talking %2 minutes a month, kept %3 months: %4 minutes of calls (about %5 hours). That needs "
           "%6, which costs you %7 a month once the vault is that full (at %8 per GB a month).")
            .arg(in.users)
            .arg(QLocale().toString(qint64(in.minutesPerUserPerMonth)))
            .arg(QLocale().toString(in.monthsToKeep, 'g', 4))
            .arg(QLocale().toString(qint64(e.minutes)), QLocale().toString(hours), format::gbValue(e.gb),
                 format::pounds(e.monthlyCost), format::pounds(in.pricePerGbMonth)));
    const QString perGb = QLocale().toString(qint64(std::round(1e9 / e.bytesPerMinute / 100) * 100));
    QString basis;
    switch (e.basis) {
    case vv::app::Estimate::Basis::Vault:
        basis = tr("Based on what this vault's recordings really take: about %1 minutes of calls per GB.").arg(perGb);
        break;
    case vv::app::Estimate::Basis::Agent:
        basis = tr("Nothing is recorded in this vault yet, so this uses what recordings take on this server: about %1 "
                   "minutes of calls per GB.")
                    .arg(perGb);
        break;
    case vv::app::Estimate::Basis::Encoder:
        basis = tr("Nothing is recorded on this server yet, so this assumes the most a recording can take: about %1 "
                   "minutes of calls per GB. Real calls usually take less.")
                    .arg(perGb);
        break;
    }
    m_ui->estimateBasis->setText(
        basis + QLatin1Char('\n') +
        tr("For comparison, the usual rule of thumb for uncompressed phone audio (2,000 minutes per GB) would say %1.")
            .arg(format::gbValue(e.ruleOfThumbGb)));
    m_ui->useAsCapButton->setEnabled(e.bytes > 0);
}

void EditVaultDialog::setSelectionOfShown(bool excluded)
{
    for (int r = 0; r < m_filter->rowCount(); ++r)
        m_filter->setData(m_filter->index(r, ExtensionModel::Exclude), excluded ? Qt::Checked : Qt::Unchecked,
                          Qt::CheckStateRole);
}

vv::net::VaultSettingsChange EditVaultDialog::settingsToSave() const
{
    vv::net::VaultSettingsChange change;
    change.enabled = m_ui->enabledCheck->isChecked();
    change.cap = m_ui->indefiniteCheck->isChecked() ? std::optional<qint64>()
                                                    : std::optional<qint64>(bytesOfGb(m_ui->capSpin->value()));
    change.excluded = m_extensions->excluded();
    change.retentionMonths =
        m_ui->retentionCheck->isChecked() ? std::optional<int>(m_ui->retentionSpin->value()) : std::optional<int>();
    // Sent only when changed: a price set in the agent's config file is not rewritten by a rounding here.
    if (!m_settings || std::abs(m_ui->priceSpin->value() - m_settings->pricePerGbMonth) >= 0.005)
        change.pricePerGbMonth = m_ui->priceSpin->value();
    return change;
}

// Every save asks the agent first what the change would remove (its numbers,
// not ours: our usage may be stale or missing), and a change that removes
// anything is sent with the plan the person was shown, so it cannot remove
// more than they agreed to.
void EditVaultDialog::save()
{
    if (!m_loaded || m_saving)
        return;
    vv::net::VaultSettingsChange body = settingsToSave();
    m_saving = true;
    setBusy(true, tr("Checking what this change would remove…"));
    m_client->putSettings(m_vaultId, body, true, this, [this, body](const ApiResult &r) mutable {
        m_saving = false;
        setBusy(false);
        QString error = r.ok() ? QString() : r.errorString;
        const auto plan = r.ok() ? vv::net::answerAs<vv::net::EvictionPlan>(r, &error) : std::nullopt;
        if (!plan) {
            fail(tr("Not saved: the agent could not say what this change would remove (%1). "
                    "Your changes are still here; try again.")
                     .arg(error));
            return;
        }
        body.plan = plan->plan;
        if (plan->recordingsRemoved() == 0) {
            put(body);
            return;
        }
        QStringList parts;
        if (plan->recordingsExpired > 0)
            parts << tr("deletes the %n recording(s) older than the retention limit (%1)", nullptr,
                        int(plan->recordingsExpired))
                         .arg(format::gb(plan->bytesExpired));
        if (plan->recordingsEvicted > 0)
            parts << tr("overwrites the %n oldest recording(s) to get under the cap (%1)", nullptr,
                        int(plan->recordingsEvicted))
                         .arg(format::gb(plan->bytesEvicted));
        QString text = tr("This vault holds %1. Saving %2 now; they cannot be recovered.")
                           .arg(format::gb(plan->bytesUsed), parts.join(tr(" and ")));
        if (!plan->reachable)
            text += QLatin1Char('\n') + tr("Protected recordings alone exceed this cap, so the vault will stay over it "
                                           "until their protection is removed.");
        text += QLatin1Char('\n') + tr("Save anyway?");
        if (!Prompts::ask(this, Prompts::Kind::ConfirmDestructive, tr("Remove recordings?"), text)) {
            setBusy(false, tr("Not saved: nothing was removed."));
            return;
        }
        put(body);
    });
}

void EditVaultDialog::put(const vv::net::VaultSettingsChange &body)
{
    m_saving = true;
    setBusy(true, tr("Saving…"));
    m_client->putSettings(m_vaultId, body, false, this, [this](const ApiResult &r) {
        m_saving = false;
        setBusy(false);
        if (r.httpStatus == 409 && r.problemField == u"plan") {
            fail(tr("Not saved: the vault changed while you were deciding, so the numbers you saw are out of date. "
                    "Save again to see the new ones."));
            return;
        }
        if (!r.ok()) {
            fail(r.problemField.isEmpty()
                     ? tr("Not saved: %1. Your changes are still here; try again.").arg(r.errorString)
                     : tr("Not saved: %1 (%2). Correct it and save again.").arg(r.errorString, r.problemField));
            return;
        }
        qCInfo(lcAppUi) << "vault" << m_vaultId << "settings saved";
        const QString mode = chosenEncryption();
        if (m_encryption.isEmpty() || mode == m_encryption.value(QStringLiteral("mode")).toString())
            return accept();
        setBusy(true, tr("Saving…"));
        m_client->setEncryptionMode(m_vaultId, mode, this, [this](const ApiResult &e) {
            setBusy(false);
            if (!e.ok())
                return fail(tr("The settings were saved, but not the encryption: %1").arg(e.errorString));
            qCInfo(lcAppUi) << "vault" << m_vaultId << "encryption" << chosenEncryption();
            accept();
        });
    });
}

QString EditVaultDialog::chosenEncryption() const
{
    return kModes.value(m_ui->encryptionCombo->currentIndex(), kModes.first());
}

// What the chosen mode means, in the reseller's terms, and what cannot be undone.
void EditVaultDialog::updateEncryptionNote()
{
    if (m_encryption.isEmpty()) {
        m_ui->privacyGroup->setEnabled(false);
        m_ui->encryptionNote->setText(tr("This recorder keeps recordings as plain files; update it to encrypt them."));
        return;
    }
    const bool customerHolds = m_encryption.value(QStringLiteral("holder")).toString() == u"customer";
    m_ui->encryptionCombo->setEnabled(!customerHolds);
    const QString mode = chosenEncryption();
    QString note;
    if (customerHolds)
        note = tr("Only the customer can listen: they hold the key. You still see sizes, counts and details, and "
                  "bill as before. Only the customer could hand the key back.");
    else if (mode == u"off")
        note = tr("New recordings are kept as plain files, readable by anyone who gets the disk or a backup. "
                  "Encrypted ones stay encrypted.");
    else if (mode == u"agent")
        note = tr("New recordings are encrypted with a key the recorder keeps apart from them: a lost disk or a "
                  "stolen backup holds nothing anyone can play. You and the customer listen as before.");
    else
        note = tr("The customer makes their own key the next time they sign in; until then recordings are encrypted "
                  "with the recorder's key. From then on neither you nor whoever runs the recorder can listen, "
                  "and if the customer loses their key and recovery phrase the recordings are lost.");
    m_ui->encryptionNote->setText(note);
}

void EditVaultDialog::fail(const QString &message)
{
    m_ui->statusLabel->setText(message);
    Q_EMIT saveFailed(message);
}

} // namespace vv::ui
