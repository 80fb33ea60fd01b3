#pragma once
// Servers → Manage servers: the agents this app knows, renamed in place, removed (with the services linked to
// them, after confirmation), and re-checked: a fresh connection that compares the certificate presented with the
// pinned one. A changed certificate is shown old beside new and trusted again only after the user confirms.
#include "appcontext.h"

#include <QDialog>

namespace Ui {
class ManageServersDialog;
}

namespace vv::ui {

class ManageServersDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column { Name, Url, User, Certificate, State, ColumnCount };

    ManageServersDialog(const AppContext &context, QWidget *parent = nullptr);
    ~ManageServersDialog() override;

    qint64 serverAt(int row) const;
    void selectServer(qint64 serverId);

public Q_SLOTS:
    void reload();
    void renameSelected();
    void removeSelected();
    void recheckSelected();

Q_SIGNALS:
    void serversChanged();
    void rechecked(qint64 serverId, const QString &state);

private:
    void setState(qint64 serverId, const QString &text, bool bad);
    void onNameEdited(int row, int column);

    Ui::ManageServersDialog *m_ui;
    AppContext m_context;
    bool m_loading = false;
};

} // namespace vv::ui
