#pragma once
// The agent's audit log for the reseller, for one vault: who signed in, played, downloaded, protected or deleted
// which recording, changed settings or logins. Filtered by user, recording and action; paged from the newest.
#include <QDialog>
#include <QPointer>
#include <memory>

namespace Ui {
class AuditDialog;
}
namespace vv::net {
class AgentClient;
struct ApiResult;
} // namespace vv::net

namespace vv::ui {

class AuditDialog : public QDialog
{
    Q_OBJECT
public:
    AuditDialog(vv::net::AgentClient *client, qint64 vaultId, const QString &vaultName, QWidget *parent = nullptr);
    ~AuditDialog() override;

    // An action in words ("protect" → "protected a recording").
    static QString actionInWords(const QString &action);

public Q_SLOTS:
    void search(); // from the newest, with the filters as they are

Q_SIGNALS:
    void loaded(); // a page arrived (or failed: statusLabel says why)

private:
    void load(bool more);
    void showPage(const vv::net::ApiResult &r, bool more);

    std::unique_ptr<Ui::AuditDialog> m_ui;
    QPointer<vv::net::AgentClient> m_client;
    qint64 m_vaultId;
    QString m_cursor;
};

} // namespace vv::ui
