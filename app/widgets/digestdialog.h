#pragma once
// A customer (or reseller) subscribes an e-mail address to a vault's daily digest, optionally to its alerts too,
// and sees or ends the subscriptions that exist. The agent checks the address and that the vault is theirs.
#include "apimodel.h"

#include <QDialog>

namespace Ui {
class DigestDialog;
}
namespace vv::net {
class AgentClient;
}

namespace vv::ui {

class DigestDialog : public QDialog
{
    Q_OBJECT
public:
    DigestDialog(vv::net::AgentClient *client, qint64 vaultId, QWidget *parent = nullptr);
    ~DigestDialog() override;

    const QList<vv::net::Subscription> &subscriptions() const { return m_mine; }

public Q_SLOTS:
    void reload();
    void subscribe();
    void unsubscribe();

Q_SIGNALS:
    void loaded();

private:
    Ui::DigestDialog *m_ui;
    vv::net::AgentClient *m_client;
    qint64 m_vaultId;
    QList<vv::net::Subscription> m_mine; // e-mail subscriptions to this vault
};

} // namespace vv::ui
