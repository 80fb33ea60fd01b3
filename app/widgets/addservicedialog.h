#pragma once
// Binds a vault on a registered server to a customer: pick the server, then an existing vault or create one.
#include "appcontext.h"

#include <QDialog>

namespace Ui {
class AddServiceDialog;
}

namespace vv::ui {

class AddServiceDialog : public QDialog
{
    Q_OBJECT
public:
    AddServiceDialog(const AppContext &context, qint64 customerId, QWidget *parent = nullptr);
    ~AddServiceDialog() override;
    void accept() override;

private:
    void loadVaults();
    void bind(qint64 serverId, qint64 vaultId, const QString &vaultName);
    void setBusy(bool busy, const QString &message = {});

    Ui::AddServiceDialog *m_ui;
    AppContext m_context;
    qint64 m_customerId;
};

} // namespace vv::ui
