#pragma once
// Edit VIP Vault (steps 4-7 of the reseller's walk): recording on/off, a cap in GB or "allow vault to grow
// indefinitely", the extensions excluded from recording, current usage and an estimator. A cap below what the
// vault holds is first tried as a dry run so the user sees how many recordings it would overwrite. Nothing
// changes on the agent until Save; a failed save keeps every edit in the dialog; Cancel discards.
#include "apimodel.h"
#include "capacityestimator.h"

#include <QDialog>
#include <QJsonObject>
#include <optional>

namespace Ui {
class EditVaultDialog;
}
namespace vv::net {
class AgentClient;
struct ApiResult;
} // namespace vv::net
namespace vv::app {
class ExtensionModel;
}
class QSortFilterProxyModel;

namespace vv::ui {

class EditVaultDialog : public QDialog
{
    Q_OBJECT
public:
    EditVaultDialog(vv::net::AgentClient *client, qint64 vaultId, const QString &vaultName, QWidget *parent = nullptr);
    ~EditVaultDialog() override;

    bool isLoaded() const { return m_loaded; }
    bool isSaving() const { return m_saving; }
    // What Save sends (PUT settings).
    vv::net::VaultSettingsChange settingsToSave() const;

public Q_SLOTS:
    void save();

Q_SIGNALS:
    void loaded();
    void saveFailed(const QString &reason);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void load();
    void loadFinished();
    void fail(const QString &message);
    void updateStorage();
    void updateEncryptionNote();
    QString chosenEncryption() const;
    vv::app::EstimateInput estimateInput() const;
    void updateEstimate();
    void setSelectionOfShown(bool excluded);
    void put(const vv::net::VaultSettingsChange &change);
    void setBusy(bool busy, const QString &message = {});

    Ui::EditVaultDialog *m_ui;
    vv::net::AgentClient *m_client;
    qint64 m_vaultId;
    vv::app::ExtensionModel *m_extensions;
    QSortFilterProxyModel *m_filter;
    std::optional<vv::net::VaultSettings> m_settings;
    QJsonObject m_encryption; // GET /vaults/{id}/encryption; empty when the recorder has none
    std::optional<vv::net::VaultUsage> m_usage;
    QList<vv::net::Extension> m_extensionItems;
    int m_pending = 0;
    QStringList m_loadErrors;
    bool m_loaded = false;
    bool m_saving = false;
    std::optional<double> m_bytesPerMinute;
    std::optional<double> m_agentBytesPerMinute; // over every vault of the agent
};

} // namespace vv::ui
